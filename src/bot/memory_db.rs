//! An in-memory [`Db`] for unit tests of use cases: no SQL, no files, no server.
//!
//! It keeps what the tested use cases read and write (orgs, people, departments, kudos, the
//! narrative and the outbox) in plain collections, and its units of work really commit or roll
//! back: a unit works on a copy of its parent's state and writes it back only when it commits,
//! so a test can tell "rolled back" from "never done". Tests run one request at a time, so the
//! copy needs no locking beyond its mutex.
//!
//! Ports no test uses yet answer with an error naming the method, so a use case that starts
//! needing one fails loudly instead of reading a made-up answer.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::core::directory::import::OrgChart;
use crate::core::directory::platform_users::PlatformUser;
use crate::core::directory::{Department, Org, Person};
use crate::core::ids::{DepartmentId, JobId, KudosId, NarrativeVersionId, OrgId, PersonId};
use crate::core::locale::Locale;
use crate::core::narrative::Narrative;
use crate::store::{
    AckOutcome, AlertRecord, AlertStore, ClosingAnswer, Db, DeliveryRecord, DirectoryStore,
    ImportSummary, JobRecord, JobStore, KudosRecord, KudosStore, KudosTotals, NarrativeStore,
    NewAlert, NewAnswer, NewJob, NewKudos, NewOutbound, NewRound, OrgStore, OutboundStore,
    ParticipationRow, PulseStore, ResultRow, RoundRecord, SaveAnswerError, StoreError, StoreResult,
    StoredNarrative, SyncSummary, UnitOfWork, WebStore,
};
use crate::store::{
    BacklogStore, PlatformBacklog, RosterCounts, RosterEntry, RosterFilter, RosterStore,
};
use crate::store::{LinkRefusal, NewSignInLink, NewWebSession, WebSessionRecord};

/// Everything the in-memory database holds; tests arrange it and read it back directly.
#[derive(Debug, Clone, Default)]
pub(crate) struct Memory {
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    pub departments: Vec<Department>,
    pub kudos: Vec<(KudosId, NewKudos)>,
    pub narratives: Vec<(OrgId, StoredNarrative)>,
    /// Outbound rows committed (or queued straight on the database, outside a unit).
    pub outbox: Vec<NewOutbound>,
    /// Makes `insert_kudos` fail the way a lost connection would.
    pub fail_kudos_insert: bool,
}

/// The database, or one unit of work inside it.
pub(crate) struct MemoryDb {
    state: Arc<Mutex<Memory>>,
    /// What this unit commits into; `None` for the database itself.
    parent: Option<Arc<Mutex<Memory>>>,
    ended: AtomicBool,
}

impl MemoryDb {
    /// A database holding `memory`.
    pub(crate) fn new(memory: Memory) -> Arc<MemoryDb> {
        Arc::new(MemoryDb {
            state: Arc::new(Mutex::new(memory)),
            parent: None,
            ended: AtomicBool::new(false),
        })
    }

    /// Changes what the database holds, between requests.
    pub(crate) fn update(&self, f: impl FnOnce(&mut Memory)) {
        f(&mut self.lock());
    }

    /// A copy of what the database holds now.
    pub(crate) fn snapshot(&self) -> Memory {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Memory> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the state, refusing once this unit has committed or rolled back (as the
    /// real store does).
    fn with<T>(&self, f: impl FnOnce(&mut Memory) -> T) -> StoreResult<T> {
        if self.ended.load(Ordering::Acquire) {
            return Err(StoreError::UnitEnded);
        }
        Ok(f(&mut self.lock()))
    }

    fn end(&self) -> StoreResult<()> {
        if self.ended.swap(true, Ordering::AcqRel) {
            return Err(StoreError::UnitEnded);
        }
        Ok(())
    }
}

/// The answer of a port this fake does not keep.
fn not_kept<T>(method: &str) -> StoreResult<T> {
    Err(StoreError::Corrupt(format!(
        "{method} is not kept by the in-memory test database"
    )))
}

#[async_trait::async_trait]
impl UnitOfWork for MemoryDb {
    async fn begin_unit(&self) -> StoreResult<Arc<dyn Db>> {
        let copy = self.with(|m| m.clone())?;
        Ok(Arc::new(MemoryDb {
            state: Arc::new(Mutex::new(copy)),
            parent: Some(self.state.clone()),
            ended: AtomicBool::new(false),
        }))
    }

    async fn commit_unit(&self) -> StoreResult<()> {
        let Some(parent) = &self.parent else {
            return Ok(());
        };
        self.end()?;
        let done = self.lock().clone();
        *parent.lock().unwrap_or_else(|e| e.into_inner()) = done;
        Ok(())
    }

    async fn rollback_unit(&self) -> StoreResult<()> {
        if self.parent.is_none() {
            return Ok(());
        }
        self.end()
    }
}

#[async_trait::async_trait]
impl OutboundStore for MemoryDb {
    async fn queue_outbound(&self, rows: &[NewOutbound]) -> StoreResult<()> {
        self.with(|m| m.outbox.extend_from_slice(rows))
    }
}

#[async_trait::async_trait]
impl OrgStore for MemoryDb {
    async fn ensure_org(
        &self,
        platform: &str,
        platform_org_id: &str,
        name: &str,
        timezone: Tz,
        locale: Locale,
        _now: DateTime<Utc>,
    ) -> StoreResult<Org> {
        self.with(|m| {
            if let Some(org) = m
                .orgs
                .iter()
                .find(|o| o.platform == platform && o.platform_org_id == platform_org_id)
            {
                return org.clone();
            }
            let org = Org {
                id: OrgId(m.orgs.len() as i64 + 1),
                platform: platform.into(),
                platform_org_id: platform_org_id.into(),
                name: name.into(),
                timezone,
                locale,
            };
            m.orgs.push(org.clone());
            org
        })
    }

    async fn find_org(&self, platform: &str, platform_org_id: &str) -> StoreResult<Option<Org>> {
        self.with(|m| {
            m.orgs
                .iter()
                .find(|o| o.platform == platform && o.platform_org_id == platform_org_id)
                .cloned()
        })
    }

    async fn org(&self, id: OrgId) -> StoreResult<Org> {
        self.with(|m| m.orgs.iter().find(|o| o.id == id).cloned())?
            .ok_or(StoreError::NotFound)
    }

    async fn orgs(&self) -> StoreResult<Vec<Org>> {
        self.with(|m| m.orgs.clone())
    }
}

#[async_trait::async_trait]
impl DirectoryStore for MemoryDb {
    async fn person_by_platform_id(
        &self,
        org: OrgId,
        platform_user_id: &str,
    ) -> StoreResult<Option<Person>> {
        self.with(|m| {
            m.people
                .iter()
                .find(|p| {
                    p.org_id == org && p.platform_user_id.as_deref() == Some(platform_user_id)
                })
                .cloned()
        })
    }

    async fn person_by_handle(&self, org: OrgId, handle: &str) -> StoreResult<Option<Person>> {
        self.with(|m| {
            m.people
                .iter()
                .find(|p| p.org_id == org && p.handle == handle)
                .cloned()
        })
    }

    async fn person(&self, id: PersonId) -> StoreResult<Person> {
        self.with(|m| m.people.iter().find(|p| p.id == id).cloned())?
            .ok_or(StoreError::NotFound)
    }

    async fn people_by_ids(&self, ids: &[PersonId]) -> StoreResult<Vec<Person>> {
        self.with(|m| {
            m.people
                .iter()
                .filter(|p| ids.contains(&p.id))
                .cloned()
                .collect()
        })
    }

    async fn people(&self, org: OrgId) -> StoreResult<Vec<Person>> {
        self.with(|m| {
            let mut people: Vec<Person> = m
                .people
                .iter()
                .filter(|p| p.org_id == org)
                .cloned()
                .collect();
            people.sort_by(|a, b| a.handle.cmp(&b.handle));
            people
        })
    }

    async fn admins(&self, org: OrgId) -> StoreResult<Vec<Person>> {
        self.with(|m| {
            m.people
                .iter()
                .filter(|p| p.org_id == org && p.is_admin && p.is_active)
                .cloned()
                .collect()
        })
    }

    async fn leads_a_department(&self, person: PersonId) -> StoreResult<bool> {
        self.with(|m| m.departments.iter().any(|d| d.manager_id == Some(person)))
    }

    async fn direct_report_count(&self, manager: PersonId) -> StoreResult<u32> {
        self.with(|m| {
            m.people
                .iter()
                .filter(|p| p.manager_id == Some(manager) && p.is_active)
                .count() as u32
        })
    }

    async fn mark_welcomed(&self, person: PersonId, _now: DateTime<Utc>) -> StoreResult<bool> {
        self.with(|m| match m.people.iter_mut().find(|p| p.id == person) {
            Some(p) if !p.welcomed => {
                p.welcomed = true;
                true
            }
            _ => false,
        })
    }

    async fn department(&self, id: DepartmentId) -> StoreResult<Department> {
        self.with(|m| m.departments.iter().find(|d| d.id == id).cloned())?
            .ok_or(StoreError::NotFound)
    }

    async fn departments(&self, _org: OrgId) -> StoreResult<Vec<Department>> {
        // One org per test: every department is its.
        self.with(|m| m.departments.clone())
    }

    async fn emails(&self, org: OrgId) -> StoreResult<BTreeSet<String>> {
        self.with(|m| {
            m.people
                .iter()
                .filter(|p| p.org_id == org)
                .map(|p| p.email.clone())
                .collect()
        })
    }

    async fn apply_org_chart(
        &self,
        _org: OrgId,
        _chart: &OrgChart,
        _handles_are_platform_ids: bool,
        _now: DateTime<Utc>,
    ) -> StoreResult<ImportSummary> {
        not_kept("apply_org_chart")
    }

    async fn sync_platform_users(
        &self,
        _org: OrgId,
        _users: &[PlatformUser],
        _now: DateTime<Utc>,
    ) -> StoreResult<SyncSummary> {
        not_kept("sync_platform_users")
    }

    async fn deactivate_platform_user(
        &self,
        _org: OrgId,
        _platform_user_id: &str,
        _now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        not_kept("deactivate_platform_user")
    }

    async fn place_in_departments(
        &self,
        _org: OrgId,
        _placements: &[(String, String)],
        _now: DateTime<Utc>,
    ) -> StoreResult<usize> {
        not_kept("place_in_departments")
    }
}

#[async_trait::async_trait]
impl KudosStore for MemoryDb {
    async fn insert_kudos(&self, kudos: &NewKudos) -> StoreResult<KudosId> {
        self.with(|m| {
            if m.fail_kudos_insert {
                return Err(StoreError::Corrupt("the connection was lost".into()));
            }
            let id = KudosId(m.kudos.len() as i64 + 1);
            m.kudos.push((id, kudos.clone()));
            Ok(id)
        })?
    }

    async fn kudos_for_request(
        &self,
        org: OrgId,
        request_id: &str,
    ) -> StoreResult<Option<KudosId>> {
        self.with(|m| {
            m.kudos
                .iter()
                .find(|(_, k)| k.org == org && k.request_id.as_deref() == Some(request_id))
                .map(|(id, _)| *id)
        })
    }

    async fn recipients_thanked_since(
        &self,
        giver: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<u32> {
        self.with(|m| {
            m.kudos
                .iter()
                .filter(|(_, k)| k.giver == giver && k.created_at >= since)
                .map(|(_, k)| k.recipients.len() as u32)
                .sum()
        })
    }

    async fn hold_allowance(
        &self,
        giver: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<(u32, u32)> {
        // One request at a time: nobody else can spend the allowance meanwhile.
        Ok((
            self.recipients_thanked_since(giver, since).await?,
            self.direct_report_count(giver).await?,
        ))
    }

    async fn kudos_given_by(&self, _giver: PersonId, _limit: i64) -> StoreResult<Vec<KudosRecord>> {
        not_kept("kudos_given_by")
    }

    async fn kudos_received_by(
        &self,
        _person: PersonId,
        _limit: i64,
    ) -> StoreResult<Vec<KudosRecord>> {
        not_kept("kudos_received_by")
    }

    async fn kudos_since(
        &self,
        _org: OrgId,
        _since: DateTime<Utc>,
    ) -> StoreResult<Vec<KudosRecord>> {
        not_kept("kudos_since")
    }

    async fn kudos_for_manager(
        &self,
        _manager: PersonId,
        _since: DateTime<Utc>,
        _until: DateTime<Utc>,
    ) -> StoreResult<Vec<KudosRecord>> {
        not_kept("kudos_for_manager")
    }

    async fn kudos_received_in(
        &self,
        _org: OrgId,
        _departments: Option<&[i64]>,
        _since: DateTime<Utc>,
        _until: DateTime<Utc>,
        _limit: i64,
    ) -> StoreResult<Vec<KudosRecord>> {
        not_kept("kudos_received_in")
    }

    async fn kudos_flows(
        &self,
        _org: OrgId,
        _since: DateTime<Utc>,
        _until: DateTime<Utc>,
    ) -> StoreResult<Vec<(Option<i64>, Option<i64>)>> {
        not_kept("kudos_flows")
    }

    async fn kudos(&self, _id: KudosId) -> StoreResult<KudosRecord> {
        not_kept("kudos")
    }

    async fn kudos_totals(&self, _person: PersonId) -> StoreResult<KudosTotals> {
        not_kept("kudos_totals")
    }

    async fn kudos_count(&self, org: OrgId) -> StoreResult<i64> {
        self.with(|m| m.kudos.iter().filter(|(_, k)| k.org == org).count() as i64)
    }
}

#[async_trait::async_trait]
impl NarrativeStore for MemoryDb {
    async fn current_narrative(&self, org: OrgId) -> StoreResult<Option<StoredNarrative>> {
        self.with(|m| {
            m.narratives
                .iter()
                .filter(|(o, _)| *o == org)
                .map(|(_, n)| n)
                .max_by_key(|n| n.version)
                .cloned()
        })
    }

    async fn narrative_in_org(
        &self,
        org: OrgId,
        id: NarrativeVersionId,
    ) -> StoreResult<Option<StoredNarrative>> {
        self.with(|m| {
            m.narratives
                .iter()
                .find(|(o, n)| *o == org && n.id == id)
                .map(|(_, n)| n.clone())
        })
    }

    async fn insert_narrative(
        &self,
        org: OrgId,
        narrative: &Narrative,
        _source: &str,
        _created_by: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> StoreResult<StoredNarrative> {
        self.with(|m| {
            let version = m.narratives.iter().filter(|(o, _)| *o == org).count() as i64 + 1;
            let stored = StoredNarrative {
                id: NarrativeVersionId(m.narratives.len() as i64 + 1),
                version,
                created_at: now,
                narrative: narrative.clone(),
            };
            m.narratives.push((org, stored.clone()));
            stored
        })
    }

    async fn acknowledge_narrative(
        &self,
        _org: OrgId,
        _version: NarrativeVersionId,
        _person: PersonId,
        _now: DateTime<Utc>,
    ) -> StoreResult<AckOutcome> {
        not_kept("acknowledge_narrative")
    }

    async fn narrative_acknowledged_at(
        &self,
        _version: NarrativeVersionId,
        _person: PersonId,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        not_kept("narrative_acknowledged_at")
    }

    async fn narrative_ack_count(&self, _version: NarrativeVersionId) -> StoreResult<i64> {
        not_kept("narrative_ack_count")
    }

    async fn narrative_readers(&self, _version: NarrativeVersionId) -> StoreResult<Vec<PersonId>> {
        not_kept("narrative_readers")
    }

    async fn last_moment_section(&self, _org: OrgId) -> StoreResult<Option<usize>> {
        not_kept("last_moment_section")
    }

    async fn featured_kudos(&self, _org: OrgId) -> StoreResult<Vec<KudosId>> {
        not_kept("featured_kudos")
    }

    async fn record_moment(
        &self,
        _org: OrgId,
        _job_key: &str,
        _version: NarrativeVersionId,
        _section_index: usize,
        _kudos: Option<KudosId>,
        _now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        not_kept("record_moment")
    }

    async fn moment_count(&self, _org: OrgId) -> StoreResult<i64> {
        not_kept("moment_count")
    }
}

#[async_trait::async_trait]
impl PulseStore for MemoryDb {
    async fn create_round(
        &self,
        _round: &NewRound<'_>,
        _now: DateTime<Utc>,
    ) -> StoreResult<Option<RoundRecord>> {
        not_kept("create_round")
    }

    async fn round(&self, _id: i64) -> StoreResult<RoundRecord> {
        not_kept("round")
    }

    async fn latest_round_for(
        &self,
        _person: PersonId,
    ) -> StoreResult<Option<(RoundRecord, DeliveryRecord)>> {
        not_kept("latest_round_for")
    }

    async fn rounds(&self, _org: OrgId, _limit: i64) -> StoreResult<Vec<RoundRecord>> {
        not_kept("rounds")
    }

    async fn newest_closed_round(
        &self,
        _org: OrgId,
        _at: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        not_kept("newest_closed_round")
    }

    async fn claim_due_deliveries(
        &self,
        _platform: &str,
        _now: DateTime<Utc>,
        _limit: i64,
        _lease: Duration,
        _reminders: bool,
    ) -> StoreResult<Vec<(i64, PersonId)>> {
        not_kept("claim_due_deliveries")
    }

    async fn mark_sent_many(
        &self,
        _round: i64,
        _people: &[PersonId],
        _now: DateTime<Utc>,
        _reminder: bool,
    ) -> StoreResult<()> {
        not_kept("mark_sent_many")
    }

    async fn people_with_pulses(&self, _people: &[PersonId]) -> StoreResult<HashSet<PersonId>> {
        not_kept("people_with_pulses")
    }

    async fn release_delivery(
        &self,
        _round: i64,
        _person: PersonId,
        _retry_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        not_kept("release_delivery")
    }

    async fn next_pulse_due(&self, _platform: &str) -> StoreResult<Option<DateTime<Utc>>> {
        not_kept("next_pulse_due")
    }

    async fn delivery(
        &self,
        _round: i64,
        _person: PersonId,
    ) -> StoreResult<Option<DeliveryRecord>> {
        not_kept("delivery")
    }

    async fn save_answers(
        &self,
        _round: &RoundRecord,
        _person: PersonId,
        _department: Option<i64>,
        _respondent_key: &str,
        _answers: &[NewAnswer],
        _now: DateTime<Utc>,
    ) -> Result<(), SaveAnswerError> {
        Ok(not_kept("save_answers")?)
    }

    async fn save_comment(
        &self,
        _round: &RoundRecord,
        _department: Option<i64>,
        _respondent_key: &str,
        _body: &str,
        _now: DateTime<Utc>,
    ) -> Result<(), SaveAnswerError> {
        Ok(not_kept("save_comment")?)
    }

    async fn answers_by_key(
        &self,
        _round: i64,
        _respondent_key: &str,
    ) -> StoreResult<HashMap<String, u8>> {
        not_kept("answers_by_key")
    }

    async fn round_progress(&self, _round: i64) -> StoreResult<(i64, i64, i64)> {
        not_kept("round_progress")
    }

    async fn close_round(
        &self,
        _round: i64,
        _compute: &(dyn for<'a> Fn(&'a [ClosingAnswer]) -> Vec<ResultRow> + Send + Sync),
    ) -> StoreResult<bool> {
        not_kept("close_round")
    }

    async fn results(&self, _org: OrgId, _round_ids: &[i64]) -> StoreResult<Vec<ResultRow>> {
        not_kept("results")
    }

    async fn participation(
        &self,
        _org: OrgId,
        _round_ids: &[i64],
    ) -> StoreResult<Vec<ParticipationRow>> {
        not_kept("participation")
    }

    async fn comments(&self, _round: i64) -> StoreResult<Vec<(Option<i64>, String)>> {
        not_kept("comments")
    }

    async fn linkable_answers(&self, _round: i64) -> StoreResult<i64> {
        not_kept("linkable_answers")
    }
}

#[async_trait::async_trait]
impl AlertStore for MemoryDb {
    async fn raise_alert(
        &self,
        _alert: &NewAlert,
        _now: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        not_kept("raise_alert")
    }

    async fn alert(&self, _org: OrgId, _id: i64) -> StoreResult<Option<AlertRecord>> {
        not_kept("alert")
    }

    async fn alerts_since(
        &self,
        _org: OrgId,
        _since: DateTime<Utc>,
    ) -> StoreResult<Vec<AlertRecord>> {
        not_kept("alerts_since")
    }

    async fn plan_alert_action(
        &self,
        _id: i64,
        _action: &str,
        _now: DateTime<Utc>,
    ) -> StoreResult<()> {
        not_kept("plan_alert_action")
    }

    async fn kudos_received_times(
        &self,
        _org: OrgId,
        _since: DateTime<Utc>,
    ) -> StoreResult<Vec<(Option<i64>, DateTime<Utc>)>> {
        not_kept("kudos_received_times")
    }
}

#[async_trait::async_trait]
impl JobStore for MemoryDb {
    async fn schedule_job(&self, _job: &NewJob, _now: DateTime<Utc>) -> StoreResult<bool> {
        not_kept("schedule_job")
    }

    async fn has_open_job(&self, _org: OrgId, _kind: &str) -> StoreResult<bool> {
        not_kept("has_open_job")
    }

    async fn claim_due_job(
        &self,
        _platform: &str,
        _now: DateTime<Utc>,
        _lease: Duration,
    ) -> StoreResult<Option<JobRecord>> {
        not_kept("claim_due_job")
    }

    async fn complete_job(&self, _id: JobId, _now: DateTime<Utc>) -> StoreResult<()> {
        not_kept("complete_job")
    }

    async fn fail_job(
        &self,
        _id: JobId,
        _error: &str,
        _retry_at: Option<DateTime<Utc>>,
        _now: DateTime<Utc>,
    ) -> StoreResult<()> {
        not_kept("fail_job")
    }

    async fn next_due_at(&self, _platform: &str) -> StoreResult<Option<DateTime<Utc>>> {
        not_kept("next_due_at")
    }

    async fn job_count(&self, _org: OrgId, _kind: &str, _status: &str) -> StoreResult<i64> {
        not_kept("job_count")
    }
}

#[async_trait::async_trait]
impl WebStore for MemoryDb {
    async fn create_sign_in_link(&self, _link: &NewSignInLink) -> StoreResult<()> {
        not_kept("create_sign_in_link")
    }

    async fn redeem_sign_in_link(
        &self,
        _token_hash: &str,
        _now: DateTime<Utc>,
    ) -> StoreResult<Result<(OrgId, PersonId), LinkRefusal>> {
        not_kept("redeem_sign_in_link")
    }

    async fn create_web_session(&self, _session: &NewWebSession) -> StoreResult<()> {
        not_kept("create_web_session")
    }

    async fn web_session(
        &self,
        _token_hash: &str,
        _now: DateTime<Utc>,
    ) -> StoreResult<Option<WebSessionRecord>> {
        not_kept("web_session")
    }

    async fn end_web_session(&self, _token_hash: &str) -> StoreResult<()> {
        not_kept("end_web_session")
    }
}

impl Memory {
    /// The org's people a roster filter matches, by name.
    fn roster_matches(&self, org: OrgId, filter: &RosterFilter) -> Vec<&Person> {
        let search = filter.search.trim().to_lowercase();
        let mut people: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| p.org_id == org)
            .filter(|p| {
                p.display_name.to_lowercase().contains(&search)
                    || p.email.to_lowercase().contains(&search)
            })
            .filter(|p| !filter.unlinked_only || p.platform_user_id.is_none())
            .collect();
        people.sort_by(|a, b| (&a.display_name, a.id).cmp(&(&b.display_name, b.id)));
        people
    }
}

#[async_trait::async_trait]
impl RosterStore for MemoryDb {
    async fn roster(
        &self,
        org: OrgId,
        filter: &RosterFilter,
        offset: i64,
        limit: i64,
    ) -> StoreResult<Vec<RosterEntry>> {
        self.with(|m| {
            let name_of = |id: Option<PersonId>| {
                id.and_then(|id| m.people.iter().find(|p| p.id == id))
                    .map(|p| p.display_name.clone())
            };
            m.roster_matches(org, filter)
                .into_iter()
                .skip(usize::try_from(offset).unwrap_or(0))
                .take(usize::try_from(limit).unwrap_or(0))
                .map(|p| RosterEntry {
                    id: p.id,
                    display_name: p.display_name.clone(),
                    email: p.email.clone(),
                    handle: p.handle.clone(),
                    department: p.department_id.and_then(|d| {
                        m.departments
                            .iter()
                            .find(|x| x.id == d)
                            .map(|x| x.path.clone())
                    }),
                    manager: name_of(p.manager_id),
                    locale: p.locale,
                    is_admin: p.is_admin,
                    is_active: p.is_active,
                    linked: p.platform_user_id.is_some(),
                })
                .collect()
        })
    }

    async fn roster_counts(&self, org: OrgId, filter: &RosterFilter) -> StoreResult<RosterCounts> {
        self.with(|m| {
            let people = m.roster_matches(org, filter);
            let count = |f: &dyn Fn(&Person) -> bool| people.iter().filter(|p| f(p)).count() as i64;
            RosterCounts {
                people: people.len() as i64,
                active: count(&|p| p.is_active),
                active_linked: count(&|p| p.is_active && p.platform_user_id.is_some()),
            }
        })
    }
}

#[async_trait::async_trait]
impl BacklogStore for MemoryDb {
    async fn relay_backlog(
        &self,
        _failed_since: DateTime<Utc>,
    ) -> StoreResult<Vec<PlatformBacklog>> {
        not_kept("relay_backlog")
    }
}
