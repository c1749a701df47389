//! Slack: a fake Slack server, the payloads and signatures Slack sends, and tests proving both
//! speak what slack-morphism expects.

mod corpus;
mod delivery_flow;
mod digest_flow;
#[allow(
    dead_code,
    reason = "shared by every Slack test; no single test uses all of it"
)]
pub mod fake;
mod fake_smoke;
#[allow(
    dead_code,
    reason = "shared by every Slack test; no single test uses all of it"
)]
pub mod harness;
mod interactions_flow;
mod kudos_flow;
mod manifest;
#[allow(
    dead_code,
    reason = "shared by every Slack test; no single test uses all of it"
)]
pub mod payloads;
mod replicas;
mod shown_flow;
#[allow(
    dead_code,
    reason = "shared by every Slack test; no single test uses all of it"
)]
pub mod signing;
mod socket_mode_flow;
