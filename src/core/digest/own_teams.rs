//! Which groups are a manager's own team, the worth complement suppression protects most, and
//! which manager hears about a drop in a group.

use std::collections::{BTreeSet, HashMap};

use super::DepartmentNode;

/// What showing a manager's own team is worth to complement suppression, against 1 for any
/// other group: more than every other group of any real org chart together, so no number of
/// aggregates is ever kept at the price of one manager's own team.
pub const OWN_TEAM_WORTH: u64 = 1_000_000;

/// The departments that are some manager's own team: the topmost departments each manager
/// leads (a manager leading a department and its sub-department reads them as one team, as in
/// the digest). Every other group is an aggregate someone reads above their own team.
pub fn own_teams(departments: &[DepartmentNode]) -> BTreeSet<i64> {
    let by_id: HashMap<i64, &DepartmentNode> = departments.iter().map(|d| (d.id, d)).collect();
    departments
        .iter()
        .filter(|d| {
            let Some(manager) = d.manager else {
                return false;
            };
            // Walk up; a loop cannot come from the directory, and stops the walk if it did.
            let mut seen = BTreeSet::from([d.id]);
            let mut up = d.parent;
            while let Some(p) = up.and_then(|p| by_id.get(&p)) {
                if p.manager == Some(manager) {
                    return false;
                }
                if !seen.insert(p.id) {
                    break;
                }
                up = p.parent;
            }
            true
        })
        .map(|d| d.id)
        .collect()
}

/// The manager a drop in `department` is reported to: the lowest manager who can see the group,
/// that is its own manager, or, for a department nobody leads, the nearest manager above it
/// (who sees it in their line). A group that is hidden has no figures to fall, so a fall inside
/// it shows, and is reported, only in the nearest shown group above: up the line only when the
/// view below is hidden.
pub fn alert_recipient(departments: &[DepartmentNode], department: i64) -> Option<i64> {
    let by_id: HashMap<i64, &DepartmentNode> = departments.iter().map(|d| (d.id, d)).collect();
    let mut seen = BTreeSet::new();
    let mut at = by_id.get(&department);
    while let Some(d) = at {
        if let Some(manager) = d.manager {
            return Some(manager);
        }
        if !seen.insert(d.id) {
            return None;
        }
        at = d.parent.and_then(|p| by_id.get(&p));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dept(id: i64, parent: Option<i64>, manager: Option<i64>) -> DepartmentNode {
        DepartmentNode {
            id,
            parent,
            name: format!("d{id}"),
            manager,
        }
    }

    #[test]
    fn a_manager_s_own_team_is_the_topmost_department_they_lead() {
        // Operations (1) and its Support (2) both led by 7; Logistics (3) by 8; Finance (4) by
        // nobody.
        let departments = [
            dept(1, None, Some(7)),
            dept(2, Some(1), Some(7)),
            dept(3, Some(1), Some(8)),
            dept(4, None, None),
        ];
        assert_eq!(own_teams(&departments), BTreeSet::from([1, 3]));
    }

    #[test]
    fn a_drop_in_a_team_nobody_leads_goes_to_the_nearest_manager_above() {
        let departments = [
            dept(1, None, Some(7)),
            dept(2, Some(1), None),
            dept(3, Some(2), Some(9)),
        ];
        assert_eq!(alert_recipient(&departments, 3), Some(9));
        assert_eq!(alert_recipient(&departments, 2), Some(7));
        assert_eq!(alert_recipient(&departments, 4), None);
    }
}
