//! `/kudos stats`: given and received, by value, the latest ones, and what is left today.

use crate::bot::format::{date, date_time};
use crate::bot::{Bot, Ctx};
use crate::core::locale::Locale;
use crate::core::message::{Block, Field, Message, RichText};
use crate::store::KudosRecord;

impl Bot {
    pub(in crate::bot) async fn kudos_stats(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let tz = ctx.actor.timezone;
        let store = self.db();
        let totals = store.kudos_totals(ctx.actor.id).await?;
        let given = store.kudos_given_by(ctx.actor.id, 3).await?;
        let received = store.kudos_received_by(ctx.actor.id, 3).await?;
        let allowance = self.allowance(&ctx.actor, self.now()).await?;

        let count = |n: u32| self.t(l, "kudos-stats-count", &[("count", n.into())]);
        let mut blocks = vec![
            Block::Header(self.t(l, "kudos-stats-title", &[])),
            Block::Fields(vec![
                Field {
                    label: self.t(l, "kudos-stats-given", &[]),
                    value: RichText::text(count(totals.given)),
                },
                Field {
                    label: self.t(l, "kudos-stats-received", &[]),
                    value: RichText::text(count(totals.received)),
                },
            ]),
            Block::Section(RichText::text(if totals.given > 0 {
                self.t(
                    l,
                    "kudos-stats-cheer-giver",
                    &[("count", totals.people_thanked.into())],
                )
            } else {
                self.t(l, "kudos-stats-cheer-new", &[])
            })),
        ];
        if !totals.by_value.is_empty() {
            blocks.push(Block::Section(RichText::default().push_strong(self.t(
                l,
                "kudos-stats-by-value",
                &[],
            ))));
            blocks.push(Block::Fields(
                totals
                    .by_value
                    .iter()
                    .map(|(tag, g, r)| Field {
                        label: format!("#{tag}"),
                        value: RichText::text(format!(
                            "{} {g} · {} {r}",
                            self.t(l, "kudos-stats-given", &[]),
                            self.t(l, "kudos-stats-received", &[])
                        )),
                    })
                    .collect(),
            ));
        }
        let given_lines = given.iter().map(|k| {
            self.t(
                l,
                "kudos-stats-recent-given-line",
                &[
                    ("names", recipient_names(k).into()),
                    ("date", date(k.created_at, tz).into()),
                    ("message", k.message.clone().into()),
                ],
            )
        });
        blocks.extend(self.recent_section(l, "kudos-stats-recent-given", given_lines));
        let received_lines = received.iter().map(|k| {
            self.t(
                l,
                "kudos-stats-recent-received-line",
                &[
                    ("name", k.giver_name.clone().into()),
                    ("date", date(k.created_at, tz).into()),
                    ("message", k.message.clone().into()),
                ],
            )
        });
        blocks.extend(self.recent_section(l, "kudos-stats-recent-received", received_lines));
        blocks.push(Block::Context(RichText::text(self.t(
            l,
            "kudos-stats-left-today",
            &[
                ("remaining", allowance.remaining().into()),
                ("allowance", allowance.allowance.into()),
                ("resets", date_time(allowance.resets_at, tz).into()),
                ("tz", tz.name().into()),
            ],
        ))));
        Ok(Message::ephemeral(blocks))
    }

    /// A titled list of recent kudos, when there are any.
    fn recent_section(
        &self,
        l: Locale,
        title_key: &str,
        lines: impl Iterator<Item = String>,
    ) -> Option<Block> {
        let lines: Vec<String> = lines.collect();
        (!lines.is_empty()).then(|| {
            Block::Section(
                RichText::default()
                    .push_strong(self.t(l, title_key, &[]))
                    .push_text(format!("\n{}", lines.join("\n"))),
            )
        })
    }
}

fn recipient_names(k: &KudosRecord) -> String {
    k.recipients
        .iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
