//! The delivery worker: sends a platform's queued calls, one org at a time at its own pace.
//!
//! Each org gets a steady pace ([`Courier::calls_per_second`]). A 429 pauses the whole org in
//! the database for as long as the platform's retry hint says, so every replica waits; 5xx
//! answers and network errors are retried with exponential backoff; calls that can never
//! succeed are set aside with their reason. A call is marked sent only after the platform
//! accepted it, so a restart resends nothing that was confirmed and loses nothing that was
//! queued. Calls someone is waiting for (a reply, a form) go before bulk messages.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::watch;

use super::{Courier, Failure};
use crate::core::clock::Clock;
use crate::store::{OutboxItem, Store};

/// Calls claimed per pass, at most.
const BATCH: i64 = 200;
/// How long a claimed call stays this worker's before another may take it over. Short, because
/// it is also how long the calls a dead worker had claimed wait before another sends them.
pub const LEASE_SECONDS: i64 = 60;
/// Seconds of sending at the org's pace a pass claims at most, well inside the lease.
const CLAIM_SECONDS: i64 = 20;
/// Attempts before a transiently failing call is given up.
const MAX_ATTEMPTS: i64 = 8;
/// Used when a platform answers 429 without saying how long to wait.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Runs until `stop` turns true, woken whenever a unit of work commits new calls.
pub async fn run<C: Courier>(
    courier: Arc<C>,
    store: Store,
    clock: Arc<dyn Clock>,
    mut stop: watch::Receiver<bool>,
) {
    let mut committed = crate::store::unit::outbox_committed();
    let mut pacer = Pacer::new(courier.calls_per_second());
    loop {
        if *stop.borrow() {
            return;
        }
        committed.borrow_and_update();
        let sent = match deliver_due(&courier, &store, &clock, &mut pacer, &stop).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(platform = courier.platform(), error = %e, "the delivery queue could not be read");
                0
            }
        };
        if sent > 0 {
            continue;
        }
        let wait = next_wait(courier.platform(), &store, clock.as_ref()).await;
        tokio::select! {
            _ = committed.changed() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Sends every call of the courier's platform due now; returns how many were handled. Once
/// `stop` turns true, the calls not yet sent are released for the next worker instead of being
/// sent at the pace.
pub async fn deliver_due<C: Courier>(
    courier: &Arc<C>,
    store: &Store,
    clock: &Arc<dyn Clock>,
    pacer: &mut Pacer,
    stop: &watch::Receiver<bool>,
) -> anyhow::Result<usize> {
    let limit = BATCH.min(
        i64::from(courier.calls_per_second())
            .saturating_mul(CLAIM_SECONDS)
            .max(1),
    );
    let items = store
        .claim_outbox(
            courier.platform(),
            clock.now(),
            chrono::Duration::seconds(LEASE_SECONDS),
            limit,
        )
        .await?;
    let count = items.len();
    let mut by_org: BTreeMap<String, Vec<OutboxItem>> = BTreeMap::new();
    for item in items {
        by_org.entry(item.org_key.clone()).or_default().push(item);
    }
    let mut tasks = Vec::new();
    for (org, items) in by_org {
        let courier = courier.clone();
        let store = store.clone();
        let interval = pacer.interval;
        let next = pacer.next_slot(&org);
        let stop = stop.clone();
        let clock = clock.clone();
        tasks.push(tokio::spawn(async move {
            let next = deliver_org(
                courier.as_ref(),
                &store,
                &org,
                items,
                interval,
                next,
                &stop,
                clock.as_ref(),
            )
            .await;
            (org, next)
        }));
    }
    for task in tasks {
        if let Ok((org, next)) = task.await {
            pacer.slots.insert(org, next);
        }
    }
    Ok(count)
}

/// Sends one org's claimed calls at its pace; returns when its next call may go.
#[allow(clippy::too_many_arguments)]
async fn deliver_org<C: Courier + ?Sized>(
    courier: &C,
    store: &Store,
    org: &str,
    items: Vec<OutboxItem>,
    interval: Duration,
    mut next_slot: Instant,
    stop: &watch::Receiver<bool>,
    clock: &dyn Clock,
) -> Instant {
    let now = || clock.now();
    let platform = courier.platform();
    let mut held_back: Vec<i64> = Vec::new();
    let mut paused = false;
    for item in items {
        if *stop.borrow() || paused {
            // Stopping (a paced batch could outlast any grace period), or the org was paused
            // by a 429: leave the rest, unsent and unclaimed, for later rather than for the
            // lease's expiry.
            held_back.push(item.id);
            continue;
        }
        let wait = next_slot.saturating_duration_since(Instant::now());
        if !wait.is_zero() {
            let mut stop = stop.clone();
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.wait_for(|s| *s) => {}
            }
            if *stop.borrow() {
                held_back.push(item.id);
                continue;
            }
        }
        next_slot = Instant::now() + interval;
        let result = courier.send(&item).await;
        let outcome = match result {
            Ok(()) => {
                metrics::counter!("ambassador_messages_sent_total", "platform" => platform)
                    .increment(1);
                record_sent(store, item.id, clock).await
            }
            Err(Failure::RateLimited(wait)) => {
                metrics::counter!("ambassador_rate_limited_total", "platform" => platform)
                    .increment(1);
                tracing::info!(
                    platform,
                    org,
                    seconds = wait.as_secs_f64(),
                    "the platform asked us to slow down"
                );
                paused = true;
                let until = now()
                    + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::seconds(30));
                let paused = store.pause_org(platform, org, until).await;
                let retried = store.outbox_retry(item.id, "rate limited", until).await;
                paused.and(retried)
            }
            Err(Failure::Transient(why)) if item.attempts < MAX_ATTEMPTS => {
                tracing::warn!(
                    platform,
                    org,
                    method = item.method,
                    attempt = item.attempts,
                    error = why,
                    "a call failed; it will be retried"
                );
                store
                    .outbox_retry(item.id, &why, now() + backoff(item.attempts))
                    .await
            }
            Err(Failure::Unauthorized(why)) => {
                tracing::warn!(
                    platform,
                    org,
                    error = why,
                    "the org's credentials no longer work"
                );
                courier.unauthorized(org).await;
                metrics::counter!("ambassador_delivery_failures_total", "platform" => platform)
                    .increment(1);
                store.outbox_give_up(item.id, &why, now()).await
            }
            Err(Failure::Transient(why)) | Err(Failure::Permanent(why)) => {
                tracing::warn!(
                    platform,
                    org,
                    method = item.method,
                    error = why,
                    "a call was given up"
                );
                metrics::counter!("ambassador_delivery_failures_total", "platform" => platform)
                    .increment(1);
                store.outbox_give_up(item.id, &why, now()).await
            }
        };
        if let Err(e) = outcome {
            tracing::warn!(error = %e, "could not record a delivery's outcome");
        }
    }
    if let Err(e) = store.outbox_release(&held_back).await {
        tracing::warn!(error = %e, "could not release held-back calls; their lease will");
    }
    next_slot
}

/// Records that the platform accepted a call, trying again while the database is away (a
/// restart, a dropped connection): a call whose mark failed would otherwise be sent again when
/// its lease runs out, although this process knows it went out.
async fn record_sent(store: &Store, id: i64, clock: &dyn Clock) -> crate::store::StoreResult<()> {
    let deadline = Instant::now() + Duration::from_secs((LEASE_SECONDS / 2) as u64);
    let mut wait = Duration::from_millis(100);
    loop {
        match store.outbox_sent(&[id], clock.now()).await {
            Ok(()) => return Ok(()),
            Err(e) if Instant::now() + wait < deadline => {
                tracing::warn!(error = %e, "could not mark a sent call; trying again");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The delay before the next try of a call that failed `attempts` times.
fn backoff(attempts: i64) -> chrono::Duration {
    let seconds = 2i64.saturating_pow(attempts.clamp(0, 8) as u32).min(300);
    chrono::Duration::seconds(seconds)
}

/// How long to sleep when nothing was due.
async fn next_wait(platform: &str, store: &Store, clock: &dyn Clock) -> Duration {
    match store.next_outbox_due(platform).await {
        Ok(Some(at)) => (at - clock.now())
            .to_std()
            .unwrap_or(Duration::ZERO)
            .clamp(Duration::from_millis(20), Duration::from_secs(1)),
        _ => Duration::from_secs(1),
    }
}

/// Paces each org's calls.
pub struct Pacer {
    interval: Duration,
    slots: HashMap<String, Instant>,
}

impl Pacer {
    /// A pace of `per_second` calls per org.
    pub fn new(per_second: u32) -> Pacer {
        Pacer {
            interval: Duration::from_secs_f64(1.0 / f64::from(per_second.max(1))),
            slots: HashMap::new(),
        }
    }

    fn next_slot(&self, org: &str) -> Instant {
        self.slots.get(org).copied().unwrap_or_else(Instant::now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stops_at_five_minutes() {
        assert_eq!(backoff(1), chrono::Duration::seconds(2));
        assert_eq!(backoff(3), chrono::Duration::seconds(8));
        assert_eq!(backoff(20), chrono::Duration::seconds(256));
        assert!(backoff(8) <= chrono::Duration::seconds(300));
    }
}
