//! Presses on the bot's cards (`Action.Execute`): a button, a form's submit or cancel.
//!
//! Teams waits for the answer in the HTTP response and shows the card it gets back in place of
//! the pressed one, so every press is answered with a card: the pressed card with the press
//! marked and the bot's answer beneath, a form with what to fix, or the form replaced by its
//! outcome. Anything else the bot says goes out as messages.

use serde_json::{Value, json};

use super::super::activity::Activity;
use super::super::calls::{UPDATE, Update};
use super::super::references::TeamsReferences;
use super::super::{call, render};
use super::Scope;
use super::answer::{self, ReplyTo};
use crate::bot::Bot;
use crate::core::form::{FieldInput, FieldValue, Form, FormKind, Submission};
use crate::core::invocation::{Capabilities, Input};
use crate::core::locale::Locale;
use crate::core::message::{Block, Message, RichText};
use crate::core::outbound::Answer;

/// Answers a press; the result is the invoke response Teams shows.
pub(super) async fn press(scope: &Scope<'_>, activity: &Activity) -> anyhow::Result<Value> {
    let Some(action) = activity.invoke_action() else {
        return Ok(render::invoke_response_error("not an Action.Execute"));
    };
    let Some(actor) = activity.from.aad_object_id.clone() else {
        return Ok(render::invoke_response_error("no Entra id for the person"));
    };
    let to = ReplyTo::of(activity);
    let pressed = pressed_card(scope, activity).await?;
    let l = scope.locale_of(Some(&actor)).await;
    let response = match verb(&action.verb, &action.data) {
        render::CLICK_VERB => {
            let Some(button) = render::clicked_action(&action.data) else {
                return Ok(render::invoke_response_error("a press without its action"));
            };
            click(scope, activity, &actor, &button, pressed, &to).await?
        }
        render::SUBMIT_VERB => {
            let Some(submission) = render::read_submission(&action.data) else {
                return Ok(render::invoke_response_error("an unreadable form"));
            };
            if let Err(missing) = submission.check() {
                let form = refilled(&scope.bot, l, &submission);
                let text = scope.bot.missing_field_text(l, &missing.field);
                render::form_card(&form, Some((&missing.field, &text)))
            } else {
                let invocation = scope.invocation(
                    &actor,
                    Input::Submit(submission),
                    activity.id.as_deref(),
                    Capabilities::NONE,
                );
                match scope.answer(invocation).await? {
                    Answer::Reply(m) | Answer::UpdateClicked(m) | Answer::Home(m) => {
                        render::card(&super::super::images::fit(&m))
                    }
                    Answer::Form(form) => render::form_card(&form, None),
                    Answer::Nothing => cancelled_card(scope, l),
                }
            }
        }
        render::CANCEL_VERB => cancelled_card(scope, l),
        other => {
            return Ok(render::invoke_response_error(&format!(
                "unknown verb {other}"
            )));
        }
    };
    keep(scope, activity, &response).await?;
    Ok(render::invoke_response_card(response))
}

/// A press processed by the inbox worker after the edge gave Teams a holding answer: the same
/// work, and the card refreshed with a Connector update.
pub(super) async fn press_later(scope: &Scope<'_>, activity: &Activity) -> anyhow::Result<()> {
    let response = press(scope, activity).await?;
    let (Some(card), Some(activity_id)) = (
        response.get("value").filter(|_| {
            response.get("type").and_then(Value::as_str) == Some(render::CARD_CONTENT_TYPE)
        }),
        activity.reply_to_id.as_ref(),
    ) else {
        return Ok(());
    };
    let update = Update {
        service_url: activity.service_url.clone(),
        conversation_id: activity.conversation_id().to_string(),
        activity_id: activity_id.clone(),
        activity: json!({
            "type": "message",
            "attachments": [{ "contentType": render::CARD_CONTENT_TYPE, "content": card }],
        }),
    };
    let mut update = call(&scope.org_key, UPDATE, &update, scope.now());
    update.urgent = true;
    scope.queue(vec![update]).await
}

/// What a press asks: its verb, or, when a client leaves the verb out (recorded Teams invokes
/// do), what its data says: a form's submit carries the form, a button its action.
fn verb<'a>(verb: &'a str, data: &Value) -> &'a str {
    match verb {
        "" if data.get("form").is_some() => render::SUBMIT_VERB,
        "" if data.get("action").is_some() => render::CLICK_VERB,
        verb => verb,
    }
}

async fn click(
    scope: &Scope<'_>,
    activity: &Activity,
    actor: &str,
    button: &str,
    pressed: Option<Value>,
    to: &ReplyTo,
) -> anyhow::Result<Value> {
    let capabilities = Capabilities {
        update_clicked: pressed.is_some(),
        forms: true,
        home: false,
    };
    let invocation = scope.invocation(
        actor,
        Input::Click {
            action: button.to_string(),
        },
        activity.id.as_deref(),
        capabilities,
    );
    let answer = scope.answer(invocation).await?;
    let unchanged = |pressed: Option<Value>| pressed.unwrap_or_else(|| json!({}));
    Ok(match (&answer, pressed) {
        (Answer::UpdateClicked(m), Some(card)) => {
            render::mark_clicked(&card, button, &m.plain_text())
        }
        (Answer::Nothing, pressed) => unchanged(pressed),
        (_, pressed) => {
            scope.queue(answer::calls(scope, &answer, to)).await?;
            unchanged(pressed)
        }
    })
}

/// The card the press was on, as the bot last showed it.
async fn pressed_card(scope: &Scope<'_>, activity: &Activity) -> anyhow::Result<Option<Value>> {
    let Some(id) = &activity.reply_to_id else {
        return Ok(None);
    };
    let kept = scope
        .unit
        .teams_card(activity.conversation_id(), id)
        .await?;
    Ok(kept.and_then(|card| serde_json::from_str(&card).ok()))
}

/// Keeps the card now shown in place of the pressed one, for the next press on it.
async fn keep(scope: &Scope<'_>, activity: &Activity, card: &Value) -> anyhow::Result<()> {
    let Some(id) = &activity.reply_to_id else {
        return Ok(());
    };
    if card.as_object().is_none_or(|o| o.is_empty()) {
        return Ok(());
    }
    scope
        .unit
        .save_teams_card(
            activity.conversation_id(),
            id,
            &card.to_string(),
            scope.now(),
        )
        .await?;
    Ok(())
}

/// The form a submission came from, filled in with what was submitted, to show again with
/// what to fix.
fn refilled(bot: &Bot, l: Locale, submission: &Submission) -> Form {
    let mut form = match submission.kind {
        FormKind::Kudos => bot.kudos_form(l, Vec::new(), None),
        FormKind::PulseComment => bot.comment_form(l),
    };
    form.context = submission.context.clone();
    for field in &mut form.fields {
        let Some(value) = submission.values.get(&field.id) else {
            continue;
        };
        match (&mut field.input, value) {
            (FieldInput::People { initial }, FieldValue::People(people)) => {
                *initial = people.clone();
            }
            (FieldInput::Text { initial, .. }, FieldValue::Text(text)) => {
                *initial = Some(text.clone());
            }
            (FieldInput::Choice { initial, .. }, FieldValue::Choice(choice)) => {
                *initial = Some(choice.clone());
            }
            _ => {}
        }
    }
    form
}

/// What a cancelled form turns into.
fn cancelled_card(scope: &Scope<'_>, l: Locale) -> Value {
    let text = scope.bot.i18n().tr(l, "console-form-cancelled", &[]);
    render::card(&Message::public(vec![Block::Context(RichText::text(text))]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_press_without_a_verb_is_read_from_its_data() {
        assert_eq!(
            verb("", &json!({"form": "kudos-form"})),
            render::SUBMIT_VERB
        );
        assert_eq!(
            verb("", &json!({"action": "narrative-ack:3"})),
            render::CLICK_VERB
        );
        assert_eq!(
            verb(render::CANCEL_VERB, &json!({"form": "x"})),
            render::CANCEL_VERB
        );
        assert_eq!(verb("", &json!({})), "");
    }
}
