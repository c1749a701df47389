//! Slack's own tables: the workspaces that installed the app through OAuth (with their sealed
//! bot tokens) and the OAuth `state` values handed to browsers. They belong to this adapter;
//! the queues every platform shares are the relay's.

use chrono::{DateTime, Duration, Utc};

use crate::store::{Store, StoreResult, with_pool};

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

/// Slack's tables, on the store.
#[async_trait::async_trait]
pub trait SlackInstalls {
    /// Saves (or replaces, on reinstall) a workspace's OAuth install.
    async fn save_slack_install(
        &self,
        install: &SlackInstall,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A workspace's install, if it installed the app through OAuth.
    async fn slack_install(&self, team_id: &str) -> StoreResult<Option<SlackInstall>>;
    /// Every OAuth install (the daily directory sync walks them).
    async fn slack_installs(&self) -> StoreResult<Vec<SlackInstall>>;
    /// Forgets a workspace's token (it uninstalled the app or revoked the token). Returns
    /// whether there was one.
    async fn delete_slack_install(&self, team_id: &str) -> StoreResult<bool>;
    /// Remembers an OAuth `state` handed to a browser.
    async fn save_oauth_state(&self, state: &str, now: DateTime<Utc>) -> StoreResult<()>;
    /// Uses up an OAuth `state`: true only the first time, and only if it is younger than
    /// `max_age` (a forged or replayed callback gets false).
    async fn take_oauth_state(
        &self,
        state: &str,
        now: DateTime<Utc>,
        max_age: Duration,
    ) -> StoreResult<bool>;
}

#[async_trait::async_trait]
impl SlackInstalls for Store {
    /// Saves (or replaces, on reinstall) a workspace's OAuth install.
    async fn save_slack_install(
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
    async fn slack_install(&self, team_id: &str) -> StoreResult<Option<SlackInstall>> {
        const SQL: &str = "select team_id, team_name, bot_user_id, bot_token_sealed, scopes, \
             installed_by from slack_installs where team_id = $1";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(team_id).fetch_optional(p).await)?)
    }

    /// Every OAuth install (the daily directory sync walks them).
    async fn slack_installs(&self) -> StoreResult<Vec<SlackInstall>> {
        const SQL: &str = "select team_id, team_name, bot_user_id, bot_token_sealed, scopes, \
             installed_by from slack_installs order by team_id";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).fetch_all(p).await)?)
    }

    /// Forgets a workspace's token (it uninstalled the app or revoked the token). Returns
    /// whether there was one.
    async fn delete_slack_install(&self, team_id: &str) -> StoreResult<bool> {
        const SQL: &str = "delete from slack_installs where team_id = $1";
        let n = with_pool!(self, p => sqlx::query(SQL).bind(team_id).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// Remembers an OAuth `state` handed to a browser.
    async fn save_oauth_state(&self, state: &str, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "insert into slack_oauth_states (state, created_at) values ($1, $2)";
        with_pool!(self, p => sqlx::query(SQL).bind(state).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Uses up an OAuth `state`: true only the first time, and only if it is younger than
    /// `max_age` (a forged or replayed callback gets false).
    async fn take_oauth_state(
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
