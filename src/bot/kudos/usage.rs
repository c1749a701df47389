//! How to give kudos, and why a kudos was refused, in the giver's language.

use crate::bot::format::{date_time, value_tags};
use crate::bot::{Bot, Ctx};
use crate::core::kudos::KudosError;
use crate::core::message::{Block, Message, RichText};

impl Bot {
    pub(in crate::bot) async fn kudos_usage(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let example = self.example_handle(ctx).await?;
        let l = ctx.actor.locale;
        let policy = &self.config().kudos;
        Ok(Message::ephemeral(vec![
            Block::Header(self.t(l, "kudos-usage-title", &[])),
            Block::Section(RichText::text(self.t(
                l,
                "kudos-usage",
                &[("min", policy.min_message_chars.into())],
            ))),
            Block::Section(RichText::text(self.t(
                l,
                "kudos-usage-example",
                &[("handle", example.into())],
            ))),
            Block::Context(RichText::text(self.t(
                l,
                "kudos-values-list",
                &[("values", value_tags(&policy.values).into())],
            ))),
        ]))
    }

    /// A handle for examples: the person's manager when they have one, so the example names a
    /// real colleague and can be tried as it is.
    pub(in crate::bot) async fn example_handle(&self, ctx: &Ctx) -> anyhow::Result<String> {
        if let Some(manager) = ctx.actor.manager_id {
            return Ok(self.db().person(manager).await?.handle);
        }
        Ok(self.t(ctx.actor.locale, "kudos-example-handle", &[]))
    }

    pub(in crate::bot) fn describe_refusal(
        &self,
        ctx: &Ctx,
        refusal: &KudosError,
        example: String,
    ) -> String {
        let l = ctx.actor.locale;
        match refusal {
            KudosError::NoRecipients => self.t(
                l,
                "kudos-error-no-recipients",
                &[("handle", example.into())],
            ),
            KudosError::SelfKudos => self.t(l, "kudos-error-self", &[]),
            KudosError::UnknownPerson { handle } => self.t(
                l,
                "kudos-error-unknown-person",
                &[("handle", handle.clone().into())],
            ),
            KudosError::InactivePerson { name } => self.t(
                l,
                "kudos-error-inactive-person",
                &[("name", name.clone().into())],
            ),
            KudosError::MessageMissing => self.t(l, "kudos-error-message-missing", &[]),
            KudosError::MessageTooShort { min, actual } => self.t(
                l,
                "kudos-error-message-too-short",
                &[("min", (*min).into()), ("actual", (*actual).into())],
            ),
            KudosError::UnknownValue { value, valid } => self.t(
                l,
                "kudos-error-unknown-value",
                &[
                    ("value", value.clone().into()),
                    ("valid", value_tags(valid).into()),
                ],
            ),
            KudosError::AllowanceExhausted {
                allowance,
                used,
                asked,
                resets_at,
                tz,
            } => {
                let remaining = allowance.saturating_sub(*used);
                let resets = date_time(*resets_at, *tz);
                if remaining == 0 {
                    self.t(
                        l,
                        "kudos-error-allowance",
                        &[
                            ("used", (*used).into()),
                            ("allowance", (*allowance).into()),
                            ("resets", resets.into()),
                            ("tz", tz.name().into()),
                        ],
                    )
                } else {
                    self.t(
                        l,
                        "kudos-error-allowance-partial",
                        &[
                            ("remaining", remaining.into()),
                            ("asked", (*asked).into()),
                            ("resets", resets.into()),
                            ("tz", tz.name().into()),
                        ],
                    )
                }
            }
        }
    }
}
