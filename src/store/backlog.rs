//! How far behind the relay is, per platform: what waits in the outbox and the inbox, and what
//! was given up on lately. Admins read it on the platforms page; every count runs on a partial
//! index, so it stays cheap however long the history of sent calls grows.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Store, StoreResult, with_pool};

/// One platform's relay backlog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlatformBacklog {
    /// The platform (`slack`, `teams`, `discord`, `console`).
    pub platform: String,
    /// Calls waiting to be sent (including those waiting out a rate limit).
    pub outbox_waiting: i64,
    /// When the oldest waiting call was queued.
    pub outbox_oldest: Option<DateTime<Utc>>,
    /// Calls given up on (a permanent error) since the time asked about.
    pub outbox_failed: i64,
    /// Requests stored and not processed yet.
    pub inbox_waiting: i64,
    /// When the oldest waiting request arrived.
    pub inbox_oldest: Option<DateTime<Utc>>,
    /// Requests set aside after failing for good since the time asked about.
    pub inbox_failed: i64,
}

/// The relay's backlog, as the admin's platforms page reads it.
#[async_trait::async_trait]
pub trait BacklogStore: Send + Sync {
    /// Every platform with anything waiting, or given up on since `failed_since`, by name.
    async fn relay_backlog(&self, failed_since: DateTime<Utc>)
    -> StoreResult<Vec<PlatformBacklog>>;
}

type Waiting = (String, i64, Option<DateTime<Utc>>);

#[async_trait::async_trait]
impl BacklogStore for Store {
    async fn relay_backlog(
        &self,
        failed_since: DateTime<Utc>,
    ) -> StoreResult<Vec<PlatformBacklog>> {
        const OUTBOX_WAITING: &str = "select platform, count(*), min(created_at) from outbox \
             where sent_at is null and failed_at is null group by platform";
        const OUTBOX_FAILED: &str =
            "select platform, count(*) from outbox where failed_at >= $1 group by platform";
        const INBOX_WAITING: &str = "select platform, count(*), min(received_at) from inbox \
             where processed_at is null group by platform";
        const INBOX_FAILED: &str = "select platform, count(*) from inbox \
             where last_error is not null and processed_at >= $1 group by platform";
        let outbox_waiting: Vec<Waiting> =
            with_pool!(self, p => sqlx::query_as(OUTBOX_WAITING).fetch_all(p).await)?;
        let outbox_failed: Vec<(String, i64)> = with_pool!(self, p => sqlx::query_as(OUTBOX_FAILED)
            .bind(failed_since).fetch_all(p).await)?;
        let inbox_waiting: Vec<Waiting> =
            with_pool!(self, p => sqlx::query_as(INBOX_WAITING).fetch_all(p).await)?;
        let inbox_failed: Vec<(String, i64)> = with_pool!(self, p => sqlx::query_as(INBOX_FAILED)
            .bind(failed_since).fetch_all(p).await)?;
        let mut rows: BTreeMap<String, PlatformBacklog> = BTreeMap::new();
        for (platform, n, oldest) in outbox_waiting {
            let b = of(&mut rows, platform);
            b.outbox_waiting = n;
            b.outbox_oldest = oldest;
        }
        for (platform, n) in outbox_failed {
            of(&mut rows, platform).outbox_failed = n;
        }
        for (platform, n, oldest) in inbox_waiting {
            let b = of(&mut rows, platform);
            b.inbox_waiting = n;
            b.inbox_oldest = oldest;
        }
        for (platform, n) in inbox_failed {
            of(&mut rows, platform).inbox_failed = n;
        }
        Ok(rows.into_values().collect())
    }
}

/// The platform's row, added empty the first time it is named.
fn of(rows: &mut BTreeMap<String, PlatformBacklog>, platform: String) -> &mut PlatformBacklog {
    rows.entry(platform.clone())
        .or_insert_with(|| PlatformBacklog {
            platform,
            ..PlatformBacklog::default()
        })
}
