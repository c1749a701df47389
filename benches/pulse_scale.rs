//! Pulse surveys at company scale: 10,000 people in about 800 teams with a year of weekly rounds.
//!
//! `cargo bench --bench pulse_scale` builds the org on SQLite and, when
//! `AMBASSADOR_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`) answers, on
//! PostgreSQL, then prints:
//! - the time to compute every manager's digest (figures alone, then with the PNG chart),
//! - deliveries per second when one round fans out to 10,000 people through the console adapter,
//! - the process's peak memory.
//!
//! History is generated quickly but honestly: rounds are created and closed by the product's own
//! code (question choice, invitations, aggregation once at close, erasing respondent keys); only
//! the answers and kudos themselves are written in bulk instead of one chat message each.
//! `BENCH_ROUNDS` (default 52) and `BENCH_PEOPLE` (default 10000) scale it down for a quick look.

#[path = "pulse_scale/dataset.rs"]
mod dataset;

use std::sync::Arc;
use std::time::Instant;

use ambassador::app::{build_bot, ensure_local_org, open_store};
use ambassador::bot::Platforms;
use ambassador::bot::import_org_chart;
use ambassador::config;
use ambassador::core::clock::ManualClock;
use ambassador::platform::console::ConsolePlatform;
use ambassador::scheduler::Scheduler;
use ambassador::store::Store;
use ambassador::store::prelude::*;
use chrono::{Duration, TimeZone, Utc};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn peak_memory_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn main() -> anyhow::Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(dataset::on_sqlite_and_postgres(
        "bench_scale",
        |backend, url| async move {
            run(backend, &url).await?;
            println!("peak memory after {backend}: {:.0} MB", peak_memory_mb());
            Ok(())
        },
    ))
}

async fn run(backend: &str, url: &str) -> anyhow::Result<()> {
    let people = env_usize("BENCH_PEOPLE", 10_000);
    let rounds = env_usize("BENCH_ROUNDS", 52);
    let mut config = config::defaults()?;
    config.settings.database.url = url.to_string();
    let config = Arc::new(config);
    let store = open_store(&config, url).await?;
    let start = Utc
        .with_ymd_and_hms(2026, 1, 5, 0, 0, 0)
        .single()
        .ok_or_else(|| anyhow::anyhow!("bad start"))?;
    let clock = Arc::new(ManualClock::new(start));
    let org = ensure_local_org(&store, &config, clock.as_ref()).await?;

    let t = Instant::now();
    let summary = import_org_chart(&store, &config, &org, &dataset::org_csv(people), start).await?;
    println!(
        "{backend}: imported {} people in {} departments in {:.1} s",
        summary.created,
        summary.departments,
        t.elapsed().as_secs_f64()
    );
    let platform = Arc::new(ConsolePlatform::default());
    let bot = build_bot(
        store.clone(),
        config.clone(),
        clock.clone(),
        Platforms::default().with(platform.clone()),
    )?;

    // A year of weekly rounds: created and closed by the product, answered in bulk.
    let t = Instant::now();
    let directory = dataset::year_of_rounds(&store, &bot, &org, &clock, start, rounds).await?;
    println!(
        "{backend}: generated {rounds} weekly rounds (answers, kudos) in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Every manager's digest, the Monday after the last round closed.
    let at = start + Duration::weeks(rounds as i64 + 1);
    clock.set(at);
    let departments = store.departments(org.id).await?;
    let heads: std::collections::BTreeSet<_> =
        departments.iter().filter_map(|d| d.manager_id).collect();
    let managers: Vec<_> = directory.iter().filter(|p| heads.contains(&p.id)).collect();
    for with_chart in [false, true] {
        let t = Instant::now();
        let mut shown = 0;
        for m in &managers {
            let d = bot
                .digest_figures(&org, m, at, with_chart)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            shown += d.teams.iter().filter(|t| t.status == "shown").count();
        }
        println!(
            "{backend}: every manager's digest ({} managers, {shown} teams shown{}) in {:.2} s",
            managers.len(),
            if with_chart {
                ", with charts"
            } else {
                ", figures"
            },
            t.elapsed().as_secs_f64()
        );
    }

    // The closing jobs of the generated rounds (results already stored) and the drop checks
    // they run, so the fan-out below measures deliveries alone.
    let scheduler = Scheduler::new(bot.clone());
    let t = Instant::now();
    let flushed = scheduler.run_due(at).await?;
    let alerts = deliver(&store, &platform, at).await?;
    println!(
        "{backend}: {} closing jobs with drop checks over 30 rounds in {:.1} s ({alerts} alerts)",
        flushed.done,
        t.elapsed().as_secs_f64()
    );

    // One round fanning out to everyone through the console adapter.
    let trigger = at + Duration::hours(1);
    clock.set(trigger);
    let round = bot
        .create_scheduled_round(&org, trigger)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the fan-out round was not created"))?;
    let last = round.closes_at - Duration::hours(72);
    clock.set(last);
    // Exactly what the scheduler does with due deliveries: claim a batch, queue its messages
    // and record it, in one unit of work; then the relay delivers the queue.
    let t = Instant::now();
    let mut sent = 0;
    loop {
        let done = bot
            .in_unit(|bot| async move {
                let batch = bot
                    .db()
                    .claim_due_deliveries("console", last, 500, Duration::minutes(10), false)
                    .await?;
                if batch.is_empty() {
                    return Ok(0);
                }
                let (done, failed) = bot.send_pulses(&batch, false).await?;
                if !failed.is_empty() {
                    anyhow::bail!("{} deliveries failed", failed.len());
                }
                Ok(done)
            })
            .await?;
        if done == 0 {
            break;
        }
        sent += done;
    }
    let queued = t.elapsed().as_secs_f64();
    let delivered = deliver(&store, &platform, last).await?;
    let elapsed = t.elapsed().as_secs_f64();
    println!("{backend}: fan-out queued in {queued:.2} s, delivered by {elapsed:.2} s");
    println!(
        "{backend}: fan-out of one round: {sent} deliveries ({delivered} messages) in {elapsed:.2} s = {:.0} deliveries/s",
        sent as f64 / elapsed
    );
    store.close().await;
    Ok(())
}

/// Sends everything queued through the console courier, as the relay's worker does; returns
/// how many messages went out.
async fn deliver(
    store: &Store,
    platform: &Arc<ConsolePlatform>,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<usize> {
    let clock: Arc<dyn ambassador::core::clock::Clock> =
        Arc::new(ambassador::core::clock::ManualClock::new(now));
    let (_keep, never) = tokio::sync::watch::channel(false);
    let mut pacer = ambassador::relay::outbox::Pacer::new(1_000_000);
    while ambassador::relay::outbox::deliver_due(platform, store, &clock, &mut pacer, &never)
        .await?
        > 0
    {}
    Ok(platform.drain().len())
}
