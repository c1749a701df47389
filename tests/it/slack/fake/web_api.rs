//! The fake's Web API: one handler per method, answering the documented shapes that
//! slack-morphism 2.31 deserialises, with Slack's error codes for the mistakes a bot can make.
//!
//! How slack-morphism sends each method (what these handlers read):
//! - JSON POST + Bearer: chat.postMessage, chat.update, chat.postEphemeral, conversations.open
//!   (`users` is a JSON array), views.open, views.publish, apps.connections.open (body `{}`),
//!   files.completeUploadExternal (`files` is a JSON array of `{id,title}`).
//! - GET + query + Bearer: auth.test, users.list (`cursor`, `team_id`, `limit`,
//!   `include_locale`), users.info (`user`, `include_locale`), files.getUploadURLExternal
//!   (`filename`, `length`, `alt_txt`, `snippet_type`).
//! - GET + query (`code`, `redirect_uri`) + HTTP Basic `client_id:client_secret`: oauth.v2.access.
//! - POST raw bytes + Bearer + the file's content type to the upload URL.
//!
//! Form-encoded bodies and a `token` parameter are accepted too, as Slack accepts them.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::{Value, json};

use super::blocks::{validate_message_blocks, validate_view};
use super::{
    APP_ID, CLIENT_ID, CLIENT_SECRET, Failure, FakeWorkspace, Inner, PendingFile, PostedMessage,
    RecordedCall, State, dm_channel, unix_now,
};

/// A method's answer: the fields to send beside `"ok":true`, or Slack's refusal.
type Answer = Result<Value, ApiError>;

/// A Slack error code, with the explanation Slack puts in `response_metadata.messages`.
#[derive(Debug)]
struct ApiError {
    code: String,
    detail: Option<String>,
}

impl ApiError {
    fn with_detail(code: &str, detail: String) -> Self {
        Self {
            code: code.into(),
            detail: Some(detail),
        }
    }
}

impl From<&str> for ApiError {
    fn from(code: &str) -> Self {
        Self {
            code: code.into(),
            detail: None,
        }
    }
}

/// A method handler for a call made with a bot token.
type BotMethod = fn(&mut State, &FakeWorkspace, &RecordedCall) -> Answer;

/// `GET|POST /api/{method}`.
pub(super) async fn api(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(method): Path<String>,
    verb: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new(method, verb, &uri, &headers, &body);
    inner.serve(call, |state, call| slack_json(answer(state, call)))
}

/// `POST /response/{id}`: a `response_url`, which takes a JSON message.
pub(super) async fn response_url(
    AxumState(inner): AxumState<Arc<Inner>>,
    verb: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new("response_url".into(), verb, &uri, &headers, &body);
    inner.serve(call, |_, call| {
        if call.body.is_object() {
            slack_json(Ok(json!({})))
        } else {
            (StatusCode::BAD_REQUEST, "invalid_payload").into_response()
        }
    })
}

/// `POST /upload/{file_id}`: the upload URL, which takes the file's raw bytes.
pub(super) async fn upload(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(file_id): Path<String>,
    verb: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new("upload".into(), verb, &uri, &headers, &body);
    inner.serve(call, |state, call| {
        let Some(file) = state.files.get_mut(&file_id) else {
            return (StatusCode::NOT_FOUND, "no such upload").into_response();
        };
        file.uploaded = Some((call.raw_body.len(), call.content_type.clone()));
        let text = format!("OK - {}", call.raw_body.len());
        ([(header::CONTENT_TYPE, "text/plain")], text).into_response()
    })
}

/// The answer to a programmed failure.
pub(super) fn failure_response(failure: &Failure) -> Response {
    match failure {
        Failure::RateLimited { retry_after_secs } => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after_secs.to_string())],
            Json(json!({"ok": false, "error": "ratelimited"})),
        )
            .into_response(),
        Failure::ServerError => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"ok": false, "error": "internal_error"})),
        )
            .into_response(),
        Failure::ApiError(code) => slack_json(Err(code.as_str().into())),
    }
}

/// HTTP 200 with `{"ok":true,…}` or `{"ok":false,"error":…}`, as Slack answers.
fn slack_json(answer: Answer) -> Response {
    let body = match answer {
        Ok(Value::Object(mut fields)) => {
            fields.insert("ok".into(), json!(true));
            Value::Object(fields)
        }
        Ok(_) => json!({"ok": true}),
        Err(ApiError { code, detail: None }) => json!({"ok": false, "error": code}),
        Err(ApiError {
            code,
            detail: Some(detail),
        }) => json!({
            "ok": false,
            "error": code,
            "response_metadata": {"messages": [format!("[ERROR] {detail}")]},
        }),
    };
    Json(body).into_response()
}

/// Dispatches a Web API call: unknown methods first, then the token, then the method.
fn answer(state: &mut State, call: &RecordedCall) -> Answer {
    let method: BotMethod = match call.method.as_str() {
        "oauth.v2.access" => return oauth_access(state, call),
        "apps.connections.open" => return connections_open(state, call),
        "auth.test" => auth_test,
        "chat.postMessage" => post_message,
        "chat.update" => update_message,
        "chat.postEphemeral" => post_ephemeral,
        "conversations.open" => conversations_open,
        "views.open" => views_open,
        "views.publish" => views_publish,
        "users.list" => users_list,
        "users.info" => users_info,
        "files.getUploadURLExternal" => get_upload_url,
        "files.completeUploadExternal" => complete_upload,
        _ => return Err("unknown_method".into()),
    };
    let workspace = bot_workspace(state, call)?;
    method(state, &workspace, call)
}

/// The token a call carries: the Bearer header, or a `token` parameter.
fn token(call: &RecordedCall) -> Option<String> {
    call.bearer_token()
        .map(str::to_owned)
        .or_else(|| call.str_param("token"))
}

/// The workspace a bot-token call acts on, or Slack's refusal.
fn bot_workspace(state: &State, call: &RecordedCall) -> Result<FakeWorkspace, ApiError> {
    let token = token(call).ok_or("not_authed")?;
    if state.revoked_tokens.contains(&token) {
        return Err("token_revoked".into());
    }
    if token.starts_with("xapp-") {
        return Err("not_allowed_token_type".into());
    }
    state
        .workspaces
        .iter()
        .rev()
        .find(|w| w.bot_token == token)
        .cloned()
        .ok_or_else(|| "invalid_auth".into())
}

fn required(call: &RecordedCall, name: &str, error: &str) -> Result<String, ApiError> {
    call.str_param(name)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| error.into())
}

fn auth_test(_: &mut State, workspace: &FakeWorkspace, _: &RecordedCall) -> Answer {
    Ok(json!({
        "url": format!("https://{}.slack.com/", workspace.domain),
        "team": workspace.team_name,
        "user": "ambassador",
        "team_id": workspace.team_id,
        "user_id": workspace.bot_user_id,
        "bot_id": workspace.bot_id,
        "is_enterprise_install": false,
    }))
}

/// Where a post lands: a user id means the DM between that user and the bot.
fn resolve_channel(channel: &str) -> String {
    if channel.starts_with('U') || channel.starts_with('W') {
        dm_channel(channel)
    } else {
        channel.to_owned()
    }
}

/// The message object Slack echoes back for a post or update by the bot.
fn bot_message(workspace: &FakeWorkspace, call: &RecordedCall, ts: &str) -> Value {
    let mut message = json!({
        "type": "message",
        "user": workspace.bot_user_id,
        "bot_id": workspace.bot_id,
        "app_id": APP_ID,
        "team": workspace.team_id,
        "text": call.str_param("text").unwrap_or_default(),
        "ts": ts,
    });
    if let Some(blocks) = call.json_param("blocks") {
        message["blocks"] = blocks;
    }
    message
}

/// Checks a message has content and valid blocks, as Slack does before posting.
fn check_message_content(call: &RecordedCall) -> Result<(), ApiError> {
    let blocks = call.json_param("blocks");
    if call.str_param("text").is_none()
        && blocks.is_none()
        && call.str_param("attachments").is_none()
    {
        return Err("no_text".into());
    }
    match blocks {
        Some(blocks) => validate_message_blocks(&blocks)
            .map_err(|why| ApiError::with_detail("invalid_blocks", why)),
        None => Ok(()),
    }
}

fn post_message(state: &mut State, workspace: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let channel = resolve_channel(&required(call, "channel", "channel_not_found")?);
    check_message_content(call)?;
    let ts = state.next_ts();
    let message = bot_message(workspace, call, &ts);
    let posted = PostedMessage {
        params: call.params(),
    };
    state.messages.insert((channel.clone(), ts.clone()), posted);
    Ok(json!({"channel": channel, "ts": ts, "message": message}))
}

fn update_message(state: &mut State, workspace: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let channel = resolve_channel(&required(call, "channel", "channel_not_found")?);
    let ts = required(call, "ts", "message_not_found")?;
    check_message_content(call)?;
    let posted = state
        .messages
        .get_mut(&(channel.clone(), ts.clone()))
        .ok_or("message_not_found")?;
    posted.params = call.params();
    let message = bot_message(workspace, call, &ts);
    Ok(json!({"channel": channel, "ts": ts, "text": message["text"], "message": message}))
}

fn post_ephemeral(state: &mut State, _: &FakeWorkspace, call: &RecordedCall) -> Answer {
    required(call, "channel", "channel_not_found")?;
    required(call, "user", "user_not_in_channel")?;
    check_message_content(call)?;
    Ok(json!({"message_ts": state.next_ts()}))
}

/// `users` arrives as a JSON array from slack-morphism and as a comma list in forms.
fn conversation_users(call: &RecordedCall) -> Vec<String> {
    match call.params().get("users") {
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
    }
}

fn conversations_open(_: &mut State, _: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let users = conversation_users(call);
    let id = match (users.as_slice(), call.str_param("channel")) {
        ([user], _) => dm_channel(user),
        ([], Some(channel)) => channel,
        ([], None) => return Err("users_list_not_supplied".into()),
        (many, _) => format!("G{}", many.join("").replace(['U', 'W'], "")),
    };
    let mut channel = json!({"id": id, "created": unix_now(), "is_im": users.len() == 1});
    if let [user] = users.as_slice() {
        channel["user"] = json!(user);
    }
    Ok(json!({"channel": channel}))
}

/// The view as Slack answers views.open/views.publish: the request's view plus its state.
fn stateful_view(state: &mut State, workspace: &FakeWorkspace, view: &Value) -> Value {
    let id = format!("V{:010}", state.next_number());
    let mut answered = view.clone();
    answered["id"] = json!(id);
    answered["team_id"] = json!(workspace.team_id);
    answered["state"] = json!({"values": {}});
    answered["hash"] = json!(format!("{}.{}", unix_now(), state.next_number()));
    answered["root_view_id"] = json!(id);
    answered["app_id"] = json!(APP_ID);
    answered["bot_id"] = json!(workspace.bot_id);
    answered["previous_view_id"] = Value::Null;
    answered
}

fn views_open(state: &mut State, workspace: &FakeWorkspace, call: &RecordedCall) -> Answer {
    required(call, "trigger_id", "invalid_arguments")?;
    let view = call.json_param("view").ok_or("invalid_arguments")?;
    validate_view(&view, "modal").map_err(|why| ApiError::with_detail("invalid_arguments", why))?;
    Ok(json!({"view": stateful_view(state, workspace, &view)}))
}

fn views_publish(state: &mut State, workspace: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let user = required(call, "user_id", "invalid_arguments")?;
    let view = call.json_param("view").ok_or("invalid_arguments")?;
    validate_view(&view, "home").map_err(|why| ApiError::with_detail("invalid_arguments", why))?;
    state.home_views.insert(user, view.clone());
    Ok(json!({"view": stateful_view(state, workspace, &view)}))
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

fn users_list(state: &mut State, workspace: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let members = state
        .members
        .get(&workspace.team_id)
        .cloned()
        .unwrap_or_default();
    let offset = match call.str_param("cursor").filter(|c| !c.is_empty()) {
        Some(cursor) => decode_cursor(&cursor).ok_or("invalid_cursor")?,
        None => 0,
    };
    let limit = match call.str_param("limit") {
        Some(limit) => limit.parse::<usize>().map_err(|_| "invalid_limit")?,
        None => 0,
    };
    // As on Slack, no limit (or 0) means everything left.
    let end = if limit == 0 {
        members.len()
    } else {
        (offset + limit).min(members.len())
    };
    let include_locale = call.str_param("include_locale").as_deref() == Some("true");
    let page: Vec<Value> = members
        .get(offset.min(members.len())..end)
        .unwrap_or_default()
        .iter()
        .map(|u| u.to_json(&workspace.team_id, include_locale))
        .collect();
    let next_cursor = if end < members.len() {
        encode_cursor(end)
    } else {
        String::new()
    };
    Ok(json!({
        "members": page,
        "cache_ts": unix_now(),
        "response_metadata": {"next_cursor": next_cursor},
    }))
}

fn users_info(state: &mut State, workspace: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let user_id = required(call, "user", "user_not_found")?;
    let include_locale = call.str_param("include_locale").as_deref() == Some("true");
    let user = state
        .members
        .get(&workspace.team_id)
        .and_then(|members| members.iter().find(|u| u.id == user_id))
        .ok_or("user_not_found")?;
    Ok(json!({"user": user.to_json(&workspace.team_id, include_locale)}))
}

fn get_upload_url(state: &mut State, _: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let filename = required(call, "filename", "invalid_arguments")?;
    let declared_length = required(call, "length", "invalid_arguments")?
        .parse::<usize>()
        .map_err(|_| "invalid_arguments")?;
    let file_id = format!("F{:010}", state.next_number());
    let upload_url = format!("{}/upload/{file_id}", state.base_url);
    let file = PendingFile {
        filename,
        declared_length,
        uploaded: None,
    };
    state.files.insert(file_id.clone(), file);
    Ok(json!({"upload_url": upload_url, "file_id": file_id}))
}

/// `files` arrives as a JSON array from slack-morphism and as a JSON string in forms.
fn complete_upload(state: &mut State, workspace: &FakeWorkspace, call: &RecordedCall) -> Answer {
    let Some(Value::Array(files)) = call.json_param("files") else {
        return Err("invalid_arguments".into());
    };
    let mut completed = Vec::new();
    for entry in files {
        let id = entry["id"].as_str().ok_or("invalid_arguments")?;
        let file = state.files.get(id).ok_or("file_not_found")?;
        let (size, content_type) = file.uploaded.clone().ok_or("file_not_found")?;
        let title = entry["title"].as_str().unwrap_or(&file.filename);
        completed.push(json!({
            "id": id,
            "created": unix_now(),
            "timestamp": unix_now(),
            "name": file.filename,
            "title": title,
            "mimetype": content_type.unwrap_or_default(),
            "size": size,
            "declared_length": file.declared_length,
            "user": workspace.bot_user_id,
            "is_external": false,
            "is_public": false,
        }));
    }
    Ok(json!({"files": completed}))
}

/// The client id and secret, from HTTP Basic (slack-morphism) or form/query fields.
fn client_credentials(call: &RecordedCall) -> (Option<String>, Option<String>) {
    let basic = call
        .authorization
        .as_deref()
        .and_then(|a| a.strip_prefix("Basic "))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok());
    match basic.as_deref().and_then(|b| b.split_once(':')) {
        Some((id, secret)) => (Some(id.into()), Some(secret.into())),
        None => (call.str_param("client_id"), call.str_param("client_secret")),
    }
}

fn oauth_access(state: &mut State, call: &RecordedCall) -> Answer {
    let (client_id, client_secret) = client_credentials(call);
    if client_id.as_deref() != Some(CLIENT_ID) {
        return Err("invalid_client_id".into());
    }
    if client_secret.as_deref() != Some(CLIENT_SECRET) {
        return Err("bad_client_secret".into());
    }
    let code = call.str_param("code").unwrap_or_default();
    let grant = state.oauth_grants.remove(&code).ok_or("invalid_code")?;
    let workspace = grant.workspace.clone();
    state.revoked_tokens.remove(&workspace.bot_token);
    state.workspaces.push(workspace.clone());
    Ok(json!({
        "access_token": workspace.bot_token,
        "token_type": "bot",
        "scope": grant.scope,
        "bot_user_id": workspace.bot_user_id,
        "app_id": APP_ID,
        "team": {"id": workspace.team_id, "name": workspace.team_name},
        "enterprise": null,
        "is_enterprise_install": false,
        "authed_user": {"id": grant.installer_user_id},
    }))
}

fn connections_open(state: &mut State, call: &RecordedCall) -> Answer {
    let token = call.bearer_token().ok_or("not_authed")?;
    if !token.starts_with("xapp-") {
        return Err("not_allowed_token_type".into());
    }
    if token != super::APP_TOKEN || state.revoked_tokens.contains(token) {
        return Err("invalid_auth".into());
    }
    let url = state.socket.issue_ticket(&state.ws_base_url);
    Ok(json!({"url": url}))
}
