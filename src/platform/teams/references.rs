//! Teams' own tables: conversation references, so the bot can reach a person or a channel on
//! its own (a pulse at 09:00, a digest on Monday) and not only in reply.
//!
//! Everything here is learned from verified activities (whoever writes to the bot, installs
//! it, or is added to a team with it) and from the roster; a `serviceUrl` is stored only after
//! the token that carried it was verified and its host is on the allowlist. The queues every
//! platform shares are the relay's.

use chrono::{DateTime, Utc};
use sqlx::QueryBuilder;

use crate::store::{BeginWrite, Store, StoreResult, with_pool};

/// A tenant that installed the app.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TeamsTenant {
    /// The tenant id, which is the org's platform id.
    pub tenant_id: String,
    /// Where its Connector is.
    pub service_url: String,
    /// The bot's id there (`28:<app id>`).
    pub bot_id: String,
}

/// A person as the bot sees them in a tenant.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TeamsMember {
    /// Their per-bot id (`29:…`): what mentions and the Connector name them by.
    pub user_id: String,
    /// Their Entra object id: the directory's link (`people.platform_user_id`).
    pub aad_object_id: Option<String>,
    /// Their name as Teams shows it.
    pub name: String,
    /// Their 1:1 chat with the bot, once one exists.
    pub conversation_id: Option<String>,
    /// Where to call for them.
    pub service_url: String,
}

/// A channel of a team the app is installed in.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TeamsChannel {
    /// The channel's conversation id (`19:…`).
    pub channel_id: String,
    /// The team's id (the General channel's id).
    pub team_id: String,
    /// Its name (`General` for the team's first channel).
    pub name: String,
    /// Where to call for it.
    pub service_url: String,
}

/// Rows per multi-row upsert (seven binds each).
const CHUNK: usize = 500;

/// Teams' tables, on the store.
#[async_trait::async_trait]
pub trait TeamsReferences {
    /// Remembers a tenant's Connector (its latest verified `serviceUrl`) and the bot's id.
    async fn save_teams_tenant(&self, tenant: &TeamsTenant, now: DateTime<Utc>) -> StoreResult<()>;
    /// A tenant, if it ever reached the bot.
    async fn teams_tenant(&self, tenant_id: &str) -> StoreResult<Option<TeamsTenant>>;
    /// Adds or refreshes people (from an activity or the roster); a known 1:1 chat is kept
    /// unless one is given, and a known Entra id is never blanked.
    async fn save_teams_members(
        &self,
        tenant_id: &str,
        members: &[TeamsMember],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A person by their per-bot id (`29:…`).
    async fn teams_member(
        &self,
        tenant_id: &str,
        user_id: &str,
    ) -> StoreResult<Option<TeamsMember>>;
    /// A person by their Entra object id (the directory's link).
    async fn teams_member_by_aad(
        &self,
        tenant_id: &str,
        aad_object_id: &str,
    ) -> StoreResult<Option<TeamsMember>>;
    /// Forgets a person's 1:1 chat (they removed the app); the next message creates one again.
    async fn forget_teams_conversation(&self, tenant_id: &str, user_id: &str) -> StoreResult<()>;
    /// Replaces the channels known for a team.
    async fn save_teams_channels(
        &self,
        tenant_id: &str,
        team_id: &str,
        channels: &[TeamsChannel],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Forgets a team the app was removed from.
    async fn forget_teams_team(&self, tenant_id: &str, team_id: &str) -> StoreResult<()>;
    /// A channel by name, case-insensitively, in any team of the tenant (teams in id order, so
    /// the answer stays the same from one post to the next).
    async fn teams_channel_named(
        &self,
        tenant_id: &str,
        name: &str,
    ) -> StoreResult<Option<TeamsChannel>>;
    /// The teams the app is installed in, with where to call for each (the roster is read
    /// from them).
    async fn teams_teams(&self, tenant_id: &str) -> StoreResult<Vec<(String, String)>>;
    /// Keeps a card with buttons as last shown, so a press can be answered with it refreshed.
    async fn save_teams_card(
        &self,
        conversation_id: &str,
        activity_id: &str,
        card: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A kept card, as last shown.
    async fn teams_card(
        &self,
        conversation_id: &str,
        activity_id: &str,
    ) -> StoreResult<Option<String>>;
    /// Forgets cards not shown or refreshed since `before`; returns how many.
    async fn forget_teams_cards(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}

#[async_trait::async_trait]
impl TeamsReferences for Store {
    async fn save_teams_tenant(&self, tenant: &TeamsTenant, now: DateTime<Utc>) -> StoreResult<()> {
        const SQL: &str = "insert into teams_tenants (tenant_id, service_url, bot_id, updated_at) \
             values ($1, $2, $3, $4) on conflict (tenant_id) do update set \
             service_url = excluded.service_url, bot_id = excluded.bot_id, \
             updated_at = excluded.updated_at";
        with_pool!(self, p => sqlx::query(SQL).bind(&tenant.tenant_id).bind(&tenant.service_url)
            .bind(&tenant.bot_id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn teams_tenant(&self, tenant_id: &str) -> StoreResult<Option<TeamsTenant>> {
        const SQL: &str =
            "select tenant_id, service_url, bot_id from teams_tenants where tenant_id = $1";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(tenant_id).fetch_optional(p).await)?)
    }

    async fn save_teams_members(
        &self,
        tenant_id: &str,
        members: &[TeamsMember],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        // The same person twice in one statement would be an error on PostgreSQL: keep the last.
        let mut unique: Vec<&TeamsMember> = Vec::with_capacity(members.len());
        let mut seen = std::collections::HashSet::new();
        for m in members.iter().rev() {
            if seen.insert(m.user_id.as_str()) {
                unique.push(m);
            }
        }
        with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            for chunk in unique.chunks(CHUNK) {
                let mut q = QueryBuilder::new(
                    "insert into teams_members (tenant_id, user_id, aad_object_id, name, \
                     conversation_id, service_url, updated_at) ",
                );
                q.push_values(chunk, |mut b, m| {
                    b.push_bind(tenant_id)
                        .push_bind(&m.user_id)
                        .push_bind(m.aad_object_id.as_deref())
                        .push_bind(&m.name)
                        .push_bind(m.conversation_id.as_deref())
                        .push_bind(&m.service_url)
                        .push_bind(now);
                });
                q.push(
                    " on conflict (tenant_id, user_id) do update set \
                     aad_object_id = coalesce(excluded.aad_object_id, teams_members.aad_object_id), \
                     name = case when excluded.name = '' then teams_members.name else excluded.name end, \
                     conversation_id = coalesce(excluded.conversation_id, teams_members.conversation_id), \
                     service_url = excluded.service_url, updated_at = excluded.updated_at",
                );
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    async fn teams_member(
        &self,
        tenant_id: &str,
        user_id: &str,
    ) -> StoreResult<Option<TeamsMember>> {
        const SQL: &str = "select user_id, aad_object_id, name, conversation_id, service_url \
             from teams_members where tenant_id = $1 and user_id = $2";
        Ok(
            with_pool!(self, p => sqlx::query_as(SQL).bind(tenant_id).bind(user_id).fetch_optional(p).await)?,
        )
    }

    async fn teams_member_by_aad(
        &self,
        tenant_id: &str,
        aad_object_id: &str,
    ) -> StoreResult<Option<TeamsMember>> {
        // A person has one per-bot id; should Teams ever give two, the one with a chat wins.
        const SQL: &str = "select user_id, aad_object_id, name, conversation_id, service_url \
             from teams_members where tenant_id = $1 and aad_object_id = $2 \
             order by conversation_id is null, updated_at desc limit 1";
        Ok(
            with_pool!(self, p => sqlx::query_as(SQL).bind(tenant_id).bind(aad_object_id).fetch_optional(p).await)?,
        )
    }

    async fn forget_teams_conversation(&self, tenant_id: &str, user_id: &str) -> StoreResult<()> {
        const SQL: &str = "update teams_members set conversation_id = null \
             where tenant_id = $1 and user_id = $2";
        with_pool!(self, p => sqlx::query(SQL).bind(tenant_id).bind(user_id).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn save_teams_channels(
        &self,
        tenant_id: &str,
        team_id: &str,
        channels: &[TeamsChannel],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const DELETE: &str = "delete from teams_channels where tenant_id = $1 and team_id = $2";
        with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(DELETE).bind(tenant_id).bind(team_id).execute(&mut *tx).await?;
            for chunk in channels.chunks(CHUNK) {
                let mut q = QueryBuilder::new(
                    "insert into teams_channels (tenant_id, channel_id, team_id, name, \
                     service_url, updated_at) ",
                );
                q.push_values(chunk, |mut b, c| {
                    b.push_bind(tenant_id)
                        .push_bind(&c.channel_id)
                        .push_bind(team_id)
                        .push_bind(&c.name)
                        .push_bind(&c.service_url)
                        .push_bind(now);
                });
                q.push(
                    " on conflict (tenant_id, channel_id) do update set team_id = excluded.team_id, \
                     name = excluded.name, service_url = excluded.service_url, \
                     updated_at = excluded.updated_at",
                );
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    async fn forget_teams_team(&self, tenant_id: &str, team_id: &str) -> StoreResult<()> {
        const SQL: &str = "delete from teams_channels where tenant_id = $1 and team_id = $2";
        with_pool!(self, p => sqlx::query(SQL).bind(tenant_id).bind(team_id).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn teams_channel_named(
        &self,
        tenant_id: &str,
        name: &str,
    ) -> StoreResult<Option<TeamsChannel>> {
        const SQL: &str = "select c.channel_id, c.team_id, c.name, c.service_url \
             from teams_channels c where c.tenant_id = $1 and lower(c.name) = lower($2) \
             order by c.team_id limit 1";
        Ok(
            with_pool!(self, p => sqlx::query_as(SQL).bind(tenant_id).bind(name).fetch_optional(p).await)?,
        )
    }

    async fn teams_teams(&self, tenant_id: &str) -> StoreResult<Vec<(String, String)>> {
        const SQL: &str = "select team_id, min(service_url) from teams_channels \
             where tenant_id = $1 group by team_id order by team_id";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(tenant_id).fetch_all(p).await)?)
    }

    async fn save_teams_card(
        &self,
        conversation_id: &str,
        activity_id: &str,
        card: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "insert into teams_cards (conversation_id, activity_id, card, updated_at) \
             values ($1, $2, $3, $4) on conflict (conversation_id, activity_id) do update set \
             card = excluded.card, updated_at = excluded.updated_at";
        with_pool!(self, p => sqlx::query(SQL).bind(conversation_id).bind(activity_id).bind(card)
            .bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn teams_card(
        &self,
        conversation_id: &str,
        activity_id: &str,
    ) -> StoreResult<Option<String>> {
        const SQL: &str =
            "select card from teams_cards where conversation_id = $1 and activity_id = $2";
        Ok(
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(conversation_id).bind(activity_id).fetch_optional(p).await)?,
        )
    }

    async fn forget_teams_cards(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        const SQL: &str = "delete from teams_cards where updated_at < $1";
        Ok(
            with_pool!(self, p => sqlx::query(SQL).bind(before).execute(p).await.map(|r| r.rows_affected()))?,
        )
    }
}
