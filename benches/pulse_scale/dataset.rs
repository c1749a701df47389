//! The data set the scale benchmarks share: 10,000 people in about 800 teams with a year of
//! weekly rounds, created and closed by the product's own code (question choice, invitations,
//! aggregation once at close, erasing respondent keys); only the answers and kudos themselves
//! are written in bulk instead of one chat message each.

use std::sync::Arc;

use ambassador::bot::Bot;
use ambassador::core::clock::ManualClock;
use ambassador::core::directory::{Org, Person};
use ambassador::store::prelude::*;
use ambassador::store::{Store, random_id};
use chrono::{DateTime, Duration, Utc};

pub const TEAMS: usize = 800;
const DIVISIONS: usize = 8;
const ZONES: [&str; 5] = [
    "Europe/London",
    "Europe/Athens",
    "Europe/Warsaw",
    "America/New_York",
    "Asia/Tokyo",
];

/// A deterministic pseudo-random generator (xorshift), so runs are comparable.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit().max(1e-12), self.unit());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// The org chart CSV of `people` people: a CEO, eight division heads, and teams of about twelve.
pub fn org_csv(people: usize) -> String {
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

/// A year (`rounds`) of weekly rounds from `start`, answered by about four people in five, with
/// about three kudos per team per week; returns the directory. The clock is left at the last
/// round's close.
pub async fn year_of_rounds(
    store: &Store,
    bot: &Bot,
    org: &Org,
    clock: &Arc<ManualClock>,
    start: DateTime<Utc>,
    rounds: usize,
) -> anyhow::Result<Vec<Person>> {
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let directory = store.people(org.id).await?;
    let baselines: Vec<f64> = directory.iter().map(|_| 3.8 + 0.6 * rng.normal()).collect();
    for r in 0..rounds {
        let trigger = start + Duration::weeks(r as i64) + Duration::hours(1);
        clock.set(trigger);
        let Some(round) = bot.create_scheduled_round(org, trigger).await? else {
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
        bulk_history(store, round.id, org.id.0, &answers, &responded, trigger).await?;
        bulk_kudos(store, org.id.0, &directory, &mut rng, trigger).await?;
        clock.set(round.closes_at);
        bot.close_pulse_round(round.id).await?;
    }
    Ok(directory)
}

/// Runs `run(backend, url)` on a SQLite file in a temporary folder and, when
/// `AMBASSADOR_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`) answers,
/// on a PostgreSQL database made for it (`{name}_{pid}`) and dropped afterwards.
pub async fn on_sqlite_and_postgres<F, Fut>(name: &str, mut run: F) -> anyhow::Result<()>
where
    F: FnMut(&'static str, String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let sqlite = format!(
        "sqlite://{}",
        dir.path().join(format!("{name}.db")).display()
    );
    run("sqlite", sqlite).await?;
    let admin = std::env::var("AMBASSADOR_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let Ok(Store::Postgres(pool)) = Store::connect(&admin, 1).await else {
        println!("postgres: skipped, nothing answers at {admin}");
        return Ok(());
    };
    let database = format!("{name}_{}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {database}")))
        .execute(&pool)
        .await?;
    let url = match admin.rfind('/') {
        Some(i) => format!("{}/{database}", &admin[..i]),
        None => admin.clone(),
    };
    let result = run("postgres", url).await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "drop database if exists {database} with (force)"
    )))
    .execute(&pool)
    .await?;
    result
}

/// Answers, delivery marks and responses of one round, written in bulk.
pub async fn bulk_history(
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
pub async fn bulk_kudos(
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
