//! Department paths and department heads.

use std::collections::{BTreeMap, BTreeSet};

/// Every department path implied by a person's path: `Ops/Support` gives `Ops` and `Ops/Support`.
pub fn ancestors_and_self(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    (1..=parts.len()).map(|n| parts[..n].join("/")).collect()
}

/// The parent path of a department, if any.
pub fn parent_path(path: &str) -> Option<&str> {
    path.rsplit_once('/').map(|(parent, _)| parent)
}

/// A person as far as working out department heads is concerned.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    /// Their email (the key).
    pub email: &'a str,
    /// Their department path.
    pub department: &'a str,
    /// Their manager's email.
    pub manager_email: Option<&'a str>,
}

/// Who leads each department.
///
/// The head of a department is the member whose manager is outside it (or who has none); when
/// several qualify, the one with most direct reports inside the department, then the first by
/// email. A department with no members of its own (`Operations` above `Operations/Support`) is
/// led by the person its sub-departments' heads report to, when they all report to the same one.
pub fn department_heads(members: &[Member<'_>]) -> BTreeMap<String, String> {
    let mut by_dept: BTreeMap<&str, Vec<&Member<'_>>> = BTreeMap::new();
    let mut all_paths: BTreeSet<String> = BTreeSet::new();
    for m in members {
        by_dept.entry(m.department).or_default().push(m);
        all_paths.extend(ancestors_and_self(m.department));
    }
    let dept_of: BTreeMap<&str, &str> = members.iter().map(|m| (m.email, m.department)).collect();

    let mut heads: BTreeMap<String, String> = BTreeMap::new();
    for (dept, people) in &by_dept {
        let reports_in_dept = |email: &str| {
            people
                .iter()
                .filter(|p| p.manager_email == Some(email))
                .count()
        };
        let mut candidates: Vec<&&Member<'_>> = people
            .iter()
            .filter(|p| match p.manager_email {
                None => true,
                Some(mgr) => dept_of.get(mgr) != Some(dept),
            })
            .collect();
        if candidates.is_empty() {
            // A reporting cycle inside one department: fall back to everyone.
            candidates = people.iter().collect();
        }
        candidates.sort_by(|a, b| {
            reports_in_dept(b.email)
                .cmp(&reports_in_dept(a.email))
                .then(a.email.cmp(b.email))
        });
        if let Some(head) = candidates.first() {
            heads.insert((*dept).to_string(), head.email.to_string());
        }
    }

    // Departments without members of their own, deepest first so parents see their children.
    let mut empty: Vec<&String> = all_paths
        .iter()
        .filter(|p| !by_dept.contains_key(p.as_str()))
        .collect();
    empty.sort_by_key(|p| std::cmp::Reverse(p.matches('/').count()));
    let manager_of: BTreeMap<&str, Option<&str>> =
        members.iter().map(|m| (m.email, m.manager_email)).collect();
    for path in empty {
        let child_heads: BTreeSet<&str> = heads
            .iter()
            .filter(|(p, _)| parent_path(p) == Some(path.as_str()))
            .map(|(_, h)| h.as_str())
            .collect();
        let their_managers: BTreeSet<Option<&str>> = child_heads
            .iter()
            .map(|h| manager_of.get(h).copied().flatten())
            .collect();
        let head = match (their_managers.len(), their_managers.iter().next()) {
            (1, Some(Some(mgr))) => Some((*mgr).to_string()),
            _ if child_heads.len() == 1 => child_heads.iter().next().map(|h| (*h).to_string()),
            _ => None,
        };
        if let Some(head) = head {
            heads.insert(path.clone(), head);
        }
    }
    heads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m<'a>(email: &'a str, department: &'a str, manager: Option<&'a str>) -> Member<'a> {
        Member {
            email,
            department,
            manager_email: manager,
        }
    }

    #[test]
    fn paths_imply_their_ancestors() {
        assert_eq!(
            ancestors_and_self("Ops/Support/EMEA"),
            vec!["Ops", "Ops/Support", "Ops/Support/EMEA"]
        );
        assert_eq!(parent_path("Ops/Support"), Some("Ops"));
        assert_eq!(parent_path("Ops"), None);
    }

    #[test]
    fn the_member_managed_from_outside_leads_the_department() {
        let people = [
            m("ceo@x", "Exec", None),
            m("sam@x", "Ops/Support", Some("coo@x")),
            m("ana@x", "Ops/Support", Some("sam@x")),
            m("ben@x", "Ops/Logistics", Some("coo@x")),
            m("coo@x", "Exec", Some("ceo@x")),
        ];
        let heads = department_heads(&people);
        assert_eq!(heads["Ops/Support"], "sam@x");
        assert_eq!(heads["Exec"], "ceo@x");
        // Ops has no members; both sub-department heads report to the COO.
        assert_eq!(heads["Ops"], "coo@x");
    }
}
