//! Which groups' pulse results may be reported, so that no one's answer can be learned.
//!
//! Pulse results are reported per group: each department of the org chart, covering its whole
//! subtree, with the org itself as the root. A manager must never learn one person's answer, so
//! [`visible_groups`] decides, for one survey, which groups are shown:
//!
//! 1. **Threshold.** A group whose subtree has fewer than `k` respondents is not shown. It is
//!    [`GroupVisibility::RolledUp`] into its nearest shown ancestor, whose aggregate includes it.
//! 2. **Complement suppression.** For a shown group `V`, let `D(V)` be its maximal shown
//!    descendants (shown groups under `V` with no shown group in between), and let
//!    `residual(V) = subtree(V) - sum of subtree(D(V))`: the people of `V` that no smaller shown
//!    group covers. If `0 < residual(V) < k`, subtracting the groups of `D(V)` from `V` would
//!    reveal those few people, so some groups of at least `k` must be
//!    [`GroupVisibility::Suppressed`] until no shown group has such a residual. A root of at
//!    least `k` (the organisation) is always shown: its total is published anyway.
//! 3. **Which groups to hide: the least valuable.** Usually several choices satisfy rule 2. In
//!    the company of the issue that introduced this rule (Support, 6 people, beside a team of 3
//!    in Operations; Engineering, 6; Sales, 3; one person in Leadership), hiding Support or
//!    Engineering protects the small teams, and so does hiding the Operations total. Each group
//!    carries a [`GroupNode::worth`] (the digest gives a manager's own team far more than a
//!    group nobody leads), and [`visible_groups`] hides the set of least total worth; between
//!    sets of equal worth, the one whose groups sit nearer the root (aggregates, not teams),
//!    then the one hiding fewer respondents, then the one found first in id order. This is
//!    *minimum-cost secondary cell suppression*, as statistical offices do it (tau-Argus), on
//!    the special structure of a hierarchy, where it can be solved exactly; see
//!    [`Suppression::MinimumCost`].
//!
//! # Why this is enough
//!
//! - Every shown group is the set of respondents of one subtree, and two subtrees are either
//!   nested or disjoint: the shown groups form a *laminar family*.
//! - Call `residual(V)`'s people the *atom* of `V`. Atoms of different shown groups are disjoint,
//!   and every shown group is the disjoint union of the atoms of the shown groups in its subtree,
//!   itself included.
//! - Whatever an adversary computes by adding and subtracting shown reports (any linear
//!   combination, whatever the coefficients) weighs everyone in one atom alike: the weight of
//!   the atom of `W` is the sum of the coefficients of `W` and of its shown ancestors. People in
//!   no shown group weigh 0. So when a combination describes a set of people (everyone weighs 0
//!   or 1), that set is a union of whole atoms.
//! - Once every atom is empty or holds at least `k` people, every union of atoms holds 0 or at
//!   least `k` people: no combination of reports reveals a group of 1 to `k - 1` people.
//!
//! The condition is also necessary: a shown group whose atom holds 1 to `k - 1` people, minus
//! its maximal shown descendants, is exactly those people, and whoever sees that group sees the
//! groups below it. So the searches below look for the cheapest choice among exactly the safe
//! ones; which of them is chosen never weakens the guarantee.
//!
//! Why `k` is never below 3 ([`clamp_k`]): a respondent knows their own answer, so with `k = 2`
//! they could subtract it from a two-person report and read their colleague's. With `k >= 3`
//! what is left is still an aggregate of at least two people.
//!
//! # Limits
//!
//! The guarantee holds for the reports computed from one call. Call it with the respondents of
//! the figure being reported (a question someone skipped has fewer), and derive every report of
//! that figure from the same call. Comparing surveys whose group membership changed in between
//! (someone joined or left a team), or `k - 1` respondents pooling their answers, are not
//! stopped by a threshold.

mod minimum_cost;
mod smallest_first;
mod tree;

use std::collections::BTreeMap;

use tree::Tree;

/// The smallest `k` ever applied, whatever the configuration says; see the module doc for why.
pub const MIN_K: u32 = 3;

/// The `k` used when the configuration names none: large enough that a typical team's results
/// show, small enough that a guess at one person's answer stays a guess.
pub const DEFAULT_K: u32 = 5;

/// One department of the org chart and how many people in it answered a survey; the input of
/// [`visible_groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupNode<Id> {
    /// The department.
    pub id: Id,
    /// The department it belongs to; `None` for a root, usually the whole org.
    pub parent: Option<Id>,
    /// People directly in this department who answered, not counting sub-departments.
    pub direct_respondents: u32,
    /// What showing this group is worth to the people who read it; suppression hides the
    /// choice of least total worth. The digest gives a manager's own team far more than an
    /// aggregate nobody leads (see `core::digest`); any positive numbers work.
    pub worth: u64,
}

/// How [`visible_groups_with`] chooses which groups to hide when complements must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Suppression {
    /// The safe choice of least total [`GroupNode::worth`], found exactly by dynamic
    /// programming over the tree. The constraint at a group depends only on how many of its
    /// respondents no shown group below covers, and only whether that is 0, 1 to `k - 1` or at
    /// least `k`: `k + 1` states per group, so the search takes time in proportion to
    /// `groups * (k + 1)^2`. Past [`EXACT_SEARCH_BUDGET`] of that work (millions of groups, or
    /// an enormous `k`) it falls back to [`Suppression::SmallestFirst`], which is just as safe
    /// and may hide more.
    MinimumCost,
    /// The rule before minimum-cost suppression: bottom-up, hide the shown descendant with the
    /// fewest respondents (ties: the smallest id) until the residual is safe. Linear-time and
    /// safe, blind to worth; kept as the fallback and so benchmarks can compare.
    SmallestFirst,
}

/// The most work ([`Suppression::MinimumCost`]: groups times `(k + 1)^2`) spent on an exact
/// search before falling back; about a second, far beyond any real org chart at usual `k`.
pub const EXACT_SEARCH_BUDGET: u64 = 200_000_000;

/// Whether a group's results may be shown and, if not, why; reports render each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupVisibility<Id> {
    /// At least `k` respondents, and showing the group reveals no smaller group.
    Shown,
    /// Fewer than `k` respondents: not shown, but its answers count in the results of `into`.
    RolledUp {
        /// The nearest shown ancestor; `None` when no ancestor is shown (a whole org with fewer
        /// than `k` respondents).
        into: Option<Id>,
    },
    /// At least `k` respondents but hidden: shown beside its shown ancestor and siblings, it would
    /// let the difference, fewer than `k` people, be computed.
    Suppressed,
}

/// An org chart [`visible_groups`] cannot judge. Nothing may be shown when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HierarchyError<Id> {
    /// The same id appears twice, so which respondents it covers is ambiguous.
    #[error("group {0:?} is listed more than once")]
    DuplicateGroup(Id),
    /// A group names a parent that is not in the list.
    #[error("group {child:?} names parent {parent:?}, which is not listed")]
    UnknownParent {
        /// The group naming the parent.
        child: Id,
        /// The missing parent.
        parent: Id,
    },
    /// Following parents from this group loops and never reaches a root.
    #[error("the parents of group {0:?} loop without reaching a root")]
    Loop(Id),
}

/// Raises a configured `k` to [`MIN_K`], so that a typo or a zero in the configuration can never
/// weaken anonymity.
pub fn clamp_k(k: u32) -> u32 {
    k.max(MIN_K)
}

/// Decides, for every group of `nodes`, whether its results may be shown, so that no combination
/// of shown results reveals fewer than `k` people, hiding the least worth that takes; see the
/// module doc for the rule and the proof.
///
/// `k` goes through [`clamp_k`] first. `nodes` may list several roots and in any order; the
/// answer does not depend on the order. Every listed id is a key of the result.
pub fn visible_groups<Id: Copy + Ord>(
    nodes: &[GroupNode<Id>],
    k: u32,
) -> Result<BTreeMap<Id, GroupVisibility<Id>>, HierarchyError<Id>> {
    visible_groups_with(nodes, k, Suppression::MinimumCost)
}

/// [`visible_groups`] with the choice of suppression spelled out, for benchmarks and tests that
/// compare the rules; the product uses [`Suppression::MinimumCost`].
pub fn visible_groups_with<Id: Copy + Ord>(
    nodes: &[GroupNode<Id>],
    k: u32,
    suppression: Suppression,
) -> Result<BTreeMap<Id, GroupVisibility<Id>>, HierarchyError<Id>> {
    let k = u64::from(clamp_k(k));
    let tree = Tree::new(nodes)?;
    let subtree = tree.subtree_counts(nodes);
    let mut state: Vec<State> = subtree
        .iter()
        .map(|&count| {
            if count >= k {
                State::Shown
            } else {
                State::Small
            }
        })
        .collect();
    let states = u64::try_from(nodes.len())
        .unwrap_or(u64::MAX)
        .saturating_mul((k + 1).saturating_mul(k + 1));
    match suppression {
        Suppression::MinimumCost if states <= EXACT_SEARCH_BUDGET => {
            minimum_cost::suppress(&tree, nodes, &subtree, k, &mut state);
        }
        Suppression::MinimumCost | Suppression::SmallestFirst => {
            smallest_first::suppress(&tree, nodes, &subtree, k, &mut state);
        }
    }

    // Parents come before their descendants in reverse post-order.
    let mut nearest_shown: Vec<Option<usize>> = vec![None; nodes.len()];
    for &v in tree.post_order.iter().rev() {
        nearest_shown[v] = tree.parent[v].and_then(|p| {
            if state[p] == State::Shown {
                Some(p)
            } else {
                nearest_shown[p]
            }
        });
    }

    Ok(nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let visibility = match state[i] {
                State::Shown => GroupVisibility::Shown,
                State::Suppressed => GroupVisibility::Suppressed,
                State::Small => GroupVisibility::RolledUp {
                    into: nearest_shown[i].map(|a| nodes[a].id),
                },
            };
            (node.id, visibility)
        })
        .collect())
}

/// Where a group stands while [`visible_groups`] works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Fewer than `k` respondents; so are all its descendants.
    Small,
    Shown,
    Suppressed,
}

#[cfg(test)]
mod tests;
