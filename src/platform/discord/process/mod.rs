//! What a stored Discord request means: the [`Intake`] the relay's inbox worker (and, for
//! interactions, the edge) calls.
//!
//! Two kinds are stored: an interaction (held: the edge answers it while Discord waits, see
//! [`edge`]) and a member who joined. [`Intake::prepare`] does what needs Discord before any
//! transaction opens (reading a newcomer's roles); [`Intake::apply_answering`] asks the bot in
//! the relay's unit of work and turns its answer into the interaction response ([`answer`]);
//! [`Intake::apply`] does the same for an interaction the edge could not finish in time, and
//! delivers the answer as REST calls instead.

mod answer;
pub mod edge;
mod people;

use async_trait::async_trait;
use serde_json::{Value, json};

pub use edge::Edge;

use super::interaction::{self, Interaction};
use super::references::DiscordReferences;
use super::{DiscordPlatform, PLATFORM, directory};
use crate::bot::Bot;
use crate::core::invocation::{Capabilities, Input};
use crate::platform::request::RequestScope;
use crate::relay::Intake;
use crate::store::prelude::*;
use crate::store::{InboxItem, Store};

/// The stored `inbox.kind` of an interaction.
pub const INTERACTION_KIND: &str = "interaction";
/// The stored `inbox.kind` of a member who joined a guild (`{"guild_id", "member"}`).
pub const MEMBER_ADD_KIND: &str = "member_add";

/// The Discord adapter's side of the relay's inbox.
pub struct DiscordIntake {
    discord: DiscordPlatform,
    bot: Bot,
}

impl DiscordIntake {
    /// The intake over the adapter and the bot it asks.
    pub fn new(discord: DiscordPlatform, bot: Bot) -> DiscordIntake {
        DiscordIntake { discord, bot }
    }
}

/// A decoded request.
#[derive(Clone)]
pub enum Prepared {
    /// An interaction.
    Interaction(Box<Interaction>),
    /// A newcomer, already in the directory.
    MemberAdded {
        /// Their snowflake.
        user_id: String,
    },
    /// Nothing to do.
    Nothing,
}

#[async_trait]
impl Intake for DiscordIntake {
    type Prepared = Prepared;

    fn platform(&self) -> &'static str {
        PLATFORM.as_str()
    }

    async fn prepare(&self, item: &InboxItem) -> anyhow::Result<Prepared> {
        match item.kind.as_str() {
            INTERACTION_KIND => {
                // Decoded once already at the edge; failing now means a bug, not bad input.
                let interaction = interaction::decode(item.body.as_bytes())?;
                // Someone using the bot takes DMs again, as far as we know.
                self.discord
                    .store()
                    .clear_discord_undeliverable(&interaction.user.id)
                    .await?;
                Ok(Prepared::Interaction(Box::new(interaction)))
            }
            MEMBER_ADD_KIND => {
                let body: Value = serde_json::from_str(&item.body)?;
                let member = body.get("member").cloned().unwrap_or(Value::Null);
                let Some(user) = directory::platform_user(&member) else {
                    return Ok(Prepared::Nothing);
                };
                if user.is_bot {
                    return Ok(Prepared::Nothing);
                }
                directory::member_joined(&self.discord, &item.org_key, &member).await?;
                Ok(Prepared::MemberAdded {
                    user_id: user.platform_user_id,
                })
            }
            other => {
                tracing::warn!(kind = other, "a stored Discord request of an unknown kind");
                Ok(Prepared::Nothing)
            }
        }
    }

    async fn apply(
        &self,
        item: &InboxItem,
        prepared: Prepared,
        unit: &Store,
    ) -> anyhow::Result<()> {
        let scope = self.scope(item, unit);
        match prepared {
            Prepared::Interaction(interaction) => {
                // The edge could not answer while Discord waited: it deferred, and the answer
                // goes out as REST calls now.
                let (response, calls) = answer::respond(&scope, &interaction).await?;
                let later = answer::later_calls(&scope, &interaction, &response);
                scope.queue(calls).await?;
                scope.queue(later).await
            }
            Prepared::MemberAdded { user_id } => {
                // The bot greets a person the first time it sees them; their home page is the
                // cheapest thing to ask for, and Discord shows none, so the answer is dropped.
                let invocation = scope.invocation(
                    &user_id,
                    Input::Home,
                    Some(&format!("member:{}", item.id)),
                    Capabilities::NONE,
                );
                let _ = scope.answer(invocation).await?;
                Ok(())
            }
            Prepared::Nothing => Ok(()),
        }
    }

    async fn apply_answering(
        &self,
        item: &InboxItem,
        prepared: Prepared,
        unit: &Store,
    ) -> anyhow::Result<Option<String>> {
        let Prepared::Interaction(interaction) = &prepared else {
            return self.apply(item, prepared, unit).await.map(|()| None);
        };
        let scope = self.scope(item, unit);
        let (response, calls) = answer::respond(&scope, interaction).await?;
        scope.queue(calls).await?;
        Ok(Some(response.to_string()))
    }
}

impl DiscordIntake {
    fn scope<'a>(&'a self, item: &InboxItem, unit: &'a Store) -> Scope<'a> {
        Scope {
            discord: &self.discord,
            request: RequestScope::new(PLATFORM, item, &self.bot, unit),
        }
    }
}

/// What processing one request works with: the adapter, and the bot inside the request's unit
/// of work (see [`RequestScope`]).
pub(super) struct Scope<'a> {
    discord: &'a DiscordPlatform,
    request: RequestScope<'a>,
}

impl<'a> std::ops::Deref for Scope<'a> {
    type Target = RequestScope<'a>;

    fn deref(&self) -> &RequestScope<'a> {
        &self.request
    }
}

impl Scope<'_> {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.discord.now()
    }

    /// The language to answer `user_id` in: theirs from the directory, else their Discord
    /// client's when the bot speaks it, else the org's.
    async fn locale_of(&self, user_id: &str, client: Option<&str>) -> crate::core::locale::Locale {
        let known = match self
            .bot
            .db()
            .find_org(PLATFORM.as_str(), &self.org_key)
            .await
        {
            Ok(Some(org)) => self
                .bot
                .db()
                .person_by_platform_id(org.id, user_id)
                .await
                .ok()
                .flatten()
                .map(|p| p.locale),
            _ => None,
        };
        known
            .or_else(|| client.and_then(crate::core::locale::Locale::parse))
            .unwrap_or(self.discord.org_locale())
    }
}

/// The org key of an interaction: its guild, or, for one in a DM, the guild whose directory
/// knows the person (the first Discord org otherwise).
pub async fn org_key(discord: &DiscordPlatform, interaction: &Interaction) -> Option<String> {
    if let Some(guild) = &interaction.guild_id {
        return Some(guild.clone());
    }
    let orgs = discord.store().orgs().await.ok()?;
    let mut first = None;
    for org in orgs.into_iter().filter(|o| o.platform == PLATFORM.as_str()) {
        if discord
            .store()
            .person_by_platform_id(org.id, &interaction.user.id)
            .await
            .ok()
            .flatten()
            .is_some()
        {
            return Some(org.platform_org_id);
        }
        first.get_or_insert(org.platform_org_id);
    }
    first
}

/// What Discord is told while the answer is still being worked on: a press acknowledged
/// without a change, anything else "thinking…", visible to the person alone.
pub fn holding_response(interaction: &Interaction) -> Value {
    match interaction.kind {
        interaction::InteractionKind::Component(_) => json!({"type": 6}),
        _ => json!({"type": 5, "data": {"flags": super::render::EPHEMERAL}}),
    }
}
