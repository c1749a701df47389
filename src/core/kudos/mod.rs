//! Peer recognition: colleagues thank each other for customer-focused acts, tagged with values.
//!
//! [`parse`] reads `/kudos @a @b <what they did> #value`; [`rules`] decides whether it may be
//! given (no self-kudos, a real message, known values, a daily allowance that resets at the
//! giver's local midnight). The bot layer looks people up and stores the result.

pub mod error;
pub mod parse;
pub mod rules;

pub use error::KudosError;
pub use parse::{KudosRequest, parse_kudos};
pub use rules::{Allowance, KudosPolicy};
