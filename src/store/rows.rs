//! Row structs shared by both backends and their conversion into core types.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::StoreError;
use crate::core::directory::{Department, Org, Person};
use crate::core::ids::{DepartmentId, OrgId, PersonId};
use crate::core::locale::Locale;

#[derive(sqlx::FromRow)]
pub(super) struct OrgRow {
    pub id: i64,
    pub platform: String,
    pub platform_org_id: String,
    pub name: String,
    pub timezone: String,
    pub locale: String,
}

impl TryFrom<OrgRow> for Org {
    type Error = StoreError;
    fn try_from(r: OrgRow) -> Result<Self, StoreError> {
        Ok(Org {
            id: OrgId(r.id),
            platform: r.platform,
            platform_org_id: r.platform_org_id,
            name: r.name,
            timezone: tz(&r.timezone)?,
            locale: locale(&r.locale)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PersonRow {
    pub id: i64,
    pub org_id: i64,
    pub platform_user_id: Option<String>,
    pub handle: String,
    pub email: String,
    pub display_name: String,
    pub department_id: Option<i64>,
    pub manager_id: Option<i64>,
    pub timezone: String,
    pub locale: String,
    pub is_admin: bool,
    pub is_active: bool,
    pub welcomed_at: Option<DateTime<Utc>>,
}

impl TryFrom<PersonRow> for Person {
    type Error = StoreError;
    fn try_from(r: PersonRow) -> Result<Self, StoreError> {
        Ok(Person {
            id: PersonId(r.id),
            org_id: OrgId(r.org_id),
            platform_user_id: r.platform_user_id,
            handle: r.handle,
            email: r.email,
            display_name: r.display_name,
            department_id: r.department_id.map(DepartmentId),
            manager_id: r.manager_id.map(PersonId),
            timezone: tz(&r.timezone)?,
            locale: locale(&r.locale)?,
            is_admin: r.is_admin,
            is_active: r.is_active,
            welcomed: r.welcomed_at.is_some(),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct DepartmentRow {
    pub id: i64,
    pub path: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub manager_id: Option<i64>,
}

impl From<DepartmentRow> for Department {
    fn from(r: DepartmentRow) -> Self {
        Department {
            id: DepartmentId(r.id),
            path: r.path,
            name: r.name,
            parent_id: r.parent_id.map(DepartmentId),
            manager_id: r.manager_id.map(PersonId),
        }
    }
}

pub(super) fn tz(s: &str) -> Result<Tz, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("time zone {s:?}")))
}

pub(super) fn locale(s: &str) -> Result<Locale, StoreError> {
    Locale::parse(s).ok_or_else(|| StoreError::Corrupt(format!("locale {s:?}")))
}

pub(super) fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("JSON {e}")))
}

pub(super) fn to_json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(format!("JSON {e}")))
}
