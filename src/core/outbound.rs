//! What the bot sends, as intents every platform understands: a message to a person or a
//! channel, and the answer to what a person just did.
//!
//! The bot decides *what* a person sees; the adapter decides *how*: an [`Answer::Form`] is a
//! Slack modal, a Teams task module or a Discord modal, an [`Answer::UpdateClicked`] is a
//! `chat.update`, an activity update or an interaction's message update. The bot only asks
//! for what the request's [`Capabilities`](crate::core::invocation::Capabilities) allow, so an
//! adapter never has to invent a fallback.

use serde::{Deserialize, Serialize};

use crate::core::form::Form;
use crate::core::message::Message;

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Destination {
    /// A direct message to one person.
    Direct {
        /// Their platform user id.
        platform_user_id: String,
        /// Their name, for adapters that print it.
        display_name: String,
    },
    /// A channel, by name without `#`.
    Channel(String),
}

/// How the bot answers the person who did something, shown where they did it.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A message in reply (ephemeral unless the message says it is public).
    Reply(Message),
    /// The message the person clicked is updated to mark their choice, with this answer shown
    /// with it.
    UpdateClicked(Message),
    /// A form for the person to fill in.
    Form(Form),
    /// The person's home page, published where the platform keeps it.
    Home(Message),
    /// Nothing to show (the request only changed something, or was ignored on purpose).
    Nothing,
}

impl Answer {
    /// The answer's message, when it is one (for adapters falling back to a plain reply, and
    /// for tests).
    pub fn message(&self) -> Option<&Message> {
        match self {
            Answer::Reply(m) | Answer::UpdateClicked(m) | Answer::Home(m) => Some(m),
            Answer::Form(_) | Answer::Nothing => None,
        }
    }

    /// The answer flattened to text (logs, tests, text-only fallbacks).
    pub fn plain_text(&self) -> String {
        match self {
            Answer::Form(f) => f.title.clone(),
            other => other.message().map(Message::plain_text).unwrap_or_default(),
        }
    }
}
