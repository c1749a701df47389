//! Team results as managers see them: per round and team, with the k rule applied.
//!
//! [`TeamHistory`] is built from the totals stored when each round closed: departments add up
//! their subtree, [`crate::core::analytics::privacy::visible_groups`] decides which groups may
//! be shown (too-small teams roll up, complements are suppressed), and only shown groups get
//! numbers. Everything else in the digest (kudos, acknowledgement, comments) is assembled by
//! the bot around these figures.

pub mod action_plan;
pub mod own_teams;
pub mod teams;

pub use action_plan::{ACTION_PLAN_MAX_CHARS, ActionPlan, ActionPlanError};
pub use own_teams::{OWN_TEAM_WORTH, alert_recipient, own_teams};
pub use teams::{
    DepartmentNode, ORG, RoundTotals, TeamHistory, TeamRound, subtree, team_histories,
};
