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

mod html;

#[cfg(test)]
mod tests;
