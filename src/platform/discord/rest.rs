//! Discord's REST API, through our own reqwest client: every call the bot makes.
//!
//! serenity's HTTP client is not used for these: pointed at a test server its rate limiter must
//! be switched off, and then it does nothing on a 429 (its error even drops the headers). Here a
//! 429 becomes [`RestError::retry_after`], read from the body's `retry_after` or the
//! `X-RateLimit-Reset-After` / `Retry-After` headers, and the relay's outbox waits that long.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::relay::Failure;

/// Discord's error code for "Cannot send messages to this user" (DMs closed or blocked).
pub const CANNOT_DM: u64 = 50007;
/// Discord's error code for an interaction answered twice.
pub const ALREADY_ACKNOWLEDGED: u64 = 40060;
/// Discord's error code for an interaction that expired or is unknown.
pub const UNKNOWN_INTERACTION: u64 = 10062;

/// A file sent with a message (the digest's chart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name Discord shows.
    pub file_name: String,
    /// PNG bytes.
    pub bytes: Vec<u8>,
}

/// Why a call failed, as Discord said it.
#[derive(Debug, Clone, PartialEq)]
pub struct RestError {
    /// The HTTP status, or `None` when Discord was not reached.
    pub status: Option<u16>,
    /// Discord's JSON error code, when the body had one.
    pub code: Option<u64>,
    /// Discord's message, or the network error.
    pub message: String,
    /// How long Discord asked us to wait (429 only).
    pub retry_after: Option<Duration>,
}

impl std::fmt::Display for RestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.status, self.code) {
            (Some(s), Some(c)) => write!(f, "HTTP {s}, code {c}: {}", self.message),
            (Some(s), None) => write!(f, "HTTP {s}: {}", self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for RestError {}

impl RestError {
    /// What the relay should do about it.
    pub fn failure(&self) -> Failure {
        match self.status {
            None => Failure::Transient(self.to_string()),
            Some(429) => Failure::RateLimited(self.retry_after.unwrap_or(Duration::from_secs(1))),
            Some(401) => Failure::Unauthorized(self.to_string()),
            Some(s) if s >= 500 => Failure::Transient(self.to_string()),
            Some(_) => Failure::Permanent(self.to_string()),
        }
    }

    /// Whether the person does not take DMs from the bot.
    pub fn cannot_dm(&self) -> bool {
        self.code == Some(CANNOT_DM)
    }
}

/// How long a 429 asks us to wait: the body's `retry_after` (seconds, fractional), else the
/// `X-RateLimit-Reset-After` header, else `Retry-After`.
pub fn retry_after(headers: &reqwest::header::HeaderMap, body: &Value) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
    };
    body.get("retry_after")
        .and_then(Value::as_f64)
        .or_else(|| header("x-ratelimit-reset-after"))
        .or_else(|| header("retry-after"))
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(3600.0)))
}

/// The REST client: the base URL and the bot token.
#[derive(Clone)]
pub struct Rest {
    http: reqwest::Client,
    base: String,
    authorization: String,
}

impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rest").field("base", &self.base).finish()
    }
}

impl Rest {
    /// A client calling `base` (`{origin}/api/v10`) as the bot.
    pub fn new(http: reqwest::Client, base: String, token: &str) -> Rest {
        Rest {
            http,
            base,
            authorization: format!("Bot {token}"),
        }
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Result<Value, RestError> {
        let response = request
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
            .header(
                reqwest::header::USER_AGENT,
                concat!("DiscordBot (ambassador, ", env!("CARGO_PKG_VERSION"), ")"),
            )
            .send()
            .await
            .map_err(|e| RestError {
                status: None,
                code: None,
                message: e.to_string(),
                retry_after: None,
            })?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap_or_default();
        let body: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        if status.is_success() {
            return Ok(body);
        }
        Err(RestError {
            status: Some(status.as_u16()),
            code: body.get("code").and_then(Value::as_u64),
            message: body
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| String::from_utf8_lossy(&bytes).chars().take(300).collect()),
            retry_after: (status == StatusCode::TOO_MANY_REQUESTS)
                .then(|| retry_after(&headers, &body))
                .flatten(),
        })
    }

    /// A JSON call (`body` `None` sends none).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, RestError> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(body);
        }
        self.send(request).await
    }

    /// A call carrying files: `payload_json` plus `files[n]` parts, as Discord takes
    /// attachments; without files it is a JSON call.
    pub async fn call_with_files(
        &self,
        method: Method,
        path: &str,
        payload: &Value,
        files: &[Attachment],
    ) -> Result<Value, RestError> {
        if files.is_empty() {
            return self.call(method, path, Some(payload)).await;
        }
        let mut payload = payload.clone();
        if let Some(object) = payload.as_object_mut() {
            object.insert(
                "attachments".into(),
                Value::Array(
                    files
                        .iter()
                        .enumerate()
                        .map(|(i, f)| json!({"id": i, "filename": f.file_name}))
                        .collect(),
                ),
            );
        }
        let mut form = reqwest::multipart::Form::new().part(
            "payload_json",
            reqwest::multipart::Part::text(payload.to_string())
                .mime_str("application/json")
                .map_err(|e| local_error(e.to_string()))?,
        );
        for (i, file) in files.iter().enumerate() {
            form = form.part(
                format!("files[{i}]"),
                reqwest::multipart::Part::bytes(file.bytes.clone())
                    .file_name(file.file_name.clone())
                    .mime_str("image/png")
                    .map_err(|e| local_error(e.to_string()))?,
            );
        }
        let request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .multipart(form);
        self.send(request).await
    }

    /// The application the token belongs to (its id names the commands' address).
    pub async fn application(&self) -> Result<Value, RestError> {
        self.call(Method::GET, "/oauth2/applications/@me", None)
            .await
    }

    /// The guilds the bot is in.
    pub async fn guilds(&self) -> Result<Vec<Value>, RestError> {
        let v = self.call(Method::GET, "/users/@me/guilds", None).await?;
        Ok(v.as_array().cloned().unwrap_or_default())
    }

    /// Replaces the guild's commands with `commands`, all at once.
    pub async fn overwrite_guild_commands(
        &self,
        application_id: &str,
        guild_id: &str,
        commands: &Value,
    ) -> Result<Value, RestError> {
        self.call(
            Method::PUT,
            &format!("/applications/{application_id}/guilds/{guild_id}/commands"),
            Some(commands),
        )
        .await
    }

    /// Every member of a guild: pages of 1,000 by user id, `after` the last one, until a
    /// short page.
    pub async fn all_members(&self, guild_id: &str) -> Result<Vec<Value>, RestError> {
        const PAGE: usize = 1000;
        let mut members = Vec::new();
        let mut after = "0".to_string();
        loop {
            let page = self
                .call(
                    Method::GET,
                    &format!("/guilds/{guild_id}/members?limit={PAGE}&after={after}"),
                    None,
                )
                .await?;
            let page = page.as_array().cloned().unwrap_or_default();
            let last = page
                .last()
                .and_then(|m| m.get("user"))
                .and_then(|u| u.get("id"))
                .and_then(Value::as_str)
                .map(str::to_string);
            let short = page.len() < PAGE;
            members.extend(page);
            match last {
                Some(id) if !short => after = id,
                _ => return Ok(members),
            }
        }
    }

    /// A guild's roles.
    pub async fn roles(&self, guild_id: &str) -> Result<Vec<Value>, RestError> {
        let v = self
            .call(Method::GET, &format!("/guilds/{guild_id}/roles"), None)
            .await?;
        Ok(v.as_array().cloned().unwrap_or_default())
    }

    /// A guild's channels.
    pub async fn channels(&self, guild_id: &str) -> Result<Vec<Value>, RestError> {
        let v = self
            .call(Method::GET, &format!("/guilds/{guild_id}/channels"), None)
            .await?;
        Ok(v.as_array().cloned().unwrap_or_default())
    }

    /// The DM channel with a person (Discord returns the same one every time).
    pub async fn open_dm(&self, user_id: &str) -> Result<String, RestError> {
        let v = self
            .call(
                Method::POST,
                "/users/@me/channels",
                Some(&json!({ "recipient_id": user_id })),
            )
            .await?;
        v.get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| local_error("the DM channel came back without an id".into()))
    }

    /// Posts a message in a channel.
    pub async fn create_message(
        &self,
        channel_id: &str,
        payload: &Value,
        files: &[Attachment],
    ) -> Result<Value, RestError> {
        self.call_with_files(
            Method::POST,
            &format!("/channels/{channel_id}/messages"),
            payload,
            files,
        )
        .await
    }

    /// Answers an interaction (within its 3 seconds).
    pub async fn callback(
        &self,
        interaction_id: &str,
        token: &str,
        response: &Value,
        files: &[Attachment],
    ) -> Result<Value, RestError> {
        self.call_with_files(
            Method::POST,
            &format!("/interactions/{interaction_id}/{token}/callback"),
            response,
            files,
        )
        .await
    }

    /// Replaces the "thinking…" of a deferred answer with the answer.
    pub async fn edit_original(
        &self,
        application_id: &str,
        token: &str,
        payload: &Value,
        files: &[Attachment],
    ) -> Result<Value, RestError> {
        self.call_with_files(
            Method::PATCH,
            &format!("/webhooks/{application_id}/{token}/messages/@original"),
            payload,
            files,
        )
        .await
    }

    /// One more message in answer to an interaction.
    pub async fn follow_up(
        &self,
        application_id: &str,
        token: &str,
        payload: &Value,
        files: &[Attachment],
    ) -> Result<Value, RestError> {
        self.call_with_files(
            Method::POST,
            &format!("/webhooks/{application_id}/{token}"),
            payload,
            files,
        )
        .await
    }
}

fn local_error(message: String) -> RestError {
    RestError {
        status: None,
        code: None,
        message,
        retry_after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    #[test]
    fn the_bodys_retry_after_wins_then_the_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", HeaderValue::from_static("65"));
        headers.insert("x-ratelimit-reset-after", HeaderValue::from_static("64.57"));
        let body =
            json!({"message": "You are being rate limited.", "retry_after": 1.5, "global": false});
        assert_eq!(
            retry_after(&headers, &body),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            retry_after(&headers, &json!({})),
            Some(Duration::from_secs_f64(64.57))
        );
        headers.remove("x-ratelimit-reset-after");
        assert_eq!(
            retry_after(&headers, &Value::Null),
            Some(Duration::from_secs(65))
        );
        assert_eq!(
            retry_after(&HeaderMap::new(), &json!({"retry_after": -1})),
            None
        );
    }

    #[test]
    fn failures_are_sorted_by_what_to_do() {
        let e = |status: Option<u16>, code: Option<u64>| RestError {
            status,
            code,
            message: "m".into(),
            retry_after: Some(Duration::from_secs(2)),
        };
        assert_eq!(
            e(Some(429), None).failure(),
            Failure::RateLimited(Duration::from_secs(2))
        );
        assert!(matches!(
            e(Some(503), None).failure(),
            Failure::Transient(_)
        ));
        assert!(matches!(e(None, None).failure(), Failure::Transient(_)));
        assert!(matches!(
            e(Some(401), None).failure(),
            Failure::Unauthorized(_)
        ));
        assert!(matches!(
            e(Some(403), Some(CANNOT_DM)).failure(),
            Failure::Permanent(_)
        ));
        assert!(e(Some(403), Some(CANNOT_DM)).cannot_dm());
    }
}
