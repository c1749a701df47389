//! How many managers see their own team, with complement suppression as it chooses now
//! (minimum total worth) and as it chose before (smallest group first).
//!
//! `cargo bench --bench suppression` draws seeded random org charts, runs the k rule on each
//! with both rules and prints, over every manager whose own team has at least k respondents,
//! the share who see it; then how long the exact search takes on large charts. It asserts
//! nothing.
//!
//! The charts: 3 to 60 departments, each hanging under a random earlier one (or the
//! organisation); a department with sub-departments has 0 to 3 people of its own, one without
//! has 3 to 9; 80 % answer; k = 5. Every department has its own manager, except that a
//! department with no people of its own is, half the time, led by the manager above it (as
//! an Operations division led by the head of the company). A manager's own teams are the
//! topmost departments they lead, as the digest reads them (`core::digest::own_teams`).

use std::collections::BTreeMap;
use std::time::Instant;

use ambassador::core::analytics::privacy::{
    GroupNode, GroupVisibility, Suppression, visible_groups_with,
};
use ambassador::core::digest::{DepartmentNode, ORG, OWN_TEAM_WORTH, own_teams};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CHARTS: usize = 20_000;
const K: u32 = 5;
const ANSWERING: f64 = 0.8;

/// One random org chart: the departments and each one's respondents (the organisation, id 0,
/// holds the head).
struct Chart {
    departments: Vec<DepartmentNode>,
    respondents: BTreeMap<i64, u32>,
}

fn chart(rng: &mut StdRng, departments: usize) -> Chart {
    let parents: Vec<Option<i64>> = (0..departments)
        .map(|i| {
            let pick = rng.random_range(0..=i);
            (pick > 0).then_some(pick as i64)
        })
        .collect();
    let mut has_children = vec![false; departments + 1];
    for p in parents.iter().flatten() {
        has_children[*p as usize] = true;
    }
    let mut respondents = BTreeMap::from([(ORG, u32::from(rng.random_bool(ANSWERING)))]);
    let mut nodes: Vec<DepartmentNode> = Vec::with_capacity(departments);
    for (i, parent) in parents.iter().enumerate() {
        let id = i as i64 + 1;
        let people = if has_children[id as usize] {
            rng.random_range(0..=3)
        } else {
            rng.random_range(3..=9)
        };
        let answered = (0..people).filter(|_| rng.random_bool(ANSWERING)).count();
        respondents.insert(id, answered as u32);
        let led_from_above = people == 0 && rng.random_bool(0.5);
        let manager = if led_from_above {
            // The head of the company (0) leads what hangs directly under the organisation.
            Some(parent.map_or(0, |p| nodes[p as usize - 1].manager.unwrap_or(0)))
        } else {
            Some(1_000 + id)
        };
        nodes.push(DepartmentNode {
            id,
            parent: *parent,
            name: format!("d{id}"),
            manager,
        });
    }
    Chart {
        departments: nodes,
        respondents,
    }
}

fn group_nodes(chart: &Chart) -> Vec<GroupNode<i64>> {
    let own = own_teams(&chart.departments);
    let count = |id: i64| chart.respondents.get(&id).copied().unwrap_or(0);
    std::iter::once(GroupNode {
        id: ORG,
        parent: None,
        direct_respondents: count(ORG),
        worth: OWN_TEAM_WORTH,
    })
    .chain(chart.departments.iter().map(|d| GroupNode {
        id: d.id,
        parent: Some(d.parent.unwrap_or(ORG)),
        direct_respondents: count(d.id),
        worth: if own.contains(&d.id) {
            OWN_TEAM_WORTH
        } else {
            1
        },
    }))
    .collect()
}

/// Managers' own teams of at least k respondents, those shown, and groups hidden, per rule.
#[derive(Default)]
struct Tally {
    own_teams: usize,
    shown: [usize; 2],
    hidden: [usize; 2],
}

fn subtree_respondents(nodes: &[GroupNode<i64>]) -> BTreeMap<i64, u64> {
    let parent: BTreeMap<i64, Option<i64>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
    let mut total: BTreeMap<i64, u64> = BTreeMap::new();
    for n in nodes {
        let mut at = Some(n.id);
        while let Some(id) = at {
            *total.entry(id).or_default() += u64::from(n.direct_respondents);
            at = parent.get(&id).copied().flatten();
        }
    }
    total
}

fn main() -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(12);
    let rules = [Suppression::SmallestFirst, Suppression::MinimumCost];
    let mut tally = Tally::default();
    let started = Instant::now();
    for _ in 0..CHARTS {
        let size = rng.random_range(3..=60);
        let chart = chart(&mut rng, size);
        let nodes = group_nodes(&chart);
        let totals = subtree_respondents(&nodes);
        let own = own_teams(&chart.departments);
        let large_own: Vec<i64> = own
            .iter()
            .copied()
            .filter(|d| totals.get(d).is_some_and(|&n| n >= u64::from(K)))
            .collect();
        tally.own_teams += large_own.len();
        for (i, rule) in rules.into_iter().enumerate() {
            let verdicts = visible_groups_with(&nodes, K, rule)?;
            tally.shown[i] += large_own
                .iter()
                .filter(|d| verdicts.get(d) == Some(&GroupVisibility::Shown))
                .count();
            tally.hidden[i] += verdicts
                .values()
                .filter(|v| **v == GroupVisibility::Suppressed)
                .count();
        }
    }
    let share = |n: usize| 100.0 * n as f64 / tally.own_teams.max(1) as f64;
    println!(
        "{CHARTS} random org charts of 3 to 60 departments, k = {K}, {:.0} % answering:",
        ANSWERING * 100.0
    );
    println!(
        "  managers whose own team has k or more respondents: {}",
        tally.own_teams
    );
    println!(
        "  who see it: before (smallest first) {:.1} %, now (least worth) {:.1} %",
        share(tally.shown[0]),
        share(tally.shown[1])
    );
    println!(
        "  groups hidden per chart: before {:.3}, now {:.3}",
        tally.hidden[0] as f64 / CHARTS as f64,
        tally.hidden[1] as f64 / CHARTS as f64
    );
    println!("  ({:.1} s)", started.elapsed().as_secs_f64());

    for size in [1_000, 10_000, 100_000] {
        let chart = chart(&mut rng, size);
        let nodes = group_nodes(&chart);
        let t = Instant::now();
        let verdicts = visible_groups_with(&nodes, K, Suppression::MinimumCost)?;
        println!(
            "exact search on {size} departments: {:.1} ms ({} hidden)",
            t.elapsed().as_secs_f64() * 1_000.0,
            verdicts
                .values()
                .filter(|v| **v == GroupVisibility::Suppressed)
                .count()
        );
    }
    Ok(())
}
