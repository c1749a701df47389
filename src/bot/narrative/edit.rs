//! `/ambassador narrative set`: admins publish a new version in one language.

use crate::bot::{Bot, Ctx};
use crate::core::locale::Locale;
use crate::core::message::{Block, Message, RichText};
use crate::core::narrative::{NarrativeError, parse_markdown};

impl Bot {
    pub(in crate::bot) async fn set_narrative(
        &self,
        ctx: &Ctx,
        locale: Option<Locale>,
        unknown_locale: Option<String>,
        body: &str,
    ) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let say = |text: String| Ok(Message::ephemeral_text(RichText::text(text)));
        if let Some(unknown) = unknown_locale {
            return say(self.t(
                l,
                "narrative-set-unknown-locale",
                &[
                    ("locale", unknown.into()),
                    ("supported", Locale::supported_list().into()),
                ],
            ));
        }
        if body.trim().is_empty() {
            return say(self.t(l, "narrative-set-usage", &[]));
        }
        let text = match parse_markdown(body) {
            Ok(t) => t,
            Err(e) => {
                let msg = match e {
                    NarrativeError::MissingTitle => self.t(l, "narrative-set-missing-title", &[]),
                    NarrativeError::MissingPromise => {
                        self.t(l, "narrative-set-missing-promise", &[])
                    }
                    NarrativeError::EmptySection(h) => {
                        self.t(l, "narrative-set-empty-section", &[("heading", h.into())])
                    }
                    other => other.to_string(),
                };
                return say(format!("{msg}\n{}", self.t(l, "narrative-set-usage", &[])));
            }
        };
        let target = locale.unwrap_or(l);
        let previous = self.current_narrative(&ctx.org).await?;
        let narrative = match &previous {
            Some(p) => p.narrative.with_text(target, text),
            None => crate::core::narrative::Narrative::default().with_text(target, text),
        };
        let stored = self
            .db()
            .insert_narrative(
                ctx.org.id,
                &narrative,
                "chat",
                Some(ctx.actor.id),
                self.now(),
            )
            .await?;
        metrics::counter!("ambassador_narrative_versions_total").increment(1);
        let mut reply = self.t(
            l,
            "narrative-set-done",
            &[
                ("version", stored.version.into()),
                ("locale", target.code().into()),
            ],
        );
        let carried: Vec<&str> = stored
            .narrative
            .texts
            .keys()
            .filter(|k| **k != target)
            .map(|k| k.code())
            .collect();
        if !carried.is_empty() {
            reply = format!(
                "{reply}\n{}",
                self.t(
                    l,
                    "narrative-set-carried-over",
                    &[
                        ("locales", carried.join(", ").into()),
                        ("example", carried[0].into()),
                    ],
                )
            );
        }
        let mut blocks = vec![Block::Section(RichText::text(reply)), Block::Divider];
        blocks.extend(self.narrative_blocks(&stored, target, ctx.actor.timezone));
        Ok(Message::ephemeral(blocks))
    }
}
