//! Reading a Teams message as a command line, with real mentions and nothing else.
//!
//! In a channel the text of a message is HTML-ish: `<at>Ambassador</at> kudos <at>Alex</at>
//! thanks for &lt;fast&gt; help`, with a `mention` entity saying who each `<at>` is. Teams
//! escapes what a person types, so a `<` that opens a tag came from Teams, but only an entity
//! makes an `<at>` a mention: an `<at>` no entity vouches for stays plain text, and so does a
//! name the directory does not know. A real mention becomes a [`mention_token`], built around
//! [`MENTION_MARK`], a private-use character no keyboard types (and which is removed from
//! anything the person typed), so the command parser can tell a mention from a name typed by
//! hand, the same way it reads `<@U123>` on Slack.
//!
//! ```text
//! <at>Ambassador</at> kudos <at>Alex</at> <at>Doe</at> thanks for &lt;fast&gt; help
//!   └ the bot: removed      └ one person whose name Teams split into two tags: one token
//! "kudos \u{E000}<aad id of Alex Doe>\u{E000} thanks for <fast> help"
//! ```

use super::activity::{Account, Activity, Mention};

/// The character around a mention in command text: private use, so a person cannot type it.
pub const MENTION_MARK: char = '\u{E000}';

/// The command-text form of a mention of the person with this directory id.
///
/// The id is taken as given; [`command_text`] only passes ids without whitespace or marks.
pub fn mention_token(platform_user_id: &str) -> String {
    format!("{MENTION_MARK}{platform_user_id}{MENTION_MARK}")
}

/// The directory id in a [`mention_token`]; `None` for any other word.
pub fn parse_mention(token: &str) -> Option<String> {
    let id = token
        .strip_prefix(MENTION_MARK)?
        .strip_suffix(MENTION_MARK)?;
    usable_id(id).then(|| id.to_string())
}

/// The text of a message as a command line: the bot's own mention removed, every other
/// `<at>…</at>` that an entity vouches for replaced by `mention_token(resolve(mentioned))`,
/// HTML tags stripped (`<p>`, `<div>`, `<br>` and other blocks become line breaks, an emoji
/// its `alt` text), entities such as `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` `&nbsp;` decoded,
/// [`MENTION_MARK`]s typed by the person removed, whitespace trimmed.
///
/// An `<at>` without a vouching entity stays plain text (its name, without the tags).
/// `resolve` maps a mentioned account (`29:…` id, and the `aadObjectId` when Teams sends it)
/// to a directory id; when it answers `None` the name stays as plain text. Teams sometimes
/// splits one person's name into several `<at>` tags with an entity each (`<at>Alex</at>
/// <at>Doe</at>`): mentions of the same person separated only by spaces become one token.
/// A token is kept apart from the words around it by a space (a comma, colon or semicolon
/// after it stays attached), so the command parser sees it as a word.
pub fn command_text(
    activity: &Activity,
    bot_id: &str,
    resolve: impl Fn(&Account) -> Option<String>,
) -> String {
    let Some(text) = activity.text.as_deref() else {
        return String::new();
    };
    let is_bot = |account: &Account| {
        account.id.eq_ignore_ascii_case(bot_id)
            || (!activity.recipient.id.is_empty()
                && account.id.eq_ignore_ascii_case(&activity.recipient.id))
    };
    let mut unused: Vec<&Mention> = activity.mentions.iter().collect();
    let mut pieces: Vec<Piece> = Vec::new();
    for part in html::parts(text) {
        match part {
            html::Part::Text(t) => pieces.push(Piece::Text(t)),
            html::Part::At { raw_inner } => {
                let name = html::inner_name(raw_inner);
                let Some(index) = unused.iter().position(|m| vouches(m, &name)) else {
                    pieces.push(Piece::Text(name));
                    continue;
                };
                let mention = unused.remove(index);
                if is_bot(&mention.mentioned) {
                    pieces.push(Piece::Bot);
                    continue;
                }
                match resolve(&mention.mentioned).filter(|id| usable_id(id)) {
                    Some(id) => pieces.push(Piece::Token(id)),
                    None => pieces.push(Piece::Text(name)),
                }
            }
        }
    }
    render(merge_split_names(pieces))
}

/// One piece of the command line being built.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Plain text, already decoded and free of marks.
    Text(String),
    /// A vouched, resolved mention.
    Token(String),
    /// The bot's own mention, left out.
    Bot,
}

/// Whether an entity vouches for an `<at>` whose name (decoded, without tags) is `name`.
fn vouches(mention: &Mention, name: &str) -> bool {
    let vouched = if mention.text.trim().is_empty() {
        mention.mentioned.name.clone().unwrap_or_default()
    } else {
        html::inner_name(html::strip_at_tags(&mention.text))
    };
    same_name(&vouched, name)
}

/// Names compared the way Teams writes them: trimmed, a leading `@` ignored (the docs' own
/// examples disagree on it between the text and the entity).
fn same_name(a: &str, b: &str) -> bool {
    let clean = |s: &str| s.trim().trim_start_matches('@').trim().to_string();
    let (a, b) = (clean(a), clean(b));
    !a.is_empty() && a == b
}

/// Whether an id can go inside a token: something, with no whitespace and no mark.
fn usable_id(id: &str) -> bool {
    !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c == MENTION_MARK)
}

/// Joins mentions of the same person that only whitespace separates, and drops the bot's
/// mentions, so `<at>Alex</at> <at>Doe</at>` (one person) is one token.
fn merge_split_names(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let Piece::Token(id) = &piece {
            let blank_between = matches!(out.last(), Some(Piece::Text(t)) if t.trim().is_empty());
            let before = if blank_between {
                out.len().checked_sub(2)
            } else {
                out.len().checked_sub(1)
            };
            if matches!(before.and_then(|i| out.get(i)), Some(Piece::Token(last)) if last == id) {
                if blank_between {
                    out.pop();
                }
                continue;
            }
        }
        out.push(piece);
    }
    out
}

/// The command line: text as is, tokens set apart from the words around them, trimmed.
fn render(pieces: Vec<Piece>) -> String {
    let mut out = String::new();
    let mut after_token = false;
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                let text = text.replace(MENTION_MARK, "");
                let attaches = text
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
                if after_token && !attaches {
                    out.push(' ');
                }
                out.push_str(&text);
                after_token = after_token && text.is_empty();
            }
            Piece::Token(id) => {
                if out.chars().last().is_some_and(|c| !c.is_whitespace()) {
                    out.push(' ');
                }
                out.push_str(&mention_token(&id));
                after_token = true;
            }
            Piece::Bot => {}
        }
    }
    out.trim().to_string()
}

/// Splitting Teams' HTML-ish text into text and `<at>` parts.
mod html {
    /// A part of a message's text.
    pub(super) enum Part<'a> {
        /// Text with tags removed and entities decoded.
        Text(String),
        /// An `<at …>…</at>`, with what is between the tags as sent.
        At {
            /// The raw text between `<at>` and `</at>`.
            raw_inner: &'a str,
        },
    }

    /// Tags that start a new line when they open or close.
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ];

    /// The parts of `text`, in order. A `<` that does not open a tag (`a < b`, `<3`, one with
    /// no closing `>`) is text.
    pub(super) fn parts(text: &str) -> Vec<Part<'_>> {
        let mut parts = Vec::new();
        let mut plain = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('<') {
            plain.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(tag) = tag_at(after) else {
                plain.push('<');
                rest = after;
                continue;
            };
            let mut next = &after[tag.len + 1..];
            if tag.name.eq_ignore_ascii_case("at") && !tag.closing {
                if let Some(close) = find_ignore_case(next, "</at>") {
                    flush(&mut plain, &mut parts);
                    parts.push(Part::At {
                        raw_inner: &next[..close],
                    });
                    next = &next[close + "</at>".len()..];
                }
            } else if BLOCKS.iter().any(|b| tag.name.eq_ignore_ascii_case(b)) {
                if !plain.ends_with('\n') {
                    plain.push('\n');
                }
            } else if let Some(alt) = tag.alt {
                plain.push_str(alt);
            }
            rest = next;
        }
        plain.push_str(rest);
        flush(&mut plain, &mut parts);
        parts
    }

    /// The name inside an `<at>`: any tags within removed, entities decoded, marks removed,
    /// trimmed.
    pub(super) fn inner_name(raw_inner: &str) -> String {
        let mut name = String::new();
        for part in parts(raw_inner) {
            match part {
                Part::Text(t) => name.push_str(&t),
                Part::At { raw_inner } => name.push_str(&inner_name(raw_inner)),
            }
        }
        name.replace(super::MENTION_MARK, "").trim().to_string()
    }

    /// An entity's `text` without its `<at>` and `</at>` (an entity may omit them).
    pub(super) fn strip_at_tags(text: &str) -> &str {
        let text = text.trim();
        let inner = match tag_at(text.strip_prefix('<').unwrap_or_default()) {
            Some(tag) if tag.name.eq_ignore_ascii_case("at") && !tag.closing => {
                &text[tag.len + 2..]
            }
            _ => text,
        };
        match find_ignore_case(inner, "</at>") {
            Some(close) => &inner[..close],
            None => inner,
        }
    }

    fn flush<'a>(plain: &mut String, parts: &mut Vec<Part<'a>>) {
        if !plain.is_empty() {
            parts.push(Part::Text(decode_entities(plain)));
            plain.clear();
        }
    }

    /// A tag that starts right after a `<`.
    struct Tag<'a> {
        /// The tag's name (`at`, `p`, `br`, `emoji`, … or empty for `<!…>`).
        name: &'a str,
        /// Whether it is `</…>`.
        closing: bool,
        /// An `alt` attribute (emoji and images show it).
        alt: Option<&'a str>,
        /// Bytes up to (not including) the closing `>`.
        len: usize,
    }

    /// The tag starting at `s` (just after its `<`): a letter, `/` or `!` first, and a `>`.
    fn tag_at(s: &str) -> Option<Tag<'_>> {
        let first = s.chars().next()?;
        if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
            return None;
        }
        let len = s.find('>')?;
        let body = &s[..len];
        let closing = body.starts_with('/');
        let name_start = usize::from(closing);
        let name_len = body[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len() - name_start);
        Some(Tag {
            name: &body[name_start..name_start + name_len],
            closing,
            alt: attribute(body, "alt"),
            len,
        })
    }

    /// A double-quoted attribute's raw value.
    fn attribute<'a>(body: &'a str, name: &str) -> Option<&'a str> {
        let at = find_ignore_case(body, &format!(" {name}=\""))?;
        let value = &body[at + name.len() + 3..];
        Some(&value[..value.find('"')?])
    }

    /// Byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
    fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        if n.is_empty() || h.len() < n.len() {
            return None;
        }
        (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
    }

    /// Decodes HTML character references; an unknown or malformed one stays as written.
    pub(super) fn decode_entities(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let after = &rest[amp + 1..];
            let decoded = after
                .find(';')
                .filter(|&end| end <= 10)
                .and_then(|end| Some((character(&after[..end])?, end)));
            match decoded {
                Some((c, end)) => {
                    out.push(c);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The character a reference (between `&` and `;`) stands for.
    fn character(reference: &str) -> Option<char> {
        if let Some(number) = reference.strip_prefix('#') {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code).filter(|c| *c != '\0');
        }
        Some(match reference {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            // A non-breaking space is a space to a command line.
            "nbsp" => ' ',
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
