//! ambassador: a chat bot that turns employee engagement into customer advocacy.
//!
//! A map of the crate, from the pure centre outwards (ports and adapters):
//!
//! - [`core`]: the rules (directory, kudos, narrative, schedules) and the platform-neutral
//!   message model. No I/O; time comes from a [`core::clock::Clock`].
//! - [`store`]: persistence over sqlx, one implementation for SQLite and PostgreSQL.
//! - [`platform`]: one adapter per chat platform behind [`platform::ChatPlatform`].
//! - [`bot`]: the use cases that join the core, the store and the platforms.
//! - [`chart`]: the digest's engagement chart as PNG bytes (an outer adapter; `core` never uses it).
//! - [`scheduler`]: durable jobs (narrative moments; later pulse rounds and digests).
//! - [`http`]: the axum server (health, readiness, metrics, platform webhooks).
//! - [`web`]: the dashboard for managers and admins, signed in from chat.
//! - [`config`], [`i18n`], [`telemetry`], [`app`]: settings, languages, logs and wiring.

pub mod app;
pub mod bot;
/// The manager digest's engagement chart, drawn as PNG bytes with an embedded font.
pub mod chart;
pub mod config;
pub mod core;
pub mod demo;
pub mod http;
pub mod i18n;
pub mod platform;
pub mod relay;
pub mod scheduler;
pub mod store;
pub mod telemetry;
pub mod web;
