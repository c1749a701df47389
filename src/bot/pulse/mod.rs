//! Pulse surveys: rounds at each person's local time, answers by button or text, one
//! reminder, and closing with results computed once.

mod answer;
mod close;
mod rounds;

use std::collections::HashMap;

use crate::bot::format::date_time;
use crate::bot::{Bot, Ctx};
use crate::core::directory::Person;
use crate::core::locale::Locale;
use crate::core::message::{Block, Button, ButtonStyle, Message, RichText};
use crate::core::pulse::anonymity::respondent_key;
use crate::core::pulse::{Question, Scale};
use crate::store::RoundRecord;

/// The action prefix of an answer button: `pulse:<round>:<question index>:<value>`.
pub const PULSE_ACTION: &str = "pulse:";

/// The action of a pulse's "Add a comment" button: platforms with forms open one, the console
/// explains `/pulse comment`.
pub const PULSE_COMMENT_ACTION: &str = "pulse-comment";

impl Bot {
    /// The questions of a round, in order (unknown ids, e.g. a removed custom question, are
    /// skipped).
    pub(in crate::bot) fn round_questions(&self, round: &RoundRecord) -> Vec<&Question> {
        round
            .question_ids
            .iter()
            .filter_map(|id| self.questions().iter().find(|q| &q.id == id))
            .collect()
    }

    /// The person's own answers in an open round.
    pub(in crate::bot) async fn own_answers(
        &self,
        round: &RoundRecord,
        person: &Person,
    ) -> anyhow::Result<HashMap<String, u8>> {
        match &round.secret {
            Some(secret) => Ok(self
                .db()
                .answers_by_key(round.id, &respondent_key(secret, person.id))
                .await?),
            None => Ok(HashMap::new()),
        }
    }

    /// The pulse message: each question with its buttons (showing the current answer), the
    /// text alternative and the comment hint.
    pub(in crate::bot) fn pulse_message(
        &self,
        round: &RoundRecord,
        person: &Person,
        answered: &HashMap<String, u8>,
        title_key: &str,
        first_pulse: bool,
    ) -> Message {
        let l = person.locale;
        let questions = self.round_questions(round);
        let closes = date_time(round.closes_at, person.timezone);
        let mut blocks = vec![
            Block::Header(self.t(l, title_key, &[])),
            Block::Section(RichText::text(self.t(
                l,
                "pulse-intro",
                &[
                    ("count", questions.len().into()),
                    ("closes", closes.clone().into()),
                ],
            ))),
        ];
        if first_pulse {
            blocks.push(Block::Context(RichText::text(self.t(
                l,
                "pulse-first-privacy",
                &[],
            ))));
        }
        for (i, q) in questions.iter().enumerate() {
            blocks.push(Block::Divider);
            blocks.push(Block::Section(RichText::default().push_strong(self.t(
                l,
                "pulse-question",
                &[("number", (i + 1).into()), ("text", q.text_for(l).into())],
            ))));
            blocks.push(Block::Buttons(self.answer_buttons(round.id, i, q)));
            let mut legend = self.scale_legend(l, q.scale);
            if let Some(v) = answered.get(&q.id) {
                legend = format!(
                    "{legend} · {}",
                    self.t(l, "pulse-your-answer", &[("value", (*v).into())])
                );
            }
            blocks.push(Block::Context(RichText::text(legend)));
        }
        blocks.push(Block::Divider);
        let example = questions
            .iter()
            .map(|q| {
                if q.scale == Scale::ZeroToTen {
                    "8"
                } else {
                    "4"
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        blocks.push(Block::Context(RichText::text(format!(
            "{}\n{}",
            self.t(
                l,
                "pulse-text-hint",
                &[
                    ("count", questions.len().into()),
                    ("example", example.into())
                ]
            ),
            self.t(l, "pulse-comment-hint", &[])
        ))));
        blocks.push(Block::Buttons(vec![Button {
            action: PULSE_COMMENT_ACTION.to_string(),
            label: self.t(l, "pulse-comment-button", &[]),
            style: ButtonStyle::Default,
        }]));
        Message::public(blocks)
    }

    fn answer_buttons(&self, round: i64, index: usize, q: &Question) -> Vec<Button> {
        let (lo, hi) = q.scale.range();
        (lo..=hi)
            .map(|v| Button {
                action: format!("{PULSE_ACTION}{round}:{index}:{v}"),
                label: v.to_string(),
                style: ButtonStyle::Default,
            })
            .collect()
    }

    fn scale_legend(&self, l: Locale, scale: Scale) -> String {
        match scale {
            Scale::Agreement => self.t(l, "pulse-scale-agreement", &[]),
            Scale::ZeroToTen => self.t(l, "pulse-scale-enps", &[]),
        }
    }

    /// `/pulse privacy`: exactly what is stored and who sees what.
    pub(in crate::bot) fn pulse_privacy(&self, ctx: &Ctx) -> Message {
        let l = ctx.actor.locale;
        let k = self.config().min_group_size;
        Message::ephemeral(vec![
            Block::Header(self.t(l, "pulse-privacy-title", &[])),
            Block::Section(RichText::text(self.t(l, "pulse-privacy-stored", &[]))),
            Block::Section(RichText::text(self.t(l, "pulse-privacy-open", &[]))),
            Block::Section(RichText::text(self.t(
                l,
                "pulse-privacy-who",
                &[("k", k.into())],
            ))),
            Block::Section(RichText::text(self.t(
                l,
                "pulse-privacy-hidden",
                &[("k", k.into())],
            ))),
            Block::Section(RichText::text(self.t(l, "pulse-privacy-never", &[]))),
        ])
    }
}
