//! Durable jobs: scheduled once per idempotency key, claimed by one worker at a time.

use chrono::{DateTime, Duration, Utc};

use super::{BeginWrite, Store, StoreResult, with_pool};
use crate::core::ids::{JobId, OrgId};

/// A job to schedule.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// The org it runs for.
    pub org: OrgId,
    /// What kind of job (`narrative-moment`).
    pub kind: String,
    /// Unique per intended run, e.g. `narrative-moment:3:2026-11-30T07:30:00Z`.
    pub key: String,
    /// When it should run.
    pub due_at: DateTime<Utc>,
    /// Kind-specific data, as JSON.
    pub payload: String,
}

/// A claimed job.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobRecord {
    /// Row id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// Kind.
    pub kind: String,
    /// Idempotency key.
    pub idempotency_key: String,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// Attempts so far, including this one.
    pub attempts: i64,
    /// Kind-specific data.
    pub payload: String,
}

impl JobRecord {
    /// The typed id.
    pub fn job_id(&self) -> JobId {
        JobId(self.id)
    }

    /// The typed org id.
    pub fn org(&self) -> OrgId {
        OrgId(self.org_id)
    }
}

/// Durable jobs: scheduled once per key, claimed by one worker at a time.
#[async_trait::async_trait]
pub trait JobStore: Send + Sync {
    /// Schedules a job unless one with the same key exists. Returns whether it was added.
    async fn schedule_job(&self, job: &NewJob, now: DateTime<Utc>) -> StoreResult<bool>;

    /// Whether an org has a job of this kind still waiting (pending or running).
    async fn has_open_job(&self, org: OrgId, kind: &str) -> StoreResult<bool>;

    /// Takes the oldest due job of an org on `platform`, locking it for `lease`. A running job
    /// whose lease has passed (its worker died) is taken over. On PostgreSQL, `SKIP LOCKED`
    /// lets several replicas claim different jobs at once without waiting on each other.
    async fn claim_due_job(
        &self,
        platform: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<Option<JobRecord>>;

    /// Marks a job done.
    async fn complete_job(&self, id: JobId, now: DateTime<Utc>) -> StoreResult<()>;

    /// Records a failure: back to pending at `retry_at`, or failed for good when `None`.
    async fn fail_job(
        &self,
        id: JobId,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The earliest time a pending job of `platform` falls due (the console steps its clock
    /// through these).
    async fn next_due_at(&self, platform: &str) -> StoreResult<Option<DateTime<Utc>>>;

    /// Count of jobs of a kind in a status (for tests and `/metrics`).
    async fn job_count(&self, org: OrgId, kind: &str, status: &str) -> StoreResult<i64>;
}

#[async_trait::async_trait]
impl JobStore for Store {
    async fn schedule_job(&self, job: &NewJob, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str = "insert into jobs (org_id, kind, idempotency_key, due_at, payload, created_at) \
             values ($1, $2, $3, $4, $5, $6) on conflict (idempotency_key) do nothing";
        let done = with_pool!(self, p => sqlx::query(SQL)
            .bind(job.org.0).bind(&job.kind).bind(&job.key).bind(job.due_at)
            .bind(&job.payload).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    async fn has_open_job(&self, org: OrgId, kind: &str) -> StoreResult<bool> {
        const SQL: &str = "select count(*) from jobs where org_id = $1 and kind = $2 \
             and status in ('pending', 'running')";
        let n: i64 = with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).bind(kind).fetch_one(p).await)?;
        Ok(n > 0)
    }

    async fn claim_due_job(
        &self,
        platform: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<Option<JobRecord>> {
        const PICK_SQLITE: &str = "select j.id from jobs j join orgs o on o.id = j.org_id \
             where o.platform = $1 and j.due_at <= $2 \
             and (j.status = 'pending' or (j.status = 'running' and j.locked_until < $2)) \
             order by j.due_at, j.id limit 1";
        const PICK_POSTGRES: &str = "select j.id from jobs j join orgs o on o.id = j.org_id \
             where o.platform = $1 and j.due_at <= $2 \
             and (j.status = 'pending' or (j.status = 'running' and j.locked_until < $2)) \
             order by j.due_at, j.id limit 1 for update of j skip locked";
        const CLAIM: &str = "update jobs set status = 'running', locked_until = $2, attempts = attempts + 1 \
             where id = $1 returning id, org_id, kind, idempotency_key, due_at, attempts, payload";
        let until = now + lease;
        // Only the row-picking statement differs: SQLite has one writer at a time, so picking
        // and claiming in one write transaction is enough there.
        let pick = match self {
            s if s.is_postgres() => PICK_POSTGRES,
            _ => PICK_SQLITE,
        };
        let job = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let id: Option<i64> = sqlx::query_scalar(pick)
                .bind(platform)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            let job = match id {
                Some(id) => Some(
                    sqlx::query_as(CLAIM)
                        .bind(id)
                        .bind(until)
                        .fetch_one(&mut *tx)
                        .await?,
                ),
                None => None,
            };
            tx.commit().await?;
            job
        });
        Ok(job)
    }

    async fn complete_job(&self, id: JobId, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "update jobs set status = 'done', finished_at = $2, locked_until = null, last_error = null where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id.0).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn fail_job(
        &self,
        id: JobId,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const RETRY: &str = "update jobs set status = 'pending', due_at = $3, locked_until = null, last_error = $2 where id = $1";
        const GIVE_UP: &str = "update jobs set status = 'failed', finished_at = $3, locked_until = null, last_error = $2 where id = $1";
        match retry_at {
            Some(at) => {
                with_pool!(self, p => sqlx::query(RETRY).bind(id.0).bind(error).bind(at).execute(p).await.map(|r| r.rows_affected()))?
            }
            None => {
                with_pool!(self, p => sqlx::query(GIVE_UP).bind(id.0).bind(error).bind(now).execute(p).await.map(|r| r.rows_affected()))?
            }
        };
        Ok(())
    }

    async fn next_due_at(&self, platform: &str) -> StoreResult<Option<DateTime<Utc>>> {
        const SQL: &str = "select min(j.due_at) from jobs j join orgs o on o.id = j.org_id \
             where o.platform = $1 and j.status = 'pending'";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).bind(platform).fetch_one(p).await)?)
    }

    async fn job_count(&self, org: OrgId, kind: &str, status: &str) -> StoreResult<i64> {
        const SQL: &str =
            "select count(*) from jobs where org_id = $1 and kind = $2 and status = $3";
        Ok(
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).bind(kind).bind(status).fetch_one(p).await)?,
        )
    }
}
