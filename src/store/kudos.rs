//! Kudos: who thanked whom, for what, with which values, across which departments.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::rows::{json, to_json};
use super::unit::TxConn;
use super::{BeginWrite, Store, StoreError, StoreResult, with_pool};
use crate::core::ids::{DepartmentId, KudosId, OrgId, PersonId};

/// A kudos to store; validated by the core before it gets here.
#[derive(Debug, Clone)]
pub struct NewKudos {
    /// The org.
    pub org: OrgId,
    /// Who gave it.
    pub giver: PersonId,
    /// The giver's department at the time, for cross-department reports.
    pub giver_department: Option<DepartmentId>,
    /// The words, as typed.
    pub message: String,
    /// Value tags.
    pub values: Vec<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// The platform's id for the request that gave it (see [`Invocation::request_id`]).
    ///
    /// [`Invocation::request_id`]: crate::core::invocation::Invocation::request_id
    pub request_id: Option<String>,
    /// Who received it.
    pub recipients: Vec<NewRecipient>,
}

/// One recipient with the facts the digest needs later.
#[derive(Debug, Clone)]
pub struct NewRecipient {
    /// The person.
    pub person: PersonId,
    /// Their department at the time.
    pub department: Option<DepartmentId>,
    /// Their manager at the time, who sees the kudos in the weekly digest.
    pub manager: Option<PersonId>,
}

/// A stored kudos with names, for display.
#[derive(Debug, Clone, PartialEq)]
pub struct KudosRecord {
    /// Id.
    pub id: KudosId,
    /// Giver.
    pub giver: PersonId,
    /// Giver's display name.
    pub giver_name: String,
    /// Giver's department id at the time.
    pub giver_department: Option<DepartmentId>,
    /// The words.
    pub message: String,
    /// Value tags.
    pub values: Vec<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Recipients: id, display name, platform user id, department at the time.
    pub recipients: Vec<RecipientRecord>,
}

/// One recipient of a stored kudos.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipientRecord {
    /// The person.
    pub person: PersonId,
    /// Their display name.
    pub name: String,
    /// Their platform id, for mentions.
    pub platform_user_id: Option<String>,
    /// Their department at the time.
    pub department: Option<DepartmentId>,
}

#[derive(sqlx::FromRow)]
struct KudosRow {
    id: i64,
    giver_id: i64,
    giver_name: String,
    giver_department_id: Option<i64>,
    message: String,
    kudos_values: String,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct RecipientRow {
    kudos_id: i64,
    recipient_id: i64,
    display_name: String,
    platform_user_id: Option<String>,
    recipient_department_id: Option<i64>,
}

macro_rules! select_kudos {
    ($rest:literal) => {
        concat!(
            "select k.id, k.giver_id, g.display_name as giver_name, k.giver_department_id, \
             k.message, k.kudos_values, k.created_at from kudos k join people g on g.id = k.giver_id ",
            $rest
        )
    };
}

/// Kudos given and received, and the allowance they count against.
#[async_trait::async_trait]
pub trait KudosStore: Send + Sync {
    /// Stores a kudos and its recipients in one transaction.
    async fn insert_kudos(&self, kudos: &NewKudos) -> StoreResult<KudosId>;

    /// Whether a kudos was already given for this platform request (it is being processed
    /// again after a crash).
    async fn kudos_for_request(&self, org: OrgId, request_id: &str)
    -> StoreResult<Option<KudosId>>;

    /// Holds the giver's allowance for the rest of this unit of work and says what it is made
    /// of: how many recipients `giver` has thanked since `since`, and how many active people
    /// report to them (each adds to it). Another unit giving kudos for the same person, on any
    /// replica, waits here until this one commits, so the two cannot both count the same
    /// remaining allowance. On PostgreSQL this locks the giver's row (`for no key update`, in
    /// the same statement as the counts); SQLite lets one unit write at a time already, and a
    /// unit there takes the write lock when it begins.
    async fn hold_allowance(
        &self,
        giver: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<(u32, u32)>;

    /// How many recipients `giver` has thanked since `since` (the allowance's "used").
    async fn recipients_thanked_since(
        &self,
        giver: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<u32>;

    /// Kudos given by a person, newest first, at most `limit`.
    async fn kudos_given_by(&self, giver: PersonId, limit: i64) -> StoreResult<Vec<KudosRecord>>;

    /// Kudos received by a person, newest first, at most `limit`.
    async fn kudos_received_by(
        &self,
        person: PersonId,
        limit: i64,
    ) -> StoreResult<Vec<KudosRecord>>;

    /// An org's kudos since `since`, newest first (narrative moments pick from these).
    async fn kudos_since(&self, org: OrgId, since: DateTime<Utc>) -> StoreResult<Vec<KudosRecord>>;

    /// Kudos received by the people a manager leads (as recorded when given), since `since`.
    async fn kudos_for_manager(
        &self,
        manager: PersonId,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<KudosRecord>>;

    /// Kudos an org's people received in `[since, until)`, newest first, at most `limit`: those
    /// to someone in one of `departments` (as recorded when given), or every kudos of the org
    /// when `departments` is `None`. The web dashboard's team pages list these.
    async fn kudos_received_in(
        &self,
        org: OrgId,
        departments: Option<&[i64]>,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<KudosRecord>>;

    /// Every (giver's department, recipient's department) pair of an org's kudos in a window,
    /// as recorded when given: the raw material of the recognition matrix.
    async fn kudos_flows(
        &self,
        org: OrgId,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<(Option<i64>, Option<i64>)>>;

    /// One kudos by id.
    async fn kudos(&self, id: KudosId) -> StoreResult<KudosRecord>;

    /// Counts of kudos given and received by a person, and of each value across both.
    async fn kudos_totals(&self, person: PersonId) -> StoreResult<KudosTotals>;

    /// How many kudos an org has (for tests and metrics).
    async fn kudos_count(&self, org: OrgId) -> StoreResult<i64>;
}

#[async_trait::async_trait]
impl KudosStore for Store {
    async fn insert_kudos(&self, kudos: &NewKudos) -> StoreResult<KudosId> {
        // A second kudos for the same platform request is no error to the database (no
        // savepoint is needed on PostgreSQL to carry on after it); it returns no row.
        const INSERT: &str = "insert into kudos (org_id, giver_id, giver_department_id, message, kudos_values, created_at, request_id, recipient_count) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (org_id, request_id) do nothing returning id";
        const RECIPIENTS: &str = "insert into kudos_recipients (kudos_id, org_id, recipient_id, recipient_department_id, recipient_manager_id) ";
        let values = to_json(&kudos.values)?;
        // The kudos and its recipients, on a connection already in a transaction.
        macro_rules! insert_on {
            ($conn:expr) => {{
                let id: Option<i64> = sqlx::query_scalar(INSERT)
                    .bind(kudos.org.0)
                    .bind(kudos.giver.0)
                    .bind(kudos.giver_department.map(|d| d.0))
                    .bind(&kudos.message)
                    .bind(&values)
                    .bind(kudos.created_at)
                    .bind(kudos.request_id.as_deref())
                    .bind(i64::try_from(kudos.recipients.len()).unwrap_or(i64::MAX))
                    .fetch_optional(&mut *$conn)
                    .await?;
                if let Some(id) = id
                    && !kudos.recipients.is_empty()
                {
                    let mut q = sqlx::QueryBuilder::new(RECIPIENTS);
                    q.push_values(&kudos.recipients, |mut b, r| {
                        b.push_bind(id)
                            .push_bind(kudos.org.0)
                            .push_bind(r.person.0)
                            .push_bind(r.department.map(|d| d.0))
                            .push_bind(r.manager.map(|m| m.0));
                    });
                    q.build().execute(&mut *$conn).await?;
                }
                id
            }};
        }
        let id = match self {
            // Inside a unit of work its transaction holds the two together.
            Store::Tx(unit) => {
                let mut guard = unit.lock().await;
                match unit.open(&mut guard) {
                    Some(TxConn::Sqlite(t)) => {
                        let conn: &mut sqlx::SqliteConnection = t;
                        insert_on!(conn)
                    }
                    Some(TxConn::Postgres(t)) => {
                        let conn: &mut sqlx::PgConnection = t;
                        insert_on!(conn)
                    }
                    None => return Err(StoreError::UnitEnded),
                }
            }
            Store::Sqlite(p) => {
                let mut tx = p.begin_write().await?;
                let id = insert_on!(tx);
                tx.commit().await?;
                id
            }
            Store::Postgres(p) => {
                let mut tx = p.begin_write().await?;
                let id = insert_on!(tx);
                tx.commit().await?;
                id
            }
        };
        id.map(KudosId).ok_or(StoreError::Conflict {
            constraint: "kudos_request".into(),
        })
    }

    async fn kudos_for_request(
        &self,
        org: OrgId,
        request_id: &str,
    ) -> StoreResult<Option<KudosId>> {
        const SQL: &str = "select id from kudos where org_id = $1 and request_id = $2";
        let id: Option<i64> = with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).bind(request_id).fetch_optional(p).await)?;
        Ok(id.map(KudosId))
    }

    async fn hold_allowance(
        &self,
        giver: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<(u32, u32)> {
        // `no key update`: it queues two units of the same giver, but not a unit whose new kudos
        // only names this person (a foreign key check's `key share` lock), so a kudos from A
        // to B and one from B to A (or to someone A manages) never deadlock. The counts are a
        // statement of their own, after the lock: a statement that waited for a lock still
        // reads what it saw when it started, which would miss the kudos it waited for.
        const LOCK: &str = "select id from people where id = $1 for no key update";
        const COUNTS: &str = "select (select coalesce(sum(recipient_count), 0) from kudos \
             where giver_id = $1 and created_at >= $2), \
             (select count(*) from people where manager_id = $1 and is_active = true)";
        if self.is_postgres() {
            with_pool!(self, p => sqlx::query(LOCK).bind(giver.0).execute(p).await.map(|r| r.rows_affected()))?;
        }
        let (used, reports): (i64, i64) = with_pool!(self, p => sqlx::query_as(COUNTS).bind(giver.0).bind(since).fetch_one(p).await)?;
        Ok((
            u32::try_from(used).unwrap_or(u32::MAX),
            u32::try_from(reports).unwrap_or(u32::MAX),
        ))
    }

    async fn recipients_thanked_since(
        &self,
        giver: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<u32> {
        const SQL: &str = "select coalesce(sum(recipient_count), 0) from kudos \
             where giver_id = $1 and created_at >= $2";
        let n: i64 = with_pool!(self, p => sqlx::query_scalar(SQL).bind(giver.0).bind(since).fetch_one(p).await)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    async fn kudos_given_by(&self, giver: PersonId, limit: i64) -> StoreResult<Vec<KudosRecord>> {
        const SQL: &str =
            select_kudos!("where k.giver_id = $1 order by k.created_at desc, k.id desc limit $2");
        let rows: Vec<KudosRow> = with_pool!(self, p => sqlx::query_as(SQL).bind(giver.0).bind(limit).fetch_all(p).await)?;
        self.with_recipients(rows).await
    }

    async fn kudos_received_by(
        &self,
        person: PersonId,
        limit: i64,
    ) -> StoreResult<Vec<KudosRecord>> {
        const SQL: &str = select_kudos!(
            "where k.id in (select kudos_id from kudos_recipients where recipient_id = $1) \
             order by k.created_at desc, k.id desc limit $2"
        );
        let rows: Vec<KudosRow> = with_pool!(self, p => sqlx::query_as(SQL).bind(person.0).bind(limit).fetch_all(p).await)?;
        self.with_recipients(rows).await
    }

    async fn kudos_since(&self, org: OrgId, since: DateTime<Utc>) -> StoreResult<Vec<KudosRecord>> {
        const SQL: &str = select_kudos!(
            "where k.org_id = $1 and k.created_at >= $2 order by k.created_at desc, k.id desc limit 200"
        );
        let rows: Vec<KudosRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(since).fetch_all(p).await)?;
        self.with_recipients(rows).await
    }

    async fn kudos_for_manager(
        &self,
        manager: PersonId,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<KudosRecord>> {
        const SQL: &str = select_kudos!(
            "where k.id in (select kudos_id from kudos_recipients where recipient_manager_id = $1) \
             and k.created_at >= $2 and k.created_at < $3 order by k.created_at desc, k.id desc limit 200"
        );
        let rows: Vec<KudosRow> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(manager.0).bind(since).bind(until).fetch_all(p).await)?;
        self.with_recipients(rows).await
    }

    async fn kudos_received_in(
        &self,
        org: OrgId,
        departments: Option<&[i64]>,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<KudosRecord>> {
        if departments.is_some_and(|d| d.is_empty()) {
            return Ok(Vec::new());
        }
        let rows: Vec<KudosRow> = with_pool!(self, p => {
            let mut q = sqlx::QueryBuilder::new(select_kudos!("where k.org_id = "));
            q.push_bind(org.0);
            q.push(" and k.created_at >= ").push_bind(since);
            q.push(" and k.created_at < ").push_bind(until);
            if let Some(departments) = departments {
                q.push(
                    " and exists (select 1 from kudos_recipients r where r.kudos_id = k.id \
                     and r.recipient_department_id in (",
                );
                let mut list = q.separated(", ");
                for d in departments {
                    list.push_bind(*d);
                }
                list.push_unseparated("))");
            }
            q.push(" order by k.created_at desc, k.id desc limit ").push_bind(limit);
            q.build_query_as().fetch_all(p).await
        })?;
        self.with_recipients(rows).await
    }

    async fn kudos_flows(
        &self,
        org: OrgId,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<(Option<i64>, Option<i64>)>> {
        const SQL: &str = "select k.giver_department_id, r.recipient_department_id from kudos k \
             join kudos_recipients r on r.kudos_id = k.id \
             where k.org_id = $1 and k.created_at >= $2 and k.created_at < $3";
        Ok(
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(since).bind(until).fetch_all(p).await)?,
        )
    }

    async fn kudos(&self, id: KudosId) -> StoreResult<KudosRecord> {
        const SQL: &str = select_kudos!("where k.id = $1");
        let row: KudosRow =
            with_pool!(self, p => sqlx::query_as(SQL).bind(id.0).fetch_one(p).await)?;
        let mut all = self.with_recipients(vec![row]).await?;
        all.pop().ok_or(super::StoreError::NotFound)
    }

    async fn kudos_totals(&self, person: PersonId) -> StoreResult<KudosTotals> {
        const GIVEN: &str = "select kudos_values from kudos where giver_id = $1";
        const RECEIVED: &str = "select k.kudos_values from kudos k join kudos_recipients r on r.kudos_id = k.id \
             where r.recipient_id = $1";
        const GIVEN_PEOPLE: &str = "select count(*) from kudos_recipients r join kudos k on k.id = r.kudos_id \
             where k.giver_id = $1";
        let given: Vec<String> =
            with_pool!(self, p => sqlx::query_scalar(GIVEN).bind(person.0).fetch_all(p).await)?;
        let received: Vec<String> =
            with_pool!(self, p => sqlx::query_scalar(RECEIVED).bind(person.0).fetch_all(p).await)?;
        let people_thanked: i64 = with_pool!(self, p => sqlx::query_scalar(GIVEN_PEOPLE).bind(person.0).fetch_one(p).await)?;
        let mut by_value: HashMap<String, (u32, u32)> = HashMap::new();
        for v in &given {
            for tag in json::<Vec<String>>(v)? {
                by_value.entry(tag).or_default().0 += 1;
            }
        }
        for v in &received {
            for tag in json::<Vec<String>>(v)? {
                by_value.entry(tag).or_default().1 += 1;
            }
        }
        let mut by_value: Vec<(String, u32, u32)> =
            by_value.into_iter().map(|(k, (g, r))| (k, g, r)).collect();
        by_value.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.cmp(&b.0)));
        Ok(KudosTotals {
            given: given.len() as u32,
            people_thanked: u32::try_from(people_thanked).unwrap_or(u32::MAX),
            received: received.len() as u32,
            by_value,
        })
    }

    async fn kudos_count(&self, org: OrgId) -> StoreResult<i64> {
        const SQL: &str = "select count(*) from kudos where org_id = $1";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).fetch_one(p).await)?)
    }
}

impl Store {
    async fn with_recipients(&self, rows: Vec<KudosRow>) -> StoreResult<Vec<KudosRecord>> {
        // One query for all the kudos' recipients, not one per kudos.
        let mut recipients: HashMap<i64, Vec<RecipientRecord>> = HashMap::new();
        for chunk in rows.chunks(1_000) {
            let found: Vec<RecipientRow> = with_pool!(self, p => {
                let mut q = sqlx::QueryBuilder::new(
                    "select r.kudos_id, r.recipient_id, p.display_name, p.platform_user_id, r.recipient_department_id \
                     from kudos_recipients r join people p on p.id = r.recipient_id where r.kudos_id in (",
                );
                let mut list = q.separated(", ");
                for row in chunk {
                    list.push_bind(row.id);
                }
                list.push_unseparated(") order by p.display_name");
                q.build_query_as().fetch_all(p).await
            })?;
            for r in found {
                recipients
                    .entry(r.kudos_id)
                    .or_default()
                    .push(RecipientRecord {
                        person: PersonId(r.recipient_id),
                        name: r.display_name,
                        platform_user_id: r.platform_user_id,
                        department: r.recipient_department_id.map(DepartmentId),
                    });
            }
        }
        rows.into_iter()
            .map(|row| {
                Ok(KudosRecord {
                    id: KudosId(row.id),
                    giver: PersonId(row.giver_id),
                    giver_name: row.giver_name,
                    giver_department: row.giver_department_id.map(DepartmentId),
                    message: row.message,
                    values: json(&row.kudos_values)?,
                    created_at: row.created_at,
                    recipients: recipients.remove(&row.id).unwrap_or_default(),
                })
            })
            .collect()
    }
}

/// A person's kudos totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KudosTotals {
    /// Kudos given.
    pub given: u32,
    /// Recipients thanked across those kudos.
    pub people_thanked: u32,
    /// Kudos received.
    pub received: u32,
    /// Per value: (tag, given, received), most used first.
    pub by_value: Vec<(String, u32, u32)>,
}
