//! Organisations.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::rows::OrgRow;
use super::{Store, StoreResult, with_pool};
use crate::core::directory::Org;
use crate::core::ids::OrgId;
use crate::core::locale::Locale;

/// Organisations: one per workspace, tenant or guild.
#[async_trait::async_trait]
pub trait OrgStore: Send + Sync {
    /// The org with this platform identity, created with the given defaults if it is new.
    async fn ensure_org(
        &self,
        platform: &str,
        platform_org_id: &str,
        name: &str,
        timezone: Tz,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> StoreResult<Org>;

    /// The org with this platform identity.
    async fn find_org(&self, platform: &str, platform_org_id: &str) -> StoreResult<Option<Org>>;

    /// An org by id.
    async fn org(&self, id: OrgId) -> StoreResult<Org>;

    /// Every org, oldest first.
    async fn orgs(&self) -> StoreResult<Vec<Org>>;
}

#[async_trait::async_trait]
impl OrgStore for Store {
    async fn ensure_org(
        &self,
        platform: &str,
        platform_org_id: &str,
        name: &str,
        timezone: Tz,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> StoreResult<Org> {
        const SQL: &str = "insert into orgs (platform, platform_org_id, name, timezone, locale, created_at) \
             values ($1, $2, $3, $4, $5, $6) on conflict (platform, platform_org_id) do nothing";
        with_pool!(self, p => sqlx::query(SQL)
            .bind(platform)
            .bind(platform_org_id)
            .bind(name)
            .bind(timezone.name())
            .bind(locale.code())
            .bind(now)
            .execute(p).await.map(|r| r.rows_affected()))?;
        self.find_org(platform, platform_org_id)
            .await?
            .ok_or(super::StoreError::NotFound)
    }

    async fn find_org(&self, platform: &str, platform_org_id: &str) -> StoreResult<Option<Org>> {
        const SQL: &str = "select id, platform, platform_org_id, name, timezone, locale from orgs \
             where platform = $1 and platform_org_id = $2";
        let row: Option<OrgRow> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(platform)
            .bind(platform_org_id)
            .fetch_optional(p)
            .await)?;
        row.map(Org::try_from).transpose()
    }

    async fn org(&self, id: OrgId) -> StoreResult<Org> {
        const SQL: &str =
            "select id, platform, platform_org_id, name, timezone, locale from orgs where id = $1";
        let row: OrgRow = with_pool!(self, p => sqlx::query_as(SQL).bind(id.0).fetch_one(p).await)?;
        Org::try_from(row)
    }

    async fn orgs(&self) -> StoreResult<Vec<Org>> {
        const SQL: &str =
            "select id, platform, platform_org_id, name, timezone, locale from orgs order by id";
        let rows: Vec<OrgRow> = with_pool!(self, p => sqlx::query_as(SQL).fetch_all(p).await)?;
        rows.into_iter().map(Org::try_from).collect()
    }
}
