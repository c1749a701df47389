//! An interaction answered: the bot asked, and its answer turned into the interaction response
//! Discord shows (plus REST calls for what does not fit in one).
//!
//! | interaction | bot answers | response |
//! |---|---|---|
//! | any | a reply | type 4, ephemeral unless public; text over 2,000 characters continues in follow-ups |
//! | a press | the pressed message updated | type 7: the button marked, the reply as a line under it |
//! | a command or a press | a form | type 9, a modal |
//! | any | a message with a file (the chart) | type 5 (or 6 for a press), then the message with its file as an edit or follow-up |
//! | a press | nothing | type 6 |

use serde_json::{Value, json};

use super::super::calls::{self, Call, StoredFile, Target};
use super::super::commands;
use super::super::interaction::{Interaction, InteractionKind};
use super::super::render::{self, EPHEMERAL};
use super::super::{DiscordPlatform, call};
use super::{Scope, people};
use crate::core::form::{FieldInput, Form};
use crate::core::invocation::{Capabilities, Input};
use crate::core::message::{Message, RichText};
use crate::core::outbound::Answer;
use crate::i18n::I18n;
use crate::store::NewOutbound;

/// The interaction response, and the calls that go with it (the rest of a long reply, a file).
pub(super) type Response = (Value, Vec<NewOutbound>);

fn only(value: Value) -> Response {
    (value, Vec::new())
}

/// Asks the bot and returns the interaction response with the calls that go with it.
pub(super) async fn respond(
    scope: &Scope<'_>,
    interaction: &Interaction,
) -> anyhow::Result<Response> {
    let actor = interaction.user.id.as_str();
    let request = Some(interaction.id.as_str());
    let (input, capabilities, choice) = match &interaction.kind {
        InteractionKind::Command(data) => {
            let (input, choice) = commands::input(data);
            let capabilities = Capabilities {
                update_clicked: false,
                forms: true,
                home: false,
            };
            (input, capabilities, choice)
        }
        InteractionKind::Component(data) => {
            let action = data
                .values
                .first()
                .cloned()
                .unwrap_or_else(|| data.custom_id.clone());
            let capabilities = Capabilities {
                update_clicked: interaction.message.is_some(),
                forms: true,
                home: false,
            };
            (Input::Click { action }, capabilities, None)
        }
        InteractionKind::ModalSubmit(data) => {
            let Some(read) = render::read_modal(&data.custom_id, &data.fields) else {
                return Ok(only(json!({"type": 6})));
            };
            let mut submission = read.submission;
            if let Some((field, typed)) = read.people_typed {
                match people::resolve(scope, &typed).await? {
                    Ok(ids) => {
                        submission
                            .values
                            .insert(field, crate::core::form::FieldValue::People(ids));
                    }
                    Err(unknown) => {
                        let l = scope.locale_of(actor, interaction.locale.as_deref()).await;
                        let text = scope.bot.i18n().tr(
                            l,
                            "discord-unknown-people",
                            &[("names", unknown.join(", ").into())],
                        );
                        return Ok(reply(
                            scope,
                            interaction,
                            &Message::ephemeral_text(RichText::text(text)),
                        ));
                    }
                }
            }
            if let Err(missing) = submission.check() {
                let l = scope.locale_of(actor, interaction.locale.as_deref()).await;
                let text = scope.bot.missing_field_text(l, &missing.field);
                return Ok(reply(
                    scope,
                    interaction,
                    &Message::ephemeral_text(RichText::text(text)),
                ));
            }
            // A modal cannot open another modal.
            (Input::Submit(submission), Capabilities::NONE, None)
        }
        InteractionKind::Ping => return Ok(only(json!({"type": 1}))),
        InteractionKind::Autocomplete => {
            return Ok(only(json!({"type": 8, "data": {"choices": []}})));
        }
        InteractionKind::Other(_) => return Ok(only(json!({"type": 6}))),
    };
    let invocation = scope.invocation(actor, input, request, capabilities);
    let answer = scope.answer(invocation).await?;
    Ok(match answer {
        Answer::Nothing => match interaction.kind {
            InteractionKind::Component(_) => only(json!({"type": 6})),
            _ => {
                let l = scope.locale_of(actor, interaction.locale.as_deref()).await;
                let text = scope.bot.i18n().tr(l, "console-form-cancelled", &[]);
                reply(
                    scope,
                    interaction,
                    &Message::ephemeral_text(RichText::text(text)),
                )
            }
        },
        Answer::UpdateClicked(message) => match (&interaction.kind, &interaction.message) {
            (InteractionKind::Component(data), Some(source)) => {
                let pressed = data.values.first().unwrap_or(&data.custom_id);
                let data = render::mark_clicked(
                    &source.content,
                    &source.components,
                    pressed,
                    &message.plain_text(),
                );
                only(json!({"type": 7, "data": data}))
            }
            _ => reply(scope, interaction, &message),
        },
        Answer::Reply(message) | Answer::Home(message) => reply(scope, interaction, &message),
        Answer::Form(mut form) => {
            preset_choice(&mut form, choice);
            only(render::modal(&form))
        }
    })
}

/// The value chosen in `/kudos` before its form opened, filled in.
fn preset_choice(form: &mut Form, choice: Option<String>) {
    let Some(choice) = choice else { return };
    for field in &mut form.fields {
        if let FieldInput::Choice { options, initial } = &mut field.input
            && options.iter().any(|(v, _)| v.eq_ignore_ascii_case(&choice))
        {
            *initial = Some(choice.to_lowercase());
        }
    }
}

fn target(interaction: &Interaction) -> Target {
    Target::Interaction {
        interaction_id: interaction.id.clone(),
        application_id: interaction.application_id.clone(),
        token: interaction.token.clone(),
    }
}

/// A reply as the response; pieces past the first, and files, go out as calls with it.
fn reply(scope: &Scope<'_>, interaction: &Interaction, message: &Message) -> Response {
    let rendered = render::render(message);
    let mut pieces = render::payloads(&rendered).into_iter();
    let Some((first, files)) = pieces.next() else {
        return only(json!({"type": 6}));
    };
    let mut later: Vec<NewOutbound> = Vec::new();
    let to = target(interaction);
    let response = if files.is_empty() {
        json!({"type": 4, "data": first})
    } else {
        // A file cannot travel in an HTTP response: defer, then send it.
        let press = matches!(interaction.kind, InteractionKind::Component(_));
        let method = if press {
            calls::FOLLOW_UP
        } else {
            calls::EDIT_ORIGINAL
        };
        later.push(urgent(call(
            &scope.org_key,
            method,
            &Call {
                target: to.clone(),
                payload: first,
                files: files.iter().map(StoredFile::keep).collect(),
            },
            scope.now(),
        )));
        if press {
            json!({"type": 6})
        } else {
            let flags = if rendered.ephemeral { EPHEMERAL } else { 0 };
            json!({"type": 5, "data": {"flags": flags}})
        }
    };
    for (payload, files) in pieces {
        later.push(urgent(call(
            &scope.org_key,
            calls::FOLLOW_UP,
            &Call {
                target: to.clone(),
                payload,
                files: files.iter().map(StoredFile::keep).collect(),
            },
            scope.now(),
        )));
    }
    (response, later)
}

fn urgent(mut call: NewOutbound) -> NewOutbound {
    call.urgent = true;
    call
}

/// The calls that deliver `response` when the edge had already answered Discord with
/// [`super::holding_response`] (a deferral): the answer becomes an edit of the deferred
/// message (or of the pressed one), or a follow-up after a press.
pub(super) fn later_calls(
    scope: &Scope<'_>,
    interaction: &Interaction,
    response: &Value,
) -> Vec<NewOutbound> {
    later_calls_for(
        scope.discord,
        scope.bot.i18n(),
        &scope.org_key,
        interaction,
        response,
    )
}

/// [`later_calls`] outside a unit of work (the edge finishing an answer that missed the
/// window).
pub(super) fn later_calls_for(
    discord: &DiscordPlatform,
    i18n: &I18n,
    guild: &str,
    interaction: &Interaction,
    response: &Value,
) -> Vec<NewOutbound> {
    let to = target(interaction);
    let one = |method: &str, payload: Value| {
        vec![urgent(call(
            guild,
            method,
            &Call {
                target: to.clone(),
                payload,
                files: Vec::new(),
            },
            discord.now(),
        ))]
    };
    let press = matches!(interaction.kind, InteractionKind::Component(_));
    match response.get("type").and_then(Value::as_u64) {
        // A reply: after a press's silent deferral it is a new message, else the deferred one.
        Some(4) if press => one(calls::FOLLOW_UP, response["data"].clone()),
        Some(4) | Some(7) => one(calls::EDIT_ORIGINAL, response["data"].clone()),
        Some(9) => {
            let text = i18n.tr(discord.org_locale(), "discord-form-too-late", &[]);
            one(
                calls::EDIT_ORIGINAL,
                json!({
                    "content": render::escape(&text),
                    "allowed_mentions": render::allowed_mentions(&[]),
                }),
            )
        }
        _ => Vec::new(),
    }
}
