//! Why a kudos was refused, as data; the bot renders each in the giver's language.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A refusal a person can act on. Nothing is stored when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KudosError {
    /// No `@mention` before the message.
    #[error("no recipients named")]
    NoRecipients,
    /// The giver named themselves.
    #[error("kudos to yourself")]
    SelfKudos,
    /// A mention that matches nobody in the directory.
    #[error("unknown person {handle}")]
    UnknownPerson {
        /// The mention as typed.
        handle: String,
    },
    /// A mention of someone who has left or been deactivated.
    #[error("{name} is not active")]
    InactivePerson {
        /// Their display name.
        name: String,
    },
    /// Only mentions and values, no words about what they did.
    #[error("no message")]
    MessageMissing,
    /// A message shorter than the configured minimum.
    #[error("message too short ({actual} < {min})")]
    MessageTooShort {
        /// The configured minimum, in characters.
        min: usize,
        /// What was typed, in characters.
        actual: usize,
    },
    /// A `#value` that is not one of the company's values.
    #[error("unknown value #{value}")]
    UnknownValue {
        /// The value as typed, without `#`.
        value: String,
        /// The values that exist.
        valid: Vec<String>,
    },
    /// The giver has used today's allowance.
    #[error("daily allowance used ({used}/{allowance}, asked {asked})")]
    AllowanceExhausted {
        /// Recipients allowed per day.
        allowance: u32,
        /// Recipients already thanked today.
        used: u32,
        /// Recipients in this kudos.
        asked: u32,
        /// When the allowance resets (the giver's next local midnight).
        resets_at: DateTime<Utc>,
        /// The giver's time zone, to show the reset time in it.
        tz: Tz,
    },
}
