//! The customer narrative: `/narrative` and its acknowledgement, the welcome, the weekly
//! moment and admin edits.

mod edit;
mod moment;
mod welcome;

pub use edit::NarrativeRefusal;

use anyhow::Context as _;

use crate::bot::format::date;
use crate::bot::{Bot, Ctx};
use crate::core::directory::Org;
use crate::core::ids::NarrativeVersionId;
use crate::core::locale::Locale;
use crate::core::message::{Block, Button, ButtonStyle, Field, Message, RichText};
use crate::store::{AckOutcome, StoredNarrative};

/// The action prefix of the "I've read it" button; the version id follows.
pub const NARRATIVE_ACK_ACTION: &str = "narrative-ack:";

impl Bot {
    pub(in crate::bot) async fn show_narrative(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let Some(current) = self.current_narrative(&ctx.org).await? else {
            return Ok(Message::ephemeral_text(RichText::text(self.t(
                l,
                "narrative-none",
                &[],
            ))));
        };
        let acked = self
            .db()
            .narrative_acknowledged_at(current.id, ctx.actor.id)
            .await?;
        let mut blocks = self.narrative_blocks(&current, l, ctx.actor.timezone);
        match acked {
            Some(at) => blocks.push(Block::Context(RichText::text(self.t(
                l,
                "narrative-acked",
                &[("date", date(at, ctx.actor.timezone).into())],
            )))),
            None => blocks.push(self.ack_button(&current, l)),
        }
        Ok(Message::ephemeral(blocks))
    }

    /// The org's narrative, loading the configured file the first time an org is seen.
    pub async fn current_narrative(&self, org: &Org) -> anyhow::Result<Option<StoredNarrative>> {
        if let Some(n) = self.db().current_narrative(org.id).await? {
            return Ok(Some(n));
        }
        let seed = &self.config().narrative;
        if seed.texts.is_empty() {
            return Ok(None);
        }
        let stored = self
            .db()
            .insert_narrative(org.id, seed, "file", None, self.now())
            .await
            .context("could not store the narrative from narrative.file")?;
        Ok(Some(stored))
    }

    /// The narrative as blocks in one language, without the button.
    pub(in crate::bot) fn narrative_blocks(
        &self,
        stored: &StoredNarrative,
        locale: Locale,
        tz: chrono_tz::Tz,
    ) -> Vec<Block> {
        let Some((shown, text)) = stored.narrative.for_locale(locale) else {
            return vec![];
        };
        let mut blocks = vec![
            Block::Header(text.title.clone()),
            Block::Section(RichText::default().push_strong(text.promise.clone())),
        ];
        for s in &text.sections {
            blocks.push(Block::Section(
                RichText::default()
                    .push_strong(s.heading.clone())
                    .push_text(format!("\n{}", s.body)),
            ));
        }
        if !text.values.is_empty() {
            blocks.push(Block::Section(RichText::default().push_strong(self.t(
                locale,
                "narrative-values-heading",
                &[],
            ))));
            blocks.push(Block::Fields(
                text.values
                    .iter()
                    .map(|v| Field {
                        label: format!("#{}", v.name),
                        value: RichText::text(v.description.clone()),
                    })
                    .collect(),
            ));
        }
        let mut footer = self.t(
            locale,
            "narrative-version",
            &[
                ("version", stored.version.into()),
                ("date", date(stored.created_at, tz).into()),
            ],
        );
        if shown != locale {
            footer = format!(
                "{footer}\n{}",
                self.t(locale, "narrative-fallback-language", &[])
            );
        }
        blocks.push(Block::Context(RichText::text(footer)));
        blocks
    }

    pub(in crate::bot) fn ack_button(&self, stored: &StoredNarrative, locale: Locale) -> Block {
        Block::Buttons(vec![Button {
            action: format!("{NARRATIVE_ACK_ACTION}{}", stored.id.0),
            label: self.t(locale, "narrative-ack-button", &[]),
            style: ButtonStyle::Primary,
        }])
    }

    pub(in crate::bot) async fn acknowledge_narrative(
        &self,
        ctx: &Ctx,
        version: &str,
    ) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let tz = ctx.actor.timezone;
        let expired =
            || Message::ephemeral_text(RichText::text(self.t(l, "error-button-expired", &[])));
        let Ok(id) = version.parse::<i64>() else {
            return Ok(expired());
        };
        let Some(acked) = self
            .db()
            .narrative_in_org(ctx.org.id, NarrativeVersionId(id))
            .await?
        else {
            return Ok(expired());
        };
        let outcome = self
            .db()
            .acknowledge_narrative(ctx.org.id, acked.id, ctx.actor.id, self.now())
            .await?;
        metrics::counter!("ambassador_narrative_acks_total").increment(1);
        let current = self.db().current_narrative(ctx.org.id).await?;
        let mut text = match outcome {
            AckOutcome::Recorded => self.t(
                l,
                "narrative-ack-thanks",
                &[("version", acked.version.into())],
            ),
            AckOutcome::Already(at) => self.t(
                l,
                "narrative-ack-already",
                &[
                    ("version", acked.version.into()),
                    ("date", date(at, tz).into()),
                ],
            ),
        };
        if let Some(current) = current.filter(|c| c.version > acked.version) {
            text = format!(
                "{text}\n{}",
                self.t(
                    l,
                    "narrative-ack-outdated",
                    &[
                        ("old", acked.version.into()),
                        ("current", current.version.into()),
                    ],
                )
            );
        }
        Ok(Message::ephemeral_text(RichText::text(text)))
    }
}
