//! The relay: one durable road in and out for every chat platform.
//!
//! Every request a platform sends is verified by its adapter, stored in the `inbox` and only
//! then acknowledged ([`intake`]); a worker per platform takes stored requests in order, one lane
//! per person, and processes each in one unit of work ([`inbox`]). Everything the bot sends is
//! rendered by the adapter into calls queued in the `outbox` in that same unit, and a delivery
//! worker per platform sends them at each org's pace, pausing an org when the platform answers
//! 429 and retrying 5xx answers and network errors with backoff ([`outbox`]).
//!
//! ```text
//!  platform ─▶ adapter edge ─▶ intake ─▶ inbox ─▶ inbox worker ─▶ Intake::prepare, Intake::apply ─▶ Bot
//!                                                     (one unit of work: effects + outbox rows + done)
//!  outbox ─▶ delivery worker ─▶ Courier::send ─▶ platform
//! ```
//!
//! An adapter plugs in with two traits: [`Intake`] (what its stored requests mean) and
//! [`Courier`] (how one queued call is made). Queues, leases, lanes, back-off, pacing and
//! retries live here once for every platform.
//!
//! **Exactly once, and the one gap.** A request's changes, the calls it queues and its done mark
//! commit together, so a request redone after a crash never gives kudos twice and never queues a
//! message twice. What remains is the instant between a platform accepting a call and the outbox
//! marking it sent: a crash exactly there sends that one call again when its lease expires,
//! since chat platforms offer no idempotency key for posting a message.

pub mod inbox;
pub mod intake;
pub mod outbox;

use std::time::Duration;

use async_trait::async_trait;

use crate::store::{InboxItem, OutboxItem, Store};

/// Why a call to a platform failed, sorted by what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The platform asked us to slow down: pause the org this long, then try again.
    RateLimited(Duration),
    /// Worth trying again later (a 5xx, a timeout, a dropped connection).
    Transient(String),
    /// Will never succeed as sent (an unknown channel, a rejected payload): set aside.
    Permanent(String),
    /// The org's credentials no longer work (uninstalled, revoked): set aside, forget them.
    Unauthorized(String),
}

/// What an adapter does with its stored requests.
#[async_trait]
pub trait Intake: Send + Sync + 'static {
    /// What [`Intake::prepare`] found out, handed to [`Intake::apply`] (a copy, since a unit
    /// that must be done again applies it a second time).
    type Prepared: Send + Sync + Clone;

    /// The platform whose rows this handles (`inbox.platform`).
    fn platform(&self) -> &'static str;

    /// Work that needs the network, done before the unit of work opens (a message's
    /// permalink, a newcomer's profile), so no transaction waits on a platform. It may run
    /// again if the request is redone, so it must not do what the request asks.
    async fn prepare(&self, item: &InboxItem) -> anyhow::Result<Self::Prepared>;

    /// Does what the request asks inside `unit`: the bot's changes and the calls of its
    /// answer, queued through `unit`. The relay marks the request done in the same unit; an
    /// error undoes everything this call did and the request is tried again later.
    async fn apply(
        &self,
        item: &InboxItem,
        prepared: Self::Prepared,
        unit: &Store,
    ) -> anyhow::Result<()>;

    /// Does what a held request asks ([`crate::store::NewInboxItem::held`]: its platform waits
    /// for the answer in the HTTP response, as Teams does for a card action), like
    /// [`Intake::apply`], and returns that answer as the response body. The answer is kept
    /// with the request in the same unit, so a redelivery gets it again. The default applies
    /// the request and answers nothing.
    async fn apply_answering(
        &self,
        item: &InboxItem,
        prepared: Self::Prepared,
        unit: &Store,
    ) -> anyhow::Result<Option<String>> {
        self.apply(item, prepared, unit).await.map(|()| None)
    }
}

/// How an adapter makes one queued call.
#[async_trait]
pub trait Courier: Send + Sync + 'static {
    /// The platform whose rows this sends (`outbox.platform`).
    fn platform(&self) -> &'static str;

    /// Calls per second to make to one org at most.
    fn calls_per_second(&self) -> u32;

    /// Makes the call; `Ok` only once the platform accepted it.
    async fn send(&self, item: &OutboxItem) -> Result<(), Failure>;

    /// The org's credentials were refused: forget any cached copy.
    async fn unauthorized(&self, org_key: &str) {
        let _ = org_key;
    }
}
