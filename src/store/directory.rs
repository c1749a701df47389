//! People and departments, and applying an org chart in one transaction.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::rows::{DepartmentRow, PersonRow, locale, tz};
use super::{BeginWrite, Store, StoreError, StoreResult, with_pool};
use crate::core::directory::import::OrgChart;
use crate::core::directory::platform_users::PLACEHOLDER_EMAIL_DOMAIN;
use crate::core::directory::platform_users::{
    DirectoryEntry, MemberUpdate, PlatformUser, Skipped, plan_sync, unique_handle,
};
use crate::core::directory::tree::parent_path;
use crate::core::directory::{Department, Person};
use crate::core::ids::{DepartmentId, OrgId, PersonId};

/// Takes the org's row lock for the rest of a write transaction and reads its defaults.
///
/// Org-chart imports and platform syncs read the directory, decide, then write; on PostgreSQL
/// two of them for one org could otherwise decide from the same snapshot and trip over each
/// other's handles and emails. SQLite's `BEGIN IMMEDIATE` already serialises writers; there
/// this statement is a harmless no-op.
const LOCK_ORG: &str = "update orgs set name = name where id = $1 returning timezone, locale";

macro_rules! select_people {
    ($rest:literal) => {
        concat!(
            "select id, org_id, platform_user_id, handle, email, display_name, department_id, \
             manager_id, timezone, locale, is_admin, is_active, welcomed_at from people ",
            $rest
        )
    };
}

/// What an import changed, for the admin's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    /// People added.
    pub created: usize,
    /// People already known whose row was updated.
    pub updated: usize,
    /// Departments in the file (including implied parents).
    pub departments: usize,
}

/// What a platform sync changed, for logs and the admin's summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncSummary {
    /// People added because the platform has them and the directory did not.
    pub created: usize,
    /// People whose link, email, name, time zone, language or account state changed (not
    /// counting those switched off).
    pub updated: usize,
    /// People switched off because their platform account was deleted.
    pub deactivated: usize,
    /// Platform users matched to a person whose row already said it all.
    pub unchanged: usize,
    /// Platform users left out (bots, deleted strangers, no email, email taken), with why, so
    /// a missing email scope shows up in the logs.
    pub skipped: Vec<Skipped>,
}

/// The columns a sync reads about each person.
#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    platform_user_id: Option<String>,
    email: String,
    handle: String,
    display_name: String,
    timezone: String,
    locale: String,
    name_from_chart: bool,
    timezone_from_chart: bool,
    locale_from_chart: bool,
    chart_active: bool,
    platform_active: bool,
    is_active: bool,
}

impl TryFrom<EntryRow> for DirectoryEntry {
    type Error = StoreError;
    fn try_from(r: EntryRow) -> Result<Self, StoreError> {
        Ok(DirectoryEntry {
            id: PersonId(r.id),
            platform_user_id: r.platform_user_id,
            email: r.email,
            handle: r.handle,
            display_name: r.display_name,
            timezone: tz(&r.timezone)?,
            locale: locale(&r.locale)?,
            name_from_chart: r.name_from_chart,
            timezone_from_chart: r.timezone_from_chart,
            locale_from_chart: r.locale_from_chart,
            chart_active: r.chart_active,
            platform_active: r.platform_active,
            is_active: r.is_active,
        })
    }
}

/// People and departments: who is who, who leads whom, and the org chart import.
#[async_trait::async_trait]
pub trait DirectoryStore: Send + Sync {
    /// A person by their platform user id.
    async fn person_by_platform_id(
        &self,
        org: OrgId,
        platform_user_id: &str,
    ) -> StoreResult<Option<Person>>;

    /// A person by the part of their email before `@`.
    async fn person_by_handle(&self, org: OrgId, handle: &str) -> StoreResult<Option<Person>>;

    /// A person by id.
    async fn person(&self, id: PersonId) -> StoreResult<Person>;

    /// Several people by id (missing ids are skipped).
    async fn people_by_ids(&self, ids: &[PersonId]) -> StoreResult<Vec<Person>>;

    /// Everyone in an org, by handle.
    async fn people(&self, org: OrgId) -> StoreResult<Vec<Person>>;

    /// The active admins of an org, to tell others whom to ask.
    async fn admins(&self, org: OrgId) -> StoreResult<Vec<Person>>;

    /// How many active people report directly to `manager`.
    async fn direct_report_count(&self, manager: PersonId) -> StoreResult<u32>;

    /// Whether `person` heads at least one department (so has teams to look at), without
    /// reading the departments.
    async fn leads_a_department(&self, person: PersonId) -> StoreResult<bool>;

    /// Records that the welcome message went out. Returns false if someone else (another
    /// replica) already did, so the welcome is sent once.
    async fn mark_welcomed(&self, person: PersonId, now: DateTime<Utc>) -> StoreResult<bool>;

    /// A department by id.
    async fn department(&self, id: DepartmentId) -> StoreResult<Department>;

    /// Every department of an org, by path.
    async fn departments(&self, org: OrgId) -> StoreResult<Vec<Department>>;

    /// Emails already in the directory (managers an import may name without listing them).
    async fn emails(&self, org: OrgId) -> StoreResult<BTreeSet<String>>;

    /// Applies a validated org chart: departments, people, managers and department heads, all
    /// in one transaction so a failure leaves the directory as it was.
    ///
    /// `handles_are_platform_ids` is true for the console org, whose people are addressed by
    /// handle; other platforms fill `platform_user_id` when they match users by email.
    ///
    /// People are matched by email, so people a platform sync added are found and completed
    /// (department, manager, admin rights), never duplicated; people missing from the file are
    /// left as they are. What the file writes wins over the platform's values (see
    /// [`crate::core::directory::platform_users`]): the name always, a time zone or language when
    /// its cell is filled. A blank cell keeps what a platform-linked person has (their platform
    /// setting) and gives anyone else the org default. `active` sets the chart's own flag; a
    /// person whose platform account is deleted stays inactive whatever the file says. A
    /// handle already taken by someone else is not moved: the person keeps theirs, or a new
    /// person gets `-2`, `-3` … (as a sync would).
    async fn apply_org_chart(
        &self,
        org: OrgId,
        chart: &OrgChart,
        handles_are_platform_ids: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<ImportSummary>;

    /// Brings the directory in line with a chat platform's member list (at install, daily, and
    /// for one newcomer on `team_join`), in one transaction.
    ///
    /// The rules are [`plan_sync`]'s: match by platform id, then by email; add active people
    /// with an email; follow name, time zone and language where the org chart left them blank;
    /// switch off people whose account is deleted. Departments, managers and admin rights are
    /// never touched, and nobody is removed. Concurrent syncs and imports of one org queue
    /// behind each other.
    async fn sync_platform_users(
        &self,
        org: OrgId,
        users: &[PlatformUser],
        now: DateTime<Utc>,
    ) -> StoreResult<SyncSummary>;

    /// Switches off the person linked to a deleted platform account at once (Slack's
    /// `user_change` with `deleted: true`), without waiting for the daily sync. Returns whether
    /// this call switched someone off; the chart's own `active` flag is kept for the day the
    /// account returns.
    async fn deactivate_platform_user(
        &self,
        org: OrgId,
        platform_user_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Puts people who have no department yet into one, by platform user id and department
    /// path (Discord members by their role, see `[discord] role_departments`), creating the
    /// department and its parents when missing. People the org chart placed keep their
    /// department. Returns how many were placed.
    async fn place_in_departments(
        &self,
        org: OrgId,
        placements: &[(String, String)],
        now: DateTime<Utc>,
    ) -> StoreResult<usize>;
}

#[async_trait::async_trait]
impl DirectoryStore for Store {
    async fn person_by_platform_id(
        &self,
        org: OrgId,
        platform_user_id: &str,
    ) -> StoreResult<Option<Person>> {
        const SQL: &str = select_people!("where org_id = $1 and platform_user_id = $2");
        let row: Option<PersonRow> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(org.0).bind(platform_user_id).fetch_optional(p).await)?;
        row.map(Person::try_from).transpose()
    }

    async fn person_by_handle(&self, org: OrgId, handle: &str) -> StoreResult<Option<Person>> {
        const SQL: &str = select_people!("where org_id = $1 and handle = $2");
        let row: Option<PersonRow> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(org.0).bind(handle.to_lowercase()).fetch_optional(p).await)?;
        row.map(Person::try_from).transpose()
    }

    async fn person(&self, id: PersonId) -> StoreResult<Person> {
        const SQL: &str = select_people!("where id = $1");
        let row: PersonRow =
            with_pool!(self, p => sqlx::query_as(SQL).bind(id.0).fetch_one(p).await)?;
        Person::try_from(row)
    }

    async fn people_by_ids(&self, ids: &[PersonId]) -> StoreResult<Vec<Person>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(1_000) {
            let rows: Vec<PersonRow> = with_pool!(self, p => {
                let mut q = sqlx::QueryBuilder::new(select_people!("where id in ("));
                let mut list = q.separated(", ");
                for id in chunk {
                    list.push_bind(id.0);
                }
                list.push_unseparated(")");
                q.build_query_as().fetch_all(p).await
            })?;
            for row in rows {
                out.push(Person::try_from(row)?);
            }
        }
        Ok(out)
    }

    async fn people(&self, org: OrgId) -> StoreResult<Vec<Person>> {
        const SQL: &str = select_people!("where org_id = $1 order by handle");
        let rows: Vec<PersonRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).fetch_all(p).await)?;
        rows.into_iter().map(Person::try_from).collect()
    }

    async fn admins(&self, org: OrgId) -> StoreResult<Vec<Person>> {
        const SQL: &str = select_people!(
            "where org_id = $1 and is_admin = true and is_active = true order by display_name"
        );
        let rows: Vec<PersonRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).fetch_all(p).await)?;
        rows.into_iter().map(Person::try_from).collect()
    }

    async fn direct_report_count(&self, manager: PersonId) -> StoreResult<u32> {
        const SQL: &str = "select count(*) from people where manager_id = $1 and is_active = true";
        let n: i64 =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(manager.0).fetch_one(p).await)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    async fn leads_a_department(&self, person: PersonId) -> StoreResult<bool> {
        const SQL: &str = "select exists(select 1 from departments where manager_id = $1)";
        let leads: bool =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(person.0).fetch_one(p).await)?;
        Ok(leads)
    }

    async fn mark_welcomed(&self, person: PersonId, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str =
            "update people set welcomed_at = $2 where id = $1 and welcomed_at is null";
        let done = with_pool!(self, p => sqlx::query(SQL).bind(person.0).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    async fn department(&self, id: DepartmentId) -> StoreResult<Department> {
        const SQL: &str =
            "select id, path, name, parent_id, manager_id from departments where id = $1";
        let row: DepartmentRow =
            with_pool!(self, p => sqlx::query_as(SQL).bind(id.0).fetch_one(p).await)?;
        Ok(row.into())
    }

    async fn departments(&self, org: OrgId) -> StoreResult<Vec<Department>> {
        const SQL: &str = "select id, path, name, parent_id, manager_id from departments \
             where org_id = $1 order by path";
        let rows: Vec<DepartmentRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).fetch_all(p).await)?;
        Ok(rows.into_iter().map(Department::from).collect())
    }

    async fn emails(&self, org: OrgId) -> StoreResult<BTreeSet<String>> {
        const SQL: &str = "select email from people where org_id = $1";
        let rows: Vec<String> =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).fetch_all(p).await)?;
        Ok(rows.into_iter().collect())
    }

    async fn apply_org_chart(
        &self,
        org: OrgId,
        chart: &OrgChart,
        handles_are_platform_ids: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<ImportSummary> {
        const UPSERT_DEPT: &str = "insert into departments (org_id, path, name, parent_id) values ($1, $2, $3, $4) \
             on conflict (org_id, path) do update set name = excluded.name, parent_id = excluded.parent_id \
             returning id";
        const KNOWN_PEOPLE: &str =
            "select id, email, handle, platform_user_id from people where org_id = $1";
        const INSERT_PERSON: &str = "insert into people (org_id, platform_user_id, handle, email, display_name, \
             department_id, timezone, locale, is_admin, is_active, created_at, updated_at, \
             name_from_chart, timezone_from_chart, locale_from_chart, chart_active) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, true, $12, $13, $10) returning id";
        // A null time zone or locale keeps the stored one.
        const UPDATE_PERSON: &str = "update people set handle = $2, display_name = $3, department_id = $4, \
             timezone = coalesce($5, timezone), locale = coalesce($6, locale), is_admin = $7, \
             chart_active = $8, is_active = ($8 and platform_active), updated_at = $9, \
             platform_user_id = coalesce(platform_user_id, $10), name_from_chart = true, \
             timezone_from_chart = $11, locale_from_chart = $12 where id = $1";
        const FIND_MANAGER: &str = "select id from people where org_id = $1 and email = $2";
        const ADOPT_EMAIL: &str = "update people set email = $2 where id = $1";
        const RELEASE_PLATFORM_ID: &str = "update people set platform_user_id = null \
             where org_id = $1 and platform_user_id = $2 and id <> $3";
        const SET_PLATFORM_ID: &str = "update people set platform_user_id = $2 where id = $1";
        const SET_MANAGER: &str = "update people set manager_id = $2 where id = $1";
        const SET_HEAD: &str =
            "update departments set manager_id = $3 where org_id = $1 and path = $2";

        let summary = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(LOCK_ORG).bind(org.0).fetch_one(&mut *tx).await?;
            let known: Vec<(i64, String, String, Option<String>)> =
                sqlx::query_as(KNOWN_PEOPLE).bind(org.0).fetch_all(&mut *tx).await?;
            let mut by_email: HashMap<String, (i64, String, bool)> = HashMap::new();
            let mut handle_owner: HashMap<String, i64> = HashMap::new();
            // People a chat platform added before the chart listed them: found again by
            // their platform id (the chart's `discord_id`) or, for Discord members who joined
            // with a placeholder address, by the handle the chart gives them.
            let mut by_platform_id: HashMap<String, String> = HashMap::new();
            let mut placeholder_by_handle: HashMap<String, String> = HashMap::new();
            for (id, email, handle, platform_id) in known {
                handle_owner.insert(handle.clone(), id);
                if let Some(platform_id) = &platform_id {
                    by_platform_id.insert(platform_id.clone(), email.clone());
                }
                if email.ends_with(PLACEHOLDER_EMAIL_DOMAIN) {
                    placeholder_by_handle.insert(handle.clone(), email.clone());
                }
                by_email.insert(email, (id, handle, platform_id.is_some()));
            }
            let mut dept_ids: HashMap<&str, i64> = HashMap::new();
            for path in &chart.departments {
                let name = path.rsplit('/').next().unwrap_or(path);
                let parent = parent_path(path).and_then(|pp| dept_ids.get(pp).copied());
                let id: i64 = sqlx::query_scalar(UPSERT_DEPT)
                    .bind(org.0).bind(path).bind(name).bind(parent)
                    .fetch_one(&mut *tx).await?;
                dept_ids.insert(path.as_str(), id);
            }
            let mut created = 0;
            let mut updated = 0;
            let mut person_ids: HashMap<&str, i64> = HashMap::new();
            for row in &chart.rows {
                let dept = dept_ids.get(row.department.as_str()).copied();
                if !by_email.contains_key(&row.email) {
                    let adopted = row
                        .discord_id
                        .as_ref()
                        .and_then(|d| by_platform_id.get(d))
                        .or_else(|| placeholder_by_handle.get(&row.handle))
                        .filter(|e| e.ends_with(PLACEHOLDER_EMAIL_DOMAIN))
                        .cloned();
                    if let Some(old) = adopted
                        && let Some(entry) = by_email.remove(&old)
                    {
                        sqlx::query(ADOPT_EMAIL).bind(entry.0).bind(&row.email)
                            .execute(&mut *tx).await?;
                        by_email.insert(row.email.clone(), entry);
                    }
                }
                if let Some(discord_id) = &row.discord_id {
                    // The chart's word: whoever held this account before lets go of it.
                    let keep = by_email.get(&row.email).map(|e| e.0).unwrap_or(-1);
                    sqlx::query(RELEASE_PLATFORM_ID).bind(org.0).bind(discord_id).bind(keep)
                        .execute(&mut *tx).await?;
                }
                let id = match by_email.get(&row.email) {
                    Some((id, current_handle, linked)) => {
                        let id = *id;
                        let handle = match handle_owner.get(&row.handle) {
                            Some(owner) if *owner != id => current_handle.clone(),
                            _ => row.handle.clone(),
                        };
                        if handle != *current_handle {
                            handle_owner.remove(current_handle);
                            handle_owner.insert(handle.clone(), id);
                        }
                        let platform_id = handles_are_platform_ids.then(|| handle.clone());
                        if let Some(discord_id) = &row.discord_id {
                            sqlx::query(SET_PLATFORM_ID).bind(id).bind(discord_id)
                                .execute(&mut *tx).await?;
                        }
                        // A blank cell keeps a platform-linked person's own setting.
                        let keep = *linked && !handles_are_platform_ids;
                        let tz = (row.timezone_given || !keep).then(|| row.timezone.name());
                        let locale = (row.locale_given || !keep).then(|| row.locale.code());
                        sqlx::query(UPDATE_PERSON)
                            .bind(id).bind(&handle).bind(&row.name).bind(dept)
                            .bind(tz).bind(locale)
                            .bind(row.admin).bind(row.active).bind(now).bind(platform_id)
                            .bind(row.timezone_given).bind(row.locale_given)
                            .execute(&mut *tx).await?;
                        updated += 1;
                        id
                    }
                    None => {
                        let taken: HashSet<String> = if handle_owner.contains_key(&row.handle) {
                            handle_owner.keys().cloned().collect()
                        } else {
                            HashSet::new()
                        };
                        let handle = unique_handle(Some(&row.email), &row.name, &row.handle, &taken);
                        let platform_id = row
                            .discord_id
                            .clone()
                            .or_else(|| handles_are_platform_ids.then(|| handle.clone()));
                        let id: i64 = sqlx::query_scalar(INSERT_PERSON)
                            .bind(org.0).bind(platform_id).bind(&handle).bind(&row.email)
                            .bind(&row.name).bind(dept).bind(row.timezone.name())
                            .bind(row.locale.code()).bind(row.admin).bind(row.active).bind(now)
                            .bind(row.timezone_given).bind(row.locale_given)
                            .fetch_one(&mut *tx).await?;
                        handle_owner.insert(handle, id);
                        created += 1;
                        id
                    }
                };
                person_ids.insert(row.email.as_str(), id);
            }
            for row in &chart.rows {
                let manager: Option<i64> = match &row.manager_email {
                    Some(email) => match person_ids.get(email.as_str()) {
                        Some(id) => Some(*id),
                        None => sqlx::query_scalar(FIND_MANAGER)
                            .bind(org.0).bind(email).fetch_optional(&mut *tx).await?,
                    },
                    None => None,
                };
                let id = person_ids.get(row.email.as_str()).copied().unwrap_or_default();
                sqlx::query(SET_MANAGER).bind(id).bind(manager).execute(&mut *tx).await?;
            }
            for (path, email) in &chart.heads {
                let head: Option<i64> = match person_ids.get(email.as_str()) {
                    Some(id) => Some(*id),
                    None => sqlx::query_scalar(FIND_MANAGER)
                        .bind(org.0).bind(email).fetch_optional(&mut *tx).await?,
                };
                sqlx::query(SET_HEAD).bind(org.0).bind(path).bind(head).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            ImportSummary { created, updated, departments: chart.departments.len() }
        });
        Ok(summary)
    }

    async fn sync_platform_users(
        &self,
        org: OrgId,
        users: &[PlatformUser],
        now: DateTime<Utc>,
    ) -> StoreResult<SyncSummary> {
        const ENTRIES: &str = "select id, platform_user_id, email, handle, display_name, timezone, \
             locale, name_from_chart, timezone_from_chart, locale_from_chart, chart_active, \
             platform_active, is_active from people where org_id = $1";
        const UPDATE_ONE: &str = "update people set platform_user_id = $2, email = $3, \
             display_name = $4, timezone = $5, locale = $6, platform_active = $7, is_active = $8, \
             updated_at = $9 where id = $1";
        const CHUNK: usize = 500;

        let plan = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let (org_tz, org_locale): (String, String) =
                sqlx::query_as(LOCK_ORG).bind(org.0).fetch_one(&mut *tx).await?;
            let rows: Vec<EntryRow> =
                sqlx::query_as(ENTRIES).bind(org.0).fetch_all(&mut *tx).await?;
            let existing = rows
                .into_iter()
                .map(DirectoryEntry::try_from)
                .collect::<StoreResult<Vec<_>>>()?;
            let plan = plan_sync(&existing, users, tz(&org_tz)?, locale(&org_locale)?);
            let old_email: HashMap<PersonId, &str> =
                existing.iter().map(|e| (e.id, e.email.as_str())).collect();

            // Email changes one by one, in plan order: the plan only hands an email to someone
            // after its holder has let it go, and a single statement would not keep that order.
            let (moving, staying): (Vec<&MemberUpdate>, Vec<&MemberUpdate>) = plan
                .update
                .iter()
                .partition(|u| old_email.get(&u.id).is_some_and(|e| *e != u.email));
            for u in moving {
                sqlx::query(UPDATE_ONE)
                    .bind(u.id.0).bind(&u.platform_user_id).bind(&u.email)
                    .bind(&u.display_name).bind(u.timezone.name()).bind(u.locale.code())
                    .bind(u.platform_active).bind(u.is_active).bind(now)
                    .execute(&mut *tx).await?;
            }
            // The rest in batches: both backends name a VALUES list's columns column1, column2, …
            for chunk in staying.chunks(CHUNK) {
                let mut q = sqlx::QueryBuilder::new(
                    "update people set platform_user_id = v.column2, display_name = v.column3, \
                     timezone = v.column4, locale = v.column5, platform_active = v.column6, \
                     is_active = v.column7, updated_at = ",
                );
                q.push_bind(now);
                q.push(" from (values ");
                for (n, u) in chunk.iter().enumerate() {
                    if n > 0 {
                        q.push(", ");
                    }
                    q.push("(cast(").push_bind(u.id.0)
                        .push(" as bigint), cast(").push_bind(&u.platform_user_id)
                        .push(" as text), cast(").push_bind(&u.display_name)
                        .push(" as text), cast(").push_bind(u.timezone.name())
                        .push(" as text), cast(").push_bind(u.locale.code())
                        .push(" as text), cast(").push_bind(u.platform_active)
                        .push(" as boolean), cast(").push_bind(u.is_active)
                        .push(" as boolean))");
                }
                q.push(") as v where people.id = v.column1");
                q.build().execute(&mut *tx).await?;
            }
            for chunk in plan.create.chunks(CHUNK) {
                let mut q = sqlx::QueryBuilder::new(
                    "insert into people (org_id, platform_user_id, handle, email, display_name, \
                     timezone, locale, created_at, updated_at) ",
                );
                q.push_values(chunk, |mut b, m| {
                    b.push_bind(org.0)
                        .push_bind(&m.platform_user_id)
                        .push_bind(&m.handle)
                        .push_bind(&m.email)
                        .push_bind(&m.display_name)
                        .push_bind(m.timezone.name())
                        .push_bind(m.locale.code())
                        .push_bind(now)
                        .push_bind(now);
                });
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            plan
        });
        let deactivated = plan.update.iter().filter(|u| u.deactivates).count();
        Ok(SyncSummary {
            created: plan.create.len(),
            updated: plan.update.len() - deactivated,
            deactivated,
            unchanged: plan.unchanged,
            skipped: plan.skipped,
        })
    }

    async fn deactivate_platform_user(
        &self,
        org: OrgId,
        platform_user_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        const SQL: &str = "update people set platform_active = false, is_active = false, \
             updated_at = $3 where org_id = $1 and platform_user_id = $2 and platform_active = true";
        let done = with_pool!(self, p => sqlx::query(SQL)
            .bind(org.0).bind(platform_user_id).bind(now)
            .execute(p).await.map(|r| r.rows_affected()))?;
        Ok(done > 0)
    }

    async fn place_in_departments(
        &self,
        org: OrgId,
        placements: &[(String, String)],
        now: DateTime<Utc>,
    ) -> StoreResult<usize> {
        const UPSERT_DEPT: &str = "insert into departments (org_id, path, name, parent_id) values ($1, $2, $3, $4) \
             on conflict (org_id, path) do update set name = departments.name returning id";
        const PLACE: &str = "update people set department_id = $3, updated_at = $4 \
             where org_id = $1 and platform_user_id = $2 and department_id is null";
        if placements.is_empty() {
            return Ok(0);
        }
        let placed = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(LOCK_ORG).bind(org.0).fetch_one(&mut *tx).await?;
            let mut ids: HashMap<String, i64> = HashMap::new();
            let mut placed = 0usize;
            for (platform_user_id, path) in placements {
                let path = path
                    .split('/')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("/");
                if path.is_empty() {
                    continue;
                }
                let mut parent: Option<i64> = None;
                let mut so_far = String::new();
                for segment in path.split('/') {
                    if !so_far.is_empty() {
                        so_far.push('/');
                    }
                    so_far.push_str(segment);
                    let id = match ids.get(&so_far) {
                        Some(id) => *id,
                        None => {
                            let id: i64 = sqlx::query_scalar(UPSERT_DEPT)
                                .bind(org.0).bind(&so_far).bind(segment).bind(parent)
                                .fetch_one(&mut *tx).await?;
                            ids.insert(so_far.clone(), id);
                            id
                        }
                    };
                    parent = Some(id);
                }
                let done = sqlx::query(PLACE)
                    .bind(org.0).bind(platform_user_id).bind(parent).bind(now)
                    .execute(&mut *tx).await?.rows_affected();
                placed += done as usize;
            }
            tx.commit().await?;
            placed
        });
        Ok(placed)
    }
}
