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

use std::sync::Arc;
use std::time::Instant;

use ambassador::app::{build_bot, ensure_local_org, open_store};
use ambassador::bot::Platforms;
use ambassador::bot::import_org_chart;
use ambassador::config;
use ambassador::core::clock::ManualClock;
use ambassador::platform::console::ConsolePlatform;
use ambassador::scheduler::Scheduler;
use ambassador::store::prelude::*;
use ambassador::store::{Store, random_id};
use chrono::{Duration, TimeZone, Utc};

const TEAMS: usize = 800;
const DIVISIONS: usize = 8;
const ZONES: [&str; 5] = [
    "Europe/London",
    "Europe/Athens",
    "Europe/Warsaw",
    "America/New_York",
    "Asia/Tokyo",
];

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A deterministic pseudo-random generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

fn org_csv(people: usize) -> String {
    let mut csv = String::from("email,name,department,manager_email,timezone,locale,admin\n");
    csv.push_str("ceo@big.example,Chief Executive,Executive,,Europe/London,en,yes\n");
    for d in 0..DIVISIONS {
        csv.push_str(&format!(
            "head{d}@big.example,Head {d},Division {d},ceo@big.example,Europe/London,en,no\n"
        ));
    }
    let members = people.saturating_sub(1 + DIVISIONS);
    for i in 0..members {
        let team = i % TEAMS;
        let division = team % DIVISIONS;
        let lead = i < TEAMS;
        let manager = if lead {
            format!("head{division}@big.example")
        } else {
            format!("p{team}@big.example")
        };
        let locale = ["en", "el", "pl"][i % 3];
        csv.push_str(&format!(
            "p{i}@big.example,Person {i},Division {division}/Team {team},{manager},{},{locale},no\n",
            ZONES[i % ZONES.len()]
        ));
    }
    csv
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
    rt.block_on(async {
        let dir = tempfile::tempdir()?;
        let sqlite = format!("sqlite://{}", dir.path().join("scale.db").display());
        run("sqlite", &sqlite).await?;
        println!("peak memory after SQLite: {:.0} MB", peak_memory_mb());

        let admin = std::env::var("AMBASSADOR_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        match Store::connect(&admin, 1).await {
            Ok(Store::Postgres(pool)) => {
                let name = format!("bench_scale_{}", std::process::id());
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
                println!("peak memory after PostgreSQL: {:.0} MB", peak_memory_mb());
            }
            _ => println!("postgres: skipped, nothing answers at {admin}"),
        }
        Ok(())
    })
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
    let summary = import_org_chart(&store, &config, &org, &org_csv(people), start).await?;
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
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let directory = store.people(org.id).await?;
    let baselines: Vec<f64> = directory.iter().map(|_| 3.8 + 0.6 * rng.normal()).collect();
    for r in 0..rounds {
        let trigger = start + Duration::weeks(r as i64) + Duration::hours(1);
        clock.set(trigger);
        let Some(round) = bot.create_scheduled_round(&org, trigger).await? else {
            anyhow::bail!("round {r} was not created");
        };
        let questions: Vec<_> = round
            .question_ids
            .iter()
            .filter_map(|id| bot.questions().iter().find(|q| &q.id == id).cloned())
            .collect();
        let mut answers = Vec::new();
        let mut responded = Vec::new();
        for (person, baseline) in directory.iter().zip(&baselines) {
            if rng.unit() > 0.8 {
                continue;
            }
            responded.push(person.id.0);
            let key = random_id();
            for q in &questions {
                let (lo, hi) = q.scale.range();
                let value = if hi == 10 {
                    (baseline * 2.0 + 1.5 * rng.normal()).round()
                } else {
                    (baseline + 0.8 * rng.normal()).round()
                }
                .clamp(f64::from(lo), f64::from(hi)) as i64;
                answers.push((
                    person.department_id.map(|d| d.0),
                    q.id.clone(),
                    q.driver.as_str(),
                    value,
                    key.clone(),
                ));
            }
        }
        bulk_history(&store, round.id, org.id.0, &answers, &responded, trigger).await?;
        bulk_kudos(&store, org.id.0, &directory, &mut rng, trigger).await?;
        clock.set(round.closes_at);
        bot.close_pulse_round(round.id).await?;
    }
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

/// Answers, delivery marks and responses of one round, written in bulk.
async fn bulk_history(
    store: &Store,
    round: i64,
    org: i64,
    answers: &[(Option<i64>, String, &str, i64, String)],
    responded: &[i64],
    at: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    macro_rules! on_pool {
        ($pool:expr) => {{
            let mut tx = $pool.begin().await?;
            sqlx::query("update pulse_deliveries set delivered_at = $2 where round_id = $1")
                .bind(round)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            for chunk in answers.chunks(1000) {
                let mut q = sqlx::QueryBuilder::new(
                    "insert into pulse_answers (id, round_id, org_id, department_id, question_id, driver, value, respondent_key) ",
                );
                q.push_values(chunk, |mut b, (dept, qid, driver, value, key)| {
                    b.push_bind(random_id())
                        .push_bind(round)
                        .push_bind(org)
                        .push_bind(*dept)
                        .push_bind(qid.clone())
                        .push_bind(driver.to_string())
                        .push_bind(*value)
                        .push_bind(key.clone());
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in responded.chunks(1000) {
                let mut q = sqlx::QueryBuilder::new(
                    "update pulse_deliveries set responded = true where round_id = ",
                );
                q.push_bind(round).push(" and person_id in (");
                let mut list = q.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                list.push_unseparated(")");
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }};
    }
    match store {
        Store::Sqlite(p) => on_pool!(p),
        Store::Postgres(p) => on_pool!(p),
        Store::Tx(_) => anyhow::bail!("bulk history is written on a pool"),
    }
    Ok(())
}

/// About three kudos per team per week, to a teammate, recorded as the product records them.
async fn bulk_kudos(
    store: &Store,
    org: i64,
    directory: &[ambassador::core::directory::Person],
    rng: &mut Rng,
    at: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    let count = TEAMS * 3;
    let mut rows = Vec::with_capacity(count);
    for _ in 0..count {
        let giver = &directory[(rng.next() % directory.len() as u64) as usize];
        let receiver = &directory[(rng.next() % directory.len() as u64) as usize];
        if giver.id == receiver.id {
            continue;
        }
        rows.push((giver, receiver));
    }
    macro_rules! on_pool {
        ($pool:expr) => {{
            let mut tx = $pool.begin().await?;
            for (giver, receiver) in &rows {
                let id: i64 = sqlx::query_scalar(
                    "insert into kudos (org_id, giver_id, giver_department_id, message, kudos_values, created_at) \
                     values ($1, $2, $3, $4, $5, $6) returning id",
                )
                .bind(org)
                .bind(giver.id.0)
                .bind(giver.department_id.map(|d| d.0))
                .bind("stayed late to get a customer's order out on time")
                .bind("[\"customer-first\"]")
                .bind(at)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "insert into kudos_recipients (kudos_id, org_id, recipient_id, recipient_department_id, recipient_manager_id) \
                     values ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(org)
                .bind(receiver.id.0)
                .bind(receiver.department_id.map(|d| d.0))
                .bind(receiver.manager_id.map(|m| m.0))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }};
    }
    match store {
        Store::Sqlite(p) => on_pool!(p),
        Store::Postgres(p) => on_pool!(p),
        Store::Tx(_) => anyhow::bail!("bulk history is written on a pool"),
    }
    Ok(())
}
