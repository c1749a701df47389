//! The test harness: a real database per test (a SQLite file or a fresh PostgreSQL database)
//! and a console session driven the way a person types.

use ambassador::store::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

use ambassador::app::{build_bot, ensure_local_org, open_store};
use ambassador::bot::Platforms;
use ambassador::bot::{Bot, import_org_chart};
use ambassador::config::{self, Config};
use ambassador::core::clock::ManualClock;
use ambassador::core::directory::{Org, Person};
use ambassador::demo::DEMO_ORG_CSV;
use ambassador::platform::console::{ConsolePlatform, ConsoleSession, Step};
use ambassador::store::Store;
use chrono::{DateTime, TimeZone, Utc};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one async test body on both backends, as `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if $crate::helpers::postgres_skipped() {
                        return;
                    }
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            }
        )*
    };
}

/// Whether `scripts/test` found no PostgreSQL and said so (never under CI).
pub fn postgres_skipped() -> bool {
    let skip = std::env::var("AMBASSADOR_TEST_SKIP_POSTGRES").is_ok_and(|v| v == "1");
    if skip {
        eprintln!("PostgreSQL half skipped: AMBASSADOR_TEST_SKIP_POSTGRES=1");
    }
    skip
}

/// The PostgreSQL server tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("AMBASSADOR_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A database that exists for one test and is removed after it.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temp dir");
                let url = format!("sqlite://{}", dir.path().join("ambassador.db").display());
                TestDb {
                    url,
                    _dir: Some(dir),
                    pg_name: None,
                }
            }
            Backend::Postgres => {
                let admin = postgres_admin_url();
                let name = format!("t_{}", uuid_like());
                let store = Store::connect(&admin, 1).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL at {admin} is not reachable ({e}). Start it, set \
                         AMBASSADOR_TEST_POSTGRES_URL, or run scripts/test, which says loudly when it skips"
                    )
                });
                let Store::Postgres(pool) = &store else {
                    panic!("{admin} is not a PostgreSQL URL")
                };
                sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
                    .execute(pool)
                    .await
                    .expect("create a test database");
                store.close().await;
                let url = replace_database(&admin, &name);
                TestDb {
                    url,
                    _dir: None,
                    pg_name: Some(name),
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        let admin = postgres_admin_url();
        // Drop runs outside async; use a small runtime on its own thread.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(Store::Postgres(pool)) = Store::connect(&admin, 1).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "drop database if exists {name} with (force)"
                    )))
                    .execute(&pool)
                    .await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

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

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Wednesday 25 November 2026, 10:00 UTC: the instant every test starts at.
pub fn test_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
        .single()
        .expect("a valid instant")
}

/// The shipped configuration, pointed at a test database.
pub fn test_config(db_url: &str) -> Config {
    let mut config = config::defaults().expect("the shipped defaults are valid");
    config.settings.database.url = db_url.to_string();
    config
}

/// A console session on the demo org, driven line by line.
pub struct TestConsole {
    pub session: ConsoleSession,
    pub store: Store,
    pub bot: Bot,
    pub org: Org,
    pub db: TestDb,
    _images: tempfile::TempDir,
}

impl TestConsole {
    /// The demo organisation on a fresh database of `backend`.
    pub async fn demo(backend: Backend) -> TestConsole {
        let db = TestDb::new(backend).await;
        Self::demo_on(db, test_config_for(backend)).await
    }

    /// A console session on the organisation of `org_csv` (the `org import` format).
    pub async fn with_org(backend: Backend, org_csv: &str) -> TestConsole {
        let db = TestDb::new(backend).await;
        Self::org_on(db, test_config_for(backend), org_csv).await
    }

    async fn demo_on(db: TestDb, config: Config) -> TestConsole {
        Self::org_on(db, config, DEMO_ORG_CSV).await
    }

    /// The demo organisation on `db`, with `config` and a clock the caller keeps (to share
    /// with a server on the same database).
    pub async fn demo_with(db: TestDb, config: Config, clock: Arc<ManualClock>) -> TestConsole {
        Self::org_on_with(db, config, DEMO_ORG_CSV, clock).await
    }

    async fn org_on(db: TestDb, config: Config, org_csv: &str) -> TestConsole {
        let clock = Arc::new(ManualClock::new(test_start()));
        Self::org_on_with(db, config, org_csv, clock).await
    }

    async fn org_on_with(
        db: TestDb,
        mut config: Config,
        org_csv: &str,
        clock: Arc<ManualClock>,
    ) -> TestConsole {
        config.settings.database.url = db.url.clone();
        let config = Arc::new(config);
        let store = open_store(&config, &db.url).await.expect("the store opens");
        let org = ensure_local_org(&store, &config, clock.as_ref())
            .await
            .expect("the local org");
        import_org_chart(&store, &config, &org, org_csv, test_start())
            .await
            .expect("the org chart imports");
        let platform = Arc::new(ConsolePlatform::default());
        let platforms = Platforms::default().with(platform.clone());
        let bot = build_bot(store.clone(), config, clock.clone(), platforms).expect("the bot");
        let images = tempfile::tempdir().expect("a temp dir");
        let (session, _) = ConsoleSession::start(
            bot.clone(),
            store.clone(),
            platform,
            clock,
            images.path().into(),
        )
        .await
        .expect("the console starts");
        TestConsole {
            session,
            store,
            bot,
            org,
            db,
            _images: images,
        }
    }

    /// Types one input and returns everything printed in reply, one string.
    pub async fn say(&mut self, text: &str) -> String {
        match self.session.input(text).await {
            Step::Continue(lines) | Step::Quit(lines) => lines.join("\n"),
        }
    }

    /// Switches who is typing, checking it worked.
    pub async fn as_(&mut self, handle: &str) {
        let out = self.say(&format!("/as {handle}")).await;
        assert!(out.contains(handle), "could not switch to {handle}: {out}");
    }

    /// Types as `handle`, a shorthand for `/as` followed by the input.
    pub async fn say_as(&mut self, handle: &str, text: &str) -> String {
        self.as_(handle).await;
        self.say(text).await
    }

    /// A person of the demo org.
    pub async fn person(&self, handle: &str) -> Person {
        self.store
            .person_by_handle(self.org.id, handle)
            .await
            .expect("the store answers")
            .unwrap_or_else(|| panic!("no {handle} in the demo org"))
    }

    /// How many kudos are stored.
    pub async fn kudos_count(&self) -> i64 {
        self.store.kudos_count(self.org.id).await.expect("count")
    }
}

fn test_config_for(_backend: Backend) -> Config {
    test_config("sqlite://unused")
}

/// The button id (`b3`) shown before `label` in console output.
pub fn button_before(output: &str, label: &str) -> String {
    let line = output
        .lines()
        .find(|l| l.contains(label) && l.contains("[b"))
        .unwrap_or_else(|| panic!("no button {label} in:\n{output}"));
    let start = line.find("[b").expect("a button") + 1;
    let end = line[start..].find(']').expect("a closing bracket") + start;
    line[start..end].to_string()
}

/// The repository root, for tests that read files or run the binary.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file below `dir`, for tests that read the source.
pub fn rust_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

/// Sends what the outbox holds through a console courier (the relay's delivery worker, run
/// until nothing is due) and returns everything delivered, in order.
pub async fn delivered(
    store: &Store,
    platform: &Arc<ConsolePlatform>,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<(
    ambassador::core::outbound::Destination,
    ambassador::core::message::Message,
)> {
    let clock: Arc<dyn ambassador::core::clock::Clock> = Arc::new(ManualClock::new(now));
    let (_keep, never) = tokio::sync::watch::channel(false);
    let mut pacer = ambassador::relay::outbox::Pacer::new(1_000_000);
    while ambassador::relay::outbox::deliver_due(platform, store, &clock, &mut pacer, &never)
        .await
        .expect("the outbox is readable")
        > 0
    {}
    platform.drain()
}
