//! Adaptive Card TextBlock markdown: escaping what people typed, and the bot's rich text.
//!
//! A TextBlock's `text` is markdown (bold, italics, lists, links) and, in Teams, `<at>Name</at>`
//! is a mention when the card's `msteams.entities` names it. Model text is literal, so every
//! character that could start any of these is escaped with a backslash (CommonMark's escape,
//! which the Teams renderers honour), and bare `http://…` links are broken with an invisible
//! word joiner so the client does not turn them into links either.

use serde_json::{Value, json};

use crate::core::message::{RichText, Span, UserRef};

/// An invisible character that stops a client from recognising `://` or `www.` as a link.
const WORD_JOINER: char = '\u{2060}';

/// Escapes literal text for a TextBlock: nothing a person types may format, link or mention.
///
/// Backslash-escapes `\ * _ ` ~ [ ] < >` anywhere; at the start of a line, `>`, and `#`, `-`, `+`
/// and the `.` or `)` of `1.`/`1)` when a space or the line's end follows (a heading, a list or a
/// rule), and a line of `=` only (a heading underline); and `&` when it would start a
/// character reference. Leading spaces become non-breaking spaces (four spaces would start a
/// code block), and `://` and `www.` get an invisible word joiner so nothing becomes a link.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(s, true, &mut out);
    out
}

/// Escapes `s` onto `out`; the rules for the start of a line apply to its first line only
/// when `line_start` (text continuing a line cannot start a block).
fn escape_into(s: &str, line_start: bool, out: &mut String) {
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i > 0 || line_start {
            escape_line(line, out);
        } else {
            escape_inline(line, out);
        }
    }
}

fn escape_line(line: &str, out: &mut String) {
    let body = line.trim_start_matches([' ', '\t']);
    for _ in 0..(line.len() - body.len()) {
        out.push('\u{00A0}');
    }
    let mut rest = body;
    // Block markers count only at the start of a line, and (but for a quote or a rule) only
    // when a space or the line's end follows: `-5 %` and `4.00` are plain text and stay
    // readable where a client shows backslashes.
    let opens_block = |after: &str| after.is_empty() || after.starts_with([' ', '\t']);
    if let Some(first) = rest.chars().next()
        && (first == '>'
            || (matches!(first, '#' | '-' | '+')
                && opens_block(rest[1..].trim_start_matches(first)))
            || (first == '=' && rest.trim_end().chars().all(|c| c == '=')))
    {
        out.push('\\');
        out.push(first);
        rest = &rest[first.len_utf8()..];
    } else {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0
            && let Some(mark @ ('.' | ')')) = rest[digits..].chars().next()
            && opens_block(&rest[digits + 1..])
        {
            out.push_str(&rest[..digits]);
            out.push('\\');
            out.push(mark);
            rest = &rest[digits + 1..];
        }
    }
    escape_inline(rest, out);
}

fn escape_inline(s: &str, out: &mut String) {
    for (i, c) in s.char_indices() {
        match c {
            '\\' | '*' | '_' | '`' | '~' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&s[i + 1..]) => out.push_str("\\&"),
            ':' if s[i + 1..].starts_with("//") => {
                out.push(':');
                out.push(WORD_JOINER);
            }
            '.' if ends_www(&s[..i]) => {
                out.push(WORD_JOINER);
                out.push('.');
            }
            other => out.push(other),
        }
    }
}

/// Whether text after a `&` reads as a character reference (`amp;`, `#39;`, `#x41;`).
fn starts_reference(after: &str) -> bool {
    let name = after
        .strip_prefix('#')
        .map(|n| n.strip_prefix(['x', 'X']).unwrap_or(n))
        .unwrap_or(after);
    let len = name.len()
        - name
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric())
            .len();
    len > 0 && name[len..].starts_with(';')
}

/// Whether `before` ends with the word `www` (so the `.` that follows starts a fuzzy link).
fn ends_www(before: &str) -> bool {
    let Some(head) = before.len().checked_sub(3) else {
        return false;
    };
    // Compared as bytes: the last three need not end on a character boundary.
    before.as_bytes()[head..].eq_ignore_ascii_case(b"www")
        && before[..head]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Rich text as TextBlock markdown, collecting the mention entities it needs.
pub(super) fn rich(text: &RichText, entities: &mut Vec<Value>) -> String {
    let mut out = String::new();
    for span in &text.0 {
        match span {
            Span::Text(t) => escape_into(t, at_line_start(&out), &mut out),
            Span::Strong(t) => styled(t, "**", &mut out),
            Span::Emphasis(t) => styled(t, "*", &mut out),
            Span::Mention(who) => out.push_str(&mention(who, entities)),
        }
    }
    // A single line break is no break in markdown; the model's line breaks are meant.
    out.replace('\n', "\n\n")
}

/// `**text**`, with the markers inside any surrounding spaces (`** a**` is not bold), and
/// nothing at all for blank text.
fn styled(text: &str, marker: &str, out: &mut String) {
    let core = text.trim();
    if core.is_empty() {
        escape_into(text, at_line_start(out), out);
        return;
    }
    let start = text.len() - text.trim_start().len();
    let end = start + core.len();
    escape_into(&text[..start], at_line_start(out), out);
    // A line break inside bold text ends the bold: each line is marked on its own.
    for (i, line) in core.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.trim().is_empty() {
            continue;
        }
        out.push_str(marker);
        escape_inline(line.trim(), out);
        out.push_str(marker);
    }
    escape_into(&text[end..], false, out);
}

fn at_line_start(out: &str) -> bool {
    out.is_empty() || out.ends_with('\n')
}

/// `<at>Name</at>` with its entity; a person the card cannot mention shows as `@Name`.
fn mention(who: &UserRef, entities: &mut Vec<Value>) -> String {
    let id = who.platform_user_id.trim();
    let usable = !id.is_empty()
        && !id
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"'));
    if !usable {
        return escape_markdown(&format!("@{}", who.display_name));
    }
    let name = mention_name(&who.display_name);
    let text = format!("<at>{name}</at>");
    let entity = json!({
        "type": "mention",
        "text": text,
        "mentioned": {"id": id, "name": name},
    });
    if !entities.contains(&entity) {
        entities.push(entity);
    }
    text
}

/// A display name that reads the same inside `<at>…</at>` before and after markdown: letters,
/// digits, spaces and `.'-` only, runs of spaces joined.
fn mention_name(display_name: &str) -> String {
    let kept: String = display_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '\'' | '-') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let name = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        "…".to_string()
    } else {
        name
    }
}
