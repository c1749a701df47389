//! The inbox worker: turns stored Slack requests into bot invocations and queued replies.
//!
//! Requests are claimed in arrival order with a lease, processed, then marked done; a worker
//! that dies mid-request leaves its lease to expire and another (or the restarted process)
//! takes the request over. Slack never waits on this: it was acknowledged when it was stored.

use chrono::Duration;
use serde_json::{Map, Value, json};
use slack_morphism::prelude::*;

use super::inbound::{self, Decoded};
use super::{SlackPlatform, methods, render, views};
use crate::bot::{Bot, KUDOS_FORM_ACTION, PULSE_COMMENT_ACTION};
use crate::core::directory::Person;
use crate::core::invocation::{Input, Invocation, PlatformKind};
use crate::core::locale::Locale;
use crate::core::message::{Message, Visibility};
use crate::store::{InboxItem, InboxKind, NewOutbound};

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
            if let Err(e) = super::directory::sync_one(slack, team, &found.user).await {
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

async fn command(
    slack: &SlackPlatform,
    bot: &Bot,
    c: &SlackCommandEvent,
    fresh: bool,
) -> anyhow::Result<()> {
    let team = c.team_id.to_string();
    let user = c.user_id.to_string();
    let text = c.text.as_deref().unwrap_or_default().trim();
    let name = c.command.to_string();
    ensure_known(slack, &team, &user).await;
    if name == "/kudos" && text.is_empty() && fresh {
        let channel = c.channel_id.to_string();
        if open_kudos_modal(
            slack,
            bot,
            &team,
            &user,
            &c.trigger_id,
            &[],
            "",
            Some(&channel),
        )
        .await?
        {
            return Ok(());
        }
    }
    let reply = bot
        .handle(invocation(
            &team,
            &user,
            Input::Command(format!("{name} {text}")),
        ))
        .await;
    let mut calls = vec![response_url_call(
        &team,
        c.response_url.0.as_str(),
        &reply,
        false,
    )];
    for image in render::images(&reply) {
        calls.push(super::upload_call(&team, &user, image));
    }
    slack.enqueue(calls).await?;
    Ok(())
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

async fn event(slack: &SlackPlatform, bot: &Bot, e: SlackPushEvent) -> anyhow::Result<()> {
    let SlackPushEvent::EventCallback(cb) = e else {
        return Ok(());
    };
    let team = cb.team_id.to_string();
    match cb.event {
        SlackEventCallbackBody::ReactionAdded(r) => reaction(slack, bot, &team, &r).await,
        SlackEventCallbackBody::AppHomeOpened(h) => {
            if h.tab.as_deref().is_none_or(|t| t == "home") {
                publish_home(slack, bot, &team, h.user.as_ref()).await?;
            }
            Ok(())
        }
        SlackEventCallbackBody::TeamJoin(j) => {
            super::directory::sync_one(slack, &team, &j.user).await?;
            // The first thing the bot handles for a person greets them with the narrative.
            publish_home(slack, bot, &team, j.user.id.as_ref()).await
        }
        SlackEventCallbackBody::AppUninstalled(_) => {
            uninstalled(slack, &team, "app_uninstalled").await
        }
        SlackEventCallbackBody::Unknown(v)
            if v.get("type").and_then(Value::as_str) == Some("tokens_revoked") =>
        {
            uninstalled(slack, &team, "tokens_revoked").await
        }
        _ => Ok(()),
    }
}

async fn uninstalled(slack: &SlackPlatform, team: &str, why: &str) -> anyhow::Result<()> {
    let had = slack.store().delete_slack_install(team).await?;
    slack.forget_token(team).await;
    slack.store().outbox_discard_team(team, slack.now()).await?;
    tracing::info!(
        team,
        why,
        had_token = had,
        "a workspace removed the app; its token is deleted"
    );
    Ok(())
}

async fn publish_home(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    user: &str,
) -> anyhow::Result<()> {
    let home = bot.handle(invocation(team, user, Input::Home)).await;
    let view = views::home_view(&home);
    slack
        .enqueue(vec![NewOutbound {
            team_id: team.to_string(),
            method: "views.publish".to_string(),
            payload: json!({ "user_id": user, "view": view }).to_string(),
        }])
        .await?;
    Ok(())
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

async fn reaction(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    r: &SlackReactionAddedEvent,
) -> anyhow::Result<()> {
    let emoji = slack
        .settings()
        .kudos_reaction
        .trim_matches(':')
        .to_string();
    if r.reaction.to_string() != emoji {
        return Ok(());
    }
    let Some(author) = r.item_user.as_ref().map(|u| u.to_string()) else {
        return Ok(());
    };
    let giver = r.user.to_string();
    ensure_known(slack, team, &giver).await;
    let SlackReactionsItem::Message(message) = &r.item else {
        return Ok(());
    };
    let token = slack.token_for(team).await?;
    if author == giver || author == token.bot_user_id {
        return Ok(());
    }
    let channel = message.origin.channel.as_ref().map(|c| c.to_string());
    let ts = message.origin.ts.to_string();
    let link = match &channel {
        Some(ch) => permalink(slack, &token, ch, &ts).await,
        None => None,
    };
    let l = locale_of(slack, bot, team, &giver).await;
    let why = match link {
        Some(link) => bot.i18n().tr(
            l,
            "slack-reaction-kudos",
            &[("emoji", emoji.clone().into()), ("link", link.into())],
        ),
        None => bot.i18n().tr(
            l,
            "slack-reaction-kudos-nolink",
            &[("emoji", emoji.clone().into())],
        ),
    };
    let reply = bot
        .handle(invocation(
            team,
            &giver,
            Input::Command(format!("/kudos <@{author}> {why}")),
        ))
        .await;
    // The giver sees the outcome (thanks sent, or why not) where they reacted.
    let call = match &channel {
        Some(ch) => NewOutbound {
            team_id: team.to_string(),
            method: "chat.postEphemeral".to_string(),
            payload: json!({
                "channel": ch, "user": giver,
                "text": render::fallback_text(&reply),
                "blocks": render::render_blocks(&reply),
            })
            .to_string(),
        },
        None => SlackPlatform::post_calls(team, &giver, &reply).remove(0),
    };
    slack.enqueue(vec![call]).await?;
    Ok(())
}

async fn permalink(
    slack: &SlackPlatform,
    token: &super::TeamToken,
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

async fn interaction(
    slack: &SlackPlatform,
    bot: &Bot,
    event: SlackInteractionEvent,
    raw: &Value,
    fresh: bool,
) -> anyhow::Result<()> {
    match event {
        SlackInteractionEvent::BlockActions(b) => block_actions(slack, bot, &b, raw, fresh).await,
        SlackInteractionEvent::ViewSubmission(v) => {
            let team = v.team.id.to_string();
            let user = v.user.id.to_string();
            view_submission(slack, bot, &team, &user, raw).await
        }
        SlackInteractionEvent::MessageAction(m) if m.callback_id.to_string() == KUDOS_SHORTCUT => {
            let team = m.team.id.to_string();
            let user = m.user.id.to_string();
            let author = raw
                .pointer("/message/user")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let text = raw
                .pointer("/message/text")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let people: Vec<String> = (!author.is_empty() && author != user)
                .then(|| author.to_string())
                .into_iter()
                .collect();
            let quoted: String = render::unescape_mrkdwn(text).chars().take(500).collect();
            let channel = raw.pointer("/channel/id").and_then(Value::as_str);
            if fresh {
                open_kudos_modal(
                    slack,
                    bot,
                    &team,
                    &user,
                    &m.trigger_id,
                    &people,
                    &quoted,
                    channel,
                )
                .await?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

async fn block_actions(
    slack: &SlackPlatform,
    bot: &Bot,
    b: &SlackInteractionBlockActionsEvent,
    raw: &Value,
    fresh: bool,
) -> anyhow::Result<()> {
    let team = b.team.id.to_string();
    let Some(user) = b.user.as_ref().map(|u| u.id.to_string()) else {
        return Ok(());
    };
    ensure_known(slack, &team, &user).await;
    for action in b.actions.iter().flatten() {
        let action_id = action.action_id.to_string();
        let pressed = action
            .selected_option
            .as_ref()
            .map(|o| o.value.clone())
            .unwrap_or_else(|| action_id.clone());
        if pressed == KUDOS_FORM_ACTION
            && fresh
            && open_kudos_modal(slack, bot, &team, &user, &b.trigger_id, &[], "", None).await?
        {
            continue;
        }
        if pressed == PULSE_COMMENT_ACTION && fresh {
            let l = locale_of(slack, bot, &team, &user).await;
            let view = views::pulse_comment_modal(&comment_labels(bot, l));
            if open_view(slack, &team, &b.trigger_id, &view).await? {
                continue;
            }
        }
        let reply = bot
            .handle(invocation(&team, &user, Input::Click { action: pressed }))
            .await;
        let mut calls = Vec::new();
        match &b.container {
            SlackInteractionActionContainer::Message(m) if m.is_ephemeral != Some(true) => {
                let channel = m
                    .channel_id
                    .as_ref()
                    .map(|c| c.to_string())
                    .or_else(|| b.channel.as_ref().map(|c| c.id.to_string()))
                    .unwrap_or_default();
                let original = raw
                    .pointer("/message/blocks")
                    .and_then(render::blocks_from_json);
                let text = raw
                    .pointer("/message/text")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match original {
                    Some(original) => {
                        let blocks =
                            render::mark_clicked(original, &action_id, &reply.plain_text());
                        calls.push(NewOutbound {
                            team_id: team.clone(),
                            method: "chat.update".to_string(),
                            payload: json!({ "channel": channel, "ts": m.message_ts.to_string(), "text": text, "blocks": blocks }).to_string(),
                        });
                    }
                    // A message we cannot read back is left as it is; the answer goes beside it.
                    None => {
                        if let Some(url) = &b.response_url {
                            calls.push(response_url_call(&team, url.0.as_str(), &reply, false));
                        }
                    }
                }
            }
            SlackInteractionActionContainer::View(_) => {
                // A press on the home page: show the page again, now reflecting it.
                publish_home(slack, bot, &team, &user).await?;
            }
            _ => {
                if let Some(url) = &b.response_url {
                    calls.push(response_url_call(&team, url.0.as_str(), &reply, false));
                }
            }
        }
        slack.enqueue(calls).await?;
    }
    Ok(())
}

async fn view_submission(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    user: &str,
    raw: &Value,
) -> anyhow::Result<()> {
    let callback = raw
        .pointer("/view/callback_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let state = raw
        .pointer("/view/state/values")
        .cloned()
        .unwrap_or(Value::Null);
    let l = locale_of(slack, bot, team, user).await;
    let command = match callback {
        KUDOS_MODAL => match views::parse_kudos_submission(&state) {
            Ok(s) => views::kudos_command_text(&s),
            Err(e) => {
                return dm_text(slack, team, user, &form_error_text(bot, l, e.block_id())).await;
            }
        },
        COMMENT_MODAL => match views::parse_comment_submission(&state) {
            Ok(text) => views::comment_command_text(&text),
            Err(e) => {
                return dm_text(slack, team, user, &form_error_text(bot, l, e.block_id())).await;
            }
        },
        _ => return Ok(()),
    };
    let reply = bot
        .handle(invocation(team, user, Input::Command(command)))
        .await;
    let channel = raw
        .pointer("/view/private_metadata")
        .and_then(Value::as_str)
        .and_then(views::kudos_modal_channel)
        .filter(|c| c.starts_with('C') || c.starts_with('G'));
    let call = match channel {
        Some(ch) => NewOutbound {
            team_id: team.to_string(),
            method: "chat.postEphemeral".to_string(),
            payload: json!({
                "channel": ch, "user": user,
                "text": render::fallback_text(&reply),
                "blocks": render::render_blocks(&reply),
            })
            .to_string(),
        },
        None => SlackPlatform::post_calls(team, user, &reply).remove(0),
    };
    slack.enqueue(vec![call]).await?;
    Ok(())
}

async fn dm_text(slack: &SlackPlatform, team: &str, user: &str, text: &str) -> anyhow::Result<()> {
    let message = Message::ephemeral_text(crate::core::message::RichText::text(text));
    slack
        .enqueue(SlackPlatform::post_calls(team, user, &message))
        .await?;
    Ok(())
}

fn form_error_text(bot: &Bot, l: Locale, block_id: &str) -> String {
    let key = match block_id {
        "kudos_people" => "slack-form-no-people",
        "kudos_message" => "slack-form-no-message",
        _ => "slack-form-no-comment",
    };
    bot.i18n().tr(l, key, &[])
}

/// The errors to show inside a submitted modal, by block id, in the person's language;
/// `None` when the submission is fine (or is not one of ours).
pub async fn modal_errors(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    raw: &Value,
) -> Option<Map<String, Value>> {
    if raw.get("type").and_then(Value::as_str) != Some("view_submission") {
        return None;
    }
    let callback = raw.pointer("/view/callback_id").and_then(Value::as_str)?;
    let state = raw
        .pointer("/view/state/values")
        .cloned()
        .unwrap_or(Value::Null);
    let block = match callback {
        KUDOS_MODAL => views::parse_kudos_submission(&state)
            .err()?
            .block_id()
            .to_string(),
        COMMENT_MODAL => views::parse_comment_submission(&state)
            .err()?
            .block_id()
            .to_string(),
        _ => return None,
    };
    let user = raw
        .pointer("/user/id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let l = locale_of(slack, bot, team, user).await;
    let text = form_error_text(bot, l, &block);
    let mut errors = Map::new();
    errors.insert(block, Value::String(text));
    Some(errors)
}

fn comment_labels(bot: &Bot, l: Locale) -> views::CommentModalLabels {
    let t = |k: &str| bot.i18n().tr(l, k, &[]);
    views::CommentModalLabels {
        title: t("slack-comment-modal-title"),
        label: t("slack-comment-modal-label"),
        placeholder: String::new(),
        hint: t("slack-comment-modal-hint"),
        submit: t("slack-modal-submit"),
        close: t("slack-modal-cancel"),
    }
}

#[allow(clippy::too_many_arguments)]
async fn open_kudos_modal(
    slack: &SlackPlatform,
    bot: &Bot,
    team: &str,
    user: &str,
    trigger: &SlackTriggerId,
    people: &[String],
    message: &str,
    channel: Option<&str>,
) -> anyhow::Result<bool> {
    let l = locale_of(slack, bot, team, user).await;
    let t = |k: &str| bot.i18n().tr(l, k, &[]);
    let config = bot.config();
    let labels = views::KudosModalLabels {
        title: t("slack-kudos-modal-title"),
        people_label: t("slack-kudos-modal-people"),
        people_placeholder: String::new(),
        message_label: t("slack-kudos-modal-message"),
        message_placeholder: bot.i18n().tr(
            l,
            "slack-kudos-modal-message-hint",
            &[
                ("min", config.kudos.min_message_chars.into()),
                ("channel", config.settings.kudos.channel.clone().into()),
            ],
        ),
        value_label: t("slack-kudos-modal-value"),
        value_placeholder: t("slack-kudos-modal-value-placeholder"),
        submit: t("slack-modal-submit"),
        close: t("slack-modal-cancel"),
    };
    let prefill = views::KudosPrefill {
        people: people.to_vec(),
        message: (!message.is_empty()).then(|| message.to_string()),
        channel: channel.filter(|c| !c.is_empty()).map(str::to_string),
    };
    let view = views::kudos_modal(&labels, &config.kudos.values, &prefill);
    open_view(slack, team, trigger, &view).await
}

/// Opens a modal at once (a trigger expires in seconds, so this never waits in the queue).
/// Returns whether Slack opened it.
async fn open_view(
    slack: &SlackPlatform,
    team: &str,
    trigger: &SlackTriggerId,
    view: &SlackView,
) -> anyhow::Result<bool> {
    let token = slack.token_for(team).await?;
    let session = slack.client().open_session(&token.token);
    let payload = json!({ "trigger_id": trigger.to_string(), "view": view });
    match super::outbox::call(&session, "views.open", &payload).await {
        Ok(_) => Ok(true),
        Err(e) => {
            tracing::warn!(error = ?e, "a modal could not be opened");
            Ok(false)
        }
    }
}
