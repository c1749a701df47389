//! [`Suppression::MinimumCost`](super::Suppression::MinimumCost): the safe choice of least total
//! worth, found exactly by dynamic programming over the tree.
//!
//! Rule 2 of the module doc only asks, at each shown group, how many of its respondents no
//! shown group below it covers (its atom), and only whether that is 0, 1 to `k - 1`, or at
//! least `k`. So for each group and each *uncovered* count `u` in `0..=k` (`k` standing for "k
//! or more"), the search keeps the cheapest choice inside the group's subtree that leaves `u`
//! of its respondents uncovered:
//!
//! - A small group (fewer than `k`) is never shown: all its respondents are uncovered, at no cost.
//! - A larger group first adds up its children: its own direct respondents plus each child's
//!   uncovered count, capped at `k`, cheapest combination for each total (a min-plus
//!   convolution, one child at a time).
//! - Shown, it covers everyone: `u = 0`, allowed only from a total of 0 or `k`.
//! - Hidden (never a root), it passes its total up, at the cost of its worth.
//!
//! Costs compare as (total worth hidden, total depth + 1 of the groups hidden, total
//! respondents hidden), so between choices of equal worth the one hiding groups nearer the root
//! wins, then the one hiding fewer respondents, then the first found in id order. Every choice
//! the search can make keeps each shown atom at 0 or at least `k`, so the result is as safe as
//! the rule; it is just the cheapest such choice.

use super::tree::Tree;
use super::{GroupNode, State, smallest_first};

/// What hiding some groups costs: their worth, then how deep they sit (deeper is dearer), then
/// how many respondents they hold (hiding the smaller loses less, as the rule before did).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cost {
    worth: u64,
    depth: u64,
    people: u64,
}

impl Cost {
    const FREE: Cost = Cost {
        worth: 0,
        depth: 0,
        people: 0,
    };

    fn plus(self, other: Cost) -> Cost {
        Cost {
            worth: self.worth.saturating_add(other.worth),
            depth: self.depth.saturating_add(other.depth),
            people: self.people.saturating_add(other.people),
        }
    }
}

/// How the cheapest choice for one uncovered count was reached at a group of at least `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    /// No choice leaves this count uncovered.
    Impossible,
    /// The group is shown; its children add up to this uncovered total (0 or `k`).
    Show { from: usize },
    /// The group is hidden; its children add up to the same uncovered total.
    Hide,
}

/// Sets every group of at least `k` to shown or suppressed, hiding the least worth; falls back
/// to [`smallest_first`] if `k` does not fit in memory indices (never with a sane `k`).
pub(super) fn suppress<Id: Copy + Ord>(
    tree: &Tree,
    nodes: &[GroupNode<Id>],
    subtree: &[u64],
    k: u64,
    state: &mut [State],
) {
    match search(tree, nodes, subtree, k, state) {
        Some(found) => state.copy_from_slice(&found),
        None => smallest_first::suppress(tree, nodes, subtree, k, state),
    }
}

fn search<Id: Copy + Ord>(
    tree: &Tree,
    nodes: &[GroupNode<Id>],
    subtree: &[u64],
    k: u64,
    state: &[State],
) -> Option<Vec<State>> {
    let cap = usize::try_from(k).ok()?;
    let capped = |count: u64| usize::try_from(count).map_or(cap, |c| c.min(cap));
    let n = nodes.len();

    let mut depth = vec![0u64; n];
    for &v in tree.post_order.iter().rev() {
        if let Some(p) = tree.parent[v] {
            depth[v] = depth[p] + 1;
        }
    }

    // Cheapest cost per uncovered count, per group; a child's table is dropped once merged.
    let mut tables: Vec<Vec<Option<Cost>>> = vec![Vec::new(); n];
    // Per group of at least `k`: per child, for each running total, the (total before the
    // child, child's count) it came from; and the choice per uncovered count.
    let mut splits: Vec<Vec<Vec<(usize, usize)>>> = vec![Vec::new(); n];
    let mut choices: Vec<Vec<Choice>> = vec![Vec::new(); n];

    for &v in &tree.post_order {
        let mut table = vec![None; cap + 1];
        if state[v] == State::Small {
            table[capped(subtree[v])] = Some(Cost::FREE);
            tables[v] = table;
            continue;
        }
        let mut total = vec![None; cap + 1];
        total[capped(u64::from(nodes[v].direct_respondents))] = Some(Cost::FREE);
        for &c in &tree.children[v] {
            let child = std::mem::take(&mut tables[c]);
            let mut next = vec![None; cap + 1];
            let mut split = vec![(0, 0); cap + 1];
            for (a, before) in total.iter().enumerate() {
                let Some(before) = before else { continue };
                for (b, cost) in child.iter().enumerate() {
                    let Some(cost) = cost else { continue };
                    let u = (a + b).min(cap);
                    let sum = before.plus(*cost);
                    if next[u].is_none_or(|best| sum < best) {
                        next[u] = Some(sum);
                        split[u] = (a, b);
                    }
                }
            }
            total = next;
            splits[v].push(split);
        }

        let mut choice = vec![Choice::Impossible; cap + 1];
        // Shown: what is left uncovered below becomes its atom, which must be 0 or `k`.
        let show = [0, cap]
            .into_iter()
            .filter_map(|from| total[from].map(|cost| (cost, from)))
            .min();
        if let Some((cost, from)) = show {
            table[0] = Some(cost);
            choice[0] = Choice::Show { from };
        }
        // Hidden: never a root, whose total is published anyway.
        if tree.parent[v].is_some() {
            let price = Cost {
                worth: nodes[v].worth,
                depth: depth[v] + 1,
                people: subtree[v],
            };
            for (u, cost) in total.iter().enumerate() {
                let Some(cost) = cost else { continue };
                let hidden = cost.plus(price);
                if table[u].is_none_or(|best| hidden < best) {
                    table[u] = Some(hidden);
                    choice[u] = Choice::Hide;
                }
            }
        }
        tables[v] = table;
        choices[v] = choice;
    }

    // Back down from each root, replaying the choices that reached its cheapest safe state.
    let mut found = state.to_vec();
    let mut stack: Vec<(usize, usize)> = (0..n)
        .filter(|&v| tree.parent[v].is_none() && state[v] != State::Small)
        .map(|v| (v, 0))
        .collect();
    while let Some((v, uncovered)) = stack.pop() {
        if state[v] == State::Small {
            continue;
        }
        let mut at = match choices[v].get(uncovered)? {
            Choice::Impossible => return None,
            Choice::Show { from } => {
                found[v] = State::Shown;
                *from
            }
            Choice::Hide => {
                found[v] = State::Suppressed;
                uncovered
            }
        };
        for (i, &c) in tree.children[v].iter().enumerate().rev() {
            let (before, child) = *splits[v].get(i)?.get(at)?;
            stack.push((c, child));
            at = before;
        }
    }
    Some(found)
}
