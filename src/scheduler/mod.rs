//! Durable jobs: recurring work (narrative moments now; pulse rounds, reminders and digests
//! next) lives in the `jobs` table, so a restart loses nothing and nothing runs twice.
//!
//! How it works:
//!
//! 1. [`Scheduler::ensure_recurring`] gives every org with a running adapter one pending job per
//!    recurring kind, due at the next fire time of its cron schedule in the org's time zone.
//!    The job's idempotency key is `kind:org:fire-time`, so two replicas scheduling at once
//!    create one row.
//! 2. [`Scheduler::run_due`] claims due jobs one at a time (`FOR UPDATE SKIP LOCKED` on
//!    PostgreSQL, so replicas never take the same job), runs them and marks them done, or
//!    puts them back with a growing delay after a failure. A job whose worker died is taken
//!    over when its lease runs out.
//! 3. After a recurring job finishes, the next one is scheduled from "now": fire times missed
//!    while the bot was stopped collapse into the one run that happens at start.
//!
//! ```text
//!   ensure_recurring ──▶ jobs(pending, due 2026-11-30 07:30Z) ──run_due──▶ done ──▶ next one
//! ```
//!
//! The console drives the same code with its simulated clock (`/advance`), stepping through
//! each due time so that every job runs at the moment it was due.

use std::time::Duration as StdDuration;

use anyhow::Context as _;
use chrono::{DateTime, Duration, Utc};

use crate::bot::Bot;
use crate::core::invocation::PlatformKind;
use crate::core::pulse::round::{next_trigger, plan_scheduled, trigger_zone};
use crate::store::{JobRecord, NewJob};

pub use crate::bot::jobs::{
    DIGEST_PLAN, DIGEST_SEND, NARRATIVE_MOMENT, PULSE_CLOSE, PULSE_ROUND, schedule_round_close,
};

/// How many deliveries one pass claims at a time.
const DELIVERY_BATCH: i64 = 500;

/// How long a claimed job is protected from other workers.
const LEASE: Duration = Duration::minutes(10);

/// What one call to [`Scheduler::run_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Jobs that ran to completion.
    pub done: usize,
    /// Jobs that failed (and were rescheduled or given up).
    pub failed: usize,
    /// Pulse deliveries and reminders sent.
    pub sent: usize,
}

impl RunReport {
    /// Whether anything happened.
    pub fn is_idle(&self) -> bool {
        self.done + self.failed + self.sent == 0
    }
}

/// Each time zone once (a schedule fires once per zone), or `fallback` when there are none.
fn distinct_zones(
    zones: impl Iterator<Item = chrono_tz::Tz>,
    fallback: chrono_tz::Tz,
) -> Vec<chrono_tz::Tz> {
    let mut zones: Vec<_> = zones.collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    if zones.is_empty() {
        zones.push(fallback);
    }
    zones
}

/// When the last person was (or will be) asked in a round.
fn last_delivery(
    round: &crate::store::RoundRecord,
    config: &crate::config::Config,
) -> DateTime<Utc> {
    round.closes_at - Duration::hours(i64::from(config.settings.pulse.answer_window_hours))
}

/// Schedules and runs durable jobs for the platforms this process serves.
#[derive(Debug, Clone)]
pub struct Scheduler {
    bot: Bot,
}

impl Scheduler {
    /// A scheduler working for `bot`'s platforms.
    pub fn new(bot: Bot) -> Self {
        Self { bot }
    }

    /// Makes sure every recurring job has its next run scheduled.
    pub async fn ensure_recurring(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let store = self.bot.db();
        let config = self.bot.config();
        for org in store.orgs().await? {
            if self.bot.platforms().for_org(&org).is_none() {
                continue;
            }
            if !store.has_open_job(org.id, NARRATIVE_MOMENT).await?
                && let Some(due) = config.moment_schedule.next_after(now, org.timezone)
            {
                self.schedule(org.id, NARRATIVE_MOMENT, due, now).await?;
            }
            if !store.has_open_job(org.id, DIGEST_PLAN).await? {
                let zones = self.manager_zones(&org).await?;
                if let Some(due) = next_trigger(&config.digest_schedule, now, &zones) {
                    self.schedule(org.id, DIGEST_PLAN, due, now).await?;
                }
            }
            if !store.has_open_job(org.id, PULSE_ROUND).await? {
                // The round starts when the first person's local time comes round.
                let people = store.people(org.id).await?;
                let zones = distinct_zones(
                    people.iter().filter(|p| p.is_active).map(|p| p.timezone),
                    org.timezone,
                );
                // The next round starts after everyone has had the last one.
                let after = match store.rounds(org.id, 1).await?.first() {
                    Some(last) => now.max(last_delivery(last, config)),
                    None => now,
                };
                if let Some(due) = next_trigger(&config.pulse_schedule, after, &zones) {
                    self.schedule(org.id, PULSE_ROUND, due, now).await?;
                }
            }
        }
        Ok(())
    }

    /// The time zones of an org's managers (the org's own when it has none).
    async fn manager_zones(
        &self,
        org: &crate::core::directory::Org,
    ) -> anyhow::Result<Vec<chrono_tz::Tz>> {
        let managers = self.managers(org).await?;
        Ok(distinct_zones(
            managers.iter().map(|p| p.timezone),
            org.timezone,
        ))
    }

    /// Active people who lead a department: they get digests.
    async fn managers(
        &self,
        org: &crate::core::directory::Org,
    ) -> anyhow::Result<Vec<crate::core::directory::Person>> {
        let store = self.bot.db();
        let heads: std::collections::BTreeSet<_> = store
            .departments(org.id)
            .await?
            .into_iter()
            .filter_map(|d| d.manager_id)
            .collect();
        Ok(store
            .people(org.id)
            .await?
            .into_iter()
            .filter(|p| p.is_active && heads.contains(&p.id))
            .collect())
    }

    /// Schedules each manager's digest at the schedule's local time on the trigger's date (at
    /// once for anyone whose time has passed).
    async fn plan_digests(
        &self,
        org: &crate::core::directory::Org,
        trigger: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let schedule = &self.bot.config().digest_schedule;
        let managers = self.managers(org).await?;
        let zones = self.manager_zones(org).await?;
        let zone = trigger_zone(schedule, trigger, &zones).unwrap_or(org.timezone);
        let people: Vec<_> = managers.iter().map(|m| (m.id, m.timezone)).collect();
        let plan = plan_scheduled(
            schedule,
            trigger,
            zone,
            &people,
            Duration::zero(),
            Duration::zero(),
        );
        for d in plan.deliveries {
            let job = NewJob {
                org: org.id,
                kind: DIGEST_SEND.into(),
                key: format!(
                    "{DIGEST_SEND}:{}:{}:{}",
                    org.id,
                    d.person,
                    trigger.date_naive()
                ),
                due_at: d.deliver_at,
                payload: d.person.0.to_string(),
            };
            self.bot.db().schedule_job(&job, self.bot.now()).await?;
        }
        Ok(())
    }

    async fn schedule(
        &self,
        org: crate::core::ids::OrgId,
        kind: &str,
        due: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let job = NewJob {
            org,
            kind: kind.into(),
            key: format!("{kind}:{org}:{}", due.to_rfc3339()),
            due_at: due,
            payload: "{}".into(),
        };
        if self.bot.db().schedule_job(&job, now).await? {
            tracing::debug!(%org, kind, %due, "scheduled");
        }
        Ok(())
    }

    /// Runs every job due at `now`, then schedules the next recurring runs.
    ///
    /// Each job runs in one unit of work with its done mark: what it changes and every message
    /// it queues commit together, so a job redone after a crash (its lease passed) finds none of
    /// its work done and sends nothing twice.
    pub async fn run_due(&self, now: DateTime<Utc>) -> anyhow::Result<RunReport> {
        let mut report = RunReport::default();
        for kind in self.bot.platforms().kinds() {
            while let Some(job) = self
                .bot
                .db()
                .claim_due_job(kind.as_str(), now, LEASE)
                .await?
            {
                let ran = self
                    .bot
                    .in_unit(|bot| {
                        let job = &job;
                        async move {
                            Scheduler::new(bot.clone()).execute(job).await?;
                            bot.db().complete_job(job.job_id(), now).await?;
                            Ok(())
                        }
                    })
                    .await;
                match ran {
                    Ok(()) => {
                        metrics::counter!("ambassador_jobs_total", "kind" => job.kind.clone(), "outcome" => "done").increment(1);
                        report.done += 1;
                    }
                    Err(e) => {
                        let max = i64::from(self.bot.config().settings.scheduler.max_attempts);
                        let retry_at = (job.attempts < max).then(|| {
                            now + Duration::minutes(2_i64.pow(job.attempts.clamp(0, 10) as u32))
                        });
                        tracing::warn!(job = job.idempotency_key, attempt = job.attempts, error = format!("{e:#}"), retry = ?retry_at, "a job failed; nothing it did was kept");
                        self.bot
                            .db()
                            .fail_job(job.job_id(), &format!("{e:#}"), retry_at, now)
                            .await?;
                        metrics::counter!("ambassador_jobs_total", "kind" => job.kind.clone(), "outcome" => "failed").increment(1);
                        report.failed += 1;
                    }
                }
            }
        }
        report.sent += self.send_due_pulses(now).await?;
        self.ensure_recurring(now).await?;
        Ok(report)
    }

    /// Sends every pulse delivery, then every reminder, that is due. A batch is claimed, its
    /// messages queued and its deliveries marked sent in one unit of work, so a crash anywhere
    /// leaves the batch to be sent whole by the next pass, and never twice.
    async fn send_due_pulses(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let mut sent = 0;
        for kind in self.bot.platforms().kinds() {
            for reminders in [false, true] {
                loop {
                    let queued = self
                        .bot
                        .in_unit(|bot| async move {
                            let db = bot.db();
                            let batch = db
                                .claim_due_deliveries(
                                    kind.as_str(),
                                    now,
                                    DELIVERY_BATCH,
                                    LEASE,
                                    reminders,
                                )
                                .await?;
                            if batch.is_empty() {
                                return Ok(None);
                            }
                            let (done, failed) = bot.send_pulses(&batch, reminders).await?;
                            for (round, person) in failed {
                                db.release_delivery(round, person, now + Duration::minutes(5))
                                    .await?;
                            }
                            Ok(Some(done))
                        })
                        .await?;
                    match queued {
                        Some(done) => sent += done,
                        None => break,
                    }
                }
            }
        }
        Ok(sent)
    }

    async fn execute(&self, job: &JobRecord) -> anyhow::Result<()> {
        let org = self.bot.db().org(job.org()).await?;
        match job.kind.as_str() {
            NARRATIVE_MOMENT => self
                .bot
                .post_narrative_moment(&org, &job.idempotency_key)
                .await
                .context("narrative moment"),
            PULSE_ROUND => self
                .bot
                .create_scheduled_round(&org, job.due_at)
                .await
                .map(|_| ())
                .context("pulse round"),
            DIGEST_PLAN => self
                .plan_digests(&org, job.due_at)
                .await
                .context("planning digests"),
            DIGEST_SEND => {
                let person: i64 = job
                    .payload
                    .parse()
                    .with_context(|| format!("bad person id {:?}", job.payload))?;
                self.bot
                    .send_digest(&org, crate::core::ids::PersonId(person))
                    .await
                    .context("sending a digest")
            }
            PULSE_CLOSE => {
                let round: i64 = job
                    .payload
                    .parse()
                    .with_context(|| format!("bad round id {:?}", job.payload))?;
                self.bot
                    .close_pulse_round(round)
                    .await
                    .map(|_| ())
                    .context("closing a pulse round")
            }
            other => anyhow::bail!("unknown job kind {other}"),
        }
    }

    /// The earliest pending job of a platform (the console steps its clock through these).
    pub async fn next_due(&self, platform: PlatformKind) -> anyhow::Result<Option<DateTime<Utc>>> {
        let store = self.bot.db();
        let job = store.next_due_at(platform.as_str()).await?;
        let pulse = store.next_pulse_due(platform.as_str()).await?;
        Ok(match (job, pulse) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
    }

    /// Runs the scheduler on the real clock until `shutdown` resolves (used by `serve`).
    pub async fn run_forever(
        self,
        tick: StdDuration,
        shutdown: tokio::sync::watch::Receiver<bool>,
    ) {
        let mut shutdown = shutdown;
        let mut interval = tokio::time::interval(tick);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = interval.tick() => {
                    let now = self.bot.now();
                    if let Err(e) = self.run_due(now).await {
                        tracing::error!(error = format!("{e:#}"), "the scheduler could not run due jobs");
                    }
                }
                _ = shutdown.changed() => break,
            }
        }
    }
}
