//! Forms the bot opens (the kudos form, the pulse comment form) and what their submissions do.
//!
//! A platform that can show forms gets one; any other gets the command's usage instead, so the
//! same button or command works everywhere. A submission is checked by the core
//! ([`Submission::check`]) and then goes down the same road as the typed command, with the same
//! rules and the same refusals.

use crate::bot::{Bot, Ctx};
use crate::core::form::{
    FieldInput, Form, FormField, FormKind, KUDOS_MESSAGE, KUDOS_PEOPLE, KUDOS_VALUE, PULSE_COMMENT,
    Submission,
};
use crate::core::kudos::KudosRequest;
use crate::core::locale::Locale;
use crate::core::message::{Message, RichText};
use crate::core::outbound::Answer;

/// The longest kudos message a form accepts (Slack's cap on a text input); Discord's `/kudos`
/// message option takes the same.
pub const KUDOS_MESSAGE_MAX_CHARS: usize = 3000;
/// The longest comment a form accepts.
const COMMENT_MAX_CHARS: usize = 3000;

impl Bot {
    /// The kudos form, started with `people` and `message`, where the platform can show one
    /// now; otherwise how to give kudos with the command.
    pub(in crate::bot) async fn kudos_form_or_usage(
        &self,
        ctx: &Ctx,
        people: Vec<String>,
        message: Option<String>,
    ) -> anyhow::Result<Answer> {
        if !ctx.capabilities.forms {
            return Ok(Answer::Reply(self.kudos_usage(ctx).await?));
        }
        Ok(Answer::Form(self.kudos_form(
            ctx.actor.locale,
            people,
            message,
        )))
    }

    /// The kudos form in `l`.
    pub fn kudos_form(&self, l: Locale, people: Vec<String>, message: Option<String>) -> Form {
        let t = |k: &str| self.t(l, k, &[]);
        let config = self.config();
        let mut fields = vec![
            FormField {
                id: KUDOS_PEOPLE.into(),
                label: t("form-kudos-people"),
                hint: None,
                required: true,
                input: FieldInput::People { initial: people },
            },
            FormField {
                id: KUDOS_MESSAGE.into(),
                label: t("form-kudos-message"),
                hint: Some(self.t(
                    l,
                    "form-kudos-message-hint",
                    &[
                        ("min", config.kudos.min_message_chars.into()),
                        ("channel", config.settings.kudos.channel.clone().into()),
                    ],
                )),
                required: true,
                input: FieldInput::Text {
                    multiline: true,
                    initial: message
                        .filter(|m| !m.trim().is_empty())
                        .map(|m| m.chars().take(KUDOS_MESSAGE_MAX_CHARS).collect()),
                    max_chars: KUDOS_MESSAGE_MAX_CHARS,
                },
            },
        ];
        // A choice with nothing to choose is left out (Slack rejects an empty select).
        if !config.kudos.values.is_empty() {
            fields.push(FormField {
                id: KUDOS_VALUE.into(),
                label: t("form-kudos-value"),
                hint: Some(t("form-kudos-value-placeholder")),
                required: false,
                input: FieldInput::Choice {
                    options: config
                        .kudos
                        .values
                        .iter()
                        .map(|v| (v.clone(), v.clone()))
                        .collect(),
                    initial: None,
                },
            });
        }
        Form {
            kind: FormKind::Kudos,
            title: t("form-kudos-title"),
            fields,
            submit: t("form-submit"),
            cancel: t("form-cancel"),
            context: None,
        }
    }

    /// The anonymous pulse comment form.
    pub(in crate::bot) fn pulse_comment_form(&self, ctx: &Ctx) -> Form {
        self.comment_form(ctx.actor.locale)
    }

    /// The anonymous pulse comment form in `l`.
    pub fn comment_form(&self, l: Locale) -> Form {
        let t = |k: &str| self.t(l, k, &[]);
        Form {
            kind: FormKind::PulseComment,
            title: t("form-comment-title"),
            fields: vec![FormField {
                id: PULSE_COMMENT.into(),
                label: t("form-comment-label"),
                hint: Some(t("form-comment-hint")),
                required: true,
                input: FieldInput::Text {
                    multiline: true,
                    initial: None,
                    max_chars: COMMENT_MAX_CHARS,
                },
            }],
            submit: t("form-submit"),
            cancel: t("form-cancel"),
            context: None,
        }
    }

    /// What to tell a person whose form misses `field`, in their language (platforms that keep
    /// the form open show it under the field).
    pub fn missing_field_text(&self, l: Locale, field: &str) -> String {
        let key = match field {
            KUDOS_PEOPLE => "form-missing-kudos_people",
            KUDOS_MESSAGE => "form-missing-kudos_message",
            _ => "form-missing-pulse_comment",
        };
        self.t(l, key, &[])
    }

    /// A submitted form: checked, then handled like the command it stands for.
    pub(in crate::bot) async fn submit_form(
        &self,
        ctx: &Ctx,
        submission: &Submission,
    ) -> anyhow::Result<Answer> {
        if let Err(missing) = submission.check() {
            return Ok(Answer::Reply(Message::ephemeral_text(RichText::text(
                self.missing_field_text(ctx.actor.locale, &missing.field),
            ))));
        }
        let reply = match submission.kind {
            // The form's fields go to the bot as they are: a message starting with a mention or
            // ending in "#1234" is still just the message.
            FormKind::Kudos => {
                metrics::counter!("ambassador_commands_total", "command" => "kudos").increment(1);
                let request = KudosRequest {
                    recipients: submission.people(KUDOS_PEOPLE),
                    message: submission.text(KUDOS_MESSAGE).unwrap_or_default(),
                    values: submission.text(KUDOS_VALUE).into_iter().collect(),
                };
                self.give_kudos_request(ctx, Ok(request)).await?
            }
            FormKind::PulseComment => {
                let text = submission.text(PULSE_COMMENT).unwrap_or_default();
                self.pulse_comment(ctx, &text).await?
            }
        };
        Ok(Answer::Reply(reply))
    }
}
