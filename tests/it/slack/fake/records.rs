//! What the fake remembers of each request, and the failures it can be told to answer with.

use std::collections::BTreeMap;
use std::time::Instant;

use axum::http::{HeaderMap, Method, Uri, header};
use serde_json::{Map, Value};

/// A programmed failure: the fake answers the next calls to a method with it instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// HTTP 429, `Retry-After: {retry_after_secs}`, body `{"ok":false,"error":"ratelimited"}`.
    RateLimited {
        /// Seconds the caller must wait.
        retry_after_secs: u64,
    },
    /// HTTP 500 with a JSON error body.
    ServerError,
    /// HTTP 200 `{"ok":false,"error":code}`, Slack's usual way to refuse.
    ApiError(String),
}

/// One request the fake received, whatever it answered.
#[derive(Debug, Clone)]
pub struct RecordedCall {
    /// Web API method (`chat.postMessage`…), or `response_url` / `upload` for those routes.
    pub method: String,
    /// HTTP verb.
    pub verb: Method,
    /// Request path (`/api/chat.postMessage`, `/response/abc`, `/upload/F1`).
    pub path: String,
    /// The `Authorization` header, as sent.
    pub authorization: Option<String>,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    /// Query parameters.
    pub query: BTreeMap<String, String>,
    /// The body: JSON as sent, a form as an object of strings, `Null` when empty or binary.
    pub body: Value,
    /// The body's bytes (what an upload carried).
    pub raw_body: Vec<u8>,
    /// When it arrived.
    pub at: Instant,
    /// The programmed failure it was answered with, if any.
    pub failure: Option<Failure>,
}

impl RecordedCall {
    pub(super) fn new(
        method: String,
        verb: Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        let header_text = |name| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
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
            method,
            verb,
            path: uri.path().to_owned(),
            authorization: header_text(header::AUTHORIZATION),
            body: parse_body(content_type.as_deref(), body),
            content_type,
            query,
            raw_body: body.to_vec(),
            at: Instant::now(),
            failure: None,
        }
    }

    /// Query and body parameters in one object (the body wins), so a test reads `channel` the
    /// same way whether the bot sent it as a GET query, a form or JSON.
    pub fn params(&self) -> Value {
        let mut merged: Map<String, Value> = self
            .query
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        if let Value::Object(body) = &self.body {
            merged.extend(body.clone());
        }
        Value::Object(merged)
    }

    /// One parameter as text (numbers and booleans rendered), `None` when absent or null.
    pub fn str_param(&self, name: &str) -> Option<String> {
        match self.params().get(name)? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    /// One parameter as JSON: Slack accepts `blocks` or `view` either as JSON or as a string
    /// holding JSON (form bodies); both come back parsed.
    pub fn json_param(&self, name: &str) -> Option<Value> {
        match self.params().get(name)? {
            Value::Null => None,
            Value::String(s) => serde_json::from_str(s).ok(),
            other => Some(other.clone()),
        }
    }

    /// The token sent as `Authorization: Bearer …`.
    pub fn bearer_token(&self) -> Option<&str> {
        self.authorization.as_deref()?.strip_prefix("Bearer ")
    }

    /// Whether the fake answered this call with a programmed failure.
    pub fn failed(&self) -> bool {
        self.failure.is_some()
    }
}

/// Parses a request body by its content type; anything else is kept only as bytes.
fn parse_body(content_type: Option<&str>, body: &[u8]) -> Value {
    let mime = content_type.unwrap_or("").to_ascii_lowercase();
    if body.is_empty() {
        Value::Null
    } else if mime.starts_with("application/json") {
        serde_json::from_slice(body).unwrap_or(Value::Null)
    } else if mime.starts_with("application/x-www-form-urlencoded") {
        let fields: Map<String, Value> = url::form_urlencoded::parse(body)
            .into_owned()
            .map(|(k, v)| (k, Value::String(v)))
            .collect();
        Value::Object(fields)
    } else {
        Value::Null
    }
}
