//! How fast the bot answers `/kudos`, end to end through the bot and a real database.
//!
//! `cargo bench --bench kudos` gives kudos in the demo org through `Bot::handle` (parse, look
//! up people, check the allowance, store it and queue its three messages in one transaction)
//! on SQLite and, when `AMBASSADOR_TEST_POSTGRES_URL` answers, on PostgreSQL. It prints
//! throughput and latency percentiles; it asserts nothing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ambassador::app::{build_bot, ensure_local_org, open_store};
use ambassador::bot::Platforms;
use ambassador::bot::import_org_chart;
use ambassador::config;
use ambassador::core::clock::ManualClock;
use ambassador::core::invocation::{Capabilities, Input, Invocation, LOCAL_ORG, LOCAL_PLATFORM};
use ambassador::demo::DEMO_ORG_CSV;
use ambassador::platform::console::ConsolePlatform;
use ambassador::store::Store;
use ambassador::store::prelude::*;
use chrono::{TimeZone, Utc};

const KUDOS: usize = 2_000;
const GIVERS: [&str; 6] = ["ana", "ben", "dev", "kasia", "rachel", "chloe"];
const RECIPIENTS: [&str; 6] = ["eleni", "zofia", "grace", "piotr", "diego", "irene"];

fn main() -> anyhow::Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        let dir = tempfile::tempdir()?;
        let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
        run("sqlite", &sqlite).await?;

        let admin = std::env::var("AMBASSADOR_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        match Store::connect(&admin, 1).await {
            Ok(Store::Postgres(pool)) => {
                let name = format!("bench_{}", std::process::id());
                sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
                    .execute(&pool)
                    .await?;
                let url = match admin.rfind('/') {
                    Some(i) => format!("{}/{name}", &admin[..i]),
                    None => admin.clone(),
                };
                let result = run("postgres", &url).await;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "drop database if exists {name} with (force)"
                )))
                .execute(&pool)
                .await?;
                result?;
            }
            _ => println!("postgres: skipped, nothing answers at {admin}"),
        }
        Ok(())
    })
}

async fn run(backend: &str, url: &str) -> anyhow::Result<()> {
    let mut config = config::defaults()?;
    config.settings.database.url = url.to_string();
    config.kudos.daily_allowance = 1_000_000;
    let config = Arc::new(config);
    let store = open_store(&config, url).await?;
    let start = Utc
        .with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
        .single()
        .ok_or_else(|| anyhow::anyhow!("bad start"))?;
    let clock = Arc::new(ManualClock::new(start));
    let org = ensure_local_org(&store, &config, clock.as_ref()).await?;
    import_org_chart(&store, &config, &org, DEMO_ORG_CSV, start).await?;
    let platform = Arc::new(ConsolePlatform::default());
    let bot = build_bot(
        store.clone(),
        config,
        clock,
        Platforms::default().with(platform.clone()),
    )?;

    let mut latencies = Vec::with_capacity(KUDOS);
    let began = Instant::now();
    for i in 0..KUDOS {
        let giver = GIVERS[i % GIVERS.len()];
        let recipient = RECIPIENTS[(i / GIVERS.len()) % RECIPIENTS.len()];
        let invocation = Invocation {
            platform: LOCAL_PLATFORM,
            platform_org_id: LOCAL_ORG.into(),
            actor: giver.into(),
            input: Input::Command(format!(
                "/kudos @{recipient} kept customer number {i} informed all week #customer-first"
            )),
            request_id: None,
            capabilities: Capabilities::ALL,
        };
        let t = Instant::now();
        let reply = bot.handle(invocation).await;
        latencies.push(t.elapsed());
        // A kudos that went through is stored (its messages are queued in the outbox).
        if store.kudos_count(org.id).await? != i as i64 + 1 {
            anyhow::bail!("kudos {i} was refused: {}", reply.plain_text());
        }
    }
    let total = began.elapsed();
    let stored = store.kudos_count(org.id).await?;
    // Each kudos queued its direct message and its channel post with it.
    let queued = store.outbox_unsent().await?;
    if queued < 2 * KUDOS as i64 {
        anyhow::bail!("only {queued} messages queued for {KUDOS} kudos");
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    println!(
        "{backend}: {KUDOS} kudos in {:.2} s = {:.0} kudos/s; latency p50 {} p99 {} max {}; stored {stored}",
        total.as_secs_f64(),
        KUDOS as f64 / total.as_secs_f64(),
        ms(pct(0.50)),
        ms(pct(0.99)),
        ms(latencies[latencies.len() - 1]),
    );
    store.close().await;
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
