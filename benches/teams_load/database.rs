//! Fresh databases for each part of the bench: a SQLite file in a temporary folder, or a new
//! PostgreSQL database on the server at `AMBASSADOR_TEST_POSTGRES_URL`, dropped afterwards
//! (named after the bench's `DATABASE_PREFIX`, the part and the process). Shared by
//! `teams_load` and `discord_load`.

use std::time::Duration;

use ambassador::store::Store;
use sqlx::PgPool;

/// Where databases are made.
pub enum Backend {
    /// SQLite files in one temporary folder.
    Sqlite(tempfile::TempDir),
    /// A PostgreSQL server, through a connection to its admin URL.
    Postgres { admin_url: String, pool: PgPool },
}

/// One fresh database.
pub struct Database {
    /// What `serve` is given.
    pub url: String,
    /// The PostgreSQL database's name, to drop it.
    name: Option<String>,
}

impl Backend {
    /// The backend called `name`; `None` (saying why) for PostgreSQL when no server answers
    /// and for names it does not know.
    pub async fn open(name: &str) -> anyhow::Result<Option<Backend>> {
        match name {
            "sqlite" => Ok(Some(Backend::Sqlite(tempfile::tempdir()?))),
            "postgres" => {
                let admin_url = std::env::var("AMBASSADOR_TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
                let connected =
                    tokio::time::timeout(Duration::from_secs(5), Store::connect(&admin_url, 1))
                        .await;
                let Ok(Ok(Store::Postgres(pool))) = connected else {
                    println!("postgres: skipped, nothing answers at {admin_url}");
                    return Ok(None);
                };
                Ok(Some(Backend::Postgres { admin_url, pool }))
            }
            other => {
                println!("{other}: skipped, not a backend (sqlite, postgres)");
                Ok(None)
            }
        }
    }

    /// `sqlite` or `postgres`.
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres { .. } => "postgres",
        }
    }

    /// A new, empty database for `part`.
    pub async fn fresh(&self, part: &str) -> anyhow::Result<Database> {
        match self {
            Backend::Sqlite(dir) => Ok(Database {
                url: format!(
                    "sqlite://{}",
                    dir.path().join(format!("{part}.db")).display()
                ),
                name: None,
            }),
            Backend::Postgres { admin_url, pool } => {
                let name = format!("{}_{part}_{}", crate::DATABASE_PREFIX, std::process::id());
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "drop database if exists {name}"
                )))
                .execute(pool)
                .await?;
                sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
                    .execute(pool)
                    .await?;
                Ok(Database {
                    url: replace_database(admin_url, &name),
                    name: Some(name),
                })
            }
        }
    }

    /// Lets go of the server connection (the SQLite folder goes with the value).
    pub async fn close(self) {
        if let Backend::Postgres { pool, .. } = self {
            pool.close().await;
        }
    }
}

impl Database {
    /// Drops a PostgreSQL database (a SQLite file goes with its folder).
    pub async fn remove(self, backend: &Backend) -> anyhow::Result<()> {
        if let (Some(name), Backend::Postgres { pool, .. }) = (self.name, backend) {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "drop database if exists {name} with (force)"
            )))
            .execute(pool)
            .await?;
        }
        Ok(())
    }
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
