//! Create and edit messages, and the limits every message body is held to (channel posts,
//! interaction responses, follow-ups).
//!
//! From discord-api-docs `resources/message.mdx` and `components/reference.mdx`
//! (`chat-protocols.md` section 11): content at most 2000 characters; at most 10 embeds (title
//! 256, description 4096); at most 10 files; at most 5 action rows (type 1), each with 1–5
//! buttons or one select menu; a button (type 2) with style 1–4 needs a `custom_id` of 1–100
//! characters, unique in the message, style 5 a `url` and no `custom_id`; labels at most 80
//! characters; `allowed_mentions.parse` only `users`, `roles`, `everyone`, and `parse:["users"]`
//! with a `users` list is refused as mutually exclusive. A message with nothing in it is 400
//! 50006 "Cannot send an empty message". A DM to a user who refuses them is 403 50007 "Cannot
//! send messages to this user"; an unknown channel 404 10003, an unknown message 404 10008.
//! The answer is a Message object (`id, channel_id, author, content, timestamp,
//! edited_timestamp, tts, mention_everyone, mentions, mention_roles, attachments, embeds,
//! components, pinned, type, flags`).

use axum::http::StatusCode;
use chrono::{SecondsFormat, Utc};
use serde_json::{Value, json};

use super::guild::bot_member;
use super::records::{FilePart, RecordedCall, Reply};
use super::state::State;
use super::views::{MessageOrigin, SentMessage, pings};
use super::{APPLICATION_ID, GUILD_ID};

/// IS_COMPONENTS_V2: the message is laid out with the newer components only.
const IS_COMPONENTS_V2: u64 = 1 << 15;

/// Checks a message body (and its files) against Discord's limits; `create` also refuses an
/// empty message.
pub(super) fn check_message(body: &Value, files: &[FilePart], create: bool) -> Result<(), Reply> {
    if !body.is_object() && (!body.is_null() || files.is_empty()) {
        return Err(Reply::error(
            StatusCode::BAD_REQUEST,
            50109,
            "The request body contains invalid JSON.",
        ));
    }
    let content = &body["content"];
    if content
        .as_str()
        .is_some_and(|text| text.chars().count() > 2000)
    {
        return Err(Reply::invalid_form(
            "content",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 2000 or fewer in length.",
        ));
    }
    if let Some(embeds) = body["embeds"].as_array() {
        if embeds.len() > 10 {
            return Err(Reply::invalid_form(
                "embeds",
                "BASE_TYPE_MAX_LENGTH",
                "Must be 10 or fewer in length.",
            ));
        }
        for (i, embed) in embeds.iter().enumerate() {
            for (field, max) in [("title", 256), ("description", 4096)] {
                if embed[field]
                    .as_str()
                    .is_some_and(|t| t.chars().count() > max)
                {
                    let message = format!("Must be {max} or fewer in length.");
                    return Err(Reply::invalid_form(
                        &format!("embeds.{i}.{field}"),
                        "BASE_TYPE_MAX_LENGTH",
                        &message,
                    ));
                }
            }
        }
    }
    if files.len() > 10 {
        return Err(Reply::invalid_form(
            "files",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 10 or fewer in length.",
        ));
    }
    let v2 = body["flags"].as_u64().unwrap_or(0) & IS_COMPONENTS_V2 != 0;
    check_components(&body["components"], v2)?;
    check_allowed_mentions(&body["allowed_mentions"])?;
    if create {
        let has = |key: &str| match &body[key] {
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Null => false,
            _ => true,
        };
        let something = has("content")
            || has("embeds")
            || has("components")
            || has("sticker_ids")
            || has("poll")
            || !files.is_empty();
        if !something {
            return Err(Reply::error(
                StatusCode::BAD_REQUEST,
                50006,
                "Cannot send an empty message",
            ));
        }
    }
    Ok(())
}

fn check_components(components: &Value, v2: bool) -> Result<(), Reply> {
    let Some(rows) = components.as_array() else {
        return Ok(());
    };
    let mut ids = Vec::new();
    if v2 {
        return check_custom_ids("components", components, &mut ids);
    }
    if rows.len() > 5 {
        return Err(Reply::invalid_form(
            "components",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 5 or fewer in length.",
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let here = format!("components.{i}");
        if row["type"] != 1 {
            return Err(Reply::invalid_form(
                &format!("{here}.type"),
                "UNION_TYPE_CHOICES",
                "Value of field \"type\" must be one of (1,).",
            ));
        }
        let items = row["components"].as_array().cloned().unwrap_or_default();
        let selects = items
            .iter()
            .filter(|c| matches!(c["type"].as_u64(), Some(3 | 5..=8)))
            .count();
        if items.is_empty() || items.len() > 5 || (selects > 0 && items.len() > 1) {
            return Err(Reply::invalid_form(
                &format!("{here}.components"),
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 5 in length.",
            ));
        }
        for (j, item) in items.iter().enumerate() {
            let here = format!("{here}.components.{j}");
            if item["type"] == 2 {
                check_button(&here, item)?;
            }
        }
    }
    check_custom_ids("components", components, &mut ids)
}

fn check_button(here: &str, button: &Value) -> Result<(), Reply> {
    let style = button["style"].as_u64().unwrap_or(0);
    if !(1..=6).contains(&style) {
        return Err(Reply::invalid_form(
            &format!("{here}.style"),
            "BASE_TYPE_CHOICES",
            "Value must be one of {1, 2, 3, 4, 5, 6}.",
        ));
    }
    if button["label"]
        .as_str()
        .is_some_and(|l| l.chars().count() > 80)
    {
        return Err(Reply::invalid_form(
            &format!("{here}.label"),
            "BASE_TYPE_MAX_LENGTH",
            "Must be 80 or fewer in length.",
        ));
    }
    match style {
        5 => {
            if button["url"].as_str().is_none() || button.get("custom_id").is_some() {
                return Err(Reply::invalid_form(
                    &format!("{here}.url"),
                    "BUTTON_COMPONENT_URL_REQUIRED",
                    "A url is required, and no custom_id",
                ));
            }
        }
        6 => {}
        _ => {
            if button["custom_id"].as_str().is_none() {
                return Err(Reply::invalid_form(
                    &format!("{here}.custom_id"),
                    "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED",
                    "A custom id is required",
                ));
            }
        }
    }
    Ok(())
}

/// Every `custom_id` in the tree: 1–100 characters and unique.
fn check_custom_ids(path: &str, value: &Value, ids: &mut Vec<String>) -> Result<(), Reply> {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_custom_ids(&format!("{path}.{i}"), item, ids)?;
            }
        }
        Value::Object(map) => {
            if let Some(id) = map.get("custom_id") {
                let id = id.as_str().unwrap_or_default();
                let n = id.chars().count();
                if !(1..=100).contains(&n) {
                    return Err(Reply::invalid_form(
                        &format!("{path}.custom_id"),
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 100 in length.",
                    ));
                }
                if ids.iter().any(|seen| seen == id) {
                    return Err(Reply::invalid_form(
                        &format!("{path}.custom_id"),
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated",
                    ));
                }
                ids.push(id.to_owned());
            }
            for key in ["components", "accessory"] {
                if let Some(child) = map.get(key) {
                    check_custom_ids(&format!("{path}.{key}"), child, ids)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_allowed_mentions(allowed: &Value) -> Result<(), Reply> {
    if allowed.is_null() {
        return Ok(());
    }
    let parse: Vec<&str> = allowed["parse"]
        .as_array()
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(bad) = parse
        .iter()
        .find(|p| !matches!(**p, "users" | "roles" | "everyone"))
    {
        let message = format!("Value \"{bad}\" is not a valid enum value.");
        return Err(Reply::invalid_form(
            "allowed_mentions.parse",
            "ENUM_TYPE_COERCE",
            &message,
        ));
    }
    for (kind, list) in [("users", "users"), ("roles", "roles")] {
        let listed = allowed[list].as_array().is_some_and(|l| !l.is_empty());
        if listed && parse.contains(&kind) {
            let message =
                format!("parse:[\"{kind}\"] and {list}: [ids...] are mutually exclusive.");
            return Err(Reply::invalid_form(
                &format!("allowed_mentions.{list}"),
                "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                &message,
            ));
        }
    }
    Ok(())
}

/// The Message object for `body` posted in `channel_id`.
pub(super) fn message_object(
    state: &mut State,
    id: &str,
    channel_id: &str,
    body: &Value,
    files: &[FilePart],
    origin: &MessageOrigin,
) -> Value {
    let parse_default: &[&str] = match origin {
        MessageOrigin::Channel => &["users", "roles", "everyone"],
        _ => &["users"],
    };
    let content = body["content"].as_str().unwrap_or_default();
    let who = pings(content, &body["allowed_mentions"], parse_default);
    let mentions: Vec<Value> = who
        .users
        .iter()
        .filter_map(|u| state.member(u).map(|m| m.user_json()))
        .collect();
    let mut object = json!({
        "id": id,
        "channel_id": channel_id,
        "author": bot_member().user_json(),
        "content": content,
        "timestamp": Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false),
        "edited_timestamp": null,
        "tts": body["tts"].as_bool().unwrap_or(false),
        "mention_everyone": who.everyone,
        "mentions": mentions,
        "mention_roles": who.roles,
        "attachments": attachments(state, body, files),
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "components": body.get("components").cloned().unwrap_or(json!([])),
        "pinned": false,
        "type": 0,
        "flags": body["flags"].as_u64().unwrap_or(0),
    });
    if state.guild.channel(channel_id).is_some() {
        object["guild_id"] = json!(GUILD_ID);
    }
    if let MessageOrigin::InteractionResponse(_) | MessageOrigin::Followup(_) = origin {
        object["webhook_id"] = json!(APPLICATION_ID);
        object["application_id"] = json!(APPLICATION_ID);
        object["type"] = json!(if matches!(origin, MessageOrigin::Followup(_)) {
            0
        } else {
            20
        });
    }
    object
}

/// Attachment objects for the uploaded files, with the `attachments` metadata of the payload
/// (`id` = the file's index, `description`) applied.
fn attachments(state: &mut State, body: &Value, files: &[FilePart]) -> Value {
    let mut out = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let filename = file
            .filename
            .clone()
            .unwrap_or_else(|| format!("file{index}"));
        let meta = body["attachments"].as_array().and_then(|list| {
            list.iter().find(|a| {
                a["id"].as_u64() == Some(index as u64)
                    || a["id"].as_str() == Some(&index.to_string())
            })
        });
        let id = state.next_snowflake();
        let mut attachment = json!({
            "id": id,
            "filename": meta.and_then(|m| m["filename"].as_str()).unwrap_or(&filename),
            "size": file.len(),
            "url": format!("https://cdn.example.invalid/attachments/{id}/{filename}"),
            "proxy_url": format!("https://media.example.invalid/attachments/{id}/{filename}"),
            "content_type": file.content_type,
        });
        if let Some(description) = meta.and_then(|m| m["description"].as_str()) {
            attachment["description"] = json!(description);
        }
        out.push(attachment);
    }
    Value::Array(out)
}

/// Stores a new message and returns its object.
pub(super) fn store(
    state: &mut State,
    channel_id: &str,
    body: &Value,
    files: &[FilePart],
    origin: MessageOrigin,
) -> Value {
    let id = state.next_snowflake();
    let object = message_object(state, &id, channel_id, body, files, &origin);
    let dm_user = state.dm_recipient(channel_id).map(str::to_owned);
    state.messages.push(SentMessage {
        id,
        channel_id: channel_id.to_owned(),
        dm_user,
        origin,
        request: body.clone(),
        edits: Vec::new(),
        files: files.to_vec(),
        object: object.clone(),
        deleted: false,
    });
    object
}

/// Applies an edit's fields to message `id` and returns the new object.
pub(super) fn apply_edit(
    state: &mut State,
    id: &str,
    body: &Value,
    files: &[FilePart],
) -> Option<Value> {
    let index = state.messages.iter().position(|m| m.id == id)?;
    let origin = state.messages[index].origin.clone();
    let channel_id = state.messages[index].channel_id.clone();
    let fresh = message_object(state, id, &channel_id, body, files, &origin);
    let message = &mut state.messages[index];
    for key in ["content", "embeds", "components", "flags"] {
        if body.get(key).is_some() {
            message.object[key] = fresh[key].clone();
        }
    }
    if body.get("content").is_some() || body.get("allowed_mentions").is_some() {
        for key in ["mention_everyone", "mentions", "mention_roles"] {
            message.object[key] = fresh[key].clone();
        }
    }
    if !files.is_empty() {
        message.object["attachments"] = fresh["attachments"].clone();
        message.files = files.to_vec();
    } else if body["attachments"].as_array().is_some_and(|a| a.is_empty()) {
        message.object["attachments"] = json!([]);
        message.files.clear();
    }
    message.object["edited_timestamp"] =
        json!(Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false));
    message.edits.push(body.clone());
    Some(message.object.clone())
}

/// Whether the fake knows `channel_id` (a guild text channel or a DM).
fn channel_known(state: &State, channel_id: &str) -> bool {
    state.guild.channel(channel_id).is_some() || state.dm_recipient(channel_id).is_some()
}

pub(super) fn create(state: &mut State, call: &RecordedCall, params: &[String]) -> Reply {
    let channel_id = &params[0];
    if !channel_known(state, channel_id) {
        return Reply::error(StatusCode::NOT_FOUND, 10003, "Unknown Channel");
    }
    if let Some(user) = state.dm_recipient(channel_id)
        && state.member(user).is_none_or(|m| m.blocks_dms)
    {
        return Reply::error(
            StatusCode::FORBIDDEN,
            50007,
            "Cannot send messages to this user",
        );
    }
    if let Err(reply) = check_message(&call.body, &call.files, true) {
        return reply;
    }
    Reply::ok(store(
        state,
        channel_id,
        &call.body,
        &call.files,
        MessageOrigin::Channel,
    ))
}

pub(super) fn edit(state: &mut State, call: &RecordedCall, params: &[String]) -> Reply {
    let (channel_id, message_id) = (&params[0], &params[1]);
    if !channel_known(state, channel_id) {
        return Reply::error(StatusCode::NOT_FOUND, 10003, "Unknown Channel");
    }
    let known = state
        .messages
        .iter()
        .any(|m| m.id == *message_id && m.channel_id == *channel_id && !m.deleted);
    if !known {
        return Reply::error(StatusCode::NOT_FOUND, 10008, "Unknown Message");
    }
    if let Err(reply) = check_message(&call.body, &call.files, false) {
        return reply;
    }
    match apply_edit(state, message_id, &call.body, &call.files) {
        Some(object) => Reply::ok(object),
        None => Reply::error(StatusCode::NOT_FOUND, 10008, "Unknown Message"),
    }
}
