//! Events API callbacks: reactions that give kudos, the App Home, newcomers, uninstalls.

use serde_json::Value;

use super::Scope;
use super::answer::{self, ReplyTo};
use crate::core::invocation::{Capabilities, Input};
use crate::core::kudos::KudosRequest;
use crate::platform::slack::installs::SlackInstalls;
use crate::platform::slack::wire::{Event, EventEnvelope};
use crate::platform::slack::{PLATFORM, SlackPlatform, TeamToken};

pub(super) async fn event(
    scope: &Scope<'_>,
    envelope: EventEnvelope,
    permalink: Option<String>,
    bot_user_id: Option<String>,
) -> anyhow::Result<()> {
    let event_id = envelope.event_id.clone();
    match envelope.event {
        Event::ReactionAdded {
            user,
            reaction,
            item_user,
            channel,
            ts: _,
        } => {
            reaction_kudos(
                scope,
                Reaction {
                    giver: user,
                    emoji: reaction,
                    author: item_user,
                    channel,
                    permalink,
                    bot_user_id,
                },
                &event_id,
            )
            .await
        }
        Event::AppHomeOpened { user, tab } => {
            if tab.as_deref().is_none_or(|t| t == "home") {
                publish_home(scope, &user).await?;
            }
            Ok(())
        }
        Event::TeamJoin { user } => {
            // The directory learned them in `prepare`; the first thing the bot handles for a
            // person greets them with the narrative.
            match user.get("id").and_then(Value::as_str) {
                Some(id) => publish_home(scope, id).await,
                None => Ok(()),
            }
        }
        Event::AppUninstalled => uninstalled(scope, "app_uninstalled").await,
        Event::TokensRevoked { .. } => uninstalled(scope, "tokens_revoked").await,
        Event::Other { .. } => Ok(()),
    }
}

/// The workspace removed the app (or revoked its tokens): its token is deleted and its queued
/// calls dropped, in the request's unit of work.
async fn uninstalled(scope: &Scope<'_>, why: &str) -> anyhow::Result<()> {
    let had = scope.unit.delete_slack_install(&scope.org_key).await?;
    scope.slack.forget_token(&scope.org_key).await;
    scope
        .unit
        .outbox_discard_org(PLATFORM.as_str(), &scope.org_key, scope.now())
        .await?;
    tracing::info!(
        team = scope.org_key,
        why,
        had_token = had,
        "a workspace removed the app; its token is deleted"
    );
    Ok(())
}

/// Publishes a person's App Home.
pub(super) async fn publish_home(scope: &Scope<'_>, user: &str) -> anyhow::Result<()> {
    let answer = scope
        .answer(scope.invocation(
            user,
            Input::Home,
            None,
            Capabilities {
                home: true,
                ..Capabilities::NONE
            },
        ))
        .await?;
    let to = ReplyTo {
        user: user.to_string(),
        ..ReplyTo::default()
    };
    scope.queue(answer::calls(scope, &answer, &to, None)).await
}

struct Reaction {
    giver: String,
    emoji: String,
    author: Option<String>,
    channel: Option<String>,
    permalink: Option<String>,
    bot_user_id: Option<String>,
}

/// The configured reaction on someone's message thanks its author.
async fn reaction_kudos(scope: &Scope<'_>, r: Reaction, event_id: &str) -> anyhow::Result<()> {
    let emoji = scope
        .slack
        .settings()
        .kudos_reaction
        .trim_matches(':')
        .to_string();
    if r.emoji != emoji {
        return Ok(());
    }
    let Some(author) = r.author else {
        return Ok(());
    };
    // Reactions on files have no channel: they are not messages.
    let Some(channel) = r.channel else {
        return Ok(());
    };
    if author == r.giver || Some(&author) == r.bot_user_id.as_ref() {
        return Ok(());
    }
    let l = scope.locale_of(&r.giver).await;
    let i18n = scope.bot.i18n();
    let why = match r.permalink {
        Some(link) => i18n.tr(
            l,
            "slack-reaction-kudos",
            &[("emoji", emoji.clone().into()), ("link", link.into())],
        ),
        None => i18n.tr(
            l,
            "slack-reaction-kudos-nolink",
            &[("emoji", emoji.clone().into())],
        ),
    };
    let answer = scope
        .answer(scope.invocation(
            &r.giver,
            Input::Kudos(KudosRequest {
                recipients: vec![author],
                message: why,
                values: Vec::new(),
            }),
            Some(format!("event:{event_id}")).as_deref(),
            Capabilities::NONE,
        ))
        .await?;
    // The giver sees the outcome (thanks sent, or why not) where they reacted.
    let to = ReplyTo {
        user: r.giver,
        channel: Some(channel),
        ..ReplyTo::default()
    };
    scope.queue(answer::calls(scope, &answer, &to, None)).await
}

/// The link to a reacted message (`chat.getPermalink`), for the kudos it becomes.
pub(super) async fn permalink(
    slack: &SlackPlatform,
    token: &TeamToken,
    channel: &str,
    ts: &str,
) -> Option<String> {
    let session = slack.client().open_session(&token.token);
    let answer: Value = session
        .http_session_api
        .http_get(
            "chat.getPermalink",
            &vec![("channel", Some(channel)), ("message_ts", Some(ts))],
            None,
        )
        .await
        .ok()?;
    answer
        .get("permalink")
        .and_then(Value::as_str)
        .map(str::to_string)
}
