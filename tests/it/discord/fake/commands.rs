//! Bulk Overwrite Guild Application Commands and its validation.
//!
//! From discord-api-docs `interactions/application-commands.mdx`: CHAT_INPUT names match
//! `^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$` and must be lowercase where the letter has a
//! lowercase form; descriptions 1–100 characters; at most 25 options, required ones before
//! optional ones; option names follow the command-name rule; at most 25 choices, choice names
//! 1–100 characters; at most 100 guild commands; names unique per type. The answer is the
//! list of Application Command objects with `id`, `application_id`, `guild_id`, `version`,
//! `default_member_permissions`, `type` (default 1), `nsfw`; an existing name keeps its id.
//! Violations answer 400 Invalid Form Body (50035) naming the field, e.g.
//! `{"0":{"name":{"_errors":[{"code":"APPLICATION_COMMAND_INVALID_NAME",…}]}}}`.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::APPLICATION_ID;
use super::records::{RecordedCall, Reply};
use super::state::State;

pub(super) fn list(state: &State, params: &[String]) -> Reply {
    if params[0] != APPLICATION_ID {
        return Reply::error(StatusCode::FORBIDDEN, 50001, "Missing Access");
    }
    if params[1] != state.guild.id {
        return Reply::error(StatusCode::NOT_FOUND, 10004, "Unknown Guild");
    }
    Reply::ok(Value::Array(state.commands.clone()))
}

pub(super) fn bulk_overwrite(state: &mut State, call: &RecordedCall, params: &[String]) -> Reply {
    if params[0] != APPLICATION_ID {
        return Reply::error(StatusCode::FORBIDDEN, 50001, "Missing Access");
    }
    if params[1] != state.guild.id {
        return Reply::error(StatusCode::NOT_FOUND, 10004, "Unknown Guild");
    }
    let Some(commands) = call.body.as_array() else {
        return Reply::invalid_form("", "BASE_TYPE_ARRAY", "Must be an array.");
    };
    if commands.len() > 100 {
        return Reply::invalid_form(
            "",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 100 or fewer in length.",
        );
    }
    let mut seen = Vec::new();
    for (i, command) in commands.iter().enumerate() {
        if let Err(reply) = check_command(&format!("{i}"), command) {
            return reply;
        }
        let key = (
            command["type"].as_u64().unwrap_or(1),
            command["name"].clone(),
        );
        if seen.contains(&key) {
            return Reply::invalid_form(
                &format!("{i}.name"),
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                "Application command names must be unique",
            );
        }
        seen.push(key);
    }
    let previous = std::mem::take(&mut state.commands);
    let mut answered = Vec::new();
    for command in commands {
        let kind = command["type"].as_u64().unwrap_or(1);
        let existing = previous
            .iter()
            .find(|c| c["name"] == command["name"] && c["type"].as_u64() == Some(kind));
        let id = match existing {
            Some(c) => c["id"].as_str().unwrap_or_default().to_owned(),
            None => state.next_snowflake(),
        };
        let version = state.next_snowflake();
        let mut out = command.clone();
        out["id"] = json!(id);
        out["application_id"] = json!(APPLICATION_ID);
        out["guild_id"] = json!(state.guild.id);
        out["version"] = json!(version);
        out["type"] = json!(kind);
        if out.get("default_member_permissions").is_none() {
            out["default_member_permissions"] = Value::Null;
        }
        if out.get("nsfw").is_none() {
            out["nsfw"] = json!(false);
        }
        if out.get("description").is_none() {
            out["description"] = json!("");
        }
        answered.push(out);
    }
    state.commands = answered.clone();
    state.command_registrations.push(call.body.clone());
    Reply::ok(Value::Array(answered))
}

/// Whether `name` is a valid CHAT_INPUT command or option name.
pub(super) fn valid_name(name: &str) -> bool {
    let count = name.chars().count();
    (1..=32).contains(&count)
        && name
            .chars()
            .all(|c| c == '-' || c == '_' || c.is_alphanumeric())
        && name.chars().all(|c| !c.is_uppercase())
}

fn check_length(path: &str, value: &Value, min: usize, max: usize) -> Result<(), Reply> {
    let Some(text) = value.as_str() else {
        return Err(Reply::invalid_form(
            path,
            "BASE_TYPE_REQUIRED",
            "This field is required",
        ));
    };
    let n = text.chars().count();
    if n < min || n > max {
        let message = format!("Must be between {min} and {max} in length.");
        return Err(Reply::invalid_form(path, "BASE_TYPE_BAD_LENGTH", &message));
    }
    Ok(())
}

fn check_command(path: &str, command: &Value) -> Result<(), Reply> {
    let kind = command["type"].as_u64().unwrap_or(1);
    if kind == 1 {
        let name = command["name"].as_str().unwrap_or_default();
        if !valid_name(name) {
            return Err(Reply::invalid_form(
                &format!("{path}.name"),
                "APPLICATION_COMMAND_INVALID_NAME",
                "Command name is invalid",
            ));
        }
        check_length(
            &format!("{path}.description"),
            &command["description"],
            1,
            100,
        )?;
    } else {
        check_length(&format!("{path}.name"), &command["name"], 1, 32)?;
    }
    check_options(path, &command["options"])
}

fn check_options(path: &str, options: &Value) -> Result<(), Reply> {
    let Some(options) = options.as_array() else {
        return Ok(());
    };
    if options.len() > 25 {
        return Err(Reply::invalid_form(
            &format!("{path}.options"),
            "BASE_TYPE_MAX_LENGTH",
            "Must be 25 or fewer in length.",
        ));
    }
    let mut optional_seen = false;
    for (j, option) in options.iter().enumerate() {
        let here = format!("{path}.options.{j}");
        let name = option["name"].as_str().unwrap_or_default();
        if !valid_name(name) {
            return Err(Reply::invalid_form(
                &format!("{here}.name"),
                "APPLICATION_COMMAND_INVALID_NAME",
                "Command name is invalid",
            ));
        }
        check_length(
            &format!("{here}.description"),
            &option["description"],
            1,
            100,
        )?;
        let kind = option["type"].as_u64().unwrap_or(0);
        if !(1..=11).contains(&kind) {
            return Err(Reply::invalid_form(
                &format!("{here}.type"),
                "BASE_TYPE_CHOICES",
                "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.",
            ));
        }
        let required = option["required"].as_bool().unwrap_or(false);
        if required && optional_seen {
            return Err(Reply::invalid_form(
                &format!("{path}.options"),
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                "Required options must be placed before non-required options",
            ));
        }
        optional_seen |= !required;
        if let Some(choices) = option["choices"].as_array() {
            if choices.len() > 25 {
                return Err(Reply::invalid_form(
                    &format!("{here}.choices"),
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 25 or fewer in length.",
                ));
            }
            for (k, choice) in choices.iter().enumerate() {
                check_length(&format!("{here}.choices.{k}.name"), &choice["name"], 1, 100)?;
            }
        }
        if kind == 1 || kind == 2 {
            check_options(&here, &option["options"])?;
        }
    }
    Ok(())
}
