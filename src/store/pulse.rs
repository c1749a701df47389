//! Pulse rounds, the delivery queue, anonymous answers and the results computed at close.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::rows::{json, to_json};
use super::{BeginWrite, Store, StoreError, StoreResult, with_pool};
use crate::core::ids::{DepartmentId, OrgId, PersonId};

/// Rows per multi-row insert: well under both backends' limits on bound parameters.
const INSERT_CHUNK: usize = 1_000;

/// A round as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundRecord {
    /// Row id.
    pub id: i64,
    /// The org.
    pub org: OrgId,
    /// The org-level fire time or `manual:…`.
    pub round_key: String,
    /// The questions, in order.
    pub question_ids: Vec<String>,
    /// Present only while the round is open.
    pub secret: Option<String>,
    /// The first delivery.
    pub opens_at: DateTime<Utc>,
    /// When answers stop being accepted.
    pub closes_at: DateTime<Utc>,
    /// Whether it has been closed (results computed, keys erased).
    pub closed: bool,
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    org_id: i64,
    round_key: String,
    question_ids: String,
    secret: Option<String>,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    status: String,
}

impl TryFrom<RoundRow> for RoundRecord {
    type Error = StoreError;
    fn try_from(r: RoundRow) -> Result<Self, StoreError> {
        Ok(RoundRecord {
            id: r.id,
            org: OrgId(r.org_id),
            round_key: r.round_key,
            question_ids: json(&r.question_ids)?,
            secret: r.secret,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            closed: r.status == "closed",
        })
    }
}

macro_rules! select_rounds {
    ($rest:literal) => {
        concat!(
            "select id, org_id, round_key, question_ids, secret, opens_at, closes_at, status from pulse_rounds ",
            $rest
        )
    };
}

/// One person's invitation to a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewDelivery {
    /// Who.
    pub person: PersonId,
    /// Their department now, so answers and participation are grouped correctly.
    pub department: Option<DepartmentId>,
    /// When to send.
    pub deliver_at: DateTime<Utc>,
    /// When to remind.
    pub remind_at: DateTime<Utc>,
}

/// A person's place in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct DeliveryRecord {
    /// The round.
    pub round_id: i64,
    /// The person.
    pub person_id: i64,
    /// Their department when invited.
    pub department_id: Option<i64>,
    /// When it is (or was) due.
    pub deliver_at: DateTime<Utc>,
    /// When it was sent.
    pub delivered_at: Option<DateTime<Utc>>,
    /// Whether they answered anything.
    pub responded: bool,
}

/// One answer to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnswer {
    /// The question.
    pub question_id: String,
    /// Its driver (`recognition`, …, `enps`).
    pub driver: String,
    /// The value.
    pub value: u8,
}

/// Why answers were not stored.
#[derive(Debug, thiserror::Error)]
pub enum SaveAnswerError {
    /// The round closed before the answer arrived.
    #[error("the round is closed")]
    Closed {
        /// When it closed.
        closed_at: DateTime<Utc>,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A stored result row: one series in one department of one round.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ResultRow {
    /// The round.
    pub round_id: i64,
    /// The respondents' department (not a subtree).
    pub department_id: Option<i64>,
    /// A driver name or `engagement`.
    pub series: String,
    /// Answers (respondents for `engagement`).
    pub n: i64,
    /// Sum of values.
    pub total: f64,
    /// Sum of squared values.
    pub total_sq: f64,
    /// JSON `{value: count}`.
    pub distribution: String,
}

/// Participation in one department of one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct ParticipationRow {
    /// The round.
    pub round_id: i64,
    /// The department.
    pub department_id: Option<i64>,
    /// People asked.
    pub invited: i64,
    /// People who answered anything.
    pub responded: i64,
}

/// An answer as read at close time, still with its respondent key.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClosingAnswer {
    /// The respondent's department.
    pub department_id: Option<i64>,
    /// The driver.
    pub driver: String,
    /// The value.
    pub value: i64,
    /// Who (pseudonymously) answered, to compute each respondent's mean.
    pub respondent_key: Option<String>,
}

/// A round to create, with its invitations.
#[derive(Debug, Clone)]
pub struct NewRound<'a> {
    /// The org.
    pub org: OrgId,
    /// Unique per org: the fire time, or `manual:<time>`.
    pub round_key: &'a str,
    /// The questions, in order.
    pub question_ids: &'a [String],
    /// The round secret for respondent keys.
    pub secret: &'a str,
    /// The first delivery.
    pub opens_at: DateTime<Utc>,
    /// When answers stop.
    pub closes_at: DateTime<Utc>,
    /// Who is asked, when.
    pub deliveries: &'a [NewDelivery],
}

/// Pulse rounds, deliveries, answers and the results computed when a round closes.
#[async_trait::async_trait]
pub trait PulseStore: Send + Sync {
    /// Creates a round and its invitations in one transaction. Returns `None` when a round with
    /// this key exists already (another replica created it).
    async fn create_round(
        &self,
        round: &NewRound<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<RoundRecord>>;

    /// A round by id.
    async fn round(&self, id: i64) -> StoreResult<RoundRecord>;

    /// The newest round a person was sent, with their place in it.
    async fn latest_round_for(
        &self,
        person: PersonId,
    ) -> StoreResult<Option<(RoundRecord, DeliveryRecord)>>;

    /// The newest rounds of an org, newest first.
    async fn rounds(&self, org: OrgId, limit: i64) -> StoreResult<Vec<RoundRecord>>;

    /// The newest round of an org closed by `at` (what a digest at `at` is based on).
    async fn newest_closed_round(&self, org: OrgId, at: DateTime<Utc>) -> StoreResult<Option<i64>>;

    /// Takes up to `limit` deliveries that are due, for orgs on `platform`, leasing them so no
    /// other worker sends them too. With `reminders`, takes due reminders instead.
    async fn claim_due_deliveries(
        &self,
        platform: &str,
        now: DateTime<Utc>,
        limit: i64,
        lease: Duration,
        reminders: bool,
    ) -> StoreResult<Vec<(i64, PersonId)>>;

    /// Records that deliveries (or, with `reminder`, reminders) of one round were sent, in one
    /// statement per thousand people.
    async fn mark_sent_many(
        &self,
        round: i64,
        people: &[PersonId],
        now: DateTime<Utc>,
        reminder: bool,
    ) -> StoreResult<()>;

    /// Of `people`, those who have been sent a pulse before (the first one links to privacy).
    async fn people_with_pulses(
        &self,
        people: &[PersonId],
    ) -> StoreResult<std::collections::HashSet<PersonId>>;

    /// Releases a claimed delivery after a failed send, to be retried at `retry_at`.
    async fn release_delivery(
        &self,
        round: i64,
        person: PersonId,
        retry_at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The earliest pending delivery or reminder of orgs on `platform`.
    async fn next_pulse_due(&self, platform: &str) -> StoreResult<Option<DateTime<Utc>>>;

    /// A person's place in a round.
    async fn delivery(&self, round: i64, person: PersonId) -> StoreResult<Option<DeliveryRecord>>;

    /// Stores (or changes) answers and marks the person as having responded, in one
    /// transaction, but only while the round is open.
    async fn save_answers(
        &self,
        round: &RoundRecord,
        person: PersonId,
        department: Option<i64>,
        respondent_key: &str,
        answers: &[NewAnswer],
        now: DateTime<Utc>,
    ) -> Result<(), SaveAnswerError>;

    /// Stores (or replaces) a person's anonymous comment on an open round.
    async fn save_comment(
        &self,
        round: &RoundRecord,
        department: Option<i64>,
        respondent_key: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), SaveAnswerError>;

    /// A person's own answers in an open round, by question id.
    async fn answers_by_key(
        &self,
        round: i64,
        respondent_key: &str,
    ) -> StoreResult<HashMap<String, u8>>;

    /// Invited, delivered and responded counts of a round (for `/ambassador pulse status`).
    async fn round_progress(&self, round: i64) -> StoreResult<(i64, i64, i64)>;

    /// Closes a round: stops answers, computes the results once with `compute`, stores them
    /// with participation, then erases the round secret and every respondent key — all in one
    /// transaction, so results never exist next to linkable answers. Returns false if the round
    /// was already closed.
    async fn close_round(
        &self,
        round: i64,
        compute: &(dyn for<'a> Fn(&'a [ClosingAnswer]) -> Vec<ResultRow> + Send + Sync),
    ) -> StoreResult<bool>;

    /// Stored results of an org's rounds.
    async fn results(&self, org: OrgId, round_ids: &[i64]) -> StoreResult<Vec<ResultRow>>;

    /// Stored participation of an org's rounds.
    async fn participation(
        &self,
        org: OrgId,
        round_ids: &[i64],
    ) -> StoreResult<Vec<ParticipationRow>>;

    /// A closed round's comments, with the respondents' departments (never a name or time).
    async fn comments(&self, round: i64) -> StoreResult<Vec<(Option<i64>, String)>>;

    /// How many answer rows of a round still carry a respondent key (for tests of anonymity).
    async fn linkable_answers(&self, round: i64) -> StoreResult<i64>;
}

#[async_trait::async_trait]
impl PulseStore for Store {
    async fn create_round(
        &self,
        round: &NewRound<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<RoundRecord>> {
        let NewRound {
            org,
            round_key,
            question_ids,
            secret,
            opens_at,
            closes_at,
            deliveries,
        } = *round;
        const ROUND: &str = "insert into pulse_rounds (org_id, round_key, question_ids, secret, opens_at, closes_at, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7) on conflict (org_id, round_key) do nothing returning id";
        const DELIVERY: &str = "insert into pulse_deliveries (round_id, org_id, person_id, department_id, deliver_at, remind_at) ";
        let questions = to_json(&question_ids)?;
        let id: Option<i64> = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let id: Option<i64> = sqlx::query_scalar(ROUND)
                .bind(org.0).bind(round_key).bind(&questions).bind(secret)
                .bind(opens_at).bind(closes_at).bind(now)
                .fetch_optional(&mut *tx).await?;
            if let Some(id) = id {
                // Many rows per statement: a 10,000-person round is 10 statements, not 10,000.
                for chunk in deliveries.chunks(INSERT_CHUNK) {
                    let mut insert = sqlx::QueryBuilder::new(DELIVERY);
                    insert.push_values(chunk, |mut row, d| {
                        row.push_bind(id)
                            .push_bind(org.0)
                            .push_bind(d.person.0)
                            .push_bind(d.department.map(|x| x.0))
                            .push_bind(d.deliver_at)
                            .push_bind(d.remind_at);
                    });
                    insert.build().execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            id
        });
        match id {
            Some(id) => Ok(Some(self.round(id).await?)),
            None => Ok(None),
        }
    }

    async fn round(&self, id: i64) -> StoreResult<RoundRecord> {
        const SQL: &str = select_rounds!("where id = $1");
        let row: RoundRow = with_pool!(self, p => sqlx::query_as(SQL).bind(id).fetch_one(p).await)?;
        row.try_into()
    }

    async fn latest_round_for(
        &self,
        person: PersonId,
    ) -> StoreResult<Option<(RoundRecord, DeliveryRecord)>> {
        const SQL: &str = "select round_id, person_id, department_id, deliver_at, delivered_at, responded \
             from pulse_deliveries where person_id = $1 and delivered_at is not null \
             order by deliver_at desc, round_id desc limit 1";
        let d: Option<DeliveryRecord> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(person.0).fetch_optional(p).await)?;
        match d {
            Some(d) => Ok(Some((self.round(d.round_id).await?, d))),
            None => Ok(None),
        }
    }

    async fn rounds(&self, org: OrgId, limit: i64) -> StoreResult<Vec<RoundRecord>> {
        const SQL: &str =
            select_rounds!("where org_id = $1 order by opens_at desc, id desc limit $2");
        let rows: Vec<RoundRow> =
            with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(limit).fetch_all(p).await)?;
        rows.into_iter().map(RoundRecord::try_from).collect()
    }

    async fn newest_closed_round(&self, org: OrgId, at: DateTime<Utc>) -> StoreResult<Option<i64>> {
        const SQL: &str = "select id from pulse_rounds where org_id = $1 and status = 'closed' \
             and closes_at <= $2 order by closes_at desc, id desc limit 1";
        Ok(
            with_pool!(self, p => sqlx::query_scalar(SQL).bind(org.0).bind(at).fetch_optional(p).await)?,
        )
    }

    async fn claim_due_deliveries(
        &self,
        platform: &str,
        now: DateTime<Utc>,
        limit: i64,
        lease: Duration,
        reminders: bool,
    ) -> StoreResult<Vec<(i64, PersonId)>> {
        const PICK_DELIVERIES: &str = "select d.round_id, d.person_id from pulse_deliveries d \
             join orgs o on o.id = d.org_id join pulse_rounds r on r.id = d.round_id \
             where o.platform = $1 and r.status = 'open' and d.delivered_at is null and d.deliver_at <= $2 \
             and (d.claimed_until is null or d.claimed_until < $2) order by d.deliver_at limit $3";
        const PICK_REMINDERS: &str = "select d.round_id, d.person_id from pulse_deliveries d \
             join orgs o on o.id = d.org_id join pulse_rounds r on r.id = d.round_id \
             where o.platform = $1 and r.status = 'open' and r.closes_at > $2 \
             and d.delivered_at is not null and d.responded = false and d.reminded_at is null \
             and d.remind_at <= $2 and (d.claimed_until is null or d.claimed_until < $2) \
             order by d.remind_at limit $3";
        const PG_DELIVERIES: &str = "select d.round_id, d.person_id from pulse_deliveries d \
             join orgs o on o.id = d.org_id join pulse_rounds r on r.id = d.round_id \
             where o.platform = $1 and r.status = 'open' and d.delivered_at is null and d.deliver_at <= $2 \
             and (d.claimed_until is null or d.claimed_until < $2) order by d.deliver_at limit $3 \
             for update of d skip locked";
        const PG_REMINDERS: &str = "select d.round_id, d.person_id from pulse_deliveries d \
             join orgs o on o.id = d.org_id join pulse_rounds r on r.id = d.round_id \
             where o.platform = $1 and r.status = 'open' and r.closes_at > $2 \
             and d.delivered_at is not null and d.responded = false and d.reminded_at is null \
             and d.remind_at <= $2 and (d.claimed_until is null or d.claimed_until < $2) \
             order by d.remind_at limit $3 for update of d skip locked";
        const LEASE: &str = "update pulse_deliveries set claimed_until = ";
        let pick = match (self.is_postgres(), reminders) {
            (false, false) => PICK_DELIVERIES,
            (false, true) => PICK_REMINDERS,
            (true, false) => PG_DELIVERIES,
            (true, true) => PG_REMINDERS,
        };
        let until = now + lease;
        let picked: Vec<(i64, i64)> = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let rows: Vec<(i64, i64)> = sqlx::query_as(pick)
                .bind(platform).bind(now).bind(limit)
                .fetch_all(&mut *tx).await?;
            // One statement per round in the batch (usually one), not one per person.
            let mut by_round: HashMap<i64, Vec<i64>> = HashMap::new();
            for (round, person) in &rows {
                by_round.entry(*round).or_default().push(*person);
            }
            for (round, people) in &by_round {
                let mut lease = sqlx::QueryBuilder::new(LEASE);
                lease.push_bind(until).push(" where round_id = ").push_bind(*round).push(" and person_id in (");
                let mut list = lease.separated(", ");
                for person in people {
                    list.push_bind(*person);
                }
                list.push_unseparated(")");
                lease.build().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            rows
        });
        Ok(picked.into_iter().map(|(r, p)| (r, PersonId(p))).collect())
    }

    async fn mark_sent_many(
        &self,
        round: i64,
        people: &[PersonId],
        now: DateTime<Utc>,
        reminder: bool,
    ) -> StoreResult<()> {
        let head = if reminder {
            "update pulse_deliveries set claimed_until = null, reminded_at = "
        } else {
            "update pulse_deliveries set claimed_until = null, delivered_at = "
        };
        for chunk in people.chunks(INSERT_CHUNK) {
            with_pool!(self, p => {
                let mut q = sqlx::QueryBuilder::new(head);
                q.push_bind(now).push(" where round_id = ").push_bind(round).push(" and person_id in (");
                let mut list = q.separated(", ");
                for person in chunk {
                    list.push_bind(person.0);
                }
                list.push_unseparated(")");
                q.build().execute(p).await.map(|r| r.rows_affected())
            })?;
        }
        Ok(())
    }

    async fn people_with_pulses(
        &self,
        people: &[PersonId],
    ) -> StoreResult<std::collections::HashSet<PersonId>> {
        let mut out = std::collections::HashSet::new();
        for chunk in people.chunks(INSERT_CHUNK) {
            let ids: Vec<i64> = with_pool!(self, p => {
                let mut q = sqlx::QueryBuilder::new(
                    "select distinct person_id from pulse_deliveries where delivered_at is not null and person_id in (",
                );
                let mut list = q.separated(", ");
                for person in chunk {
                    list.push_bind(person.0);
                }
                list.push_unseparated(")");
                q.build_query_scalar().fetch_all(p).await
            })?;
            out.extend(ids.into_iter().map(PersonId));
        }
        Ok(out)
    }

    async fn release_delivery(
        &self,
        round: i64,
        person: PersonId,
        retry_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        const SQL: &str =
            "update pulse_deliveries set claimed_until = $3 where round_id = $1 and person_id = $2";
        with_pool!(self, p => sqlx::query(SQL).bind(round).bind(person.0).bind(retry_at).execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn next_pulse_due(&self, platform: &str) -> StoreResult<Option<DateTime<Utc>>> {
        const DELIVERY: &str = "select min(d.deliver_at) from pulse_deliveries d join orgs o on o.id = d.org_id \
             join pulse_rounds r on r.id = d.round_id \
             where o.platform = $1 and r.status = 'open' and d.delivered_at is null";
        const REMINDER: &str = "select min(d.remind_at) from pulse_deliveries d join orgs o on o.id = d.org_id \
             join pulse_rounds r on r.id = d.round_id \
             where o.platform = $1 and r.status = 'open' and r.closes_at > d.remind_at \
             and d.delivered_at is not null and d.responded = false and d.reminded_at is null";
        let a: Option<DateTime<Utc>> =
            with_pool!(self, p => sqlx::query_scalar(DELIVERY).bind(platform).fetch_one(p).await)?;
        let b: Option<DateTime<Utc>> =
            with_pool!(self, p => sqlx::query_scalar(REMINDER).bind(platform).fetch_one(p).await)?;
        Ok(match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
    }

    async fn delivery(&self, round: i64, person: PersonId) -> StoreResult<Option<DeliveryRecord>> {
        const SQL: &str = "select round_id, person_id, department_id, deliver_at, delivered_at, responded \
             from pulse_deliveries where round_id = $1 and person_id = $2";
        Ok(
            with_pool!(self, p => sqlx::query_as(SQL).bind(round).bind(person.0).fetch_optional(p).await)?,
        )
    }

    async fn save_answers(
        &self,
        round: &RoundRecord,
        person: PersonId,
        department: Option<i64>,
        respondent_key: &str,
        answers: &[NewAnswer],
        now: DateTime<Utc>,
    ) -> Result<(), SaveAnswerError> {
        const OPEN: &str = "select count(*) from pulse_rounds where id = $1 and status = 'open' and closes_at > $2";
        const UPSERT: &str = "insert into pulse_answers (id, round_id, org_id, department_id, question_id, driver, value, respondent_key) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) \
             on conflict (round_id, respondent_key, question_id) do update set value = excluded.value";
        const RESPONDED: &str =
            "update pulse_deliveries set responded = true where round_id = $1 and person_id = $2";
        let ids: Vec<String> = answers.iter().map(|_| random_id()).collect();
        let open = with_pool!(self, p => {
            let mut tx = p.begin_write().await.map_err(StoreError::from)?;
            let open: i64 = sqlx::query_scalar(OPEN).bind(round.id).bind(now)
                .fetch_one(&mut *tx).await.map_err(StoreError::from)?;
            if open == 1 {
                for (a, id) in answers.iter().zip(&ids) {
                    sqlx::query(UPSERT)
                        .bind(id).bind(round.id).bind(round.org.0).bind(department)
                        .bind(&a.question_id).bind(&a.driver).bind(i64::from(a.value)).bind(respondent_key)
                        .execute(&mut *tx).await.map_err(StoreError::from)?;
                }
                sqlx::query(RESPONDED).bind(round.id).bind(person.0)
                    .execute(&mut *tx).await.map_err(StoreError::from)?;
            }
            tx.commit().await.map_err(StoreError::from)?;
            open == 1
        });
        if open {
            Ok(())
        } else {
            Err(SaveAnswerError::Closed {
                closed_at: round.closes_at,
            })
        }
    }

    async fn save_comment(
        &self,
        round: &RoundRecord,
        department: Option<i64>,
        respondent_key: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), SaveAnswerError> {
        const OPEN: &str = "select count(*) from pulse_rounds where id = $1 and status = 'open' and closes_at > $2";
        const UPSERT: &str = "insert into pulse_comments (id, round_id, org_id, department_id, body, respondent_key) \
             values ($1, $2, $3, $4, $5, $6) on conflict (round_id, respondent_key) do update set body = excluded.body";
        let id = random_id();
        let open = with_pool!(self, p => {
            let mut tx = p.begin_write().await.map_err(StoreError::from)?;
            let open: i64 = sqlx::query_scalar(OPEN).bind(round.id).bind(now)
                .fetch_one(&mut *tx).await.map_err(StoreError::from)?;
            if open == 1 {
                sqlx::query(UPSERT)
                    .bind(&id).bind(round.id).bind(round.org.0).bind(department).bind(body).bind(respondent_key)
                    .execute(&mut *tx).await.map_err(StoreError::from)?;
            }
            tx.commit().await.map_err(StoreError::from)?;
            open == 1
        });
        if open {
            Ok(())
        } else {
            Err(SaveAnswerError::Closed {
                closed_at: round.closes_at,
            })
        }
    }

    async fn answers_by_key(
        &self,
        round: i64,
        respondent_key: &str,
    ) -> StoreResult<HashMap<String, u8>> {
        const SQL: &str = "select question_id, value from pulse_answers where round_id = $1 and respondent_key = $2";
        let rows: Vec<(String, i64)> = with_pool!(self, p => sqlx::query_as(SQL)
            .bind(round).bind(respondent_key).fetch_all(p).await)?;
        Ok(rows
            .into_iter()
            .map(|(q, v)| (q, u8::try_from(v).unwrap_or_default()))
            .collect())
    }

    async fn round_progress(&self, round: i64) -> StoreResult<(i64, i64, i64)> {
        const SQL: &str = "select count(*), \
             coalesce(sum(case when delivered_at is not null then 1 else 0 end), 0), \
             coalesce(sum(case when responded then 1 else 0 end), 0) \
             from pulse_deliveries where round_id = $1";
        let row: (i64, i64, i64) =
            with_pool!(self, p => sqlx::query_as(SQL).bind(round).fetch_one(p).await)?;
        Ok(row)
    }

    async fn close_round(
        &self,
        round: i64,
        compute: &(dyn for<'a> Fn(&'a [ClosingAnswer]) -> Vec<ResultRow> + Send + Sync),
    ) -> StoreResult<bool> {
        const CLOSE: &str = "update pulse_rounds set status = 'closed', secret = null where id = $1 and status = 'open'";
        const ANSWERS: &str = "select department_id, driver, value, respondent_key from pulse_answers where round_id = $1";
        const RESULT: &str = "insert into pulse_results (round_id, org_id, department_id, series, n, total, total_sq, distribution) ";
        const PARTICIPATION: &str = "insert into pulse_participation (round_id, org_id, department_id, invited, responded) \
             select round_id, org_id, department_id, count(*), sum(case when responded then 1 else 0 end) \
             from pulse_deliveries where round_id = $1 group by round_id, org_id, department_id";
        const FORGET_ANSWERS: &str =
            "update pulse_answers set respondent_key = null where round_id = $1";
        const FORGET_COMMENTS: &str =
            "update pulse_comments set respondent_key = null where round_id = $1";
        const ORG: &str = "select org_id from pulse_rounds where id = $1";
        let closed = with_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let changed = sqlx::query(CLOSE).bind(round).execute(&mut *tx).await?.rows_affected();
            if changed == 1 {
                let org: i64 = sqlx::query_scalar(ORG).bind(round).fetch_one(&mut *tx).await?;
                let answers: Vec<ClosingAnswer> = sqlx::query_as(ANSWERS).bind(round).fetch_all(&mut *tx).await?;
                let results = compute(&answers);
                for chunk in results.chunks(INSERT_CHUNK) {
                    let mut insert = sqlx::QueryBuilder::new(RESULT);
                    insert.push_values(chunk, |mut row, r| {
                        row.push_bind(round)
                            .push_bind(org)
                            .push_bind(r.department_id)
                            .push_bind(r.series.clone())
                            .push_bind(r.n)
                            .push_bind(r.total)
                            .push_bind(r.total_sq)
                            .push_bind(r.distribution.clone());
                    });
                    insert.build().execute(&mut *tx).await?;
                }
                sqlx::query(PARTICIPATION).bind(round).execute(&mut *tx).await?;
                sqlx::query(FORGET_ANSWERS).bind(round).execute(&mut *tx).await?;
                sqlx::query(FORGET_COMMENTS).bind(round).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            changed == 1
        });
        Ok(closed)
    }

    async fn results(&self, org: OrgId, round_ids: &[i64]) -> StoreResult<Vec<ResultRow>> {
        const SQL: &str = "select round_id, department_id, series, n, total, total_sq, distribution \
             from pulse_results where org_id = $1 and round_id = $2";
        let mut out = Vec::new();
        for id in round_ids {
            let rows: Vec<ResultRow> =
                with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(id).fetch_all(p).await)?;
            out.extend(rows);
        }
        Ok(out)
    }

    async fn participation(
        &self,
        org: OrgId,
        round_ids: &[i64],
    ) -> StoreResult<Vec<ParticipationRow>> {
        const SQL: &str = "select round_id, department_id, invited, responded \
             from pulse_participation where org_id = $1 and round_id = $2";
        let mut out = Vec::new();
        for id in round_ids {
            let rows: Vec<ParticipationRow> =
                with_pool!(self, p => sqlx::query_as(SQL).bind(org.0).bind(id).fetch_all(p).await)?;
            out.extend(rows);
        }
        Ok(out)
    }

    async fn comments(&self, round: i64) -> StoreResult<Vec<(Option<i64>, String)>> {
        const SQL: &str =
            "select department_id, body from pulse_comments where round_id = $1 order by id";
        Ok(with_pool!(self, p => sqlx::query_as(SQL).bind(round).fetch_all(p).await)?)
    }

    async fn linkable_answers(&self, round: i64) -> StoreResult<i64> {
        const SQL: &str =
            "select count(*) from pulse_answers where round_id = $1 and respondent_key is not null";
        Ok(with_pool!(self, p => sqlx::query_scalar(SQL).bind(round).fetch_one(p).await)?)
    }
}

/// A random id (128 bits, hex), so ids carry no order.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    // The OS random source does not fail on supported platforms; a zeroed id would still be
    // unique enough with the time mixed in below.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        bytes[..8].copy_from_slice(&nanos.to_be_bytes());
    }
    hex::encode(bytes)
}

/// A new round secret (256 bits, hex).
pub fn new_secret() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Corrupt(format!("no random source: {e}")))?;
    Ok(hex::encode(bytes))
}
