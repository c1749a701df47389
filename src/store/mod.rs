//! Persistence over sqlx: SQLite by default, PostgreSQL for several replicas.
//!
//! One [`Store`] serves both backends. Each method holds one SQL text written to run on both
//! (`$1` placeholders work on SQLite too, and both have `RETURNING` and `ON CONFLICT`), and the
//! `with_pool!` macro runs it on whichever pool the URL chose. The few statements that must
//! differ (claiming a job with `FOR UPDATE SKIP LOCKED`) say so where they are. Each backend has
//! its own migrations folder with the same file names; a test keeps the two in step, and the
//! store contract tests run every method on both.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ambassador::store::StoreError> {
//! let store = ambassador::store::Store::connect("sqlite://data/ambassador.db", 5).await?;
//! store.migrate().await?;
//! # Ok(()) }
//! ```

mod alerts;
mod backlog;
mod directory;
mod jobs;
mod kudos;
mod narrative;
mod orgs;
mod pulse;
mod relay;
mod roster;
mod rows;
mod turns;
pub mod unit;
mod web;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use alerts::{AlertRecord, NewAlert};
pub use backlog::PlatformBacklog;
pub use directory::{ImportSummary, SyncSummary};
pub use jobs::{JobRecord, NewJob};
pub use kudos::{KudosRecord, KudosTotals, NewKudos, NewRecipient, RecipientRecord};
pub use narrative::{AckOutcome, StoredNarrative};
pub use pulse::{
    ClosingAnswer, DeliveryRecord, NewAnswer, NewDelivery, NewRound, ParticipationRow, ResultRow,
    RoundRecord, SaveAnswerError, new_secret, random_id,
};
pub use relay::{InboxItem, NewInboxItem, NewOutbound, OutboxItem};
pub use roster::{RosterCounts, RosterEntry, RosterFilter};
pub use web::{LinkRefusal, NewSignInLink, NewWebSession, WebSessionRecord, WebStore, token_hash};

pub use alerts::AlertStore;
pub use backlog::BacklogStore;
pub use directory::DirectoryStore;
pub use jobs::JobStore;
pub use kudos::KudosStore;
pub use narrative::NarrativeStore;
pub use orgs::OrgStore;
pub use pulse::PulseStore;
pub use roster::RosterStore;

/// The ports, to bring their methods into scope: `use crate::store::prelude::*;`.
pub mod prelude {
    pub use super::{
        AlertStore, BacklogStore, Db, DirectoryStore, JobStore, KudosStore, NarrativeStore,
        OrgStore, OutboundStore, PulseStore, RosterStore, UnitOfWork, WebStore,
    };
}

/// The outbox, as a use case sees it: messages queued to go out when the work commits.
#[async_trait::async_trait]
pub trait OutboundStore: Send + Sync {
    /// Queues calls a platform adapter rendered; in a unit of work they are written when it
    /// commits, and never if it rolls back.
    async fn queue_outbound(&self, rows: &[NewOutbound]) -> StoreResult<()>;
}

#[async_trait::async_trait]
impl OutboundStore for Store {
    async fn queue_outbound(&self, rows: &[NewOutbound]) -> StoreResult<()> {
        Store::queue_outbound(self, rows).await
    }
}

/// Units of work, as a use case sees them: what it does through the returned handle commits or
/// rolls back together.
#[async_trait::async_trait]
pub trait UnitOfWork: Send + Sync {
    /// Opens a unit of work (a savepoint when this already is one).
    async fn begin_unit(&self) -> StoreResult<Arc<dyn Db>>;
    /// Commits this unit (see [`Store::commit`]).
    async fn commit_unit(&self) -> StoreResult<()>;
    /// Undoes this unit (see [`Store::rollback`]).
    async fn rollback_unit(&self) -> StoreResult<()>;
}

#[async_trait::async_trait]
impl UnitOfWork for Store {
    async fn begin_unit(&self) -> StoreResult<Arc<dyn Db>> {
        Ok(Arc::new(self.begin().await?))
    }
    async fn commit_unit(&self) -> StoreResult<()> {
        self.commit().await
    }
    async fn rollback_unit(&self) -> StoreResult<()> {
        self.rollback().await
    }
}

/// Every port the bot uses, in one: what it holds, and what a unit of work hands it. A use case
/// test can implement it over memory instead of SQL.
pub trait Db:
    OrgStore
    + DirectoryStore
    + KudosStore
    + NarrativeStore
    + PulseStore
    + AlertStore
    + JobStore
    + OutboundStore
    + WebStore
    + RosterStore
    + BacklogStore
    + UnitOfWork
{
}

impl<T> Db for T where
    T: OrgStore
        + DirectoryStore
        + KudosStore
        + NarrativeStore
        + PulseStore
        + AlertStore
        + JobStore
        + OutboundStore
        + WebStore
        + RosterStore
        + BacklogStore
        + UnitOfWork
{
}

/// The database, whichever backend the URL chose, or one unit of work inside it.
///
/// Every method runs on whichever of these it is given: on a pool each statement stands on its
/// own (or opens its own short transaction); on [`Store::Tx`] everything runs inside the one
/// transaction that [`Store::begin`] opened, and becomes visible to others only at
/// [`Store::commit`].
#[derive(Debug, Clone)]
pub enum Store {
    /// The embedded default.
    Sqlite(SqlitePool),
    /// For multi-replica deployments.
    Postgres(PgPool),
    /// A unit of work: one transaction (or a savepoint inside one).
    Tx(Arc<unit::Tx>),
}

/// Runs the same expression on whichever pool the store holds, or on the connection of its
/// unit of work. Inside `$body`, `$pool` is an executor: `&Pool` on a pool, `&mut Connection`
/// in a unit of work (use it once, or open a nested transaction with `begin_write`).
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            $crate::store::Store::Sqlite($pool) => $body,
            $crate::store::Store::Postgres($pool) => $body,
            $crate::store::Store::Tx(unit) => {
                let mut guard = unit.lock().await;
                match unit.open(&mut guard) {
                    Some($crate::store::unit::TxConn::Sqlite(t)) => {
                        let $pool: &mut sqlx::SqliteConnection = &mut **t;
                        $body
                    }
                    Some($crate::store::unit::TxConn::Postgres(t)) => {
                        let $pool: &mut sqlx::PgConnection = &mut **t;
                        $body
                    }
                    None => return Err($crate::store::StoreError::UnitEnded.into()),
                }
            }
        }
    };
}
pub(crate) use with_pool;

/// Starts a transaction that will write: on a pool, a new transaction; on the connection of a
/// unit of work, a savepoint inside it.
///
/// On SQLite a plain `BEGIN` reads first and upgrades to a write lock later, and that upgrade
/// fails at once (instead of waiting) when another connection wrote in between; `BEGIN
/// IMMEDIATE` takes the write lock up front and waits for it under `busy_timeout`.
pub(crate) trait BeginWrite<'c> {
    type Db: sqlx::Database;
    fn begin_write(
        self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'c, Self::Db>, sqlx::Error>> + Send;
}

impl<'c> BeginWrite<'c> for &'c SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(self) -> Result<sqlx::Transaction<'c, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl<'c> BeginWrite<'c> for &'c PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(self) -> Result<sqlx::Transaction<'c, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

impl<'c> BeginWrite<'c> for &'c mut sqlx::SqliteConnection {
    type Db = sqlx::Sqlite;
    async fn begin_write(self) -> Result<sqlx::Transaction<'c, sqlx::Sqlite>, sqlx::Error> {
        sqlx::Connection::begin(self).await
    }
}

impl<'c> BeginWrite<'c> for &'c mut sqlx::PgConnection {
    type Db = sqlx::Postgres;
    async fn begin_write(self) -> Result<sqlx::Transaction<'c, sqlx::Postgres>, sqlx::Error> {
        sqlx::Connection::begin(self).await
    }
}

/// SQLite's own checkpoint threshold, in pages (its default is 1,000): raised so that most
/// checkpoint work is done by the background task rather than inside a commit. It still matters
/// under a load that never pauses: the log only starts over from its beginning once a checkpoint
/// has caught up with it, which the commit-time checkpoint does, so the file stays near
/// 40 MB at worst (seen in `benches/slack_load.rs`).
const WAL_AUTOCHECKPOINT_PAGES: u32 = 10_000;

/// How often the background checkpointer copies the SQLite write-ahead log into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);

/// Copies the write-ahead log into the database file every [`CHECKPOINT_EVERY`] until the pool
/// closes. A passive checkpoint waits for nobody and blocks nobody; done here, its copying and
/// fsyncs no longer land inside the commit that crossed SQLite's threshold (under load that was
/// often the Slack inbox's, holding up every acknowledgement in its group).
async fn checkpointer(pool: SqlitePool) {
    let closed = pool.close_event();
    let mut closed = std::pin::pin!(closed);
    let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut closed => return,
            _ = tick.tick() => {}
        }
        const SQL: &str = "pragma wal_checkpoint(PASSIVE)";
        if let Err(e) = sqlx::query(SQL).execute(&pool).await {
            if pool.is_closed() {
                return;
            }
            tracing::debug!(error = %e, "a background checkpoint failed; the next one retries");
        }
    }
}

/// What can go wrong in the store, in terms callers can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write: the thing already exists.
    #[error("already exists ({constraint})")]
    Conflict {
        /// The constraint or index that refused it.
        constraint: String,
    },
    /// The URL names no backend we support.
    #[error(
        "unsupported database URL {0}: use sqlite://PATH (the embedded default) or postgres://USER@HOST/DATABASE"
    )]
    UnsupportedUrl(String),
    /// A stored value could not be read back (a bad time zone, broken JSON).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// Applying the migrations failed.
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Anything else from the database driver.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// A unit of work was used after it committed or rolled back: a bug in the caller.
    #[error("the unit of work has already ended")]
    UnitEnded,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict {
                constraint: db
                    .constraint()
                    .map(str::to_string)
                    .unwrap_or_else(|| db.message().to_string()),
            },
            other => StoreError::Database(other),
        }
    }
}

impl StoreError {
    /// Whether trying the same work again later may well succeed: the database was briefly
    /// unreachable or busy, or chose this transaction as the victim of a deadlock or a
    /// serialization conflict. Such a failure is retried instead of being answered.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Database(e) => sqlx_error_is_transient(e),
            _ => false,
        }
    }
}

/// See [`StoreError::is_transient`].
pub fn sqlx_error_is_transient(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Protocol(_) => true,
        sqlx::Error::Database(db) => matches!(
            db.code().as_deref(),
            // PostgreSQL: serialization failure, deadlock, admin shutdown, crash shutdown,
            // cannot connect now; SQLite: busy, locked.
            Some("40001" | "40P01" | "57P01" | "57P02" | "57P03" | "5" | "6" | "517" | "262")
        ),
        _ => false,
    }
}

/// Whether an error (from anywhere in a chain) is a transient database failure.
pub fn is_transient(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<StoreError>()
            .is_some_and(StoreError::is_transient)
            || cause
                .downcast_ref::<sqlx::Error>()
                .is_some_and(sqlx_error_is_transient)
    })
}

/// Result alias for store methods.
pub type StoreResult<T> = Result<T, StoreError>;

impl Store {
    /// Opens the database named by `url`, creating a SQLite file (and its folder) if needed.
    pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Store> {
        if url.starts_with("sqlite:") {
            // WAL with synchronous=NORMAL: a commit is in the log (safe if the process dies) but
            // not yet fsynced; the log is synced at checkpoints and by `make_durable`, which the
            // Slack inbox calls before acknowledging, so nothing acknowledged depends on luck.
            // Checkpoints run in the background (see `checkpointer`), not inside whichever
            // commit happens to cross the threshold; the automatic one stays as a backstop.
            let options = SqliteConnectOptions::from_str(url)
                .map_err(StoreError::Database)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .pragma("wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES.to_string())
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true);
            let file = options.get_filename();
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::Database(e.into()))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .connect_with(options)
                .await?;
            tokio::spawn(checkpointer(pool.clone()));
            Ok(Store::Sqlite(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Store::Postgres(pool))
        } else {
            Err(StoreError::UnsupportedUrl(crate::config::redact_url(url)))
        }
    }

    /// Applies any migrations not yet applied; safe to run at every start.
    pub async fn migrate(&self) -> StoreResult<()> {
        match self.origin() {
            Store::Sqlite(p) => sqlx::migrate!("migrations/sqlite").run(p).await?,
            Store::Postgres(p) => sqlx::migrate!("migrations/postgres").run(p).await?,
            Store::Tx(_) => return Err(StoreError::UnitEnded),
        }
        Ok(())
    }

    /// Which backend this is, for logs and metrics.
    pub fn backend(&self) -> &'static str {
        if self.is_postgres() {
            "postgres"
        } else {
            "sqlite"
        }
    }

    /// Whether the database is PostgreSQL, for the few statements written per backend.
    pub fn is_postgres(&self) -> bool {
        matches!(self.origin(), Store::Postgres(_))
    }

    /// Answers when the database does (for `/readyz`).
    pub async fn ping(&self) -> StoreResult<()> {
        const SQL: &str = "select 1";
        with_pool!(self, p => sqlx::query(SQL).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Makes every transaction committed so far durable against power loss, not only against
    /// the process dying. SQLite runs with `synchronous=NORMAL`, so this fsyncs its write-ahead
    /// log (outside the write lock: other writers carry on meanwhile); PostgreSQL commits are
    /// durable already, so there it does nothing. The Slack inbox calls it once per group
    /// commit before acknowledging.
    pub async fn make_durable(&self) -> StoreResult<()> {
        let Store::Sqlite(pool) = self.origin() else {
            return Ok(());
        };
        let mut wal = pool.connect_options().get_filename().as_os_str().to_owned();
        wal.push("-wal");
        let synced = tokio::task::spawn_blocking(move || {
            // fsync applies to the file, whichever descriptor asks (opened for writing because
            // some systems refuse to flush a read-only handle).
            match std::fs::OpenOptions::new().write(true).open(&wal) {
                Ok(file) => file.sync_data(),
                // No log: everything is in the database file, synced when the log was
                // checkpointed away (or an in-memory database: nothing to sync).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(e),
            }
        })
        .await
        .map_err(|e| StoreError::Database(sqlx::Error::Io(std::io::Error::other(e))))?;
        synced.map_err(|e| StoreError::Database(e.into()))
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        match self.origin() {
            Store::Sqlite(p) => p.close().await,
            Store::Postgres(p) => p.close().await,
            Store::Tx(_) => {}
        }
    }
}
