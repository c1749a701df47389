//! Chat platforms: one folder per platform, registered in one place ([`configured`]).
//!
//! An adapter is what a platform needs and nothing else: verifying and decoding what the
//! platform sends, rendering what the bot says, making the platform's calls, installing, and
//! its directory. Everything shared lives below it: the bot's contract
//! ([`crate::bot::ChatPlatform`]: deliver, and the capabilities to update a pressed message, open
//! a form and publish a home page) and the relay ([`crate::relay`]: the inbox, the outbox and
//! their workers). The server ([`crate::app`]) runs whatever [`Adapter`]s are configured.
//!
//! ```text
//!  person ──▶ adapter edge ──▶ relay inbox ──▶ adapter Intake ──Invocation──▶ Bot
//!  Bot ──Message──▶ adapter render ──▶ relay outbox ──▶ adapter Courier ──▶ person / channel
//! ```
//!
//! Adding a platform is a new folder here that implements [`Adapter`] and one line in
//! [`configured`].

pub mod console;
pub mod discord;
pub mod request;
pub mod slack;
pub mod teams;

use std::sync::Arc;

use async_trait::async_trait;
use futures_util::future::BoxFuture;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::bot::{Bot, ChatPlatform};
use crate::config::Config;
use crate::core::clock::Clock;
use crate::relay::intake::InboxWriter;
use crate::store::Store;

/// What the server hands an adapter when it starts it.
pub struct Launch {
    /// The bot, over the pool.
    pub bot: Bot,
    /// The store, for the relay's workers.
    pub store: Store,
    /// The clock everything reads.
    pub clock: Arc<dyn Clock>,
    /// The inbox writer every adapter's edge stores through.
    pub writer: InboxWriter,
    /// Turns true when the server stops.
    pub stop: watch::Receiver<bool>,
}

/// What an adapter started: its HTTP routes, its background tasks, and what to do at stop.
#[derive(Default)]
pub struct Running {
    /// Routes merged into the server.
    pub routes: Option<axum::Router>,
    /// Tasks that end once `stop` turns true; the server waits for them.
    pub tasks: Vec<JoinHandle<()>>,
    /// Run at stop, after the HTTP server has finished (closing a socket, say).
    pub on_stop: Vec<BoxFuture<'static, ()>>,
}

/// A chat platform as the server runs it.
#[async_trait]
pub trait Adapter: Send + Sync {
    /// The adapter as the bot sees it.
    fn chat(&self) -> Arc<dyn ChatPlatform>;

    /// Reaches the platform before the server starts serving (learning the workspace the
    /// configured token belongs to, filling the directory); fails with a message naming what
    /// to fix.
    async fn open(&self) -> anyhow::Result<()> {
        Ok(())
    }

    /// Starts the adapter's relay workers and anything else it runs, and returns its routes.
    async fn start(&self, launch: Launch) -> anyhow::Result<Running>;
}

/// Builds an adapter when the configuration switches it on (see [`Registration::build`]).
pub type Build = fn(&Config, &Store, &Arc<dyn Clock>) -> anyhow::Result<Option<Arc<dyn Adapter>>>;

/// How the server finds an adapter: checking its configuration, and building it when the
/// configuration switches it on.
pub struct Registration {
    /// The configuration section the adapter reads (`slack` for `[slack]`).
    pub section: &'static str,
    /// Reads and checks the adapter's section and environment, naming the key to fix; used at
    /// start-up by every command, so a mistake is caught before anything runs.
    pub check: fn(&Config) -> Result<(), crate::config::ConfigError>,
    /// The adapter, when the configuration switches it on; `None` otherwise.
    pub build: Build,
}

/// Every adapter there is. This is the one place adapters are registered: one line each.
const ADAPTERS: &[Registration] = &[
    slack::REGISTRATION,
    teams::REGISTRATION,
    discord::REGISTRATION,
];

/// Checks every adapter's configuration (see [`Registration::check`]), and that no section is
/// one nobody reads.
pub fn check(config: &Config) -> Result<(), crate::config::ConfigError> {
    let sections: Vec<&str> = ADAPTERS.iter().map(|a| a.section).collect();
    config.check_sections(&sections)?;
    ADAPTERS.iter().try_for_each(|a| (a.check)(config))
}

/// Every adapter the configuration and environment switch on.
pub fn configured(
    config: &Config,
    store: &Store,
    clock: &Arc<dyn Clock>,
) -> anyhow::Result<Vec<Arc<dyn Adapter>>> {
    let mut adapters = Vec::new();
    for registration in ADAPTERS {
        adapters.extend((registration.build)(config, store, clock)?);
    }
    Ok(adapters)
}

/// Runs `refresh` for every org of `platform` on `schedule` (in the first org's time zone)
/// until `stop` turns true: the daily directory refresh of every adapter, so one org that fails
/// is logged and the others still run.
pub async fn run_daily<F, Fut>(
    store: Store,
    platform: &'static str,
    schedule: crate::core::schedule::CronSchedule,
    mut stop: watch::Receiver<bool>,
    refresh: F,
) where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    use crate::store::prelude::*;
    loop {
        let now = chrono::Utc::now();
        let orgs = store.orgs().await.unwrap_or_default();
        let tz = orgs.first().map(|o| o.timezone).unwrap_or(chrono_tz::UTC);
        let Some(next) = schedule.next_after(now, tz) else {
            return;
        };
        let wait = (next - now).to_std().unwrap_or_default();
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => return,
        }
        for org in orgs.into_iter().filter(|o| o.platform == platform) {
            let id = org.platform_org_id;
            if let Err(e) = refresh(id.clone()).await {
                tracing::warn!(platform, org = id, error = %e, "daily directory refresh failed");
            }
        }
    }
}
