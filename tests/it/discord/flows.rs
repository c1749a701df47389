//! What the Discord flow tests share: a bot whose kudos go to a channel of the fake guild, and
//! the text of a message as Discord shows it.

use super::fake::SentMessage;
use super::harness::{DiscordHarness, Mode};
use crate::helpers::Backend;

/// The channel the guild celebrates in, set as where kudos are posted (the default `kudos`
/// channel is not one of the fake guild's).
pub const KUDOS_CHANNEL: &str = "customer-wins";

/// A running bot whose kudos go to [`KUDOS_CHANNEL`].
pub async fn start(backend: Backend, mode: Mode) -> DiscordHarness {
    DiscordHarness::start_with(backend, mode, None, |config| {
        config.settings.kudos.channel = KUDOS_CHANNEL.to_string();
    })
    .await
}

/// Text as Discord renders markdown: a backslash before ASCII punctuation shows the character
/// alone, `**` and the heading and small-print markers show nothing.
pub fn seen(markdown: &str) -> String {
    let text = markdown.replace("**", "");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek().copied() {
            Some(escaped) if c == '\\' && escaped.is_ascii_punctuation() => {
                out.push(escaped);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out.lines()
        .map(|l| {
            l.trim_start_matches("### ")
                .trim_start_matches("-# ")
                .trim_start_matches("> ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a person reads in `message`.
pub fn seen_in(message: &SentMessage) -> String {
    seen(message.content())
}
