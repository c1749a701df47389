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
//!    reveal those few people, so the group of `D(V)` with the fewest respondents (ties: the
//!    smallest id) is [`GroupVisibility::Suppressed`]. This repeats until no shown group has such a
//!    residual.
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
//! - After step 2 every atom is empty or holds at least `k` people, so every union of atoms holds
//!   0 or at least `k` people: no combination of reports reveals a group of 1 to `k - 1` people.
//!
//! One bottom-up pass reaches that fixpoint. When `V` is handled, the groups below it already
//! obey the rule. Suppressing a group `d` of `D(V)` merges the atom of `d` (empty or at least
//! `k` people) into the atom of `V` and changes no other atom, since `V` is the nearest shown
//! ancestor of `d`. Handling an ancestor of `V` later only merges the atom of `V`, by then valid,
//! into the ancestor's.
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

use std::collections::BTreeMap;

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
}

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
/// of shown results reveals fewer than `k` people; see the module doc for the rule and the proof.
///
/// `k` goes through [`clamp_k`] first. `nodes` may list several roots and in any order; the
/// answer does not depend on the order. Every listed id is a key of the result.
pub fn visible_groups<Id: Copy + Ord>(
    nodes: &[GroupNode<Id>],
    k: u32,
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

    for &v in &tree.post_order {
        if state[v] != State::Shown {
            continue;
        }
        let mut below = tree.maximal_shown_below(v, &state);
        loop {
            let covered: u64 = below.iter().map(|&d| subtree[d]).sum();
            let residual = subtree[v] - covered;
            if residual == 0 || residual >= k {
                break;
            }
            // With nothing shown below, the residual would be all of `v`, at least `k`.
            let Some(smallest) =
                (0..below.len()).min_by_key(|&i| (subtree[below[i]], nodes[below[i]].id))
            else {
                break;
            };
            let d = below.swap_remove(smallest);
            state[d] = State::Suppressed;
            below.extend(tree.maximal_shown_below(d, &state));
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

/// The org chart by position in the input slice.
struct Tree {
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    /// Every node after all of its descendants.
    post_order: Vec<usize>,
}

impl Tree {
    fn new<Id: Copy + Ord>(nodes: &[GroupNode<Id>]) -> Result<Self, HierarchyError<Id>> {
        let mut index = BTreeMap::new();
        for (i, node) in nodes.iter().enumerate() {
            if index.insert(node.id, i).is_some() {
                return Err(HierarchyError::DuplicateGroup(node.id));
            }
        }
        let mut parent = Vec::with_capacity(nodes.len());
        let mut children = vec![Vec::new(); nodes.len()];
        for (i, node) in nodes.iter().enumerate() {
            let p = match node.parent {
                None => None,
                Some(id) => match index.get(&id) {
                    Some(&p) => Some(p),
                    None => {
                        return Err(HierarchyError::UnknownParent {
                            child: node.id,
                            parent: id,
                        });
                    }
                },
            };
            if let Some(p) = p {
                children[p].push(i);
            }
            parent.push(p);
        }

        let mut post_order = Vec::with_capacity(nodes.len());
        let mut stack: Vec<(usize, bool)> = (0..nodes.len())
            .filter(|&i| parent[i].is_none())
            .map(|i| (i, false))
            .collect();
        while let Some((v, children_done)) = stack.pop() {
            if children_done {
                post_order.push(v);
            } else {
                stack.push((v, true));
                stack.extend(children[v].iter().map(|&c| (c, false)));
            }
        }
        if post_order.len() < nodes.len() {
            let mut reached = vec![false; nodes.len()];
            for &v in &post_order {
                reached[v] = true;
            }
            let unreached = nodes
                .iter()
                .zip(&reached)
                .filter(|(_, reached)| !**reached)
                .map(|(node, _)| node.id)
                .min();
            if let Some(id) = unreached {
                return Err(HierarchyError::Loop(id));
            }
        }
        Ok(Tree {
            parent,
            children,
            post_order,
        })
    }

    /// Respondents in each node's whole subtree.
    fn subtree_counts<Id>(&self, nodes: &[GroupNode<Id>]) -> Vec<u64> {
        let mut counts: Vec<u64> = nodes
            .iter()
            .map(|n| u64::from(n.direct_respondents))
            .collect();
        for &v in &self.post_order {
            if let Some(p) = self.parent[v] {
                counts[p] += counts[v];
            }
        }
        counts
    }

    /// The shown nodes under `v` with no shown node between them and `v`.
    fn maximal_shown_below(&self, v: usize, state: &[State]) -> Vec<usize> {
        let mut found = Vec::new();
        let mut stack: Vec<usize> = self.children[v].clone();
        while let Some(c) = stack.pop() {
            match state[c] {
                State::Shown => found.push(c),
                State::Suppressed => stack.extend(&self.children[c]),
                // Everything under a small node is small too.
                State::Small => {}
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use GroupVisibility::{RolledUp, Shown, Suppressed};

    fn node(id: u32, parent: Option<u32>, direct_respondents: u32) -> GroupNode<u32> {
        GroupNode {
            id,
            parent,
            direct_respondents,
        }
    }

    fn visibility(nodes: &[GroupNode<u32>], k: u32) -> Vec<(u32, GroupVisibility<u32>)> {
        visible_groups(nodes, k)
            .expect("a valid hierarchy")
            .into_iter()
            .collect()
    }

    #[test]
    fn a_team_of_three_rolls_up_into_its_parent_which_shows() {
        let nodes = [node(1, None, 4), node(2, Some(1), 3)];
        assert_eq!(
            visibility(&nodes, 5),
            [(1, Shown), (2, RolledUp { into: Some(1) })]
        );
    }

    #[test]
    fn one_direct_member_beside_two_shown_teams_of_six_suppresses_one_team() {
        // Parent 13, teams 6 and 6: the parent minus both teams would be one person.
        let nodes = [node(1, None, 1), node(2, Some(1), 6), node(3, Some(1), 6)];
        assert_eq!(
            visibility(&nodes, 5),
            [(1, Shown), (2, Suppressed), (3, Shown)]
        );
    }

    #[test]
    fn a_small_team_beside_a_shown_sibling_hides_the_sibling() {
        // Parent 9 minus team 6 would be the small team of 3.
        let nodes = [node(1, None, 0), node(2, Some(1), 3), node(3, Some(1), 6)];
        assert_eq!(
            visibility(&nodes, 5),
            [(1, Shown), (2, RolledUp { into: Some(1) }), (3, Suppressed)]
        );
    }

    #[test]
    fn k_below_three_is_raised_to_three() {
        assert_eq!(clamp_k(0), 3);
        assert_eq!(clamp_k(2), 3);
        assert_eq!(clamp_k(3), 3);
        assert_eq!(clamp_k(DEFAULT_K), 5);
        let nodes = [node(1, None, 3), node(2, Some(1), 2)];
        assert_eq!(
            visibility(&nodes, 1),
            [(1, Shown), (2, RolledUp { into: Some(1) })]
        );
    }

    #[test]
    fn a_tiny_grandchild_in_a_chain_rolls_up_into_its_parent_and_the_rest_shows() {
        // Subtrees: 12, 7, 2.
        let nodes = [node(1, None, 5), node(2, Some(1), 5), node(3, Some(2), 2)];
        assert_eq!(
            visibility(&nodes, 5),
            [(1, Shown), (2, Shown), (3, RolledUp { into: Some(2) })]
        );
    }

    #[test]
    fn a_tiny_grandchild_rolls_up_past_a_suppressed_parent_into_the_nearest_shown_ancestor() {
        // Subtrees: 8, 7, 2. The root minus the middle group would be its one direct member.
        let nodes = [node(1, None, 1), node(2, Some(1), 5), node(3, Some(2), 2)];
        assert_eq!(
            visibility(&nodes, 5),
            [(1, Shown), (2, Suppressed), (3, RolledUp { into: Some(1) })]
        );
    }

    #[test]
    fn an_org_with_fewer_than_k_respondents_shows_nothing() {
        let nodes = [node(1, None, 2), node(2, Some(1), 2)];
        assert_eq!(
            visibility(&nodes, 5),
            [(1, RolledUp { into: None }), (2, RolledUp { into: None })]
        );
    }

    #[test]
    fn a_broken_org_chart_is_refused() {
        let duplicate = [node(1, None, 5), node(1, None, 5)];
        assert_eq!(
            visible_groups(&duplicate, 5),
            Err(HierarchyError::DuplicateGroup(1))
        );
        let orphan = [node(1, None, 5), node(2, Some(9), 5)];
        assert_eq!(
            visible_groups(&orphan, 5),
            Err(HierarchyError::UnknownParent {
                child: 2,
                parent: 9
            })
        );
        let looping = [node(1, None, 5), node(2, Some(3), 5), node(3, Some(2), 5)];
        assert_eq!(visible_groups(&looping, 5), Err(HierarchyError::Loop(2)));
        let own_parent = [node(4, Some(4), 5)];
        assert_eq!(visible_groups(&own_parent, 5), Err(HierarchyError::Loop(4)));
    }

    /// A tiny xorshift generator, so the random trees are the same on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// 2 to 9 groups, mostly one org but sometimes a forest, 0 to 9 direct respondents each,
    /// listed in a shuffled order; and a `k` from 3 to 6.
    fn random_org(rng: &mut Rng) -> (Vec<GroupNode<u32>>, u32) {
        let n = 2 + rng.below(8) as u32;
        let mut nodes: Vec<GroupNode<u32>> = (0..n)
            .map(|i| {
                let parent = if i == 0 || rng.below(10) == 0 {
                    None
                } else {
                    Some(rng.below(u64::from(i)) as u32)
                };
                node(i, parent, rng.below(10) as u32)
            })
            .collect();
        for i in (1..nodes.len()).rev() {
            nodes.swap(i, rng.below(i as u64 + 1) as usize);
        }
        (nodes, 3 + rng.below(4) as u32)
    }

    /// Each group's respondents as a set of person numbers (at most 81 people, so a `u128`).
    fn people_by_group(nodes: &[GroupNode<u32>]) -> BTreeMap<u32, u128> {
        let parent: BTreeMap<u32, Option<u32>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
        let mut people: BTreeMap<u32, u128> = nodes.iter().map(|n| (n.id, 0)).collect();
        let mut next_person = 0;
        for n in nodes {
            for _ in 0..n.direct_respondents {
                let mut at = Some(n.id);
                while let Some(id) = at {
                    *people.get_mut(&id).expect("listed") |= 1 << next_person;
                    at = parent[&id];
                }
                next_person += 1;
            }
        }
        people
    }

    fn ancestors(nodes: &[GroupNode<u32>], id: u32) -> Vec<u32> {
        let parent: BTreeMap<u32, Option<u32>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
        let mut found = Vec::new();
        let mut at = parent[&id];
        while let Some(a) = at {
            found.push(a);
            at = parent[&a];
        }
        found
    }

    /// The adversarial manager: adds and subtracts the reports it sees (every combination with
    /// coefficients -1, 0 or 1) and returns the first one that isolates 1 to `k - 1` people,
    /// with how many people it isolates.
    fn small_group_revealed(reports: &[u128], k: u32) -> Option<(Vec<i32>, u32)> {
        // People seen in exactly the same reports are indistinguishable to the adversary.
        let mut classes: BTreeMap<u32, u32> = BTreeMap::new();
        for person in 0..128 {
            let pattern = reports
                .iter()
                .enumerate()
                .filter(|(_, r)| **r & (1 << person) != 0)
                .fold(0u32, |acc, (j, _)| acc | 1 << j);
            if pattern != 0 {
                *classes.entry(pattern).or_default() += 1;
            }
        }
        let combinations = 3u32.pow(reports.len() as u32);
        let mut coefficients = vec![0i32; reports.len()];
        for c in 1..combinations {
            let mut rest = c;
            for coefficient in coefficients.iter_mut() {
                *coefficient = (rest % 3) as i32 - 1;
                rest /= 3;
            }
            let mut isolated = 0;
            let mut is_a_set_of_people = true;
            for (&pattern, &size) in &classes {
                let weight: i32 = (0..reports.len())
                    .filter(|j| pattern & (1 << j) != 0)
                    .map(|j| coefficients[j])
                    .sum();
                match weight {
                    0 => {}
                    1 => isolated += size,
                    _ => {
                        is_a_set_of_people = false;
                        break;
                    }
                }
            }
            if is_a_set_of_people && (1..k).contains(&isolated) {
                return Some((coefficients, isolated));
            }
        }
        None
    }

    /// The reports a manager sees: the shown groups in their line (the whole org for `None`)
    /// and the total of each org they belong to.
    fn reports_seen(
        nodes: &[GroupNode<u32>],
        shown: &[u32],
        people: &BTreeMap<u32, u128>,
        k: u32,
        line: Option<u32>,
    ) -> Vec<u128> {
        let in_line =
            |id: u32| line.is_none_or(|top| id == top || ancestors(nodes, id).contains(&top));
        let mut seen: Vec<u128> = shown
            .iter()
            .filter(|&&id| in_line(id))
            .map(|id| people[id])
            .collect();
        for root in nodes.iter().filter(|n| n.parent.is_none()) {
            let total = people[&root.id];
            // An org below k publishes nothing, not even its total.
            let line_in_this_org =
                line.is_none_or(|top| top == root.id || ancestors(nodes, top).contains(&root.id));
            if total.count_ones() >= k && line_in_this_org && !seen.contains(&total) {
                seen.push(total);
            }
        }
        seen
    }

    /// Checks the verdicts against the rules they claim: size decides rolled-up versus not, and
    /// a rolled-up group names its nearest shown ancestor.
    fn assert_verdicts_are_consistent(
        nodes: &[GroupNode<u32>],
        k: u32,
        people: &BTreeMap<u32, u128>,
        verdicts: &BTreeMap<u32, GroupVisibility<u32>>,
    ) {
        assert_eq!(verdicts.len(), nodes.len());
        for n in nodes {
            let small = people[&n.id].count_ones() < k;
            let nearest_shown = ancestors(nodes, n.id)
                .into_iter()
                .find(|a| verdicts[a] == Shown);
            match verdicts[&n.id] {
                Shown | Suppressed => assert!(!small, "{nodes:?} k={k}: {} is small", n.id),
                RolledUp { into } => {
                    assert!(small, "{nodes:?} k={k}: {} is not small", n.id);
                    assert_eq!(into, nearest_shown, "{nodes:?} k={k}: {}", n.id);
                }
            }
            if n.parent.is_none() && !small {
                assert_eq!(
                    verdicts[&n.id], Shown,
                    "{nodes:?}: a large org always shows"
                );
            }
        }
    }

    #[test]
    fn no_combination_of_visible_reports_reveals_a_group_smaller_than_k() {
        let mut rng = Rng(0x5eed_da3f_4614_0001);
        let mut leaks_with_the_threshold_alone = 0;
        for _ in 0..2_000 {
            let (nodes, k) = random_org(&mut rng);
            let people = people_by_group(&nodes);
            let verdicts = visible_groups(&nodes, k).expect("a valid hierarchy");
            assert_verdicts_are_consistent(&nodes, k, &people, &verdicts);
            let shown: Vec<u32> = verdicts
                .iter()
                .filter(|(_, v)| **v == Shown)
                .map(|(id, _)| *id)
                .collect();

            let lines = std::iter::once(None).chain(nodes.iter().map(|n| Some(n.id)));
            for line in lines {
                let seen = reports_seen(&nodes, &shown, &people, k, line);
                if let Some((coefficients, size)) = small_group_revealed(&seen, k) {
                    panic!(
                        "{nodes:?} with k={k}: a manager of {line:?} isolates {size} people \
                         with {coefficients:?} over {seen:x?}"
                    );
                }
            }

            // The adversary has teeth: without complement suppression it finds leaks.
            let large: Vec<u32> = nodes
                .iter()
                .filter(|n| people[&n.id].count_ones() >= k)
                .map(|n| n.id)
                .collect();
            let seen = reports_seen(&nodes, &large, &people, k, None);
            if small_group_revealed(&seen, k).is_some() {
                leaks_with_the_threshold_alone += 1;
            }
        }
        assert!(
            leaks_with_the_threshold_alone > 100,
            "only {leaks_with_the_threshold_alone} leaks without suppression"
        );
    }

    #[test]
    fn the_order_groups_are_listed_in_does_not_change_the_result() {
        let mut rng = Rng(0x0dde_4a11);
        for _ in 0..500 {
            let (mut nodes, k) = random_org(&mut rng);
            let shuffled = visible_groups(&nodes, k).expect("a valid hierarchy");
            nodes.sort_by_key(|n| n.id);
            assert_eq!(visible_groups(&nodes, k), Ok(shuffled), "{nodes:?} k={k}");
            nodes.reverse();
            let reversed = visible_groups(&nodes, k).expect("a valid hierarchy");
            nodes.sort_by_key(|n| n.id);
            assert_eq!(visible_groups(&nodes, k), Ok(reversed), "{nodes:?} k={k}");
        }
    }
}
