//! What a button press changes in its card, and which action a press stands for.

use serde_json::{Value, json};

use super::{CHOICE_KEY, escape_markdown, str_field};

/// How deep [`mark_clicked`] looks for the pressed button (our cards nest three levels).
pub(super) const SEARCH_DEPTH: usize = 32;

/// The id prefix of the line that replaced a pressed row.
pub const REPLY_ID_PREFIX: &str = "reply:";

/// The same card after a press, for the invoke response: the person sees the bot's answer
/// where the buttons were, and cannot press twice by mistake.
///
/// The top-level element holding the pressed action (its button row, its menu, or the
/// container of both) is replaced by a TextBlock showing `reply` (escaped) with the id
/// `reply:<element id>` and the element's separator; an empty `reply` just removes it. Other
/// elements holding the same action are removed: a press cannot tell them apart, and leaving
/// them would let a second press answer again. A press on a button of the card's own
/// `actions` removes those and appends the reply. Everything else is unchanged, a card
/// without the action is returned as it is, and pressing twice gives the same card as
/// pressing once. Any JSON is accepted.
pub fn mark_clicked(card: &Value, action: &str, reply: &str) -> Value {
    let mut card = card.clone();
    let reply_line = |owner: &str, separator: bool| {
        let mut line = json!({"type": "TextBlock", "id": format!("{REPLY_ID_PREFIX}{owner}"),
                              "text": escape_markdown(reply), "wrap": true});
        if separator {
            line["separator"] = json!(true);
        }
        line
    };
    if let Some(body) = card.get_mut("body").and_then(Value::as_array_mut)
        && let Some(index) = body.iter().position(|e| holds(e, action, SEARCH_DEPTH))
    {
        let element = &body[index];
        let owner = element
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| index.to_string(), str::to_string);
        let separator = element.get("separator") == Some(&Value::Bool(true));
        let mut position = 0;
        body.retain(|e| {
            position += 1;
            position - 1 == index || !holds(e, action, SEARCH_DEPTH)
        });
        if reply.trim().is_empty() {
            body.remove(index);
        } else {
            body[index] = reply_line(&owner, separator);
        }
        return card;
    }
    let in_root_actions = card
        .get("actions")
        .and_then(Value::as_array)
        .is_some_and(|actions| actions.iter().any(|a| holds(a, action, SEARCH_DEPTH)));
    let body_ok = matches!(card.get("body"), None | Some(Value::Array(_)));
    if in_root_actions
        && body_ok
        && let Some(object) = card.as_object_mut()
    {
        object.remove("actions");
        if !reply.trim().is_empty() {
            let body = object
                .entry("body")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Some(body) = body.as_array_mut() {
                body.push(reply_line("actions", false));
            }
        }
    }
    card
}

/// The model action a press stands for, from an `Action.Execute`'s data (inputs merged in):
/// the chosen option of a menu when the data names its input (and the option belongs to that
/// menu), else the button's `action`. `None` when there is neither.
pub fn clicked_action(data: &Value) -> Option<String> {
    let object = data.as_object()?;
    let action = str_field(object, "action").filter(|a| !a.is_empty());
    if let Some(input) = str_field(object, CHOICE_KEY) {
        let chosen = str_field(object, input).filter(|c| !c.trim().is_empty())?;
        // Input values come from the client: a choice must be one of this menu's.
        return chosen
            .starts_with(action.unwrap_or_default())
            .then(|| chosen.to_string());
    }
    action.map(str::to_string)
}

/// Whether `element` holds a button (or menu option) that stands for `action`.
pub(super) fn holds(element: &Value, action: &str, depth: usize) -> bool {
    if depth == 0 {
        return false;
    }
    match element {
        Value::Array(items) => items.iter().any(|i| holds(i, action, depth - 1)),
        Value::Object(object) => {
            let kind = str_field(object, "type").unwrap_or_default();
            let pressed =
                match kind {
                    "Action.Execute" | "Action.Submit" => {
                        object
                            .get("data")
                            .and_then(|d| d.get("action"))
                            .and_then(Value::as_str)
                            == Some(action)
                    }
                    "Input.ChoiceSet" => object
                        .get("choices")
                        .and_then(Value::as_array)
                        .is_some_and(|choices| {
                            choices
                                .iter()
                                .any(|c| c.get("value").and_then(Value::as_str) == Some(action))
                        }),
                    _ => false,
                };
            pressed
                || ["items", "actions", "columns", "card"]
                    .iter()
                    .filter_map(|key| object.get(*key))
                    .any(|child| holds(child, action, depth - 1))
        }
        _ => false,
    }
}
