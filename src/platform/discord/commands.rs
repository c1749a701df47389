//! The bot's slash commands: their definitions, registered per guild with one bulk overwrite at
//! start, and what a use of one asks the bot.
//!
//! `/kudos` is Discord-native: the people are user options (so Discord's own picker chooses
//! them and nothing typed can be mistaken for a mention), the value is a choice from
//! `kudos.values`, and with no message it opens the kudos modal. The other commands take the
//! rest of the shared grammar as one optional `text` option (`/pulse text:privacy`), so
//! everything the console can do works here with the same words.

use serde_json::{Value, json};

use super::interaction::CommandData;
use crate::core::invocation::Input;
use crate::core::kudos::KudosRequest;
use crate::core::locale::Locale;
use crate::i18n::I18n;

/// `/kudos`.
pub const KUDOS: &str = "kudos";
/// `/kudos-stats`: what a person gave and received (`/kudos` itself needs a person).
pub const KUDOS_STATS: &str = "kudos-stats";
/// `/pulse`.
pub const PULSE: &str = "pulse";
/// `/narrative`.
pub const NARRATIVE: &str = "narrative";
/// `/engagement`.
pub const ENGAGEMENT: &str = "engagement";
/// `/ambassador`.
pub const AMBASSADOR: &str = "ambassador";

/// The people options of `/kudos`, the first required.
pub const PEOPLE_OPTIONS: [&str; 3] = ["user", "user2", "user3"];
/// The message option of `/kudos`.
pub const MESSAGE_OPTION: &str = "message";
/// The value option of `/kudos`.
pub const VALUE_OPTION: &str = "value";
/// The free-text option of the other commands.
pub const TEXT_OPTION: &str = "text";

/// Discord's option types.
const STRING: u64 = 3;
const USER: u64 = 6;
/// Discord's limits: descriptions 1–100 characters, 25 choices.
const DESCRIPTION_LIMIT: usize = 100;
const CHOICES: usize = 25;

fn description(i18n: &I18n, key: &str) -> Value {
    let text = |l: Locale| -> String {
        let t = i18n.tr(l, key, &[]);
        let t: String = t.chars().take(DESCRIPTION_LIMIT).collect();
        if t.trim().is_empty() {
            key.to_string()
        } else {
            t
        }
    };
    json!({
        "description": text(Locale::En),
        "description_localizations": {"el": text(Locale::El), "pl": text(Locale::Pl)},
    })
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    base
}

fn option(i18n: &I18n, kind: u64, name: &str, key: &str, required: bool) -> Value {
    with(
        json!({"type": kind, "name": name, "required": required}),
        description(i18n, key),
    )
}

fn command(i18n: &I18n, name: &str, key: &str, options: Vec<Value>) -> Value {
    with(
        json!({"name": name, "type": 1, "options": options, "contexts": [0]}),
        description(i18n, key),
    )
}

fn text_command(i18n: &I18n, name: &str, key: &str) -> Value {
    command(
        i18n,
        name,
        key,
        vec![option(
            i18n,
            STRING,
            TEXT_OPTION,
            &format!("discord-option-{name}-text"),
            false,
        )],
    )
}

/// Every command, as the bulk overwrite's body; `values` are the company values offered as
/// `/kudos` choices (Discord takes at most 25).
pub fn definitions(i18n: &I18n, values: &[String], max_message_chars: usize) -> Value {
    let mut message = option(
        i18n,
        STRING,
        MESSAGE_OPTION,
        "discord-option-kudos-message",
        false,
    );
    message["max_length"] = json!(max_message_chars.clamp(1, 6000));
    let mut kudos_options = vec![
        option(
            i18n,
            USER,
            PEOPLE_OPTIONS[0],
            "discord-option-kudos-user",
            true,
        ),
        message,
    ];
    if !values.is_empty() {
        let mut value = option(
            i18n,
            STRING,
            VALUE_OPTION,
            "discord-option-kudos-value",
            false,
        );
        value["choices"] = Value::Array(
            values
                .iter()
                .take(CHOICES)
                .map(|v| json!({"name": v.chars().take(100).collect::<String>(), "value": v}))
                .collect(),
        );
        kudos_options.push(value);
    }
    for name in &PEOPLE_OPTIONS[1..] {
        kudos_options.push(option(i18n, USER, name, "discord-option-kudos-more", false));
    }
    json!([
        command(i18n, KUDOS, "discord-command-kudos", kudos_options),
        command(i18n, KUDOS_STATS, "discord-command-kudos-stats", Vec::new()),
        text_command(i18n, PULSE, "discord-command-pulse"),
        command(i18n, NARRATIVE, "discord-command-narrative", Vec::new()),
        text_command(i18n, ENGAGEMENT, "discord-command-engagement"),
        text_command(i18n, AMBASSADOR, "discord-command-ambassador"),
    ])
}

/// What a use of a command asks: `(input, value chosen for a form)`.
pub fn input(data: &CommandData) -> (Input, Option<String>) {
    let text = |name: &str| {
        data.options
            .get(name)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let line = |command: &str| match text(TEXT_OPTION) {
        Some(rest) => Input::Command(format!("/{command} {rest}")),
        None => Input::Command(format!("/{command}")),
    };
    match data.name.as_str() {
        KUDOS => {
            let mut people: Vec<String> = Vec::new();
            for name in PEOPLE_OPTIONS {
                if let Some(id) = text(name)
                    && !people.contains(&id)
                {
                    people.push(id);
                }
            }
            let value = text(VALUE_OPTION);
            match text(MESSAGE_OPTION) {
                Some(message) => (
                    Input::Kudos(KudosRequest {
                        recipients: people,
                        message,
                        values: value.map(|v| vec![v.to_lowercase()]).unwrap_or_default(),
                    }),
                    None,
                ),
                None => (
                    Input::KudosForm {
                        people,
                        message: None,
                    },
                    value,
                ),
            }
        }
        KUDOS_STATS => (Input::Command("/kudos stats".into()), None),
        NARRATIVE => (Input::Command("/narrative".into()), None),
        PULSE | ENGAGEMENT | AMBASSADOR => (line(&data.name), None),
        other => (Input::Command(format!("/{other}")), None),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn data(name: &str, options: &[(&str, &str)]) -> CommandData {
        CommandData {
            name: name.into(),
            options: options
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn kudos_with_a_message_is_a_request_split_by_discord_not_by_parsing() {
        let (input, _) = input(&data(
            KUDOS,
            &[
                ("user", "11"),
                ("user2", "12"),
                ("user3", "11"),
                ("message", "<@99> @everyone fixed it"),
                ("value", "Empathy"),
            ],
        ));
        assert_eq!(
            input,
            Input::Kudos(KudosRequest {
                recipients: vec!["11".into(), "12".into()],
                message: "<@99> @everyone fixed it".into(),
                values: vec!["empathy".into()],
            })
        );
    }

    #[test]
    fn kudos_without_a_message_opens_the_form_keeping_the_value() {
        let (input, value) = input(&data(KUDOS, &[("user", "11"), ("value", "empathy")]));
        assert_eq!(
            input,
            Input::KudosForm {
                people: vec!["11".into()],
                message: None
            }
        );
        assert_eq!(value.as_deref(), Some("empathy"));
    }

    #[test]
    fn the_other_commands_carry_the_shared_grammar_in_their_text_option() {
        assert_eq!(
            input(&data(PULSE, &[("text", " privacy ")])).0,
            Input::Command("/pulse privacy".into())
        );
        assert_eq!(input(&data(PULSE, &[])).0, Input::Command("/pulse".into()));
        assert_eq!(
            input(&data(ENGAGEMENT, &[("text", "plan 3 call them")])).0,
            Input::Command("/engagement plan 3 call them".into())
        );
        assert_eq!(
            input(&data(KUDOS_STATS, &[])).0,
            Input::Command("/kudos stats".into())
        );
    }
}
