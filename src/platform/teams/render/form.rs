//! Forms as cards with inputs, and the submissions that come back from them.
//!
//! Teams merges the values of a card's inputs into the pressed `Action.Execute`'s `data`, so
//! the submit button's data carries everything needed to read the answer back without the
//! form: which form it is, its context, and each field's id with its kind.
//!
//! ```text
//! data sent back: {"form":"kudos-form","context":"C1","fields":{"kudos_people":"people",
//!                  "kudos_message":"text"},"kudos_people":"aad-1,aad-2","kudos_message":"…"}
//! ```

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{CANCEL_VERB, CARD_SCHEMA, CARD_VERSION, SUBMIT_VERB, escape_markdown, str_field};
use crate::core::form::{FieldInput, FieldValue, Form, FormKind, Submission};

/// The data key holding each field's kind (`people`, `text` or `choice`) by field id.
pub const FIELDS_KEY: &str = "fields";
/// Data keys of the submit button that a field id may not take.
const RESERVED: &[&str] = &["form", "context", FIELDS_KEY, "action", super::CHOICE_KEY];
/// The Microsoft Graph dataset Teams' people picker searches.
const PEOPLE_DATASET: &str = "graph.microsoft.com/users";

/// A form as a card: a title, one labelled input per field (required ones marked, with the
/// hint as placeholder), `error` (field id, text) in red under its field (under the title
/// when no field has that id), and submit and cancel buttons. Cancel sends no inputs, so a
/// required field left empty cannot stop it.
pub fn form_card(form: &Form, error: Option<(&str, &str)>) -> Value {
    let error_line = |text: &str, field: &str| {
        json!({"type": "TextBlock", "id": format!("error-{field}"), "text": escape_markdown(text),
               "color": "attention", "wrap": true})
    };
    let mut body = vec![
        json!({"type": "TextBlock", "text": escape_markdown(&form.title),
                               "style": "heading", "weight": "Bolder", "size": "Medium",
                               "wrap": true}),
    ];
    if let Some((field, text)) = error
        && !form.fields.iter().any(|f| f.id == field)
    {
        body.push(error_line(text, field));
    }
    let mut kinds = Map::new();
    for field in form.fields.iter().filter(|f| usable_id(&f.id)) {
        let mut input = match &field.input {
            FieldInput::People { initial } => json!({
                "type": "Input.ChoiceSet",
                "isMultiSelect": true,
                "style": "filtered",
                "choices": [],
                "choices.data": {"type": "Data.Query", "dataset": PEOPLE_DATASET},
                "value": initial.join(","),
            }),
            FieldInput::Text {
                multiline,
                initial,
                max_chars,
            } => {
                let mut text = json!({"type": "Input.Text", "isMultiline": multiline,
                                      "maxLength": max_chars});
                if let Some(initial) = initial {
                    text["value"] = json!(initial);
                }
                text
            }
            FieldInput::Choice { options, initial } => {
                let choices: Vec<Value> = options
                    .iter()
                    .map(|(value, label)| json!({"title": label, "value": value}))
                    .collect();
                let mut choice =
                    json!({"type": "Input.ChoiceSet", "style": "compact", "choices": choices});
                if let Some(initial) = initial {
                    choice["value"] = json!(initial);
                }
                choice
            }
        };
        input["id"] = json!(field.id);
        input["label"] = json!(field.label);
        if let Some(hint) = &field.hint {
            input["placeholder"] = json!(hint);
        }
        if field.required {
            input["isRequired"] = json!(true);
            // The client shows this when the field is left empty; the hint says what to write.
            input["errorMessage"] = json!(field.hint.as_deref().unwrap_or(&field.label));
        }
        body.push(input);
        if let Some((id, text)) = error
            && id == field.id
        {
            body.push(error_line(text, id));
        }
        kinds.insert(field.id.clone(), json!(kind_name(&field.input)));
    }
    let data = |with_fields: bool| {
        let mut data = json!({"form": form.kind.as_str(), "context": form.context});
        if with_fields {
            data[FIELDS_KEY] = Value::Object(kinds.clone());
        }
        data
    };
    json!({
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "actions": [
            {"type": "Action.Execute", "title": form.submit, "verb": SUBMIT_VERB,
             "style": "positive", "data": data(true)},
            {"type": "Action.Execute", "title": form.cancel, "verb": CANCEL_VERB,
             "associatedInputs": "none", "data": data(false)},
        ],
        "msteams": {"width": "Full"},
    })
}

/// The submission in a submit press's data (as Teams sends it, inputs merged in), read with
/// the field kinds [`form_card`] put there: people as comma-separated ids, fields left empty
/// absent. `None` when the data names no known form or carries no field kinds.
pub fn read_submission(data: &Value) -> Option<Submission> {
    let data = data.as_object()?;
    let kind = FormKind::parse(str_field(data, "form")?)?;
    let kinds = data.get(FIELDS_KEY)?.as_object()?;
    let mut values = BTreeMap::new();
    for (id, field_kind) in kinds {
        if !usable_id(id) {
            continue;
        }
        let Some(given) = data.get(id).and_then(input_text) else {
            continue;
        };
        if given.trim().is_empty() {
            continue;
        }
        let value = match field_kind.as_str() {
            Some("people") => {
                let ids: Vec<String> = given
                    .split(',')
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(str::to_string)
                    .collect();
                if ids.is_empty() {
                    continue;
                }
                FieldValue::People(ids)
            }
            Some("text") => FieldValue::Text(given),
            Some("choice") => FieldValue::Choice(given),
            _ => continue,
        };
        values.insert(id.clone(), value);
    }
    Some(Submission {
        kind,
        values,
        context: str_field(data, "context").map(str::to_string),
    })
}

fn kind_name(input: &FieldInput) -> &'static str {
    match input {
        FieldInput::People { .. } => "people",
        FieldInput::Text { .. } => "text",
        FieldInput::Choice { .. } => "choice",
    }
}

/// Whether a field id can be an input id here (not empty, not one of the data's own keys).
fn usable_id(id: &str) -> bool {
    !id.is_empty() && !RESERVED.contains(&id)
}

/// An input's value as text: inputs send strings, but a number or boolean is read as written.
fn input_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
