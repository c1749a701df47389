//! The weekly narrative moment: one section in rotation and a kudos that lives a value.

use anyhow::Context as _;
use chrono::Duration;

use crate::bot::Bot;
use crate::bot::format::value_tags;
use crate::core::directory::Org;
use crate::core::ids::KudosId;
use crate::core::locale::Locale;
use crate::core::message::{Block, Message, RichText};
use crate::core::narrative::NarrativeText;
use crate::core::narrative::moment::{KudosCandidate, next_section, pick_kudos};
use crate::core::outbound::Destination;

impl Bot {
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
        let store = self.db();
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
        self.deliver(&platform, org, channel, message)
            .await
            .context("could not queue the narrative moment")?;
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

    pub(in crate::bot) fn moment_message(
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
}
