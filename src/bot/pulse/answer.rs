//! Answering: a button press, `/pulse`, `/pulse answer …` and `/pulse comment …`.

use crate::bot::format::date_time;
use crate::bot::{Bot, Ctx};
use crate::core::message::{Message, RichText};
use crate::core::pulse::anonymity::respondent_key;
use crate::core::pulse::answers::{AnswerError, parse_answers};
use crate::store::{DeliveryRecord, NewAnswer, RoundRecord, SaveAnswerError};

use super::PULSE_ACTION;

impl Bot {
    fn say(&self, ctx: &Ctx, key: &str, args: &[crate::i18n::Arg<'_>]) -> Message {
        Message::ephemeral_text(RichText::text(self.t(ctx.actor.locale, key, args)))
    }

    /// The person's latest round, if they were sent one.
    async fn latest_round(
        &self,
        ctx: &Ctx,
    ) -> anyhow::Result<Option<(RoundRecord, DeliveryRecord)>> {
        Ok(self.db().latest_round_for(ctx.actor.id).await?)
    }

    fn closed_reply(&self, ctx: &Ctx, round: &RoundRecord) -> Message {
        self.say(
            ctx,
            "pulse-closed",
            &[(
                "closed",
                date_time(round.closes_at, ctx.actor.timezone).into(),
            )],
        )
    }

    fn is_open(&self, round: &RoundRecord) -> bool {
        !round.closed && round.closes_at > self.now() && round.secret.is_some()
    }

    /// `/pulse`: the open round's questions, showing what is answered already.
    pub(in crate::bot) async fn pulse_show(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let Some((round, _)) = self.latest_round(ctx).await? else {
            return Ok(self.say(ctx, "pulse-none", &[]));
        };
        if !self.is_open(&round) {
            return Ok(self.say(ctx, "pulse-none", &[]));
        }
        let answered = self.own_answers(&round, &ctx.actor).await?;
        let mut message = self.pulse_message(&round, &ctx.actor, &answered, "pulse-title", false);
        message.visibility = crate::core::message::Visibility::Ephemeral;
        if answered.len() >= round.question_ids.len() {
            message.blocks.insert(
                1,
                crate::core::message::Block::Section(RichText::text(self.t(
                    ctx.actor.locale,
                    "pulse-all-answered",
                    &[(
                        "closes",
                        date_time(round.closes_at, ctx.actor.timezone).into(),
                    )],
                ))),
            );
        }
        Ok(message)
    }

    /// A press on an answer button.
    pub(in crate::bot) async fn pulse_click(
        &self,
        ctx: &Ctx,
        action: &str,
    ) -> anyhow::Result<Message> {
        let expired = || self.say(ctx, "error-button-expired", &[]);
        let parts: Vec<&str> = action
            .strip_prefix(PULSE_ACTION)
            .unwrap_or_default()
            .split(':')
            .collect();
        let [round_id, index, value] = parts.as_slice() else {
            return Ok(expired());
        };
        let (Ok(round_id), Ok(index), Ok(value)) = (
            round_id.parse::<i64>(),
            index.parse::<usize>(),
            value.parse::<u8>(),
        ) else {
            return Ok(expired());
        };
        // Only the person the round was sent to can answer it.
        let Some(delivery) = self.db().delivery(round_id, ctx.actor.id).await? else {
            return Ok(expired());
        };
        let round = self.db().round(round_id).await?;
        if round.org != ctx.org.id {
            return Ok(expired());
        }
        let questions = self.round_questions(&round);
        let Some(question) = questions.get(index).copied() else {
            return Ok(expired());
        };
        if !question.scale.accepts(value) {
            return Ok(expired());
        }
        if !self.is_open(&round) {
            return Ok(self.closed_reply(ctx, &round));
        }
        let answer = NewAnswer {
            question_id: question.id.clone(),
            driver: question.driver.as_str().to_string(),
            value,
        };
        if let Some(closed) = self.save(ctx, &round, &delivery, &[answer]).await? {
            return Ok(closed);
        }
        let answered = self.own_answers(&round, &ctx.actor).await?;
        let remaining = questions
            .iter()
            .filter(|q| !answered.contains_key(&q.id))
            .count();
        Ok(self.say(
            ctx,
            "pulse-saved",
            &[
                ("value", value.into()),
                ("number", (index + 1).into()),
                ("remaining", remaining.into()),
            ],
        ))
    }

    /// `/pulse answer 4 5 3 2 4`.
    pub(in crate::bot) async fn pulse_answer_text(
        &self,
        ctx: &Ctx,
        text: &str,
    ) -> anyhow::Result<Message> {
        let Some((round, delivery)) = self.latest_round(ctx).await? else {
            return Ok(self.say(ctx, "pulse-none", &[]));
        };
        if !self.is_open(&round) {
            return Ok(self.closed_reply(ctx, &round));
        }
        let questions: Vec<_> = self.round_questions(&round).into_iter().cloned().collect();
        let example = || {
            questions
                .iter()
                .map(|q| q.scale.range().1.min(4).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let values = match parse_answers(text, &questions) {
            Ok(v) => v,
            Err(AnswerError::WrongCount { expected, got }) => {
                return Ok(self.say(
                    ctx,
                    "pulse-answer-wrong-count",
                    &[
                        ("expected", expected.into()),
                        ("got", got.into()),
                        ("example", example().into()),
                    ],
                ));
            }
            Err(AnswerError::NotANumber { word }) => {
                return Ok(self.say(ctx, "pulse-answer-not-a-number", &[("word", word.into())]));
            }
            Err(AnswerError::OutOfRange {
                position,
                value,
                min,
                max,
            }) => {
                return Ok(self.say(
                    ctx,
                    "pulse-answer-out-of-range",
                    &[
                        ("position", position.into()),
                        ("value", value.into()),
                        ("min", min.into()),
                        ("max", max.into()),
                    ],
                ));
            }
        };
        let answers: Vec<NewAnswer> = questions
            .iter()
            .zip(values)
            .map(|(q, value)| NewAnswer {
                question_id: q.id.clone(),
                driver: q.driver.as_str().to_string(),
                value,
            })
            .collect();
        if let Some(closed) = self.save(ctx, &round, &delivery, &answers).await? {
            return Ok(closed);
        }
        Ok(self.say(
            ctx,
            "pulse-saved-all",
            &[
                ("count", answers.len().into()),
                (
                    "closes",
                    date_time(round.closes_at, ctx.actor.timezone).into(),
                ),
            ],
        ))
    }

    /// `/pulse comment …`.
    pub(in crate::bot) async fn pulse_comment(
        &self,
        ctx: &Ctx,
        text: &str,
    ) -> anyhow::Result<Message> {
        if text.trim().is_empty() {
            return Ok(self.say(ctx, "pulse-comment-empty", &[]));
        }
        let Some((round, delivery)) = self.latest_round(ctx).await? else {
            return Ok(self.say(ctx, "pulse-none", &[]));
        };
        let Some(secret) = round.secret.clone().filter(|_| self.is_open(&round)) else {
            return Ok(self.closed_reply(ctx, &round));
        };
        let key = respondent_key(&secret, ctx.actor.id);
        match self
            .db()
            .save_comment(
                &round,
                delivery.department_id,
                &key,
                text.trim(),
                self.now(),
            )
            .await
        {
            Ok(()) => Ok(self.say(
                ctx,
                "pulse-comment-saved",
                &[("k", self.config().min_group_size.into())],
            )),
            Err(SaveAnswerError::Closed { .. }) => Ok(self.closed_reply(ctx, &round)),
            Err(SaveAnswerError::Store(e)) => Err(e.into()),
        }
    }

    /// Stores answers; returns the "closed" reply if the round closed meanwhile.
    #[tracing::instrument(skip_all)]
    async fn save(
        &self,
        ctx: &Ctx,
        round: &RoundRecord,
        delivery: &DeliveryRecord,
        answers: &[NewAnswer],
    ) -> anyhow::Result<Option<Message>> {
        let Some(secret) = &round.secret else {
            return Ok(Some(self.closed_reply(ctx, round)));
        };
        let key = respondent_key(secret, ctx.actor.id);
        match self
            .db()
            .save_answers(
                round,
                ctx.actor.id,
                delivery.department_id,
                &key,
                answers,
                self.now(),
            )
            .await
        {
            Ok(()) => {
                metrics::counter!("ambassador_pulse_answers_total").increment(answers.len() as u64);
                Ok(None)
            }
            Err(SaveAnswerError::Closed { .. }) => Ok(Some(self.closed_reply(ctx, round))),
            Err(SaveAnswerError::Store(e)) => Err(e.into()),
        }
    }
}
