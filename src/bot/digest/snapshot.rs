//! What every manager's digest of one org shares, loaded once and reused.
//!
//! Eight hundred managers' digests would otherwise each reload the whole directory and twelve
//! rounds of totals. The snapshot is keyed by the newest round closed before the digest's
//! instant, so it is rebuilt when a round closes, and expires after a minute so acknowledgements
//! and directory changes show up promptly. It is also keyed by its [`Span`]: the chat digest
//! reads twelve rounds and a week of kudos, the web dashboard a year of rounds, so each keeps
//! its own copy and neither pays for the other's.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::ROUNDS_SHOWN;
use crate::bot::Bot;
use crate::core::digest::{DepartmentNode, ORG, RoundTotals, TeamHistory, team_histories};
use crate::core::directory::{Department, Org};
use crate::core::ids::PersonId;

/// How long a snapshot is reused.
const TTL: Duration = Duration::from_secs(60);

/// How far back a snapshot looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Span {
    /// Closed rounds, newest last.
    pub rounds: usize,
    /// Weeks of drop alerts.
    pub alert_weeks: i64,
    /// Days of kudos flows (the recognition matrix).
    pub kudos_days: i64,
}

impl Span {
    /// The chat digest: the last twelve rounds, eight weeks of drops, the week's kudos.
    pub(crate) const DIGEST: Span = Span {
        rounds: ROUNDS_SHOWN,
        alert_weeks: 8,
        kudos_days: 7,
    };
    /// The web dashboard: a year of weekly rounds and of drops, four weeks of kudos.
    pub(crate) const WEB: Span = Span {
        rounds: 52,
        alert_weeks: 52,
        kudos_days: 28,
    };
}

/// The shared part of an org's digests. An alert or its action planned after the snapshot was
/// built shows up when it expires (a minute) or the next round closes.
pub(crate) struct OrgSnapshot {
    pub departments: Vec<Department>,
    pub nodes: Vec<DepartmentNode>,
    pub names: HashMap<i64, String>,
    /// Closed rounds, oldest first, with their totals.
    pub rounds: Vec<RoundTotals>,
    /// Every department's figures over those rounds, k rule applied once for all managers.
    pub histories: HashMap<i64, TeamHistory>,
    /// Comments of the newest closed round: (department, text).
    pub latest_comments: Vec<(Option<i64>, String)>,
    /// Active people with a department: (person, department).
    pub people: Vec<(PersonId, i64)>,
    /// The current narrative version and who confirmed reading it.
    pub narrative: Option<(i64, BTreeSet<PersonId>)>,
    /// Drop alerts of the span's weeks before the snapshot's instant, newest first.
    pub alerts: Vec<crate::store::AlertRecord>,
    /// (giver's department, recipient's department) of each kudos in the span's days before.
    pub kudos_flows: Vec<(Option<i64>, Option<i64>)>,
}

/// Org id, newest closed round id and span: what a snapshot depends on.
type SnapshotKey = (i64, Option<i64>, Span);

/// Snapshots by org and newest closed round, with when each was built.
#[derive(Default)]
pub(crate) struct SnapshotCache {
    entries: Mutex<HashMap<SnapshotKey, (Instant, Arc<OrgSnapshot>)>>,
}

impl SnapshotCache {
    /// Forgets an org's snapshots, after a change digests must show at once (an alert raised
    /// or answered).
    pub(crate) fn invalidate(&self, org: i64) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(o, _, _), _| *o != org);
    }
}

impl Bot {
    /// The org's shared digest data as of `at` over `span`, from the cache when fresh.
    pub(in crate::bot) async fn org_snapshot(
        &self,
        org: &Org,
        at: DateTime<Utc>,
        span: Span,
    ) -> anyhow::Result<Arc<OrgSnapshot>> {
        let store = self.db();
        let newest = store.newest_closed_round(org.id, at).await?;
        let key = (org.id.0, newest, span);
        let cache = &self.inner.snapshots;
        if let Some((built, snap)) = cache
            .entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            && built.elapsed() < TTL
        {
            return Ok(snap.clone());
        }
        let departments = store.departments(org.id).await?;
        let nodes: Vec<DepartmentNode> = departments.iter().map(DepartmentNode::from).collect();
        let names = departments
            .iter()
            .map(|d| (d.id.0, d.name.clone()))
            .collect();
        let rounds = self.closed_rounds(org, at, span.rounds).await?;
        let all: Vec<i64> = std::iter::once(ORG)
            .chain(nodes.iter().map(|n| n.id))
            .collect();
        let histories = team_histories(&nodes, &rounds, &all, self.config().min_group_size)
            .into_iter()
            .map(|h| (h.department, h))
            .collect();
        let latest_comments = match rounds.last() {
            Some(r) => store.comments(r.round_id).await?,
            None => vec![],
        };
        let people = store
            .people(org.id)
            .await?
            .into_iter()
            .filter(|p| p.is_active)
            .filter_map(|p| p.department_id.map(|d| (p.id, d.0)))
            .collect();
        let narrative = match store.current_narrative(org.id).await? {
            Some(n) => Some((
                n.version,
                store.narrative_readers(n.id).await?.into_iter().collect(),
            )),
            None => None,
        };
        let alerts = store
            .alerts_since(org.id, at - chrono::Duration::weeks(span.alert_weeks))
            .await?
            .into_iter()
            .filter(|a| a.created_at <= at)
            .collect();
        let kudos_flows = store
            .kudos_flows(org.id, at - chrono::Duration::days(span.kudos_days), at)
            .await?;
        let snap = Arc::new(OrgSnapshot {
            departments,
            nodes,
            names,
            rounds,
            histories,
            latest_comments,
            people,
            narrative,
            alerts,
            kudos_flows,
        });
        let mut entries = cache.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, (built, _)| built.elapsed() < TTL);
        entries.insert(key, (Instant::now(), snap.clone()));
        Ok(snap)
    }
}
