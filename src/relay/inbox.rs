//! The inbox worker: turns a platform's stored requests into the bot's work, each committed once.
//!
//! Requests are claimed in arrival order with a lease, split into lanes (one per person, or per
//! org for requests no person made) and processed lane by lane: a lane's requests are prepared
//! (network lookups, outside any transaction), then applied in one unit of work, each inside its
//! own savepoint, and marked done in that same unit. A request whose apply fails is undone alone
//! and tried again later with a growing delay; a worker that dies leaves its lease to expire and
//! another worker (or the restarted process) takes the requests over, finding nothing of their
//! work committed. The platform never waits on this: it was acknowledged when it was stored.

use std::sync::Arc;
use std::time::Instant;

use chrono::Duration;
use futures_util::StreamExt;
use tokio::sync::watch;

use super::Intake;
use crate::core::clock::Clock;
use crate::store::{InboxItem, Store};

/// Requests claimed per pass.
const BATCH: i64 = 256;
/// A claimed request is taken over by another worker after this long.
pub const LEASE_SECONDS: i64 = 60;
/// Attempts before a request that keeps failing is set aside.
pub const MAX_ATTEMPTS: i64 = 5;

/// Whether this is a stored request's last try: an adapter then answers the person even for a
/// failure that could pass (see [`crate::bot::Bot::handle_or_retry`]), rather than leave them
/// without an answer.
pub fn is_last_attempt(item: &InboxItem) -> bool {
    item.attempts >= MAX_ATTEMPTS
}

/// Units of work running at once while intake is quiet, on PostgreSQL (each takes whole lanes;
/// twelve measured faster than eight in `benches/slack_load.rs`, within the default pool).
const LANES: usize = 12;
/// Requests per unit of work while intake is quiet: one commit for many requests.
const QUIET_UNIT: usize = 64;
/// Requests per unit of work during a burst: short transactions, so the acknowledgements, which
/// the platform needs within seconds, never wait long for SQLite's write lock.
const BUSY_UNIT: usize = 1;
/// Requests claimed per pass during a burst: a short claim for the same reason.
const BUSY_CLAIM: i64 = 32;
/// The pause after each pass during a burst. Processing in the gaps between acknowledgements
/// still costs them the write lock and CPU, and each pass's claim costs PostgreSQL a scan
/// (on two cores, 1,000 requests a second processed during a burst, or claims every 25 ms,
/// cut acknowledgements by a third in `benches/slack_load.rs`). So during a burst the worker
/// keeps a trickle going (`BUSY_CLAIM` per pause, about 300 a second) and catches up at full
/// speed once the burst passes.
const BUSY_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

/// Stored requests per second above which intake counts as busy: the worker then runs one
/// lane of short units, leaving the CPU and the database's write lock to the acknowledgements.
/// What it defers is stored and is processed as soon as the burst passes (one lane still makes
/// progress meanwhile).
const BUSY_INTAKE_PER_SECOND: f64 = 1_000.0;

/// How often the intake rate is re-measured.
const GAUGE_WINDOW: std::time::Duration = std::time::Duration::from_millis(250);

/// How the worker works through a claimed batch: how many units of work at once, and how many
/// requests each commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// Units of work running at once; a claimed batch's lanes are shared out among them.
    pub lanes: usize,
    /// Requests committed per unit of work.
    pub unit: usize,
    /// Requests claimed per pass.
    pub claim: i64,
}

impl Pace {
    /// While intake is quiet.
    pub const QUIET: Pace = Pace {
        lanes: LANES,
        unit: QUIET_UNIT,
        claim: BATCH,
    };
    /// While intake is quiet, on a database that lets one transaction write at a time (SQLite):
    /// several units at once would only queue for the write lock, so the batch's units run one
    /// after another, each next unit's network lookups done while the one before it applies.
    pub const QUIET_SINGLE_WRITER: Pace = Pace {
        lanes: 1,
        unit: QUIET_UNIT,
        claim: BATCH,
    };
    /// During a burst.
    pub const BUSY: Pace = Pace {
        lanes: 1,
        unit: BUSY_UNIT,
        claim: BUSY_CLAIM,
    };

    /// The quiet pace for `store`'s database.
    pub fn quiet_for(store: &Store) -> Pace {
        if store.is_postgres() {
            Pace::QUIET
        } else {
            Pace::QUIET_SINGLE_WRITER
        }
    }
}

/// Requests prepared side by side before a unit of work opens (their network lookups overlap).
const PREPARE_AT_ONCE: usize = 16;

/// Runs until `stop` turns true, woken whenever the intake stores something.
pub async fn run<I: Intake>(
    intake: Arc<I>,
    store: Store,
    clock: Arc<dyn Clock>,
    mut stored: watch::Receiver<u64>,
    mut stop: watch::Receiver<bool>,
) {
    let mut gauge = IntakeGauge::new(*stored.borrow(), Instant::now());
    let quiet = Pace::quiet_for(&store);
    loop {
        if *stop.borrow() {
            return;
        }
        let pace = gauge.pace(*stored.borrow_and_update(), Instant::now(), quiet);
        let handled = match process_due(intake.as_ref(), &store, clock.as_ref(), pace).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(
                    platform = intake.platform(),
                    error = format!("{e:#}"),
                    "the inbox could not be processed"
                );
                0
            }
        };
        if handled > 0 && pace == Pace::BUSY {
            // A trickle during a burst: the writer and the CPU are the acknowledgements'.
            tokio::select! {
                _ = tokio::time::sleep(BUSY_PAUSE) => {}
                _ = stop.changed() => {}
            }
            continue;
        }
        if handled > 0 {
            continue;
        }
        tokio::select! {
            _ = stored.changed() => {}
            _ = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Processes every stored request of the intake's platform due now; returns how many were
/// claimed.
pub async fn process_due<I: Intake>(
    intake: &I,
    store: &Store,
    clock: &dyn Clock,
    pace: Pace,
) -> anyhow::Result<usize> {
    let items = store
        .claim_inbox(
            intake.platform(),
            clock.now(),
            Duration::seconds(LEASE_SECONDS),
            pace.claim,
        )
        .await?;
    let count = items.len();
    let failure = std::sync::Mutex::new(None);
    let first_failure = &failure;
    futures_util::stream::iter(share_out(by_lane(items), pace.lanes.max(1)))
        .for_each_concurrent(pace.lanes.max(1), |group| async move {
            let chunks: Vec<&[InboxItem]> = group.chunks(pace.unit.max(1)).collect();
            let mut prepared = match chunks.first() {
                Some(first) => prepare_all(intake, first).await,
                None => return,
            };
            for (k, chunk) in chunks.iter().enumerate() {
                // The next unit's network lookups overlap this unit's transaction.
                let next = chunks.get(k + 1);
                let (applied, next_prepared) = futures_util::join!(
                    apply_unit(intake, store, clock, chunk, std::mem::take(&mut prepared)),
                    async {
                        match next {
                            Some(next) => prepare_all(intake, next).await,
                            None => Vec::new(),
                        }
                    }
                );
                if let Err(e) = applied {
                    // The rest of this group stays claimed; its leases expire and it is retried.
                    if let Ok(mut first) = first_failure.lock() {
                        first.get_or_insert(e);
                    }
                    return;
                }
                prepared = next_prepared;
            }
        })
        .await;
    match failure.into_inner().ok().flatten() {
        Some(e) => Err(e),
        None => Ok(count),
    }
}

/// What became of a held request the edge processed while its platform waited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answered {
    /// Processed now (or earlier, for a redelivery), with the answer kept for it, if any.
    Done(Option<String>),
    /// Not processed now: it failed and the inbox worker tries it again later, or another
    /// edge is still processing the same request. The platform gets a holding answer; the
    /// outcome reaches the person as a message.
    Later,
}

/// How often a redelivered held request looks for its first delivery's answer.
const ANSWER_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// Processes a held request right away, for an edge whose platform waits for the answer in
/// the HTTP response (see [`crate::store::NewInboxItem::held`]): prepared, applied and marked
/// done in one unit of work together with its answer. A redelivery of a request already taken
/// waits up to `wait` for the first delivery's answer rather than processing it twice. A
/// failure leaves the request to the inbox worker, which applies it the usual way.
pub async fn answer_now<I: Intake>(
    intake: &I,
    store: &Store,
    clock: &dyn Clock,
    org_key: &str,
    dedupe_key: &str,
    wait: std::time::Duration,
) -> anyhow::Result<Answered> {
    let platform = intake.platform();
    let claimed = store
        .claim_held_inbox(
            platform,
            org_key,
            dedupe_key,
            clock.now(),
            Duration::seconds(LEASE_SECONDS),
        )
        .await?;
    let Some(item) = claimed else {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(answer) = store.inbox_answer(platform, org_key, dedupe_key).await? {
                return Ok(Answered::Done(answer));
            }
            if Instant::now() >= deadline {
                return Ok(Answered::Later);
            }
            tokio::time::sleep(ANSWER_POLL).await;
        }
    };
    let outcome = async {
        let prepared = intake.prepare(&item).await?;
        let unit = store.begin().await?;
        match intake.apply_answering(&item, prepared, &unit).await {
            Ok(answer) => {
                if let Some(answer) = &answer {
                    unit.keep_inbox_answer(item.id, answer).await?;
                }
                unit.finish_inbox(&[item.id], clock.now()).await?;
                unit.commit().await?;
                Ok(answer)
            }
            Err(e) => {
                let _ = unit.rollback().await;
                Err(e)
            }
        }
    }
    .await;
    match outcome {
        Ok(answer) => {
            metrics::counter!("ambassador_requests_processed_total", "platform" => platform)
                .increment(1);
            Ok(Answered::Done(answer))
        }
        Err(e) => {
            let error = format!("{e:#}");
            tracing::warn!(
                platform,
                error,
                "a request answered in place failed; the inbox worker tries it again"
            );
            store
                .fail_inbox(
                    item.id,
                    &error,
                    Some(clock.now() + Duration::seconds(1)),
                    clock.now(),
                )
                .await?;
            Ok(Answered::Later)
        }
    }
}

/// Prepares requests (their network lookups), a few side by side.
async fn prepare_all<I: Intake>(
    intake: &I,
    items: &[InboxItem],
) -> Vec<anyhow::Result<I::Prepared>> {
    let mut prepared = Vec::with_capacity(items.len());
    for some in items.chunks(PREPARE_AT_ONCE) {
        prepared
            .extend(futures_util::future::join_all(some.iter().map(|i| intake.prepare(i))).await);
    }
    prepared
}

/// Applies prepared requests in one unit of work and marks them done in the same unit.
///
/// Requests rarely fail, so the unit first runs optimistically, without a savepoint per
/// request (see [`Store::begin_optimistic`]). If anything in it fails, it is rolled back whole
/// and done again with a savepoint around each request, so a failing request is undone alone
/// and its neighbours still commit.
async fn apply_unit<I: Intake>(
    intake: &I,
    store: &Store,
    clock: &dyn Clock,
    items: &[InboxItem],
    prepared: Vec<anyhow::Result<I::Prepared>>,
) -> anyhow::Result<()> {
    if prepared.iter().all(Result::is_ok)
        && applied_optimistically(intake, store, clock, items, &prepared).await?
    {
        return Ok(());
    }
    apply_carefully(intake, store, clock, items, prepared).await
}

/// The optimistic try of [`apply_unit`]; `Ok(false)` when it must be done again carefully
/// (nothing of it was kept).
async fn applied_optimistically<I: Intake>(
    intake: &I,
    store: &Store,
    clock: &dyn Clock,
    items: &[InboxItem],
    prepared: &[anyhow::Result<I::Prepared>],
) -> anyhow::Result<bool> {
    let unit = store.begin_optimistic().await?;
    for (item, prepared) in items.iter().zip(prepared) {
        let Ok(prepared) = prepared else {
            unit.rollback().await?;
            return Ok(false);
        };
        let applied = intake.apply(item, prepared.clone(), &unit).await;
        if applied.is_err() || unit.unit_failed() {
            // On PostgreSQL a failed statement leaves the transaction unusable, and the
            // rollback may fail too; either way nothing of it is kept.
            let _ = unit.rollback().await;
            return Ok(false);
        }
    }
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    unit.finish_inbox(&ids, clock.now()).await?;
    unit.commit().await?;
    metrics::counter!("ambassador_requests_processed_total", "platform" => intake.platform())
        .increment(ids.len() as u64);
    Ok(true)
}

/// The careful way of [`apply_unit`]: each request in a savepoint of its own.
async fn apply_carefully<I: Intake>(
    intake: &I,
    store: &Store,
    clock: &dyn Clock,
    items: &[InboxItem],
    prepared: Vec<anyhow::Result<I::Prepared>>,
) -> anyhow::Result<()> {
    let unit = store.begin().await?;
    let mut done = Vec::with_capacity(items.len());
    for (item, prepared) in items.iter().zip(prepared) {
        let outcome = match prepared {
            Ok(prepared) => {
                let request = unit.begin().await?;
                match intake.apply(item, prepared, &request).await {
                    Ok(()) => request.commit().await.map_err(anyhow::Error::from),
                    Err(e) => {
                        request.rollback().await?;
                        Err(e)
                    }
                }
            }
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => done.push(item.id),
            Err(e) => {
                let error = format!("{e:#}");
                tracing::warn!(
                    platform = intake.platform(),
                    error,
                    attempts = item.attempts,
                    "a stored request failed; nothing it did was kept"
                );
                let retry = (item.attempts < MAX_ATTEMPTS)
                    .then(|| clock.now() + Duration::seconds(2i64.pow(item.attempts as u32)));
                unit.fail_inbox(item.id, &error, retry, clock.now()).await?;
            }
        }
    }
    unit.finish_inbox(&done, clock.now()).await?;
    unit.commit().await?;
    metrics::counter!("ambassador_requests_processed_total", "platform" => intake.platform())
        .increment(done.len() as u64);
    Ok(())
}

/// Tells the worker how to pace itself from how fast requests are arriving.
struct IntakeGauge {
    since_count: u64,
    since: Instant,
    busy: bool,
}

impl IntakeGauge {
    fn new(count: u64, now: Instant) -> IntakeGauge {
        IntakeGauge {
            since_count: count,
            since: now,
            busy: false,
        }
    }

    /// The pace to work at now, given the requests stored so far; the rate is taken over the
    /// last window, so a burst is noticed within a quarter of a second.
    fn pace(&mut self, count: u64, now: Instant, quiet: Pace) -> Pace {
        let elapsed = now.saturating_duration_since(self.since);
        if elapsed >= GAUGE_WINDOW {
            let rate = count.saturating_sub(self.since_count) as f64 / elapsed.as_secs_f64();
            self.busy = rate > BUSY_INTAKE_PER_SECOND;
            self.since_count = count;
            self.since = now;
        }
        if self.busy { Pace::BUSY } else { quiet }
    }
}

/// Shares lanes out among `groups` units of work running at once, each keeping its requests in
/// arrival order, so every person's requests stay in order within one of them.
fn share_out(lanes: Vec<Vec<InboxItem>>, groups: usize) -> Vec<Vec<InboxItem>> {
    let mut out: Vec<Vec<InboxItem>> = (0..groups.min(lanes.len()).max(1))
        .map(|_| Vec::new())
        .collect();
    let n = out.len();
    for (i, lane) in lanes.into_iter().enumerate() {
        out[i % n].extend(lane);
    }
    for group in &mut out {
        group.sort_by_key(|item| item.id);
    }
    out.retain(|g| !g.is_empty());
    out
}

/// Groups claimed requests by who made them, keeping arrival order within each group; requests
/// no person made share their org's lane.
fn by_lane(items: Vec<InboxItem>) -> Vec<Vec<InboxItem>> {
    let mut lanes: Vec<(String, Vec<InboxItem>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for item in items {
        let key = format!("{}/{}", item.org_key, item.lane.as_deref().unwrap_or(""));
        match index.get(&key) {
            Some(&i) => lanes[i].1.push(item),
            None => {
                index.insert(key.clone(), lanes.len());
                lanes.push((key, vec![item]));
            }
        }
    }
    lanes.into_iter().map(|(_, lane)| lane).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, lane: Option<&str>) -> InboxItem {
        InboxItem {
            id,
            org_key: "T1".into(),
            kind: "command".into(),
            lane: lane.map(str::to_string),
            body: String::new(),
            attempts: 1,
            received_at: chrono::Utc::now(),
        }
    }

    fn ids(lanes: &[Vec<InboxItem>]) -> Vec<Vec<i64>> {
        lanes
            .iter()
            .map(|lane| lane.iter().map(|item| item.id).collect())
            .collect()
    }

    #[test]
    fn one_persons_requests_stay_in_order_in_one_lane() {
        let items = vec![
            item(1, Some("UANA")),
            item(2, Some("UBEN")),
            item(3, Some("UANA")),
            item(4, None),
            item(5, Some("UANA")),
            item(6, Some("UBEN")),
        ];
        assert_eq!(
            ids(&by_lane(items)),
            vec![vec![1, 3, 5], vec![2, 6], vec![4]]
        );
    }

    #[test]
    fn lanes_shared_out_keep_each_persons_order_and_arrival_order() {
        let items = vec![
            item(1, Some("UANA")),
            item(2, Some("UBEN")),
            item(3, Some("UANA")),
            item(4, Some("UCAT")),
            item(5, Some("UBEN")),
        ];
        assert_eq!(
            ids(&share_out(by_lane(items.clone()), 1)),
            vec![vec![1, 2, 3, 4, 5]]
        );
        assert_eq!(
            ids(&share_out(by_lane(items.clone()), 2)),
            vec![vec![1, 3, 4], vec![2, 5]]
        );
        assert_eq!(
            ids(&share_out(by_lane(items), 8)).len(),
            3,
            "no empty units"
        );
    }

    #[test]
    fn a_burst_of_requests_narrows_the_worker_to_one_lane_until_it_passes() {
        let start = Instant::now();
        let at = |ms: u64| start + std::time::Duration::from_millis(ms);
        let mut gauge = IntakeGauge::new(0, start);
        let quiet = Pace::QUIET;
        assert_eq!(gauge.pace(0, at(0), quiet), Pace::QUIET, "quiet at start");
        // 100 requests in 300 ms is 333/s: still quiet.
        assert_eq!(gauge.pace(100, at(300), quiet), Pace::QUIET);
        // 3,000 more in the next 300 ms is 10,000/s: busy, and it stays busy within the window.
        assert_eq!(gauge.pace(3_100, at(600), quiet), Pace::BUSY);
        assert_eq!(gauge.pace(3_200, at(700), quiet), Pace::BUSY);
        // The next window saw 100 in 400 ms: quiet again.
        assert_eq!(gauge.pace(3_200, at(1_000), quiet), Pace::QUIET);
    }
}
