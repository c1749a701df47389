//! The pure heart of ambassador: decisions about people, recognition and the customer narrative.
//!
//! Nothing in here performs I/O or knows a chat platform or a database: time comes from a
//! [`clock::Clock`], data comes in as arguments, and results go out as values. That keeps every
//! rule testable in microseconds and lets each adapter (console, Slack, Teams, Discord) reuse it.
//! An architecture test fails if a file under `src/core/` names a database or HTTP crate.

pub mod analytics;
pub mod clock;
pub mod command;
pub mod digest;
pub mod directory;
pub mod form;
pub mod ids;
pub mod invocation;
pub mod kudos;
pub mod locale;
pub mod message;
pub mod narrative;
pub mod outbound;
pub mod paging;
pub mod pulse;
pub mod schedule;
pub mod web;
