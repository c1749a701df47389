//! Loading the org chart, on SQLite and PostgreSQL.

use ambassador::bot::{ImportError, import_org_chart};
use ambassador::core::directory::import::ProblemKind;
use ambassador::store::prelude::*;

use crate::helpers::{Backend, TestConsole, test_start};
use crate::on_both_backends;

on_both_backends!(
    reimporting_updates_people_in_place,
    a_bad_file_is_reported_line_by_line_and_changes_nothing,
    departments_form_a_tree_with_their_heads,
);

async fn reimporting_updates_people_in_place(backend: Backend) {
    let c = TestConsole::demo(backend).await;
    let config = c.bot.config().clone();
    let csv = "email,name,department,manager_email,timezone,locale,admin\n\
               ana@acme.example,Ana Silva-Reis,Operations/Logistics,kasia@acme.example,Europe/Warsaw,pl,no\n\
               new@acme.example,New Person,Operations/Logistics,kasia@acme.example,,,\n";
    let summary = import_org_chart(&c.store, &config, &c.org, csv, test_start())
        .await
        .expect("imports");
    assert_eq!((summary.created, summary.updated), (1, 1));
    let ana = c.person("ana").await;
    assert_eq!(ana.display_name, "Ana Silva-Reis");
    assert_eq!(ana.timezone, chrono_tz::Europe::Warsaw);
    assert_eq!(ana.manager_id, Some(c.person("kasia").await.id));
    let new = c.person("new").await;
    // Blank time zone and locale take the org defaults.
    assert_eq!(new.timezone, chrono_tz::Europe::London);
    assert_eq!(c.store.people(c.org.id).await.expect("people").len(), 32);
}

async fn a_bad_file_is_reported_line_by_line_and_changes_nothing(backend: Backend) {
    let c = TestConsole::demo(backend).await;
    let config = c.bot.config().clone();
    let before = c.store.people(c.org.id).await.expect("people");
    let csv = "email,name,department,manager_email,timezone,locale,admin\n\
               ana@acme.example,Renamed,Operations/Support,,Europe/Lisbon,en,no\n\
               broken,Nobody,Support,,UTC,en,no\n\
               x@acme.example,X,Support,ghost@acme.example,Nowhere/Town,xx,maybe\n";
    let err = import_org_chart(&c.store, &config, &c.org, csv, test_start())
        .await
        .expect_err("refused");
    let ImportError::Invalid(problems) = err else {
        panic!("expected problems, got {err:?}")
    };
    let at = |line: usize| {
        problems
            .iter()
            .filter(move |p| p.line == line)
            .map(|p| &p.kind)
    };
    assert!(at(3).any(|k| matches!(k, ProblemKind::BadEmail(_))));
    assert!(at(4).any(|k| matches!(k, ProblemKind::BadTimezone(_))));
    assert!(at(4).any(|k| matches!(k, ProblemKind::BadLocale(_))));
    assert!(at(4).any(|k| matches!(k, ProblemKind::UnknownManager(_))));
    // Line 2 was fine, but nothing from a bad file is applied.
    let after = c.store.people(c.org.id).await.expect("people");
    assert_eq!(before, after);
    assert_eq!(c.person("ana").await.display_name, "Ana Silva");
}

async fn departments_form_a_tree_with_their_heads(backend: Backend) {
    let c = TestConsole::demo(backend).await;
    let departments = c.store.departments(c.org.id).await.expect("departments");
    let by_path = |p: &str| {
        departments
            .iter()
            .find(|d| d.path == p)
            .unwrap_or_else(|| panic!("no department {p}"))
            .clone()
    };
    let support = by_path("Operations/Support");
    let operations = by_path("Operations");
    assert_eq!(support.parent_id, Some(operations.id));
    assert_eq!(support.manager_id, Some(c.person("sam").await.id));
    // Operations has no members of its own; its sub-department heads report to Marcus.
    assert_eq!(operations.manager_id, Some(c.person("marcus").await.id));
    assert_eq!(
        by_path("Executive").manager_id,
        Some(c.person("olivia").await.id)
    );
    assert!(departments.len() >= 4);
}
