//! Reading the fields of an activity's JSON leniently: a field of an unexpected type is absent.

use serde_json::{Map, Value};

use super::{Account, ChannelData, ChannelInfo, DecodeError, MAX_DEPTH, Mention, TeamInfo};

/// Refuses bodies nested deeper than [`MAX_DEPTH`], counting brackets outside strings.
pub(super) fn check_depth(body: &[u8]) -> Result<(), DecodeError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in body {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(DecodeError::TooDeep { max: MAX_DEPTH });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// A required non-empty string field.
pub(super) fn required_str<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<&'a str, DecodeError> {
    match object.get(key) {
        None | Some(Value::Null) => Err(DecodeError::Missing(field)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(DecodeError::Missing(field)),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(DecodeError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

/// An optional string field, as given; anything but a string counts as absent.
pub(super) fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

/// An optional id-like field: a string with something in it.
pub(super) fn id(object: &Map<String, Value>, key: &str) -> Option<String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
}

/// An optional array field; anything but an array counts as empty.
pub(super) fn array<'a>(object: &'a Map<String, Value>, key: &str) -> &'a [Value] {
    object
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// An account object; `None` without an id.
pub(super) fn account(value: &Value) -> Option<Account> {
    let object = value.as_object()?;
    Some(Account {
        id: id(object, "id")?,
        name: string(object, "name"),
        aad_object_id: id(object, "aadObjectId").map(|a| a.to_lowercase()),
    })
}

/// A `mention` entity with a mentioned account; other entities give `None`.
pub(super) fn mention(entity: &Value) -> Option<Mention> {
    let entity = entity.as_object()?;
    if entity.get("type").and_then(Value::as_str) != Some("mention") {
        return None;
    }
    Some(Mention {
        mentioned: account(entity.get("mentioned")?)?,
        text: string(entity, "text").unwrap_or_default(),
    })
}

pub(super) fn channel_data(data: &Map<String, Value>) -> ChannelData {
    let object = |key: &str| data.get(key).and_then(Value::as_object);
    // `teamsTeamId`/`teamsChannelId` are the deprecated forms older payloads carry alone.
    let team = object("team")
        .and_then(|team| {
            Some(TeamInfo {
                id: id(team, "id")?,
                name: string(team, "name"),
                aad_group_id: id(team, "aadGroupId"),
            })
        })
        .or_else(|| {
            id(data, "teamsTeamId").map(|id| TeamInfo {
                id,
                ..TeamInfo::default()
            })
        });
    let channel = object("channel")
        .and_then(|channel| {
            Some(ChannelInfo {
                id: id(channel, "id")?,
                name: string(channel, "name"),
            })
        })
        .or_else(|| {
            id(data, "teamsChannelId").map(|id| ChannelInfo {
                id,
                ..ChannelInfo::default()
            })
        });
    ChannelData {
        tenant_id: object("tenant")
            .and_then(|t| id(t, "id"))
            .map(|t| t.to_lowercase()),
        team,
        channel,
        event_type: string(data, "eventType"),
    }
}
