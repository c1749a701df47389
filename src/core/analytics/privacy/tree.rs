//! The org chart as indices into the input slice, checked once: no duplicate, no unknown
//! parent, no loop.

use std::collections::BTreeMap;

use super::{GroupNode, HierarchyError};

/// The org chart by position in the input slice.
pub(super) struct Tree {
    pub(super) parent: Vec<Option<usize>>,
    pub(super) children: Vec<Vec<usize>>,
    /// Every node after all of its descendants.
    pub(super) post_order: Vec<usize>,
}

impl Tree {
    pub(super) fn new<Id: Copy + Ord>(nodes: &[GroupNode<Id>]) -> Result<Self, HierarchyError<Id>> {
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

        // Children by id, so every walk (and every tie the searches break by walking order)
        // depends on the org chart, not on the order it was listed in.
        for list in &mut children {
            list.sort_by_key(|&c| nodes[c].id);
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
    pub(super) fn subtree_counts<Id>(&self, nodes: &[GroupNode<Id>]) -> Vec<u64> {
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
}
