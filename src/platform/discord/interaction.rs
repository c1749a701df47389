//! Decoding an interaction: what a person did in Discord (a slash command, a button, a modal),
//! from the JSON Discord sends over HTTP or the gateway's `INTERACTION_CREATE`.
//!
//! The decoder is lenient the way Discord's own clients are: it needs `id`, `type`, `token` and
//! who acted, names whichever is missing, ignores every field it does not use (Discord adds
//! fields often), and refuses nesting deeper than a real interaction has, so hostile input is
//! refused quickly instead of exhausting the stack.

use std::collections::BTreeMap;

use serde_json::Value;

/// Interaction types (`chat-protocols.md` §11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InteractionKind {
    /// Discord checking the endpoint.
    Ping,
    /// A slash command.
    Command(CommandData),
    /// A button pressed or a select chosen.
    Component(ComponentData),
    /// Autocomplete while typing an option (not used by the bot's commands).
    Autocomplete,
    /// A modal submitted.
    ModalSubmit(ModalData),
    /// A type this decoder does not know.
    Other(u64),
}

/// A slash command and its options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommandData {
    /// The command's name (`kudos`).
    pub name: String,
    /// Options by name: strings as typed, users as their snowflakes.
    pub options: BTreeMap<String, String>,
}

/// A button or select.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComponentData {
    /// The component's `custom_id`: the bot's action.
    pub custom_id: String,
    /// The component type (2 button, 3 string select).
    pub component_type: u64,
    /// What was chosen in a select.
    pub values: Vec<String>,
}

/// A submitted modal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModalData {
    /// The modal's `custom_id`: which form, with its context.
    pub custom_id: String,
    /// Each text input's value by its `custom_id`.
    pub fields: BTreeMap<String, String>,
}

/// Who acted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DiscordUser {
    /// Their snowflake.
    pub id: String,
    /// Their unique username.
    pub username: String,
    /// The name they show (`global_name`, or the guild nickname), when set.
    pub display_name: Option<String>,
}

/// The message a component was on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceMessage {
    /// Its id.
    pub id: String,
    /// Its text.
    pub content: String,
    /// Its components as Discord sent them.
    pub components: Value,
    /// Its flags (64 = ephemeral).
    pub flags: u64,
}

/// One decoded interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    /// Discord's id: the dedupe key and half of the callback address.
    pub id: String,
    /// The other half of the callback address, valid 15 minutes.
    pub token: String,
    /// The application it is for.
    pub application_id: String,
    /// What happened.
    pub kind: InteractionKind,
    /// The guild, unless it happened in a DM.
    pub guild_id: Option<String>,
    /// The channel it happened in.
    pub channel_id: Option<String>,
    /// Who acted (`member.user` in a guild, `user` in a DM).
    pub user: DiscordUser,
    /// Their client's language (`el`, `pl`, `en-US`).
    pub locale: Option<String>,
    /// The message a component was on.
    pub message: Option<SourceMessage>,
}

/// Why an interaction could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not JSON, or not an object.
    #[error("not a JSON object: {0}")]
    NotJson(String),
    /// Deeper than any interaction.
    #[error("nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
    /// A field every interaction has is missing.
    #[error("the interaction has no {0}")]
    Missing(&'static str),
}

/// Deeper than a modal's rows of inputs inside `data`, with room to spare.
const MAX_DEPTH: usize = 32;

fn depth_ok(bytes: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return false;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn user_of(v: &Value) -> Option<DiscordUser> {
    let user = v
        .get("member")
        .and_then(|m| m.get("user"))
        .or_else(|| v.get("user"))?;
    let id = text(user, "id").filter(|id| !id.is_empty())?;
    let nick = v
        .get("member")
        .and_then(|m| text(m, "nick"))
        .filter(|n| !n.trim().is_empty());
    Some(DiscordUser {
        id,
        username: text(user, "username").unwrap_or_default(),
        display_name: nick.or_else(|| text(user, "global_name").filter(|n| !n.trim().is_empty())),
    })
}

/// Flattens command options, subcommands included, into name → value.
fn options(list: Option<&Value>, out: &mut BTreeMap<String, String>) {
    for option in list.and_then(Value::as_array).into_iter().flatten() {
        let Some(name) = text(option, "name") else {
            continue;
        };
        match option.get("value") {
            Some(Value::String(s)) => {
                out.insert(name, s.clone());
            }
            Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                out.insert(name, v.to_string());
            }
            _ => options(option.get("options"), out),
        }
    }
}

/// Text inputs in a modal's rows (classic action rows, or labels around one component).
fn modal_fields(list: Option<&Value>, out: &mut BTreeMap<String, String>) {
    for c in list.and_then(Value::as_array).into_iter().flatten() {
        if let (Some(id), Some(value)) = (text(c, "custom_id"), c.get("value")) {
            if let Some(v) = value.as_str() {
                out.insert(id, v.to_string());
            }
        } else if let (Some(id), Some(values)) = (text(c, "custom_id"), c.get("values")) {
            let joined: Vec<&str> = values
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            out.insert(id, joined.join(" "));
        }
        modal_fields(c.get("components"), out);
        if let Some(inner) = c.get("component") {
            modal_fields(Some(&Value::Array(vec![inner.clone()])), out);
        }
    }
}

/// Decodes an interaction.
pub fn decode(bytes: &[u8]) -> Result<Interaction, DecodeError> {
    if !depth_ok(bytes) {
        return Err(DecodeError::TooDeep);
    }
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    if !v.is_object() {
        return Err(DecodeError::NotJson("not an object".into()));
    }
    decode_value(&v)
}

/// Decodes an interaction already parsed as JSON (the gateway's).
pub fn decode_value(v: &Value) -> Result<Interaction, DecodeError> {
    let kind_number = v
        .get("type")
        .and_then(Value::as_u64)
        .ok_or(DecodeError::Missing("type"))?;
    let id = text(v, "id")
        .filter(|s| !s.is_empty())
        .ok_or(DecodeError::Missing("id"))?;
    let data = v.get("data").cloned().unwrap_or(Value::Null);
    let kind = match kind_number {
        1 => InteractionKind::Ping,
        2 => {
            let mut opts = BTreeMap::new();
            options(data.get("options"), &mut opts);
            InteractionKind::Command(CommandData {
                name: text(&data, "name").ok_or(DecodeError::Missing("data.name"))?,
                options: opts,
            })
        }
        3 => InteractionKind::Component(ComponentData {
            custom_id: text(&data, "custom_id").ok_or(DecodeError::Missing("data.custom_id"))?,
            component_type: data
                .get("component_type")
                .and_then(Value::as_u64)
                .unwrap_or(2),
            values: data
                .get("values")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        }),
        4 => InteractionKind::Autocomplete,
        5 => {
            let mut fields = BTreeMap::new();
            modal_fields(data.get("components"), &mut fields);
            InteractionKind::ModalSubmit(ModalData {
                custom_id: text(&data, "custom_id")
                    .ok_or(DecodeError::Missing("data.custom_id"))?,
                fields,
            })
        }
        other => InteractionKind::Other(other),
    };
    let token = text(v, "token").unwrap_or_default();
    let user = match kind {
        InteractionKind::Ping => DiscordUser::default(),
        _ => {
            if token.is_empty() {
                return Err(DecodeError::Missing("token"));
            }
            user_of(v).ok_or(DecodeError::Missing("member.user or user"))?
        }
    };
    let message = v
        .get("message")
        .filter(|m| m.is_object())
        .map(|m| SourceMessage {
            id: text(m, "id").unwrap_or_default(),
            content: text(m, "content").unwrap_or_default(),
            components: m.get("components").cloned().unwrap_or(Value::Array(vec![])),
            flags: m.get("flags").and_then(Value::as_u64).unwrap_or(0),
        });
    Ok(Interaction {
        id,
        token,
        application_id: text(v, "application_id").unwrap_or_default(),
        kind,
        guild_id: text(v, "guild_id").filter(|g| !g.is_empty()),
        channel_id: text(v, "channel_id")
            .or_else(|| v.get("channel").and_then(|c| text(c, "id")))
            .filter(|c| !c.is_empty()),
        user,
        locale: text(v, "locale"),
        message,
    })
}

#[cfg(test)]
mod tests;
