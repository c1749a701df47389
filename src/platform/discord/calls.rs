//! The Discord calls the relay's outbox makes, one queued row at a time: a DM to a person, a
//! post in a channel, and answers to an interaction (its callback, the edit of a deferred
//! answer, a follow-up).
//!
//! A person whose DMs are closed (Discord's 403 with code 50007) is recorded as undeliverable:
//! that message is set aside, later ones to them are set aside without calling Discord, and the
//! mark is cleared the next time they use the bot.

use async_trait::async_trait;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::references::DiscordReferences;
use super::rest::Attachment;
use super::{DiscordPlatform, PLATFORM};
use crate::relay::{Courier, Failure};
use crate::store::OutboxItem;

/// Outbox method: a message to a person's DM.
pub const DM: &str = "dm";
/// Outbox method: a message in a guild channel, by name or id.
pub const POST: &str = "post";
/// Outbox method: the answer to an interaction, within its 3 seconds.
pub const CALLBACK: &str = "callback";
/// Outbox method: the answer replacing a deferred "thinking…".
pub const EDIT_ORIGINAL: &str = "edit_original";
/// Outbox method: one more message in answer to an interaction.
pub const FOLLOW_UP: &str = "follow_up";

/// Where a post to a channel the guild does not have goes instead.
pub const FALLBACK_CHANNEL: &str = "general";

/// A file as kept in an outbox row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    /// The file name.
    pub file_name: String,
    /// The bytes, base64.
    pub base64: String,
}

impl StoredFile {
    /// Keeps an attachment.
    pub fn keep(a: &Attachment) -> StoredFile {
        StoredFile {
            file_name: a.file_name.clone(),
            base64: base64::engine::general_purpose::STANDARD.encode(&a.bytes),
        }
    }

    fn attachment(&self) -> Option<Attachment> {
        Some(Attachment {
            file_name: self.file_name.clone(),
            bytes: base64::engine::general_purpose::STANDARD
                .decode(&self.base64)
                .ok()?,
        })
    }
}

/// Where a call goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Target {
    /// A person's DM channel.
    Person {
        /// Their snowflake.
        user_id: String,
    },
    /// A guild channel by name (`customer-wins`) or id.
    Channel {
        /// The guild.
        guild_id: String,
        /// The name, or the channel id.
        channel: String,
    },
    /// An interaction's answer.
    Interaction {
        /// The interaction's id (for the callback).
        interaction_id: String,
        /// The application (for the webhook calls).
        application_id: String,
        /// The interaction's token.
        token: String,
    },
}

/// One queued call: where, the payload, and its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// Where it goes.
    pub target: Target,
    /// The JSON body (a message, or an interaction response for a callback).
    pub payload: Value,
    /// Files sent with it.
    #[serde(default)]
    pub files: Vec<StoredFile>,
}

#[async_trait]
impl Courier for DiscordPlatform {
    fn platform(&self) -> &'static str {
        PLATFORM.as_str()
    }

    fn calls_per_second(&self) -> u32 {
        self.config().settings.calls_per_second
    }

    async fn send(&self, item: &OutboxItem) -> Result<(), Failure> {
        let call: Call = serde_json::from_str(&item.payload)
            .map_err(|e| Failure::Permanent(format!("an unreadable Discord call: {e}")))?;
        let files: Vec<Attachment> = call
            .files
            .iter()
            .filter_map(StoredFile::attachment)
            .collect();
        let rest = self.rest();
        let sent = match (item.method.as_str(), &call.target) {
            (DM, Target::Person { user_id }) => return self.send_dm(user_id, &call, &files).await,
            (POST, Target::Channel { guild_id, channel }) => {
                let channel_id = self.channel_id(guild_id, channel).await?;
                rest.create_message(&channel_id, &call.payload, &files)
                    .await
            }
            (
                CALLBACK,
                Target::Interaction {
                    interaction_id,
                    token,
                    ..
                },
            ) => {
                rest.callback(interaction_id, token, &call.payload, &files)
                    .await
            }
            (
                EDIT_ORIGINAL,
                Target::Interaction {
                    application_id,
                    token,
                    ..
                },
            ) => {
                soon_again(|| rest.edit_original(application_id, token, &call.payload, &files))
                    .await
            }
            (
                FOLLOW_UP,
                Target::Interaction {
                    application_id,
                    token,
                    ..
                },
            ) => soon_again(|| rest.follow_up(application_id, token, &call.payload, &files)).await,
            (method, _) => {
                return Err(Failure::Permanent(format!(
                    "a Discord call {method} with the wrong target"
                )));
            }
        };
        sent.map(|_| ()).map_err(|e| match item.method.as_str() {
            // The interaction's first answer (given in the HTTP response) may not be
            // registered by Discord yet when its edit or follow-up arrives; its token lives 15
            // minutes, so a 404 is tried again.
            EDIT_ORIGINAL | FOLLOW_UP if e.status == Some(404) => Failure::Transient(format!(
                "the interaction's first answer is not known yet: {e}"
            )),
            _ => e.failure(),
        })
    }
}

/// Makes an edit or follow-up of an interaction answer, trying again a few times within a
/// second when Discord does not know the answer yet: it was given in the HTTP response a
/// moment ago and may still be on its way.
async fn soon_again<F, Fut>(call: F) -> Result<serde_json::Value, super::rest::RestError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<serde_json::Value, super::rest::RestError>>,
{
    const TRIES: u32 = 4;
    let mut tried = 1;
    loop {
        match call().await {
            Err(e) if e.status == Some(404) && tried < TRIES => {
                tried += 1;
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            other => return other,
        }
    }
}

impl DiscordPlatform {
    async fn send_dm(
        &self,
        user_id: &str,
        call: &Call,
        files: &[Attachment],
    ) -> Result<(), Failure> {
        let store = self.store();
        let known = store
            .discord_dm(user_id)
            .await
            .map_err(|e| Failure::Transient(e.to_string()))?;
        if known.as_ref().is_some_and(|k| k.undeliverable) {
            return Err(Failure::Permanent(format!(
                "{user_id} does not take DMs from the bot (recorded earlier)"
            )));
        }
        let channel_id = match known.and_then(|k| k.channel_id) {
            Some(id) => id,
            None => {
                let id = self
                    .rest()
                    .open_dm(user_id)
                    .await
                    .map_err(|e| e.failure())?;
                store
                    .save_discord_dm(user_id, &id, self.now())
                    .await
                    .map_err(|e| Failure::Transient(e.to_string()))?;
                id
            }
        };
        match self
            .rest()
            .create_message(&channel_id, &call.payload, files)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.cannot_dm() => {
                tracing::warn!(
                    user_id,
                    "Discord refuses DMs to this person; recorded as undeliverable until they use the bot"
                );
                metrics::counter!("ambassador_discord_undeliverable_total").increment(1);
                store
                    .mark_discord_undeliverable(user_id, self.now())
                    .await
                    .map_err(|e| Failure::Transient(e.to_string()))?;
                Err(Failure::Permanent(e.to_string()))
            }
            Err(e) => Err(e.failure()),
        }
    }

    /// A channel's id from its name (or id), reading the guild's channels again once when the
    /// name is unknown (a channel created since).
    async fn channel_id(&self, guild_id: &str, channel: &str) -> Result<String, Failure> {
        let channel = channel.trim().trim_start_matches('#');
        if super::render::is_snowflake(channel) {
            return Ok(channel.to_string());
        }
        let store = self.store();
        let find = || async {
            store
                .discord_channel(guild_id, channel)
                .await
                .map_err(|e| Failure::Transient(e.to_string()))
        };
        if let Some(id) = find().await? {
            return Ok(id);
        }
        super::directory::sync_channels(self, guild_id)
            .await
            .map_err(|e| Failure::Transient(format!("{e:#}")))?;
        if let Some(id) = find().await? {
            return Ok(id);
        }
        // A channel the guild does not have (the shipped `kudos` channel in a server without
        // one): the post goes to #general rather than being lost, and the log names the setting.
        tracing::warn!(
            guild = guild_id,
            channel,
            "the guild has no channel with this name; posting in #general instead (create it, or change the setting that names it)"
        );
        store
            .discord_channel(guild_id, FALLBACK_CHANNEL)
            .await
            .map_err(|e| Failure::Transient(e.to_string()))?
            .ok_or_else(|| {
                Failure::Permanent(format!(
                    "the guild has neither #{channel} nor #{FALLBACK_CHANNEL}; create one, or change the setting that names it"
                ))
            })
    }
}
