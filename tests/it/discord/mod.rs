//! Discord: a fake Discord (REST under `/api/v10`, the gateway WebSocket, and Discord's side of
//! HTTP interactions, signed with Ed25519), and tests proving it speaks the documented wire
//! formats, partly by pointing serenity, a client nobody on the team wrote, at it.

mod auth_flow;
mod digest_flow;
mod directory_flow;
#[allow(
    dead_code,
    unused_imports,
    reason = "shared by every Discord test; no single test uses all of it"
)]
pub mod fake;
mod fake_smoke;
mod flows;
mod gateway_flow;
#[allow(
    dead_code,
    reason = "shared by every Discord test; no single test uses all of it"
)]
mod harness;
mod kudos_flow;
mod narrative_flow;
mod pulse_flow;
mod rounds;
