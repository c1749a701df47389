//! Reading Adaptive Cards the way a person sees them: their text, their buttons, their inputs.
//!
//! A card arrives as an attachment `{"contentType":"application/vnd.microsoft.card.adaptive",
//! "content":{"type":"AdaptiveCard","body":[…],"actions":[…]}}`; elements nest in `Container`
//! `items`, `ColumnSet` `columns[].items`, `ActionSet` `actions` (msteams-docs
//! `cards-reference.md`, the Universal Actions pages). The walkers skip `refresh` (an automatic
//! action, not a button), `fallback` (shown only by older clients) and `msteams`.

use serde_json::Value;

/// The attachment content type of an Adaptive Card.
pub const ADAPTIVE_CARD: &str = "application/vnd.microsoft.card.adaptive";

/// A button of a card: an `Action.Execute` or `Action.Submit`.
#[derive(Debug, Clone, PartialEq)]
pub struct CardButton {
    /// The label a person reads.
    pub title: String,
    /// `Action.Execute` or `Action.Submit`.
    pub kind: String,
    /// The `verb` of an `Action.Execute`.
    pub verb: Option<String>,
    /// The action's `id`, if it has one.
    pub id: Option<String>,
    /// The action's `data` (`Null` when it has none).
    pub data: Value,
    /// The whole action, as Teams copies it into the invoke.
    pub action: Value,
}

/// Keys whose contents a person does not see as part of the card.
const HIDDEN_KEYS: [&str; 3] = ["refresh", "fallback", "msteams"];

/// Where a key's contents come in reading order: a card's body before its actions (JSON
/// objects here keep no order of their own).
fn reading_rank(key: &str) -> u8 {
    match key {
        "body" => 0,
        "actions" => 2,
        _ => 1,
    }
}

/// Calls `visit` on every object of `value`, depth first in reading order, skipping hidden
/// parts.
fn walk<'a>(value: &'a Value, visit: &mut dyn FnMut(&'a serde_json::Map<String, Value>)) {
    match value {
        Value::Object(object) => {
            visit(object);
            let mut children: Vec<(&String, &Value)> = object
                .iter()
                .filter(|(key, _)| !HIDDEN_KEYS.contains(&key.as_str()))
                .collect();
            children.sort_by_key(|(key, _)| reading_rank(key));
            for (_, child) in children {
                walk(child, visit);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| walk(item, visit)),
        _ => {}
    }
}

fn kind(object: &serde_json::Map<String, Value>) -> &str {
    object
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// The text a person reads on `card`, one line per element, in order: every `TextBlock`'s
/// `text`, every `TextRun` of a `RichTextBlock`, and every `FactSet` fact as `title: value`.
pub fn card_text(card: &Value) -> String {
    let mut lines: Vec<String> = Vec::new();
    walk(card, &mut |object| {
        let text = |key: &str| object.get(key).and_then(Value::as_str).unwrap_or_default();
        match kind(object) {
            "TextBlock" | "TextRun" => lines.push(text("text").to_owned()),
            "FactSet" => {
                let facts = object.get("facts").and_then(Value::as_array);
                for fact in facts.into_iter().flatten() {
                    let part = |key: &str| fact[key].as_str().unwrap_or_default().to_owned();
                    lines.push(format!("{}: {}", part("title"), part("value")));
                }
            }
            _ => {}
        }
    });
    lines.join("\n")
}

/// The buttons of `card` that reach the bot (`Action.Execute`, `Action.Submit`), in order.
pub fn card_buttons(card: &Value) -> Vec<CardButton> {
    let mut buttons = Vec::new();
    walk(card, &mut |object| {
        let action_kind = kind(object);
        if action_kind != "Action.Execute" && action_kind != "Action.Submit" {
            return;
        }
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
        buttons.push(CardButton {
            title: text("title").unwrap_or_default(),
            kind: action_kind.to_owned(),
            verb: text("verb"),
            id: text("id"),
            data: object.get("data").cloned().unwrap_or(Value::Null),
            action: Value::Object(object.clone()),
        });
    });
    buttons
}

/// The input elements of `card` (`Input.Text`, `Input.ChoiceSet`…), in order.
pub fn card_inputs(card: &Value) -> Vec<Value> {
    let mut inputs = Vec::new();
    walk(card, &mut |object| {
        if kind(object).starts_with("Input.") {
            inputs.push(Value::Object(object.clone()));
        }
    });
    inputs
}

/// The Adaptive Cards attached to an activity, in order.
pub fn adaptive_cards(activity: &Value) -> Vec<&Value> {
    activity["attachments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["contentType"] == ADAPTIVE_CARD)
        .map(|a| &a["content"])
        .collect()
}
