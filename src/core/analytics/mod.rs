//! Survey analytics: what may be reported about groups of people, and what their history says.
//!
//! [`privacy`] decides which groups' results may be shown at all (the k rule, roll-up into the
//! parent, complement suppression). [`drift`] decides whether a team's engagement score, a
//! driver, its response rate or its kudos activity has fallen against the team's own history by
//! more than chance explains for a team of its size. Everything here is a pure function.

pub mod drift;
pub mod privacy;

pub use drift::{ChartParams, Decline, RateRound, RoundStat};
