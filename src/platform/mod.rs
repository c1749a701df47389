//! Chat platforms: one adapter per platform behind [`ChatPlatform`].
//!
//! An adapter does three things: turns what a person did on its platform into an
//! [`Invocation`](crate::core::invocation::Invocation) for the bot, renders the bot's
//! platform-neutral [`Message`]s in its own format (escaping every literal string, so user text
//! can never become markup or a mention), and delivers them. The bot never sees a platform type.
//!
//! ```text
//!  person ──▶ adapter ──Invocation──▶ Bot ──Message──▶ adapter.send() ──▶ person / channel
//! ```
//!
//! This release ships the console adapter; Slack, Teams and Discord follow the same trait.

pub mod console;
pub mod slack;

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;

use crate::core::directory::Org;
use crate::core::invocation::PlatformKind;
use crate::core::message::Message;

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Destination {
    /// A direct message to one person.
    Direct {
        /// Their platform user id.
        platform_user_id: String,
        /// Their name, for adapters that print it.
        display_name: String,
    },
    /// A channel, by name without `#`.
    Channel(String),
}

/// Why a delivery failed; the scheduler retries transient ones.
#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    /// The platform could not be reached or answered with an error; worth retrying.
    #[error("the chat platform did not accept the message: {0}")]
    Unavailable(String),
    /// The destination does not exist or the bot may not post there; retrying will not help.
    #[error("cannot deliver to {0}")]
    Undeliverable(String),
}

/// One chat platform, as the bot sees it.
#[async_trait]
pub trait ChatPlatform: Send + Sync {
    /// Which platform this is; orgs are matched to adapters by it.
    fn kind(&self) -> PlatformKind;

    /// Turns a mention as it appears in command text (`@ana` in the console, `<@U123>` on
    /// Slack) into the person's platform user id; `None` when the token is not a mention.
    fn parse_mention(&self, token: &str) -> Option<String>;

    /// Delivers a message to a person or a channel of `org`.
    async fn send(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
    ) -> Result<(), PlatformError>;
}

/// The adapters a process runs, by platform.
#[derive(Clone, Default)]
pub struct Platforms {
    by_kind: HashMap<PlatformKind, Arc<dyn ChatPlatform>>,
}

impl std::fmt::Debug for Platforms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.by_kind.keys().map(|k| k.as_str()))
            .finish()
    }
}

impl Platforms {
    /// Adds an adapter.
    pub fn with(mut self, platform: Arc<dyn ChatPlatform>) -> Self {
        self.by_kind.insert(platform.kind(), platform);
        self
    }

    /// The adapter for an org's platform.
    pub fn get(&self, kind: PlatformKind) -> Option<&Arc<dyn ChatPlatform>> {
        self.by_kind.get(&kind)
    }

    /// The adapter for a platform named as stored in `orgs.platform`.
    pub fn for_org(&self, org: &Org) -> Option<&Arc<dyn ChatPlatform>> {
        PlatformKind::parse(&org.platform).and_then(|k| self.get(k))
    }

    /// The platforms running, e.g. for the scheduler to claim only their jobs.
    pub fn kinds(&self) -> Vec<PlatformKind> {
        self.by_kind.keys().copied().collect()
    }

    /// Whether no platform is configured.
    pub fn is_empty(&self) -> bool {
        self.by_kind.is_empty()
    }
}
