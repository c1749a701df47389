//! Taking turns at SQLite's single writer, inside this process.
//!
//! SQLite lets one transaction write at a time. Waiting for that in SQLite's own busy handler
//! means sleeping in steps of 1 to 100 ms, leaving the database idle between turns; queueing
//! here first hands the lock over at once. The intake's group commits, which a platform is
//! waiting for, go ahead of everything else.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as SyncMutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The queue for one SQLite database file's single writer, with a way to go first.
struct Writers {
    turn: Arc<Semaphore>,
    /// Urgent writers waiting (the intake: a platform is waiting for its acknowledgement).
    urgent: AtomicU64,
    /// Woken when no urgent writer is waiting any more.
    calm: tokio::sync::Notify,
}

/// One queue per SQLite database file for its single writer.
static WRITERS: std::sync::LazyLock<
    SyncMutex<std::collections::HashMap<std::path::PathBuf, Arc<Writers>>>,
> = std::sync::LazyLock::new(Default::default);

fn writers(pool: &sqlx::SqlitePool) -> Arc<Writers> {
    let file = pool.connect_options().get_filename().to_path_buf();
    WRITERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(file)
        .or_insert_with(|| {
            Arc::new(Writers {
                turn: Arc::new(Semaphore::new(1)),
                urgent: AtomicU64::new(0),
                calm: tokio::sync::Notify::new(),
            })
        })
        .clone()
}

/// Waits for this process's turn to write to a SQLite database.
///
/// SQLite lets one transaction write at a time; the others wait in its busy handler, which
/// sleeps in steps of 1 to 100 ms and so leaves the database idle between turns. Taking turns
/// here first hands the lock over at once, in arrival order. PostgreSQL locks rows, not the
/// database, so it needs none. A writer that is not urgent also lets every urgent one (see
/// [`urgent_write_turn`]) go first.
pub(crate) async fn write_turn(pool: &sqlx::SqlitePool) -> Option<OwnedSemaphorePermit> {
    let writers = writers(pool);
    loop {
        let calm = writers.calm.notified();
        if writers.urgent.load(Ordering::Acquire) == 0 {
            break;
        }
        calm.await;
    }
    writers.turn.clone().acquire_owned().await.ok()
}

/// Like [`write_turn`], ahead of every writer that is not urgent: for the intake's group
/// commits, which a platform is waiting on (Slack gives 3 seconds), so acknowledgements never
/// queue behind the processing of earlier requests.
pub(crate) async fn urgent_write_turn(pool: &sqlx::SqlitePool) -> Option<OwnedSemaphorePermit> {
    let writers = writers(pool);
    writers.urgent.fetch_add(1, Ordering::AcqRel);
    let permit = writers.turn.clone().acquire_owned().await.ok();
    if writers.urgent.fetch_sub(1, Ordering::AcqRel) == 1 {
        writers.calm.notify_waiters();
    }
    permit
}
