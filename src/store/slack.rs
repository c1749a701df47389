//! Slack's durable state: the inbound inbox, the outbound queue, OAuth installs and states.
//!
//! The inbox is what lets the HTTP layer acknowledge Slack within its 3 seconds without ever
//! losing a request: the verified body is stored first, acknowledged second, processed third.
//! The outbox is the same promise in the other direction for the bot's own Web API calls.

use chrono::{DateTime, Duration, Utc};
use sqlx::QueryBuilder;

use super::{BeginWrite, Store, StoreResult, with_pool};

/// Rows per multi-row insert (five binds each, far under either backend's limit).
const INSERT_CHUNK: usize = 200;

/// The error a call held back by a 429 is retried with; `claim_outbox` pauses its workspace
/// while such a call waits (its SQL spells the same text).
pub const OUTBOX_RATE_LIMITED: &str = "rate limited";

/// Most inbox rows in one insert statement: a whole group commit from the HTTP layer (at most
/// 512 requests, see `intake`) fits in one, 2,560 binds, still far under either backend's
/// limit (SQLite 32,766; PostgreSQL 65,535).
const INBOX_STATEMENT_ROWS: usize = 512;

/// On PostgreSQL, inbox statements are kept to one TLS record (16 KiB of plaintext) when the
/// items allow. sqlx 0.9.0 does not set `TCP_NODELAY`
/// (<https://github.com/transact-rs/sqlx/issues/4335>, fixed upstream, not yet released), so a
/// query message split over two TLS records leaves its tail waiting for the server's delayed
/// ACK: 40 ms for every acknowledgement in the group. Drop this once sqlx sets `TCP_NODELAY`
/// again.
const POSTGRES_STATEMENT_BYTES: usize = 15 * 1024;
/// Bind-message bytes per inbox row beyond its text: lengths, kind, timestamp.
const ROW_OVERHEAD_BYTES: usize = 48;
/// Bytes of a statement's messages beyond its rows: headers, Execute, Close, Sync.
const STATEMENT_OVERHEAD_BYTES: usize = 256;

/// What kind of Slack request an inbox row holds; decides how its body is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxKind {
    /// An Events API callback (JSON).
    Event,
    /// A slash command (form-encoded).
    Command,
    /// An interaction: a button, a modal submission, a shortcut (form field `payload`).
    Interaction,
}

impl InboxKind {
    /// The name stored in `slack_inbox.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            InboxKind::Event => "event",
            InboxKind::Command => "command",
            InboxKind::Interaction => "interaction",
        }
    }

    /// The inverse of [`InboxKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "event" => Some(InboxKind::Event),
            "command" => Some(InboxKind::Command),
            "interaction" => Some(InboxKind::Interaction),
            _ => None,
        }
    }
}

/// A verified request to store before acknowledging it.
#[derive(Debug, Clone)]
pub struct NewInboxItem {
    /// The workspace it came from.
    pub team_id: String,
    /// How to decode it.
    pub kind: InboxKind,
    /// Same key, same request: the event id, or the signature for commands and interactions.
    pub dedupe_key: String,
    /// The raw body exactly as received.
    pub body: String,
}

/// A stored request claimed for processing.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InboxItem {
    /// Row id, to mark it processed.
    pub id: i64,
    /// The workspace.
    pub team_id: String,
    /// `event`, `command` or `interaction`.
    pub kind: String,
    /// The raw body.
    pub body: String,
    /// Processing attempts so far, including this one.
    pub attempts: i64,
    /// When Slack sent it; a modal can only be opened within seconds of it.
    pub received_at: DateTime<Utc>,
}

/// A Web API call to make on the bot's behalf.
#[derive(Debug, Clone)]
pub struct NewOutbound {
    /// The workspace whose token and rate limit apply.
    pub team_id: String,
    /// The Web API method, or `response_url` / `upload` for the adapter's own steps.
    pub method: String,
    /// The JSON request.
    pub payload: String,
}

/// A queued call claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxItem {
    /// Row id.
    pub id: i64,
    /// The workspace.
    pub team_id: String,
    /// The method.
    pub method: String,
    /// The JSON request.
    pub payload: String,
    /// Attempts so far, including this one.
    pub attempts: i64,
}

/// A workspace that installed the app through OAuth.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SlackInstall {
    /// The workspace id (`T…`).
    pub team_id: String,
    /// Its name, for logs and the admin.
    pub team_name: String,
    /// The bot's own user id there, to ignore its own messages.
    pub bot_user_id: String,
    /// The bot token, sealed with the key from the environment; never stored in clear.
    pub bot_token_sealed: String,
    /// The scopes granted.
    pub scopes: String,
    /// Who installed it.
    pub installed_by: Option<String>,
}

/// Splits a group of inbox items into insert statements of at most [`INBOX_STATEMENT_ROWS`]
/// rows and about `max_bytes` each (a single larger item still gets a statement of its own).
fn inbox_statements(items: &[NewInboxItem], max_bytes: usize) -> Vec<&[NewInboxItem]> {
    let mut statements = Vec::new();
    let (mut start, mut bytes) = (0, STATEMENT_OVERHEAD_BYTES);
    for (i, item) in items.iter().enumerate() {
        let size =
            item.body.len() + item.dedupe_key.len() + item.team_id.len() + ROW_OVERHEAD_BYTES;
        if i > start && (i - start == INBOX_STATEMENT_ROWS || bytes + size > max_bytes) {
            statements.push(&items[start..i]);
            (start, bytes) = (i, STATEMENT_OVERHEAD_BYTES);
        }
        bytes += size;
    }
    statements.push(&items[start..]);
    statements
}

impl Store {
    /// Stores verified requests atomically: one insert statement, or one transaction when they
    /// do not fit in one (the HTTP layer batches concurrent requests into one commit). Returns,
    /// per item, whether it was new: `false` means Slack sent it before (a retry or a replay)
    /// and it must not be processed again.
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
                    "insert into slack_inbox (team_id, kind, dedupe_key, body, received_at) ",
                );
                q.push_values($chunk, |mut b, item| {
                    b.push_bind(&item.team_id)
                        .push_bind(item.kind.as_str())
                        .push_bind(&item.dedupe_key)
                        .push_bind(&item.body)
                        .push_bind(now);
                });
                q.push(
                    " on conflict (team_id, dedupe_key) do nothing returning team_id, dedupe_key",
                );
                q
            }};
        }
        let statements = inbox_statements(
            items,
            match self {
                Store::Sqlite(_) => usize::MAX,
                Store::Postgres(_) => POSTGRES_STATEMENT_BYTES,
            },
        );
        let mut inserted: std::collections::HashSet<(String, String)> = Default::default();
        with_pool!(self, p => {
            if let [single] = statements.as_slice() {
                // A single statement is atomic on its own: no BEGIN and COMMIT round trips
                // to the database, and on SQLite no statement journal.
                let mut q = insert_chunk!(*single);
                let rows: Vec<(String, String)> = q.build_query_as().fetch_all(p).await?;
                inserted.extend(rows);
            } else {
                let mut tx = p.begin_write().await?;
                for chunk in statements {
                    let mut q = insert_chunk!(chunk);
                    let rows: Vec<(String, String)> =
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
                let key = (i.team_id.clone(), i.dedupe_key.clone());
                inserted.contains(&key) && seen.insert(key)
            })
            .collect())
    }

    /// Claims up to `limit` unprocessed requests, oldest first, for `lease`. A request whose
    /// worker died is taken over when its lease passes; on PostgreSQL `SKIP LOCKED` lets
    /// replicas claim different rows at once.
    pub async fn claim_inbox(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> StoreResult<Vec<InboxItem>> {
        const SQLITE: &str = "update slack_inbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select id from slack_inbox where processed_at is null \
             and (claimed_until is null or claimed_until < $1) order by id limit $3) \
             returning id, team_id, kind, body, attempts, received_at";
        const POSTGRES: &str = "update slack_inbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select id from slack_inbox where processed_at is null \
             and (claimed_until is null or claimed_until < $1) order by id limit $3 \
             for update skip locked) \
             returning id, team_id, kind, body, attempts, received_at";
        let sql = match self {
            Store::Sqlite(_) => SQLITE,
            Store::Postgres(_) => POSTGRES,
        };
        // One statement, atomic on its own: no transaction round trips while holding SQLite's
        // write lock, which the inbox writer is waiting for.
        let mut items: Vec<InboxItem> = with_pool!(self, p => {
            sqlx::query_as(sql).bind(now).bind(now + lease).bind(limit).fetch_all(p).await?
        });
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    /// Marks a request processed.
    pub async fn finish_inbox(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "update slack_inbox set processed_at = $2, claimed_until = null, \
             last_error = null where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
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
        const RETRY: &str =
            "update slack_inbox set claimed_until = $3, last_error = $2 where id = $1";
        const GIVE_UP: &str = "update slack_inbox set processed_at = $3, claimed_until = null, \
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

    /// Requests not yet processed (for `/metrics`, tests and the benchmark).
    pub async fn inbox_pending(&self) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from slack_inbox where processed_at is null";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).fetch_one(p).await)?)
    }

    /// All requests ever stored for a workspace (tests: a retried event is stored once).
    pub async fn inbox_count(&self, team_id: &str) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from slack_inbox where team_id = $1";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).bind(team_id).fetch_one(p).await)?)
    }

    /// Queues Web API calls in one transaction.
    pub async fn outbox_push(&self, items: &[NewOutbound], now: DateTime<Utc>) -> StoreResult<()> {
        if items.is_empty() {
            return Ok(());
        }
        macro_rules! insert_chunk {
            ($chunk:expr) => {{
                let mut q = QueryBuilder::new(
                    "insert into slack_outbox (team_id, method, payload, created_at, not_before) ",
                );
                q.push_values($chunk, |mut b, item| {
                    b.push_bind(&item.team_id)
                        .push_bind(&item.method)
                        .push_bind(&item.payload)
                        .push_bind(now)
                        .push_bind(now);
                });
                q
            }};
        }
        with_pool!(self, p => {
            if items.len() <= INSERT_CHUNK {
                // The usual case, a reply or two: one statement, atomic on its own, so SQLite's
                // write lock is held for the insert alone and not across transaction round trips.
                insert_chunk!(items).build().execute(p).await?;
            } else {
                let mut tx = p.begin_write().await?;
                for chunk in items.chunks(INSERT_CHUNK) {
                    insert_chunk!(chunk).build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }
        });
        Ok(())
    }

    /// Claims up to `limit` due calls, oldest first, for `lease`. A workspace with a call held
    /// back by a 429 ([`OUTBOX_RATE_LIMITED`]) is paused as a whole: calls queued after the
    /// pause began wait for it too.
    pub async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> StoreResult<Vec<OutboxItem>> {
        const SQLITE: &str = "update slack_outbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select id from slack_outbox where sent_at is null and failed_at is null \
             and not_before <= $1 and (claimed_until is null or claimed_until < $1) \
             and team_id not in (select team_id from slack_outbox where sent_at is null \
             and failed_at is null and not_before > $1 and last_error = 'rate limited') \
             order by id limit $3) \
             returning id, team_id, method, payload, attempts";
        const POSTGRES: &str = "update slack_outbox set claimed_until = $2, attempts = attempts + 1 \
             where id in (select id from slack_outbox where sent_at is null and failed_at is null \
             and not_before <= $1 and (claimed_until is null or claimed_until < $1) \
             and team_id not in (select team_id from slack_outbox where sent_at is null \
             and failed_at is null and not_before > $1 and last_error = 'rate limited') \
             order by id limit $3 for update skip locked) \
             returning id, team_id, method, payload, attempts";
        let sql = match self {
            Store::Sqlite(_) => SQLITE,
            Store::Postgres(_) => POSTGRES,
        };
        // One statement, atomic on its own (see `claim_inbox`).
        let mut items: Vec<OutboxItem> = with_pool!(self, p => {
            sqlx::query_as(sql).bind(now).bind(now + lease).bind(limit).fetch_all(p).await?
        });
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    /// Marks a call sent.
    pub async fn outbox_sent(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "update slack_outbox set sent_at = $2, claimed_until = null, \
             last_error = null where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Puts a call back to be tried again at `not_before` (with [`OUTBOX_RATE_LIMITED`] as the
    /// error, it pauses its whole workspace until then).
    pub async fn outbox_retry(
        &self,
        id: i64,
        error: &str,
        not_before: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "update slack_outbox set not_before = $3, claimed_until = null, \
             last_error = $2 where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(error).bind(not_before).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Gives up on a call that cannot succeed (an unknown channel, a revoked token).
    pub async fn outbox_give_up(
        &self,
        id: i64,
        error: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "update slack_outbox set failed_at = $3, claimed_until = null, \
             last_error = $2 where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(error).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Holds every unsent call of a workspace until `until` (Slack answered 429 with
    /// `Retry-After`), releasing the ones this worker had claimed.
    pub async fn outbox_pause_team(&self, team_id: &str, until: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "update slack_outbox set not_before = $2, claimed_until = null \
             where team_id = $1 and sent_at is null and failed_at is null and not_before < $2";
        with_pool!(self, p => sqlx::query(SQL).bind(team_id).bind(until).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// When the next queued call falls due, so the worker can sleep until then.
    pub async fn next_outbox_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        const SQL: &str = "select min(not_before) from slack_outbox where sent_at is null \
             and failed_at is null";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).fetch_one(p).await)?)
    }

    /// Calls still to send (tests, metrics).
    pub async fn outbox_unsent(&self) -> StoreResult<i64> {
        const SQL: &str =
            "select count(*) from slack_outbox where sent_at is null and failed_at is null";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).fetch_one(p).await)?)
    }

    /// Drops a workspace's queued calls (it uninstalled the app; they could never be sent).
    pub async fn outbox_discard_team(&self, team_id: &str, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "update slack_outbox set failed_at = $2, last_error = 'uninstalled' \
             where team_id = $1 and sent_at is null and failed_at is null";
        with_pool!(self, p => sqlx::query(SQL).bind(team_id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Saves (or replaces, on reinstall) a workspace's OAuth install.
    pub async fn save_slack_install(
        &self,
        install: &SlackInstall,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "insert into slack_installs (team_id, team_name, bot_user_id, \
             bot_token_sealed, scopes, installed_by, installed_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $7) \
             on conflict (team_id) do update set team_name = excluded.team_name, \
             bot_user_id = excluded.bot_user_id, bot_token_sealed = excluded.bot_token_sealed, \
             scopes = excluded.scopes, installed_by = excluded.installed_by, \
             updated_at = excluded.updated_at";
        with_pool!(self, p => sqlx::query(SQL)
            .bind(&install.team_id).bind(&install.team_name).bind(&install.bot_user_id)
            .bind(&install.bot_token_sealed).bind(&install.scopes).bind(&install.installed_by)
            .bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A workspace's install, if it installed the app through OAuth.
    pub async fn slack_install(&self, team_id: &str) -> StoreResult<Option<SlackInstall>> {
        const SQL: &str = "select team_id, team_name, bot_user_id, bot_token_sealed, scopes, \
             installed_by from slack_installs where team_id = $1";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(team_id).fetch_optional(p).await)?)
    }

    /// Every OAuth install (the daily directory sync walks them).
    pub async fn slack_installs(&self) -> StoreResult<Vec<SlackInstall>> {
        const SQL: &str = "select team_id, team_name, bot_user_id, bot_token_sealed, scopes, \
             installed_by from slack_installs order by team_id";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).fetch_all(p).await)?)
    }

    /// Forgets a workspace's token (it uninstalled the app or revoked the token). Returns
    /// whether there was one.
    pub async fn delete_slack_install(&self, team_id: &str) -> StoreResult<bool> {
        const SQL: &str = "delete from slack_installs where team_id = $1";
        let n = with_pool!(self, p => sqlx::query(SQL).bind(team_id).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// Remembers an OAuth `state` handed to a browser.
    pub async fn save_oauth_state(&self, state: &str, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "insert into slack_oauth_states (state, created_at) values ($1, $2)";
        with_pool!(self, p => sqlx::query(SQL).bind(state).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Uses up an OAuth `state`: true only the first time, and only if it is younger than
    /// `max_age` (a forged or replayed callback gets false).
    pub async fn take_oauth_state(
        &self,
        state: &str,
        now: DateTime<Utc>,
        max_age: Duration,
    ) -> StoreResult<bool> {
        const SQL: &str = "update slack_oauth_states set used_at = $2 \
             where state = $1 and used_at is null and created_at > $3";
        let n = with_pool!(self, p => sqlx::query(SQL).bind(state).bind(now).bind(now - max_age)
            .execute(p).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(body_bytes: usize) -> NewInboxItem {
        NewInboxItem {
            team_id: "T1".into(),
            kind: InboxKind::Event,
            dedupe_key: "Ev1".into(),
            body: "x".repeat(body_bytes),
        }
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
            let bytes: usize = s
                .iter()
                .map(|i| i.body.len() + i.dedupe_key.len() + i.team_id.len() + ROW_OVERHEAD_BYTES)
                .sum::<usize>()
                + STATEMENT_OVERHEAD_BYTES;
            assert!(bytes <= POSTGRES_STATEMENT_BYTES, "{bytes} bytes");
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
