//! The relay's durable state: the inbox every platform's requests wait in, the outbox every
//! outbound call waits in, and the pauses a platform's rate limit asks for.
//!
//! The inbox is what lets an adapter acknowledge a platform within its deadline without ever
//! losing a request: the verified body is stored first, acknowledged second, processed third.
//! The outbox is the same promise in the other direction: a call is marked sent only after the
//! platform accepted it. Rows carry their `platform`, so one pair of tables and one set of
//! workers serves Slack, Teams, Discord and the console alike.

use chrono::{DateTime, Duration, Utc};
use sqlx::QueryBuilder;

use super::{BeginWrite, Store, StoreResult, with_pool};

/// Rows per multi-row outbox insert (nine binds each, far under either backend's limit).
const OUTBOX_CHUNK: usize = 200;

/// Most inbox rows in one insert statement: a whole group commit from an adapter's intake (at
/// most 512 requests) fits in one, 3,584 binds, still far under either backend's limit
/// (SQLite 32,766; PostgreSQL 65,535).
const INBOX_STATEMENT_ROWS: usize = 512;

/// On PostgreSQL, inbox statements are kept to one TLS record (16 KiB of plaintext) when the
/// items allow. sqlx 0.9.0 does not set `TCP_NODELAY`
/// (<https://github.com/transact-rs/sqlx/issues/4335>, fixed upstream, not yet released), so a
/// query message split over two TLS records leaves its tail waiting for the server's delayed
/// ACK: 40 ms for every acknowledgement in the group. Drop this once sqlx sets `TCP_NODELAY`
/// again.
const POSTGRES_STATEMENT_BYTES: usize = 15 * 1024;
/// Bind-message bytes per inbox row beyond its text: lengths, kind, timestamp.
const ROW_OVERHEAD_BYTES: usize = 64;
/// Bytes of a statement's messages beyond its rows: headers, Execute, Close, Sync.
const STATEMENT_OVERHEAD_BYTES: usize = 256;

/// A verified request to store before acknowledging it.
#[derive(Debug, Clone)]
pub struct NewInboxItem {
    /// The platform it came from (`slack`, `teams`, …).
    pub platform: &'static str,
    /// The org it came from, as the platform names it (a Slack team id, a tenant id).
    pub org_key: String,
    /// How the adapter decodes it later (`event`, `command`, …).
    pub kind: String,
    /// Same key, same request: the platform's id for it, or its signature.
    pub dedupe_key: String,
    /// Who made it, so one person's requests are processed in order; `None` for requests
    /// that concern the whole org.
    pub lane: Option<String>,
    /// The raw body exactly as received.
    pub body: String,
    /// The edge processes it itself, because the platform waits for the answer in the HTTP
    /// response (a Teams card action): the inbox worker leaves it alone for
    /// [`HOLD_SECONDS`] and takes it over only if the edge did not finish it by then.
    pub held: bool,
}

/// How long a held request ([`NewInboxItem::held`]) is left to the edge that stored it.
pub const HOLD_SECONDS: i64 = 15;

/// A stored request claimed for processing.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InboxItem {
    /// Row id, to mark it processed.
    pub id: i64,
    /// The org, as the platform names it.
    pub org_key: String,
    /// How to decode it.
    pub kind: String,
    /// Who made it (see [`NewInboxItem::lane`]).
    pub lane: Option<String>,
    /// The raw body.
    pub body: String,
    /// Processing attempts so far, including this one.
    pub attempts: i64,
    /// When the platform sent it; some answers (a form) can only be given within seconds.
    pub received_at: DateTime<Utc>,
}

/// A call to make to a platform on the bot's behalf, already rendered by its adapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutbound {
    /// The platform whose delivery worker sends it.
    pub platform: &'static str,
    /// The org whose credentials and rate limit apply.
    pub org_key: String,
    /// The adapter's name for the call (a Web API method, `response_url`, …).
    pub method: String,
    /// The call, as JSON.
    pub payload: String,
    /// Someone is waiting for it (a reply, a form): sent before bulk messages of the same org.
    pub urgent: bool,
    /// When it was queued; it may be sent from then on.
    pub at: DateTime<Utc>,
}

/// A queued call claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxItem {
    /// Row id.
    pub id: i64,
    /// The org.
    pub org_key: String,
    /// The method.
    pub method: String,
    /// The JSON request.
    pub payload: String,
    /// Attempts so far, including this one.
    pub attempts: i64,
}

/// Runs `prefix (id, id, …)` on whichever executor: an update of the listed rows.
macro_rules! update_listed {
    ($store:expr, $ids:expr, |$q:ident| $prefix:expr) => {{
        with_pool!($store, p => {
            let mut $q = QueryBuilder::new("");
            $prefix;
            $q.push(" where id in (");
            let mut list = $q.separated(", ");
            for id in $ids {
                list.push_bind(*id);
            }
            list.push_unseparated(")");
            $q.build().execute(p).await.map(|r| r.rows_affected())
        })?
    }};
}

/// Splits a group of inbox items into insert statements of at most [`INBOX_STATEMENT_ROWS`]
/// rows and about `max_bytes` each (a single larger item still gets a statement of its own).
fn inbox_statements(items: &[NewInboxItem], max_bytes: usize) -> Vec<&[NewInboxItem]> {
    let mut statements = Vec::new();
    let (mut start, mut bytes) = (0, STATEMENT_OVERHEAD_BYTES);
    for (i, item) in items.iter().enumerate() {
        let size = item.body.len()
            + item.dedupe_key.len()
            + item.org_key.len()
            + item.lane.as_deref().map_or(0, str::len)
            + ROW_OVERHEAD_BYTES;
        if i > start && (i - start == INBOX_STATEMENT_ROWS || bytes + size > max_bytes) {
            statements.push(&items[start..i]);
            (start, bytes) = (i, STATEMENT_OVERHEAD_BYTES);
        }
        bytes += size;
    }
    statements.push(&items[start..]);
    statements
}

/// Writes outbound rows on any executor (a pool, or the connection of a unit of work).
macro_rules! push_outbound {
    ($executor:expr, $rows:expr, $max_bytes:expr) => {{
        for chunk in outbound_statements($rows, $max_bytes) {
            let mut q = QueryBuilder::new(
                "insert into outbox (platform, org_key, method, payload, urgent, created_at, not_before) ",
            );
            q.push_values(chunk, |mut b, row: &NewOutbound| {
                b.push_bind(row.platform)
                    .push_bind(&row.org_key)
                    .push_bind(&row.method)
                    .push_bind(&row.payload)
                    .push_bind(row.urgent)
                    .push_bind(row.at)
                    .push_bind(row.at);
            });
            q.build().execute(&mut *$executor).await?;
        }
    }};
}

/// Splits outbound rows into insert statements of at most [`OUTBOX_CHUNK`] rows and about
/// `max_bytes` each (on PostgreSQL, one TLS record: see [`POSTGRES_STATEMENT_BYTES`]; a unit of
/// work's calls otherwise made one message of hundreds of kilobytes, whose tail waited 40 ms
/// for the server's delayed ACK at every commit).
fn outbound_statements(rows: &[NewOutbound], max_bytes: usize) -> Vec<&[NewOutbound]> {
    let mut statements = Vec::new();
    let (mut start, mut bytes) = (0, STATEMENT_OVERHEAD_BYTES);
    for (i, row) in rows.iter().enumerate() {
        let size = row.payload.len() + row.org_key.len() + row.method.len() + ROW_OVERHEAD_BYTES;
        if i > start && (i - start == OUTBOX_CHUNK || bytes + size > max_bytes) {
            statements.push(&rows[start..i]);
            (start, bytes) = (i, STATEMENT_OVERHEAD_BYTES);
        }
        bytes += size;
    }
    if start < rows.len() {
        statements.push(&rows[start..]);
    }
    statements
}

/// Inserts outbound rows inside a transaction already open on SQLite or PostgreSQL (the
/// commit of a unit of work), or on a pool.
pub(crate) async fn insert_outbound<E: OutboundExecutor>(
    executor: E,
    rows: &[NewOutbound],
) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    executor.insert(rows).await
}

/// What [`insert_outbound`] can write through.
pub(crate) trait OutboundExecutor {
    fn insert(self, rows: &[NewOutbound]) -> impl std::future::Future<Output = StoreResult<()>>;
}

impl OutboundExecutor for &mut sqlx::SqliteConnection {
    async fn insert(self, rows: &[NewOutbound]) -> StoreResult<()> {
        let conn = self;
        push_outbound!(conn, rows, usize::MAX);
        Ok(())
    }
}

impl OutboundExecutor for &mut sqlx::PgConnection {
    async fn insert(self, rows: &[NewOutbound]) -> StoreResult<()> {
        let conn = self;
        push_outbound!(conn, rows, POSTGRES_STATEMENT_BYTES);
        Ok(())
    }
}

impl OutboundExecutor for &sqlx::SqlitePool {
    async fn insert(self, rows: &[NewOutbound]) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        push_outbound!(tx, rows, usize::MAX);
        tx.commit().await?;
        Ok(())
    }
}

impl OutboundExecutor for &sqlx::PgPool {
    async fn insert(self, rows: &[NewOutbound]) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        push_outbound!(tx, rows, POSTGRES_STATEMENT_BYTES);
        tx.commit().await?;
        Ok(())
    }
}

impl Store {
    /// On a SQLite pool, this process's turn to write (see `unit::write_turn`): the relay's
    /// small writes queue here behind a unit of work, in order, instead of sleeping in SQLite's
    /// busy handler and holding up the unit after them. `None` elsewhere.
    async fn relay_turn(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        match self {
            Store::Sqlite(pool) => super::turns::write_turn(pool).await,
            _ => None,
        }
    }

    /// Stores verified requests atomically: one insert statement, or one transaction when they
    /// do not fit in one (an adapter's intake batches concurrent requests into one commit).
    /// Returns, per item, whether it was new: `false` means the platform sent it before (a
    /// retry or a replay) and it must not be processed again.
    pub async fn inbox_insert_many(
        &self,
        items: &[NewInboxItem],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<bool>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        // One multi-row insert per chunk; the rows it returns are the ones that were new.
        macro_rules! insert_chunk {
            ($chunk:expr) => {{
                let mut q = QueryBuilder::new(
                    "insert into inbox (platform, org_key, kind, dedupe_key, lane, body, received_at, \
                     claimed_until) ",
                );
                q.push_values($chunk, |mut b, item| {
                    b.push_bind(item.platform)
                        .push_bind(&item.org_key)
                        .push_bind(&item.kind)
                        .push_bind(&item.dedupe_key)
                        .push_bind(item.lane.as_deref())
                        .push_bind(&item.body)
                        .push_bind(now)
                        .push_bind(item.held.then(|| now + Duration::seconds(HOLD_SECONDS)));
                });
                q.push(
                    " on conflict (platform, org_key, dedupe_key) do nothing \
                     returning platform, org_key, dedupe_key",
                );
                q
            }};
        }
        let statements = inbox_statements(
            items,
            if self.is_postgres() {
                POSTGRES_STATEMENT_BYTES
            } else {
                usize::MAX
            },
        );
        let mut inserted: std::collections::HashSet<(String, String, String)> = Default::default();
        // On SQLite, wait for the writer's turn in this process rather than in SQLite's
        // sleeping busy handler (see `unit::write_turn`).
        // Ahead of any unit of work waiting: the platform is waiting for this one.
        let _turn = match self {
            Store::Sqlite(pool) => super::turns::urgent_write_turn(pool).await,
            _ => None,
        };
        with_pool!(self, p => {
            if let [single] = statements.as_slice() {
                // A single statement is atomic on its own: no BEGIN and COMMIT round trips
                // to the database, and on SQLite no statement journal.
                let mut q = insert_chunk!(*single);
                let rows: Vec<(String, String, String)> = q.build_query_as().fetch_all(p).await?;
                inserted.extend(rows);
            } else {
                let mut tx = p.begin_write().await?;
                for chunk in statements {
                    let mut q = insert_chunk!(chunk);
                    let rows: Vec<(String, String, String)> =
                        q.build_query_as().fetch_all(&mut *tx).await?;
                    inserted.extend(rows);
                }
                tx.commit().await?;
            }
        });
        // Within one batch the same key can appear twice; only its first occurrence is new.
        let mut seen = std::collections::HashSet::new();
        Ok(items
            .iter()
            .map(|i| {
                let key = (
                    i.platform.to_string(),
                    i.org_key.clone(),
                    i.dedupe_key.clone(),
                );
                inserted.contains(&key) && seen.insert(key)
            })
            .collect())
    }

    /// Claims up to `limit` unprocessed requests of a platform, oldest first, for `lease`. A
    /// request whose worker died is taken over when its lease passes; on PostgreSQL `SKIP
    /// LOCKED` lets replicas claim different rows at once.
    pub async fn claim_inbox(
        &self,
        platform: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> StoreResult<Vec<InboxItem>> {
        let _turn = self.relay_turn().await;
        const SQLITE: &str = "update inbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select id from inbox where platform = $4 and processed_at is null \
             and (claimed_until is null or claimed_until < $1) order by id limit $3) \
             returning id, org_key, kind, lane, body, attempts, received_at";
        const POSTGRES: &str = "update inbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select id from inbox where platform = $4 and processed_at is null \
             and (claimed_until is null or claimed_until < $1) order by id limit $3 \
             for update skip locked) \
             returning id, org_key, kind, lane, body, attempts, received_at";
        let sql = if self.is_postgres() { POSTGRES } else { SQLITE };
        // One statement, atomic on its own: no transaction round trips while holding SQLite's
        // write lock, which the intake is waiting for.
        let mut items: Vec<InboxItem> = with_pool!(self, p => {
            sqlx::query_as(sql).bind(now).bind(now + lease).bind(limit).bind(platform).fetch_all(p).await?
        });
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    /// Marks requests processed (in a unit of work: together with everything they did).
    pub async fn finish_inbox(&self, ids: &[i64], now: DateTime<Utc>) -> StoreResult<()> {
        let _turn = self.relay_turn().await;
        if ids.is_empty() {
            return Ok(());
        }
        update_listed!(self, ids, |q| {
            q.push("update inbox set processed_at = ")
                .push_bind(now)
                .push(", claimed_until = null, last_error = null")
        });
        Ok(())
    }

    /// Claims a held request ([`NewInboxItem::held`]) for the edge that stored it: only on its
    /// first processing, so a redelivered request finds it taken and waits for its answer
    /// instead ([`Store::inbox_answer`]).
    pub async fn claim_held_inbox(
        &self,
        platform: &str,
        org_key: &str,
        dedupe_key: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<Option<InboxItem>> {
        let _turn = self.relay_turn().await;
        const SQL: &str = "update inbox set claimed_until = $4, attempts = attempts + 1 \
             where platform = $1 and org_key = $2 and dedupe_key = $3 and attempts = 0 \
             and processed_at is null \
             returning id, org_key, kind, lane, body, attempts, received_at";
        Ok(
            with_pool!(self, p => sqlx::query_as(SQL).bind(platform).bind(org_key)
            .bind(dedupe_key).bind(now + lease).fetch_optional(p).await)?,
        )
    }

    /// Keeps the answer a platform waited for with its request (in the request's unit of
    /// work), so a redelivery of the request is answered the same without being processed again.
    pub async fn keep_inbox_answer(&self, id: i64, answer: &str) -> StoreResult<()> {
        let _turn = self.relay_turn().await;
        const SQL: &str = "update inbox set answer = $2 where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(answer).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A stored request's progress: `None` while it waits or runs, `Some(answer)` once it is
    /// processed (the answer kept with it, if any).
    pub async fn inbox_answer(
        &self,
        platform: &str,
        org_key: &str,
        dedupe_key: &str,
    ) -> StoreResult<Option<Option<String>>> {
        const SQL: &str = "select processed_at is not null, answer from inbox \
             where platform = $1 and org_key = $2 and dedupe_key = $3";
        let row: Option<(bool, Option<String>)> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(platform).bind(org_key).bind(dedupe_key).fetch_optional(p).await)?;
        Ok(row.and_then(|(done, answer)| done.then_some(answer)))
    }

    /// Records a processing failure: tried again after `retry_at`, or set aside for good
    /// (kept, with its error, for an operator) when `None`.
    pub async fn fail_inbox(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let _turn = self.relay_turn().await;
        const RETRY: &str = "update inbox set claimed_until = $3, last_error = $2 where id = $1";
        const GIVE_UP: &str = "update inbox set processed_at = $3, claimed_until = null, \
             last_error = $2 where id = $1";
        match retry_at {
            Some(at) => {
                with_pool!(self, p => sqlx::query(RETRY).bind(id).bind(error).bind(at).execute(p).await.map(|r| r.rows_affected()))?
            }
            None => {
                with_pool!(self, p => sqlx::query(GIVE_UP).bind(id).bind(error).bind(now).execute(p).await.map(|r| r.rows_affected()))?
            }
        };
        Ok(())
    }

    /// Requests not yet processed, on every platform (for `/metrics`, tests and benchmarks).
    pub async fn inbox_pending(&self) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from inbox where processed_at is null";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).fetch_one(p).await)?)
    }

    /// Requests set aside after failing for good (tests; an operator's view).
    pub async fn inbox_failed(&self) -> StoreResult<Vec<(i64, String)>> {
        const SQL: &str = "select id, coalesce(last_error, '') from inbox \
             where processed_at is not null and last_error is not null order by id";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).fetch_all(p).await)?)
    }

    /// All requests ever stored for an org of a platform (tests: a retried event is stored once).
    pub async fn inbox_count(&self, platform: &str, org_key: &str) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from inbox where platform = $1 and org_key = $2";
        Ok(
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(platform).bind(org_key).fetch_one(p).await)?,
        )
    }

    /// Claims up to `limit` due calls of a platform, the urgent ones first and then the oldest,
    /// for `lease`. An org paused by a rate limit is skipped until its pause ends.
    pub async fn claim_outbox(
        &self,
        platform: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> StoreResult<Vec<OutboxItem>> {
        let _turn = self.relay_turn().await;
        const SQLITE: &str = "update outbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select o.id from outbox o where o.platform = $4 \
             and o.sent_at is null and o.failed_at is null \
             and o.not_before <= $1 and (o.claimed_until is null or o.claimed_until < $1) \
             and not exists (select 1 from relay_pauses r where r.platform = o.platform \
             and r.org_key = o.org_key and r.until > $1) \
             order by o.urgent desc, o.id limit $3) \
             returning id, org_key, method, payload, attempts, urgent";
        const POSTGRES: &str = "update outbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select o.id from outbox o where o.platform = $4 \
             and o.sent_at is null and o.failed_at is null \
             and o.not_before <= $1 and (o.claimed_until is null or o.claimed_until < $1) \
             and not exists (select 1 from relay_pauses r where r.platform = o.platform \
             and r.org_key = o.org_key and r.until > $1) \
             order by o.urgent desc, o.id limit $3 for update of o skip locked) \
             returning id, org_key, method, payload, attempts, urgent";
        let sql = if self.is_postgres() { POSTGRES } else { SQLITE };
        // One statement, atomic on its own (see `claim_inbox`).
        let mut items: Vec<(i64, String, String, String, i64, bool)> = with_pool!(self, p => {
            sqlx::query_as(sql).bind(now).bind(now + lease).bind(limit).bind(platform).fetch_all(p).await?
        });
        items.sort_by_key(|i| (!i.5, i.0));
        Ok(items
            .into_iter()
            .map(|(id, org_key, method, payload, attempts, _)| OutboxItem {
                id,
                org_key,
                method,
                payload,
                attempts,
            })
            .collect())
    }

    /// Marks calls sent.
    pub async fn outbox_sent(&self, ids: &[i64], now: DateTime<Utc>) -> StoreResult<()> {
        let _turn = self.relay_turn().await;
        if ids.is_empty() {
            return Ok(());
        }
        update_listed!(self, ids, |q| {
            q.push("update outbox set sent_at = ")
                .push_bind(now)
                .push(", claimed_until = null, last_error = null")
        });
        Ok(())
    }

    /// Puts a call back to be tried again at `not_before`.
    pub async fn outbox_retry(
        &self,
        id: i64,
        error: &str,
        not_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        let _turn = self.relay_turn().await;
        const SQL: &str = "update outbox set not_before = $3, claimed_until = null, \
             last_error = $2 where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(error).bind(not_before).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Releases claimed calls untouched (the worker is stopping, or the org was paused while
    /// they waited): they are due again at once, and their attempt does not count.
    pub async fn outbox_release(&self, ids: &[i64]) -> StoreResult<()> {
        let _turn = self.relay_turn().await;
        if ids.is_empty() {
            return Ok(());
        }
        update_listed!(self, ids, |q| {
            q.push("update outbox set claimed_until = null, attempts = attempts - 1")
        });
        Ok(())
    }

    /// Gives up on a call that cannot succeed (an unknown channel, a revoked token).
    pub async fn outbox_give_up(
        &self,
        id: i64,
        error: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let _turn = self.relay_turn().await;
        const SQL: &str = "update outbox set failed_at = $3, claimed_until = null, \
             last_error = $2 where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(error).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Holds every call of an org until `until` (the platform answered 429 with a retry hint),
    /// on every replica.
    pub async fn pause_org(
        &self,
        platform: &str,
        org_key: &str,
        until: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "insert into relay_pauses (platform, org_key, until) values ($1, $2, $3) \
             on conflict (platform, org_key) do update set until = excluded.until \
             where relay_pauses.until < excluded.until";
        with_pool!(self, p => sqlx::query(SQL).bind(platform).bind(org_key).bind(until).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// When an org's pause ends, if it is paused at `now`.
    pub async fn org_paused_until(
        &self,
        platform: &str,
        org_key: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        const SQL: &str =
            "select until from relay_pauses where platform = $1 and org_key = $2 and until > $3";
        Ok(
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(platform).bind(org_key).bind(now).fetch_optional(p).await)?,
        )
    }

    /// When the next queued call of a platform falls due (its pause included), so the worker
    /// can sleep until then.
    pub async fn next_outbox_due(&self, platform: &str) -> StoreResult<Option<DateTime<Utc>>> {
        const SQL: &str = "select min(case when r.until > o.not_before then r.until \
             else o.not_before end) from outbox o left join relay_pauses r \
             on r.platform = o.platform and r.org_key = o.org_key \
             where o.platform = $1 and o.sent_at is null and o.failed_at is null";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).bind(platform).fetch_one(p).await)?)
    }

    /// Calls still to send, on every platform (tests, metrics).
    pub async fn outbox_unsent(&self) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from outbox where sent_at is null and failed_at is null";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).fetch_one(p).await)?)
    }

    /// Drops an org's queued calls (it uninstalled the app; they could never be sent).
    pub async fn outbox_discard_org(
        &self,
        platform: &str,
        org_key: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "update outbox set failed_at = $3, last_error = 'uninstalled' \
             where platform = $1 and org_key = $2 and sent_at is null and failed_at is null";
        with_pool!(self, p => sqlx::query(SQL).bind(platform).bind(org_key).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(body_bytes: usize) -> NewInboxItem {
        NewInboxItem {
            platform: "slack",
            org_key: "T1".into(),
            kind: "event".into(),
            dedupe_key: "Ev1".into(),
            lane: Some("U1".into()),
            body: "x".repeat(body_bytes),
            held: false,
        }
    }

    fn bytes(s: &[NewInboxItem]) -> usize {
        s.iter()
            .map(|i| {
                i.body.len()
                    + i.dedupe_key.len()
                    + i.org_key.len()
                    + i.lane.as_deref().map_or(0, str::len)
                    + ROW_OVERHEAD_BYTES
            })
            .sum::<usize>()
            + STATEMENT_OVERHEAD_BYTES
    }

    #[test]
    fn outbound_rows_split_by_rows_and_by_bytes() {
        let row = |bytes: usize| NewOutbound {
            platform: "slack",
            org_key: "T1".into(),
            method: "chat.postMessage".into(),
            payload: "x".repeat(bytes),
            urgent: false,
            at: chrono::Utc::now(),
        };
        let small: Vec<_> = (0..450).map(|_| row(10)).collect();
        let sizes: Vec<usize> = outbound_statements(&small, usize::MAX)
            .iter()
            .map(|s| s.len())
            .collect();
        assert_eq!(sizes, vec![200, 200, 50]);
        let large: Vec<_> = (0..100).map(|_| row(1_500)).collect();
        let statements = outbound_statements(&large, POSTGRES_STATEMENT_BYTES);
        assert!(statements.len() >= 10, "{} statements", statements.len());
        assert_eq!(statements.iter().map(|s| s.len()).sum::<usize>(), 100);
        assert!(outbound_statements(&[], POSTGRES_STATEMENT_BYTES).is_empty());
    }

    #[test]
    fn groups_split_by_rows_and_by_bytes() {
        let small: Vec<_> = (0..1_100).map(|_| item(10)).collect();
        let sizes: Vec<usize> = inbox_statements(&small, usize::MAX)
            .iter()
            .map(|s| s.len())
            .collect();
        assert_eq!(sizes, vec![512, 512, 76]);

        let large: Vec<_> = (0..40).map(|_| item(1_000)).collect();
        let statements = inbox_statements(&large, POSTGRES_STATEMENT_BYTES);
        assert!(statements.len() > 1);
        assert_eq!(statements.iter().map(|s| s.len()).sum::<usize>(), 40);
        for s in &statements {
            assert!(bytes(s) <= POSTGRES_STATEMENT_BYTES, "{} bytes", bytes(s));
        }

        // An item larger than the limit still gets a statement, alone.
        let huge = vec![item(10), item(20_000), item(10)];
        let sizes: Vec<usize> = inbox_statements(&huge, POSTGRES_STATEMENT_BYTES)
            .iter()
            .map(|s| s.len())
            .collect();
        assert_eq!(sizes, vec![1, 1, 1]);
    }
}
