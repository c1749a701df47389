//! What the Teams flow tests share: a bot whose kudos go to a channel of the fake's team, and
//! ways to find what people were sent.

use super::fake::SentActivity;
use super::harness::TeamsHarness;
use crate::helpers::Backend;

pub use super::fake::ADAPTIVE_CARD;

/// The submit button of the kudos form, pressed by its title.
pub const SEND: &str = "Send";

/// The channel the team celebrates in, set as where kudos are posted (the default `kudos`
/// channel is not one of the fake team's).
pub const KUDOS_CHANNEL: &str = "customer-wins";

/// A running bot, added to the team, whose kudos go to [`KUDOS_CHANNEL`].
pub async fn start(backend: Backend) -> TeamsHarness {
    TeamsHarness::start_with(backend, |config| {
        config.settings.kudos.channel = KUDOS_CHANNEL.to_string();
    })
    .await
}

/// How many of `messages` show `needle`.
pub fn saying(messages: &[SentActivity], needle: &str) -> usize {
    messages
        .iter()
        .filter(|m| m.card_text().contains(needle))
        .count()
}

/// Waits until the 1:1 of the person named by `key` holds a message `wanted` accepts, and
/// returns it; panics after the fake's wait listing what did arrive.
pub async fn wait_for_message_to(
    h: &TeamsHarness,
    key: &str,
    wanted: impl Fn(&SentActivity) -> bool,
) -> SentActivity {
    let mut n = 1;
    loop {
        let messages = h.fake.wait_for_messages_to(key, n).await;
        if let Some(found) = messages.iter().find(|m| wanted(m)) {
            return found.clone();
        }
        n = messages.len() + 1;
    }
}
