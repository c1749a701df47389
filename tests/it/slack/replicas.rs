//! Two `serve` processes on one database, as several replicas run behind a load balancer:
//! one person's kudos arriving at both at once never exceed the daily allowance. Nothing in
//! one process knows about the other; only the database can hold the line.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use ambassador::app::open_store;
use ambassador::bot::import_org_chart;
use ambassador::demo::DEMO_ORG_CSV;
use ambassador::store::prelude::*;
use ambassador::store::{NewInboxItem, Store};

use super::fake::{self, FakeSlack};
use super::harness::{demo_members, slack_id};
use super::payloads::SlashCommand;
use super::signing;
use crate::helpers::{Backend, TestDb, test_config};
use crate::on_both_backends;

on_both_backends!(two_replicas_never_let_one_person_exceed_the_daily_allowance);

/// A `serve` child process, killed when dropped.
struct Replica {
    child: Child,
    url: String,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start_replica(db_url: &str, fake: &FakeSlack, client: &reqwest::Client) -> Replica {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_ambassador"))
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--db",
            db_url,
        ])
        .env("SLACK_SIGNING_SECRET", signing::SIGNING_SECRET)
        .env("SLACK_BOT_TOKEN", fake::BOT_TOKEN)
        .env("SLACK_API_URL", fake.api_url())
        .env("AMBASSADOR__SLACK__API_CALLS_PER_SECOND", "1000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("serve starts");
    let replica = Replica {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = tokio::time::Instant::now() + fake::WAIT * 3;
    loop {
        let up = client
            .get(format!("{}/readyz", replica.url))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if up {
            return replica;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "serve did not come up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn wait_until_processed(store: &Store) {
    let deadline = tokio::time::Instant::now() + fake::WAIT * 3;
    loop {
        let pending = store.inbox_pending().await.expect("pending");
        let unsent = store.outbox_unsent().await.expect("unsent");
        if pending == 0 && unsent == 0 {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still {pending} requests and {unsent} calls"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Makes every kudos insert take 100 ms (PostgreSQL only; SQLite lets one process write at a
/// time anyway).
async fn slow_down_kudos(pool: &sqlx::PgPool) {
    sqlx::query(
        "create function slow_kudos() returns trigger language plpgsql as $$ \
         begin perform pg_sleep(0.1); return new; end $$",
    )
    .execute(pool)
    .await
    .expect("function");
    sqlx::query(
        "create trigger slow_kudos before insert on kudos for each row execute function slow_kudos()",
    )
    .execute(pool)
    .await
    .expect("trigger");
}

/// How many stored requests are claimed by a worker and not yet done.
async fn claimed(store: &Store) -> i64 {
    const SQL: &str =
        "select count(*) from inbox where processed_at is null and claimed_until is not null";
    match store {
        Store::Sqlite(p) => sqlx::query_scalar(SQL).fetch_one(p).await,
        Store::Postgres(p) => sqlx::query_scalar(SQL).fetch_one(p).await,
        other => panic!("a pool, not {other:?}"),
    }
    .expect("count")
}

async fn two_replicas_never_let_one_person_exceed_the_daily_allowance(backend: Backend) {
    let fake = FakeSlack::start().await;
    fake.set_members(fake::TEAM_ID, demo_members()).await;
    let db = TestDb::new(backend).await;
    let client = reqwest::Client::new();
    // The first start creates the workspace's org; the admin then loads the org chart.
    let first = start_replica(&db.url, &fake, &client).await;
    let config = test_config(&db.url);
    let store = open_store(&config, &db.url).await.expect("store");
    let org = store
        .find_org("slack", fake::TEAM_ID)
        .await
        .expect("orgs")
        .expect("serve created the workspace's org");
    import_org_chart(&store, &config, &org, DEMO_ORG_CSV, chrono::Utc::now())
        .await
        .expect("the org chart imports");
    drop(first);

    // Sixteen people who lead nobody (allowance 5 each) each thank twelve colleagues twice,
    // one kudos per request: 384 requests acknowledged and waiting, in the order they came.
    let givers = [
        "ana",
        "ben",
        "eleni",
        "nikos",
        "zofia",
        "piotr",
        "maria",
        "liam",
        "sipho",
        "grace",
        "jakub",
        "yannis",
        "leo",
        "agnieszka",
        "diego",
        "sofia",
    ];
    let colleagues = [
        "olivia", "marcus", "priya", "sam", "kasia", "dev", "hana", "rachel", "chloe", "omar",
        "irene", "frank",
    ];
    for giver in givers {
        // They have used the bot before: no first-time welcome (whose write would also make
        // the replicas take turns on each person).
        let person = store
            .person_by_handle(org.id, giver)
            .await
            .expect("lookup")
            .expect("a demo person");
        store
            .mark_welcomed(person.id, chrono::Utc::now())
            .await
            .expect("welcomed");
    }
    let mut items = Vec::new();
    for n in 0..colleagues.len() * 2 {
        let colleague = colleagues[n % colleagues.len()];
        for giver in givers {
            let command = SlashCommand::new(
                "/kudos",
                &format!(
                    "<@{}> answered customer ticket {giver}-{n} within the hour",
                    slack_id(&format!("{colleague}@acme.example"))
                ),
                &slack_id(&format!("{giver}@acme.example")),
                &fake.response_url(&format!("r-{giver}-{n}")),
            );
            items.push(NewInboxItem {
                platform: "slack",
                org_key: fake::TEAM_ID.into(),
                kind: "command".into(),
                dedupe_key: format!("{giver}-{n}"),
                lane: Some(slack_id(&format!("{giver}@acme.example"))),
                body: command.form().text,
                held: false,
            });
        }
    }
    store
        .inbox_insert_many(&items, chrono::Utc::now())
        .await
        .expect("stored");
    if let Store::Postgres(pool) = &store {
        // Each kudos takes a moment to store, as under load, so the two replicas surely work
        // on the same people at the same time. (SQLite lets one process write at a time.)
        slow_down_kudos(pool).await;
    }

    // One replica claims its first batch (each person's first sixteen) and works on it; the
    // second starts meanwhile and takes the rest (each person's last eight).
    let a = start_replica(&db.url, &fake, &client).await;
    let deadline = tokio::time::Instant::now() + fake::WAIT;
    while claimed(&store).await == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "nothing was claimed"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let b = start_replica(&db.url, &fake, &client).await;
    wait_until_processed(&store).await;

    for giver in givers {
        let person = store
            .person_by_handle(org.id, giver)
            .await
            .expect("lookup")
            .expect("a demo person");
        let given = store
            .recipients_thanked_since(person.id, chrono::Utc::now() - chrono::Duration::days(2))
            .await
            .expect("count");
        assert_eq!(
            given, 5,
            "{giver} gave exactly the daily allowance, on two replicas at once"
        );
    }
    // Every request was answered, once: with thanks or with the allowance refusal.
    let replies = fake.calls_to("response_url").await;
    let mut answered: Vec<String> = replies.iter().map(|r| r.path.clone()).collect();
    answered.sort();
    answered.dedup();
    assert_eq!(answered.len(), givers.len() * colleagues.len() * 2);
    assert_eq!(
        replies.len(),
        answered.len(),
        "no request was answered twice"
    );
    drop((a, b));
}
