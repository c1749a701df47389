//! What the fake remembers of each request, and the small HTTP answer type its handlers share.

use std::collections::BTreeMap;
use std::time::Instant;

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value, json};

/// Which endpoint a request reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallKind {
    /// `GET /v1/.well-known/openidconfiguration`.
    OpenIdMetadata,
    /// `GET /v1/.well-known/keys`.
    Keys,
    /// `POST /{tenant}/oauth2/v2.0/token`.
    Token,
    /// `POST /v3/conversations` (CreateConversation).
    CreateConversation,
    /// `POST /v3/conversations/{id}/activities` (SendToConversation).
    SendToConversation,
    /// `POST /v3/conversations/{id}/activities/{activityId}` (ReplyToActivity).
    ReplyToActivity,
    /// `PUT /v3/conversations/{id}/activities/{activityId}` (UpdateActivity).
    UpdateActivity,
    /// `GET /v3/conversations/{id}/pagedmembers`.
    PagedMembers,
    /// `GET /v3/conversations/{id}/members/{memberId}`.
    Member,
    /// `GET /v3/teams/{teamId}`.
    TeamDetails,
    /// `GET /v3/teams/{teamId}/conversations`.
    TeamChannels,
    /// Anything the fake does not serve (answered 404).
    Unknown,
}

impl CallKind {
    /// Whether the call went to the Connector (the serviceUrl) rather than the login service.
    pub fn is_connector(self) -> bool {
        !matches!(
            self,
            CallKind::OpenIdMetadata | CallKind::Keys | CallKind::Token | CallKind::Unknown
        )
    }

    /// Whether the call sends or changes a message (what the size limit applies to).
    pub fn carries_activity(self) -> bool {
        matches!(
            self,
            CallKind::SendToConversation | CallKind::ReplyToActivity | CallKind::UpdateActivity
        )
    }
}

/// One request the fake received, and how it answered.
#[derive(Debug, Clone)]
pub struct RecordedCall {
    /// The endpoint reached.
    pub kind: CallKind,
    /// HTTP verb.
    pub method: Method,
    /// The path, percent-decoded (`/v3/conversations/a:1xyz/activities`).
    pub path: String,
    /// The path as sent, still percent-encoded, to check how the bot encoded the ids.
    pub raw_path: String,
    /// Query parameters, decoded.
    pub query: BTreeMap<String, String>,
    /// The `Authorization` header, as sent.
    pub authorization: Option<String>,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    /// The body: JSON as sent, a form as an object of strings, `Null` when empty or unreadable.
    pub body: Value,
    /// The body's length in bytes.
    pub body_len: usize,
    /// When it arrived.
    pub at: Instant,
    /// The HTTP status the fake answered.
    pub status: u16,
    /// Whether that answer was a failure armed by the test (`fail_next…`).
    pub injected: bool,
}

impl RecordedCall {
    pub(super) fn new(
        kind: CallKind,
        method: Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        let header_text = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header_text(header::CONTENT_TYPE);
        let query = uri
            .query()
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        Self {
            kind,
            method,
            path: percent_decode_str(uri.path())
                .decode_utf8_lossy()
                .into_owned(),
            raw_path: uri.path().to_owned(),
            query,
            authorization: header_text(header::AUTHORIZATION),
            body: parse_body(content_type.as_deref(), body),
            content_type,
            body_len: body.len(),
            at: Instant::now(),
            status: 0,
            injected: false,
        }
    }

    /// The token sent as `Authorization: Bearer …`.
    pub fn bearer_token(&self) -> Option<&str> {
        self.authorization.as_deref()?.strip_prefix("Bearer ")
    }

    /// A form or JSON body field as text.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.body.get(name)?.as_str()
    }

    /// One line for panic messages: verb, path, status and the start of the body.
    pub fn summary(&self) -> String {
        let injected = if self.injected { " (injected)" } else { "" };
        let body = self.body.to_string();
        let body = match body.char_indices().nth(300) {
            Some((cut, _)) => format!("{}…", &body[..cut]),
            None => body,
        };
        format!(
            "{} {} → {}{injected}: {body}",
            self.method, self.path, self.status
        )
    }
}

/// Parses a body by its content type: JSON, or a form as an object of strings.
fn parse_body(content_type: Option<&str>, body: &[u8]) -> Value {
    let mime = content_type.unwrap_or("").to_ascii_lowercase();
    if body.is_empty() {
        Value::Null
    } else if mime.starts_with("application/x-www-form-urlencoded") {
        let fields: Map<String, Value> = url::form_urlencoded::parse(body)
            .into_owned()
            .map(|(k, v)| (k, Value::String(v)))
            .collect();
        Value::Object(fields)
    } else {
        // The Connector reads JSON whatever the content type says.
        serde_json::from_slice(body).unwrap_or(Value::Null)
    }
}

/// An HTTP answer: status, JSON body (none when `Null`) and an optional `Retry-After`.
#[derive(Debug, Clone)]
pub(super) struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub retry_after: Option<u64>,
    /// Whether this answers a failure the test armed.
    pub injected: bool,
}

impl Reply {
    /// `status` with a JSON body.
    pub fn json(status: StatusCode, body: Value) -> Self {
        Self {
            status,
            body,
            retry_after: None,
            injected: false,
        }
    }

    /// 200 with a JSON body.
    pub fn ok(body: Value) -> Self {
        Self::json(StatusCode::OK, body)
    }

    /// A Bot Framework error: `{"error":{"code":…,"message":…}}` (the SDKs' `ErrorResponse`).
    pub fn error(status: StatusCode, code: &str, message: &str) -> Self {
        Self::json(status, json!({"error": {"code": code, "message": message}}))
    }

    /// The answer to an armed failure, with the code the Connector's status table gives.
    pub fn injected(status: u16, retry_after: Option<u64>) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let (code, message) = match status.as_u16() {
            429 => ("Throttled", "Too many requests."),
            412 => (
                "PreconditionFailed",
                "Precondition failed, please try again.",
            ),
            403 => (
                "BotNotInConversationRoster",
                "The bot is not part of the conversation roster.",
            ),
            _ => ("ServiceError", "The service is unavailable."),
        };
        Self {
            retry_after,
            injected: true,
            ..Self::error(status, code, message)
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = if self.body.is_null() {
            self.status.into_response()
        } else {
            (self.status, Json(self.body)).into_response()
        };
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
