//! The Block Kit limits Slack enforces, checked on every message and view the bot sends, so a
//! rendering mistake fails a test the way it would fail in a real workspace (`invalid_blocks`,
//! `invalid_arguments`) instead of passing against a fake that accepts anything.
//!
//! Limits from Slack's Block Kit reference (docs.slack.dev/reference/block-kit): 50 blocks in a
//! message and 100 in a view; `block_id` ≤ 255 and unique in its surface; section text ≤ 3000,
//! ≤ 10 fields of ≤ 2000; header ≤ 150 plain text; actions ≤ 25 elements; context ≤ 10
//! elements; `action_id` ≤ 255 and unique in its block; button text ≤ 75 plain text, value
//! ≤ 2000, style `primary`|`danger`; select ≤ 100 options, option text ≤ 75, value ≤ 150; view
//! title, submit and close ≤ 24 plain text; `private_metadata` ≤ 3000; `callback_id` ≤ 255; a
//! modal with input blocks needs `submit`.

use std::collections::HashSet;

use serde_json::Value;

/// Why Slack would refuse the blocks, in words for the test's failure message.
pub(super) type Invalid = String;

/// Checks the blocks of a message (chat.postMessage, chat.update, chat.postEphemeral).
pub(super) fn validate_message_blocks(blocks: &Value) -> Result<(), Invalid> {
    validate_blocks(blocks, 50)
}

/// Checks a view of the given type (`modal` for views.open, `home` for views.publish).
pub(super) fn validate_view(view: &Value, expected_type: &str) -> Result<(), Invalid> {
    if view["type"] != expected_type {
        return Err(format!(
            "view type must be {expected_type}, got {}",
            view["type"]
        ));
    }
    validate_blocks(&view["blocks"], 100)?;
    for field in ["title", "submit", "close"] {
        if !view[field].is_null() {
            plain_text(&view[field], 24, field)?;
        }
    }
    if expected_type == "modal" {
        plain_text(&view["title"], 24, "title")?;
        let has_input = blocks_of(&view["blocks"])
            .iter()
            .any(|b| b["type"] == "input");
        if has_input && view["submit"].is_null() {
            return Err("must define submit to use input block".into());
        }
    }
    max_len(&view["private_metadata"], 3000, "private_metadata")?;
    max_len(&view["callback_id"], 255, "callback_id")
}

fn blocks_of(blocks: &Value) -> &[Value] {
    blocks.as_array().map_or(&[], Vec::as_slice)
}

fn validate_blocks(blocks: &Value, max_blocks: usize) -> Result<(), Invalid> {
    let list = blocks.as_array().ok_or("blocks must be an array")?;
    if list.len() > max_blocks {
        return Err(format!(
            "{} blocks, at most {max_blocks} allowed",
            list.len()
        ));
    }
    let mut block_ids = HashSet::new();
    for block in list {
        if let Some(id) = block["block_id"].as_str() {
            max_len(&block["block_id"], 255, "block_id")?;
            if !block_ids.insert(id) {
                return Err(format!("duplicate block_id {id}"));
            }
        }
        validate_block(block)?;
    }
    Ok(())
}

fn validate_block(block: &Value) -> Result<(), Invalid> {
    match block["type"].as_str().unwrap_or("") {
        "section" => {
            if !block["text"].is_null() {
                text(&block["text"], 3000, "section text")?;
            }
            let fields = blocks_of(&block["fields"]);
            if fields.len() > 10 {
                return Err("a section holds at most 10 fields".into());
            }
            fields
                .iter()
                .try_for_each(|f| text(f, 2000, "section field"))?;
            if !block["accessory"].is_null() {
                validate_elements(std::slice::from_ref(&block["accessory"]))?;
            }
            Ok(())
        }
        "header" => plain_text(&block["text"], 150, "header"),
        "actions" => {
            let elements = blocks_of(&block["elements"]);
            if elements.is_empty() || elements.len() > 25 {
                return Err("an actions block holds 1 to 25 elements".into());
            }
            validate_elements(elements)
        }
        "context" => {
            let elements = blocks_of(&block["elements"]);
            if elements.is_empty() || elements.len() > 10 {
                return Err("a context block holds 1 to 10 elements".into());
            }
            Ok(())
        }
        "input" => {
            plain_text(&block["label"], 2000, "input label")?;
            if block["element"].is_null() {
                return Err("an input block needs an element".into());
            }
            validate_elements(std::slice::from_ref(&block["element"]))
        }
        "image" => {
            max_len(&block["image_url"], 3000, "image_url")?;
            match block["alt_text"].as_str() {
                Some(alt) if !alt.is_empty() && alt.chars().count() <= 2000 => Ok(()),
                _ => Err("an image block needs alt_text of 1 to 2000 characters".into()),
            }
        }
        "divider" | "rich_text" | "markdown" | "file" | "video" => Ok(()),
        other => Err(format!("unknown block type {other:?}")),
    }
}

/// Checks interactive elements; `action_id`s must be unique among them (one block).
fn validate_elements(elements: &[Value]) -> Result<(), Invalid> {
    let mut action_ids = HashSet::new();
    for element in elements {
        if let Some(id) = element["action_id"].as_str() {
            max_len(&element["action_id"], 255, "action_id")?;
            if !action_ids.insert(id) {
                return Err(format!("duplicate action_id {id} in one block"));
            }
        }
        match element["type"].as_str().unwrap_or("") {
            "button" => {
                plain_text(&element["text"], 75, "button text")?;
                max_len(&element["value"], 2000, "button value")?;
                match element["style"].as_str() {
                    None | Some("primary") | Some("danger") => {}
                    Some(style) => return Err(format!("button style {style:?}")),
                }
            }
            "static_select" | "multi_static_select" => {
                let options = blocks_of(&element["options"]);
                if options.is_empty() && element["option_groups"].is_null() {
                    return Err("a static select needs options".into());
                }
                if options.len() > 100 {
                    return Err("a select holds at most 100 options".into());
                }
                for option in options {
                    text(&option["text"], 75, "option text")?;
                    max_len(&option["value"], 150, "option value")?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A text object (`plain_text` or `mrkdwn`) of at most `max` characters.
fn text(object: &Value, max: usize, what: &str) -> Result<(), Invalid> {
    match object["type"].as_str() {
        Some("plain_text") | Some("mrkdwn") => max_len(&object["text"], max, what),
        _ => Err(format!("{what} must be a plain_text or mrkdwn text object")),
    }
}

/// A `plain_text` object of 1 to `max` characters.
fn plain_text(object: &Value, max: usize, what: &str) -> Result<(), Invalid> {
    if object["type"] != "plain_text" {
        return Err(format!("{what} must be a plain_text object"));
    }
    match object["text"].as_str() {
        Some(t) if !t.is_empty() => max_len(&object["text"], max, what),
        _ => Err(format!("{what} must not be empty")),
    }
}

/// A string of at most `max` characters, or absent.
fn max_len(value: &Value, max: usize, what: &str) -> Result<(), Invalid> {
    match value.as_str() {
        Some(s) if s.chars().count() > max => Err(format!(
            "{what} is {} characters, at most {max} allowed",
            s.chars().count()
        )),
        _ => Ok(()),
    }
}
