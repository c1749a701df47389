//! Units of work: one transaction that everything done through it commits or rolls back with.
//!
//! Processing a stored request, running a job or sending a batch of pulses changes several
//! tables and queues messages; [`Store::begin`] gives a [`Store::Tx`] through which every store
//! method runs inside one transaction, so a crash at any point leaves either nothing or
//! everything. Beginning again on a unit opens a savepoint inside it, which the bot uses to undo
//! one failed request without undoing its neighbours.
//!
//! Outbound messages queued in a unit are kept in memory and written with one insert when the
//! outermost unit commits (a savepoint rolled back drops its own), so a request that queues a
//! reply, a direct message and a channel post costs one statement, not three.
//!
//! ```no_run
//! # async fn demo(store: ambassador::store::Store) -> Result<(), ambassador::store::StoreError> {
//! let unit = store.begin().await?;
//! // … every store call on `unit` is part of the same transaction …
//! unit.commit().await?;
//! # Ok(()) }
//! ```

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex as SyncMutex};

use tokio::sync::{Mutex, MutexGuard, OwnedSemaphorePermit};

use super::turns::write_turn;

use super::relay::NewOutbound;
use super::{Store, StoreError, StoreResult};

/// The connection of a unit of work, in its open transaction.
pub enum TxConn {
    /// On SQLite.
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    /// On PostgreSQL.
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// One unit of work; see the module docs. Reached through [`Store::Tx`].
pub struct Tx {
    conn: Arc<Mutex<Option<TxConn>>>,
    /// The pool the unit began on, for what is not part of a transaction (its backend name).
    origin: Box<Store>,
    /// The savepoint this unit is, when it began inside another one.
    savepoint: Option<String>,
    /// Outbound rows queued by this unit and the units inside it, written at the outer commit.
    outbox: Arc<SyncMutex<Vec<NewOutbound>>>,
    /// How many queued rows were there when this savepoint began (rolled back to on rollback).
    outbox_mark: usize,
    ended: AtomicBool,
    /// On SQLite, this unit's turn at the database's single writer (see [`write_turn`]).
    turn: SyncMutex<Option<OwnedSemaphorePermit>>,
    /// Set for an optimistic unit (see [`Store::begin_optimistic`]): units begun inside it
    /// cost nothing, and rolling one back marks this flag instead of undoing anything.
    optimistic: Option<Arc<AtomicBool>>,
    /// Whether this is such a unit inside an optimistic one (no savepoint of its own).
    pass: bool,
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("backend", &self.origin.backend())
            .field("savepoint", &self.savepoint)
            .finish()
    }
}

/// Savepoint names only need to differ from their neighbours; a counter does that.
static SAVEPOINTS: AtomicU64 = AtomicU64::new(0);

/// Tells the delivery workers that a unit committed new outbound rows.
static OUTBOX_COMMITS: std::sync::OnceLock<tokio::sync::watch::Sender<u64>> =
    std::sync::OnceLock::new();

fn outbox_commits() -> &'static tokio::sync::watch::Sender<u64> {
    OUTBOX_COMMITS.get_or_init(|| tokio::sync::watch::channel(0).0)
}

/// A receiver that changes whenever outbound rows were committed in this process, so a
/// delivery worker wakes at once instead of at its next poll.
pub fn outbox_committed() -> tokio::sync::watch::Receiver<u64> {
    outbox_commits().subscribe()
}

/// Says outbound rows were committed (see [`outbox_committed`]).
pub fn announce_outbox() {
    outbox_commits().send_modify(|n| *n = n.wrapping_add(1));
}

impl Tx {
    /// The connection, locked for one statement (or one nested transaction).
    pub(crate) async fn lock(&self) -> MutexGuard<'_, Option<TxConn>> {
        self.conn.lock().await
    }

    /// The open connection behind a locked guard; `None` once this unit has ended, so a
    /// handle kept past its commit can neither see nor write into someone else's work.
    pub(crate) fn open<'g>(
        &self,
        guard: &'g mut MutexGuard<'_, Option<TxConn>>,
    ) -> Option<&'g mut TxConn> {
        if self.ended.load(Ordering::Acquire) {
            return None;
        }
        guard.as_mut()
    }

    /// Lets the next SQLite writer in (a no-op elsewhere).
    fn end_turn(&self) {
        self.turn.lock().unwrap_or_else(|e| e.into_inner()).take();
    }

    fn queue(&self, rows: &[NewOutbound]) {
        self.outbox
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(rows);
    }
}

impl Store {
    /// Opens a unit of work: a new transaction on a pool (on SQLite taking the write lock at
    /// once), or a savepoint inside a unit that is already open.
    pub async fn begin(&self) -> StoreResult<Store> {
        let tx = match self {
            Store::Sqlite(pool) => {
                let turn = write_turn(pool).await;
                Tx {
                    conn: Arc::new(Mutex::new(Some(TxConn::Sqlite(
                        pool.begin_with("BEGIN IMMEDIATE").await?,
                    )))),
                    origin: Box::new(self.clone()),
                    savepoint: None,
                    outbox: Default::default(),
                    outbox_mark: 0,
                    ended: AtomicBool::new(false),
                    turn: SyncMutex::new(turn),
                    optimistic: None,
                    pass: false,
                }
            }
            Store::Postgres(pool) => Tx {
                conn: Arc::new(Mutex::new(Some(TxConn::Postgres(pool.begin().await?)))),
                origin: Box::new(self.clone()),
                savepoint: None,
                outbox: Default::default(),
                outbox_mark: 0,
                ended: AtomicBool::new(false),
                turn: SyncMutex::new(None),
                optimistic: None,
                pass: false,
            },
            Store::Tx(outer) if outer.optimistic.is_some() => {
                let mark = outer.outbox.lock().unwrap_or_else(|e| e.into_inner()).len();
                Tx {
                    conn: outer.conn.clone(),
                    origin: outer.origin.clone(),
                    savepoint: None,
                    outbox: outer.outbox.clone(),
                    outbox_mark: mark,
                    ended: AtomicBool::new(false),
                    turn: SyncMutex::new(None),
                    optimistic: outer.optimistic.clone(),
                    pass: true,
                }
            }
            Store::Tx(outer) => {
                let name = format!("unit_{}", SAVEPOINTS.fetch_add(1, Ordering::Relaxed));
                self.execute_raw(&format!("savepoint {name}")).await?;
                let mark = outer.outbox.lock().unwrap_or_else(|e| e.into_inner()).len();
                Tx {
                    conn: outer.conn.clone(),
                    origin: outer.origin.clone(),
                    savepoint: Some(name),
                    outbox: outer.outbox.clone(),
                    outbox_mark: mark,
                    ended: AtomicBool::new(false),
                    turn: SyncMutex::new(None),
                    optimistic: None,
                    pass: false,
                }
            }
        };
        Ok(Store::Tx(Arc::new(tx)))
    }

    /// Opens an optimistic unit of work, for work that rarely fails: units begun inside it
    /// take no savepoint, and one rolled back only marks the whole unit as failed (see
    /// [`Store::unit_failed`]), which its owner then rolls back and does again with
    /// [`Store::begin`]. A request's two savepoints are four statements, a good part of a
    /// kudos on SQLite, where every statement is a round trip to its worker thread.
    pub async fn begin_optimistic(&self) -> StoreResult<Store> {
        let unit = self.begin().await?;
        match unit {
            Store::Tx(tx) => {
                let mut tx = Arc::try_unwrap(tx).map_err(|_| StoreError::UnitEnded)?;
                tx.optimistic = Some(Arc::new(AtomicBool::new(false)));
                Ok(Store::Tx(Arc::new(tx)))
            }
            other => Ok(other),
        }
    }

    /// Whether something inside an optimistic unit was rolled back, so the unit must be rolled
    /// back and done again with savepoints.
    pub fn unit_failed(&self) -> bool {
        match self {
            Store::Tx(tx) => tx
                .optimistic
                .as_ref()
                .is_some_and(|f| f.load(Ordering::Acquire)),
            _ => false,
        }
    }

    /// Commits a unit of work (releases its savepoint, when it is one), writing the outbound
    /// rows it queued first. On a pool there is nothing to commit.
    pub async fn commit(&self) -> StoreResult<()> {
        let Store::Tx(unit) = self else {
            return Ok(());
        };
        if unit.ended.swap(true, Ordering::AcqRel) {
            return Err(StoreError::UnitEnded);
        }
        if unit.pass {
            // Inside an optimistic unit: its work is committed by the unit around it.
            return Ok(());
        }
        if let Some(name) = &unit.savepoint {
            return self
                .execute_on(unit, &format!("release savepoint {name}"))
                .await;
        }
        let rows = std::mem::take(&mut *unit.outbox.lock().unwrap_or_else(|e| e.into_inner()));
        let conn = unit.conn.lock().await.take();
        let queued = !rows.is_empty();
        let committed = match conn {
            Some(TxConn::Sqlite(mut tx)) => {
                match super::relay::insert_outbound(&mut *tx, &rows).await {
                    Ok(()) => tx.commit().await.map_err(StoreError::from),
                    Err(e) => Err(e),
                }
            }
            Some(TxConn::Postgres(mut tx)) => {
                match super::relay::insert_outbound(&mut *tx, &rows).await {
                    Ok(()) => tx.commit().await.map_err(StoreError::from),
                    Err(e) => Err(e),
                }
            }
            None => Err(StoreError::UnitEnded),
        };
        if let Err(e) = committed {
            unit.end_turn();
            return Err(e);
        }
        unit.end_turn();
        if queued {
            announce_outbox();
        }
        Ok(())
    }

    /// Undoes a unit of work (back to its savepoint, when it is one). On a pool, nothing.
    pub async fn rollback(&self) -> StoreResult<()> {
        let Store::Tx(unit) = self else {
            return Ok(());
        };
        if unit.ended.swap(true, Ordering::AcqRel) {
            return Err(StoreError::UnitEnded);
        }
        if unit.pass {
            // Nothing to undo on its own: the whole optimistic unit will be.
            if let Some(failed) = &unit.optimistic {
                failed.store(true, Ordering::Release);
            }
            unit.outbox
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .truncate(unit.outbox_mark);
            return Ok(());
        }
        if let Some(name) = &unit.savepoint {
            unit.outbox
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .truncate(unit.outbox_mark);
            return self
                .execute_on(
                    unit,
                    &format!("rollback to savepoint {name}; release savepoint {name}"),
                )
                .await;
        }
        unit.outbox
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let conn = unit.conn.lock().await.take();
        let rolled_back = match conn {
            Some(TxConn::Sqlite(tx)) => tx.rollback().await,
            Some(TxConn::Postgres(tx)) => tx.rollback().await,
            None => return Err(StoreError::UnitEnded),
        };
        unit.end_turn();
        rolled_back?;
        Ok(())
    }

    /// Whether this is a unit of work (rather than a pool).
    pub fn in_unit(&self) -> bool {
        matches!(self, Store::Tx(_))
    }

    /// Queues outbound rows: written at once on a pool, at commit in a unit of work.
    pub(crate) async fn queue_outbound(&self, rows: &[NewOutbound]) -> StoreResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        match self {
            Store::Tx(unit) => {
                if unit.ended.load(Ordering::Acquire) {
                    return Err(StoreError::UnitEnded);
                }
                unit.queue(rows);
                Ok(())
            }
            Store::Sqlite(pool) => {
                super::relay::insert_outbound(pool, rows).await?;
                announce_outbox();
                Ok(())
            }
            Store::Postgres(pool) => {
                super::relay::insert_outbound(pool, rows).await?;
                announce_outbox();
                Ok(())
            }
        }
    }

    async fn execute_raw(&self, sql: &str) -> StoreResult<()> {
        match self {
            Store::Tx(unit) => self.execute_on(unit, sql).await,
            _ => Err(StoreError::UnitEnded),
        }
    }

    async fn execute_on(&self, unit: &Tx, sql: &str) -> StoreResult<()> {
        use sqlx::Executor as _;
        let mut guard = unit.conn.lock().await;
        match guard.as_mut() {
            Some(TxConn::Sqlite(t)) => {
                (&mut **t)
                    .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string())))
                    .await?;
            }
            Some(TxConn::Postgres(t)) => {
                (&mut **t)
                    .execute(sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string())))
                    .await?;
            }
            None => return Err(StoreError::UnitEnded),
        }
        Ok(())
    }

    /// The pool behind a unit of work (itself, on a pool).
    pub fn origin(&self) -> &Store {
        match self {
            Store::Tx(unit) => &unit.origin,
            other => other,
        }
    }
}
