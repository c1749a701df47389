//! How many signed Discord interactions `serve` acknowledges per second at 16 connections, and
//! how many gateway dispatches it processes per second.
//!
//! `cargo bench --bench discord_load` starts `serve` in this process (the real `Server` with the
//! Discord adapter: its inbox writer, inbox worker, outbox worker and scheduler running) against
//! the fake Discord of the integration tests (`tests/it/discord/fake.rs`: REST under `/api/v10`
//! and the gateway WebSocket on 127.0.0.1), with the demo org chart imported for the fake's
//! guild (`org import --org <guild id>`), first on a SQLite file and then, when
//! `AMBASSADOR_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`) answers,
//! on fresh PostgreSQL databases dropped afterwards. Each backend runs two parts, each on a
//! database and a fake of its own:
//!
//! 1. **HTTP interactions.** `serve` in HTTP mode (`DISCORD_PUBLIC_KEY` set). A load generator
//!    in the same process keeps a fixed number of keep-alive HTTP/1.1 connections busy, each
//!    posting its next interaction to `POST /discord/interactions` as soon as the previous one
//!    is answered: `/kudos user:<member> message:… value:customer-first` in `#general`, an
//!    APPLICATION_COMMAND built by the fake's `DiscordClient` just before it is sent (its own
//!    id and token, so none is taken for a redelivery and none is older than Discord allows)
//!    and signed with Ed25519 over timestamp and body as Discord does. Building and signing are
//!    the generator's work, on the same two cores, and are timed apart. It prints answers per
//!    second, latency to the answer (p50, p99, max), the answers that were not 200, how many
//!    were the kudos answer itself and how many "thinking…" deferrals (the edge defers what
//!    it cannot answer within 2.3 s); then, with the generator stopped, how fast the relay
//!    drained what was queued (every kudos is posted to `#customer-wins` and DMed to the one
//!    thanked): kudos stored, REST calls delivered to the fake and their statuses.
//! 2. **Gateway dispatches.** `serve` in gateway mode (serenity's client on the fake's
//!    gateway). `BENCH_DISPATCHES` kudos commands are built, then the fake dispatches them as
//!    INTERACTION_CREATE as fast as it can; the bench times how long until every one was
//!    answered by a callback (`POST /interactions/{id}/{token}/callback`) and every kudos was
//!    stored: dispatches processed per second, and dispatch-to-callback latency. The fake
//!    refuses a first callback more than 3 s after it built the interaction, as Discord does;
//!    all of them are built before the first is dispatched, so its window is widened to 10
//!    minutes here, and the bench counts instead the callbacks that came more than 3 s after
//!    their dispatch (Discord would have refused those).
//!
//! Everything shares one Tokio runtime with two worker threads, so the figures are for
//! "server, fake Discord and generator together on two cores". It asserts nothing beyond the
//! set-up working.
//!
//! Knobs (environment): `BENCH_SECS` (measured seconds of HTTP load per backend, default 10),
//! `BENCH_WARMUP_SECS` (default 2), `BENCH_DRAIN_SECS` (longest the relay is watched draining
//! after the load, default 20), `BENCH_CONNECTIONS` (default 16), `BENCH_BACKENDS`
//! (`sqlite,postgres` by default), `BENCH_PARTS` (`http,gateway` by default),
//! `BENCH_DISPATCHES` (interactions dispatched over the gateway, default 2000),
//! `BENCH_GATEWAY_SECS` (longest the gateway part waits for them, default 60),
//! `BENCH_CALLS_PER_SECOND` (`discord.calls_per_second`, the pace the outbox keeps per guild,
//! default 50: the most the configuration accepts, Discord's global limit, above the shipped
//! 40). With two calls per kudos (the post and the DM) the drain can go no faster than that.

#[path = "teams_load/database.rs"]
mod database;
#[path = "discord_load/gateway.rs"]
mod gateway;
#[path = "discord_load/http.rs"]
mod http;
#[path = "teams_load/keep_alive.rs"]
mod keep_alive;
#[path = "teams_load/report.rs"]
mod report;
#[path = "discord_load/serve.rs"]
mod serve;

/// The fake Discord of the integration tests, compiled into the bench as it is.
#[path = "../tests/it/discord"]
mod discord_support {
    #[allow(
        dead_code,
        unused_imports,
        reason = "the integration tests' fake; the bench uses part of it"
    )]
    pub mod fake;
}

use std::time::Duration;

use database::Backend;

/// How this bench's PostgreSQL databases are named (`bench_discord_http_<pid>`).
pub const DATABASE_PREFIX: &str = "bench_discord";

/// Knobs read from the environment.
pub struct Options {
    /// Measured seconds of HTTP load per backend.
    pub secs: u64,
    /// Seconds of load before measuring.
    pub warmup_secs: u64,
    /// Longest the relay is watched draining after the load.
    pub drain_secs: u64,
    /// Keep-alive connections of the load generator.
    pub connections: usize,
    /// `sqlite`, `postgres`.
    pub backends: Vec<String>,
    /// `http`, `gateway`.
    pub parts: Vec<String>,
    /// Interactions dispatched over the gateway.
    pub dispatches: usize,
    /// Longest the gateway part waits for them.
    pub gateway_limit: Duration,
    /// `discord.calls_per_second`.
    pub calls_per_second: u32,
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
            drain_secs: num("BENCH_DRAIN_SECS", 20),
            connections: num("BENCH_CONNECTIONS", 16).max(1) as usize,
            backends: list("BENCH_BACKENDS", "sqlite,postgres"),
            parts: list("BENCH_PARTS", "http,gateway"),
            dispatches: num("BENCH_DISPATCHES", 2000).max(1) as usize,
            gateway_limit: Duration::from_secs(num("BENCH_GATEWAY_SECS", 60).max(1)),
            calls_per_second: num("BENCH_CALLS_PER_SECOND", 50).clamp(1, 50) as u32,
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
            "discord_load: HTTP mode: {} connections, {} s warm-up, {} s measured per backend; \
             gateway mode: {} dispatches; discord.calls_per_second {}; 2 Tokio workers",
            options.connections,
            options.warmup_secs,
            options.secs,
            options.dispatches,
            options.calls_per_second,
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
    if options.runs("http") {
        let db = backend.fresh("http").await?;
        let result = http::run(backend.name(), &db.url, options).await;
        db.remove(backend).await?;
        result?;
    }
    if options.runs("gateway") {
        let db = backend.fresh("gateway").await?;
        let result = gateway::run(backend.name(), &db.url, options).await;
        db.remove(backend).await?;
        result?;
    }
    Ok(())
}
