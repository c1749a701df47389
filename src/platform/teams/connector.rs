//! The Bot Connector REST API, the way the bot calls Teams: an OAuth2 client-credentials token
//! (cached until shortly before it expires) and the handful of calls the bot makes.
//!
//! | call | request |
//! |---|---|
//! | create a 1:1 chat | `POST {serviceUrl}/v3/conversations` |
//! | send | `POST …/v3/conversations/{id}/activities` |
//! | reply in a thread | `POST …/v3/conversations/{id}/activities/{activityId}` |
//! | update a card | `PUT …/v3/conversations/{id}/activities/{activityId}` |
//! | roster | `GET …/v3/conversations/{id}/pagedmembers` |
//! | a team's channels | `GET …/v3/teams/{teamId}/conversations` |
//!
//! Every call goes to a `serviceUrl` that arrived in a verified activity, and only when its
//! host is on the allowlist (`teams.service_url_hosts`): the bot's token never leaves for a
//! host it does not trust, whatever an activity says. Failures are sorted for the relay
//! ([`Failure`]): 429 with its `Retry-After`, 5xx, 412 and network errors retried, a refused
//! token forgotten and fetched again once.

use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use super::config::{TeamsConfig, host_allowed};
use crate::relay::Failure;
use crate::relay::outbox::DEFAULT_RETRY_AFTER;

/// The scope of the bot's own tokens for the Bot Connector.
pub const BOT_FRAMEWORK_SCOPE: &str = "https://api.botframework.com/.default";

/// A token is fetched again this long before it expires, so no call carries one that expires
/// in flight.
const REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// People per roster page asked for (Teams allows up to 500).
const ROSTER_PAGE: u32 = 500;

/// Characters left as they are in a path segment: RFC 3986's unreserved ones. Teams ids hold
/// `:`, `@` and `;`, which are encoded, as the Bot Framework SDKs do.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The bot's side of the Bot Connector.
pub struct Connector {
    http: reqwest::Client,
    app_id: String,
    app_password: String,
    token_endpoint: String,
    allowed_hosts: Vec<String>,
    token: Mutex<Option<(String, Instant)>>,
}

/// One page of a conversation's members.
#[derive(Debug, Clone, Default)]
pub struct MembersPage {
    /// The members as Teams describes them (`id`, `aadObjectId`, `email`,
    /// `userPrincipalName`, `name`, …).
    pub members: Vec<Value>,
    /// Where the next page starts; `None` on the last.
    pub continuation_token: Option<String>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl Connector {
    /// The client for the configured app.
    pub fn new(config: &TeamsConfig, http: reqwest::Client) -> Connector {
        Connector {
            http,
            app_id: config.app_id().to_string(),
            app_password: config.credentials.app_password.clone().unwrap_or_default(),
            token_endpoint: config.credentials.token_endpoint(),
            allowed_hosts: config.settings.service_url_hosts.clone(),
            token: Mutex::new(None),
        }
    }

    /// Whether the bot may call this `serviceUrl`: https on an allowed host, or plain http on
    /// an allowed loopback host (tests).
    pub fn service_url_allowed(&self, service_url: &str) -> bool {
        let Ok(url) = url::Url::parse(service_url) else {
            return false;
        };
        let Some(host) = url.host_str() else {
            return false;
        };
        let loopback = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
        let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && loopback);
        scheme_ok
            && url.username().is_empty()
            && url.password().is_none()
            && host_allowed(&self.allowed_hosts, host)
    }

    /// Forgets the cached token (the Connector refused it).
    pub async fn forget_token(&self) {
        *self.token.lock().await = None;
    }

    /// The bot's token, from the cache while it has more than a few minutes left.
    pub async fn token(&self) -> Result<String, Failure> {
        let mut cached = self.token.lock().await;
        if let Some((token, until)) = cached.as_ref()
            && Instant::now() + REFRESH_MARGIN < *until
        {
            return Ok(token.clone());
        }
        let response = self
            .http
            .post(&self.token_endpoint)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.app_id.as_str()),
                ("client_secret", self.app_password.as_str()),
                ("scope", BOT_FRAMEWORK_SCOPE),
            ])
            .send()
            .await
            .map_err(|e| Failure::Transient(format!("the token endpoint: {e}")))?;
        let status = response.status().as_u16();
        match status {
            200..=299 => {}
            429 => return Err(Failure::RateLimited(retry_after(&response))),
            400 | 401 | 403 => {
                let body = response.text().await.unwrap_or_default();
                return Err(Failure::Unauthorized(format!(
                    "Microsoft refused TEAMS_APP_ID and TEAMS_APP_PASSWORD ({status}): {}",
                    error_description(&body)
                )));
            }
            _ => {
                return Err(Failure::Transient(format!(
                    "the token endpoint answered {status}"
                )));
            }
        }
        let answer: TokenAnswer = response
            .json()
            .await
            .map_err(|e| Failure::Transient(format!("unreadable token answer: {e}")))?;
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600));
        *cached = Some((answer.access_token.clone(), Instant::now() + lifetime));
        Ok(answer.access_token)
    }

    /// A Connector URL: `service_url` followed by the path's segments, each encoded.
    pub fn url(&self, service_url: &str, segments: &[&str]) -> Result<String, Failure> {
        if !self.service_url_allowed(service_url) {
            return Err(Failure::Permanent(format!(
                "the serviceUrl {service_url} is not on teams.service_url_hosts"
            )));
        }
        let mut url = service_url.trim_end_matches('/').to_string();
        for segment in segments {
            url.push('/');
            url.extend(utf8_percent_encode(segment, SEGMENT));
        }
        Ok(url)
    }

    /// One call with the bot's token; a refused token is fetched again once.
    async fn call(
        &self,
        method: reqwest::Method,
        url: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Result<Value, Failure> {
        let mut refreshed = false;
        loop {
            let token = self.token().await?;
            let mut request = self
                .http
                .request(method.clone(), url)
                .bearer_auth(&token)
                .query(query);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = request
                .send()
                .await
                .map_err(|e| Failure::Transient(format!("{method} {url}: {e}")))?;
            let status = response.status().as_u16();
            match status {
                200..=299 => {
                    let text = response.text().await.unwrap_or_default();
                    return Ok(serde_json::from_str(&text).unwrap_or(Value::Null));
                }
                401 if !refreshed => {
                    self.forget_token().await;
                    refreshed = true;
                }
                401 => {
                    return Err(Failure::Unauthorized(format!(
                        "the Connector refused a fresh token for {url}"
                    )));
                }
                429 => return Err(Failure::RateLimited(retry_after(&response))),
                412 | 500..=599 => {
                    return Err(Failure::Transient(format!(
                        "{method} {url} answered {status}"
                    )));
                }
                _ => {
                    let body = response.text().await.unwrap_or_default();
                    return Err(Failure::Permanent(format!(
                        "{method} {url} answered {status}: {}",
                        body.chars().take(300).collect::<String>()
                    )));
                }
            }
        }
    }

    /// Creates (or finds: Teams returns the same one) the bot's 1:1 chat with a person;
    /// returns its conversation id.
    pub async fn create_conversation(
        &self,
        service_url: &str,
        bot_id: &str,
        user_id: &str,
        tenant_id: &str,
    ) -> Result<String, Failure> {
        let url = self.url(service_url, &["v3", "conversations"])?;
        let body = json!({
            "bot": { "id": bot_id },
            "members": [{ "id": user_id }],
            "isGroup": false,
            "tenantId": tenant_id,
            "channelData": { "tenant": { "id": tenant_id } },
        });
        let answer = self
            .call(reqwest::Method::POST, &url, &[], Some(&body))
            .await?;
        answer
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| Failure::Permanent("a created conversation came back without id".into()))
    }

    /// Sends an activity into a conversation (a new post in a channel), or, with `reply_to`,
    /// as a reply to one of its activities (in that activity's thread); returns the new id.
    pub async fn send(
        &self,
        service_url: &str,
        conversation_id: &str,
        reply_to: Option<&str>,
        activity: &Value,
    ) -> Result<Option<String>, Failure> {
        let mut segments = vec!["v3", "conversations", conversation_id, "activities"];
        segments.extend(reply_to);
        let url = self.url(service_url, &segments)?;
        let answer = self
            .call(reqwest::Method::POST, &url, &[], Some(activity))
            .await?;
        Ok(answer.get("id").and_then(Value::as_str).map(str::to_string))
    }

    /// Replaces a sent activity (a card, refreshed in place).
    pub async fn update(
        &self,
        service_url: &str,
        conversation_id: &str,
        activity_id: &str,
        activity: &Value,
    ) -> Result<(), Failure> {
        let url = self.url(
            service_url,
            &[
                "v3",
                "conversations",
                conversation_id,
                "activities",
                activity_id,
            ],
        )?;
        self.call(reqwest::Method::PUT, &url, &[], Some(activity))
            .await
            .map(|_| ())
    }

    /// One page of a conversation's members (a team's roster, through its General channel).
    pub async fn members_page(
        &self,
        service_url: &str,
        conversation_id: &str,
        continuation_token: Option<&str>,
    ) -> Result<MembersPage, Failure> {
        let url = self.url(
            service_url,
            &["v3", "conversations", conversation_id, "pagedmembers"],
        )?;
        let size = ROSTER_PAGE.to_string();
        let mut query = vec![("pageSize", size.as_str())];
        if let Some(token) = continuation_token {
            query.push(("continuationToken", token));
        }
        let answer = self.call(reqwest::Method::GET, &url, &query, None).await?;
        Ok(MembersPage {
            members: answer
                .get("members")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            continuation_token: answer
                .get("continuationToken")
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        })
    }

    /// Every member of a conversation, page by page.
    pub async fn all_members(
        &self,
        service_url: &str,
        conversation_id: &str,
    ) -> Result<Vec<Value>, Failure> {
        let mut members = Vec::new();
        let mut next: Option<String> = None;
        // A Connector that kept handing out tokens would otherwise keep the sync going for
        // ever: 2,000 pages is a million people.
        for _ in 0..2_000 {
            let page = self
                .members_page(service_url, conversation_id, next.as_deref())
                .await?;
            members.extend(page.members);
            match page.continuation_token {
                Some(token) if Some(&token) != next.as_ref() => next = Some(token),
                _ => return Ok(members),
            }
        }
        Ok(members)
    }

    /// A team's channels as `(id, name)`; the General channel comes without a name.
    pub async fn team_channels(
        &self,
        service_url: &str,
        team_id: &str,
    ) -> Result<Vec<(String, Option<String>)>, Failure> {
        let url = self.url(service_url, &["v3", "teams", team_id, "conversations"])?;
        let answer = self.call(reqwest::Method::GET, &url, &[], None).await?;
        Ok(answer
            .get("conversations")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|c| {
                        let id = c.get("id")?.as_str()?.to_string();
                        let name = c.get("name").and_then(Value::as_str).map(str::to_string);
                        Some((id, name))
                    })
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// How long a 429 asks to wait: `Retry-After` in seconds, else the relay's default.
fn retry_after(response: &reqwest::Response) -> Duration {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_RETRY_AFTER)
}

/// The useful part of an OAuth error answer.
fn error_description(body: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    parsed
        .as_ref()
        .and_then(|v| v.get("error_description").or_else(|| v.get("error")))
        .and_then(Value::as_str)
        .map(|s| s.lines().next().unwrap_or_default().to_string())
        .unwrap_or_else(|| body.chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::teams::config::{TeamsCredentials, TeamsSettings};

    fn connector(hosts: &[&str]) -> Connector {
        let mut settings: TeamsSettings = crate::config::defaults()
            .expect("defaults")
            .section("teams")
            .expect("[teams]");
        settings.service_url_hosts = hosts.iter().map(|h| h.to_string()).collect();
        let credentials = TeamsCredentials {
            app_id: Some("00000000-0000-0000-0000-000000000001".into()),
            app_password: Some("pw".into()),
            tenant_id: Some("00000000-0000-0000-0000-0000000000aa".into()),
            ..TeamsCredentials::from_lookup(|_| None).expect("none")
        };
        let config = TeamsConfig::new(settings, credentials).expect("config");
        Connector::new(&config, reqwest::Client::new())
    }

    #[test]
    fn only_allowed_hosts_get_calls() {
        let c = connector(&["smba.trafficmanager.net", "*.botframework.com", "127.0.0.1"]);
        assert!(c.service_url_allowed("https://smba.trafficmanager.net/amer/"));
        assert!(c.service_url_allowed("https://emea.botframework.com/"));
        assert!(c.service_url_allowed("http://127.0.0.1:8123/teams/"));
        for refused in [
            "http://smba.trafficmanager.net/amer/",
            "https://smba.trafficmanager.net.evil.example/",
            "https://user:pw@smba.trafficmanager.net/",
            "https://evil.example/",
            "not a url",
            "file:///etc/passwd",
        ] {
            assert!(!c.service_url_allowed(refused), "{refused}");
        }
        assert!(matches!(
            c.url("https://evil.example/", &["v3"]),
            Err(Failure::Permanent(_))
        ));
    }

    #[test]
    fn ids_are_encoded_in_paths() {
        let c = connector(&["smba.trafficmanager.net"]);
        assert_eq!(
            c.url(
                "https://smba.trafficmanager.net/amer/",
                &[
                    "v3",
                    "conversations",
                    "19:abc@thread.tacv2;messageid=1",
                    "activities"
                ]
            )
            .expect("allowed"),
            "https://smba.trafficmanager.net/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities"
        );
    }
}
