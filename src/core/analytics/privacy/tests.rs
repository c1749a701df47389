use super::*;
use GroupVisibility::{RolledUp, Shown, Suppressed};

fn node(id: u32, parent: Option<u32>, direct_respondents: u32) -> GroupNode<u32> {
    GroupNode {
        id,
        parent,
        direct_respondents,
        worth: 1,
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
    // Parent 13, teams 6 and 6: the parent minus both teams would be one person. Either team
    // will do; the one worth less is hidden.
    let mut nodes = [node(1, None, 1), node(2, Some(1), 6), node(3, Some(1), 6)];
    nodes[1].worth = 10;
    assert_eq!(
        visibility(&nodes, 5),
        [(1, Shown), (2, Shown), (3, Suppressed)]
    );
    nodes[1].worth = 1;
    nodes[2].worth = 10;
    assert_eq!(
        visibility(&nodes, 5),
        [(1, Shown), (2, Suppressed), (3, Shown)]
    );
}

/// The company of issue 12: Leadership (1, the head), Operations holding Support (6) and
/// Logistics (3), Engineering (6), Sales (3), 19 people under the organisation (id 0) plus one
/// person without a department. Support's and Engineering's managers lead them directly;
/// Operations is led by the head, who sees the whole organisation anyway.
fn the_twenty_person_company() -> Vec<GroupNode<u32>> {
    let own_team = 1_000;
    let mut nodes = vec![
        node(0, None, 1),
        node(1, Some(0), 1),
        node(2, Some(0), 0),
        node(3, Some(2), 6),
        node(4, Some(2), 3),
        node(5, Some(0), 6),
        node(6, Some(0), 3),
    ];
    for team in [3, 5] {
        nodes[team].worth = own_team;
    }
    nodes
}

#[test]
fn in_the_twenty_person_company_both_team_managers_see_their_teams() {
    // Arrange
    let nodes = the_twenty_person_company();

    // Act
    let shown = visibility(&nodes, 5);

    // Assert: Operations (9) minus Support (6) would be Logistics (3); hiding Operations protects
    // it, and the organisation minus Support and Engineering is 8 people.
    assert_eq!(
        shown,
        [
            (0, Shown),
            (1, RolledUp { into: Some(0) }),
            (2, Suppressed),
            (3, Shown),
            (4, RolledUp { into: Some(0) }),
            (5, Shown),
            (6, RolledUp { into: Some(0) }),
        ]
    );
}

#[test]
fn the_rule_before_hid_a_team_manager_s_own_team_in_the_twenty_person_company() {
    let nodes = the_twenty_person_company();
    let before = visible_groups_with(&nodes, 5, Suppression::SmallestFirst).expect("valid");
    assert_eq!(before[&3], Suppressed, "Support was hidden every week");
}

#[test]
fn a_tie_in_worth_hides_the_aggregate_nearer_the_root() {
    // Operations (2) holds Support (3, 6 people) and a team of 3 (4); Engineering (5) has 6.
    // Hiding Operations or Support both cost 1: the aggregate goes.
    let nodes = [
        node(1, None, 5),
        node(2, Some(1), 0),
        node(3, Some(2), 6),
        node(4, Some(2), 3),
        node(5, Some(1), 6),
    ];
    assert_eq!(visibility(&nodes, 5)[1], (2, Suppressed));
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

/// 2 to 9 groups, mostly one org but sometimes a forest, 0 to 9 direct respondents each and a
/// worth of 1 to 4 or, for about a third (a manager's own team), 100; listed in a shuffled
/// order; and a `k` from 3 to 6.
fn random_org(rng: &mut Rng) -> (Vec<GroupNode<u32>>, u32) {
    random_org_of(rng, 9)
}

/// [`random_org`] with up to `most` groups (at most 14, so everyone fits in a `u128`).
fn random_org_of(rng: &mut Rng, most: u64) -> (Vec<GroupNode<u32>>, u32) {
    let n = 2 + rng.below(most - 1) as u32;
    let mut nodes: Vec<GroupNode<u32>> = (0..n)
        .map(|i| {
            let parent = if i == 0 || rng.below(10) == 0 {
                None
            } else {
                Some(rng.below(u64::from(i)) as u32)
            };
            let mut group = node(i, parent, rng.below(10) as u32);
            group.worth = if rng.below(3) == 0 {
                100
            } else {
                1 + rng.below(4)
            };
            group
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
    let in_line = |id: u32| line.is_none_or(|top| id == top || ancestors(nodes, id).contains(&top));
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
        // The fallback is checked too, on every fourth chart to keep the test quick.
        let rules = if rng.below(4) == 0 {
            &[Suppression::MinimumCost, Suppression::SmallestFirst][..]
        } else {
            &[Suppression::MinimumCost][..]
        };
        for &rule in rules {
            let verdicts = visible_groups_with(&nodes, k, rule).expect("a valid hierarchy");
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
                        "{nodes:?} with k={k} ({rule:?}): a manager of {line:?} isolates {size} \
                         people with {coefficients:?} over {seen:x?}"
                    );
                }
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

/// Whether showing exactly `shown` is safe, judged on the people themselves: every shown
/// group, minus everyone in a shown group below it, leaves 0 or at least `k` people.
fn every_atom_is_safe(
    nodes: &[GroupNode<u32>],
    people: &BTreeMap<u32, u128>,
    shown: &[u32],
    k: u32,
) -> bool {
    shown.iter().all(|&v| {
        let below = shown
            .iter()
            .filter(|&&w| ancestors(nodes, w).contains(&v))
            .fold(0u128, |acc, w| acc | people[w]);
        let atom = (people[&v] & !below).count_ones();
        atom == 0 || atom >= k
    })
}

/// The least total worth any safe choice hides, trying every set of groups of at least `k`
/// (roots of at least `k` always shown).
fn brute_force_least_worth(nodes: &[GroupNode<u32>], people: &BTreeMap<u32, u128>, k: u32) -> u64 {
    let optional: Vec<&GroupNode<u32>> = nodes
        .iter()
        .filter(|n| n.parent.is_some() && people[&n.id].count_ones() >= k)
        .collect();
    let roots: Vec<u32> = nodes
        .iter()
        .filter(|n| n.parent.is_none() && people[&n.id].count_ones() >= k)
        .map(|n| n.id)
        .collect();
    (0u32..1 << optional.len())
        .filter_map(|hidden| {
            let mut shown = roots.clone();
            let mut worth = 0;
            for (i, n) in optional.iter().enumerate() {
                if hidden & (1 << i) == 0 {
                    shown.push(n.id);
                } else {
                    worth += n.worth;
                }
            }
            every_atom_is_safe(nodes, people, &shown, k).then_some(worth)
        })
        .min()
        .expect("hiding everything but the roots is always safe")
}

#[test]
fn the_choice_hides_no_more_worth_than_the_brute_force_optimum() {
    let mut rng = Rng(0xb007_f04c_e012);
    let mut better_than_before = 0;
    for _ in 0..1_500 {
        // Arrange: up to 12 groups.
        let (nodes, k) = random_org_of(&mut rng, 12);
        let people = people_by_group(&nodes);

        // Act
        let verdicts = visible_groups(&nodes, k).expect("a valid hierarchy");
        let before = visible_groups_with(&nodes, k, Suppression::SmallestFirst).expect("valid");

        // Assert
        let shown: Vec<u32> = verdicts
            .iter()
            .filter(|(_, v)| **v == Shown)
            .map(|(id, _)| *id)
            .collect();
        assert!(
            every_atom_is_safe(&nodes, &people, &shown, k),
            "{nodes:?} k={k}"
        );
        let hidden_worth = |v: &BTreeMap<u32, GroupVisibility<u32>>| -> u64 {
            nodes
                .iter()
                .filter(|n| v[&n.id] == Suppressed)
                .map(|n| n.worth)
                .sum()
        };
        let optimum = brute_force_least_worth(&nodes, &people, k);
        assert_eq!(
            hidden_worth(&verdicts),
            optimum,
            "{nodes:?} k={k}: {verdicts:?}"
        );
        if hidden_worth(&before) > optimum {
            better_than_before += 1;
        }
    }
    // The test has teeth: the rule before was often not optimal.
    assert!(
        better_than_before > 50,
        "only {better_than_before} improvements"
    );
}

#[test]
fn a_tree_too_large_to_search_falls_back_to_the_safe_rule_before() {
    // Arrange: a chain of 9 groups of 6 under one root; k so large the search is skipped.
    let k = 20_000;
    assert!(9 * u64::from(k + 1).pow(2) > EXACT_SEARCH_BUDGET);
    let mut nodes = vec![node(0, None, 1)];
    nodes.extend((1..9).map(|i| node(i, Some(i - 1), k)));

    // Act
    let verdicts = visible_groups(&nodes, k).expect("a valid hierarchy");

    // Assert: the same as the rule before, which is safe.
    let before = visible_groups_with(&nodes, k, Suppression::SmallestFirst).expect("valid");
    assert_eq!(verdicts, before);
    assert_eq!(verdicts[&0], Shown);
}
