//! Publishing a new version of the narrative in one language: `/ambassador narrative set` in
//! chat and the admin's narrative page on the web, with the same rules.

use chrono_tz::Tz;

use crate::bot::{Bot, Ctx};
use crate::core::directory::{Org, Person};
use crate::core::ids::NarrativeVersionId;
use crate::core::locale::Locale;
use crate::core::message::{Block, Message, RichText};
use crate::core::narrative::{Narrative, NarrativeError, NarrativeText, parse_markdown};
use crate::store::StoredNarrative;

/// Why an admin's narrative text was not published; nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NarrativeRefusal {
    /// There is no text at all.
    Empty,
    /// The text does not read as a narrative (no title, no promise, an empty section).
    Invalid(NarrativeError),
}

/// The text an admin wrote, read by the narrative's rules.
fn read_body(body: &str) -> Result<NarrativeText, NarrativeRefusal> {
    if body.trim().is_empty() {
        return Err(NarrativeRefusal::Empty);
    }
    parse_markdown(body).map_err(NarrativeRefusal::Invalid)
}

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
        let target = locale.unwrap_or(l);
        let stored = match self
            .publish_narrative(&ctx.org, &ctx.actor, target, body, "chat")
            .await?
        {
            Ok(stored) => stored,
            Err(NarrativeRefusal::Empty) => return say(self.t(l, "narrative-set-usage", &[])),
            Err(NarrativeRefusal::Invalid(e)) => {
                let msg = self.describe_narrative_problem(l, &e);
                return say(format!("{msg}\n{}", self.t(l, "narrative-set-usage", &[])));
            }
        };
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

    /// Publishes `body` as the narrative's text in `locale`, as a new version that carries the
    /// other languages over, or says why not and saves nothing. `source` records where it was
    /// written (`chat`, `web`). Chat's `/ambassador narrative set` and the web editor both
    /// publish through here.
    pub async fn publish_narrative(
        &self,
        org: &Org,
        author: &Person,
        locale: Locale,
        body: &str,
        source: &str,
    ) -> anyhow::Result<Result<StoredNarrative, NarrativeRefusal>> {
        let text = match read_body(body) {
            Ok(text) => text,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let stored = self
            .in_unit(|bot| async move {
                let previous = bot.current_narrative(org).await?;
                let narrative = previous
                    .map(|p| p.narrative)
                    .unwrap_or_default()
                    .with_text(locale, text);
                Ok(bot
                    .db()
                    .insert_narrative(org.id, &narrative, source, Some(author.id), bot.now())
                    .await?)
            })
            .await?;
        metrics::counter!("ambassador_narrative_versions_total").increment(1);
        Ok(Ok(stored))
    }

    /// What `body` would look like to people reading `locale` once published (as chat shows
    /// the narrative, numbered as the next version), without saving anything.
    pub async fn preview_narrative(
        &self,
        org: &Org,
        locale: Locale,
        body: &str,
        tz: Tz,
    ) -> anyhow::Result<Result<Message, NarrativeRefusal>> {
        let text = match read_body(body) {
            Ok(text) => text,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let previous = self.db().current_narrative(org.id).await?;
        let (id, version, narrative) = match previous {
            Some(p) => (p.id, p.version + 1, p.narrative),
            None => (NarrativeVersionId(0), 1, Narrative::default()),
        };
        let preview = StoredNarrative {
            id,
            version,
            created_at: self.now(),
            narrative: narrative.with_text(locale, text),
        };
        Ok(Ok(Message::ephemeral(
            self.narrative_blocks(&preview, locale, tz),
        )))
    }

    /// A narrative text's problem in words, in `locale`.
    pub fn describe_narrative_problem(&self, locale: Locale, problem: &NarrativeError) -> String {
        match problem {
            NarrativeError::MissingTitle => self.t(locale, "narrative-set-missing-title", &[]),
            NarrativeError::MissingPromise => self.t(locale, "narrative-set-missing-promise", &[]),
            NarrativeError::EmptySection(h) => self.t(
                locale,
                "narrative-set-empty-section",
                &[("heading", h.clone().into())],
            ),
            other => other.to_string(),
        }
    }
}
