//! How many signed Teams activities `serve` acknowledges per second, and how fast it reaches
//! everyone in a 10,000-person tenant.
//!
//! `cargo bench --bench teams_load` starts `serve` in this process (the real `Server` with the
//! Teams adapter: its inbox writer, inbox worker, delivery worker and scheduler running)
//! against the fake Bot Framework of the integration tests (`tests/it/teams/fake.rs`: login,
//! token endpoint and Bot Connector on 127.0.0.1), first on a SQLite file and then, when
//! `AMBASSADOR_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`) answers,
//! on fresh PostgreSQL databases dropped afterwards. Each backend runs two parts, each on a
//! database of its own:
//!
//! 1. **Load.** The demo tenant (the demo org chart imported, the app added to its team). A
//!    load generator in the same process keeps a fixed number of keep-alive HTTP/1.1
//!    connections busy, each posting its next activity as soon as the previous one is
//!    acknowledged: half personal-chat messages `kudos <at>Name</at> …`, half channel posts
//!    `<at>Ambassador</at> kudos <at>Name</at> …`, every one with its own id and a real RS256
//!    Bot Framework token. Tokens are signed before the clock starts, one per serviceUrl, as
//!    the Connector reuses one token for many activities, so signing is not measured but
//!    checking is. It prints activities per second, latency to the acknowledgement (p50, p99,
//!    max), the answers that were not 2xx, and the activities stored but not yet processed when
//!    the load stopped; then, with the generator stopped, how fast the inbox worker caught up
//!    (each activity a kudos given, its replies queued and delivered to the fake Connector),
//!    and the Connector calls made by then and still queued.
//! 2. **Fan-out.** A tenant of `BENCH_PEOPLE` (10,000) people: the same people in the fake's
//!    roster and in the org chart imported (same emails), the app added to the team (which
//!    reads the whole roster and links everyone by Entra id; timed too). Then the admin types
//!    `ambassador pulse start` in their 1:1 with the bot, and the bench times how long until
//!    every person's pulse card reached the fake Connector, each through a CreateConversation
//!    and a SendToConversation. It prints messages per second, total seconds, when the first
//!    one arrived, the CreateConversation calls made and any 429/5xx answers retried.
//!
//! Everything shares one Tokio runtime with two worker threads, so the figures are for
//! "server, fake Connector and generator together on two cores". It asserts nothing beyond
//! the set-up working.
//!
//! Knobs (environment): `BENCH_SECS` (measured seconds of load per backend, default 10),
//! `BENCH_WARMUP_SECS` (default 2), `BENCH_DRAIN_SECS` (seconds of catching up watched,
//! default 10), `BENCH_CONNECTIONS` (default 16), `BENCH_BACKENDS` (`sqlite,postgres` by
//! default), `BENCH_PARTS` (`load,fanout` by default), `BENCH_PEOPLE` (the fan-out's tenant,
//! default 10000), `BENCH_FANOUT_SECS` (how long the fan-out may take before the bench reports
//! what it got, default 240), `BENCH_CALLS_PER_SECOND` (`teams.calls_per_second`, the pace
//! the delivery worker keeps per tenant, default 1000: far above the shipped 30, which would
//! make the fan-out take 10,000 / 30 s by design, so the figure shows what the bot can do),
//! `BENCH_CONNECTOR_DELAY_MS` (how long the Connector takes to answer each call, default 0:
//! the calls then go through a slow Connector in front of the fake; real ones take tens of
//! milliseconds).

#[path = "teams_load/database.rs"]
mod database;
#[path = "teams_load/fanout.rs"]
mod fanout;
#[path = "teams_load/keep_alive.rs"]
mod keep_alive;
#[path = "teams_load/load.rs"]
mod load;
#[path = "teams_load/report.rs"]
mod report;
#[path = "teams_load/serve.rs"]
mod serve;
#[path = "teams_load/slow_connector.rs"]
mod slow_connector;

/// The fake Bot Framework of the integration tests, compiled into the bench as it is.
#[path = "../tests/it/teams"]
mod teams_support {
    #[allow(
        dead_code,
        unused_imports,
        reason = "the integration tests' fake; the bench uses part of it"
    )]
    pub mod fake;
}

/// The fault run's org chart of N people (departments, managers, time zones, languages, one
/// admin), reused for the fan-out's tenant.
#[path = "fault_run/org.rs"]
#[allow(
    dead_code,
    reason = "the Slack half of the fault run's org is not used here"
)]
mod org;

use std::time::Duration;

use database::Backend;

/// How this bench's PostgreSQL databases are named (`bench_teams_load_<pid>`).
pub const DATABASE_PREFIX: &str = "bench_teams";

/// Knobs read from the environment.
pub struct Options {
    /// Measured seconds of load per backend.
    pub secs: u64,
    /// Seconds of load before measuring.
    pub warmup_secs: u64,
    /// Longest the inbox worker is watched catching up.
    pub drain_secs: u64,
    /// Keep-alive connections of the load generator.
    pub connections: usize,
    /// `sqlite`, `postgres`.
    pub backends: Vec<String>,
    /// `load`, `fanout`.
    pub parts: Vec<String>,
    /// People in the fan-out's tenant.
    pub people: usize,
    /// Longest the fan-out is waited for.
    pub fanout_limit: Duration,
    /// `teams.calls_per_second`.
    pub calls_per_second: u32,
    /// How long the Connector takes to answer each call.
    pub connector_delay: Duration,
}

impl Options {
    fn from_env() -> Options {
        let num = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        let list = |name: &str, default: &str| -> Vec<String> {
            std::env::var(name)
                .unwrap_or_else(|_| default.into())
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        Options {
            secs: num("BENCH_SECS", 10).max(1),
            warmup_secs: num("BENCH_WARMUP_SECS", 2),
            drain_secs: num("BENCH_DRAIN_SECS", 10),
            connections: num("BENCH_CONNECTIONS", 16).max(1) as usize,
            backends: list("BENCH_BACKENDS", "sqlite,postgres"),
            parts: list("BENCH_PARTS", "load,fanout"),
            people: num("BENCH_PEOPLE", 10_000).max(2) as usize,
            fanout_limit: Duration::from_secs(num("BENCH_FANOUT_SECS", 240).max(1)),
            calls_per_second: num("BENCH_CALLS_PER_SECOND", 1000).clamp(1, u32::MAX.into()) as u32,
            connector_delay: Duration::from_millis(num("BENCH_CONNECTOR_DELAY_MS", 0)),
        }
    }

    fn runs(&self, part: &str) -> bool {
        self.parts.iter().any(|p| p == part)
    }
}

fn main() -> anyhow::Result<()> {
    let options = Options::from_env();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        println!(
            "teams_load: {} connections, {} s warm-up, {} s measured per backend; fan-out to {} \
             people; teams.calls_per_second {}; the Connector answers after {} ms; 2 Tokio workers",
            options.connections,
            options.warmup_secs,
            options.secs,
            options.people,
            options.calls_per_second,
            options.connector_delay.as_millis(),
        );
        for name in &options.backends {
            let Some(backend) = Backend::open(name).await? else {
                continue;
            };
            let result = run_backend(&backend, &options).await;
            backend.close().await;
            result?;
        }
        Ok(())
    })
}

/// Both parts on one backend, each on a fresh database.
async fn run_backend(backend: &Backend, options: &Options) -> anyhow::Result<()> {
    if options.runs("load") {
        let db = backend.fresh("load").await?;
        let result = load::run(backend.name(), &db.url, options).await;
        db.remove(backend).await?;
        result?;
    }
    if options.runs("fanout") {
        let db = backend.fresh("fanout").await?;
        let result = fanout::run(backend.name(), &db.url, options).await;
        db.remove(backend).await?;
        result?;
    }
    Ok(())
}
