//! What people see: the messages the bot sent to someone's 1:1 or to a channel, as the
//! Connector keeps them after updates, and waits for them.

use serde_json::Value;

use super::cards::{CardButton, adaptive_cards, card_buttons, card_text};
use super::directory::channel_of;
use super::{FakeBotFramework, State, StoredActivity};

/// A message the bot sent, in its latest version.
#[derive(Debug, Clone)]
pub struct SentActivity {
    /// The conversation it went to, as the bot addressed it (a thread keeps `;messageid=…`).
    pub conversation_id: String,
    /// The id the Connector gave it.
    pub id: String,
    /// The activity it replied to (ReplyToActivity), if any.
    pub reply_to_id: Option<String>,
    /// The activity as last sent or updated.
    pub activity: Value,
    /// How many versions it had: 1, plus one per update.
    pub versions: usize,
}

impl From<&StoredActivity> for SentActivity {
    fn from(stored: &StoredActivity) -> Self {
        Self {
            conversation_id: stored.conversation_id.clone(),
            id: stored.id.clone(),
            reply_to_id: stored.reply_to_id.clone(),
            activity: stored.activity.clone(),
            versions: stored.versions,
        }
    }
}

impl SentActivity {
    /// The activity's `text` (empty when it has none).
    pub fn text(&self) -> &str {
        self.activity["text"].as_str().unwrap_or_default()
    }

    /// Its Adaptive Cards.
    pub fn cards(&self) -> Vec<&Value> {
        adaptive_cards(&self.activity)
    }

    /// Its only Adaptive Card; panics showing the activity if it has none or several.
    pub fn card(&self) -> &Value {
        match self.cards().as_slice() {
            [card] => card,
            other => panic!(
                "expected one Adaptive Card, found {}: {}",
                other.len(),
                self.activity
            ),
        }
    }

    /// The text of all its cards, flattened ([`card_text`]), after its own `text`.
    pub fn card_text(&self) -> String {
        let mut parts = vec![self.text().to_owned()];
        parts.extend(self.cards().into_iter().map(card_text));
        parts.retain(|p| !p.is_empty());
        parts.join("\n")
    }

    /// The buttons of its cards that reach the bot.
    pub fn buttons(&self) -> Vec<CardButton> {
        self.cards().into_iter().flat_map(card_buttons).collect()
    }

    /// The button titled `title`; panics listing the titles there are.
    pub fn button(&self, title: &str) -> CardButton {
        let buttons = self.buttons();
        buttons
            .iter()
            .find(|b| b.title == title)
            .cloned()
            .unwrap_or_else(|| {
                let titles: Vec<&str> = buttons.iter().map(|b| b.title.as_str()).collect();
                panic!("no button {title:?} on the card; its buttons are {titles:?}")
            })
    }

    /// Whether it carries both text and an attachment, which Teams splits into two messages,
    /// leaving the bot without a usable id to update (msteams-docs `conversation-messages.md`).
    pub fn mixes_text_and_attachments(&self) -> bool {
        !self.text().is_empty()
            && self.activity["attachments"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
    }
}

/// The messages in the personal chat of the person named by `key`, oldest first.
fn to_person(state: &State, key: &str) -> Vec<SentActivity> {
    let Some(person) = state.person(key) else {
        return Vec::new();
    };
    let conversations: Vec<&String> = state
        .personal
        .iter()
        .filter(|(_, user)| **user == person.user_id)
        .map(|(conversation, _)| conversation)
        .collect();
    state
        .activities
        .iter()
        .filter(|a| conversations.contains(&&a.conversation_id))
        .map(SentActivity::from)
        .collect()
}

/// The messages in a channel (its threads included), oldest first.
fn in_channel(state: &State, channel_id: &str) -> Vec<SentActivity> {
    state
        .activities
        .iter()
        .filter(|a| channel_of(&a.conversation_id) == channel_id)
        .map(SentActivity::from)
        .collect()
}

/// Every message kept, for panic messages.
fn describe_activities(state: &State) -> String {
    let mut text = state.describe_calls();
    text.push_str("\nand keeps these messages:");
    for a in &state.activities {
        let shown = SentActivity::from(a);
        let body = shown.card_text().replace('\n', " | ");
        text.push_str(&format!("\n  {} #{}: {body}", a.conversation_id, a.id));
    }
    text
}

impl FakeBotFramework {
    /// The messages the bot sent to the 1:1 of the person named by `key` (`29:` id, Entra
    /// object id or email), oldest first, each in its latest version.
    pub fn messages_to(&self, key: &str) -> Vec<SentActivity> {
        to_person(&self.inner.lock(), key)
    }

    /// The messages the bot sent to a channel (new posts and replies in its threads).
    pub fn messages_in_channel(&self, channel_id: &str) -> Vec<SentActivity> {
        in_channel(&self.inner.lock(), channel_id)
    }

    /// Every message the bot sent anywhere, oldest first.
    pub fn sent_activities(&self) -> Vec<SentActivity> {
        let state = self.inner.lock();
        state.activities.iter().map(SentActivity::from).collect()
    }

    /// Waits until the person named by `key` has at least `n` messages from the bot.
    pub async fn wait_for_messages_to(&self, key: &str, n: usize) -> Vec<SentActivity> {
        let what = format!("{n} message(s) to {key}");
        self.inner
            .wait_until(
                &what,
                |state| {
                    let found = to_person(state, key);
                    (found.len() >= n).then_some(found)
                },
                describe_activities,
            )
            .await
    }

    /// Waits until a channel has at least `n` messages from the bot.
    pub async fn wait_for_messages_in_channel(
        &self,
        channel_id: &str,
        n: usize,
    ) -> Vec<SentActivity> {
        let what = format!("{n} message(s) in channel {channel_id}");
        self.inner
            .wait_until(
                &what,
                |state| {
                    let found = in_channel(state, channel_id);
                    (found.len() >= n).then_some(found)
                },
                describe_activities,
            )
            .await
    }

    /// Waits until `sent` was updated (has more versions than it had) and returns it anew.
    pub async fn wait_for_update(&self, sent: &SentActivity) -> SentActivity {
        let what = format!("an update of message {}", sent.id);
        self.inner
            .wait_until(
                &what,
                |state| {
                    state
                        .activities
                        .iter()
                        .find(|a| a.id == sent.id && a.versions > sent.versions)
                        .map(SentActivity::from)
                },
                describe_activities,
            )
            .await
    }
}
