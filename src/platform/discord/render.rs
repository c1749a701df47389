//! Showing the bot's messages in Discord: markdown text, buttons and selects as components,
//! the chart as an attached file, forms as modals.
//!
//! People's text can never ping anyone or turn into markup: every string is escaped for
//! Discord's markdown (so `<@id>`, `**`, `# ` and links typed by a person show as typed), and
//! every payload carries `allowed_mentions` with no `parse` and only the users the bot itself
//! mentions, so `@everyone` in a kudos notifies nobody.

mod form;

use serde_json::{Value, json};

use super::rest::Attachment;
use crate::core::message::{Block, Button, ButtonStyle, Message, RichText, Span, Visibility};

pub use form::{SubmittedForm, modal, read_modal};

/// Discord's limit on a message's text.
pub const CONTENT_LIMIT: usize = 2000;
/// Discord's limit on a `custom_id`.
pub const CUSTOM_ID_LIMIT: usize = 100;
/// Discord's limit on a button label.
const LABEL_LIMIT: usize = 80;
/// Buttons per action row, and rows per message.
const PER_ROW: usize = 5;
const ROWS: usize = 5;
/// Options in a string select.
const SELECT_OPTIONS: usize = 25;
/// The flag that makes an interaction answer visible only to the person who asked.
pub const EPHEMERAL: u64 = 64;
/// What a pressed message's added line starts with, so a second press replaces it.
const PRESSED_MARK: &str = "-# ✓ ";

/// Escapes Discord markdown so the text shows exactly as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*'
                | '_'
                | '~'
                | '`'
                | '|'
                | '>'
                | '<'
                | '#'
                | '-'
                | '['
                | ']'
                | '('
                | ')'
                | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Rich text as Discord markdown, collecting the users it mentions.
fn rich(text: &RichText, mentioned: &mut Vec<String>) -> String {
    text.0
        .iter()
        .map(|span| match span {
            Span::Text(t) => escape(t),
            Span::Strong(t) if t.trim().is_empty() => escape(t),
            Span::Strong(t) => format!("**{}**", escape(t)),
            Span::Emphasis(t) if t.trim().is_empty() => escape(t),
            Span::Emphasis(t) => format!("*{}*", escape(t)),
            Span::Mention(who) if is_snowflake(&who.platform_user_id) => {
                if !mentioned.contains(&who.platform_user_id) {
                    mentioned.push(who.platform_user_id.clone());
                }
                format!("<@{}>", who.platform_user_id)
            }
            Span::Mention(who) => format!("\\@{}", escape(&who.display_name)),
        })
        .collect()
}

/// Whether an id is a Discord snowflake (digits).
pub fn is_snowflake(id: &str) -> bool {
    !id.is_empty() && id.len() <= 20 && id.chars().all(|c| c.is_ascii_digit())
}

fn prefixed(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|l| format!("{prefix}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One Discord message's worth of a bot message: text and at most five rows of components.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Part {
    /// The markdown text (may exceed [`CONTENT_LIMIT`]; [`payloads`] splits it).
    pub content: String,
    /// Action rows, at most [`ROWS`].
    pub components: Vec<Value>,
}

/// A message's text and components (in as many Discord messages as its rows of choices
/// need), files and the users it mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The parts, in order; usually one.
    pub parts: Vec<Part>,
    /// Attached files (sent with the last part).
    pub files: Vec<Attachment>,
    /// Users the bot mentions on purpose.
    pub mentioned: Vec<String>,
    /// Whether only the asker should see it.
    pub ephemeral: bool,
}

impl Rendered {
    /// All the text, parts joined.
    pub fn content(&self) -> String {
        self.parts
            .iter()
            .map(|p| p.content.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// All the rows of components, parts joined.
    pub fn components(&self) -> Vec<Value> {
        self.parts
            .iter()
            .flat_map(|p| p.components.iter().cloned())
            .collect()
    }
}

/// Builds parts: text goes to the current part, rows too until it has five; a row that would
/// be the sixth starts a new part, taking with it the block of text right before it (the words
/// that introduce it) when no row came after that text.
#[derive(Default)]
struct Parts {
    done: Vec<Part>,
    lines: Vec<String>,
    rows: Vec<Value>,
    /// How many of `lines` came before the last row.
    lines_at_last_row: usize,
    /// Where the latest block of text began in `lines`.
    last_block_at: usize,
}

impl Parts {
    /// A block of text (one or more lines).
    fn line(&mut self, line: String) {
        self.last_block_at = self.lines.len();
        self.lines.push(line);
    }

    fn row(&mut self, row: Value) {
        if self.rows.len() == ROWS {
            // The words right before the row introduce it: the latest block of text, if it
            // came after the last row.
            let from = self.last_block_at.max(self.lines_at_last_row);
            let carried = self.lines.split_off(from.min(self.lines.len()));
            self.done.push(Part {
                content: self.lines.join("\n"),
                components: std::mem::take(&mut self.rows),
            });
            self.lines = carried;
        }
        self.rows.push(row);
        self.lines_at_last_row = self.lines.len();
    }

    fn finish(mut self) -> Vec<Part> {
        if !self.lines.is_empty() || !self.rows.is_empty() || self.done.is_empty() {
            self.done.push(Part {
                content: self.lines.join("\n"),
                components: self.rows,
            });
        }
        self.done
    }
}

fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn button(b: &Button) -> Option<Value> {
    if b.action.is_empty() || b.action.len() > CUSTOM_ID_LIMIT {
        tracing::warn!(
            action = b.action,
            "a button whose action Discord cannot carry"
        );
        return None;
    }
    let style = match b.style {
        ButtonStyle::Primary => 1,
        ButtonStyle::Default => 2,
        ButtonStyle::Danger => 4,
    };
    Some(json!({
        "type": 2,
        "style": style,
        "label": truncate(&b.label, LABEL_LIMIT),
        "custom_id": b.action,
    }))
}

/// A row of buttons as a string select, for messages with more rows of buttons than Discord
/// shows (a pulse of five questions): one select per question, its options the buttons.
fn buttons_as_select(buttons: &[Button], placeholder: &str) -> Option<Value> {
    let options: Vec<Value> = buttons
        .iter()
        .filter(|b| !b.action.is_empty() && b.action.len() <= CUSTOM_ID_LIMIT)
        .take(SELECT_OPTIONS)
        .map(|b| json!({"label": truncate(&b.label, 100), "value": b.action}))
        .collect();
    let first = options.first()?["value"].as_str()?.to_string();
    Some(json!({"type": 1, "components": [{
        "type": 3,
        // A select's own id must differ from its options' values and from other selects'.
        "custom_id": truncate(&format!("select:{first}"), CUSTOM_ID_LIMIT),
        "placeholder": truncate(placeholder, 150),
        "options": options,
    }]}))
}

/// Renders a message.
pub fn render(message: &Message) -> Rendered {
    let button_rows: usize = message
        .blocks
        .iter()
        .map(|b| match b {
            Block::Buttons(buttons) => buttons.len().div_ceil(PER_ROW),
            Block::Select(_) => 1,
            _ => 0,
        })
        .sum();
    // More rows of buttons than one message shows (a pulse of five questions): each row of
    // several buttons becomes a select of them, one row per question.
    let as_selects = button_rows > ROWS;
    let mut parts = Parts::default();
    let mut files = Vec::new();
    let mut mentioned = Vec::new();
    let mut last_text = String::new();
    for block in &message.blocks {
        match block {
            Block::Header(t) => {
                last_text = t.clone();
                parts.line(format!("### {}", escape(t)));
            }
            Block::Section(t) => {
                last_text = t.plain();
                parts.line(rich(t, &mut mentioned));
            }
            Block::Quote(t) => parts.line(prefixed(&rich(t, &mut mentioned), "> ")),
            Block::Fields(fields) => {
                for f in fields {
                    parts.line(format!(
                        "**{}:** {}",
                        escape(&f.label),
                        rich(&f.value, &mut mentioned)
                    ));
                }
            }
            Block::Context(t) => parts.line(prefixed(&rich(t, &mut mentioned), "-# ")),
            Block::Divider => parts.line(String::new()),
            Block::Image(image) => files.push(Attachment {
                file_name: image.file_name.clone(),
                bytes: image.png.clone(),
            }),
            Block::Buttons(buttons) if as_selects && buttons.len() > 1 => {
                if let Some(row) = buttons_as_select(buttons, &last_text) {
                    parts.row(row);
                }
            }
            Block::Buttons(buttons) => {
                let buttons: Vec<Value> = buttons.iter().filter_map(button).collect();
                for row in buttons.chunks(PER_ROW) {
                    parts.row(json!({"type": 1, "components": row}));
                }
            }
            Block::Select(select) => {
                let options: Vec<Value> = select
                    .options
                    .iter()
                    .filter(|o| !o.value.is_empty() && o.value.len() <= CUSTOM_ID_LIMIT)
                    .take(SELECT_OPTIONS)
                    .map(|o| json!({"label": truncate(&o.label, 100), "value": o.value}))
                    .collect();
                if !options.is_empty() && select.action.len() <= CUSTOM_ID_LIMIT {
                    parts.row(json!({"type": 1, "components": [{
                        "type": 3,
                        "custom_id": select.action,
                        "placeholder": truncate(&select.placeholder, 150),
                        "options": options,
                    }]}));
                }
            }
        }
    }
    Rendered {
        parts: parts.finish(),
        files,
        mentioned,
        ephemeral: message.visibility == Visibility::Ephemeral,
    }
}

/// `allowed_mentions` that lets only the users the bot mentioned be notified.
pub fn allowed_mentions(users: &[String]) -> Value {
    json!({"parse": [], "users": users.iter().take(100).collect::<Vec<_>>()})
}

/// Splits text into pieces of at most [`CONTENT_LIMIT`] characters, at line ends where it can.
pub fn split_content(content: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for line in content.split('\n') {
        let mut line = line.to_string();
        while line.chars().count() > CONTENT_LIMIT {
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            let head: String = line.chars().take(CONTENT_LIMIT).collect();
            line = line.chars().skip(CONTENT_LIMIT).collect();
            pieces.push(head);
        }
        let extra = if current.is_empty() { 0 } else { 1 };
        if current.chars().count() + extra + line.chars().count() > CONTENT_LIMIT {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.is_empty() || pieces.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// The message as one or more message payloads: each part's text split at Discord's limit,
/// its components with its last piece, and the files with the very last.
pub fn payloads(rendered: &Rendered) -> Vec<(Value, Vec<Attachment>)> {
    let mut out = Vec::new();
    for part in &rendered.parts {
        let pieces = split_content(&part.content);
        let last = pieces.len() - 1;
        for (i, content) in pieces.into_iter().enumerate() {
            let mut payload = json!({
                "content": content,
                "allowed_mentions": allowed_mentions(&rendered.mentioned),
            });
            if rendered.ephemeral {
                payload["flags"] = json!(EPHEMERAL);
            }
            if i == last {
                payload["components"] = Value::Array(part.components.clone());
            }
            out.push((payload, Vec::new()));
        }
    }
    if let Some(last) = out.last_mut() {
        last.1 = rendered.files.clone();
    }
    out
}

/// The message a press was on, updated: the pressed button marked, the others in its row
/// plain (or, in a select, the option chosen shown as chosen), and the bot's reply as a small line at the end (replacing an earlier one).
pub fn mark_clicked(content: &str, components: &Value, pressed: &str, reply: &str) -> Value {
    let mut components = components.clone();
    for row in components.as_array_mut().into_iter().flatten() {
        let Some(items) = row.get_mut("components").and_then(Value::as_array_mut) else {
            continue;
        };
        for item in items.iter_mut() {
            if let Some(options) = item.get_mut("options").and_then(Value::as_array_mut)
                && options
                    .iter()
                    .any(|o| o.get("value").and_then(Value::as_str) == Some(pressed))
            {
                // A select: the choice shows as chosen.
                for option in options.iter_mut() {
                    let this = option.get("value").and_then(Value::as_str) == Some(pressed);
                    option["default"] = json!(this);
                }
            }
        }
        if !items
            .iter()
            .any(|c| c.get("custom_id").and_then(Value::as_str) == Some(pressed))
        {
            continue;
        }
        for item in items.iter_mut() {
            if item.get("type").and_then(Value::as_u64) != Some(2) {
                continue;
            }
            let this = item.get("custom_id").and_then(Value::as_str) == Some(pressed);
            item["style"] = json!(if this { 3 } else { 2 });
        }
    }
    let kept: Vec<&str> = content
        .lines()
        .filter(|l| !l.starts_with(PRESSED_MARK))
        .collect();
    let mut text = kept.join("\n");
    let reply = reply.trim();
    if !reply.is_empty() {
        let line = format!("{PRESSED_MARK}{}", escape(&reply.replace('\n', " ")));
        let room = CONTENT_LIMIT.saturating_sub(line.chars().count() + 1);
        if text.chars().count() > room {
            text = truncate(&text, room);
        }
        text = format!("{text}\n{line}");
    }
    json!({
        "content": text,
        "components": components,
        "allowed_mentions": allowed_mentions(&[]),
    })
}

#[cfg(test)]
mod tests;
