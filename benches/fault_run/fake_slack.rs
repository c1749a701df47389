//! A fake Slack Web API for the fault run, written from Slack's documented wire formats: JSON
//! POST with a Bearer token for `chat.postMessage`, `chat.postEphemeral`, `chat.update`,
//! `conversations.open` and `views.*`; GET with a query for `auth.test`, `users.list` (paged
//! with `limit` and `cursor`) and `users.info`; a `response_url` endpoint; the upload URL that
//! `files.getUploadURLExternal` hands out. Errors are HTTP 200 with `{"ok":false,"error":…}`.
//!
//! It records every call it ACCEPTS, the moment it reads it: that is when Slack would post the
//! message, whether or not the caller lives to read the answer. Each record carries the
//! generation of the `serve` process alive when it arrived, so the bench can tell which call a
//! killed process had in flight.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, Uri, header};
use axum::routing::{any, post};
use base64::Engine as _;
use serde_json::{Map, Value, json};

use super::org::{Person, member_json};

/// The workspace's team id: the org's id in the bot.
pub const TEAM_ID: &str = "TFAULT0001";
/// The bot token `serve` is given.
pub const BOT_TOKEN: &str = "xoxb-fault-run-bot-token";
/// The bot's user id.
pub const BOT_USER_ID: &str = "UFAULTBOT1";

/// What a call was for, as far as the count is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `auth.test`, `users.list`, `users.info`, `chat.getPermalink`: reads, never sent twice
    /// by the outbox.
    Read,
    /// Anything that shows something to someone: what the outbox sends.
    Write,
}

/// One accepted call.
#[derive(Debug, Clone)]
pub struct Call {
    /// Arrival order.
    pub seq: u64,
    /// The `serve` process alive when it arrived (1 for the first).
    pub generation: u32,
    /// When the fake read it.
    pub at: Instant,
    pub kind: Kind,
    /// Web API method, or `response_url`.
    pub method: String,
    /// Where it went: a channel or user id, or the `response_url`'s id.
    pub target: String,
    /// A pulse DM: blocks with a button whose action id starts with `pulse:`.
    pub pulse: bool,
    /// The bench's unique kudos texts it carries (see [`super::load::token`]).
    pub tokens: Vec<String>,
    /// Method, target and body: two calls with the same fingerprint are the same message sent
    /// twice.
    pub fingerprint: u64,
    /// The start of its text, to show in the report.
    pub text: String,
}

struct Inner {
    members: Vec<Person>,
    by_id: HashMap<String, usize>,
    delay: Duration,
    generation: AtomicU32,
    counter: AtomicU64,
    calls: Mutex<Vec<Call>>,
    pulse_people: Mutex<HashSet<String>>,
    base_url: String,
}

impl Inner {
    fn calls(&self) -> MutexGuard<'_, Vec<Call>> {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn pulse_people(&self) -> MutexGuard<'_, HashSet<String>> {
        self.pulse_people
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn next_ts(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        format!("{}.{:06}", unix_now(), n % 1_000_000)
    }

    fn record(&self, mut call: Call) {
        if call.pulse {
            self.pulse_people().insert(call.target.clone());
        }
        let mut calls = self.calls();
        call.seq = calls.len() as u64;
        calls.push(call);
    }
}

/// The running fake.
#[derive(Clone)]
pub struct FakeSlack {
    inner: Arc<Inner>,
    addr: SocketAddr,
}

impl FakeSlack {
    /// Starts the fake on 127.0.0.1 (a random port) with `members`, answering each call after
    /// `delay`.
    pub async fn start(members: Vec<Person>, delay: Duration) -> anyhow::Result<FakeSlack> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let by_id = members
            .iter()
            .enumerate()
            .map(|(i, p)| (p.user_id.clone(), i))
            .collect();
        let inner = Arc::new(Inner {
            members,
            by_id,
            delay,
            generation: AtomicU32::new(0),
            counter: AtomicU64::new(1),
            calls: Mutex::new(Vec::new()),
            pulse_people: Mutex::new(HashSet::new()),
            base_url: format!("http://{addr}"),
        });
        let app = Router::new()
            .route("/api/{method}", any(api))
            .route("/response/{id}", post(response_url))
            .route("/upload/{id}", post(upload))
            .layer(DefaultBodyLimit::max(16 * 1024 * 1024))
            .with_state(inner.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeSlack { inner, addr })
    }

    /// `SLACK_API_URL` for `serve`.
    pub fn api_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// A `response_url` the fake answers and records under `id`.
    pub fn response_url(&self, id: &str) -> String {
        format!("http://{}/response/{id}", self.addr)
    }

    /// The `serve` process now alive (calls from here on are its).
    pub fn set_generation(&self, generation: u32) {
        self.inner.generation.store(generation, Ordering::SeqCst);
    }

    /// People who got at least one pulse DM so far.
    pub fn pulse_people(&self) -> usize {
        self.inner.pulse_people().len()
    }

    /// Accepted calls so far.
    pub fn call_count(&self) -> usize {
        self.inner.calls().len()
    }

    /// Every accepted call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.inner.calls().clone()
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Query and body parameters in one object (the body wins): JSON bodies as sent, form bodies
/// as strings.
fn params(uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Map<String, Value> {
    let mut merged: Map<String, Value> = uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .map(|(k, v)| (k, Value::String(v)))
                .collect()
        })
        .unwrap_or_default();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("application/json") {
        if let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) {
            merged.extend(fields);
        }
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        merged.extend(
            url::form_urlencoded::parse(body)
                .into_owned()
                .map(|(k, v)| (k, Value::String(v))),
        );
    }
    merged
}

fn text_param(params: &Map<String, Value>, name: &str) -> Option<String> {
    match params.get(name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Null | Value::String(_) => None,
        other => Some(other.to_string()),
    }
}

/// `blocks` or `view` as JSON, whether sent as JSON or as a string holding JSON (forms).
fn json_param(params: &Map<String, Value>, name: &str) -> Option<Value> {
    match params.get(name)? {
        Value::Null => None,
        Value::String(s) => serde_json::from_str(s).ok(),
        other => Some(other.clone()),
    }
}

/// Whether any button in `value` has an action id starting with `pulse:`.
fn has_pulse_button(value: &Value) -> bool {
    match value {
        Value::Object(fields) => fields.iter().any(|(k, v)| {
            (k == "action_id" && v.as_str().is_some_and(|s| s.starts_with("pulse:")))
                || has_pulse_button(v)
        }),
        Value::Array(items) => items.iter().any(has_pulse_button),
        _ => false,
    }
}

fn fingerprint(method: &str, target: &str, body: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    method.hash(&mut h);
    target.hash(&mut h);
    body.hash(&mut h);
    h.finish()
}

fn ok(mut fields: Value) -> axum::Json<Value> {
    if let Value::Object(map) = &mut fields {
        map.insert("ok".into(), json!(true));
    }
    axum::Json(fields)
}

fn refuse(code: &str) -> axum::Json<Value> {
    axum::Json(json!({ "ok": false, "error": code }))
}

/// A users.list cursor: opaque to the caller, the offset of the next page to the fake.
fn encode_cursor(offset: usize) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("user:{offset}"))
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(cursor)
        .ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("user:")?
        .parse()
        .ok()
}

/// `GET|POST /api/{method}`.
async fn api(
    State(inner): State<Arc<Inner>>,
    Path(method): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::Json<Value> {
    let generation = inner.generation.load(Ordering::SeqCst);
    let at = Instant::now();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let params = params(&uri, &headers, &body);
    let token = bearer.or_else(|| text_param(&params, "token"));
    let answer = if token.as_deref() != Some(BOT_TOKEN) {
        Err(if token.is_none() {
            "not_authed"
        } else {
            "invalid_auth"
        })
    } else {
        answer(&inner, &method, &params, &body, generation, at)
    };
    if !inner.delay.is_zero() {
        tokio::time::sleep(inner.delay).await;
    }
    match answer {
        Ok(fields) => ok(fields),
        Err(code) => refuse(code),
    }
}

/// Answers one authenticated Web API call, recording it if it is accepted.
fn answer(
    inner: &Inner,
    method: &str,
    params: &Map<String, Value>,
    body: &[u8],
    generation: u32,
    at: Instant,
) -> Result<Value, &'static str> {
    let record = |kind: Kind, target: &str, pulse: bool, text: String| {
        inner.record(Call {
            seq: 0,
            generation,
            at,
            kind,
            method: method.to_string(),
            target: target.to_string(),
            pulse,
            tokens: super::load::tokens_in(&String::from_utf8_lossy(body)),
            fingerprint: fingerprint(method, target, body),
            text,
        });
    };
    let known_user = |id: &str| inner.by_id.contains_key(id);
    match method {
        "auth.test" => {
            record(Kind::Read, "", false, String::new());
            Ok(json!({
                "url": "https://fault-run.slack.com/",
                "team": "Fault Run Workspace",
                "user": "ambassador",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": "BFAULTBOT1",
                "is_enterprise_install": false,
            }))
        }
        "users.list" => {
            let offset = match text_param(params, "cursor") {
                Some(cursor) => decode_cursor(&cursor).ok_or("invalid_cursor")?,
                None => 0,
            };
            let limit = match text_param(params, "limit") {
                Some(limit) => limit.parse::<usize>().map_err(|_| "invalid_limit")?,
                None => 0,
            };
            // A big workspace asked without a limit: Slack's documented refusal.
            if limit == 0 && inner.members.len() > 1_000 {
                return Err("limit_required");
            }
            let end = if limit == 0 {
                inner.members.len()
            } else {
                (offset + limit).min(inner.members.len())
            };
            let include_locale = text_param(params, "include_locale").as_deref() == Some("true");
            let page: Vec<Value> = inner
                .members
                .get(offset.min(inner.members.len())..end)
                .unwrap_or_default()
                .iter()
                .map(|p| member_json(p, TEAM_ID, include_locale))
                .collect();
            let next_cursor = if end < inner.members.len() {
                encode_cursor(end)
            } else {
                String::new()
            };
            record(Kind::Read, "", false, String::new());
            Ok(json!({
                "members": page,
                "cache_ts": unix_now(),
                "response_metadata": { "next_cursor": next_cursor },
            }))
        }
        "users.info" => {
            let user = text_param(params, "user").ok_or("user_not_found")?;
            let p = inner.by_id.get(&user).ok_or("user_not_found")?;
            let include_locale = text_param(params, "include_locale").as_deref() == Some("true");
            record(Kind::Read, &user, false, String::new());
            Ok(json!({ "user": member_json(&inner.members[*p], TEAM_ID, include_locale) }))
        }
        "chat.getPermalink" => {
            let channel = text_param(params, "channel").ok_or("channel_not_found")?;
            let ts = text_param(params, "message_ts").ok_or("message_not_found")?;
            record(Kind::Read, &channel, false, String::new());
            Ok(json!({
                "channel": channel,
                "permalink": format!("https://fault-run.slack.com/archives/{channel}/p{}", ts.replace('.', "")),
            }))
        }
        "chat.postMessage" | "chat.postEphemeral" | "chat.update" => {
            let channel = text_param(params, "channel").ok_or("channel_not_found")?;
            let direct = channel.starts_with('U') || channel.starts_with('W');
            if direct && !known_user(&channel) {
                return Err("channel_not_found");
            }
            let blocks = json_param(params, "blocks");
            let text = text_param(params, "text");
            if text.is_none() && blocks.is_none() {
                return Err("no_text");
            }
            if let Some(blocks) = &blocks
                && !blocks.is_array()
            {
                return Err("invalid_blocks");
            }
            if method == "chat.postEphemeral" {
                let user = text_param(params, "user").ok_or("user_not_in_channel")?;
                if !known_user(&user) {
                    return Err("user_not_in_channel");
                }
            }
            let ts = match method {
                "chat.update" => text_param(params, "ts").ok_or("message_not_found")?,
                _ => inner.next_ts(),
            };
            let pulse = method == "chat.postMessage"
                && direct
                && blocks.as_ref().is_some_and(has_pulse_button);
            let shown = text.clone().unwrap_or_default();
            record(Kind::Write, &channel, pulse, shorten(&shown, 200));
            let channel_id = if direct {
                format!("D{}", channel.trim_start_matches(['U', 'W']))
            } else {
                channel.clone()
            };
            Ok(match method {
                "chat.postEphemeral" => json!({ "message_ts": ts }),
                _ => json!({
                    "channel": channel_id,
                    "ts": ts,
                    "message": {
                        "type": "message", "user": BOT_USER_ID, "bot_id": "BFAULTBOT1",
                        "text": shown, "ts": ts,
                    },
                }),
            })
        }
        "conversations.open" => {
            let users: Vec<String> = match params.get("users") {
                Some(Value::Array(users)) => users
                    .iter()
                    .filter_map(|u| u.as_str().map(str::to_owned))
                    .collect(),
                Some(Value::String(users)) => users
                    .split(',')
                    .filter(|u| !u.is_empty())
                    .map(str::to_owned)
                    .collect(),
                _ => Vec::new(),
            };
            let [user] = users.as_slice() else {
                return Err("users_list_not_supplied");
            };
            if !known_user(user) {
                return Err("user_not_found");
            }
            record(Kind::Write, user, false, String::new());
            Ok(json!({ "channel": { "id": format!("D{}", user.trim_start_matches('U')) } }))
        }
        "views.open" | "views.publish" | "views.update" => {
            let view = json_param(params, "view").ok_or("invalid_arguments")?;
            let target = text_param(params, "user_id")
                .or_else(|| text_param(params, "trigger_id"))
                .or_else(|| text_param(params, "view_id"))
                .ok_or("invalid_arguments")?;
            record(Kind::Write, &target, false, String::new());
            let mut answered = view.clone();
            answered["id"] = json!(format!(
                "V{:010}",
                inner.counter.fetch_add(1, Ordering::Relaxed)
            ));
            answered["team_id"] = json!(TEAM_ID);
            answered["state"] = json!({ "values": {} });
            answered["hash"] = json!(inner.next_ts());
            Ok(json!({ "view": answered }))
        }
        "files.getUploadURLExternal" => {
            let id = format!("F{:010}", inner.counter.fetch_add(1, Ordering::Relaxed));
            record(Kind::Read, &id, false, String::new());
            Ok(json!({ "upload_url": format!("{}/upload/{id}", inner.base_url), "file_id": id }))
        }
        "files.completeUploadExternal" => {
            let channel = text_param(params, "channel_id").unwrap_or_default();
            record(Kind::Write, &channel, false, String::new());
            Ok(json!({ "files": [] }))
        }
        _ => Err("unknown_method"),
    }
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// `POST /response/{id}`: a slash command's `response_url`, which takes a JSON message.
async fn response_url(
    State(inner): State<Arc<Inner>>,
    Path(id): Path<String>,
    body: Bytes,
) -> (axum::http::StatusCode, &'static str) {
    let generation = inner.generation.load(Ordering::SeqCst);
    let at = Instant::now();
    let Ok(message) = serde_json::from_slice::<Value>(&body) else {
        return (axum::http::StatusCode::BAD_REQUEST, "invalid_payload");
    };
    let text = message
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default();
    inner.record(Call {
        seq: 0,
        generation,
        at,
        kind: Kind::Write,
        method: "response_url".into(),
        target: id.clone(),
        pulse: false,
        tokens: super::load::tokens_in(&String::from_utf8_lossy(&body)),
        fingerprint: fingerprint("response_url", &id, &body),
        text: shorten(text, 200),
    });
    if !inner.delay.is_zero() {
        tokio::time::sleep(inner.delay).await;
    }
    (axum::http::StatusCode::OK, "ok")
}

/// `POST /upload/{id}`: the upload URL, which takes the file's bytes.
async fn upload(Path(_id): Path<String>, body: Bytes) -> String {
    format!("OK - {}", body.len())
}
