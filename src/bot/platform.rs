//! The adapter contract, as the bot sees it: what a chat platform must do for the bot.
//!
//! An adapter turns what a person did into an [`Invocation`](crate::core::invocation::Invocation)
//! and shows the bot's [`Answer`](crate::core::outbound::Answer) its own way. In the other
//! direction, the bot hands it messages for people and channels, and the adapter renders them
//! into calls for the relay's outbox, without sending anything: the calls are written in the
//! same unit of work as whatever caused them and sent by the relay after it commits.
//!
//! ```text
//!  person ──▶ adapter ──Invocation──▶ Bot ──Answer──▶ adapter ──▶ outbox ──▶ relay ──▶ person
//!                                      └──Destination + Message──▶ ChatPlatform::render ─┘
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::core::directory::Org;
use crate::core::invocation::{Capabilities, PlatformKind};
use crate::core::message::Message;
use crate::core::outbound::Destination;
use crate::store::NewOutbound;

/// One chat platform, as the bot sees it.
pub trait ChatPlatform: Send + Sync {
    /// Which platform this is; orgs are matched to adapters by it.
    fn kind(&self) -> PlatformKind;

    /// The most this platform can show a person beyond plain messages (a request may allow
    /// less; see [`Capabilities`]).
    fn capabilities(&self) -> Capabilities;

    /// Turns a mention as it appears in command text (`@ana` in the console, `<@U123>` on
    /// Slack) into the person's platform user id; `None` when the token is not a mention.
    fn parse_mention(&self, token: &str) -> Option<String>;

    /// The calls that deliver `message` to a person or a channel of `org`, to be queued in the
    /// outbox at `at` (nothing is sent here).
    fn render(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
        at: DateTime<Utc>,
    ) -> Vec<NewOutbound>;
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

    /// The adapter for a platform.
    pub fn get(&self, kind: PlatformKind) -> Option<&Arc<dyn ChatPlatform>> {
        self.by_kind.get(&kind)
    }

    /// The adapter for a platform named as stored in `orgs.platform`.
    pub fn named(&self, name: &str) -> Option<&Arc<dyn ChatPlatform>> {
        self.by_kind
            .iter()
            .find(|(k, _)| k.as_str() == name)
            .map(|(_, p)| p)
    }

    /// The adapter an org lives on.
    pub fn for_org(&self, org: &Org) -> Option<&Arc<dyn ChatPlatform>> {
        self.named(&org.platform)
    }

    /// The platforms running, e.g. for the scheduler to claim only their jobs.
    pub fn kinds(&self) -> Vec<PlatformKind> {
        let mut kinds: Vec<_> = self.by_kind.keys().copied().collect();
        kinds.sort();
        kinds
    }

    /// Whether no platform is configured.
    pub fn is_empty(&self) -> bool {
        self.by_kind.is_empty()
    }
}
