//! Per-team figures across rounds, with the k rule applied.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::own_teams::{OWN_TEAM_WORTH, own_teams};
use crate::core::analytics::privacy::{GroupNode, GroupVisibility, visible_groups};
use crate::core::pulse::Driver;
use crate::core::pulse::results::{ENGAGEMENT, Summary, enps, summarise};

/// A department as far as reporting is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentNode {
    /// Id.
    pub id: i64,
    /// Parent id.
    pub parent: Option<i64>,
    /// Display name.
    pub name: String,
    /// Who leads it (a person id), so complement suppression can keep a manager's own team.
    pub manager: Option<i64>,
}

impl From<&crate::core::directory::Department> for DepartmentNode {
    fn from(d: &crate::core::directory::Department) -> Self {
        DepartmentNode {
            id: d.id.0,
            parent: d.parent_id.map(|p| p.0),
            name: d.name.clone(),
            manager: d.manager_id.map(|p| p.0),
        }
    }
}

/// A department and everything under it; [`ORG`] is everything.
pub fn subtree(nodes: &[DepartmentNode], root: i64) -> Vec<i64> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let current = out[i];
        out.extend(
            nodes
                .iter()
                .filter(|n| n.parent.unwrap_or(ORG) == current && n.id != current)
                .map(|n| n.id),
        );
        i += 1;
    }
    out
}

/// One stored totals row.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    /// The respondents' department.
    pub department: Option<i64>,
    /// Driver name or `engagement`.
    pub series: String,
    /// Count.
    pub n: i64,
    /// Sum.
    pub total: f64,
    /// Sum of squares.
    pub total_sq: f64,
    /// Value counts.
    pub distribution: BTreeMap<i64, i64>,
}

/// Everything stored for one closed round.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoundTotals {
    /// The round's id.
    pub round_id: i64,
    /// When it opened.
    pub opened: chrono::DateTime<chrono::Utc>,
    /// A short label for charts (`W48`).
    pub label: String,
    /// Totals rows.
    pub rows: Vec<SeriesRow>,
    /// (department, invited, responded).
    pub participation: Vec<(Option<i64>, i64, i64)>,
}

/// One team in one round.
#[derive(Debug, Clone, PartialEq)]
pub enum TeamRound {
    /// Enough people answered: the figures.
    Shown {
        /// Engagement score: the mean of the driver means (eNPS excluded).
        score: f64,
        /// The per-respondent engagement spread, for drop detection.
        engagement: Summary,
        /// Each driver asked this round.
        drivers: BTreeMap<Driver, Summary>,
        /// eNPS, when it was asked.
        enps: Option<f64>,
        /// How many gave each answer, per driver asked (eNPS included, on 0-10).
        distributions: BTreeMap<Driver, BTreeMap<i64, i64>>,
        /// People asked.
        invited: i64,
        /// People who answered.
        responded: i64,
    },
    /// Too few answered: counted in the nearest shown parent instead.
    RolledUp {
        /// The department that includes this team's answers, if any is shown.
        into: Option<i64>,
    },
    /// Hidden so that it cannot be subtracted from a parent to reveal a small group.
    Suppressed,
    /// Nobody in the team was asked this round.
    NotAsked,
}

/// A team's figures over the rounds, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamHistory {
    /// The department.
    pub department: i64,
    /// One entry per round, in the same order as the input rounds.
    pub rounds: Vec<TeamRound>,
}

/// The id of the whole organisation in team histories: a root above the top-level departments
/// that also holds people without a department. Department ids start at 1, so 0 is free.
pub const ORG: i64 = 0;

/// Builds each requested team's history, applying the k rule round by round. Teams are
/// department ids or [`ORG`]; the organisation total always takes part in the k rule, because
/// admins can see it, so no department can be subtracted from it to reveal a small group.
pub fn team_histories(
    departments: &[DepartmentNode],
    rounds: &[RoundTotals],
    teams: &[i64],
    k: u32,
) -> Vec<TeamHistory> {
    let children: HashMap<i64, Vec<i64>> = departments.iter().fold(HashMap::new(), |mut m, d| {
        m.entry(d.parent.unwrap_or(ORG)).or_default().push(d.id);
        m
    });
    let subtree = |root: i64| -> Vec<i64> {
        let mut out = vec![root];
        let mut i = 0;
        while i < out.len() {
            if let Some(c) = children.get(&out[i]) {
                out.extend(c);
            }
            i += 1;
        }
        out
    };
    let own = own_teams(departments);
    let tree = |counts: &HashMap<i64, i64>| tree(departments, &own, counts);
    let mut per_round: Vec<(BTreeMap<i64, GroupVisibility<i64>>, RoundIndex<'_>)> = Vec::new();
    for round in rounds {
        let responded: HashMap<i64, i64> = round
            .participation
            .iter()
            .map(|(d, _, r)| (d.unwrap_or(ORG), *r))
            .fold(HashMap::new(), |mut m, (d, r)| {
                *m.entry(d).or_default() += r;
                m
            });
        // A broken tree cannot come from the directory; if it ever did, show nothing.
        let visibility = visible_groups(&tree(&responded), k).unwrap_or_default();
        // Someone may skip a question, so each driver has its own count of answers and gets
        // its own k rule: a figure is shown only where that driver's answers pass it too.
        let mut per_series: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
        for row in &round.rows {
            let e = per_series.entry(row.series.as_str()).or_default();
            *e.entry(row.department.unwrap_or(ORG)).or_default() += row.n;
        }
        let series_visibility = per_series
            .into_iter()
            .map(|(series, counts)| {
                let v = visible_groups(&tree(&counts), k).unwrap_or_default();
                (series.to_string(), v)
            })
            .collect();
        let mut index = RoundIndex::new(round);
        index.series_visibility = series_visibility;
        per_round.push((visibility, index));
    }
    teams
        .iter()
        .map(|&team| {
            let members = subtree(team);
            let rounds = per_round
                .iter()
                .map(|(visibility, round)| team_round(team, &members, visibility, round))
                .collect();
            TeamHistory {
                department: team,
                rounds,
            }
        })
        .collect()
}

/// The org tree for the k rule, with the organisation as root and `counts` per department
/// ([`ORG`] for people without one); managers' own teams are worth [`OWN_TEAM_WORTH`].
fn tree(
    departments: &[DepartmentNode],
    own: &BTreeSet<i64>,
    counts: &HashMap<i64, i64>,
) -> Vec<GroupNode<i64>> {
    let count = |id: i64| u32::try_from(*counts.get(&id).unwrap_or(&0)).unwrap_or(u32::MAX);
    let mut nodes = vec![GroupNode {
        id: ORG,
        parent: None,
        direct_respondents: count(ORG),
        worth: OWN_TEAM_WORTH,
    }];
    nodes.extend(departments.iter().map(|d| GroupNode {
        id: d.id,
        parent: Some(d.parent.unwrap_or(ORG)),
        direct_respondents: count(d.id),
        worth: if own.contains(&d.id) {
            OWN_TEAM_WORTH
        } else {
            1
        },
    }));
    nodes
}

/// One round's rows and participation grouped by department, so a team adds up only its own
/// departments instead of scanning the whole organisation's rows.
struct RoundIndex<'a> {
    rows: HashMap<i64, Vec<&'a SeriesRow>>,
    participation: HashMap<i64, (i64, i64)>,
    /// The k rule per driver, on that driver's own answer counts.
    series_visibility: HashMap<String, BTreeMap<i64, GroupVisibility<i64>>>,
}

impl<'a> RoundIndex<'a> {
    fn new(round: &'a RoundTotals) -> Self {
        // People without a department count directly in the organisation.
        let mut rows: HashMap<i64, Vec<&SeriesRow>> = HashMap::new();
        for row in &round.rows {
            rows.entry(row.department.unwrap_or(ORG))
                .or_default()
                .push(row);
        }
        let mut participation: HashMap<i64, (i64, i64)> = HashMap::new();
        for (d, invited, responded) in &round.participation {
            let e = participation.entry(d.unwrap_or(ORG)).or_default();
            e.0 += invited;
            e.1 += responded;
        }
        Self {
            rows,
            participation,
            series_visibility: HashMap::new(),
        }
    }
}

fn team_round(
    team: i64,
    members: &[i64],
    visibility: &BTreeMap<i64, GroupVisibility<i64>>,
    round: &RoundIndex<'_>,
) -> TeamRound {
    let (invited, responded) = members
        .iter()
        .filter_map(|m| round.participation.get(m))
        .fold((0, 0), |(i, r), (inv, resp)| (i + inv, r + resp));
    if invited == 0 {
        return TeamRound::NotAsked;
    }
    match visibility.get(&team) {
        Some(GroupVisibility::Shown) => {}
        Some(GroupVisibility::RolledUp { into }) => return TeamRound::RolledUp { into: *into },
        Some(GroupVisibility::Suppressed) => return TeamRound::Suppressed,
        None => return TeamRound::RolledUp { into: None },
    }
    let mut sums: BTreeMap<&str, Sums> = BTreeMap::new();
    for row in members.iter().filter_map(|m| round.rows.get(m)).flatten() {
        let e = sums.entry(row.series.as_str()).or_default();
        e.n += row.n;
        e.total += row.total;
        e.total_sq += row.total_sq;
        for (v, c) in &row.distribution {
            *e.distribution.entry(*v).or_default() += c;
        }
    }
    let mut drivers = BTreeMap::new();
    let mut distributions = BTreeMap::new();
    let mut enps_value = None;
    for (series, sum) in &sums {
        let Some(driver) = Driver::parse(series) else {
            continue;
        };
        let shown = round
            .series_visibility
            .get(*series)
            .and_then(|v| v.get(&team))
            .is_some_and(|v| *v == GroupVisibility::Shown);
        if !shown {
            continue;
        }
        distributions.insert(driver, sum.distribution.clone());
        if driver == Driver::Enps {
            enps_value = enps(&sum.distribution);
        } else if let Some(s) = summarise(sum.n, sum.total, sum.total_sq) {
            drivers.insert(driver, s);
        }
    }
    let engagement = sums
        .get(ENGAGEMENT)
        .and_then(|s| summarise(s.n, s.total, s.total_sq));
    let (Some(engagement), false) = (engagement, drivers.is_empty()) else {
        return TeamRound::RolledUp { into: None };
    };
    let score = drivers.values().map(|s| s.mean).sum::<f64>() / drivers.len() as f64;
    TeamRound::Shown {
        score,
        engagement,
        drivers,
        enps: enps_value,
        distributions,
        invited,
        responded,
    }
}

/// Totals of one series added up over a team's departments.
#[derive(Default)]
struct Sums {
    n: i64,
    total: f64,
    total_sq: f64,
    distribution: BTreeMap<i64, i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dept(id: i64, parent: Option<i64>) -> DepartmentNode {
        DepartmentNode {
            id,
            parent,
            name: format!("d{id}"),
            manager: None,
        }
    }

    fn round(answered: &[(i64, i64)]) -> RoundTotals {
        RoundTotals {
            round_id: 1,
            rows: answered
                .iter()
                .flat_map(|(d, n)| {
                    ["engagement", "peers"].map(|series| SeriesRow {
                        department: Some(*d),
                        series: series.into(),
                        n: *n,
                        total: 4.0 * *n as f64,
                        total_sq: 16.0 * *n as f64,
                        distribution: BTreeMap::from([(4, *n)]),
                    })
                })
                .collect(),
            participation: answered.iter().map(|(d, n)| (Some(*d), *n, *n)).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_driver_few_people_answered_is_hidden_even_in_a_shown_team() {
        let departments = [dept(1, None)];
        let mut r = round(&[(1, 6)]);
        // Only two of the six answered "growth".
        r.rows.push(SeriesRow {
            department: Some(1),
            series: "growth".into(),
            n: 2,
            total: 3.0,
            total_sq: 5.0,
            distribution: BTreeMap::from([(1, 1), (2, 1)]),
        });
        let histories = team_histories(&departments, &[r], &[1], 5);
        let TeamRound::Shown { drivers, .. } = &histories[0].rounds[0] else {
            panic!("the team is shown");
        };
        assert!(drivers.contains_key(&Driver::Peers));
        assert!(
            !drivers.contains_key(&Driver::Growth),
            "two answers must not be shown"
        );
    }

    #[test]
    fn a_small_team_under_a_small_department_counts_in_the_organisation() {
        // Engineering (1) holds Mobile (2, three people); Operations (3) holds Support (4, six).
        let departments = [
            dept(1, None),
            dept(2, Some(1)),
            dept(3, None),
            dept(4, Some(3)),
        ];
        let rounds = [round(&[(2, 3), (4, 6)])];
        let histories = team_histories(&departments, &rounds, &[2, ORG], 5);
        assert_eq!(
            histories[0].rounds[0],
            TeamRound::RolledUp { into: Some(ORG) }
        );
        assert!(matches!(
            histories[1].rounds[0],
            TeamRound::Shown { responded: 9, .. }
        ));
    }

    #[test]
    fn in_the_twenty_person_company_both_team_managers_see_their_teams_every_week() {
        // Arrange: Leadership (1, the head, 100), Operations (2, led by the head) holding
        // Support (3, Sam, 6 people) and Logistics (4, 3); Engineering (5, Dev, 6); Sales (6, 3).
        let mut departments = [
            dept(1, None),
            dept(2, None),
            dept(3, Some(2)),
            dept(4, Some(2)),
            dept(5, None),
            dept(6, None),
        ];
        for (d, manager) in departments.iter_mut().zip([100, 100, 103, 104, 105, 106]) {
            d.manager = Some(manager);
        }
        let rounds = [round(&[(1, 2), (3, 6), (4, 3), (5, 6), (6, 3)])];

        // Act
        let histories = team_histories(&departments, &rounds, &[3, 5, 4, 6, 2, ORG], 5);

        // Assert
        let status: Vec<&TeamRound> = histories.iter().map(|h| &h.rounds[0]).collect();
        assert!(matches!(status[0], TeamRound::Shown { responded: 6, .. }));
        assert!(matches!(status[1], TeamRound::Shown { responded: 6, .. }));
        assert_eq!(status[2], &TeamRound::RolledUp { into: Some(ORG) });
        assert_eq!(status[3], &TeamRound::RolledUp { into: Some(ORG) });
        assert_eq!(status[4], &TeamRound::Suppressed);
        assert!(matches!(status[5], TeamRound::Shown { responded: 20, .. }));
    }
}
