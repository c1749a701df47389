//! Creating rounds (on schedule or by an admin) and sending deliveries and reminders.

use std::collections::HashMap;

use chrono::Duration;

use crate::bot::format::date_time;
use crate::bot::{Bot, Ctx, direct_to};
use crate::core::directory::Org;
use crate::core::message::{Message, RichText};
use crate::core::pulse::round::{RoundPlan, plan_now, plan_scheduled, trigger_zone};
use crate::core::pulse::selection::{AskedBefore, choose_questions};
use crate::store::{NewDelivery, NewRound, RoundRecord, new_secret};

impl Bot {
    fn remind_after(&self) -> Duration {
        Duration::hours(i64::from(self.config().settings.pulse.remind_after_hours))
    }

    fn answer_window(&self) -> Duration {
        Duration::hours(i64::from(self.config().settings.pulse.answer_window_hours))
    }

    /// Creates the scheduled round that starts at `trigger` (the schedule's local time in the
    /// first time zone to reach it). Idempotent: a second call for the same trigger does nothing.
    pub async fn create_scheduled_round(
        &self,
        org: &Org,
        trigger: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<Option<RoundRecord>> {
        let people = self.db().people(org.id).await?;
        let active: Vec<_> = people.iter().filter(|p| p.is_active).collect();
        let zones: Vec<_> = active.iter().map(|p| (p.id, p.timezone)).collect();
        let schedule = &self.config().pulse_schedule;
        let mut all_zones: Vec<_> = zones.iter().map(|(_, tz)| *tz).collect();
        all_zones.push(org.timezone);
        let zone = trigger_zone(schedule, trigger, &all_zones).unwrap_or(org.timezone);
        let plan = plan_scheduled(
            schedule,
            trigger,
            zone,
            &zones,
            self.remind_after(),
            self.answer_window(),
        );
        let key = trigger.format("%Y-%m-%dT%H:%MZ").to_string();
        self.create_round(org, &key, plan, &active).await
    }

    /// Creates a round that goes to everyone now (`/ambassador pulse start`).
    pub(in crate::bot) async fn create_round_now(
        &self,
        org: &Org,
    ) -> anyhow::Result<Option<RoundRecord>> {
        let now = self.now();
        let people = self.db().people(org.id).await?;
        let active: Vec<_> = people.iter().filter(|p| p.is_active).collect();
        let ids: Vec<_> = active.iter().map(|p| p.id).collect();
        let plan = plan_now(now, &ids, self.remind_after(), self.answer_window());
        let key = format!("manual:{}", now.format("%Y-%m-%dT%H:%M:%SZ"));
        self.create_round(org, &key, plan, &active).await
    }

    async fn create_round(
        &self,
        org: &Org,
        key: &str,
        plan: RoundPlan,
        people: &[&crate::core::directory::Person],
    ) -> anyhow::Result<Option<RoundRecord>> {
        if people.is_empty() {
            return Ok(None);
        }
        let history = self.asked_before(org).await?;
        let round_date = plan.opens_at.with_timezone(&org.timezone).date_naive();
        let questions = choose_questions(
            self.questions(),
            &history,
            round_date,
            self.config().settings.pulse.questions_per_round,
        );
        let deliveries: Vec<NewDelivery> = plan
            .deliveries
            .iter()
            .map(|d| NewDelivery {
                person: d.person,
                department: people
                    .iter()
                    .find(|p| p.id == d.person)
                    .and_then(|p| p.department_id),
                deliver_at: d.deliver_at,
                remind_at: d.remind_at,
            })
            .collect();
        let secret = new_secret()?;
        let new = NewRound {
            org: org.id,
            round_key: key,
            question_ids: &questions,
            secret: &secret,
            opens_at: plan.opens_at,
            closes_at: plan.closes_at,
            deliveries: &deliveries,
        };
        let round = self.db().create_round(&new, self.now()).await?;
        if let Some(round) = &round {
            crate::bot::jobs::schedule_round_close(self.db(), round, self.now()).await?;
            metrics::counter!("ambassador_pulse_rounds_total").increment(1);
        }
        Ok(round)
    }

    pub(in crate::bot) async fn asked_before(&self, org: &Org) -> anyhow::Result<Vec<AskedBefore>> {
        let rounds = self.db().rounds(org.id, 60).await?;
        let mut out = Vec::new();
        for r in rounds {
            let date = r.opens_at.with_timezone(&org.timezone).date_naive();
            for id in &r.question_ids {
                if let Some(q) = self.questions().iter().find(|q| &q.id == id) {
                    out.push(AskedBefore {
                        question_id: id.clone(),
                        driver: q.driver,
                        date,
                    });
                }
            }
        }
        Ok(out)
    }

    /// Sends a batch of claimed pulses (or, with `reminder`, reminders) and records them.
    /// Lookups and bookkeeping are done per batch, not per person, so a 10,000-person round goes
    /// out in seconds. Returns the deliveries that failed, to be retried.
    pub async fn send_pulses(
        &self,
        batch: &[(i64, crate::core::ids::PersonId)],
        reminder: bool,
    ) -> anyhow::Result<(usize, Vec<(i64, crate::core::ids::PersonId)>)> {
        let store = self.db();
        let now = self.now();
        let ids: Vec<_> = batch.iter().map(|(_, p)| *p).collect();
        let people: HashMap<_, _> = store
            .people_by_ids(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let veterans = if reminder {
            Default::default()
        } else {
            store.people_with_pulses(&ids).await?
        };
        let mut rounds: HashMap<i64, (RoundRecord, crate::core::directory::Org)> = HashMap::new();
        let mut done: HashMap<i64, Vec<crate::core::ids::PersonId>> = HashMap::new();
        let mut failed = Vec::new();
        let mut sent = 0;
        for (round_id, person_id) in batch {
            if !rounds.contains_key(round_id) {
                let round = store.round(*round_id).await?;
                let org = store.org(round.org).await?;
                rounds.insert(*round_id, (round, org));
            }
            let Some((round, org)) = rounds.get(round_id) else {
                continue;
            };
            let person = people.get(person_id);
            let to = person.filter(|p| p.is_active).and_then(direct_to);
            let (Some(person), Some(to)) = (person, to) else {
                // Nobody to send to: count it as handled so it is not retried forever.
                done.entry(*round_id).or_default().push(*person_id);
                continue;
            };
            let Some(platform) = self.platforms().for_org(org).cloned() else {
                failed.push((*round_id, *person_id));
                continue;
            };
            // Before the first delivery nobody can have answered; reminders show the answers.
            let answered = if reminder {
                self.own_answers(round, person).await?
            } else {
                HashMap::new()
            };
            let first = !reminder && !veterans.contains(person_id);
            let title = if reminder {
                "pulse-reminder-title"
            } else {
                "pulse-title"
            };
            let message = self.pulse_message(round, person, &answered, title, first);
            // Queued in this unit of work with the mark below: both happen, or neither.
            self.deliver(&platform, org, to, message).await?;
            sent += 1;
            done.entry(*round_id).or_default().push(*person_id);
        }
        for (round_id, people) in &done {
            store
                .mark_sent_many(*round_id, people, now, reminder)
                .await?;
        }
        metrics::counter!("ambassador_messages_sent_total").increment(sent as u64);
        Ok((sent, failed))
    }

    /// `/ambassador pulse start`.
    pub(in crate::bot) async fn admin_pulse_start(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let Some(round) = self.create_round_now(&ctx.org).await? else {
            return Ok(Message::ephemeral_text(RichText::text(self.t(
                l,
                "pulse-admin-no-people",
                &[],
            ))));
        };
        let (invited, _, _) = self.db().round_progress(round.id).await?;
        Ok(Message::ephemeral_text(RichText::text(self.t(
            l,
            "pulse-admin-started",
            &[
                ("people", invited.into()),
                ("questions", round.question_ids.len().into()),
                (
                    "closes",
                    date_time(round.closes_at, ctx.actor.timezone).into(),
                ),
            ],
        ))))
    }

    /// `/ambassador pulse status`: how many answered, never who answered what.
    pub(in crate::bot) async fn admin_pulse_status(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let tz = ctx.actor.timezone;
        let Some(round) = self.db().rounds(ctx.org.id, 1).await?.pop() else {
            return Ok(Message::ephemeral_text(RichText::text(self.t(
                l,
                "pulse-admin-status-none",
                &[],
            ))));
        };
        let (invited, delivered, responded) = self.db().round_progress(round.id).await?;
        let rate = if invited > 0 {
            (100.0 * responded as f64 / invited as f64).round() as i64
        } else {
            0
        };
        let closes = date_time(round.closes_at, tz);
        let state = if round.closed {
            self.t(l, "pulse-admin-state-closed", &[("closes", closes.into())])
        } else {
            self.t(l, "pulse-admin-state-open", &[("closes", closes.into())])
        };
        Ok(Message::ephemeral_text(RichText::text(self.t(
            l,
            "pulse-admin-status",
            &[
                ("opened", date_time(round.opens_at, tz).into()),
                ("delivered", delivered.into()),
                ("invited", invited.into()),
                ("responded", responded.into()),
                ("rate", rate.into()),
                ("state", state.into()),
            ],
        ))))
    }
}
