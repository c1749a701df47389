//! Showing the bot's answer where the person asked, as Slack calls queued in the outbox.
//!
//! | answer | where it goes |
//! |---|---|
//! | reply | the `response_url` (ephemeral unless public), else an ephemeral message in the channel, else a DM |
//! | update of the pressed message | `chat.update` with the pressed button marked and the answer beneath |
//! | form | `views.open` with the trigger id (sent before bulk messages), with a fallback reply |
//! | home page | `views.publish` |

use serde_json::{Value, json};

use super::Scope;
use crate::core::message::{Message, Visibility};
use crate::core::outbound::Answer;
use crate::platform::slack::{call, methods, post_calls, render, upload_call, views};
use crate::store::NewOutbound;

/// Where the answer to one request is shown.
#[derive(Debug, Clone, Default)]
pub struct ReplyTo {
    /// The person who asked.
    pub user: String,
    /// The command's or action's `response_url`.
    pub response_url: Option<String>,
    /// The channel to answer in with an ephemeral message when there is no `response_url`.
    pub channel: Option<String>,
    /// For opening a modal.
    pub trigger_id: Option<String>,
    /// The message whose button was pressed, to update in place.
    pub pressed: Option<Pressed>,
}

/// A pressed message as Slack sent it back.
#[derive(Debug, Clone)]
pub struct Pressed {
    /// Its conversation.
    pub channel: String,
    /// Its timestamp.
    pub ts: String,
    /// Its fallback text.
    pub text: String,
    /// Its blocks, as sent back.
    pub blocks: Value,
    /// The pressed element's action id.
    pub action_id: String,
}

/// The calls that show `answer`; `fallback` is what to post instead of a form whose trigger
/// has expired by the time the outbox opens it.
pub(super) fn calls(
    scope: &Scope<'_>,
    answer: &Answer,
    to: &ReplyTo,
    fallback: Option<&Message>,
) -> Vec<NewOutbound> {
    let team = scope.org_key.as_str();
    let at = scope.now();
    match answer {
        Answer::Nothing => Vec::new(),
        Answer::Reply(message) => reply_calls(scope, message, to),
        Answer::UpdateClicked(message) => match update_call(scope, message, to) {
            Some(update) => vec![update],
            // A message we cannot read back is left as it is; the answer goes beside it.
            None => reply_calls(scope, message, to),
        },
        Answer::Home(page) => vec![call(
            team,
            "views.publish",
            json!({ "user_id": to.user, "view": views::home_view(page) }),
            at,
        )],
        Answer::Form(form) => {
            let Some(trigger) = &to.trigger_id else {
                return fallback
                    .map(|m| reply_calls(scope, m, to))
                    .unwrap_or_default();
            };
            let channel = to
                .channel
                .as_deref()
                .filter(|c| c.starts_with('C') || c.starts_with('G'));
            let fallback = fallback.map(|m| {
                let calls = reply_calls(scope, m, to);
                // The first call is the reply itself (uploads, if any, follow; a usage text has
                // none). A response_url reply is posted as such; others as a Web API call.
                calls
                    .into_iter()
                    .next()
                    .map(|c| {
                        let body: Value = serde_json::from_str(&c.payload).unwrap_or(Value::Null);
                        if c.method == methods::RESPONSE_URL {
                            body
                        } else {
                            json!({ "method": c.method, "body": body })
                        }
                    })
                    .unwrap_or(Value::Null)
            });
            let mut open = call(
                team,
                methods::OPEN_FORM,
                json!({
                    "trigger_id": trigger,
                    "view": views::form_view(form, channel),
                    "fallback": fallback,
                }),
                at,
            );
            open.urgent = true;
            vec![open]
        }
    }
}

/// A reply where the person asked: the response_url, an ephemeral message in the channel, or a
/// DM; images go to their DM.
pub(super) fn reply_calls(scope: &Scope<'_>, reply: &Message, to: &ReplyTo) -> Vec<NewOutbound> {
    let team = scope.org_key.as_str();
    let at = scope.now();
    let mut calls = Vec::new();
    if let Some(url) = &to.response_url {
        let response_type = match reply.visibility {
            Visibility::Public => "in_channel",
            Visibility::Ephemeral => "ephemeral",
        };
        let mut reply_call = call(
            team,
            methods::RESPONSE_URL,
            json!({
                "url": url,
                "body": {
                    "response_type": response_type,
                    "replace_original": false,
                    "text": render::fallback_text(reply),
                    "blocks": render::render_blocks(reply),
                }
            }),
            at,
        );
        reply_call.urgent = true;
        calls.push(reply_call);
        for image in render::images(reply) {
            calls.push(upload_call(team, &to.user, image, at));
        }
        return calls;
    }
    match to
        .channel
        .as_deref()
        .filter(|c| c.starts_with('C') || c.starts_with('G'))
    {
        Some(channel) => {
            let mut ephemeral = call(
                team,
                "chat.postEphemeral",
                json!({
                    "channel": channel, "user": to.user,
                    "text": render::fallback_text(reply),
                    "blocks": render::render_blocks(reply),
                }),
                at,
            );
            ephemeral.urgent = true;
            calls.push(ephemeral);
            for image in render::images(reply) {
                calls.push(upload_call(team, &to.user, image, at));
            }
        }
        None => {
            calls = post_calls(team, &to.user, reply, at);
            if let Some(first) = calls.first_mut() {
                first.urgent = true;
            }
        }
    }
    calls
}

/// `chat.update` of the pressed message: the pressed button marked, the answer beneath.
fn update_call(scope: &Scope<'_>, reply: &Message, to: &ReplyTo) -> Option<NewOutbound> {
    let pressed = to.pressed.as_ref()?;
    let original = render::blocks_from_json(&pressed.blocks)?;
    let blocks = render::mark_clicked(original, &pressed.action_id, &reply.plain_text());
    let mut update = call(
        &scope.org_key,
        "chat.update",
        json!({ "channel": pressed.channel, "ts": pressed.ts, "text": pressed.text, "blocks": blocks }),
        scope.now(),
    );
    update.urgent = true;
    Some(update)
}
