//! How many signed Slack requests `serve` acknowledges per second, and how fast.
//!
//! `cargo bench --bench slack_load` starts `serve` in this process (the real `Server`, with
//! its inbox writer, inbox worker and delivery worker running) against a small fake Slack Web
//! API, first on a SQLite file and then, when `AMBASSADOR_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`) answers, on a fresh PostgreSQL database dropped
//! afterwards. A load generator in the same process keeps a fixed number of keep-alive
//! HTTP/1.1 connections busy, each sending its next request as soon as the previous one is
//! acknowledged: half `reaction_added` events, half `/kudos` commands, every one signed and
//! unique. Everything shares one Tokio runtime with two worker threads, so the figures are
//! for "server and generator together on two cores".
//!
//! It prints requests per second, latency to the acknowledgement (p50, p99, max), the
//! requests that did not get a 200, and how many stored requests the worker had not yet
//! processed when the load stopped. Then, with the generator stopped, it watches the inbox
//! worker catch up for a while and prints how many stored requests it processed per second
//! (each one a kudos given, its replies queued and delivered to the fake Slack). It asserts
//! nothing.
//!
//! Knobs (environment): `BENCH_SECS` (measured seconds per backend, default 10),
//! `BENCH_WARMUP_SECS` (default 2), `BENCH_DRAIN_SECS` (seconds of catching up watched,
//! default 10), `BENCH_CONNECTIONS` (default 48), `BENCH_BACKENDS` (`sqlite,postgres` by
//! default), `BENCH_API_DELAY_MS` (how long the fake Web API takes to answer, default 0; real
//! Slack takes tens of milliseconds, which is what the inbox worker's lanes are for).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ambassador::app::{Server, open_store};
use ambassador::config;
use ambassador::core::clock::SystemClock;
use ambassador::platform::slack::SlackPlatform;
use ambassador::platform::slack::config::{SlackConfig, SlackCredentials};
use ambassador::platform::slack::signature;
use ambassador::store::Store;
use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::routing::{get, post};
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpStream;

const SECRET: &str = "bench-signing-secret-0123456789abcdef";
const BOT_TOKEN: &str = "xoxb-bench-bot-token";
const TEAM_ID: &str = "TBENCH0001";
const APP_ID: &str = "ABENCH0001";
const BOT_USER: &str = "UBOT";
/// Where the fake Slack listens, for the upload URLs it hands out.
static FAKE_ADDR: std::sync::OnceLock<SocketAddr> = std::sync::OnceLock::new();
/// How long the fake Web API takes to answer each call.
static API_DELAY: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
/// People in the fake workspace; givers and recipients are drawn from them.
const MEMBERS: u64 = 50;

/// Knobs read from the environment.
struct Options {
    secs: u64,
    warmup_secs: u64,
    drain_secs: u64,
    api_delay: Duration,
    connections: usize,
    backends: Vec<String>,
}

impl Options {
    fn from_env() -> Options {
        let num = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        Options {
            secs: num("BENCH_SECS", 10).max(1),
            warmup_secs: num("BENCH_WARMUP_SECS", 2),
            drain_secs: num("BENCH_DRAIN_SECS", 10),
            api_delay: Duration::from_millis(num("BENCH_API_DELAY_MS", 0)),
            connections: num("BENCH_CONNECTIONS", 48).max(1) as usize,
            backends: std::env::var("BENCH_BACKENDS")
                .unwrap_or_else(|_| "sqlite,postgres".into())
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }
}

fn main() -> anyhow::Result<()> {
    let options = Options::from_env();
    let _ = API_DELAY.set(options.api_delay);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let fake = start_fake_slack().await?;
        println!(
            "slack_load: {} connections, {} s warm-up, {} s measured per backend, 2 Tokio workers, \
             fake Web API answers after {} ms",
            options.connections,
            options.warmup_secs,
            options.secs,
            options.api_delay.as_millis()
        );
        if options.backends.iter().any(|b| b == "sqlite") {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            run("sqlite", &url, fake, &options).await?;
        }
        if options.backends.iter().any(|b| b == "postgres") {
            postgres(fake, &options).await?;
        }
        Ok(())
    })
}

/// Runs on a fresh PostgreSQL database, dropped afterwards; skipped, saying so, when no
/// server answers.
async fn postgres(fake: SocketAddr, options: &Options) -> anyhow::Result<()> {
    let admin = std::env::var("AMBASSADOR_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let connected = tokio::time::timeout(Duration::from_secs(5), Store::connect(&admin, 1)).await;
    let Ok(Ok(Store::Postgres(pool))) = connected else {
        println!("postgres: skipped, nothing answers at {admin}");
        return Ok(());
    };
    let name = format!("bench_slack_{}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(&pool)
        .await?;
    let url = replace_database(&admin, &name);
    let result = run("postgres", &url, fake, options).await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "drop database if exists {name} with (force)"
    )))
    .execute(&pool)
    .await?;
    pool.close().await;
    result
}

/// The admin URL pointed at another database, keeping its query (`?sslmode=…`).
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// One backend: start `serve`, warm up, measure, stop.
async fn run(backend: &str, url: &str, fake: SocketAddr, options: &Options) -> anyhow::Result<()> {
    let mut config = config::defaults()?;
    config.settings.database.url = url.to_string();
    config.bind = "127.0.0.1:0".parse()?;
    config.kudos.daily_allowance = 1_000_000;
    let slack = SlackConfig::with_defaults(SlackCredentials {
        signing_secret: Some(SECRET.into()),
        bot_token: Some(BOT_TOKEN.into()),
        api_url: format!("http://{fake}/api"),
        ..SlackCredentials::none()
    })?;
    let config = Arc::new(config);
    let store = open_store(&config, url).await?;
    let clock: Arc<dyn ambassador::core::clock::Clock> = Arc::new(SystemClock);
    let slack = SlackPlatform::new(slack, &config, store.clone(), clock.clone())?;
    let server = Server::build(config.clone(), store.clone(), clock, vec![Arc::new(slack)]).await?;
    let addr = server.local_addr()?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.run_until(async {
        let _ = stop_rx.await;
    }));

    let load = Arc::new(Load::new(fake));
    let warmup = Duration::from_secs(options.warmup_secs);
    let measured = Duration::from_secs(options.secs);
    let began = Instant::now();
    let measure_from = began + warmup;
    let until = measure_from + measured;
    let mut tasks = Vec::with_capacity(options.connections);
    for c in 0..options.connections {
        tasks.push(tokio::spawn(connection(
            addr,
            load.clone(),
            c as u64,
            measure_from,
            until,
        )));
    }
    let cpu = tokio::spawn(async move {
        tokio::time::sleep_until(measure_from.into()).await;
        let before = CpuSample::now();
        tokio::time::sleep_until(until.into()).await;
        CpuSample::now().since(&before)
    });
    let mut stats = Stats::default();
    for task in tasks {
        stats.merge(task.await??);
    }
    // The generator has stopped; the worker is still catching up, as it would in production.
    let cpu = cpu.await?;
    let unprocessed = store.inbox_pending().await?;
    let stored = store.inbox_count("slack", TEAM_ID).await?;
    let drain = drain(&store, unprocessed, Duration::from_secs(options.drain_secs)).await?;
    let _ = stop_tx.send(());
    serving.await??;

    let secs = measured.as_secs_f64();
    let mut lat = stats.latencies_us;
    lat.sort_unstable();
    let pct = |p: f64| {
        if lat.is_empty() {
            0.0
        } else {
            lat[((lat.len() as f64 - 1.0) * p).round() as usize] as f64 / 1000.0
        }
    };
    let max = lat.last().copied().unwrap_or_default() as f64 / 1000.0;
    println!(
        "{backend}: {ok} acknowledged in {secs:.1} s = {rps:.0} requests/s \
         ({events} reaction_added, {commands} /kudos); latency to 200: p50 {p50:.2} ms, \
         p99 {p99:.2} ms, max {max:.2} ms; non-200: {bad} ({statuses}); transport errors: {errors}; \
         stored {stored} in all (warm-up included), {sent} sent; still unprocessed at the end: {unprocessed}; {cpu}\n\
         {backend}: catching up afterwards: {drain}",
        ok = lat.len(),
        rps = lat.len() as f64 / secs,
        events = stats.events,
        commands = stats.commands,
        p50 = pct(0.50),
        p99 = pct(0.99),
        bad = stats.non_200.len(),
        statuses = describe_statuses(&stats.non_200),
        errors = stats.transport_errors,
        sent = load.sequence.load(Ordering::Relaxed),
    );
    Ok(())
}

/// Watches the inbox worker work through what the load left, for at most `limit`, and says
/// how fast it went.
async fn drain(store: &Store, pending: i64, limit: Duration) -> anyhow::Result<String> {
    if pending == 0 {
        return Ok("nothing left to process".into());
    }
    let began = Instant::now();
    let before = CpuSample::now();
    let mut left = pending;
    while began.elapsed() < limit && left > 0 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = store.inbox_pending().await?;
    }
    let secs = began.elapsed().as_secs_f64();
    let done = pending - left;
    Ok(format!(
        "{done} stored requests processed in {secs:.1} s = {:.0} per second, {left} still waiting; {}",
        done as f64 / secs,
        CpuSample::now().since(&before),
    ))
}

/// CPU time so far, this process's and the whole machine's, from `/proc` (Linux only; elsewhere
/// the figures are missing). Shows whether the two cores were saturated, and whether anything
/// else was running during the measurement.
struct CpuSample {
    process_ticks: Option<u64>,
    machine: Option<(u64, u64)>,
}

impl CpuSample {
    fn now() -> CpuSample {
        let process_ticks = std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                // Fields after the command name (which is in parentheses): utime is the 12th and
                // stime the 13th of them.
                let rest = s.rsplit_once(')')?.1;
                let fields: Vec<&str> = rest.split_whitespace().collect();
                Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
            });
        let machine = std::fs::read_to_string("/proc/stat").ok().and_then(|s| {
            let line = s.lines().next()?;
            let ticks: Vec<u64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|v| v.parse().ok())
                .collect();
            let total: u64 = ticks.iter().sum();
            // idle and iowait
            let idle = ticks.get(3)? + ticks.get(4).copied().unwrap_or(0);
            Some((total - idle, total))
        });
        CpuSample {
            process_ticks,
            machine,
        }
    }

    fn since(&self, before: &CpuSample) -> String {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        match (
            self.process_ticks.zip(before.process_ticks),
            self.machine.zip(before.machine),
        ) {
            (Some((p1, p0)), Some(((b1, t1), (b0, t0)))) if t1 > t0 => {
                let total = (t1 - t0) as f64;
                format!(
                    "CPU busy {:.0}% of {cores} cores, this process {:.0}%",
                    100.0 * (b1 - b0) as f64 / total,
                    100.0 * (p1 - p0) as f64 / total,
                )
            }
            _ => "CPU use unknown".into(),
        }
    }
}

fn describe_statuses(codes: &[u16]) -> String {
    if codes.is_empty() {
        return "none".into();
    }
    let mut counts = std::collections::BTreeMap::<u16, usize>::new();
    for c in codes {
        *counts.entry(*c).or_default() += 1;
    }
    counts
        .iter()
        .map(|(c, n)| format!("{n}× {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What one connection saw while measuring.
#[derive(Default)]
struct Stats {
    /// Microseconds from sending to the 200, per acknowledged request.
    latencies_us: Vec<u32>,
    /// Status codes other than 200.
    non_200: Vec<u16>,
    transport_errors: u64,
    events: u64,
    commands: u64,
}

impl Stats {
    fn merge(&mut self, other: Stats) {
        self.latencies_us.extend(other.latencies_us);
        self.non_200.extend(other.non_200);
        self.transport_errors += other.transport_errors;
        self.events += other.events;
        self.commands += other.commands;
    }
}

/// What the generator sends: every request unique (its own event id or trigger id), so
/// none is taken for a retry.
struct Load {
    sequence: AtomicU64,
    response_base: String,
}

/// One request, ready to send.
struct Outgoing {
    path: &'static str,
    content_type: &'static str,
    body: String,
    is_event: bool,
}

impl Load {
    fn new(fake: SocketAddr) -> Load {
        Load {
            sequence: AtomicU64::new(0),
            response_base: format!("http://{fake}/response"),
        }
    }

    fn next(&self) -> Outgoing {
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        let giver = n % MEMBERS + 1;
        let recipient = (n / MEMBERS + giver) % MEMBERS + 1;
        let recipient = if recipient == giver {
            recipient % MEMBERS + 1
        } else {
            recipient
        };
        let now = unix_now();
        if n.is_multiple_of(2) {
            let body = json!({
                "token": "verification-token-unused",
                "team_id": TEAM_ID,
                "api_app_id": APP_ID,
                "event": {
                    "type": "reaction_added",
                    "user": format!("U{giver:04}"),
                    "reaction": "clap",
                    "item_user": format!("U{recipient:04}"),
                    "item": { "type": "message", "channel": "CBENCH0001", "ts": format!("{now}.{n:06}") },
                    "event_ts": format!("{now}.{n:06}"),
                },
                "type": "event_callback",
                "event_id": format!("EvBENCH{n:010}"),
                "event_time": now,
                "authorizations": [{ "team_id": TEAM_ID, "user_id": BOT_USER, "is_bot": true }],
            })
            .to_string();
            Outgoing {
                path: "/slack/events",
                content_type: "application/json",
                body,
                is_event: true,
            }
        } else {
            let fields: [(&str, String); 12] = [
                ("token", "verification-token-unused".into()),
                ("team_id", TEAM_ID.into()),
                ("team_domain", "bench".into()),
                ("channel_id", "CBENCH0001".into()),
                ("channel_name", "general".into()),
                ("user_id", format!("U{giver:04}")),
                ("user_name", format!("person{giver}")),
                ("command", "/kudos".into()),
                (
                    "text",
                    format!(
                        "<@U{recipient:04}> kept customer {n} informed all week #customer-first"
                    ),
                ),
                ("api_app_id", APP_ID.into()),
                ("response_url", format!("{}/{n}", self.response_base)),
                ("trigger_id", format!("{n}.4242.bench{n:x}")),
            ];
            let body = serde_urlencoded::to_string(fields).unwrap_or_default();
            Outgoing {
                path: "/slack/commands",
                content_type: "application/x-www-form-urlencoded",
                body,
                is_event: false,
            }
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// One keep-alive connection: sends the next request when the previous one is answered,
/// until `until`; records the ones sent from `measure_from` on.
async fn connection(
    addr: SocketAddr,
    load: Arc<Load>,
    index: u64,
    measure_from: Instant,
    until: Instant,
) -> anyhow::Result<Stats> {
    let mut stats = Stats::default();
    let mut sender = None;
    // Spread the first requests a little so the connections do not all start in lockstep.
    tokio::time::sleep(Duration::from_micros(index * 50)).await;
    loop {
        let started = Instant::now();
        if started >= until {
            break;
        }
        let measuring = started >= measure_from;
        let mut send = match sender.take() {
            Some(s) => s,
            None => match open(addr).await {
                Ok(s) => s,
                Err(e) => {
                    if measuring {
                        stats.transport_errors += 1;
                    }
                    eprintln!("could not connect: {e}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let out = load.next();
        let ts = unix_now().to_string();
        let sig = signature::sign(SECRET, &ts, out.body.as_bytes());
        let request = Request::post(out.path)
            .header(hyper::header::HOST, "127.0.0.1")
            .header(hyper::header::CONTENT_TYPE, out.content_type)
            .header("x-slack-request-timestamp", ts)
            .header("x-slack-signature", sig)
            .body(Full::new(Bytes::from(out.body)))?;
        let started = Instant::now();
        let answer = async {
            let response = send.send_request(request).await?;
            let status = response.status().as_u16();
            // Read the (tiny) body so the connection is ready for the next request.
            response.into_body().collect().await?;
            Ok::<u16, hyper::Error>(status)
        }
        .await;
        let elapsed = started.elapsed();
        match answer {
            Ok(status) => {
                if measuring {
                    if status == 200 {
                        stats
                            .latencies_us
                            .push(elapsed.as_micros().min(u32::MAX as u128) as u32);
                        if out.is_event {
                            stats.events += 1;
                        } else {
                            stats.commands += 1;
                        }
                    } else {
                        stats.non_200.push(status);
                    }
                }
                sender = Some(send);
            }
            Err(e) => {
                if measuring {
                    stats.transport_errors += 1;
                }
                eprintln!("request failed: {e}");
            }
        }
    }
    Ok(stats)
}

type Sender = http1::SendRequest<Full<Bytes>>;

async fn open(addr: SocketAddr) -> anyhow::Result<Sender> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

/// The fake Slack Web API `serve` talks to: `auth.test` and `users.list` at start, then
/// whatever the inbox and delivery workers call, plus the commands' `response_url`s.
async fn start_fake_slack() -> anyhow::Result<SocketAddr> {
    let app = Router::new()
        .route("/api/{method}", get(api).post(api))
        .route("/response/{id}", post(|| async { "ok" }))
        .route("/upload/{id}", post(|| async { "OK" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let _ = FAKE_ADDR.set(addr);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(addr)
}

async fn api(Path(method): Path<String>) -> axum::Json<Value> {
    if let Some(delay) = API_DELAY.get().filter(|d| !d.is_zero()) {
        tokio::time::sleep(*delay).await;
    }
    let answer = match method.as_str() {
        "auth.test" => json!({
            "ok": true, "url": "https://bench.slack.com/", "team": "Bench Workspace",
            "user": "ambassador", "team_id": TEAM_ID, "user_id": BOT_USER, "bot_id": "BBENCH0001",
            "is_enterprise_install": false,
        }),
        "users.list" => json!({
            "ok": true,
            "members": (1..=MEMBERS).map(member).collect::<Vec<_>>(),
            "cache_ts": unix_now(),
            "response_metadata": { "next_cursor": "" },
        }),
        "users.info" => json!({ "ok": true, "user": member(1) }),
        "chat.getPermalink" => json!({
            "ok": true, "channel": "CBENCH0001",
            "permalink": "https://bench.slack.com/archives/CBENCH0001/p1700000000000100",
        }),
        "conversations.open" => json!({ "ok": true, "channel": { "id": "DBENCH0001" } }),
        "chat.postMessage" | "chat.update" => json!({
            "ok": true, "channel": "DBENCH0001", "ts": "1700000000.000100",
            "message": { "type": "message", "text": "", "ts": "1700000000.000100" },
        }),
        "chat.postEphemeral" => json!({ "ok": true, "message_ts": "1700000000.000100" }),
        "views.open" | "views.publish" | "views.update" => json!({
            "ok": true, "view": { "id": "VBENCH0001", "type": "modal" },
        }),
        "files.getUploadURLExternal" => json!({
            "ok": true, "upload_url": format!("http://{}/upload/F1", FAKE_ADDR.get().copied().unwrap_or(([127, 0, 0, 1], 9).into())), "file_id": "FBENCH0001",
        }),
        _ => json!({ "ok": true }),
    };
    axum::Json(answer)
}

fn member(i: u64) -> Value {
    json!({
        "id": format!("U{i:04}"),
        "team_id": TEAM_ID,
        "name": format!("person{i}"),
        "deleted": false,
        "real_name": format!("Person {i}"),
        "tz": "Europe/London",
        "tz_label": "Greenwich Mean Time",
        "tz_offset": 0,
        "locale": "en-GB",
        "is_bot": false,
        "is_app_user": false,
        "updated": 1_700_000_000,
        "profile": {
            "real_name": format!("Person {i}"),
            "display_name": format!("person{i}"),
            "email": format!("person{i}@bench.example"),
        },
    })
}
