//! The guild, its members, roles and channels.
//!
//! List Guild Members (`resources/guild.mdx`): `limit` 1–1000, default 1; `after` "the highest
//! user id in the previous page", default 0; members in user id order; needs the privileged
//! GUILD_MEMBERS intent switched on for the app, else 403 `{"message":"Missing Access",
//! "code":50001}`. An unknown guild is 404 10004 "Unknown Guild", an unknown member 404 10007,
//! an unknown channel 404 10003 (`topics/opcodes-and-status-codes.mdx`, JSON error codes).

use axum::http::StatusCode;

use super::INTENT_GUILD_MEMBERS;
use super::guild::{FakeChannel, FakeMember, FakeRole, snowflake_value};
use super::records::{RecordedCall, Reply};
use super::state::State;
use super::users::dm_channel_json;

fn unknown_guild() -> Reply {
    Reply::error(StatusCode::NOT_FOUND, 10004, "Unknown Guild")
}

pub(super) fn list(state: &State, call: &RecordedCall, params: &[String]) -> Reply {
    if params[0] != state.guild.id {
        return unknown_guild();
    }
    if state.privileged_intents & INTENT_GUILD_MEMBERS == 0 {
        return Reply::error(StatusCode::FORBIDDEN, 50001, "Missing Access");
    }
    let limit = match call.query.get("limit") {
        None => 1,
        Some(text) => match text.parse::<usize>() {
            Ok(0) => {
                return Reply::invalid_form(
                    "limit",
                    "NUMBER_TYPE_MIN",
                    "int value should be greater than or equal to 1.",
                );
            }
            Ok(n) if n > state.max_member_limit => {
                let message = format!(
                    "int value should be less than or equal to {}.",
                    state.max_member_limit
                );
                return Reply::invalid_form("limit", "NUMBER_TYPE_MAX", &message);
            }
            Ok(n) => n,
            Err(_) => {
                return Reply::invalid_form("limit", "NUMBER_TYPE_COERCE", "Value is not int.");
            }
        },
    };
    let after = match call.query.get("after") {
        None => 0,
        Some(text) => match text.parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                let message = format!("Value \"{text}\" is not snowflake.");
                return Reply::invalid_form("after", "NUMBER_TYPE_COERCE", &message);
            }
        },
    };
    let mut members: Vec<&FakeMember> = state
        .guild
        .members
        .iter()
        .filter(|m| snowflake_value(&m.user_id) > after)
        .collect();
    members.sort_by_key(|m| snowflake_value(&m.user_id));
    let page: Vec<serde_json::Value> = members
        .into_iter()
        .take(limit)
        .map(FakeMember::member_json)
        .collect();
    Reply::ok(serde_json::Value::Array(page))
}

pub(super) fn one(state: &State, params: &[String]) -> Reply {
    if params[0] != state.guild.id {
        return unknown_guild();
    }
    match state.guild.members.iter().find(|m| m.user_id == params[1]) {
        Some(member) => Reply::ok(member.member_json()),
        None => Reply::error(StatusCode::NOT_FOUND, 10007, "Unknown Member"),
    }
}

pub(super) fn roles(state: &State, params: &[String]) -> Reply {
    if params[0] != state.guild.id {
        return unknown_guild();
    }
    Reply::ok(state.guild.roles.iter().map(FakeRole::to_json).collect())
}

pub(super) fn channels(state: &State, params: &[String]) -> Reply {
    if params[0] != state.guild.id {
        return unknown_guild();
    }
    Reply::ok(
        state
            .guild
            .channels
            .iter()
            .map(FakeChannel::to_json)
            .collect(),
    )
}

pub(super) fn guild(state: &State, params: &[String]) -> Reply {
    if params[0] != state.guild.id {
        return unknown_guild();
    }
    Reply::ok(state.guild.to_json())
}

pub(super) fn channel(state: &State, params: &[String]) -> Reply {
    if let Some(channel) = state.guild.channel(&params[0]) {
        return Reply::ok(channel.to_json());
    }
    match state.dm_recipient(&params[0]) {
        Some(user) => Reply::ok(dm_channel_json(state, &params[0], user)),
        None => Reply::error(StatusCode::NOT_FOUND, 10003, "Unknown Channel"),
    }
}
