//! The manager's digest: team figures with the k rule, kudos their people received, narrative
//! acknowledgement, anonymous comments and a chart of the last rounds. Built as data
//! ([`Digest`]) so chat, the command line (text or JSON) and the weekly job share it.

mod export;
mod render;
mod snapshot;
mod team;

pub(crate) use snapshot::SnapshotCache;
use snapshot::{OrgSnapshot, Span};

pub use export::ExportRow;
pub use team::{DropLine, ReportRound, TEAM_KUDOS_SHOWN, TeamEntry, TeamReport};

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::bot::{Bot, Ctx};
use crate::core::digest::teams::SeriesRow;
use crate::core::digest::{ORG, RoundTotals, TeamRound, alert_recipient, subtree};
use crate::core::directory::{Department, Org, Person};
use crate::core::message::{Message, RichText};
use crate::core::pulse::Driver;

/// How many closed rounds the digest and its chart look back over.
pub const ROUNDS_SHOWN: usize = 12;

/// A manager's digest.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// The manager's name.
    pub manager: String,
    /// The manager's email.
    pub manager_email: String,
    /// The ISO week it covers, e.g. `2026-W48`.
    pub week: String,
    /// The k in force.
    pub min_group_size: u32,
    /// One entry per team the manager leads.
    pub teams: Vec<TeamDigest>,
    /// Kudos the manager's people received in the week, newest first.
    pub kudos: Vec<KudosLine>,
    /// How many of those crossed a department line.
    pub cross_department_kudos: usize,
    /// Recognition between departments in the week, where the giver's or the recipient's
    /// department is in the manager's teams: (from, to, kudos), most first.
    pub recognition_matrix: Vec<(String, String, usize)>,
    /// Narrative acknowledgement among the manager's people.
    pub narrative: Option<NarrativeLine>,
    /// Anonymous comments from the latest round (only groups of at least k).
    pub comments: Vec<CommentLine>,
    /// Drops flagged in the manager's teams in the last eight weeks, with the actions taken.
    pub alerts: Vec<AlertLine>,
    /// Round labels of the chart, oldest first.
    pub chart_rounds: Vec<String>,
    /// The chart as PNG.
    #[serde(skip)]
    pub chart_png: Option<Vec<u8>>,
}

/// One team's figures.
#[derive(Debug, Clone, Serialize)]
pub struct TeamDigest {
    /// The department's name.
    pub team: String,
    /// `shown`, `rolled-up`, `suppressed`, `not-asked` or `no-rounds`.
    pub status: String,
    /// The department results are included in, when rolled up.
    pub rolled_up_into: Option<String>,
    /// Engagement score of the latest round (1-5).
    pub score: Option<f64>,
    /// Change since the previous shown round.
    pub change: Option<f64>,
    /// Response rate, percent.
    pub response_rate: Option<f64>,
    /// People asked in the latest round.
    pub invited: Option<i64>,
    /// People who answered.
    pub responded: Option<i64>,
    /// eNPS when it was asked.
    pub enps: Option<f64>,
    /// Drivers that rose most since they were last shown (driver, change).
    pub rising: Vec<(String, f64)>,
    /// Drivers that fell most.
    pub falling: Vec<(String, f64)>,
    /// Engagement score per round, oldest first (None where not shown).
    pub history: Vec<Option<f64>>,
    /// Kudos people in the team gave in the week (each recipient counts).
    pub kudos_given: usize,
    /// Kudos people in the team received in the week.
    pub kudos_received: usize,
}

/// A kudos line in the digest.
#[derive(Debug, Clone, Serialize)]
pub struct KudosLine {
    /// Who gave it.
    pub from: String,
    /// Who received it.
    pub to: Vec<String>,
    /// The words, as typed.
    pub message: String,
    /// Its values.
    pub values: Vec<String>,
    /// Whether it crossed a department line.
    pub cross_department: bool,
}

impl From<&crate::store::KudosRecord> for KudosLine {
    fn from(k: &crate::store::KudosRecord) -> Self {
        KudosLine {
            from: k.giver_name.clone(),
            to: k.recipients.iter().map(|r| r.name.clone()).collect(),
            message: k.message.clone(),
            values: k.values.clone(),
            cross_department: k
                .recipients
                .iter()
                .any(|r| r.department.is_some() && r.department != k.giver_department),
        }
    }
}

/// Narrative acknowledgement among a manager's people.
#[derive(Debug, Clone, Serialize)]
pub struct NarrativeLine {
    /// The current version.
    pub version: i64,
    /// People who confirmed reading it.
    pub read: usize,
    /// People in the manager's teams.
    pub people: usize,
}

/// A drop flagged in one of the manager's teams, and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct AlertLine {
    /// The alert's number, for `/engagement plan`.
    pub id: i64,
    /// The team.
    pub team: String,
    /// What fell: `engagement`, a driver, `response-rate` or `kudos`.
    pub series: String,
    /// The level before the fall.
    pub baseline: f64,
    /// The level when it was flagged.
    pub flagged: f64,
    /// The level in the latest round, when the team is shown.
    pub now: Option<f64>,
    /// Whether at least three quarters of the fall has been regained.
    pub recovered: Option<bool>,
    /// When the fall started.
    pub since: String,
    /// What the manager said they would do.
    pub action: Option<String>,
}

/// An anonymous comment, shown with its team only.
#[derive(Debug, Clone, Serialize)]
pub struct CommentLine {
    /// The team.
    pub team: String,
    /// The words.
    pub text: String,
}

/// Why there is no digest for someone.
#[derive(Debug, thiserror::Error)]
pub enum DigestError {
    /// They lead no department and are not an admin.
    #[error("not a manager")]
    NotAManager,
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl Bot {
    /// `/engagement`: the latest digest, for managers and admins.
    pub(in crate::bot) async fn engagement(&self, ctx: &Ctx) -> anyhow::Result<Message> {
        match self.digest(&ctx.org, &ctx.actor, self.now()).await {
            Ok(d) => {
                let mut m = self.digest_message(&d, ctx.actor.locale);
                m.visibility = crate::core::message::Visibility::Ephemeral;
                Ok(m)
            }
            Err(DigestError::NotAManager) => Ok(Message::ephemeral_text(RichText::text(self.t(
                ctx.actor.locale,
                "engagement-not-manager",
                &[],
            )))),
            Err(DigestError::Other(e)) => Err(e),
        }
    }

    /// Sends a manager their weekly digest as a direct message.
    pub async fn send_digest(
        &self,
        org: &Org,
        manager: crate::core::ids::PersonId,
    ) -> anyhow::Result<()> {
        let person = self.db().person(manager).await?;
        let Some(to) = crate::bot::direct_to(&person).filter(|_| person.is_active) else {
            return Ok(());
        };
        let digest = match self.digest(org, &person, self.now()).await {
            Ok(d) => d,
            Err(DigestError::NotAManager) => return Ok(()),
            Err(DigestError::Other(e)) => return Err(e),
        };
        let platform = self
            .platforms()
            .for_org(org)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("no adapter for platform {}", org.platform))?;
        let message = self.digest_message(&digest, person.locale);
        self.deliver(&platform, org, to, message).await?;
        metrics::counter!("ambassador_digests_sent_total").increment(1);
        Ok(())
    }

    /// The digest of `manager` as of `at` (rounds closed and kudos given before then), with
    /// its chart.
    pub async fn digest(
        &self,
        org: &Org,
        manager: &Person,
        at: DateTime<Utc>,
    ) -> Result<Digest, DigestError> {
        self.digest_figures(org, manager, at, true).await
    }

    /// The digest without drawing the chart unless `with_chart` (for exports and benchmarks of
    /// the figures alone).
    pub async fn digest_figures(
        &self,
        org: &Org,
        manager: &Person,
        at: DateTime<Utc>,
        with_chart: bool,
    ) -> Result<Digest, DigestError> {
        let store = self.db();
        let snapshot = self.org_snapshot(org, at, Span::DIGEST).await?;
        let led = teams_read_by(&snapshot.departments, manager);
        if led.is_empty() {
            return Err(DigestError::NotAManager);
        }
        let mut names = snapshot.names.clone();
        names.insert(ORG, self.t(manager.locale, "engagement-org-name", &[]));
        let names = &names;
        let nodes = &snapshot.nodes;
        let k = self.config().min_group_size;
        let histories: Vec<&crate::core::digest::TeamHistory> = led
            .iter()
            .filter_map(|d| snapshot.histories.get(d))
            .collect();
        let teams = histories
            .iter()
            .map(|h| {
                team_digest(
                    names.get(&h.department).cloned().unwrap_or_default(),
                    h,
                    names,
                )
            })
            .collect::<Vec<_>>();

        // Kudos given and received per team, and the flows between departments that touch
        // the manager's teams. Counts of recognition are not survey answers: no k rule applies.
        let mut teams = teams;
        let mut scope: BTreeSet<i64> = BTreeSet::new();
        for (team, h) in teams.iter_mut().zip(&histories) {
            let members: BTreeSet<i64> = subtree(nodes, h.department).into_iter().collect();
            team.kudos_given = snapshot
                .kudos_flows
                .iter()
                .filter(|(g, _)| g.is_some_and(|g| members.contains(&g)))
                .count();
            team.kudos_received = snapshot
                .kudos_flows
                .iter()
                .filter(|(_, r)| r.is_some_and(|r| members.contains(&r)))
                .count();
            scope.extend(members);
        }
        let recognition_matrix = recognition_matrix(&snapshot, &scope, names);

        // Comments: latest round, teams shown with at least k respondents.
        let comments = histories
            .iter()
            .flat_map(|h| {
                let team = names.get(&h.department).cloned().unwrap_or_default();
                shown_comments(&snapshot, h, k)
                    .into_iter()
                    .map(move |text| CommentLine {
                        team: team.clone(),
                        text,
                    })
            })
            .collect();

        // Kudos to the manager's people in the week before `at`.
        let week_start = at - Duration::days(7);
        let received = store
            .kudos_for_manager(manager.id, week_start, at)
            .await
            .map_err(anyhow::Error::from)?;
        let kudos: Vec<KudosLine> = received.iter().map(KudosLine::from).collect();
        let cross_department_kudos = kudos.iter().filter(|k| k.cross_department).count();

        // Narrative acknowledgement among the people in the manager's teams.
        let mut in_scope: BTreeSet<i64> = BTreeSet::new();
        for t in &led {
            in_scope.extend(subtree(nodes, *t));
        }
        let narrative = narrative_line(&snapshot, &in_scope);

        // Drops flagged to this manager (their teams, or a team nobody leads below them), and
        // whether they recovered.
        let alerts = snapshot
            .alerts
            .iter()
            .filter(|a| alert_recipient(nodes, a.department_id) == Some(manager.id.0))
            .map(|a| alert_line(&snapshot, a, names, manager.timezone))
            .collect();

        let chart_rounds: Vec<String> = snapshot.rounds.iter().map(|r| r.label.clone()).collect();
        let chart_png = with_chart
            .then(|| self.digest_chart(&teams, &chart_rounds, manager.locale))
            .flatten();
        Ok(Digest {
            manager: manager.display_name.clone(),
            manager_email: manager.email.clone(),
            // The week just ended: a Monday-morning digest covers the week before it.
            week: (at - Duration::days(1))
                .with_timezone(&manager.timezone)
                .format("%G-W%V")
                .to_string(),
            min_group_size: k,
            teams,
            kudos,
            cross_department_kudos,
            recognition_matrix,
            narrative,
            comments,
            alerts,
            chart_rounds,
            chart_png,
        })
    }

    /// The last `limit` rounds closed before `at`, oldest first, with their stored totals.
    pub(in crate::bot) async fn closed_rounds(
        &self,
        org: &Org,
        at: DateTime<Utc>,
        limit: usize,
    ) -> anyhow::Result<Vec<RoundTotals>> {
        let store = self.db();
        let mut rounds: Vec<_> = store
            .rounds(org.id, 10_000)
            .await?
            .into_iter()
            .filter(|r| r.closed && r.closes_at <= at)
            .take(limit)
            .collect();
        rounds.reverse();
        let ids: Vec<i64> = rounds.iter().map(|r| r.id).collect();
        let results = store.results(org.id, &ids).await?;
        let participation = store.participation(org.id, &ids).await?;
        Ok(rounds
            .iter()
            .map(|r| RoundTotals {
                round_id: r.id,
                opened: r.opens_at,
                label: r
                    .opens_at
                    .with_timezone(&org.timezone)
                    .format("W%V")
                    .to_string(),
                rows: results
                    .iter()
                    .filter(|x| x.round_id == r.id)
                    .map(|x| SeriesRow {
                        department: x.department_id,
                        series: x.series.clone(),
                        n: x.n,
                        total: x.total,
                        total_sq: x.total_sq,
                        distribution: serde_json::from_str::<BTreeMap<String, i64>>(
                            &x.distribution,
                        )
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|(k, v)| k.parse().ok().map(|k| (k, v)))
                        .collect(),
                    })
                    .collect(),
                participation: participation
                    .iter()
                    .filter(|p| p.round_id == r.id)
                    .map(|p| (p.department_id, p.invited, p.responded))
                    .collect(),
            })
            .collect())
    }
}

/// The teams a person reads as theirs, in the order digests list them: the departments they
/// lead, except those inside another they lead (a manager who leads a department and its
/// sub-department reads them as one team). Admins get the whole organisation ([`ORG`]) first,
/// then what they lead or, leading nothing, each top-level department. Empty for anyone else.
fn teams_read_by(departments: &[Department], manager: &Person) -> Vec<i64> {
    let mut led: Vec<i64> = departments
        .iter()
        .filter(|d| d.manager_id == Some(manager.id))
        .map(|d| d.id.0)
        .collect();
    let parent_of: HashMap<i64, Option<i64>> = departments
        .iter()
        .map(|d| (d.id.0, d.parent_id.map(|p| p.0)))
        .collect();
    let led_set: BTreeSet<i64> = led.iter().copied().collect();
    led.retain(|d| {
        let mut p = parent_of.get(d).copied().flatten();
        while let Some(x) = p {
            if led_set.contains(&x) {
                return false;
            }
            p = parent_of.get(&x).copied().flatten();
        }
        true
    });
    if manager.is_admin {
        if led.is_empty() {
            led = departments
                .iter()
                .filter(|d| d.parent_id.is_none())
                .map(|d| d.id.0)
                .collect();
        }
        led.insert(0, ORG);
    }
    led
}

/// Recognition between departments in the snapshot's kudos window, where the giver's or the
/// recipient's department is in `scope`: (from, to, kudos), most first.
fn recognition_matrix(
    snapshot: &OrgSnapshot,
    scope: &BTreeSet<i64>,
    names: &HashMap<i64, String>,
) -> Vec<(String, String, usize)> {
    let mut flows: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (g, r) in &snapshot.kudos_flows {
        let (Some(g), Some(r)) = (g, r) else { continue };
        if g == r || !(scope.contains(g) || scope.contains(r)) {
            continue;
        }
        let name = |d: &i64| names.get(d).cloned().unwrap_or_default();
        *flows.entry((name(g), name(r))).or_default() += 1;
    }
    let mut matrix: Vec<(String, String, usize)> =
        flows.into_iter().map(|((f, t), n)| (f, t, n)).collect();
    matrix.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    matrix
}

/// The anonymous comments of the latest round from a team's departments, only when the team
/// is shown in that round with at least `k` respondents; nothing otherwise.
fn shown_comments(
    snapshot: &OrgSnapshot,
    history: &crate::core::digest::TeamHistory,
    k: u32,
) -> Vec<String> {
    let Some(TeamRound::Shown { responded, .. }) = history.rounds.last() else {
        return Vec::new();
    };
    if *responded < i64::from(k) {
        return Vec::new();
    }
    let members: BTreeSet<i64> = subtree(&snapshot.nodes, history.department)
        .into_iter()
        .collect();
    snapshot
        .latest_comments
        .iter()
        .filter(|(dept, _)| dept.is_some_and(|d| members.contains(&d)))
        .map(|(_, text)| text.clone())
        .collect()
}

/// How many of the active people in `in_scope` (department ids) confirmed reading the
/// current narrative.
fn narrative_line(snapshot: &OrgSnapshot, in_scope: &BTreeSet<i64>) -> Option<NarrativeLine> {
    let (version, readers) = snapshot.narrative.as_ref()?;
    let people: Vec<_> = snapshot
        .people
        .iter()
        .filter(|(_, d)| in_scope.contains(d))
        .collect();
    Some(NarrativeLine {
        version: *version,
        read: people.iter().filter(|(p, _)| readers.contains(p)).count(),
        people: people.len(),
    })
}

/// A flagged drop as managers read it: where the figure is now, whether it recovered, and the
/// action planned.
fn alert_line(
    snapshot: &OrgSnapshot,
    a: &crate::store::AlertRecord,
    names: &HashMap<i64, String>,
    tz: chrono_tz::Tz,
) -> AlertLine {
    let now = snapshot
        .histories
        .get(&a.department_id)
        .and_then(|h| h.rounds.last())
        .and_then(|r| latest_value(r, &a.series));
    let since = snapshot
        .rounds
        .iter()
        .find(|r| r.round_id == a.since_round_id)
        .map(|r| crate::bot::format::date(r.opened, tz))
        .unwrap_or_default();
    AlertLine {
        id: a.id,
        team: names.get(&a.department_id).cloned().unwrap_or_default(),
        series: a.series.clone(),
        baseline: a.baseline,
        flagged: a.current,
        now,
        recovered: now.map(|v| v >= a.current + 0.75 * (a.baseline - a.current)),
        since,
        action: a.action.clone(),
    }
}

fn team_digest(
    name: String,
    history: &crate::core::digest::TeamHistory,
    names: &HashMap<i64, String>,
) -> TeamDigest {
    let scores: Vec<Option<f64>> = history
        .rounds
        .iter()
        .map(|r| match r {
            TeamRound::Shown { score, .. } => Some(*score),
            _ => None,
        })
        .collect();
    let mut digest = TeamDigest {
        team: name,
        status: "no-rounds".into(),
        rolled_up_into: None,
        score: None,
        change: None,
        response_rate: None,
        invited: None,
        responded: None,
        enps: None,
        rising: vec![],
        falling: vec![],
        history: scores.clone(),
        kudos_given: 0,
        kudos_received: 0,
    };
    let Some(latest) = history.rounds.last() else {
        return digest;
    };
    match latest {
        TeamRound::Shown {
            score,
            drivers,
            enps,
            invited,
            responded,
            ..
        } => {
            digest.status = "shown".into();
            digest.score = Some(*score);
            digest.enps = *enps;
            digest.invited = Some(*invited);
            digest.responded = Some(*responded);
            digest.response_rate = Some(100.0 * *responded as f64 / (*invited).max(1) as f64);
            let previous = scores[..scores.len() - 1].iter().rev().flatten().next();
            digest.change = previous.map(|p| score - p);
            // Each driver against the last round it was shown in.
            let mut changes: Vec<(String, f64)> = Vec::new();
            for (driver, now) in drivers {
                let before = history.rounds[..history.rounds.len() - 1]
                    .iter()
                    .rev()
                    .find_map(|r| match r {
                        TeamRound::Shown { drivers, .. } => drivers.get(driver).map(|s| s.mean),
                        _ => None,
                    });
                if let Some(before) = before {
                    changes.push((driver_name(*driver), now.mean - before));
                }
            }
            changes.sort_by(|a, b| b.1.total_cmp(&a.1));
            digest.rising = changes
                .iter()
                .filter(|c| c.1 > 0.0)
                .take(2)
                .cloned()
                .collect();
            digest.falling = changes
                .iter()
                .rev()
                .filter(|c| c.1 < 0.0)
                .take(2)
                .cloned()
                .collect();
        }
        TeamRound::RolledUp { into } => {
            digest.status = "rolled-up".into();
            digest.rolled_up_into = into.and_then(|i| names.get(&i).cloned());
        }
        TeamRound::Suppressed => digest.status = "suppressed".into(),
        TeamRound::NotAsked => digest.status = "not-asked".into(),
    }
    digest
}

/// The value of `series` in a team's round, on the scale alerts use.
fn latest_value(round: &TeamRound, series: &str) -> Option<f64> {
    let TeamRound::Shown {
        engagement,
        drivers,
        invited,
        responded,
        ..
    } = round
    else {
        return None;
    };
    match series {
        "engagement" => Some(engagement.mean),
        "response-rate" => Some(*responded as f64 / (*invited).max(1) as f64),
        "kudos" => None,
        driver => Driver::parse(driver)
            .and_then(|d| drivers.get(&d))
            .map(|s| s.mean),
    }
}

fn driver_name(d: Driver) -> String {
    d.as_str().to_string()
}
