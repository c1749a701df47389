//! What the fake remembers of each REST call, the routes it knows, and the small HTTP answer
//! type its handlers share.
//!
//! Routes from discord-api-docs `resources/*.mdx` and `interactions/receiving-and-responding.mdx`
//! (`chat-protocols.md` section 11). Errors take Discord's JSON error shape
//! (`reference.mdx`, "Error Messages"): `{"message":…,"code":…}`, and for a rejected body
//! `{"message":"Invalid Form Body","code":50035,"errors":{<field path>:{"_errors":[{"code",
//! "message"}]}}}`.

use std::collections::BTreeMap;
use std::time::Instant;

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value, json};

use super::multipart;

/// Which endpoint a call reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// `GET /gateway`.
    Gateway,
    /// `GET /gateway/bot`.
    GatewayBot,
    /// `GET /users/@me`.
    CurrentUser,
    /// `GET /users/@me/guilds`.
    CurrentUserGuilds,
    /// `GET /applications/@me` or `GET /oauth2/applications/@me`.
    CurrentApplication,
    /// `PUT /applications/{app}/guilds/{guild}/commands` (bulk overwrite).
    PutGuildCommands,
    /// `GET /applications/{app}/guilds/{guild}/commands`.
    GetGuildCommands,
    /// `GET /guilds/{guild}/members` (List Guild Members).
    GuildMembers,
    /// `GET /guilds/{guild}/members/{user}`.
    GuildMember,
    /// `GET /guilds/{guild}/roles`.
    GuildRoles,
    /// `GET /guilds/{guild}/channels`.
    GuildChannels,
    /// `GET /guilds/{guild}`.
    Guild,
    /// `GET /channels/{channel}`.
    GetChannel,
    /// `POST /users/@me/channels` (Create DM).
    CreateDm,
    /// `POST /channels/{channel}/messages`.
    CreateMessage,
    /// `PATCH /channels/{channel}/messages/{message}`.
    EditMessage,
    /// `POST /interactions/{id}/{token}/callback`.
    InteractionCallback,
    /// `GET /webhooks/{app}/{token}/messages/@original`.
    GetOriginal,
    /// `PATCH /webhooks/{app}/{token}/messages/@original`.
    EditOriginal,
    /// `DELETE /webhooks/{app}/{token}/messages/@original`.
    DeleteOriginal,
    /// `POST /webhooks/{app}/{token}` (follow-up message).
    CreateFollowup,
    /// `PATCH /webhooks/{app}/{token}/messages/{message}`.
    EditFollowup,
    /// Anything the fake does not serve (answered 404).
    Unknown,
}

impl Route {
    /// The route of `method` on the path segments after `/api/v10`, and its path parameters.
    pub(super) fn recognise(method: &Method, segments: &[&str]) -> (Route, Vec<String>) {
        use Route::*;
        let m = method.as_str();
        let (route, params): (Route, Vec<&str>) = match (m, segments) {
            ("GET", ["gateway"]) => (Gateway, vec![]),
            ("GET", ["gateway", "bot"]) => (GatewayBot, vec![]),
            ("GET", ["users", "@me"]) => (CurrentUser, vec![]),
            ("GET", ["users", "@me", "guilds"]) => (CurrentUserGuilds, vec![]),
            ("GET", ["applications", "@me"] | ["oauth2", "applications", "@me"]) => {
                (CurrentApplication, vec![])
            }
            ("PUT", ["applications", app, "guilds", guild, "commands"]) => {
                (PutGuildCommands, vec![app, guild])
            }
            ("GET", ["applications", app, "guilds", guild, "commands"]) => {
                (GetGuildCommands, vec![app, guild])
            }
            ("GET", ["guilds", guild, "members"]) => (GuildMembers, vec![guild]),
            ("GET", ["guilds", guild, "members", user]) => (GuildMember, vec![guild, user]),
            ("GET", ["guilds", guild, "roles"]) => (GuildRoles, vec![guild]),
            ("GET", ["guilds", guild, "channels"]) => (GuildChannels, vec![guild]),
            ("GET", ["guilds", guild]) => (Guild, vec![guild]),
            ("GET", ["channels", channel]) => (GetChannel, vec![channel]),
            ("POST", ["users", "@me", "channels"]) => (CreateDm, vec![]),
            ("POST", ["channels", channel, "messages"]) => (CreateMessage, vec![channel]),
            ("PATCH", ["channels", channel, "messages", message]) => {
                (EditMessage, vec![channel, message])
            }
            ("POST", ["interactions", id, token, "callback"]) => {
                (InteractionCallback, vec![id, token])
            }
            ("GET", ["webhooks", app, token, "messages", "@original"]) => {
                (GetOriginal, vec![app, token])
            }
            ("PATCH", ["webhooks", app, token, "messages", "@original"]) => {
                (EditOriginal, vec![app, token])
            }
            ("DELETE", ["webhooks", app, token, "messages", "@original"]) => {
                (DeleteOriginal, vec![app, token])
            }
            ("POST", ["webhooks", app, token]) => (CreateFollowup, vec![app, token]),
            ("PATCH", ["webhooks", app, token, "messages", message]) => {
                (EditFollowup, vec![app, token, message])
            }
            _ => (Unknown, vec![]),
        };
        (route, params.into_iter().map(str::to_owned).collect())
    }

    /// Whether Discord wants `Authorization: Bot <token>` here. Gateway discovery and the
    /// interaction endpoints (the token in the path authenticates) do not.
    pub(super) fn needs_bot_token(self) -> bool {
        !matches!(
            self,
            Route::Gateway
                | Route::InteractionCallback
                | Route::GetOriginal
                | Route::EditOriginal
                | Route::DeleteOriginal
                | Route::CreateFollowup
                | Route::EditFollowup
                | Route::Unknown
        )
    }
}

/// A file part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The form field's name (`files[0]`).
    pub field: String,
    /// The file name.
    pub filename: Option<String>,
    /// The part's `Content-Type`.
    pub content_type: Option<String>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether it starts with the PNG signature.
    pub fn is_png(&self) -> bool {
        self.bytes.starts_with(b"\x89PNG\r\n\x1a\n")
    }
}

/// One REST call the fake received, and how it answered.
#[derive(Debug, Clone)]
pub struct RecordedCall {
    /// The endpoint reached.
    pub route: Route,
    /// HTTP verb.
    pub method: Method,
    /// The path, percent-decoded (`/api/v10/channels/1/messages`).
    pub path: String,
    /// Query parameters, decoded (serenity sends `?&limit=…`; empty names are dropped).
    pub query: BTreeMap<String, String>,
    /// The `Authorization` header, as sent.
    pub authorization: Option<String>,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    /// The `User-Agent` header, as sent.
    pub user_agent: Option<String>,
    /// The `X-Audit-Log-Reason` header, as sent.
    pub audit_log_reason: Option<String>,
    /// The JSON body; for `multipart/form-data`, its `payload_json` part; `Null` when empty or
    /// unreadable.
    pub body: Value,
    /// The file parts of a multipart body.
    pub files: Vec<FilePart>,
    /// The body's length in bytes.
    pub body_len: usize,
    /// When it arrived.
    pub at: Instant,
    /// The HTTP status the fake answered.
    pub status: u16,
    /// The JSON the fake answered (`Null` for 204).
    pub response: Value,
    /// Whether that answer was a fault armed by the test (429 or 5xx).
    pub injected: bool,
}

impl RecordedCall {
    pub(super) fn new(
        route: Route,
        method: Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        let header_text = |name: &str| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header_text(header::CONTENT_TYPE.as_str());
        let query = uri
            .query()
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .filter(|(k, _)| !k.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let (body_json, files) = parse_body(content_type.as_deref(), body);
        Self {
            route,
            method,
            path: percent_decode_str(uri.path())
                .decode_utf8_lossy()
                .into_owned(),
            query,
            authorization: header_text(header::AUTHORIZATION.as_str()),
            user_agent: header_text(header::USER_AGENT.as_str()),
            audit_log_reason: header_text("x-audit-log-reason"),
            content_type,
            body: body_json,
            files,
            body_len: body.len(),
            at: Instant::now(),
            status: 0,
            response: Value::Null,
            injected: false,
        }
    }

    /// The token sent as `Authorization: Bot …`.
    pub fn bot_token(&self) -> Option<&str> {
        self.authorization.as_deref()?.strip_prefix("Bot ")
    }

    /// Whether the body came as `multipart/form-data`.
    pub fn is_multipart(&self) -> bool {
        self.content_type
            .as_deref()
            .is_some_and(|c| c.to_ascii_lowercase().starts_with("multipart/form-data"))
    }

    /// One line for panic messages: verb, path, status and the start of the body.
    pub fn summary(&self) -> String {
        let injected = if self.injected { " (injected)" } else { "" };
        let files = if self.files.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = self
                .files
                .iter()
                .map(|f| format!("{}={:?} {}B", f.field, f.filename, f.len()))
                .collect();
            format!(" files [{}]", names.join(", "))
        };
        let query = if self.query.is_empty() {
            String::new()
        } else {
            format!(" {:?}", self.query)
        };
        format!(
            "{} {}{query} → {}{injected}: {}{files}",
            self.method,
            self.path,
            self.status,
            super::shorten(&self.body.to_string(), 300)
        )
    }
}

/// Parses a body by its content type: JSON, or multipart's `payload_json` and files.
fn parse_body(content_type: Option<&str>, body: &[u8]) -> (Value, Vec<FilePart>) {
    if body.is_empty() {
        return (Value::Null, Vec::new());
    }
    let mime = content_type.unwrap_or("");
    if mime.to_ascii_lowercase().starts_with("multipart/form-data") {
        let parts = multipart::parse(mime, body);
        let mut payload = Value::Null;
        let mut files = Vec::new();
        for part in parts {
            if part.name == "payload_json" {
                payload = serde_json::from_slice(&part.bytes).unwrap_or(Value::Null);
            } else {
                files.push(FilePart {
                    field: part.name,
                    filename: part.filename,
                    content_type: part.content_type,
                    bytes: part.bytes,
                });
            }
        }
        (payload, files)
    } else {
        (
            serde_json::from_slice(body).unwrap_or(Value::Null),
            Vec::new(),
        )
    }
}

/// An HTTP answer: status, JSON body (none when `Null`) and extra headers.
#[derive(Debug, Clone)]
pub(super) struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub headers: Vec<(String, String)>,
    /// Whether this answers a fault the test armed.
    pub injected: bool,
}

impl Reply {
    /// `status` with a JSON body.
    pub fn json(status: StatusCode, body: Value) -> Self {
        Self {
            status,
            body,
            headers: Vec::new(),
            injected: false,
        }
    }

    /// 200 with a JSON body.
    pub fn ok(body: Value) -> Self {
        Self::json(StatusCode::OK, body)
    }

    /// 204 No Content.
    pub fn no_content() -> Self {
        Self::json(StatusCode::NO_CONTENT, Value::Null)
    }

    /// Discord's error: `{"message":…,"code":…}`.
    pub fn error(status: StatusCode, code: u32, message: &str) -> Self {
        Self::json(status, json!({"message": message, "code": code}))
    }

    /// 400 Invalid Form Body (50035), naming the field at `path` (`components.0.custom_id`)
    /// with an error `code` (`BASE_TYPE_MAX_LENGTH`) and `message`.
    pub fn invalid_form(path: &str, code: &str, message: &str) -> Self {
        let mut errors = json!({"_errors": [{"code": code, "message": message}]});
        for key in path.rsplit('.').filter(|k| !k.is_empty()) {
            let mut wrapper = Map::new();
            wrapper.insert(key.to_owned(), errors);
            errors = Value::Object(wrapper);
        }
        Self::json(
            StatusCode::BAD_REQUEST,
            json!({"message": "Invalid Form Body", "code": 50035, "errors": errors}),
        )
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = if self.body.is_null() {
            self.status.into_response()
        } else {
            (self.status, axum::Json(self.body)).into_response()
        };
        for (name, value) in self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::try_from(value.as_str()),
            ) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}
