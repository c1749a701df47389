//! Microsoft Teams: a fake Bot Framework (login, token endpoint and Bot Connector) that also
//! plays the Teams client, and tests proving it speaks the documented wire formats.

mod auth_flow;
mod channel_flow;
mod digest_flow;
mod directory_flow;
#[allow(
    dead_code,
    reason = "shared by every Teams test; no single test uses all of it"
)]
pub mod fake;
mod fake_smoke;
mod flows;
#[allow(
    dead_code,
    reason = "shared by every Teams test; no single test uses all of it"
)]
mod harness;
mod install_flow;
mod kudos_flow;
mod membership_flow;
mod outbox_flow;
mod pulse_flow;
mod redelivery_flow;
mod restart_flow;
mod rounds;
