//! The digest as a chat message and as a chart.

use crate::bot::Bot;
use crate::chart::{ChartSeries, EngagementChart, render_png};
use crate::core::locale::Locale;
use crate::core::message::{Block, Button, ButtonStyle, Field, Image, Message, RichText};

use super::{Digest, TeamDigest};

impl Bot {
    /// The digest as a message in `l`.
    pub fn digest_message(&self, d: &Digest, l: Locale) -> Message {
        let k = d.min_group_size;
        let mut blocks = vec![Block::Header(self.t(
            l,
            "engagement-title",
            &[("week", d.week.clone().into())],
        ))];
        for team in &d.teams {
            blocks.push(Block::Divider);
            blocks.push(Block::Section(
                RichText::default().push_strong(team.team.clone()),
            ));
            blocks.extend(self.team_blocks(team, l, k));
        }
        if !d.alerts.is_empty() {
            blocks.push(Block::Divider);
            blocks.push(Block::Section(RichText::default().push_strong(self.t(
                l,
                "engagement-alerts-title",
                &[],
            ))));
            for a in &d.alerts {
                blocks.extend(self.alert_blocks(a, l));
            }
        }
        blocks.push(Block::Divider);
        blocks.push(Block::Section(RichText::default().push_strong(self.t(
            l,
            "engagement-kudos-title",
            &[],
        ))));
        if d.kudos.is_empty() {
            blocks.push(Block::Context(RichText::text(self.t(
                l,
                "engagement-kudos-none",
                &[],
            ))));
        }
        for kudos in d.kudos.iter().take(5) {
            blocks.push(Block::Section(RichText::text(self.t(
                l,
                "engagement-kudos-line",
                &[
                    ("from", kudos.from.clone().into()),
                    ("to", kudos.to.join(", ").into()),
                ],
            ))));
            blocks.push(Block::Quote(RichText::text(kudos.message.clone())));
        }
        if !d.recognition_matrix.is_empty() {
            let lines: Vec<String> = d
                .recognition_matrix
                .iter()
                .take(8)
                .map(|(from, to, n)| {
                    self.t(
                        l,
                        "engagement-matrix-line",
                        &[
                            ("from", from.clone().into()),
                            ("to", to.clone().into()),
                            ("count", (*n).into()),
                        ],
                    )
                })
                .collect();
            blocks.push(Block::Section(
                RichText::default()
                    .push_strong(self.t(l, "engagement-matrix-title", &[]))
                    .push_text(format!("\n{}", lines.join("\n"))),
            ));
        }
        if d.cross_department_kudos > 0 {
            blocks.push(Block::Context(RichText::text(self.t(
                l,
                "engagement-kudos-cross",
                &[("count", d.cross_department_kudos.into())],
            ))));
        }
        if let Some(n) = &d.narrative {
            blocks.push(Block::Context(RichText::text(self.t(
                l,
                "engagement-narrative",
                &[
                    ("read", n.read.into()),
                    ("people", n.people.into()),
                    ("version", n.version.into()),
                ],
            ))));
        }
        if !d.comments.is_empty() {
            blocks.push(Block::Divider);
            blocks.push(Block::Section(RichText::default().push_strong(self.t(
                l,
                "engagement-comments-title",
                &[],
            ))));
            for c in &d.comments {
                blocks.push(Block::Quote(RichText::text(format!(
                    "{}: {}",
                    c.team, c.text
                ))));
            }
        }
        if let Some(png) = &d.chart_png {
            blocks.push(Block::Image(Image {
                alt: self.t(
                    l,
                    "engagement-chart-alt",
                    &[("count", d.chart_rounds.len().into())],
                ),
                file_name: format!(
                    "engagement-{}-{}.png",
                    d.manager_email.split('@').next().unwrap_or("digest"),
                    d.week
                ),
                png: png.clone(),
            }));
        }
        // A year of rounds, drivers and action plans live on the web dashboard.
        blocks.push(Block::Buttons(vec![Button {
            action: crate::bot::WEB_LINK_ACTION.to_string(),
            label: self.t(l, "web-open-dashboard", &[]),
            style: ButtonStyle::Default,
        }]));
        Message::public(blocks)
    }

    fn team_blocks(&self, team: &TeamDigest, l: Locale, k: u32) -> Vec<Block> {
        let note = |key: &str, args: &[crate::i18n::Arg<'_>]| {
            vec![Block::Context(RichText::text(self.t(l, key, args)))]
        };
        match team.status.as_str() {
            "shown" => {}
            "rolled-up" => {
                return match &team.rolled_up_into {
                    Some(parent) => note(
                        "engagement-rolled-up",
                        &[("k", k.into()), ("parent", parent.clone().into())],
                    ),
                    None => note("engagement-rolled-up-nowhere", &[("k", k.into())]),
                };
            }
            "suppressed" => return note("engagement-suppressed", &[]),
            "not-asked" => return note("engagement-not-asked", &[]),
            _ => return note("engagement-no-rounds", &[]),
        }
        let mut score = format!("{:.2}", team.score.unwrap_or_default());
        if let Some(change) = team.change {
            score = format!(
                "{score} ({})",
                self.t(
                    l,
                    "engagement-change",
                    &[("change", format!("{change:+.2}").into())]
                )
            );
        }
        let mut fields = vec![
            Field {
                label: self.t(l, "engagement-team-score", &[]),
                value: RichText::text(score),
            },
            Field {
                label: self.t(l, "engagement-team-response", &[]),
                value: RichText::text(format!(
                    "{:.0}% ({}/{})",
                    team.response_rate.unwrap_or_default(),
                    team.responded.unwrap_or_default(),
                    team.invited.unwrap_or_default()
                )),
            },
        ];
        if let Some(e) = team.enps {
            fields.push(Field {
                label: self.t(l, "engagement-team-enps", &[]),
                value: RichText::text(format!("{e:+.0}")),
            });
        }
        fields.push(Field {
            label: self.t(l, "engagement-team-kudos", &[]),
            value: RichText::text(self.t(
                l,
                "engagement-team-kudos-value",
                &[
                    ("given", team.kudos_given.into()),
                    ("received", team.kudos_received.into()),
                ],
            )),
        });
        let mut blocks = vec![Block::Fields(fields)];
        let list = |items: &[(String, f64)]| {
            items
                .iter()
                .map(|(d, c)| format!("{} {c:+.2}", self.driver_label(l, d)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut moves = Vec::new();
        if !team.rising.is_empty() {
            moves.push(self.t(
                l,
                "engagement-rising",
                &[("drivers", list(&team.rising).into())],
            ));
        }
        if !team.falling.is_empty() {
            moves.push(self.t(
                l,
                "engagement-falling",
                &[("drivers", list(&team.falling).into())],
            ));
        }
        if !moves.is_empty() {
            blocks.push(Block::Context(RichText::text(moves.join(" · "))));
        }
        blocks
    }

    /// A driver's name in `l`.
    pub(in crate::bot) fn driver_label(&self, l: Locale, driver: &str) -> String {
        self.t(l, &format!("driver-{driver}"), &[])
    }

    /// The chart of the teams' engagement over the rounds, or `None` without data.
    pub(super) fn digest_chart(
        &self,
        teams: &[TeamDigest],
        rounds: &[String],
        l: Locale,
    ) -> Option<Vec<u8>> {
        if rounds.is_empty() {
            return None;
        }
        let series: Vec<ChartSeries> = teams
            .iter()
            .map(|t| ChartSeries {
                label: t.team.clone(),
                values: t.history.clone(),
            })
            .collect();
        let title = self.t(l, "engagement-chart-title", &[]);
        let chart = EngagementChart {
            title: &title,
            y_label: &self.t(l, "engagement-team-score", &[]),
            round_labels: rounds,
            series: &series,
            y_range: (1.0, 5.0),
        };
        match render_png(&chart, 800, 400) {
            Ok(png) => Some(png),
            Err(e) => {
                tracing::warn!(error = %e, "the digest chart could not be drawn");
                None
            }
        }
    }

    /// One flagged drop: what fell, and the manager's action next to where the figure is now.
    fn alert_blocks(&self, a: &super::AlertLine, l: Locale) -> Vec<Block> {
        let level = |v: f64| {
            if a.series == "response-rate" {
                format!("{:.0}%", v * 100.0)
            } else {
                format!("{v:.2}")
            }
        };
        let line = self.t(
            l,
            "engagement-alert-line",
            &[
                ("team", a.team.clone().into()),
                ("series", self.series_label(l, &a.series).into()),
                ("baseline", level(a.baseline).into()),
                ("current", level(a.flagged).into()),
                ("since", a.since.clone().into()),
            ],
        );
        let follow_up = match (&a.action, a.now) {
            (Some(action), Some(now)) => {
                let state = if a.recovered == Some(true) {
                    "engagement-alert-recovered"
                } else {
                    "engagement-alert-not-recovered"
                };
                self.t(
                    l,
                    "engagement-alert-action",
                    &[
                        ("action", action.clone().into()),
                        ("now", level(now).into()),
                        ("state", self.t(l, state, &[]).into()),
                    ],
                )
            }
            (Some(action), None) => format!("\"{action}\""),
            (None, _) => self.t(l, "engagement-alert-no-action", &[("id", a.id.into())]),
        };
        let mut blocks = vec![
            Block::Section(RichText::text(line)),
            Block::Context(RichText::text(follow_up)),
        ];
        // No action yet: the same "Plan an action" button as the alert itself.
        if a.action.is_none() {
            blocks.push(Block::Buttons(vec![crate::core::message::Button {
                action: format!("{}{}", crate::bot::ALERT_PLAN_ACTION, a.id),
                label: self.t(l, "alert-plan-button", &[]),
                style: crate::core::message::ButtonStyle::Primary,
            }]));
        }
        blocks
    }
}
