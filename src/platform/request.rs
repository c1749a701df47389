//! What every adapter's processing of one stored request shares: the bot inside the request's
//! unit of work, the org it came from, and whether the relay will try it again.
//!
//! An adapter's own `Scope` holds one of these next to the adapter (and dereferences to it),
//! so asking the bot, naming the request for idempotency and queueing the answer's calls are
//! written once for every platform.

use std::sync::Arc;

use crate::bot::Bot;
use crate::core::invocation::{Capabilities, Input, Invocation, PlatformKind};
use crate::core::outbound::Answer;
use crate::store::{InboxItem, NewOutbound, Store};

/// One stored request being processed.
pub struct RequestScope<'a> {
    /// The platform it came from.
    pub platform: PlatformKind,
    /// The org's platform id (a Slack team, a Teams tenant, a Discord guild).
    pub org_key: String,
    /// The bot, over the request's unit of work.
    pub bot: Bot,
    /// The unit of work: the request's changes, its queued calls and its done mark commit
    /// together.
    pub unit: &'a Store,
    /// Whether the relay will not try this request again.
    pub last_attempt: bool,
}

impl<'a> RequestScope<'a> {
    /// The request `item` of `platform`, processed by `bot` inside `unit`.
    pub fn new(platform: PlatformKind, item: &InboxItem, bot: &Bot, unit: &'a Store) -> Self {
        RequestScope {
            platform,
            org_key: item.org_key.clone(),
            bot: bot.within(Arc::new(unit.clone())),
            unit,
            last_attempt: crate::relay::inbox::is_last_attempt(item),
        }
    }

    /// What the bot is asked by `actor`; `request` is the platform's own id for what they did
    /// (an event id, an activity id, an interaction id), so work redone after a crash does
    /// not, say, give kudos twice.
    pub fn invocation(
        &self,
        actor: &str,
        input: Input,
        request: Option<&str>,
        capabilities: Capabilities,
    ) -> Invocation {
        Invocation {
            platform: self.platform,
            platform_org_id: self.org_key.clone(),
            actor: actor.to_string(),
            input,
            request_id: request.map(|r| format!("{}:{}:{r}", self.platform, self.org_key)),
            capabilities,
        }
    }

    /// The bot's answer; a passing failure is an error (the relay retries the request later)
    /// except on the last attempt, when the person is told nothing was changed.
    pub async fn answer(&self, invocation: Invocation) -> anyhow::Result<Answer> {
        self.bot.answer_stored(invocation, self.last_attempt).await
    }

    /// Queues calls in the request's unit of work.
    pub async fn queue(&self, calls: Vec<NewOutbound>) -> anyhow::Result<()> {
        if !calls.is_empty() {
            self.unit.queue_outbound(&calls).await?;
        }
        Ok(())
    }
}
