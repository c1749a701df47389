//! Discord's own tables: each person's DM channel with the bot (and whether Discord refuses
//! messages to them), and each guild's text channels by name. The queues every platform shares
//! are the relay's.

use chrono::{DateTime, Utc};

use crate::store::{BeginWrite, Store, StoreResult, with_pool};

/// What the bot knows about reaching a person by DM.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DmChannel {
    /// Their DM channel with the bot, once opened.
    pub channel_id: Option<String>,
    /// Whether Discord refused a message to them since they last used the bot.
    pub undeliverable: bool,
}

/// Discord's tables, on the store.
#[async_trait::async_trait]
pub trait DiscordReferences {
    /// What is known about reaching `user_id` by DM.
    async fn discord_dm(&self, user_id: &str) -> StoreResult<Option<DmChannel>>;
    /// Remembers `user_id`'s DM channel.
    async fn save_discord_dm(
        &self,
        user_id: &str,
        channel_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Records that Discord refuses messages to `user_id`.
    async fn mark_discord_undeliverable(
        &self,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// `user_id` used the bot: messages may reach them again.
    async fn clear_discord_undeliverable(&self, user_id: &str) -> StoreResult<()>;
    /// Replaces a guild's text channels.
    async fn save_discord_channels(
        &self,
        guild_id: &str,
        channels: &[(String, String)],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A guild's channel by name (without `#`, compared case-insensitively).
    async fn discord_channel(&self, guild_id: &str, name: &str) -> StoreResult<Option<String>>;
}

#[async_trait::async_trait]
impl DiscordReferences for Store {
    async fn discord_dm(&self, user_id: &str) -> StoreResult<Option<DmChannel>> {
        const SQL: &str = "select channel_id, undeliverable_since is not null as undeliverable \
             from discord_dm_channels where user_id = $1";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(user_id).fetch_optional(p).await)?)
    }

    async fn save_discord_dm(
        &self,
        user_id: &str,
        channel_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "insert into discord_dm_channels (user_id, channel_id, updated_at) \
             values ($1, $2, $3) on conflict (user_id) do update set \
             channel_id = excluded.channel_id, updated_at = excluded.updated_at";
        with_pool!(self, p => sqlx::query(SQL).bind(user_id).bind(channel_id).bind(now)
            .execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn mark_discord_undeliverable(
        &self,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str = "insert into discord_dm_channels (user_id, undeliverable_since, updated_at) \
             values ($1, $2, $2) on conflict (user_id) do update set \
             undeliverable_since = coalesce(discord_dm_channels.undeliverable_since, excluded.undeliverable_since), \
             updated_at = excluded.updated_at";
        with_pool!(self, p => sqlx::query(SQL).bind(user_id).bind(now)
            .execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn clear_discord_undeliverable(&self, user_id: &str) -> StoreResult<()> {
        const SQL: &str = "update discord_dm_channels set undeliverable_since = null \
             where user_id = $1 and undeliverable_since is not null";
        with_pool!(self, p => sqlx::query(SQL).bind(user_id)
            .execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn save_discord_channels(
        &self,
        guild_id: &str,
        channels: &[(String, String)],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        const FORGET: &str = "delete from discord_channels where guild_id = $1";
        const SAVE: &str = "insert into discord_channels (guild_id, channel_id, name, updated_at) \
             values ($1, $2, $3, $4) on conflict (guild_id, channel_id) do update set \
             name = excluded.name, updated_at = excluded.updated_at";
        with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            sqlx::query(FORGET).bind(guild_id).execute(&mut *tx).await?;
            for (id, name) in channels {
                sqlx::query(SAVE).bind(guild_id).bind(id).bind(name).bind(now)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    async fn discord_channel(&self, guild_id: &str, name: &str) -> StoreResult<Option<String>> {
        const SQL: &str = "select channel_id from discord_channels \
             where guild_id = $1 and lower(name) = lower($2) order by channel_id limit 1";
        let name = name.trim().trim_start_matches('#');
        Ok(
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(guild_id).bind(name)
            .fetch_optional(p).await)?,
        )
    }
}
