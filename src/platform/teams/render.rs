//! Rendering the neutral message model as an Adaptive Card 1.5, and the invoke responses that
//! carry one back to Teams.
//!
//! Every literal string from the model goes through [`escape_markdown`], so a kudos that says
//! `**hi** [x](http://evil) <at>Everyone</at>` shows those characters, links nowhere and
//! notifies nobody; only a [`Span::Mention`](crate::core::message::Span::Mention) becomes
//! `<at>Name</at>`, with the `msteams.entities` entry that makes Teams notify that person.
//! Buttons are `Action.Execute`, so a press arrives as an `adaptiveCard/action` invoke answered
//! in the HTTP response (with [`mark_clicked`]'s card: the pressed row replaced by the bot's
//! answer).
//!
//! ```text
//! Block::Header("Pulse")      -> {"type":"TextBlock","text":"Pulse","weight":"Bolder",…}
//! Block::Buttons([1, 2, 3])   -> {"type":"ActionSet","id":"actions-0","actions":[
//!                                  {"type":"Action.Execute","title":"1","verb":"click",
//!                                   "data":{"action":"pulse:7:0:1"}}, …]}
//! Block::Image(small chart)   -> {"type":"Image","url":"data:image/png;base64,…","altText":…}
//! Block::Divider              -> "separator": true on the next element
//! ```

mod clicked;
mod form;
mod markdown;

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::core::message::{Block, Button, ButtonStyle, Field, Image, Message, Select};

pub use clicked::{REPLY_ID_PREFIX, clicked_action, mark_clicked};
pub use form::{FIELDS_KEY, form_card, read_submission};
pub use markdown::escape_markdown;

/// The Adaptive Card version the cards declare: 1.5 is the first with `Action.Execute`.
pub const CARD_VERSION: &str = "1.5";
/// The attachment content type of an Adaptive Card.
pub const CARD_CONTENT_TYPE: &str = "application/vnd.microsoft.card.adaptive";
/// The schema URL a card names (read by designers and validators, not by Teams).
pub const CARD_SCHEMA: &str = "http://adaptivecards.io/schemas/adaptive-card.json";
/// The `verb` of a button press or menu choice; the data carries the model's action.
pub const CLICK_VERB: &str = "click";
/// The `verb` of a form's submit button.
pub const SUBMIT_VERB: &str = "submit";
/// The `verb` of a form's cancel button.
pub const CANCEL_VERB: &str = "cancel";
/// The largest PNG inlined as a `data:` URL. Teams refuses messages over about 28 KB, and
/// base64 grows a picture by a third; a larger picture shows its alt text instead.
pub const IMAGE_INLINE_MAX_BYTES: usize = 15 * 1024;
/// The most buttons in one row; more wrap to another row (Teams shows six at most).
pub const BUTTONS_PER_ROW: usize = 6;
/// How much of the message the notification preview carries.
pub const FALLBACK_MAX_CHARS: usize = 300;
/// The prefix of the ids of button rows, so a press finds its row again.
pub const ACTIONS_ID_PREFIX: &str = "actions-";
/// The prefix of the ids of menus.
pub const SELECT_ID_PREFIX: &str = "select-";
/// The data key naming the input whose value is the chosen menu option.
pub const CHOICE_KEY: &str = "choice";
/// What a shortened label ends with, and what stands for an empty one.
const ELLIPSIS: char = '…';

/// The message as an Adaptive Card 1.5, full width, with the mention entities its text needs.
pub fn card(message: &Message) -> Value {
    let mut body: Vec<Value> = Vec::new();
    let mut entities: Vec<Value> = Vec::new();
    let mut separator = false;
    let mut rows = 0usize;
    let mut menus = 0usize;
    for block in &message.blocks {
        let element = match block {
            Block::Header(text) => (!text.trim().is_empty()).then(|| {
                json!({"type": "TextBlock", "text": escape_markdown(text), "style": "heading",
                       "weight": "Bolder", "size": "Medium", "wrap": true})
            }),
            Block::Section(text) => text_block(&markdown::rich(text, &mut entities)),
            Block::Quote(text) => text_block(&markdown::rich(text, &mut entities))
                .map(|t| json!({"type": "Container", "style": "emphasis", "items": [t]})),
            Block::Context(text) => {
                text_block(&markdown::rich(text, &mut entities)).map(|mut t| {
                    t["isSubtle"] = json!(true);
                    t["size"] = json!("Small");
                    t
                })
            }
            Block::Fields(fields) => fact_set(fields, &mut entities),
            Block::Buttons(buttons) => {
                let row = button_rows(buttons, rows);
                rows += usize::from(row.is_some());
                row
            }
            Block::Select(select) => {
                let menu = menu(select, menus);
                menus += usize::from(menu.is_some());
                menu
            }
            Block::Image(image) => Some(image_element(image)),
            Block::Divider => {
                separator = true;
                None
            }
        };
        if let Some(mut element) = element {
            if std::mem::take(&mut separator) {
                element["separator"] = json!(true);
            }
            body.push(element);
        }
    }
    let mut msteams = json!({"width": "Full"});
    if !entities.is_empty() {
        msteams["entities"] = Value::Array(entities);
    }
    json!({
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "msteams": msteams,
    })
}

/// The message as a message attachment.
pub fn attachment(message: &Message) -> Value {
    json!({"contentType": CARD_CONTENT_TYPE, "content": card(message)})
}

/// The plain preview Teams shows in notifications and the chat list (the activity's
/// `summary`): the message as one line of plain text, mentions as `@name` (a preview never
/// notifies), cut to [`FALLBACK_MAX_CHARS`].
pub fn fallback_text(message: &Message) -> String {
    let flat = message
        .plain_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    truncate_chars(&flat, FALLBACK_MAX_CHARS)
}

/// The pictures too big to inline ([`IMAGE_INLINE_MAX_BYTES`]), which [`card`] shows as their
/// alt text; the adapter shrinks them first (`images::fit`) and may report what is left.
pub fn images_left_out(message: &Message) -> Vec<&Image> {
    message
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image(image) if !fits_inline(image) => Some(image),
            _ => None,
        })
        .collect()
}

/// The answer to an `adaptiveCard/action` invoke that replaces the card.
pub fn invoke_response_card(card: Value) -> Value {
    json!({"statusCode": 200, "type": CARD_CONTENT_TYPE, "value": card})
}

/// The answer to an `adaptiveCard/action` invoke that leaves the card and shows a message.
pub fn invoke_response_message(text: &str) -> Value {
    json!({"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": text})
}

/// The answer to an `adaptiveCard/action` invoke the bot refuses (Teams shows an error).
pub fn invoke_response_error(message: &str) -> Value {
    json!({"statusCode": 400, "type": "application/vnd.microsoft.error",
           "value": {"code": "BadRequest", "message": message}})
}

fn fits_inline(image: &Image) -> bool {
    !image.png.is_empty() && image.png.len() <= IMAGE_INLINE_MAX_BYTES
}

fn text_block(markdown: &str) -> Option<Value> {
    (!markdown.trim().is_empty())
        .then(|| json!({"type": "TextBlock", "text": markdown, "wrap": true}))
}

/// Label/value pairs as a FactSet; `None` when every pair is empty.
fn fact_set(fields: &[Field], entities: &mut Vec<Value>) -> Option<Value> {
    let facts: Vec<Value> = fields
        .iter()
        .filter_map(|f| {
            let value = markdown::rich(&f.value, entities);
            (!(f.label.trim().is_empty() && value.trim().is_empty()))
                .then(|| json!({"title": escape_markdown(&f.label), "value": value}))
        })
        .collect();
    (!facts.is_empty()).then(|| json!({"type": "FactSet", "facts": facts}))
}

/// One row of buttons as an ActionSet `actions-<n>`; more than [`BUTTONS_PER_ROW`] become
/// a Container `actions-<n>` of several ActionSets, so a press replaces all of them at once.
fn button_rows(buttons: &[Button], index: usize) -> Option<Value> {
    let id = format!("{ACTIONS_ID_PREFIX}{index}");
    let sets: Vec<Value> = buttons
        .chunks(BUTTONS_PER_ROW)
        .map(|row| {
            json!({"type": "ActionSet", "actions": row.iter().map(execute).collect::<Vec<_>>()})
        })
        .collect();
    match <[Value; 1]>::try_from(sets) {
        Ok([mut only]) => {
            only["id"] = json!(id);
            Some(only)
        }
        Err(sets) if sets.is_empty() => None,
        Err(sets) => Some(json!({"type": "Container", "id": id, "items": sets})),
    }
}

fn execute(button: &Button) -> Value {
    let mut action = json!({
        "type": "Action.Execute",
        "title": label_or_ellipsis(&button.label),
        "verb": CLICK_VERB,
        "data": {"action": button.action},
    });
    match button.style {
        ButtonStyle::Primary => action["style"] = json!("positive"),
        ButtonStyle::Danger => action["style"] = json!("destructive"),
        ButtonStyle::Default => {}
    }
    action
}

/// A menu: a compact ChoiceSet whose option values are whole click actions (the select's
/// action followed by the option's value, as on Slack and the console) and a `✓` button that
/// sends the choice; both in a Container `select-<n>` so a press replaces them together.
fn menu(select: &Select, index: usize) -> Option<Value> {
    if select.options.is_empty() {
        return None;
    }
    let id = format!("{SELECT_ID_PREFIX}{index}");
    let choices: Vec<Value> = select
        .options
        .iter()
        .map(|o| {
            json!({"title": label_or_ellipsis(&o.label),
                   "value": format!("{}{}", select.action, o.value)})
        })
        .collect();
    let mut choice_set = json!({"type": "Input.ChoiceSet", "id": format!("{id}-choice"),
                                "style": "compact", "choices": choices});
    if !select.placeholder.trim().is_empty() {
        choice_set["placeholder"] = json!(select.placeholder);
    }
    let send = json!({"type": "Action.Execute", "title": "✓", "verb": CLICK_VERB,
                      "data": {"action": select.action, CHOICE_KEY: format!("{id}-choice")}});
    Some(json!({"type": "Container", "id": id,
                "items": [choice_set, {"type": "ActionSet", "actions": [send]}]}))
}

/// A picture inlined as a `data:` URL, or its alt text when it is too big to inline.
fn image_element(image: &Image) -> Value {
    if fits_inline(image) {
        let data = base64::engine::general_purpose::STANDARD.encode(&image.png);
        json!({"type": "Image", "url": format!("data:image/png;base64,{data}"),
               "altText": image.alt, "size": "Stretch"})
    } else {
        json!({"type": "TextBlock", "text": escape_markdown(&image.alt), "wrap": true,
               "isSubtle": true})
    }
}

/// A label Teams accepts: never empty.
fn label_or_ellipsis(label: &str) -> String {
    if label.trim().is_empty() {
        ELLIPSIS.to_string()
    } else {
        label.to_string()
    }
}

/// Cuts text to at most `max` characters, ending with `…` when something was cut.
fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push(ELLIPSIS);
    out
}

/// A JSON object's string field.
fn str_field<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

#[cfg(test)]
mod tests;
