//! The Bot Connector's conversation and roster endpoints, and what every Connector call goes
//! through first: the bearer token check and the failures a test armed.
//!
//! Shapes: CreateConversation takes `{bot, members, channelData.tenant.id | tenantId}` and
//! answers `{"id":"a:…"}` (msteams-docs `send-proactive-messages.md`); an unknown member is
//! refused `400 {"error":{"code":"BadArgument","message":"Failed to decrypt pairwise id"}}` as
//! quoted in MicrosoftDocs/msteams-docs#7424. The roster (`pagedmembers`) answers
//! `{"members":[TeamsChannelAccount…],"continuationToken":…}` in pages of 50 to 500, 200 when
//! no size is asked ("Page size less than 50, are treated as 50, and greater than 500, are
//! capped at 500", msteams-docs `get-teams-context.md`; the default of 200 from
//! microsoft/teams.py#327); the team's channels answer `{"conversations":[{id,name}]}`, General
//! named `null`. A missing or unknown token gets 401
//! `{"message":"Authorization has been denied for this request."}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use base64::Engine;
use serde_json::{Value, json};

use super::directory::channel_of;
use super::records::{CallKind, RecordedCall, Reply};
use super::{BOT_ID, Inner, State, TENANT_ID};

/// The roster page size when the bot asks for none, and its bounds.
const DEFAULT_PAGE_SIZE: usize = 200;
const MIN_PAGE_SIZE: usize = 50;
const MAX_PAGE_SIZE: usize = 500;

/// The Connector's gate: a known bearer token, then any failure the test armed.
pub(super) fn admit(state: &mut State, call: &RecordedCall) -> Result<(), Reply> {
    let known = call
        .bearer_token()
        .is_some_and(|token| state.tokens.contains(token));
    if !known {
        return Err(Reply::json(
            StatusCode::UNAUTHORIZED,
            json!({"message": "Authorization has been denied for this request."}),
        ));
    }
    match state.connector_failures.pop_front() {
        Some(failure) => Err(Reply::injected(failure.status, failure.retry_after)),
        None => Ok(()),
    }
}

/// `POST /v3/conversations`: opens (or finds) the 1:1 between the bot and one member.
pub(super) async fn create_conversation(
    AxumState(inner): AxumState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new(CallKind::CreateConversation, method, &uri, &headers, &body);
    inner.serve(call, |state, call| {
        admit(state, call)
            .and_then(|()| open_conversation(state, &call.body))
            .unwrap_or_else(|refusal| refusal)
    })
}

fn bad_argument(message: &str) -> Reply {
    Reply::error(StatusCode::BAD_REQUEST, "BadArgument", message)
}

fn open_conversation(state: &mut State, body: &Value) -> Result<Reply, Reply> {
    if !body.is_object() {
        return Err(bad_argument("The request body is not valid JSON."));
    }
    if body["bot"]["id"].as_str() != Some(BOT_ID) {
        return Err(bad_argument(
            "The bot id does not match the token's app id.",
        ));
    }
    let tenant = body["channelData"]["tenant"]["id"]
        .as_str()
        .or_else(|| body["tenantId"].as_str());
    match tenant {
        None => {
            return Err(bad_argument(
                "A tenant id is required to create a conversation.",
            ));
        }
        Some(t) if !t.eq_ignore_ascii_case(TENANT_ID) => {
            return Err(bad_argument(
                "The tenant id does not match the bot's tenant.",
            ));
        }
        Some(_) => {}
    }
    let members = body["members"].as_array().cloned().unwrap_or_default();
    let [member] = members.as_slice() else {
        return Err(bad_argument(
            "Exactly one member is required for a personal conversation.",
        ));
    };
    let member_id = member["id"].as_str().unwrap_or_default();
    let Some(person) = state
        .people
        .iter()
        .find(|p| p.user_id == member_id)
        .cloned()
    else {
        return Err(bad_argument("Failed to decrypt pairwise id"));
    };
    let id = state.open_personal(&person);
    Ok(Reply::json(StatusCode::CREATED, json!({"id": id})))
}

/// `GET /v3/conversations/{id}/pagedmembers?pageSize=&continuationToken=`.
pub(super) async fn paged_members(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(conversation_id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let call = RecordedCall::new(CallKind::PagedMembers, method, &uri, &headers, &[]);
    inner.serve(call, |state, call| {
        admit(state, call)
            .and_then(|()| roster_page(state, &conversation_id, call))
            .unwrap_or_else(|refusal| refusal)
    })
}

/// The members of a conversation: the whole roster for the team's channels, the person for a
/// personal chat.
fn conversation_members(state: &State, conversation_id: &str) -> Result<Vec<Value>, Reply> {
    let key = state.object_id_key;
    if state.team.has_channel(conversation_id) {
        return Ok(state
            .people
            .iter()
            .map(|p| p.channel_account(TENANT_ID, key))
            .collect());
    }
    let user_id = state
        .personal
        .get(conversation_id)
        .ok_or_else(conversation_not_found)?;
    let person = state.people.iter().find(|p| &p.user_id == user_id);
    Ok(person
        .map(|p| p.channel_account(TENANT_ID, key))
        .into_iter()
        .collect())
}

pub(super) fn conversation_not_found() -> Reply {
    Reply::error(
        StatusCode::NOT_FOUND,
        "ConversationNotFound",
        "Conversation not found.",
    )
}

fn roster_page(state: &State, conversation_id: &str, call: &RecordedCall) -> Result<Reply, Reply> {
    let members = conversation_members(state, conversation_id)?;
    let page_size = match call.query.get("pageSize") {
        None => DEFAULT_PAGE_SIZE,
        Some(size) => size
            .parse::<usize>()
            .map_err(|_| bad_argument("pageSize must be a number."))?
            .clamp(MIN_PAGE_SIZE, MAX_PAGE_SIZE),
    };
    let offset = match call.query.get("continuationToken") {
        None => 0,
        Some(token) => decode_continuation(token)
            .filter(|offset| *offset < members.len())
            .ok_or_else(|| bad_argument("The continuation token is not valid."))?,
    };
    let end = (offset + page_size).min(members.len());
    let mut page = json!({"members": &members[offset..end]});
    if end < members.len() {
        page["continuationToken"] = json!(encode_continuation(end));
    }
    Ok(Reply::ok(page))
}

/// A continuation token: opaque to the bot, the next page's offset to the fake.
fn encode_continuation(offset: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("roster:{offset}"))
}

fn decode_continuation(token: &str) -> Option<usize> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("roster:")?
        .parse()
        .ok()
}

/// `GET /v3/conversations/{id}/members/{memberId}`: one member, by `29:` id or object id.
pub(super) async fn member(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path((conversation_id, member_id)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let call = RecordedCall::new(CallKind::Member, method, &uri, &headers, &[]);
    inner.serve(call, |state, call| {
        let found = admit(state, call)
            .and_then(|()| conversation_members(state, &conversation_id))
            .map(|members| {
                members.into_iter().find(|m| {
                    m["id"] == member_id.as_str()
                        || m["objectId"] == member_id.as_str()
                        || m["aadObjectId"] == member_id.as_str()
                })
            });
        match found {
            Ok(Some(member)) => Reply::ok(member),
            Ok(None) => Reply::error(
                StatusCode::NOT_FOUND,
                "MemberNotFoundInConversation",
                "The member was not found in the conversation.",
            ),
            Err(refusal) => refusal,
        }
    })
}

/// `GET /v3/teams/{teamId}`: `{id, name, aadGroupId}`.
pub(super) async fn team_details(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(team_id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let call = RecordedCall::new(CallKind::TeamDetails, method, &uri, &headers, &[]);
    inner.serve(call, |state, call| {
        admit(state, call)
            .and_then(|()| known_team(state, &team_id))
            .map(|()| {
                let team = &state.team;
                Reply::ok(
                    json!({"id": team.id, "name": team.name, "aadGroupId": team.aad_group_id}),
                )
            })
            .unwrap_or_else(|refusal| refusal)
    })
}

/// `GET /v3/teams/{teamId}/conversations`: the team's channels, General named `null`.
pub(super) async fn team_channels(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(team_id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let call = RecordedCall::new(CallKind::TeamChannels, method, &uri, &headers, &[]);
    inner.serve(call, |state, call| {
        admit(state, call)
            .and_then(|()| known_team(state, &team_id))
            .map(|()| {
                let channels: Vec<Value> = state
                    .team
                    .channels
                    .iter()
                    .map(|c| json!({"id": c.id, "name": c.name}))
                    .collect();
                Reply::ok(json!({"conversations": channels}))
            })
            .unwrap_or_else(|refusal| refusal)
    })
}

fn known_team(state: &State, team_id: &str) -> Result<(), Reply> {
    if channel_of(team_id) == state.team.id {
        Ok(())
    } else {
        Err(Reply::error(
            StatusCode::NOT_FOUND,
            "NotFound",
            "Team not found.",
        ))
    }
}

/// Anything else: recorded, and answered 404 so a test sees the bot called something the fake
/// (and maybe Teams) does not serve.
pub(super) async fn unknown(
    AxumState(inner): AxumState<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = RecordedCall::new(CallKind::Unknown, method, &uri, &headers, &body);
    inner.serve(call, |_, _| {
        Reply::error(
            StatusCode::NOT_FOUND,
            "NotFound",
            "No such endpoint in the fake.",
        )
    })
}
