//! Answers to interactions: the first callback, and the webhook endpoints that edit the
//! original response and send follow-ups.
//!
//! From discord-api-docs `interactions/receiving-and-responding.mdx` (`chat-protocols.md`
//! section 11 and its serenity notes): `POST /interactions/{id}/{token}/callback` answers 204;
//! an interaction answers once (a second callback is 400 `{"message":"Interaction has already
//! been acknowledged.","code":40060}`); after 3 seconds, or for an id or token Discord never
//! issued, it is 404 `{"message":"Unknown interaction","code":10062}`. Response types: 1 PONG
//! (PING only), 4 message, 5 deferred message (only the EPHEMERAL flag), 6 deferred update and
//! 7 update (component and modal-submit interactions only), 8 autocomplete result, 9 MODAL
//! (never in answer to a modal submit or a PING). A modal (`components/reference.mdx`, "Text
//! Input"): `title` 1–45, `custom_id` 1–100, 1–5 action rows each holding one text input
//! (type 4: `custom_id` 1–100, `style` 1|2, `label` 1–45, `min_length` 0–4000, `max_length`
//! 1–4000, `value` ≤ 4000, `placeholder` ≤ 100). Webhook endpoints: `PATCH|GET|DELETE
//! /webhooks/{app}/{token}/messages/@original`, `POST /webhooks/{app}/{token}`, `PATCH
//! /webhooks/{app}/{token}/messages/{id}`; an unknown token is 404 10015 "Unknown Webhook".

use std::time::Instant;

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::messages::{apply_edit, check_message, store};
use super::records::{FilePart, RecordedCall, Reply, Route};
use super::state::State;
use super::views::{Callback, CallbackVia, MessageOrigin};
use super::{APPLICATION_ID, GENERAL_CHANNEL_ID};

fn unknown_interaction() -> Reply {
    Reply::error(StatusCode::NOT_FOUND, 10062, "Unknown interaction")
}

pub(super) fn callback(state: &mut State, call: &RecordedCall, params: &[String]) -> Reply {
    let (id, token) = (&params[0], &params[1]);
    let Some(issued) = state.interaction(id) else {
        return unknown_interaction();
    };
    if issued.token != *token {
        return unknown_interaction();
    }
    match accept(state, id, &call.body, &call.files, CallbackVia::Http) {
        Ok(()) => Reply::no_content(),
        Err(reply) => reply,
    }
}

/// Validates and records the first answer to interaction `id` (over HTTP or inline).
pub(super) fn accept(
    state: &mut State,
    id: &str,
    body: &Value,
    files: &[FilePart],
    via: CallbackVia,
) -> Result<(), Reply> {
    let Some(issued) = state.interaction(id).cloned() else {
        return Err(unknown_interaction());
    };
    let answered = state
        .callbacks
        .iter()
        .any(|c| c.interaction_id == id && c.error.is_none());
    if answered {
        return Err(Reply::error(
            StatusCode::BAD_REQUEST,
            40060,
            "Interaction has already been acknowledged.",
        ));
    }
    if via == CallbackVia::Http && issued.issued_at.elapsed() > state.response_window {
        return Err(unknown_interaction());
    }
    let kind = body["type"].as_u64().unwrap_or(0);
    let data = body.get("data").cloned().unwrap_or(Value::Null);
    check_response(issued.kind, kind, &data, files)?;
    let channel_id = issued
        .channel_id
        .clone()
        .unwrap_or_else(|| GENERAL_CHANNEL_ID.to_owned());
    let original = match kind {
        4 => Some(store_response(state, &channel_id, &data, files, id)),
        5 => {
            // The "thinking" message the deferred answer is edited into.
            let flags = data["flags"].as_u64().unwrap_or(0) | 128;
            Some(store_response(
                state,
                &channel_id,
                &json!({"content": "", "flags": flags}),
                &[],
                id,
            ))
        }
        6 => issued.message_id.clone(),
        7 => {
            if let Some(message_id) = &issued.message_id {
                apply_edit(state, message_id, &data, files);
            }
            issued.message_id.clone()
        }
        _ => None,
    };
    if let Some(entry) = state.interactions.iter_mut().find(|i| i.id == id) {
        entry.original_message_id = original.or(entry.original_message_id.take());
    }
    state.callbacks.push(Callback {
        interaction_id: id.to_owned(),
        kind: kind as u8,
        data,
        body: body.clone(),
        via,
        at: Instant::now(),
        error: None,
    });
    Ok(())
}

fn store_response(
    state: &mut State,
    channel_id: &str,
    data: &Value,
    files: &[FilePart],
    id: &str,
) -> String {
    let origin = MessageOrigin::InteractionResponse(id.to_owned());
    let object = store(state, channel_id, data, files, origin);
    object["id"].as_str().unwrap_or_default().to_owned()
}

/// Whether response type `kind` with `data` may answer an interaction of type `interaction`.
fn check_response(
    interaction: u8,
    kind: u64,
    data: &Value,
    files: &[FilePart],
) -> Result<(), Reply> {
    let wrong = || {
        Reply::invalid_form(
            "type",
            "INTERACTION_RESPONSE_TYPE_INVALID",
            "Interaction response type is not valid for this interaction",
        )
    };
    match kind {
        1 if interaction == 1 => Ok(()),
        4 => check_message(data, files, true),
        5 => {
            let flags = data["flags"].as_u64().unwrap_or(0);
            if flags & !64 != 0 {
                return Err(Reply::invalid_form(
                    "data.flags",
                    "INTERACTION_RESPONSE_FLAGS_INVALID",
                    "Only the EPHEMERAL flag is allowed",
                ));
            }
            Ok(())
        }
        6 | 7 if matches!(interaction, 3 | 5) => {
            if kind == 7 {
                check_message(data, files, false)
            } else {
                Ok(())
            }
        }
        8 if interaction == 4 => Ok(()),
        9 if matches!(interaction, 2 | 3) => check_modal(data),
        1 | 6..=9 => Err(wrong()),
        _ => Err(Reply::invalid_form(
            "type",
            "BASE_TYPE_CHOICES",
            "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.",
        )),
    }
}

fn length(path: &str, value: &Value, min: usize, max: usize, required: bool) -> Result<(), Reply> {
    let Some(text) = value.as_str() else {
        if required {
            return Err(Reply::invalid_form(
                path,
                "BASE_TYPE_REQUIRED",
                "This field is required",
            ));
        }
        return Ok(());
    };
    let n = text.chars().count();
    if n < min || n > max {
        let message = format!("Must be between {min} and {max} in length.");
        return Err(Reply::invalid_form(path, "BASE_TYPE_BAD_LENGTH", &message));
    }
    Ok(())
}

fn check_modal(data: &Value) -> Result<(), Reply> {
    length("data.title", &data["title"], 1, 45, true)?;
    length("data.custom_id", &data["custom_id"], 1, 100, true)?;
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    if rows.is_empty() || rows.len() > 5 {
        return Err(Reply::invalid_form(
            "data.components",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 5 in length.",
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let here = format!("data.components.{i}");
        let input = match row["type"].as_u64() {
            Some(1) => {
                let items = row["components"].as_array().cloned().unwrap_or_default();
                if items.len() != 1 {
                    return Err(Reply::invalid_form(
                        &format!("{here}.components"),
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 1 in length.",
                    ));
                }
                items[0].clone()
            }
            // A Label (type 18) wraps one component in newer modals.
            Some(18) => {
                length(&format!("{here}.label"), &row["label"], 1, 45, true)?;
                row["component"].clone()
            }
            _ => {
                return Err(Reply::invalid_form(
                    &format!("{here}.type"),
                    "UNION_TYPE_CHOICES",
                    "Value of field \"type\" must be one of (1, 18).",
                ));
            }
        };
        let here = format!("{here}.components.0");
        if input["type"] != 4 {
            continue;
        }
        length(
            &format!("{here}.custom_id"),
            &input["custom_id"],
            1,
            100,
            true,
        )?;
        if row["type"] == 1 {
            length(&format!("{here}.label"), &input["label"], 1, 45, true)?;
        }
        if !matches!(input["style"].as_u64(), Some(1 | 2)) {
            return Err(Reply::invalid_form(
                &format!("{here}.style"),
                "BASE_TYPE_CHOICES",
                "Value must be one of {1, 2}.",
            ));
        }
        for (field, min, max) in [("min_length", 0, 4000), ("max_length", 1, 4000)] {
            if let Some(n) = input[field].as_u64()
                && (n < min || n > max)
            {
                let message = format!("int value should be between {min} and {max}.");
                return Err(Reply::invalid_form(
                    &format!("{here}.{field}"),
                    "NUMBER_TYPE_MAX",
                    &message,
                ));
            }
        }
        length(&format!("{here}.value"), &input["value"], 0, 4000, false)?;
        length(
            &format!("{here}.placeholder"),
            &input["placeholder"],
            0,
            100,
            false,
        )?;
    }
    Ok(())
}

/// The webhook endpoints of an interaction token.
pub(super) fn webhook(state: &mut State, call: &RecordedCall, params: &[String]) -> Reply {
    let unknown_webhook = || Reply::error(StatusCode::NOT_FOUND, 10015, "Unknown Webhook");
    let unknown_message = || Reply::error(StatusCode::NOT_FOUND, 10008, "Unknown Message");
    if params[0] != APPLICATION_ID {
        return unknown_webhook();
    }
    let Some(issued) = state.interaction_by_token(&params[1]).cloned() else {
        return unknown_webhook();
    };
    let acknowledged = state
        .callbacks
        .iter()
        .any(|c| c.interaction_id == issued.id && c.error.is_none());
    match call.route {
        Route::CreateFollowup => {
            if !acknowledged {
                return unknown_webhook();
            }
            if let Err(reply) = check_message(&call.body, &call.files, true) {
                return reply;
            }
            let channel_id = issued
                .channel_id
                .clone()
                .unwrap_or_else(|| GENERAL_CHANNEL_ID.to_owned());
            let origin = MessageOrigin::Followup(issued.id.clone());
            Reply::ok(store(state, &channel_id, &call.body, &call.files, origin))
        }
        Route::EditFollowup => {
            let id = &params[2];
            let ours = state.messages.iter().any(|m| {
                m.id == *id && m.origin == MessageOrigin::Followup(issued.id.clone()) && !m.deleted
            });
            if !ours {
                return unknown_message();
            }
            if let Err(reply) = check_message(&call.body, &call.files, false) {
                return reply;
            }
            apply_edit(state, id, &call.body, &call.files).map_or_else(unknown_message, Reply::ok)
        }
        _ => {
            let Some(original) = issued.original_message_id.clone() else {
                return unknown_message();
            };
            match call.route {
                Route::GetOriginal => state
                    .messages
                    .iter()
                    .find(|m| m.id == original && !m.deleted)
                    .map_or_else(unknown_message, |m| Reply::ok(m.object.clone())),
                Route::DeleteOriginal => match state.message_mut(&original) {
                    Some(message) if !message.deleted => {
                        message.deleted = true;
                        Reply::no_content()
                    }
                    _ => unknown_message(),
                },
                _ => {
                    if let Err(reply) = check_message(&call.body, &call.files, false) {
                        return reply;
                    }
                    let mut body = call.body.clone();
                    // Filling a deferred answer clears its LOADING flag.
                    if let Some(message) = state.messages.iter().find(|m| m.id == original) {
                        let flags = message.flags() & !128;
                        if body.get("flags").is_none() {
                            body["flags"] = json!(flags);
                        }
                    }
                    apply_edit(state, &original, &body, &call.files)
                        .map_or_else(unknown_message, Reply::ok)
                }
            }
        }
    }
}
