//! The inbox worker: turns stored Slack requests into bot invocations and queued replies.
//!
//! Requests are claimed in arrival order with a lease, processed, then marked done; a worker
//! that dies mid-request leaves its lease to expire and another (or the restarted process)
//! takes the request over. Slack never waits on this: it was acknowledged when it was stored.

use chrono::Duration;
use serde_json::json;
use slack_morphism::prelude::*;

mod commands;
mod events;
mod interactions;
mod modals;

pub use modals::modal_errors;

use super::inbound::{self, Decoded};
use super::{SlackPlatform, methods, render, views};
use crate::bot::{Bot, KUDOS_FORM_ACTION, PULSE_COMMENT_ACTION};
use crate::core::directory::Person;
use crate::core::invocation::{Input, Invocation, PlatformKind};
use crate::core::locale::Locale;
use crate::core::message::{Message, Visibility};
use crate::store::{InboxItem, InboxKind, NewOutbound};
use commands::command;
use events::{event, publish_home};
use interactions::interaction;

/// Requests claimed per pass.
const BATCH: i64 = 64;
/// A claimed request is taken over by another worker after this long.
const LEASE_SECONDS: i64 = 60;
/// Attempts before a request that keeps failing is set aside.
const MAX_ATTEMPTS: i64 = 5;
/// A modal must be opened within Slack's trigger lifetime (3 s); later, the person gets the
/// command's usage instead of a modal that would fail to open.
const TRIGGER_SECONDS: i64 = 3;

/// The modal callback ids, shared with `views`.
pub const KUDOS_MODAL: &str = views::KUDOS_MODAL_CALLBACK_ID;
/// See [`KUDOS_MODAL`].
pub const COMMENT_MODAL: &str = views::PULSE_COMMENT_MODAL_CALLBACK_ID;
/// The message shortcut that gives kudos for a message (`callback_id` in the manifest).
pub const KUDOS_SHORTCUT: &str = "give_kudos";

/// Runs until `stop` turns true.
pub async fn run(slack: SlackPlatform, bot: Bot, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        let handled = match process_due(&slack, &bot).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!(error = %e, "the Slack inbox could not be read");
                0
            }
        };
        if handled > 0 {
            continue;
        }
        tokio::select! {
            _ = slack.inbox_ready().notified() => {}
            _ = tokio::time::sleep(std::time::Duration::from_millis(500)) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Processes every stored request due now; returns how many.
pub async fn process_due(slack: &SlackPlatform, bot: &Bot) -> anyhow::Result<usize> {
    let items = slack
        .store()
        .claim_inbox(slack.now(), Duration::seconds(LEASE_SECONDS), BATCH)
        .await?;
    let count = items.len();
    for item in items {
        let id = item.id;
        let attempts = item.attempts;
        match process_item(slack, bot, &item).await {
            Ok(()) => slack.store().finish_inbox(id, slack.now()).await?,
            Err(e) => {
                let error = format!("{e:#}");
                tracing::warn!(error, attempts, "a Slack request failed");
                let retry = (attempts < MAX_ATTEMPTS)
                    .then(|| slack.now() + Duration::seconds(2i64.pow(attempts as u32)));
                slack
                    .store()
                    .fail_inbox(id, &error, retry, slack.now())
                    .await?;
            }
        }
    }
    Ok(count)
}

/// Someone the directory does not know yet (they joined since the last sync and their
/// `team_join` was missed) is looked up with `users.info` before the bot answers them, so they
/// are served instead of being told they are unknown.
async fn ensure_known(slack: &SlackPlatform, team: &str, user: &str) {
    if !matches!(person(slack, team, user).await, Ok(None)) {
        return;
    }
    let Ok(token) = slack.token_for(team).await else {
        return;
    };
    let session = slack.client().open_session(&token.token);
    let request =
        SlackApiUsersInfoRequest::new(SlackUserId(user.to_string())).with_include_locale(true);
    match session.users_info(&request).await {
        Ok(found) => {
            if let Err(e) =
                crate::platform::slack::directory::sync_one(slack, team, &found.user).await
            {
                tracing::warn!(error = %e, "could not add a newcomer to the directory");
            }
        }
        Err(e) => tracing::warn!(error = %e, user, "users.info failed for an unknown person"),
    }
}

fn invocation(team: &str, user: &str, input: Input) -> Invocation {
    Invocation {
        platform: PlatformKind::Slack,
        platform_org_id: team.to_string(),
        actor: user.to_string(),
        input,
    }
}

async fn process_item(slack: &SlackPlatform, bot: &Bot, item: &InboxItem) -> anyhow::Result<()> {
    let kind = InboxKind::parse(&item.kind)
        .ok_or_else(|| anyhow::anyhow!("unknown inbox kind {}", item.kind))?;
    // A stored body was decoded once already; failing now means a bug, not bad input.
    let decoded = inbound::decode(kind, &item.body)?;
    let fresh = slack.now() - item.received_at < Duration::seconds(TRIGGER_SECONDS);
    match decoded {
        Decoded::Command(c) => command(slack, bot, &c, fresh).await,
        Decoded::Event(e) => event(slack, bot, *e).await,
        Decoded::Interaction(i, raw) => interaction(slack, bot, *i, &raw, fresh).await,
    }
}

/// A reply to a `response_url`: ephemeral unless the bot's answer is for everyone.
fn response_url_call(team: &str, url: &str, reply: &Message, replace: bool) -> NewOutbound {
    let response_type = match reply.visibility {
        Visibility::Public => "in_channel",
        Visibility::Ephemeral => "ephemeral",
    };
    NewOutbound {
        team_id: team.to_string(),
        method: methods::RESPONSE_URL.to_string(),
        payload: json!({
            "url": url,
            "body": {
                "response_type": response_type,
                "replace_original": replace,
                "text": render::fallback_text(reply),
                "blocks": render::render_blocks(reply),
            }
        })
        .to_string(),
    }
}

async fn person(slack: &SlackPlatform, team: &str, user: &str) -> anyhow::Result<Option<Person>> {
    let Some(org) = slack
        .store()
        .find_org(PlatformKind::Slack.as_str(), team)
        .await?
    else {
        return Ok(None);
    };
    Ok(slack.store().person_by_platform_id(org.id, user).await?)
}

async fn locale_of(slack: &SlackPlatform, bot: &Bot, team: &str, user: &str) -> Locale {
    match person(slack, team, user).await {
        Ok(Some(p)) => p.locale,
        _ => bot.config().org_locale,
    }
}
