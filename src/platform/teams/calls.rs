//! Making one queued call to Teams: the relay's [`Courier`] for the Connector.
//!
//! A queued send names where it goes in the bot's terms ([`Target`]): a person by their Entra
//! id, a channel by name, or the conversation a person wrote in. Only here, when it is sent, is
//! that turned into a conversation: the person's 1:1 chat with the bot, created on the spot
//! when they have none yet (and remembered before the message goes, so a retry after a 429
//! never creates a second one). A card with buttons is kept once Teams has given it an id, so a
//! press on it can be answered with the card refreshed.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::TeamsPlatform;
use super::references::{TeamsMember, TeamsReferences};
use crate::relay::{Courier, Failure};
use crate::store::OutboxItem;

/// The outbox method of a [`Send`].
pub const SEND: &str = "send";
/// The outbox method of an [`Update`].
pub const UPDATE: &str = "update";

/// Where a queued activity goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A person, in their 1:1 chat with the bot (created if they have none).
    Person {
        /// Their Entra object id (`people.platform_user_id`).
        aad_object_id: String,
    },
    /// A channel of a team the app is installed in, by name (a new post).
    Channel {
        /// The channel's name, without `#`.
        name: String,
    },
    /// A conversation a verified activity came from; as a reply in its thread when
    /// `reply_to` is set.
    Conversation {
        /// Where to call, from the activity.
        service_url: String,
        /// The conversation.
        conversation_id: String,
        /// The activity to reply to (a channel message's id, to answer in its thread).
        reply_to: Option<String>,
    },
}

/// An activity to send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Send {
    /// Where.
    pub to: Target,
    /// The activity, as rendered.
    pub activity: Value,
}

/// A sent activity to replace (a card refreshed after a press the edge could not answer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Update {
    /// Where to call.
    pub service_url: String,
    /// The activity's conversation.
    pub conversation_id: String,
    /// The activity's id.
    pub activity_id: String,
    /// The new activity.
    pub activity: Value,
}

#[async_trait]
impl Courier for TeamsPlatform {
    fn platform(&self) -> &'static str {
        super::PLATFORM.as_str()
    }

    fn calls_per_second(&self) -> u32 {
        self.config().settings.calls_per_second
    }

    async fn send(&self, item: &OutboxItem) -> Result<(), Failure> {
        match item.method.as_str() {
            SEND => {
                let send: Send = serde_json::from_str(&item.payload)
                    .map_err(|e| Failure::Permanent(format!("unreadable queued send: {e}")))?;
                send_one(self, &item.org_key, &send).await
            }
            UPDATE => {
                let update: Update = serde_json::from_str(&item.payload)
                    .map_err(|e| Failure::Permanent(format!("unreadable queued update: {e}")))?;
                self.connector()
                    .update(
                        &update.service_url,
                        &update.conversation_id,
                        &update.activity_id,
                        &update.activity,
                    )
                    .await?;
                keep_card(
                    self,
                    &update.conversation_id,
                    &update.activity_id,
                    &update.activity,
                )
                .await;
                Ok(())
            }
            other => Err(Failure::Permanent(format!("unknown Teams call {other}"))),
        }
    }

    async fn unauthorized(&self, _org_key: &str) {
        self.connector().forget_token().await;
    }
}

fn store_failure(e: impl std::fmt::Display) -> Failure {
    Failure::Transient(format!("the database: {e}"))
}

async fn send_one(teams: &TeamsPlatform, tenant: &str, send: &Send) -> Result<(), Failure> {
    let (service_url, conversation_id, reply_to) = match &send.to {
        Target::Person { aad_object_id } => {
            let (service_url, conversation) = direct_chat(teams, tenant, aad_object_id).await?;
            (service_url, conversation, None)
        }
        Target::Channel { name } => {
            let channel = channel_named(teams, tenant, name).await?;
            (channel.service_url, channel.channel_id, None)
        }
        Target::Conversation {
            service_url,
            conversation_id,
            reply_to,
        } => (
            service_url.clone(),
            conversation_id.clone(),
            reply_to.clone(),
        ),
    };
    let id = teams
        .connector()
        .send(
            &service_url,
            &conversation_id,
            reply_to.as_deref(),
            &send.activity,
        )
        .await?;
    if let Some(id) = id {
        keep_card(teams, &conversation_id, &id, &send.activity).await;
    }
    Ok(())
}

/// The channel a post names, in any team the app is in; when no team has a channel of that
/// name (the shipped `kudos` channel, say, in a company without one), the General channel of
/// the first team, so a fresh install shows its posts somewhere people look, with a warning
/// naming the setting to change.
async fn channel_named(
    teams: &TeamsPlatform,
    tenant: &str,
    name: &str,
) -> Result<super::references::TeamsChannel, Failure> {
    let store = teams.store();
    if let Some(channel) = store
        .teams_channel_named(tenant, name)
        .await
        .map_err(store_failure)?
    {
        return Ok(channel);
    }
    let general = store
        .teams_channel_named(tenant, super::directory::GENERAL_CHANNEL)
        .await
        .map_err(store_failure)?
        .ok_or_else(|| {
            Failure::Permanent(format!(
                "no channel named {name} in any team the app is installed in; add the app to the team that has it"
            ))
        })?;
    tracing::warn!(
        channel = name,
        "no team the app is in has a channel of this name; posted to General instead (set the channel in the config, e.g. kudos.channel, or add the app to the team that has it)"
    );
    Ok(general)
}

/// A person's 1:1 chat with the bot: the one known, or one created now (and remembered).
async fn direct_chat(
    teams: &TeamsPlatform,
    tenant: &str,
    aad_object_id: &str,
) -> Result<(String, String), Failure> {
    let member = teams
        .store()
        .teams_member_by_aad(tenant, aad_object_id)
        .await
        .map_err(store_failure)?
        .ok_or_else(|| {
            Failure::Permanent(format!(
                "{aad_object_id} has not been seen in Teams yet: they are reached once they install the app or are in a team that has it"
            ))
        })?;
    if let Some(conversation) = &member.conversation_id {
        return Ok((member.service_url.clone(), conversation.clone()));
    }
    let tenant_row = teams
        .store()
        .teams_tenant(tenant)
        .await
        .map_err(store_failure)?;
    let (service_url, bot_id) = match tenant_row {
        Some(t) => (t.service_url, t.bot_id),
        None => (member.service_url.clone(), teams.bot_id()),
    };
    let conversation = teams
        .connector()
        .create_conversation(&service_url, &bot_id, &member.user_id, tenant)
        .await?;
    let known = TeamsMember {
        conversation_id: Some(conversation.clone()),
        service_url: service_url.clone(),
        ..member
    };
    teams
        .store()
        .save_teams_members(tenant, std::slice::from_ref(&known), teams.now())
        .await
        .map_err(store_failure)?;
    Ok((service_url, conversation))
}

/// The card of an activity, when it has buttons to press.
pub fn pressable_card(activity: &Value) -> Option<&Value> {
    let card = activity.pointer("/attachments/0/content")?;
    let text = card.to_string();
    text.contains("Action.Execute").then_some(card)
}

/// Keeps a sent card with buttons (see [`TeamsReferences::save_teams_card`]); a failure only
/// costs the refresh of that one card, so it is logged, not retried.
async fn keep_card(
    teams: &TeamsPlatform,
    conversation_id: &str,
    activity_id: &str,
    activity: &Value,
) {
    let Some(card) = pressable_card(activity) else {
        return;
    };
    if let Err(e) = teams
        .store()
        .save_teams_card(conversation_id, activity_id, &card.to_string(), teams.now())
        .await
    {
        tracing::warn!(error = %e, "a sent card could not be kept; a press on it shows the answer alone");
    }
}
