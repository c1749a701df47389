//! People and departments, and applying an org chart in one transaction.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use super::rows::{DepartmentRow, PersonRow};
use super::{BeginWrite, Store, StoreResult, with_pool};
use crate::core::directory::import::OrgChart;
use crate::core::directory::tree::parent_path;
use crate::core::directory::{Department, Person};
use crate::core::ids::{DepartmentId, OrgId, PersonId};

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

impl Store {
    /// A person by their platform user id.
    pub async fn person_by_platform_id(
        &self,
        org: OrgId,
        platform_user_id: &str,
    ) -> StoreResult<Option<Person>> {
        const SQL: &str = select_people!("where org_id = $1 and platform_user_id = $2");
        let row: Option<PersonRow> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(org.0).bind(platform_user_id).fetch_optional(p).await)?;
        row.map(Person::try_from).transpose()
    }

    /// A person by the part of their email before `@`.
    pub async fn person_by_handle(&self, org: OrgId, handle: &str) -> StoreResult<Option<Person>> {
        const SQL: &str = select_people!("where org_id = $1 and handle = $2");
        let row: Option<PersonRow> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(org.0).bind(handle.to_lowercase()).fetch_optional(p).await)?;
        row.map(Person::try_from).transpose()
    }

    /// A person by id.
    pub async fn person(&self, id: PersonId) -> StoreResult<Person> {
        const SQL: &str = select_people!("where id = $1");
        let row: PersonRow =
            with_pool!(self, p => sqlx::query_as(SQL).bind(id.0).fetch_one(p).await)?;
        Person::try_from(row)
    }

    /// Several people by id (missing ids are skipped).
    pub async fn people_by_ids(&self, ids: &[PersonId]) -> StoreResult<Vec<Person>> {
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

    /// Everyone in an org, by handle.
    pub async fn people(&self, org: OrgId) -> StoreResult<Vec<Person>> {
        const SQL: &str = select_people!("where org_id = $1 order by handle");
        let rows: Vec<PersonRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).fetch_all(p).await)?;
        rows.into_iter().map(Person::try_from).collect()
    }

    /// The active admins of an org, to tell others whom to ask.
    pub async fn admins(&self, org: OrgId) -> StoreResult<Vec<Person>> {
        const SQL: &str = select_people!(
            "where org_id = $1 and is_admin = true and is_active = true order by display_name"
        );
        let rows: Vec<PersonRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).fetch_all(p).await)?;
        rows.into_iter().map(Person::try_from).collect()
    }

    /// How many active people report directly to `manager`.
    pub async fn direct_report_count(&self, manager: PersonId) -> StoreResult<u32> {
        const SQL: &str = "select count(*) from people where manager_id = $1 and is_active = true";
        let n: i64 =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(manager.0).fetch_one(p).await)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Records that the welcome message went out. Returns false if someone else (another
    /// replica) already did, so the welcome is sent once.
    pub async fn mark_welcomed(&self, person: PersonId, now: DateTime<Utc>) -> StoreResult<bool> {
        const SQL: &str =
            "update people set welcomed_at = $2 where id = $1 and welcomed_at is null";
        let done = with_pool!(self, p => sqlx::query(SQL).bind(person.0).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    /// A department by id.
    pub async fn department(&self, id: DepartmentId) -> StoreResult<Department> {
        const SQL: &str =
            "select id, path, name, parent_id, manager_id from departments where id = $1";
        let row: DepartmentRow =
            with_pool!(self, p => sqlx::query_as(SQL).bind(id.0).fetch_one(p).await)?;
        Ok(row.into())
    }

    /// Every department of an org, by path.
    pub async fn departments(&self, org: OrgId) -> StoreResult<Vec<Department>> {
        const SQL: &str = "select id, path, name, parent_id, manager_id from departments \
             where org_id = $1 order by path";
        let rows: Vec<DepartmentRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).fetch_all(p).await)?;
        Ok(rows.into_iter().map(Department::from).collect())
    }

    /// Emails already in the directory (managers an import may name without listing them).
    pub async fn emails(&self, org: OrgId) -> StoreResult<BTreeSet<String>> {
        const SQL: &str = "select email from people where org_id = $1";
        let rows: Vec<String> =
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).fetch_all(p).await)?;
        Ok(rows.into_iter().collect())
    }

    /// Applies a validated org chart: departments, people, managers and department heads, all
    /// in one transaction so a failure leaves the directory as it was.
    ///
    /// `handles_are_platform_ids` is true for the console org, whose people are addressed by
    /// handle; other platforms fill `platform_user_id` when they match users by email.
    pub async fn apply_org_chart(
        &self,
        org: OrgId,
        chart: &OrgChart,
        handles_are_platform_ids: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<ImportSummary> {
        const UPSERT_DEPT: &str = "insert into departments (org_id, path, name, parent_id) values ($1, $2, $3, $4) \
             on conflict (org_id, path) do update set name = excluded.name, parent_id = excluded.parent_id \
             returning id";
        const FIND_PERSON: &str = "select id from people where org_id = $1 and email = $2";
        const INSERT_PERSON: &str = "insert into people (org_id, platform_user_id, handle, email, display_name, \
             department_id, timezone, locale, is_admin, is_active, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id";
        const UPDATE_PERSON: &str = "update people set handle = $2, display_name = $3, department_id = $4, \
             timezone = $5, locale = $6, is_admin = $7, is_active = $8, updated_at = $9, \
             platform_user_id = coalesce(platform_user_id, $10) where id = $1";
        const FIND_MANAGER: &str = "select id from people where org_id = $1 and email = $2";
        const SET_MANAGER: &str = "update people set manager_id = $2 where id = $1";
        const SET_HEAD: &str =
            "update departments set manager_id = $3 where org_id = $1 and path = $2";

        let summary = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
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
                let platform_id = handles_are_platform_ids.then(|| row.handle.clone());
                let dept = dept_ids.get(row.department.as_str()).copied();
                let existing: Option<i64> = sqlx::query_scalar(FIND_PERSON)
                    .bind(org.0).bind(&row.email).fetch_optional(&mut *tx).await?;
                let id = match existing {
                    Some(id) => {
                        sqlx::query(UPDATE_PERSON)
                            .bind(id).bind(&row.handle).bind(&row.name).bind(dept)
                            .bind(row.timezone.name()).bind(row.locale.code())
                            .bind(row.admin).bind(row.active).bind(now).bind(platform_id)
                            .execute(&mut *tx).await?;
                        updated += 1;
                        id
                    }
                    None => {
                        let id: i64 = sqlx::query_scalar(INSERT_PERSON)
                            .bind(org.0).bind(platform_id).bind(&row.handle).bind(&row.email)
                            .bind(&row.name).bind(dept).bind(row.timezone.name())
                            .bind(row.locale.code()).bind(row.admin).bind(row.active).bind(now)
                            .fetch_one(&mut *tx).await?;
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
}
