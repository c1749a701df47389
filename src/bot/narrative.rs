//! The customer narrative: `/narrative`, acknowledgement, welcome, moments, admin edits.

use anyhow::Context as _;
use chrono::Duration;

use super::format::{date, value_tags};
use super::{Bot, Ctx, direct_to};
use crate::core::directory::Org;
use crate::core::ids::{KudosId, NarrativeVersionId};
use crate::core::locale::Locale;
use crate::core::message::{Block, Button, ButtonStyle, Field, Message, RichText};
use crate::core::narrative::moment::{KudosCandidate, next_section, pick_kudos};
use crate::core::narrative::{NarrativeError, NarrativeText, parse_markdown};
use crate::platform::Destination;
use crate::store::{AckOutcome, StoredNarrative};

/// The action prefix of the "I've read it" button; the version id follows.
pub const NARRATIVE_ACK_ACTION: &str = "narrative-ack:";

impl Bot {
    pub(super) async fn show_narrative(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let Some(current) = self.current_narrative(&ctx.org).await? else {
            return Ok(Message::ephemeral_text(RichText::text(self.t(
                l,
                "narrative-none",
                &[],
            ))));
        };
        let acked = self
            .store()
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
        if let Some(n) = self.store().current_narrative(org.id).await? {
            return Ok(Some(n));
        }
        let seed = &self.config().narrative;
        if seed.texts.is_empty() {
            return Ok(None);
        }
        let stored = self
            .store()
            .insert_narrative(org.id, seed, "file", None, self.now())
            .await
            .context("could not store the narrative from narrative.file")?;
        Ok(Some(stored))
    }

    /// The narrative as blocks in one language, without the button.
    fn narrative_blocks(
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

    fn ack_button(&self, stored: &StoredNarrative, locale: Locale) -> Block {
        Block::Buttons(vec![Button {
            action: format!("{NARRATIVE_ACK_ACTION}{}", stored.id.0),
            label: self.t(locale, "narrative-ack-button", &[]),
            style: ButtonStyle::Primary,
        }])
    }

    pub(super) async fn acknowledge_narrative(
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
            .store()
            .narrative_in_org(ctx.org.id, NarrativeVersionId(id))
            .await?
        else {
            return Ok(expired());
        };
        let outcome = self
            .store()
            .acknowledge_narrative(ctx.org.id, acked.id, ctx.actor.id, self.now())
            .await?;
        metrics::counter!("ambassador_narrative_acks_total").increment(1);
        let current = self.store().current_narrative(ctx.org.id).await?;
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

    /// Greets a person the first time the bot sees them, with the narrative and its button.
    pub(super) async fn welcome_if_new(&self, ctx: &Ctx) -> anyhow::Result<()> {
        if ctx.actor.welcomed {
            return Ok(());
        }
        if !self.store().mark_welcomed(ctx.actor.id, self.now()).await? {
            return Ok(());
        }
        let Some(to) = direct_to(&ctx.actor) else {
            return Ok(());
        };
        let l = ctx.actor.locale;
        let mut blocks = vec![
            Block::Header(self.t(
                l,
                "welcome-title",
                &[("name", ctx.actor.display_name.clone().into())],
            )),
            Block::Section(RichText::text(self.t(l, "welcome-intro", &[]))),
        ];
        if let Some(current) = self.current_narrative(&ctx.org).await? {
            blocks.extend(self.narrative_blocks(&current, l, ctx.actor.timezone));
            blocks.push(self.ack_button(&current, l));
        }
        blocks.push(Block::Divider);
        blocks.push(Block::Context(RichText::text(self.t(
            l,
            "welcome-footer",
            &[],
        ))));
        self.deliver(&ctx.platform, &ctx.org, to, Message::public(blocks))
            .await;
        metrics::counter!("ambassador_welcomes_total").increment(1);
        Ok(())
    }

    /// Posts a narrative moment for `org`: the next section in rotation and a recent kudos
    /// that shows a value in action. `job_key` makes a retried job post only once.
    pub async fn post_narrative_moment(&self, org: &Org, job_key: &str) -> anyhow::Result<()> {
        let platform = self
            .platforms()
            .for_org(org)
            .cloned()
            .with_context(|| format!("no adapter for platform {}", org.platform))?;
        let Some(current) = self.current_narrative(org).await? else {
            tracing::info!(org = %org.platform_org_id, "no narrative yet, no moment to post");
            return Ok(());
        };
        let Some((_, text)) = current.narrative.for_locale(org.locale) else {
            return Ok(());
        };
        let store = self.store();
        let last = store.last_moment_section(org.id).await?;
        let Some(index) = next_section(last, text.sections.len()) else {
            return Ok(());
        };
        let now = self.now();
        let days = i64::from(self.config().settings.narrative.moment_kudos_days);
        let recent = store
            .kudos_since(org.id, now - Duration::days(days))
            .await?;
        let featured = store.featured_kudos(org.id).await?;
        let candidates: Vec<KudosCandidate<KudosId>> = recent
            .iter()
            .map(|k| KudosCandidate {
                id: k.id,
                values: k.values.clone(),
                already_featured: featured.contains(&k.id),
            })
            .collect();
        let names: Vec<String> = text.values.iter().map(|v| v.name.clone()).collect();
        let chosen =
            pick_kudos(&candidates, &names).and_then(|id| recent.iter().find(|k| k.id == id));

        let message = self.moment_message(org.locale, text, index, chosen);
        let channel = Destination::Channel(self.config().settings.narrative.channel.clone());
        platform
            .send(org, &channel, &message)
            .await
            .context("could not post the narrative moment")?;
        store
            .record_moment(
                org.id,
                job_key,
                current.id,
                index,
                chosen.map(|k| k.id),
                now,
            )
            .await?;
        metrics::counter!("ambassador_narrative_moments_total").increment(1);
        Ok(())
    }

    fn moment_message(
        &self,
        l: Locale,
        text: &NarrativeText,
        index: usize,
        kudos: Option<&crate::store::KudosRecord>,
    ) -> Message {
        let section = &text.sections[index];
        let mut blocks = vec![
            Block::Header(self.t(
                l,
                "moment-title",
                &[("heading", section.heading.clone().into())],
            )),
            Block::Section(RichText::text(section.body.clone())),
        ];
        match kudos {
            Some(k) => {
                // Names, not mentions: a moment celebrates people without pinging them again.
                let recipients = k
                    .recipients
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let line = self.t(
                    l,
                    "moment-kudos",
                    &[
                        ("giver", k.giver_name.clone().into()),
                        ("recipients", recipients.into()),
                    ],
                );
                blocks.push(Block::Divider);
                blocks.push(Block::Section(RichText::text(line)));
                blocks.push(Block::Quote(RichText::text(k.message.clone())));
                blocks.push(Block::Context(RichText::text(value_tags(&k.values))));
            }
            None => blocks.push(Block::Context(RichText::text(self.t(
                l,
                "moment-no-kudos",
                &[],
            )))),
        }
        blocks.push(Block::Context(RichText::text(self.t(
            l,
            "moment-footer",
            &[("title", text.title.clone().into())],
        ))));
        Message::public(blocks)
    }

    pub(super) async fn set_narrative(
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
            .store()
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
