//! The Bot Connector's message endpoints: send to a conversation, reply to an activity, and
//! update one (botbuilder-python `_conversations_operations.py`; `chat-protocols.md` section 10).
//!
//! A send or reply answers `201 {"id":"<new activity id>"}`, an update `200 {"id":…}`. The
//! refusals are the Connector's status table (msteams-docs `conversation-messages.md`, "Status
//! code responses"): 404 `ConversationNotFound`, 413 `MessageSizeTooBig` ("Message size too
//! large."), 403 `BotNotInConversationRoster` once the bot was removed.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::connector::{admit, conversation_not_found};
use super::directory::channel_of;
use super::records::{CallKind, RecordedCall, Reply};
use super::{Inner, State, StoredActivity};

/// `POST /v3/conversations/{id}/activities`: a new message (a new post in a channel).
pub(super) async fn send(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(conversation_id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new(CallKind::SendToConversation, method, &uri, &headers, &body);
    inner.serve(call, |state, call| {
        admit(state, call)
            .and_then(|()| check_activity(state, &conversation_id, call))
            .map(|()| store(state, &conversation_id, None, &call.body))
            .unwrap_or_else(|refusal| refusal)
    })
}

/// `POST /v3/conversations/{id}/activities/{activityId}`: a reply to an activity.
pub(super) async fn reply(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path((conversation_id, activity_id)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new(CallKind::ReplyToActivity, method, &uri, &headers, &body);
    inner.serve(call, |state, call| {
        admit(state, call)
            .and_then(|()| check_activity(state, &conversation_id, call))
            .map(|()| store(state, &conversation_id, Some(activity_id), &call.body))
            .unwrap_or_else(|refusal| refusal)
    })
}

/// `PUT /v3/conversations/{id}/activities/{activityId}`: replaces a message the bot sent.
pub(super) async fn update(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path((conversation_id, activity_id)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new(CallKind::UpdateActivity, method, &uri, &headers, &body);
    inner.serve(call, |state, call| {
        admit(state, call)
            .and_then(|()| check_activity(state, &conversation_id, call))
            .and_then(|()| replace(state, &conversation_id, &activity_id, &call.body))
            .unwrap_or_else(|refusal| refusal)
    })
}

/// What the Connector checks before taking an activity: the conversation, the bot's place in
/// it, the size, and that the body is an activity.
fn check_activity(state: &State, conversation_id: &str, call: &RecordedCall) -> Result<(), Reply> {
    let known =
        state.personal.contains_key(conversation_id) || state.team.has_channel(conversation_id);
    if !known {
        return Err(conversation_not_found());
    }
    let removed = state.bot_removed.contains(conversation_id)
        || state.bot_removed.contains(channel_of(conversation_id));
    if removed {
        return Err(Reply::error(
            StatusCode::FORBIDDEN,
            "BotNotInConversationRoster",
            "The bot is not part of the conversation roster.",
        ));
    }
    if call.body_len > state.message_size_limit {
        return Err(Reply::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "MessageSizeTooBig",
            "Message size too large.",
        ));
    }
    match call.body.get("type").and_then(Value::as_str) {
        Some(kind) if !kind.is_empty() => Ok(()),
        _ => Err(Reply::error(
            StatusCode::BAD_REQUEST,
            "BadArgument",
            "The activity has no type.",
        )),
    }
}

/// Keeps a new activity and answers its id.
fn store(
    state: &mut State,
    conversation_id: &str,
    reply_to_id: Option<String>,
    activity: &Value,
) -> Reply {
    let id = state.next_message_id();
    state.activities.push(StoredActivity {
        conversation_id: conversation_id.to_owned(),
        id: id.clone(),
        reply_to_id,
        activity: activity.clone(),
        versions: 1,
    });
    Reply::json(StatusCode::CREATED, json!({"id": id}))
}

/// Replaces a kept activity; only the bot's own messages in that conversation can be updated.
fn replace(
    state: &mut State,
    conversation_id: &str,
    activity_id: &str,
    activity: &Value,
) -> Result<Reply, Reply> {
    let stored = state
        .activities
        .iter_mut()
        .find(|a| {
            a.id == activity_id && channel_of(&a.conversation_id) == channel_of(conversation_id)
        })
        .ok_or_else(|| {
            Reply::error(
                StatusCode::NOT_FOUND,
                "ActivityNotFound",
                "The activity was not found in the conversation.",
            )
        })?;
    stored.activity = activity.clone();
    stored.versions += 1;
    Ok(Reply::ok(json!({"id": activity_id})))
}
