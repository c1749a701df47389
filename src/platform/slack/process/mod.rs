//! What a stored Slack request means: the [`Intake`] the relay's inbox worker calls.
//!
//! [`Intake::prepare`] decodes the stored body and does what needs Slack's Web API before any
//! transaction opens: looking up someone the directory does not know yet, a reacted message's
//! permalink, a newcomer's profile. [`Intake::apply`] then asks the bot, inside the relay's unit
//! of work, and queues the answer as Slack calls in that same unit ([`answer`]): a reply to the
//! `response_url`, a `chat.update` of the pressed message, a modal, the App Home.

mod answer;
mod commands;
mod events;
mod interactions;

use async_trait::async_trait;
use chrono::Duration;
use slack_morphism::prelude::*;

pub use answer::ReplyTo;
pub use interactions::modal_errors;

use super::wire::{self, Event, Request};
use super::{PLATFORM, SlackPlatform};
use crate::bot::Bot;
use crate::core::directory::Person;
use crate::core::invocation::{Capabilities, Invocation};
use crate::core::locale::Locale;
use crate::core::outbound::Answer;
use crate::platform::request::RequestScope;
use crate::relay::Intake;
use crate::store::{InboxItem, Store};

/// A modal must be opened within Slack's trigger lifetime (3 s); later, the person gets the
/// command's usage instead of a modal that would fail to open.
const TRIGGER_SECONDS: i64 = 3;

/// The message shortcut that gives kudos for a message (`callback_id` in the manifest).
pub const KUDOS_SHORTCUT: &str = "give_kudos";

/// The Slack adapter's side of the relay's inbox.
pub struct SlackIntake {
    slack: SlackPlatform,
    bot: Bot,
}

impl SlackIntake {
    /// The intake over the adapter and the bot it asks.
    pub fn new(slack: SlackPlatform, bot: Bot) -> SlackIntake {
        SlackIntake { slack, bot }
    }
}

/// A decoded request and what the Web API said about it before the unit of work.
#[derive(Clone)]
pub struct Prepared {
    request: Request,
    /// The reacted message's link, for a reaction that gives kudos.
    permalink: Option<String>,
    /// The bot's own user id in the workspace, so its own messages get no kudos.
    bot_user_id: Option<String>,
}

/// The stored `inbox.kind` of each Slack endpoint.
pub fn kind_name(kind: wire::Kind) -> &'static str {
    match kind {
        wire::Kind::Event => "event",
        wire::Kind::Command => "command",
        wire::Kind::Interaction => "interaction",
    }
}

fn kind_of(name: &str) -> anyhow::Result<wire::Kind> {
    match name {
        "event" => Ok(wire::Kind::Event),
        "command" => Ok(wire::Kind::Command),
        "interaction" => Ok(wire::Kind::Interaction),
        other => anyhow::bail!("unknown Slack inbox kind {other}"),
    }
}

#[async_trait]
impl Intake for SlackIntake {
    type Prepared = Prepared;

    fn platform(&self) -> &'static str {
        PLATFORM.as_str()
    }

    async fn prepare(&self, item: &InboxItem) -> anyhow::Result<Prepared> {
        // A stored body was decoded once already at the edge; failing now means a bug, not
        // bad input, and the request is set aside after its retries.
        let request = wire::decode(kind_of(&item.kind)?, &item.body)?;
        let team = item.org_key.as_str();
        let mut prepared = Prepared {
            request,
            permalink: None,
            bot_user_id: None,
        };
        match &prepared.request {
            Request::Event(envelope) => match &envelope.event {
                Event::TeamJoin { user } => {
                    if let Ok(user) = serde_json::from_value::<SlackUser>(user.clone()) {
                        super::directory::sync_one(&self.slack, team, &user).await?;
                    }
                }
                Event::ReactionAdded {
                    user,
                    reaction,
                    item_user: Some(_),
                    channel,
                    ts,
                } if reaction == self.slack.settings().kudos_reaction.trim_matches(':') => {
                    ensure_known(&self.slack, team, user).await;
                    if let Ok(token) = self.slack.token_for(team).await {
                        if let (Some(channel), Some(ts)) = (channel, ts) {
                            prepared.permalink =
                                events::permalink(&self.slack, &token, channel, ts).await;
                        }
                        prepared.bot_user_id = Some(token.bot_user_id);
                    }
                }
                _ => {}
            },
            request => {
                if let Some(actor) = request.actor() {
                    ensure_known(&self.slack, team, &actor).await;
                }
            }
        }
        Ok(prepared)
    }

    async fn apply(
        &self,
        item: &InboxItem,
        prepared: Prepared,
        unit: &Store,
    ) -> anyhow::Result<()> {
        let scope = Scope {
            slack: &self.slack,
            request: RequestScope::new(PLATFORM, item, &self.bot, unit),
            fresh: self.slack.now() - item.received_at < Duration::seconds(TRIGGER_SECONDS),
        };
        match prepared.request {
            Request::Command(c) => commands::command(&scope, &c).await,
            Request::Event(e) => {
                events::event(&scope, e, prepared.permalink, prepared.bot_user_id).await
            }
            Request::Interaction(i) => interactions::interaction(&scope, i).await,
            Request::UrlVerification { .. } | Request::Ignored { .. } => Ok(()),
        }
    }
}

/// What processing one request works with: the adapter, and the bot inside the request's unit
/// of work (see [`RequestScope`]).
pub(super) struct Scope<'a> {
    slack: &'a SlackPlatform,
    request: RequestScope<'a>,
    /// Whether the request is young enough for its trigger id to open a modal.
    fresh: bool,
}

impl<'a> std::ops::Deref for Scope<'a> {
    type Target = RequestScope<'a>;

    fn deref(&self) -> &RequestScope<'a> {
        &self.request
    }
}

impl Scope<'_> {
    /// The bot's answer to what a person did with the capabilities the request allows, and,
    /// when it is a form, the plain answer to post instead if the form's trigger has expired
    /// by the time the outbox opens it.
    async fn answer_with_fallback(
        &self,
        invocation: impl Fn(Capabilities) -> Invocation,
        capabilities: Capabilities,
    ) -> anyhow::Result<(Answer, Option<crate::core::message::Message>)> {
        let answer = self.answer(invocation(capabilities)).await?;
        let fallback = match &answer {
            Answer::Form(_) => self
                .answer(invocation(Capabilities::NONE))
                .await?
                .message()
                .cloned(),
            _ => None,
        };
        Ok((answer, fallback))
    }

    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.slack.now()
    }

    /// The person with this Slack id, if the directory knows them.
    async fn person(&self, user: &str) -> anyhow::Result<Option<Person>> {
        let Some(org) = self.bot.org(PLATFORM, &self.org_key).await? else {
            return Ok(None);
        };
        Ok(self.bot.db().person_by_platform_id(org.id, user).await?)
    }

    async fn locale_of(&self, user: &str) -> Locale {
        match self.person(user).await {
            Ok(Some(p)) => p.locale,
            _ => self.bot.config().org_locale,
        }
    }
}

async fn person(
    db: &dyn crate::store::Db,
    team: &str,
    user: &str,
) -> anyhow::Result<Option<Person>> {
    let Some(org) = db.find_org(PLATFORM.as_str(), team).await? else {
        return Ok(None);
    };
    Ok(db.person_by_platform_id(org.id, user).await?)
}

/// Someone the directory does not know yet (they joined since the last sync and their
/// `team_join` was missed) is looked up with `users.info` before the bot answers them, so they
/// are served instead of being told they are unknown.
async fn ensure_known(slack: &SlackPlatform, team: &str, user: &str) {
    if slack.is_known(team, user) {
        return;
    }
    match person(slack.store(), team, user).await {
        Ok(Some(_)) => {
            slack.remember_known(team, user);
            return;
        }
        Ok(None) => {}
        // The bot answers them anyway; it looks them up itself.
        Err(_) => return,
    }
    let Ok(token) = slack.token_for(team).await else {
        return;
    };
    let session = slack.client().open_session(&token.token);
    let request =
        SlackApiUsersInfoRequest::new(SlackUserId(user.to_string())).with_include_locale(true);
    match session.users_info(&request).await {
        Ok(found) => {
            if let Err(e) = super::directory::sync_one(slack, team, &found.user).await {
                tracing::warn!(error = %e, "could not add a newcomer to the directory");
            }
        }
        Err(e) => tracing::warn!(error = %e, user, "users.info failed for an unknown person"),
    }
}
