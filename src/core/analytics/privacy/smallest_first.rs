//! [`Suppression::SmallestFirst`](super::Suppression::SmallestFirst): the original bottom-up
//! rule, kept as the fallback for trees too large to search exactly.
//!
//! One bottom-up pass reaches a safe state. When `V` is handled, the groups below it already
//! obey the rule. Suppressing a group `d` of `D(V)` merges the atom of `d` (empty or at least
//! `k` people) into the atom of `V` and changes no other atom, since `V` is the nearest shown
//! ancestor of `d`. Handling an ancestor of `V` later only merges the atom of `V`, by then valid,
//! into the ancestor's.

use super::tree::Tree;
use super::{GroupNode, State};

/// Hides, at each shown group with an unsafe residual, its smallest maximal shown descendant
/// until the residual is safe.
pub(super) fn suppress<Id: Copy + Ord>(
    tree: &Tree,
    nodes: &[GroupNode<Id>],
    subtree: &[u64],
    k: u64,
    state: &mut [State],
) {
    for &v in &tree.post_order {
        if state[v] != State::Shown {
            continue;
        }
        let mut below = maximal_shown_below(tree, v, state);
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
            below.extend(maximal_shown_below(tree, d, state));
        }
    }
}

/// The shown nodes under `v` with no shown node between them and `v`.
fn maximal_shown_below(tree: &Tree, v: usize, state: &[State]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut stack: Vec<usize> = tree.children[v].clone();
    while let Some(c) = stack.pop() {
        match state[c] {
            State::Shown => found.push(c),
            State::Suppressed => stack.extend(&tree.children[c]),
            // Everything under a small node is small too.
            State::Small => {}
        }
    }
    found
}
