//! The edge both modes share: a verified, decoded interaction is stored in the relay's inbox
//! and answered within Discord's 3 seconds.
//!
//! It is stored held and processed here while Discord waits, in one unit of work that keeps the
//! answer with it, so the same interaction delivered twice (a gateway resume, an HTTP retry)
//! gets the same answer and has one effect. If the answer is not ready in time, Discord is told
//! "thinking…" (or, for a press, nothing yet), and the answer follows as an edit once ready;
//! if processing fails, the inbox worker finishes it the same way.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use super::super::interaction::Interaction;
use super::super::{DiscordPlatform, PLATFORM};
use super::{DiscordIntake, INTERACTION_KIND, MEMBER_ADD_KIND, holding_response, org_key};
use crate::relay::inbox::{Answered, answer_now};
use crate::relay::intake::InboxWriter;
use crate::store::NewInboxItem;
use crate::store::prelude::*;

/// How long after an interaction arrived the edge may still answer it in full: inside
/// Discord's 3 seconds, with room for the response to travel. Past it, Discord is told to wait.
pub const ANSWER_WITHIN: Duration = Duration::from_millis(2300);
/// How long a redelivered interaction waits for the first delivery's answer.
const REDELIVERY_WAIT: Duration = Duration::from_secs(2);

/// Why an interaction was not taken.
#[derive(Debug, thiserror::Error)]
pub enum EdgeError {
    /// No guild serves it (a DM from someone no guild knows, before any guild exists).
    #[error("no Discord guild to answer this interaction in")]
    NoGuild,
    /// It could not be stored; Discord should try again.
    #[error("could not store the interaction: {0}")]
    Store(anyhow::Error),
}

/// What both modes' edges share.
#[derive(Clone)]
pub struct Edge {
    discord: DiscordPlatform,
    intake: Arc<DiscordIntake>,
    writer: InboxWriter,
}

impl Edge {
    /// The edge over a running inbox writer and the intake that answers interactions.
    pub fn new(discord: DiscordPlatform, intake: Arc<DiscordIntake>, writer: InboxWriter) -> Edge {
        Edge {
            discord,
            intake,
            writer,
        }
    }

    /// The answer to an interaction from outside every guild the bot serves, in the
    /// person's Discord language.
    pub fn no_guild_response(&self, interaction: &Interaction) -> Value {
        let locale = interaction
            .locale
            .as_deref()
            .and_then(crate::core::locale::Locale::parse)
            .unwrap_or(self.discord.org_locale());
        let text = self.intake.bot.i18n().tr(locale, "discord-no-guild", &[]);
        json!({"type": 4, "data": {
            "content": super::super::render::escape(&text),
            "flags": super::super::render::EPHEMERAL,
            "allowed_mentions": {"parse": []},
        }})
    }

    /// The adapter.
    pub fn discord(&self) -> &DiscordPlatform {
        &self.discord
    }

    /// Stores an interaction and returns the response to give Discord: the answer, if ready
    /// by `answer_by` (the interaction's arrival plus [`ANSWER_WITHIN`]), or a deferral (the
    /// answer then follows as REST calls).
    pub async fn interaction(
        &self,
        interaction: &Interaction,
        body: String,
        answer_by: tokio::time::Instant,
    ) -> Result<Value, EdgeError> {
        let Some(guild) = org_key(&self.discord, interaction).await else {
            return Err(EdgeError::NoGuild);
        };
        let item = NewInboxItem {
            platform: PLATFORM.as_str(),
            org_key: guild.clone(),
            kind: INTERACTION_KIND.to_string(),
            dedupe_key: interaction.id.clone(),
            lane: Some(interaction.user.id.clone()),
            body,
            held: true,
        };
        self.writer.store(item).await.map_err(EdgeError::Store)?;
        let edge = self.clone();
        let id = interaction.id.clone();
        let key = guild.clone();
        let work = tokio::spawn(async move {
            answer_now(
                edge.intake.as_ref(),
                edge.discord.store(),
                edge.discord.clock().as_ref(),
                &key,
                &id,
                REDELIVERY_WAIT,
            )
            .await
        });
        let answered = match tokio::time::timeout_at(answer_by, work).await {
            Ok(Ok(Ok(Answered::Done(Some(answer))))) => serde_json::from_str(&answer).ok(),
            Ok(Ok(Ok(_))) => None,
            Ok(Ok(Err(e))) => {
                tracing::warn!(error = %e, "a Discord interaction is left to the inbox worker");
                None
            }
            Ok(Err(e)) => {
                tracing::error!(error = %e, "answering a Discord interaction panicked");
                None
            }
            Err(_) => {
                // Still working: Discord is told to wait; once done, the answer is sent as
                // an edit of the deferred message.
                self.finish_later(interaction.clone(), guild);
                None
            }
        };
        Ok(answered.unwrap_or_else(|| holding_response(interaction)))
    }

    /// Waits for an answer that missed Discord's window, and sends it as REST calls.
    fn finish_later(&self, interaction: Interaction, guild: String) {
        let edge = self.clone();
        tokio::spawn(async move {
            let store = edge.discord.store();
            for _ in 0..200 {
                match store
                    .inbox_answer(PLATFORM.as_str(), &guild, &interaction.id)
                    .await
                {
                    Ok(Some(Some(answer))) => {
                        let Ok(response) = serde_json::from_str::<Value>(&answer) else {
                            return;
                        };
                        let calls = super::answer::later_calls_for(
                            &edge.discord,
                            edge.intake.bot.i18n(),
                            &guild,
                            &interaction,
                            &response,
                        );
                        if let Err(e) = store.queue_outbound(&calls).await {
                            tracing::error!(error = %e, "a late Discord answer could not be queued");
                        }
                        return;
                    }
                    Ok(Some(None)) => return,
                    _ => tokio::time::sleep(Duration::from_millis(100)).await,
                }
            }
            tracing::warn!(
                interaction = interaction.id,
                "a Discord answer did not come within 20 s; the inbox worker finishes it"
            );
        });
    }

    /// A guild the gateway announced: one the bot was added to while running gets its org,
    /// the commands and its members, as the guilds known at start did.
    pub async fn guild_seen(&self, guild_id: &str) {
        let known = self
            .discord
            .store()
            .find_org(PLATFORM.as_str(), guild_id)
            .await;
        if !matches!(known, Ok(None)) {
            return;
        }
        if let Err(e) = self.discord.ensure_org(guild_id).await {
            tracing::warn!(guild = guild_id, error = %e, "a new Discord guild could not be set up");
            return;
        }
        tracing::info!(guild = guild_id, "the bot was added to a Discord guild");
        self.discord
            .register_commands(&self.intake.bot, &[guild_id.to_string()])
            .await;
        if let Err(e) = super::super::directory::sync_guild(&self.discord, guild_id).await {
            tracing::warn!(guild = guild_id, error = %e, "a new Discord guild's members could not be read");
        }
    }

    /// Stores a member who joined a guild, to be added to the directory and greeted.
    pub async fn member_added(&self, guild_id: &str, member: Value) -> anyhow::Result<()> {
        let user_id = member
            .get("user")
            .and_then(|u| u.get("id"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if user_id.is_empty() {
            return Ok(());
        }
        let item = NewInboxItem {
            platform: PLATFORM.as_str(),
            org_key: guild_id.to_string(),
            kind: MEMBER_ADD_KIND.to_string(),
            dedupe_key: format!("member_add:{user_id}:{}", joined_at(&member)),
            lane: Some(user_id),
            body: json!({"guild_id": guild_id, "member": member}).to_string(),
            held: false,
        };
        self.writer.store(item).await?;
        Ok(())
    }
}

fn joined_at(member: &Value) -> String {
    member
        .get("joined_at")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}
