//! Drop alerts and the actions managers chose.

use chrono::{DateTime, Utc};

use super::{Store, StoreResult, with_pool};
use crate::core::ids::OrgId;

/// A drop alert.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AlertRecord {
    /// Id (what `/engagement plan <id>` names).
    pub id: i64,
    /// The team.
    pub department_id: i64,
    /// What fell.
    pub series: String,
    /// The round the fall started in.
    pub since_round_id: i64,
    /// The level before.
    pub baseline: f64,
    /// The level when it was raised.
    pub current: f64,
    /// When it was raised.
    pub created_at: DateTime<Utc>,
    /// The manager's planned action.
    pub action: Option<String>,
}

/// A new alert.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    /// The org.
    pub org: OrgId,
    /// The team.
    pub department: i64,
    /// What fell.
    pub series: String,
    /// The round the fall started in.
    pub since_round: i64,
    /// The round that raised it.
    pub raised_round: i64,
    /// The level before.
    pub baseline: f64,
    /// The level now.
    pub current: f64,
}

/// The drop alerts a use case raises and a manager plans an action for.
#[async_trait::async_trait]
pub trait AlertStore: Send + Sync {
    /// Records an alert unless the same fall was already reported; returns its id when new.
    async fn raise_alert(&self, alert: &NewAlert, now: DateTime<Utc>) -> StoreResult<Option<i64>>;

    /// An alert of an org by id.
    async fn alert(&self, org: OrgId, id: i64) -> StoreResult<Option<AlertRecord>>;

    /// An org's alerts raised since `since`, newest first.
    async fn alerts_since(&self, org: OrgId, since: DateTime<Utc>)
    -> StoreResult<Vec<AlertRecord>>;

    /// Records what the manager will do about an alert.
    async fn plan_alert_action(&self, id: i64, action: &str, now: DateTime<Utc>)
    -> StoreResult<()>;

    /// When each recipient of the org's kudos received one since `since`: (department, time).
    async fn kudos_received_times(
        &self,
        org: OrgId,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<(Option<i64>, DateTime<Utc>)>>;
}

#[async_trait::async_trait]
impl AlertStore for Store {
    async fn raise_alert(&self, alert: &NewAlert, now: DateTime<Utc>) -> StoreResult<Option<i64>> {
        const SQL: &str = "insert into pulse_alerts (org_id, department_id, series, since_round_id, raised_round_id, baseline, current, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (department_id, series, since_round_id) do nothing returning id";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL)
            .bind(alert.org.0).bind(alert.department).bind(&alert.series).bind(alert.since_round)
            .bind(alert.raised_round).bind(alert.baseline).bind(alert.current).bind(now)
            .fetch_optional(p).await)?)
    }

    async fn alert(&self, org: OrgId, id: i64) -> StoreResult<Option<AlertRecord>> {
        const SQL: &str = "select id, department_id, series, since_round_id, baseline, current, created_at, action \
             from pulse_alerts where org_id = $1 and id = $2";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(id).fetch_optional(p).await)?)
    }

    async fn alerts_since(
        &self,
        org: OrgId,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<AlertRecord>> {
        const SQL: &str = "select id, department_id, series, since_round_id, baseline, current, created_at, action \
             from pulse_alerts where org_id = $1 and created_at >= $2 order by created_at desc, id desc";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(since).fetch_all(p).await)?)
    }

    async fn plan_alert_action(
        &self,
        id: i64,
        action: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "update pulse_alerts set action = $2, action_at = $3 where id = $1";
        with_pool!(self, p => sqlx::query(SQL).bind(id).bind(action).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn kudos_received_times(
        &self,
        org: OrgId,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<(Option<i64>, DateTime<Utc>)>> {
        const SQL: &str = "select r.recipient_department_id, k.created_at from kudos_recipients r \
             join kudos k on k.id = r.kudos_id where r.org_id = $1 and k.created_at >= $2";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(since).fetch_all(p).await)?)
    }
}
