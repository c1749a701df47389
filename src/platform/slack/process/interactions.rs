//! Buttons, modal submissions and the message shortcut.

use serde_json::{Value, json};
use slack_morphism::prelude::*;

use crate::core::kudos::KudosRequest;

use super::modals::{comment_labels, form_error_text, open_kudos_modal, open_view};
use super::*;

pub(super) async fn interaction(
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

pub(super) async fn block_actions(
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
            .handle(invocation(
                &team,
                &user,
                Input::Click { action: pressed },
                Some(format!("trigger:{}", b.trigger_id)),
            ))
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

pub(super) async fn view_submission(
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
    let input = match callback {
        // The form's fields go to the bot as they are: a message starting with a mention or
        // ending in "#1234" is still just the message.
        KUDOS_MODAL => match views::parse_kudos_submission(&state) {
            Ok(s) => Input::Kudos(KudosRequest {
                recipients: s.people,
                message: s.message,
                values: s.value.into_iter().collect(),
            }),
            Err(e) => {
                return dm_text(slack, team, user, &form_error_text(bot, l, e.block_id())).await;
            }
        },
        COMMENT_MODAL => match views::parse_comment_submission(&state) {
            Ok(text) => Input::Command(views::comment_command_text(&text)),
            Err(e) => {
                return dm_text(slack, team, user, &form_error_text(bot, l, e.block_id())).await;
            }
        },
        _ => return Ok(()),
    };
    let view_id = raw
        .pointer("/view/id")
        .and_then(Value::as_str)
        .map(|id| format!("view:{id}"));
    let reply = bot.handle(invocation(team, user, input, view_id)).await;
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

pub(super) async fn dm_text(
    slack: &SlackPlatform,
    team: &str,
    user: &str,
    text: &str,
) -> anyhow::Result<()> {
    let message = Message::ephemeral_text(crate::core::message::RichText::text(text));
    slack
        .enqueue(SlackPlatform::post_calls(team, user, &message))
        .await?;
    Ok(())
}
