//! Gateway discovery, the bot's own user, guilds and application, and DM channels.
//!
//! Shapes from discord-api-docs: Get Gateway `{"url":"wss://gateway.discord.gg"}` and Get
//! Gateway Bot `{url, shards, session_start_limit{total, remaining, reset_after,
//! max_concurrency}}` (`events/gateway.mdx`); Get Current User (User object with `verified`,
//! `mfa_enabled`, `email`, `flags`); Get Current User Guilds (partial guilds with `owner`,
//! `permissions`, `features`); Get Current Application (`resources/application.mdx`); Create DM
//! `{"recipient_id"}` → the DM Channel `{id, type:1, last_message_id, flags, recipients}`,
//! "the same channel comes back if it already exists" (`resources/user.mdx`); an unknown
//! recipient is 400 50033 "Invalid Recipient(s)".

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::guild::bot_member;
use super::records::{RecordedCall, Reply};
use super::state::State;
use super::{
    APPLICATION_ID, BOT_NAME, INTENT_GUILD_MEMBERS, INTENT_GUILD_PRESENCES, INTENT_MESSAGE_CONTENT,
    PUBLIC_KEY,
};

pub(super) fn gateway(state: &State) -> Reply {
    Reply::ok(json!({"url": state.gateway.url}))
}

pub(super) fn gateway_bot(state: &State) -> Reply {
    Reply::ok(json!({
        "url": state.gateway.url,
        "shards": 1,
        "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1},
    }))
}

/// The bot as Get Current User answers it.
pub(super) fn current_user_json() -> Value {
    let mut user = bot_member().user_json();
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["email"] = Value::Null;
    user["locale"] = json!("en-US");
    user["premium_type"] = json!(0);
    user
}

pub(super) fn current_user() -> Reply {
    Reply::ok(current_user_json())
}

pub(super) fn current_user_guilds(state: &State) -> Reply {
    Reply::ok(json!([state.guild.partial_json()]))
}

/// The application's flags: the "limited" gateway intent flags for the privileged intents
/// switched on (GATEWAY_PRESENCE_LIMITED 1<<13, GATEWAY_GUILD_MEMBERS_LIMITED 1<<15,
/// GATEWAY_MESSAGE_CONTENT_LIMITED 1<<19), and APPLICATION_COMMAND_BADGE 1<<23.
pub(super) fn application_flags(state: &State) -> u64 {
    let mut flags = 1 << 23;
    if state.privileged_intents & INTENT_GUILD_PRESENCES != 0 {
        flags |= 1 << 13;
    }
    if state.privileged_intents & INTENT_GUILD_MEMBERS != 0 {
        flags |= 1 << 15;
    }
    if state.privileged_intents & INTENT_MESSAGE_CONTENT != 0 {
        flags |= 1 << 19;
    }
    flags
}

pub(super) fn application(state: &State) -> Reply {
    let owner = json!({
        "id": state.guild.owner_id,
        "username": "olivia",
        "global_name": "Olivia Hart",
        "discriminator": "0",
        "avatar": null,
        "public_flags": 0,
        "flags": 0,
    });
    Reply::ok(json!({
        "id": APPLICATION_ID,
        "name": BOT_NAME,
        "icon": null,
        "description": "Pulse surveys, kudos and the customer narrative.",
        "summary": "",
        "type": null,
        "bot": current_user_json(),
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": PUBLIC_KEY,
        "owner": owner,
        "team": null,
        "flags": application_flags(state),
        "guild_id": state.guild.id,
        "interactions_endpoint_url": null,
        "redirect_uris": [],
        "tags": [],
        "integration_types_config": {"0": {}},
        "approximate_guild_count": 1,
    }))
}

/// The DM Channel object for the bot's DM with `user_id`.
pub(super) fn dm_channel_json(state: &State, channel_id: &str, user_id: &str) -> Value {
    let recipient = state
        .member(user_id)
        .map(|m| m.user_json())
        .unwrap_or_else(|| json!({"id": user_id, "username": "unknown", "discriminator": "0", "global_name": null, "avatar": null}));
    json!({
        "id": channel_id,
        "type": 1,
        "last_message_id": null,
        "flags": 0,
        "recipients": [recipient],
    })
}

pub(super) fn create_dm(state: &mut State, call: &RecordedCall) -> Reply {
    let Some(recipient) = call.body["recipient_id"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| call.body["recipient_id"].as_u64().map(|n| n.to_string()))
    else {
        return Reply::invalid_form(
            "recipient_id",
            "BASE_TYPE_REQUIRED",
            "This field is required",
        );
    };
    if state.member(&recipient).is_none() || recipient == super::BOT_USER_ID {
        return Reply::error(StatusCode::BAD_REQUEST, 50033, "Invalid Recipient(s)");
    }
    let channel_id = state.open_dm(&recipient);
    Reply::ok(dm_channel_json(state, &channel_id, &recipient))
}
