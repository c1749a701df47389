//! `console --demo`'s year of history, stored through the same paths as real rounds.
//!
//! Each week's round is created with the product's question rotation, its deliveries recorded
//! as sent, each answer saved under the round's respondent key while the round is open, and the
//! round closed by [`Bot::close_pulse_round`]: results computed once, keys erased, drops
//! detected. Nothing about the demo is a special case downstream; only the answers are made
//! up (`crate::demo::history`).

use std::collections::HashMap;

use chrono::Duration;

use crate::bot::Bot;
use crate::core::directory::{Org, Person};
use crate::core::pulse::anonymity::respondent_key;
use crate::core::pulse::selection::choose_questions;
use crate::demo::history::{self, COMMENTS, FALLING_DEPARTMENT, KUDOS, WEEKS};
use crate::store::{NewAnswer, NewDelivery, NewKudos, NewRecipient, NewRound, new_secret};

/// What seeding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoSeed {
    /// A year of rounds, kudos and acknowledgements was stored.
    Seeded {
        /// Rounds closed.
        rounds: usize,
    },
    /// The org already has rounds: nothing was changed, so running the demo again is safe.
    AlreadySeeded,
}

impl Bot {
    /// Seeds the demo org with [`WEEKS`] weekly rounds closed before now, kudos across
    /// departments and narrative acknowledgements. Does nothing if the org has any round.
    pub async fn seed_demo_history(&self, org: &Org) -> anyhow::Result<DemoSeed> {
        let db = self.db();
        if !db.rounds(org.id, 1).await?.is_empty() {
            return Ok(DemoSeed::AlreadySeeded);
        }
        let now = self.now();
        let people: Vec<Person> = db
            .people(org.id)
            .await?
            .into_iter()
            .filter(|p| p.is_active)
            .collect();
        let departments = db.departments(org.id).await?;
        let falling: Vec<_> = departments
            .iter()
            .filter(|d| d.name == FALLING_DEPARTMENT)
            .map(|d| d.id)
            .collect();
        let window = Duration::hours(i64::from(self.config().settings.pulse.answer_window_hours));
        for week in 0..WEEKS {
            // The last round closed an hour ago; each one a week before the next.
            let closes_at = now - Duration::hours(1) - Duration::weeks((WEEKS - 1 - week) as i64);
            let opens_at = closes_at - window;
            self.seed_round(org, &people, &falling, week, opens_at, closes_at)
                .await?;
        }
        self.seed_kudos(org, &people, now).await?;
        if let Some(narrative) = self.current_narrative(org).await? {
            for (i, p) in people.iter().enumerate() {
                if history::reads_narrative(&p.handle) {
                    let at = now - Duration::days(1 + (i as i64 % 20));
                    db.acknowledge_narrative(org.id, narrative.id, p.id, at)
                        .await?;
                }
            }
        }
        Ok(DemoSeed::Seeded { rounds: WEEKS })
    }

    async fn seed_round(
        &self,
        org: &Org,
        people: &[Person],
        falling: &[crate::core::ids::DepartmentId],
        week: usize,
        opens_at: chrono::DateTime<chrono::Utc>,
        closes_at: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<()> {
        let db = self.db();
        let asked = self.asked_before(org).await?;
        let round_date = opens_at.with_timezone(&org.timezone).date_naive();
        let question_ids = choose_questions(
            self.questions(),
            &asked,
            round_date,
            self.config().settings.pulse.questions_per_round,
        );
        let deliveries: Vec<NewDelivery> = people
            .iter()
            .map(|p| NewDelivery {
                person: p.id,
                department: p.department_id,
                deliver_at: opens_at,
                remind_at: opens_at + Duration::hours(24),
            })
            .collect();
        let secret = new_secret()?;
        let key = format!("demo:{}", opens_at.format("%Y-%m-%dT%H:%MZ"));
        let new = NewRound {
            org: org.id,
            round_key: &key,
            question_ids: &question_ids,
            secret: &secret,
            opens_at,
            closes_at,
            deliveries: &deliveries,
        };
        let Some(round) = db.create_round(&new, opens_at).await? else {
            return Ok(());
        };
        // Sent in the past: nothing is queued for the console to deliver now.
        let everyone: Vec<_> = people.iter().map(|p| p.id).collect();
        db.mark_sent_many(round.id, &everyone, opens_at, false)
            .await?;
        db.mark_sent_many(round.id, &everyone, opens_at, true)
            .await?;

        let by_id: HashMap<&str, &crate::core::pulse::Question> = self
            .questions()
            .iter()
            .map(|q| (q.id.as_str(), q))
            .collect();
        let questions: Vec<&crate::core::pulse::Question> = round
            .question_ids
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect();
        let scales: Vec<(u8, u8)> = questions.iter().map(|q| q.scale.range()).collect();
        let secret = round.secret.clone().unwrap_or(secret);
        let answered_at = opens_at + Duration::hours(2);
        for p in people {
            let in_falling = p.department_id.is_some_and(|d| falling.contains(&d));
            let Some(values) = history::answers(&p.handle, week, in_falling, &scales) else {
                continue;
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
            let key = respondent_key(&secret, p.id);
            let department = p.department_id.map(|d| d.0);
            db.save_answers(&round, p.id, department, &key, &answers, answered_at)
                .await?;
            if week + 1 == WEEKS
                && let Some((_, text)) = COMMENTS.iter().find(|(h, _)| *h == p.handle)
            {
                db.save_comment(&round, department, &key, text, answered_at)
                    .await?;
            }
        }
        self.close_pulse_round(round.id).await?;
        Ok(())
    }

    async fn seed_kudos(
        &self,
        org: &Org,
        people: &[Person],
        now: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<()> {
        let by_handle: HashMap<&str, &Person> =
            people.iter().map(|p| (p.handle.as_str(), p)).collect();
        for k in KUDOS {
            let Some(giver) = by_handle.get(k.from) else {
                continue;
            };
            let recipients: Vec<NewRecipient> =
                k.to.iter()
                    .filter_map(|h| by_handle.get(h))
                    .map(|p| NewRecipient {
                        person: p.id,
                        department: p.department_id,
                        manager: p.manager_id,
                    })
                    .collect();
            if recipients.is_empty() {
                continue;
            }
            let kudos = NewKudos {
                org: org.id,
                giver: giver.id,
                giver_department: giver.department_id,
                message: k.message.to_string(),
                values: k.values.iter().map(|v| v.to_string()).collect(),
                created_at: now - Duration::days(k.days_ago),
                request_id: None,
                recipients,
            };
            self.db().insert_kudos(&kudos).await?;
        }
        Ok(())
    }
}
