//! Buttons, modal submissions and the message shortcut.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::answer::{self, Pressed, ReplyTo};
use super::{KUDOS_SHORTCUT, Scope, events::publish_home};
use crate::bot::Bot;
use crate::core::invocation::{Capabilities, Input};
use crate::core::outbound::Answer;
use crate::platform::slack::wire::{
    BlockActions, Container, Interaction, MessageShortcut, Request, ViewSubmission,
};
use crate::platform::slack::{SlackPlatform, render, views};

pub(super) async fn interaction(scope: &Scope<'_>, i: Interaction) -> anyhow::Result<()> {
    match i {
        Interaction::BlockActions(b) => block_actions(scope, &b).await,
        Interaction::ViewSubmission(v) => view_submission(scope, &v).await,
        Interaction::MessageShortcut(m) if m.callback_id == KUDOS_SHORTCUT => {
            kudos_shortcut(scope, &m).await
        }
        _ => Ok(()),
    }
}

/// "Give kudos" on a message: the kudos form with the message's author and its text, made
/// readable (mentions become names, never raw `<@U…>` tokens).
async fn kudos_shortcut(scope: &Scope<'_>, m: &MessageShortcut) -> anyhow::Result<()> {
    let people: Vec<String> = m
        .message
        .user
        .iter()
        .filter(|author| **author != m.user_id)
        .cloned()
        .collect();
    let mut names: HashMap<String, String> = HashMap::new();
    for id in mentioned_users(&m.message.text) {
        if let Some(p) = scope.person(&id).await? {
            names.insert(id, p.display_name);
        }
    }
    let quoted: String = render::readable_quote(&m.message.text, |id| names.get(id).cloned())
        .chars()
        .take(500)
        .collect();
    let capabilities = Capabilities {
        forms: scope.fresh && m.trigger_id.is_some(),
        ..Capabilities::NONE
    };
    let invocation = |capabilities| {
        scope.invocation(
            &m.user_id,
            Input::KudosForm {
                people: people.clone(),
                message: (!quoted.trim().is_empty()).then(|| quoted.clone()),
            },
            m.trigger_id
                .as_ref()
                .map(|t| format!("trigger:{t}"))
                .as_deref(),
            capabilities,
        )
    };
    let (answer, fallback) = scope.answer_with_fallback(invocation, capabilities).await?;
    let to = ReplyTo {
        user: m.user_id.clone(),
        response_url: m.response_url.clone(),
        channel: m.channel_id.clone(),
        trigger_id: m.trigger_id.clone(),
        pressed: None,
    };
    scope
        .queue(answer::calls(scope, &answer, &to, fallback.as_ref()))
        .await
}

/// The user ids mentioned in Slack text (`<@U1>`, `<@U1|ana>`).
fn mentioned_users(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<@") {
        let after = &rest[start..];
        match after.find('>') {
            Some(end) => {
                if let Some(id) = render::parse_user_mention(&after[..=end])
                    && !out.contains(&id)
                {
                    out.push(id);
                }
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

async fn block_actions(scope: &Scope<'_>, b: &BlockActions) -> anyhow::Result<()> {
    for action in &b.actions {
        let pressed_action = action
            .selected_option
            .clone()
            .unwrap_or_else(|| action.action_id.clone());
        let pressed = match (&b.container, &b.message) {
            (
                Container::Message {
                    channel_id: Some(channel),
                    ts,
                    is_ephemeral: false,
                },
                Some(message),
            ) => message.blocks.clone().map(|blocks| Pressed {
                channel: channel.clone(),
                ts: ts.clone(),
                text: message.text.clone(),
                blocks,
                action_id: action.action_id.clone(),
            }),
            _ => None,
        };
        let on_home = matches!(b.container, Container::View { .. });
        let capabilities = Capabilities {
            update_clicked: pressed.is_some(),
            forms: scope.fresh && b.trigger_id.is_some(),
            home: true,
        };
        let invocation = |capabilities| {
            scope.invocation(
                &b.user_id,
                Input::Click {
                    action: pressed_action.clone(),
                },
                b.trigger_id
                    .as_ref()
                    .map(|t| format!("trigger:{t}"))
                    .as_deref(),
                capabilities,
            )
        };
        let (answer, fallback) = scope.answer_with_fallback(invocation, capabilities).await?;
        let to = ReplyTo {
            user: b.user_id.clone(),
            response_url: b.response_url.clone(),
            channel: None,
            trigger_id: b.trigger_id.clone(),
            pressed,
        };
        if on_home && !matches!(answer, Answer::Form(_)) {
            // A press on the home page: show the page again, now reflecting it.
            publish_home(scope, &b.user_id).await?;
            continue;
        }
        scope
            .queue(answer::calls(scope, &answer, &to, fallback.as_ref()))
            .await?;
    }
    Ok(())
}

async fn view_submission(scope: &Scope<'_>, v: &ViewSubmission) -> anyhow::Result<()> {
    let Some(submission) = views::submission(
        &v.view.callback_id,
        &v.view.state_values,
        v.view.private_metadata.as_deref(),
    ) else {
        return Ok(());
    };
    let channel = submission.context.clone();
    let answer = scope
        .answer(scope.invocation(
            &v.user_id,
            Input::Submit(submission),
            Some(format!("view:{}", v.view.id)).as_deref(),
            Capabilities::NONE,
        ))
        .await?;
    let to = ReplyTo {
        user: v.user_id.clone(),
        channel,
        ..ReplyTo::default()
    };
    scope.queue(answer::calls(scope, &answer, &to, None)).await
}

/// The errors to show inside a submitted modal, by block id, in the person's language;
/// `None` when the submission is fine (or is not one of ours). Slack keeps the modal open
/// with them, so this runs at the edge, before the request is stored.
pub async fn modal_errors(
    slack: &SlackPlatform,
    bot: &Bot,
    request: &Request,
) -> Option<Map<String, Value>> {
    let Request::Interaction(Interaction::ViewSubmission(v)) = request else {
        return None;
    };
    let submission = views::submission(
        &v.view.callback_id,
        &v.view.state_values,
        v.view.private_metadata.as_deref(),
    )?;
    let missing = submission.check().err()?;
    let team = request.org_key()?;
    let l = match super::person(slack.store(), &team, &v.user_id).await {
        Ok(Some(p)) => p.locale,
        _ => slack.org_locale(),
    };
    let mut errors = Map::new();
    errors.insert(
        missing.field.clone(),
        Value::String(bot.missing_field_text(l, &missing.field)),
    );
    Some(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_in_a_quoted_message_are_found_once_each() {
        assert_eq!(
            mentioned_users("<@U1> and <@U2|ben> thanked <@U1>; <!here> <#C1|x>"),
            vec!["U1", "U2"]
        );
        assert!(mentioned_users("no one <@").is_empty());
    }
}
