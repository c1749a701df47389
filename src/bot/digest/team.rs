//! One team over a year, as the web dashboard shows it: every round with the k rule, the drops
//! flagged with their plans, kudos the team's people received, recognition between
//! departments, narrative acknowledgement and comments. Built from the same snapshot and the
//! same rules as the chat digest ([`Span::WEB`] instead of [`Span::DIGEST`]), so the two never
//! disagree and nothing is counted twice.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};

use super::snapshot::{OrgSnapshot, Span};
use super::{
    AlertLine, KudosLine, NarrativeLine, alert_line, narrative_line, recognition_matrix,
    shown_comments, teams_read_by,
};
use crate::bot::Bot;
use crate::bot::format::date;
use crate::core::digest::{ORG, TeamRound, alert_recipient, subtree};
use crate::core::directory::{Org, Person};
use crate::core::pulse::Driver;

/// The most kudos a team page lists; the page says when there were more.
pub const TEAM_KUDOS_SHOWN: usize = 100;

/// A team someone may open, with its latest round, for the list of their teams.
#[derive(Debug, Clone)]
pub struct TeamEntry {
    /// The department id, or [`ORG`].
    pub id: i64,
    /// Its name (the organisation's in the viewer's language).
    pub name: String,
    /// How deep it sits below the teams the person leads (0 for those).
    pub depth: usize,
    /// Its figures in the latest closed round, when there is one.
    pub latest: Option<TeamRound>,
    /// The latest round's label.
    pub latest_round: Option<String>,
}

/// One round of a team.
#[derive(Debug, Clone)]
pub struct ReportRound {
    /// A short label (`W48`).
    pub label: String,
    /// The day it opened, in the viewer's time zone (`2026-11-23`).
    pub date: String,
    /// The figures, or why there are none (the k rule).
    pub figures: TeamRound,
    /// When rolled up: the name of the group that includes the team's answers.
    pub rolled_into: Option<String>,
}

/// A flagged drop on a team page, and whether the viewer may write its plan.
#[derive(Debug, Clone)]
pub struct DropLine {
    /// The drop, as the digest shows it.
    pub alert: AlertLine,
    /// Whether the viewer is the manager it went to (or an admin).
    pub may_plan: bool,
}

/// Everything a team page shows.
#[derive(Debug, Clone)]
pub struct TeamReport {
    /// The department id, or [`ORG`].
    pub team: i64,
    /// The team's name.
    pub name: String,
    /// The k in force.
    pub min_group_size: u32,
    /// The rounds, oldest first.
    pub rounds: Vec<ReportRound>,
    /// The drivers shown in at least one round, in report order (eNPS apart).
    pub drivers: Vec<Driver>,
    /// Drops flagged in the team or below it, newest first.
    pub drops: Vec<DropLine>,
    /// Kudos the team's people received since [`TeamReport::kudos_since`], newest first.
    pub kudos: Vec<KudosLine>,
    /// Whether there were more kudos than listed.
    pub more_kudos: bool,
    /// Where the kudos window starts (the viewer's date).
    pub kudos_since: String,
    /// How many days the kudos and recognition windows cover.
    pub kudos_days: i64,
    /// Each value in the listed kudos, with how many carried it, most first.
    pub values: Vec<(String, usize)>,
    /// Recognition between departments touching the team: (from, to, kudos), most first.
    pub recognition_matrix: Vec<(String, String, usize)>,
    /// Narrative acknowledgement among the team's people.
    pub narrative: Option<NarrativeLine>,
    /// Anonymous comments of the latest round (only when at least k answered).
    pub comments: Vec<String>,
    /// Departments directly below the team that the viewer may open.
    pub sub_teams: Vec<(i64, String)>,
}

impl Bot {
    /// The teams `person` may open on the dashboard, in tree order: those they lead and every
    /// department below them; for admins the whole organisation and every department. `None`
    /// for someone who leads nothing and is not an admin.
    pub async fn teams_of(
        &self,
        org: &Org,
        person: &Person,
        at: DateTime<Utc>,
    ) -> anyhow::Result<Option<Vec<TeamEntry>>> {
        let snapshot = self.org_snapshot(org, at, Span::WEB).await?;
        let names = self.team_names(&snapshot, person);
        let label = snapshot.rounds.last().map(|r| r.label.clone());
        let entries: Vec<TeamEntry> = visible_teams(&snapshot, person)
            .into_iter()
            .map(|(id, depth)| TeamEntry {
                id,
                name: names.get(&id).cloned().unwrap_or_default(),
                depth,
                latest: snapshot
                    .histories
                    .get(&id)
                    .and_then(|h| h.rounds.last().cloned()),
                latest_round: label.clone(),
            })
            .collect();
        Ok((!entries.is_empty()).then_some(entries))
    }

    /// One team's page for `viewer`, or `None` when it is not theirs to see (or does not exist:
    /// the two look the same, so an address tells nobody whether a team exists).
    pub async fn team_report(
        &self,
        org: &Org,
        viewer: &Person,
        team: i64,
        at: DateTime<Utc>,
    ) -> anyhow::Result<Option<TeamReport>> {
        let span = Span::WEB;
        let snapshot = self.org_snapshot(org, at, span).await?;
        let visible: HashMap<i64, usize> = visible_teams(&snapshot, viewer).into_iter().collect();
        if !visible.contains_key(&team) {
            return Ok(None);
        }
        let Some(history) = snapshot.histories.get(&team) else {
            return Ok(None);
        };
        let names = self.team_names(&snapshot, viewer);
        let name_of = |id: &i64| names.get(id).cloned().unwrap_or_default();
        let tz = viewer.timezone;
        let k = self.config().min_group_size;
        let members: Vec<i64> = subtree(&snapshot.nodes, team);
        let scope: BTreeSet<i64> = members.iter().copied().collect();

        let rounds = snapshot
            .rounds
            .iter()
            .zip(&history.rounds)
            .map(|(r, figures)| ReportRound {
                label: r.label.clone(),
                date: date(r.opened, tz),
                rolled_into: match figures {
                    TeamRound::RolledUp { into: Some(into) } => Some(name_of(into)),
                    _ => None,
                },
                figures: figures.clone(),
            })
            .collect::<Vec<_>>();
        let drivers = Driver::ALL
            .into_iter()
            .filter(|d| *d != Driver::Enps)
            .filter(|d| {
                history.rounds.iter().any(
                    |r| matches!(r, TeamRound::Shown { drivers, .. } if drivers.contains_key(d)),
                )
            })
            .collect();

        let drops = snapshot
            .alerts
            .iter()
            .filter(|a| scope.contains(&a.department_id))
            .map(|a| DropLine {
                alert: alert_line(&snapshot, a, &names, tz),
                may_plan: viewer.is_admin
                    || alert_recipient(&snapshot.nodes, a.department_id) == Some(viewer.id.0),
            })
            .collect();

        let since = at - Duration::days(span.kudos_days);
        let departments = (team != ORG).then_some(members.as_slice());
        let limit = i64::try_from(TEAM_KUDOS_SHOWN + 1).unwrap_or(i64::MAX);
        let mut received = self
            .db()
            .kudos_received_in(org.id, departments, since, at, limit)
            .await?;
        let more_kudos = received.len() > TEAM_KUDOS_SHOWN;
        received.truncate(TEAM_KUDOS_SHOWN);
        let kudos: Vec<KudosLine> = received.iter().map(KudosLine::from).collect();
        let values = value_counts(&kudos);

        let sub_teams = snapshot
            .nodes
            .iter()
            .filter(|n| n.parent.unwrap_or(ORG) == team && n.id != team)
            .filter(|n| visible.contains_key(&n.id))
            .map(|n| (n.id, n.name.clone()))
            .collect();

        Ok(Some(TeamReport {
            team,
            name: name_of(&team),
            min_group_size: k,
            rounds,
            drivers,
            drops,
            kudos,
            more_kudos,
            kudos_since: date(since, tz),
            kudos_days: span.kudos_days,
            values,
            recognition_matrix: recognition_matrix(&snapshot, &scope, &names),
            narrative: narrative_line(&snapshot, &scope),
            comments: shown_comments(&snapshot, history, k),
            sub_teams,
        }))
    }

    /// Department names, with the organisation's in the viewer's language.
    fn team_names(&self, snapshot: &OrgSnapshot, viewer: &Person) -> HashMap<i64, String> {
        let mut names = snapshot.names.clone();
        names.insert(ORG, self.t(viewer.locale, "engagement-org-name", &[]));
        names
    }
}

/// The teams a person may open, with their depth below the teams they lead, in tree order:
/// each team they read as theirs (see `teams_read_by`) followed by the departments below it.
fn visible_teams(snapshot: &OrgSnapshot, person: &Person) -> Vec<(i64, usize)> {
    let mut children: HashMap<i64, Vec<(i64, &str)>> = HashMap::new();
    for n in &snapshot.nodes {
        children
            .entry(n.parent.unwrap_or(ORG))
            .or_default()
            .push((n.id, n.name.as_str()));
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for root in teams_read_by(&snapshot.departments, person) {
        let mut stack = vec![(root, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            out.push((id, depth));
            if let Some(kids) = children.get(&id) {
                stack.extend(kids.iter().rev().map(|(k, _)| (*k, depth + 1)));
            }
        }
    }
    out
}

/// Each value tag in `kudos` with how many kudos carried it, most first, then by name.
fn value_counts(kudos: &[KudosLine]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in kudos {
        for v in &k.values {
            *counts.entry(v.as_str()).or_default() += 1;
        }
    }
    let mut counts: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(v, n)| (v.to_string(), n))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(values: &[&str]) -> KudosLine {
        KudosLine {
            from: "a".into(),
            to: vec!["b".into()],
            message: "m".into(),
            values: values.iter().map(|v| v.to_string()).collect(),
            cross_department: false,
        }
    }

    #[test]
    fn values_are_counted_once_per_kudos_most_used_first() {
        let kudos = [
            line(&["ownership"]),
            line(&["customer-first", "ownership"]),
            line(&["customer-first"]),
            line(&["candour"]),
            line(&[]),
        ];
        assert_eq!(
            value_counts(&kudos),
            vec![
                ("customer-first".to_string(), 2),
                ("ownership".to_string(), 2),
                ("candour".to_string(), 1),
            ]
        );
    }
}
