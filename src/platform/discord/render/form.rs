//! Forms as Discord modals (interaction response type 9), and reading a submitted modal back.
//!
//! A classic modal holds only text inputs, so what a person already chose before it opened
//! (the people and the value given to `/kudos`) travels in the modal's `custom_id`, with the
//! form's context: `kind|choice|people|context`, within Discord's 100 characters. Each input's
//! own `custom_id` says what its field holds (`t:` text, `c:` a choice typed out, `p:` people
//! typed by name), so the submission is read back without the form.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{CUSTOM_ID_LIMIT, truncate};
use crate::core::form::{FieldInput, FieldValue, Form, FormKind, Submission};

/// Discord's limits for modals.
const TITLE_LIMIT: usize = 45;
const INPUT_LABEL_LIMIT: usize = 45;
const PLACEHOLDER_LIMIT: usize = 100;
const INPUT_MAX: usize = 4000;
const INPUTS: usize = 5;

/// The modal response showing `form`.
pub fn modal(form: &Form) -> Value {
    let mut choice = String::new();
    let mut people: Vec<String> = Vec::new();
    let mut inputs: Vec<Value> = Vec::new();
    let mut deferred_choice: Option<Value> = None;
    for field in &form.fields {
        let label = truncate(&field.label, INPUT_LABEL_LIMIT);
        let placeholder = field
            .hint
            .as_deref()
            .map(|h| truncate(h, PLACEHOLDER_LIMIT));
        let mut input = match &field.input {
            FieldInput::People { initial } if !initial.is_empty() => {
                people = initial.clone();
                continue;
            }
            FieldInput::People { .. } => json!({
                "type": 4, "custom_id": format!("p:{}", field.id), "style": 1,
                "label": label, "required": field.required, "max_length": 400,
            }),
            FieldInput::Text {
                multiline,
                initial,
                max_chars,
            } => {
                let mut input = json!({
                    "type": 4, "custom_id": format!("t:{}", field.id),
                    "style": if *multiline { 2 } else { 1 },
                    "label": label, "required": field.required,
                    "max_length": (*max_chars).clamp(1, INPUT_MAX),
                });
                if let Some(initial) = initial {
                    input["value"] = json!(initial.chars().take(INPUT_MAX).collect::<String>());
                }
                input
            }
            FieldInput::Choice { options, initial } => {
                let typed = json!({
                    "type": 4, "custom_id": format!("c:{}", field.id), "style": 1,
                    "label": label, "required": field.required, "max_length": 100,
                    "placeholder": truncate(
                        &options.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", "),
                        PLACEHOLDER_LIMIT,
                    ),
                });
                match initial {
                    Some(value) => {
                        choice = value.clone();
                        let mut prefilled = typed;
                        prefilled["value"] = json!(value);
                        deferred_choice = Some(prefilled);
                        continue;
                    }
                    None => typed,
                }
            }
        };
        if let (Some(p), None) = (placeholder, input.get("placeholder")) {
            input["placeholder"] = json!(p);
        }
        inputs.push(input);
    }
    let context = form.context.clone().unwrap_or_default();
    let mut custom_id = format!(
        "{}|{}|{}|{}",
        form.kind.as_str(),
        choice,
        people.join(","),
        context
    );
    if custom_id.len() > CUSTOM_ID_LIMIT {
        // No room for the choice: it becomes an input, filled in with what was chosen.
        custom_id = format!("{}||{}|{}", form.kind.as_str(), people.join(","), context);
        inputs.extend(deferred_choice);
    }
    if custom_id.len() > CUSTOM_ID_LIMIT {
        tracing::warn!(
            len = custom_id.len(),
            "a form's context does not fit a Discord modal"
        );
        custom_id.truncate(CUSTOM_ID_LIMIT);
    }
    inputs.truncate(INPUTS);
    json!({
        "type": 9,
        "data": {
            "custom_id": custom_id,
            "title": truncate(&form.title, TITLE_LIMIT),
            "components": inputs
                .into_iter()
                .map(|i| json!({"type": 1, "components": [i]}))
                .collect::<Vec<_>>(),
        }
    })
}

/// A submitted modal: the submission, and people typed by name still to be looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedForm {
    /// What was submitted (people typed by name are not in it yet).
    pub submission: Submission,
    /// The field people were typed into, and what was typed.
    pub people_typed: Option<(String, String)>,
}

/// Reads a submitted modal back; `None` when it is not one of the bot's forms.
pub fn read_modal(custom_id: &str, fields: &BTreeMap<String, String>) -> Option<SubmittedForm> {
    let mut parts = custom_id.splitn(4, '|');
    let kind = FormKind::parse(parts.next()?)?;
    let choice = parts.next().unwrap_or_default();
    let people = parts.next().unwrap_or_default();
    let context = parts.next().filter(|c| !c.is_empty()).map(str::to_string);
    let mut values = BTreeMap::new();
    let mut people_typed = None;
    for (id, value) in fields {
        let Some((tag, field)) = id.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match tag {
            "t" => {
                values.insert(field.to_string(), FieldValue::Text(value.to_string()));
            }
            "c" => {
                values.insert(field.to_string(), FieldValue::Choice(value.to_string()));
            }
            "p" => people_typed = Some((field.to_string(), value.to_string())),
            _ => {}
        }
    }
    let people: Vec<String> = people
        .split(',')
        .filter(|p| super::is_snowflake(p))
        .map(str::to_string)
        .collect();
    if !people.is_empty() {
        values.insert(
            crate::core::form::KUDOS_PEOPLE.to_string(),
            FieldValue::People(people),
        );
    }
    if !choice.is_empty() {
        values
            .entry(crate::core::form::KUDOS_VALUE.to_string())
            .or_insert_with(|| FieldValue::Choice(choice.to_string()));
    }
    Some(SubmittedForm {
        submission: Submission {
            kind,
            values,
            context,
        },
        people_typed,
    })
}
