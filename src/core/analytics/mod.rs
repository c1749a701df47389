//! Analytics: what the pulse, response and kudos history of a team says, beyond the raw numbers.
//!
//! [`drift`] decides whether a team's engagement score, a driver, its response rate or its
//! kudos activity has fallen against the team's own history by more than chance explains for a
//! team of its size. Everything here is a pure function of the history passed in.

pub mod drift;

pub use drift::{ChartParams, Decline, RateRound, RoundStat};
