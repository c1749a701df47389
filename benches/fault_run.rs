//! The fault run: does the product keep its promise when the process dies mid-way?
//!
//! The promise: processing a stored request runs in one transaction, so its effects (a kudos),
//! every message it causes (outbox rows) and its done mark commit together; a pulse batch is
//! claimed, queued and marked in one unit of work too. A crash at any instant leaves nothing
//! or everything, so nothing is lost and nothing is done twice. The one gap is a call the
//! platform accepted that the outbox had not yet marked sent when the process died: it is sent
//! again once its lease expires.
//!
//! `cargo bench --bench fault_run` builds the release binary and then:
//! 1. creates a fresh PostgreSQL database `fault_<random>` on the server at
//!    `AMBASSADOR_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`),
//!    dropped at the end;
//! 2. starts a fake Slack Web API in this process (127.0.0.1, random port) whose workspace
//!    has N members, and writes the org chart of the same N people (departments, teams,
//!    managers, eleven time zones, three languages, one admin) as a CSV;
//! 3. starts the real binary, `ambassador serve`, as a child process on a fixed port, pointed
//!    at the database and the fake (`SLACK_API_URL`), with a 1 s scheduler tick; once it has
//!    created the org and read the members, applies the chart with `ambassador org import`;
//! 4. starts a steady load of signed `/kudos <@…> … <unique text> …` slash commands from ever
//!    different givers (each gives at most 4, under the daily allowance of 5), recording
//!    each request that got HTTP 200;
//! 5. sends a signed `/ambassador pulse start` from the admin: a round to all N people;
//! 6. while the fake counts pulse DMs, kills `serve` with SIGKILL at 20 %, 45 % and 70 % and
//!    restarts it at once on the same port, and restarts PostgreSQL at 32 % while `serve`
//!    keeps running (`pg_ctlcluster --skip-systemctl-redirect <version> main restart`; other
//!    sessions using the same server see an outage of a second or two);
//! 7. stops the load once the fan-out is through (or waits only for leases), then waits,
//!    polling the database, until no request in the inbox is unprocessed and no call in the
//!    outbox unsent (leases: 60 s inbox, 60 s outbox; pulse claims made in a unit of work
//!    that never committed vanish with it), and stops `serve` with SIGTERM;
//! 8. counts, from what the fake accepted and what the database holds, and prints a report.
//!
//! It exits non-zero if anyone asked got no pulse DM, any acknowledged kudos is missing or
//! stored twice, any acknowledged request was lost, set aside or left unprocessed, any
//! acknowledged kudos lacks its reply, its recipient's DM or its `#kudos` post, or got a second,
//! different one, or any message reached the fake twice other than the one call in flight when
//! a process was killed (the delivery worker makes one call per org at a time and marks it sent
//! as soon as the platform accepts it, so each kill can leave at most one accepted, unmarked
//! call: the bound is one duplicate per kill, and each duplicate must be that call). It also
//! fails when a fault could not be applied, the round did not ask everyone, or the queues did
//! not drain in time.
//!
//! Knobs (environment):
//! - `FAULT_PEOPLE`: people in the org and the workspace (default 10000);
//! - `FAULT_KUDOS_PER_SECOND`: the kudos load's rate (default 30);
//! - `FAULT_API_DELAY_MS`: how long the fake takes to answer each call (default 0);
//! - `FAULT_CALLS_PER_SECOND`: `slack.api_calls_per_second` for `serve` (default 400; the
//!   fan-out then takes a few tens of seconds against the fake);
//! - `FAULT_KILL_AT`: percentages of pulse DMs at which to SIGKILL `serve` (default `20,45,70`);
//! - `FAULT_PG_RESTART_AT`: percentage at which to restart PostgreSQL (default 32; `off` to
//!   skip, for a server this bench may not restart);
//! - `FAULT_DRAIN_SECS`: how long the queues get to drain after the load stops (default 900);
//! - `FAULT_STALL_SECS`: how long the fan-out may make no progress before the run gives up on
//!   the remaining faults (default 300).
//!
//! Each `serve` process's log is kept in a folder under the system's temporary directory,
//! printed at the start and at the end.

#[path = "fault_run/fake_slack.rs"]
mod fake_slack;
#[path = "fault_run/load.rs"]
mod load;
#[path = "fault_run/org.rs"]
mod org;
#[path = "fault_run/report.rs"]
mod report;
#[path = "fault_run/serve.rs"]
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Datelike;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use fake_slack::{FakeSlack, TEAM_ID};
use serve::Serve;

/// Knobs read from the environment.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub people: usize,
    pub kudos_per_second: f64,
    pub api_delay: Duration,
    pub calls_per_second: u32,
    pub kill_at: Vec<f64>,
    pub pg_restart_at: Option<f64>,
    pub drain: Duration,
    pub stall: Duration,
    pub admin_url: String,
}

impl Options {
    fn from_env() -> Options {
        let text = |name: &str| std::env::var(name).ok().map(|v| v.trim().to_string());
        let num = |name: &str, default: f64| {
            text(name)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(default)
        };
        let kill_at = text("FAULT_KILL_AT")
            .unwrap_or_else(|| "20,45,70".into())
            .split(',')
            .filter_map(|v| v.trim().parse::<f64>().ok())
            .collect();
        let pg_restart_at = match text("FAULT_PG_RESTART_AT").as_deref() {
            Some("off" | "none" | "") => None,
            Some(v) => v.parse().ok(),
            None => Some(32.0),
        };
        Options {
            people: num("FAULT_PEOPLE", 10_000.0).max(10.0) as usize,
            kudos_per_second: num("FAULT_KUDOS_PER_SECOND", 30.0).max(0.1),
            api_delay: Duration::from_millis(num("FAULT_API_DELAY_MS", 0.0) as u64),
            calls_per_second: num("FAULT_CALLS_PER_SECOND", 400.0).max(1.0) as u32,
            kill_at,
            pg_restart_at,
            drain: Duration::from_secs(num("FAULT_DRAIN_SECS", 900.0) as u64),
            stall: Duration::from_secs(num("FAULT_STALL_SECS", 300.0) as u64),
            admin_url: text("AMBASSADOR_TEST_POSTGRES_URL")
                .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".into()),
        }
    }
}

fn main() -> ExitCode {
    let options = Options::from_env();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fault_run: could not start a runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(with_database(options)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("fault_run: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Creates the run's database, runs, and drops the database whatever happened.
async fn with_database(options: Options) -> anyhow::Result<bool> {
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .connect(&options.admin_url)
        .await
        .map_err(|e| anyhow::anyhow!("no PostgreSQL answers at {}: {e}", options.admin_url))?;
    let name = format!("fault_{:016x}", rand::random::<u64>());
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(&admin)
        .await?;
    let url = replace_database(&options.admin_url, &name);
    let result = run(&options, &url).await;
    // The server may have restarted under the admin pool: reconnect for the drop.
    admin.close().await;
    let dropped = async {
        let admin = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect(&options.admin_url)
            .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "drop database if exists {name} with (force)"
        )))
        .execute(&admin)
        .await?;
        admin.close().await;
        Ok::<(), sqlx::Error>(())
    }
    .await;
    match dropped {
        Ok(()) => println!("database {name} dropped"),
        Err(e) => eprintln!("fault_run: could not drop database {name}: {e}"),
    }
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

/// How long after a process died before the next one starts, so every request the dead one
/// had written reaches the fake before calls count as the next one's.
const SETTLE: Duration = Duration::from_millis(200);

/// A fault the run applies, at a share of the pulse DMs counted by the fake.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fault {
    Kill,
    RestartPostgres,
}

/// What happened when a fault (or an unplanned exit) was applied.
#[derive(Debug, Clone)]
pub(crate) struct FaultRecord {
    pub what: String,
    /// Seconds since the round was started.
    pub at_secs: f64,
    /// When it began.
    pub began: Instant,
    /// Pulse DMs the fake had counted.
    pub at_pulses: usize,
    /// The process that died (for kills and unplanned exits).
    pub generation: Option<u32>,
    /// From the fault until `serve` answered again, or PostgreSQL accepted connections again.
    pub outage: Duration,
}

/// Everything the count needs besides the database.
pub(crate) struct Observed {
    pub faults: Vec<FaultRecord>,
    pub faults_missed: Vec<String>,
    pub load: load::LoadLog,
    pub start_signature: String,
    pub fan_out: Duration,
    /// When the last person asked got their first pulse DM, after the round started.
    pub all_pulsed: Option<Duration>,
    /// The longest stretch with no new person getting a pulse DM, before everyone had one.
    pub longest_pause: Duration,
    pub load_stopped_at: Duration,
    /// People with a pulse DM when the load stopped; the rest got theirs in the tail.
    pub pulsed_at_load_stop: usize,
    pub drained: Option<Duration>,
    pub drain_notes: Vec<String>,
    pub wall: Duration,
    pub startup: Duration,
    pub import: String,
}

/// A cron line that fires about half a year from now, so no scheduled round, digest or
/// narrative moment joins the run on the day it happens to be a Monday morning somewhere.
fn far_away_schedule() -> String {
    let day = chrono::Utc::now().date_naive() + chrono::Days::new(180);
    format!("0 0 10 {} {} *", day.day().min(28), day.month())
}

fn pg_version() -> Option<String> {
    let mut versions: Vec<String> = std::fs::read_dir("/etc/postgresql")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    versions.sort();
    versions.pop()
}

/// Restarts the local PostgreSQL cluster; returns how long until it accepted connections.
async fn restart_postgres(db_url: &str) -> anyhow::Result<Duration> {
    let version = pg_version().ok_or_else(|| {
        anyhow::anyhow!("no local PostgreSQL cluster under /etc/postgresql to restart")
    })?;
    let began = Instant::now();
    let status = tokio::task::spawn_blocking(move || {
        std::process::Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &version, "main", "restart"])
            .status()
    })
    .await??;
    if !status.success() {
        anyhow::bail!("pg_ctlcluster restart failed: {status}");
    }
    loop {
        let ok = async {
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(2))
                .connect(db_url)
                .await?;
            sqlx::query("select 1").execute(&pool).await?;
            pool.close().await;
            Ok::<(), sqlx::Error>(())
        }
        .await;
        if ok.is_ok() {
            return Ok(began.elapsed());
        }
        if began.elapsed() > Duration::from_secs(120) {
            anyhow::bail!("PostgreSQL did not come back within two minutes");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn count(pool: &PgPool, sql: &'static str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await?)
}

/// Unprocessed requests, unsent calls and undelivered pulses, when the database answers.
async fn queues(pool: &PgPool) -> anyhow::Result<(i64, i64, i64)> {
    Ok((
        count(
            pool,
            "select count(*) from inbox where processed_at is null",
        )
        .await?,
        count(
            pool,
            "select count(*) from outbox where sent_at is null and failed_at is null",
        )
        .await?,
        count(
            pool,
            "select count(*) from pulse_deliveries where delivered_at is null",
        )
        .await?,
    ))
}

/// The run itself, on the database at `url`.
async fn run(options: &Options, url: &str) -> anyhow::Result<bool> {
    let wall = Instant::now();
    let people = Arc::new(org::generate(options.people));
    let fake = FakeSlack::start(people.as_ref().clone(), options.api_delay).await?;
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "fault_run_{}",
        url.rsplit('/').next().unwrap_or("run")
    ));
    std::fs::create_dir_all(&dir)?;
    let csv_path = dir.join("org.csv");
    std::fs::write(&csv_path, org::csv(&people))?;
    let config_path = dir.join("settings.toml");
    std::fs::write(
        &config_path,
        "# The fault run's settings come from the environment.\n",
    )?;
    let addr = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0")?;
        probe.local_addr()?
    };
    let pool = PgPoolOptions::new()
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await?;
    let far = far_away_schedule();
    let env: Vec<(String, String)> = [
        ("AMBASSADOR__DATABASE__URL", url.to_string()),
        ("SLACK_BOT_TOKEN", fake_slack::BOT_TOKEN.to_string()),
        ("SLACK_SIGNING_SECRET", load::SIGNING_SECRET.to_string()),
        ("SLACK_API_URL", fake.api_url()),
        ("AMBASSADOR__SCHEDULER__TICK_SECONDS", "1".into()),
        (
            "AMBASSADOR__SLACK__API_CALLS_PER_SECOND",
            options.calls_per_second.to_string(),
        ),
        ("AMBASSADOR__PULSE__SCHEDULE", far.clone()),
        ("AMBASSADOR__PULSE__DIGEST_SCHEDULE", far.clone()),
        ("AMBASSADOR__NARRATIVE__MOMENT_SCHEDULE", far.clone()),
        ("AMBASSADOR__SLACK__DIRECTORY_SYNC_SCHEDULE", far),
        ("AMBASSADOR__LOG__LEVEL", "info".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_ambassador"));
    println!(
        "fault_run: {} people, kudos load {}/s, fake answers after {} ms, serve paced at {} calls/s, \
         kills at {:?} %, PostgreSQL restart at {}; logs in {}",
        options.people,
        options.kudos_per_second,
        options.api_delay.as_millis(),
        options.calls_per_second,
        options.kill_at,
        options
            .pg_restart_at
            .map_or("never".to_string(), |p| format!("{p} %")),
        dir.display()
    );

    let mut serve = Serve::new(&binary, &dir, &config_path, addr, env.clone());
    fake.set_generation(serve.generation + 1);
    serve.spawn()?;
    let startup = serve.wait_ready(Duration::from_secs(300)).await?;
    let known = count(
        &pool,
        "select count(*) from people where platform_user_id is not null",
    )
    .await?;
    println!(
        "serve is up after {:.1} s with {known} people read from the fake's users.list",
        startup.as_secs_f64()
    );
    let import = serve::run_to_end(
        &binary,
        &dir,
        &[
            "--config",
            &config_path.display().to_string(),
            "--db",
            url,
            "org",
            "import",
            &csv_path.display().to_string(),
            "--org",
            TEAM_ID,
        ],
        &env,
    )?;
    let import = import.lines().next().unwrap_or_default().trim().to_string();
    println!("org import: {import}");

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .connect_timeout(Duration::from_secs(2))
        .pool_idle_timeout(Duration::from_secs(5))
        .build()?;
    let (stop_load, stop_rx) = tokio::sync::watch::channel(false);
    let load_task = tokio::spawn(load::run_kudos(
        client.clone(),
        serve.base_url.clone(),
        fake.clone(),
        people.clone(),
        options.kudos_per_second,
        stop_rx,
    ));

    // The round: one signed command from the admin.
    let admin = &people[0];
    let started = Instant::now();
    let (start_signature, outcome) = load::post_command(
        &client,
        &serve.base_url,
        load::command_body(
            admin,
            "/ambassador",
            "pulse start",
            &fake.response_url("pulse-start"),
            "1.4242.faultstart",
        ),
    )
    .await;
    if !matches!(outcome, load::Outcome::Acknowledged) {
        anyhow::bail!("/ambassador pulse start was not acknowledged");
    }

    let mut plan: Vec<(f64, Fault)> = options
        .kill_at
        .iter()
        .map(|p| (*p, Fault::Kill))
        .chain(options.pg_restart_at.map(|p| (p, Fault::RestartPostgres)))
        .collect();
    plan.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut plan = plan.into_iter().peekable();
    let mut faults = Vec::new();
    let mut faults_missed = Vec::new();
    let total = options.people;
    let mut last_pulses = 0;
    let mut last_progress = Instant::now();
    let mut last_line = Instant::now();
    let mut all_pulsed = None;
    let mut longest_pause = Duration::ZERO;
    let fan_out;
    loop {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let pulses = fake.pulse_people();
        if pulses != last_pulses {
            last_pulses = pulses;
            last_progress = Instant::now();
        }
        if pulses < total {
            longest_pause = longest_pause.max(last_progress.elapsed());
        } else if all_pulsed.is_none() {
            all_pulsed = Some(started.elapsed());
        }
        if let Some(status) = serve.exited()? {
            let dead = serve.generation;
            let began = Instant::now();
            println!(
                "!! serve (process {dead}) exited by itself: {status}; see {}",
                serve.log_path(dead).display()
            );
            serve.reap();
            tokio::time::sleep(SETTLE).await;
            fake.set_generation(serve.generation + 1);
            serve.spawn()?;
            let up = serve.wait_ready(Duration::from_secs(300)).await?;
            faults.push(FaultRecord {
                what: format!("serve exited by itself ({status})"),
                at_secs: began.duration_since(started).as_secs_f64(),
                began,
                at_pulses: pulses,
                generation: Some(dead),
                outage: began.elapsed().max(up),
            });
            continue;
        }
        if last_line.elapsed() > Duration::from_secs(5) {
            println!(
                "  {:>5.1} s: {pulses} of {total} people have a pulse DM, {} calls accepted",
                started.elapsed().as_secs_f64(),
                fake.call_count()
            );
            last_line = Instant::now();
        }
        match plan.peek().copied() {
            Some((percent, fault)) if pulses as f64 >= total as f64 * percent / 100.0 => {
                plan.next();
                let at = Instant::now();
                let at_secs = at.duration_since(started).as_secs_f64();
                match fault {
                    Fault::Kill => {
                        let dead = serve.generation;
                        serve.kill()?;
                        // A request the process wrote just before it died may still be on its
                        // way through the fake's socket: let it land as the dead process's.
                        tokio::time::sleep(SETTLE).await;
                        fake.set_generation(dead + 1);
                        serve.spawn()?;
                        serve.wait_ready(Duration::from_secs(300)).await?;
                        let outage = at.elapsed();
                        println!(
                            "!! SIGKILL of serve (process {dead}) at {pulses} pulse DMs ({percent} %), \
                             {at_secs:.1} s in; process {} answered {:.2} s later",
                            serve.generation,
                            outage.as_secs_f64()
                        );
                        faults.push(FaultRecord {
                            what: format!("SIGKILL at {percent} %"),
                            at_secs,
                            began: at,
                            at_pulses: pulses,
                            generation: Some(dead),
                            outage,
                        });
                    }
                    Fault::RestartPostgres => match restart_postgres(url).await {
                        Ok(outage) => {
                            println!(
                                "!! PostgreSQL restarted at {pulses} pulse DMs ({percent} %), \
                                 {at_secs:.1} s in; accepting connections again {:.2} s later",
                                outage.as_secs_f64()
                            );
                            faults.push(FaultRecord {
                                what: format!("PostgreSQL restart at {percent} %"),
                                at_secs,
                                began: at,
                                at_pulses: pulses,
                                generation: None,
                                outage,
                            });
                        }
                        Err(e) => {
                            println!("!! PostgreSQL could not be restarted: {e:#}");
                            faults_missed.push(format!("PostgreSQL restart: {e:#}"));
                        }
                    },
                }
                continue;
            }
            Some((percent, _)) if last_progress.elapsed() > options.stall => {
                println!(
                    "!! the fan-out made no progress for {:?} at {pulses} pulse DMs; \
                     the faults from {percent} % on are not applied",
                    options.stall
                );
                for (percent, fault) in plan.by_ref() {
                    faults_missed.push(format!("{fault:?} at {percent} %: not reached"));
                }
                fan_out = started.elapsed();
                break;
            }
            Some(_) => {}
            None => {
                // Every fault applied: the fan-out is through once everyone has a DM, or when
                // what is left waits only for leases of the killed processes.
                if pulses >= total || last_progress.elapsed() > Duration::from_secs(10) {
                    fan_out = started.elapsed();
                    break;
                }
            }
        }
    }
    let _ = stop_load.send(true);
    let load = load_task.await?;
    let load_stopped_at = started.elapsed();
    let pulsed_at_load_stop = fake.pulse_people();
    println!(
        "load stopped {:.1} s in: {} kudos sent, {} acknowledged; {} of {total} people have a pulse DM",
        load_stopped_at.as_secs_f64(),
        load.sent.len(),
        load.sent.iter().filter(|s| s.acknowledged).count(),
        fake.pulse_people()
    );

    // The tail: wait for leases to expire and the queues to empty.
    let tail = Instant::now();
    let mut drain_notes = Vec::new();
    let mut last_line = Instant::now();
    let mut empty_polls = 0;
    let mut last_calls = fake.call_count();
    let drained = loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if let Some(status) = serve.exited()? {
            drain_notes.push(format!(
                "serve (process {}) exited by itself while draining: {status}",
                serve.generation
            ));
            serve.reap();
            tokio::time::sleep(SETTLE).await;
            fake.set_generation(serve.generation + 1);
            serve.spawn()?;
            serve.wait_ready(Duration::from_secs(300)).await?;
        }
        let pulses = fake.pulse_people();
        if pulses != last_pulses {
            last_pulses = pulses;
            last_progress = Instant::now();
        }
        if pulses < total {
            longest_pause = longest_pause.max(last_progress.elapsed());
        } else if all_pulsed.is_none() {
            all_pulsed = Some(started.elapsed());
        }
        let calls = fake.call_count();
        match queues(&pool).await {
            Ok((0, 0, 0)) if calls == last_calls => {
                empty_polls += 1;
                if empty_polls >= 3 {
                    break Some(tail.elapsed());
                }
            }
            Ok((inbox, outbox, deliveries)) => {
                empty_polls = 0;
                if last_line.elapsed() > Duration::from_secs(10) {
                    let leases: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
                        "select max(claimed_until) from outbox where sent_at is null and failed_at is null",
                    )
                    .fetch_one(&pool)
                    .await
                    .ok()
                    .flatten();
                    println!(
                        "  tail {:>5.1} s: {inbox} requests unprocessed, {outbox} calls unsent \
                         (last lease ends {}), {deliveries} pulses not queued",
                        tail.elapsed().as_secs_f64(),
                        leases.map_or("-".to_string(), |l| l.format("%H:%M:%S").to_string())
                    );
                    last_line = Instant::now();
                }
            }
            Err(e) => {
                empty_polls = 0;
                drain_notes.push(format!("could not read the queues: {e:#}"));
            }
        }
        last_calls = calls;
        if tail.elapsed() > options.drain {
            break None;
        }
    };
    match serve.stop(Duration::from_secs(30)).await? {
        Some(status) => println!("serve stopped: {status}"),
        None => println!("serve did not stop within 30 s of SIGTERM and was killed"),
    }

    let observed = Observed {
        faults,
        faults_missed,
        load,
        start_signature,
        fan_out,
        all_pulsed,
        longest_pause,
        load_stopped_at,
        pulsed_at_load_stop,
        drained,
        drain_notes,
        wall: wall.elapsed(),
        startup,
        import,
    };
    let passed = report::count_and_print(&pool, &fake, &people, &serve, &observed, options).await?;
    pool.close().await;
    println!("logs: {}", dir.display());
    Ok(passed)
}
