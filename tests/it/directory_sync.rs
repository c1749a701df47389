//! Filling the directory from a chat platform's member list, and living with org-chart imports
//! before and after, on SQLite and PostgreSQL.

use ambassador::core::directory::import::parse_org_chart;
use ambassador::core::directory::platform_users::{PlatformUser, SkipReason};
use ambassador::core::directory::{Org, Person};
use ambassador::core::locale::Locale;
use ambassador::store::prelude::*;
use ambassador::store::{ImportSummary, Store};
use chrono::Duration;
use chrono_tz::{America, Asia, Europe};

use crate::helpers::{Backend, TestDb, test_start};
use crate::on_both_backends;

on_both_backends!(
    a_first_sync_adds_people_and_leaves_out_bots_strangers_and_the_unreachable,
    people_from_an_org_chart_are_linked_by_email_and_keep_what_the_chart_wrote,
    a_later_org_chart_completes_synced_people_without_undoing_the_platform,
    new_people_never_take_a_handle_someone_has,
    deleted_accounts_stay_off_until_they_return_whatever_an_import_says,
    an_email_changed_on_the_platform_is_followed_so_the_next_chart_still_matches,
    a_large_workspace_is_synced_in_batches,
);

const HEADER: &str = "email,name,department,manager_email,timezone,locale,admin,active\n";

struct Directory {
    _db: TestDb,
    store: Store,
    org: Org,
}

impl Directory {
    async fn new(backend: Backend) -> Directory {
        let db = TestDb::new(backend).await;
        let store = Store::connect(&db.url, 2).await.expect("connects");
        store.migrate().await.expect("migrates");
        let org = store
            .ensure_org(
                "slack",
                "T1",
                "Acme",
                Europe::Athens,
                Locale::En,
                test_start(),
            )
            .await
            .expect("org");
        Directory {
            _db: db,
            store,
            org,
        }
    }

    async fn import(&self, rows: &str) -> ImportSummary {
        let existing = self.store.emails(self.org.id).await.expect("emails");
        let chart = parse_org_chart(
            &format!("{HEADER}{rows}"),
            &existing,
            self.org.timezone,
            self.org.locale,
        )
        .expect("a valid chart");
        self.store
            .apply_org_chart(self.org.id, &chart, false, test_start())
            .await
            .expect("applied")
    }

    async fn person(&self, platform_user_id: &str) -> Person {
        self.store
            .person_by_platform_id(self.org.id, platform_user_id)
            .await
            .expect("store")
            .unwrap_or_else(|| panic!("nobody is linked to {platform_user_id}"))
    }

    async fn by_handle(&self, handle: &str) -> Person {
        self.store
            .person_by_handle(self.org.id, handle)
            .await
            .expect("store")
            .unwrap_or_else(|| panic!("no @{handle}"))
    }

    async fn department_path(&self, person: &Person) -> Option<String> {
        let id = person.department_id?;
        Some(self.store.department(id).await.expect("department").path)
    }
}

fn slack_user(id: &str, name: &str, email: Option<&str>) -> PlatformUser {
    PlatformUser {
        platform_user_id: id.into(),
        display_name: name.into(),
        email: email.map(str::to_string),
        timezone: None,
        locale: None,
        is_active: true,
        is_bot: false,
        username: None,
        is_guest: false,
    }
}

fn located(mut user: PlatformUser, timezone: &str, locale: &str) -> PlatformUser {
    user.timezone = Some(timezone.into());
    user.locale = Some(locale.into());
    user
}

fn deleted(mut user: PlatformUser) -> PlatformUser {
    user.is_active = false;
    user
}

async fn a_first_sync_adds_people_and_leaves_out_bots_strangers_and_the_unreachable(
    backend: Backend,
) {
    let d = Directory::new(backend).await;
    let mut bot = slack_user("B1", "Deploy Bot", Some("deploy@acme.io"));
    bot.is_bot = true;
    let users = [
        located(
            slack_user("U1", "Ann Lee", Some("Ann@Acme.io")),
            "America/New_York",
            "pl-PL",
        ),
        located(
            slack_user("U2", "Bo Berg", Some("bo@acme.io")),
            "Not/AZone",
            "de-DE",
        ),
        bot,
        deleted(slack_user("U3", "Long Gone", Some("gone@acme.io"))),
        slack_user("U4", "No Email", None),
    ];

    let summary = d
        .store
        .sync_platform_users(d.org.id, &users, test_start())
        .await
        .expect("synced");

    assert_eq!(
        (summary.created, summary.updated, summary.unchanged),
        (2, 0, 0)
    );
    let mut reasons: Vec<SkipReason> = summary.skipped.iter().map(|s| s.reason).collect();
    reasons.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(
        reasons,
        vec![
            SkipReason::Bot,
            SkipReason::DeletedUnknown,
            SkipReason::NoEmail
        ]
    );
    let ann = d.person("U1").await;
    assert_eq!(
        (ann.handle.as_str(), ann.email.as_str()),
        ("ann", "ann@acme.io")
    );
    assert_eq!((ann.timezone, ann.locale), (America::New_York, Locale::Pl));
    assert_eq!((ann.department_id, ann.manager_id), (None, None));
    assert!(ann.is_active && !ann.is_admin && !ann.welcomed);
    let bo = d.person("U2").await;
    assert_eq!(
        (bo.timezone, bo.locale),
        (Europe::Athens, Locale::En),
        "a bad zone and a language we lack take the org's"
    );
    assert_eq!(d.store.people(d.org.id).await.expect("people").len(), 2);

    // The same list again changes nothing.
    let again = d
        .store
        .sync_platform_users(d.org.id, &users, test_start())
        .await
        .expect("synced");
    assert_eq!(
        (
            again.created,
            again.updated,
            again.deactivated,
            again.unchanged
        ),
        (0, 0, 0, 2)
    );
}

async fn people_from_an_org_chart_are_linked_by_email_and_keep_what_the_chart_wrote(
    backend: Backend,
) {
    let d = Directory::new(backend).await;
    d.import(
        "lead@acme.io,Lead Person,Ops,,Europe/Athens,el,yes,\n\
         ann@acme.io,Ann (from HR),Ops/Support,lead@acme.io,Europe/Warsaw,el,,\n\
         bo@acme.io,Bo,Ops/Support,lead@acme.io,,,,\n",
    )
    .await;
    let users = [
        located(
            slack_user("U1", "Ann Lee", Some("ANN@acme.io")),
            "America/New_York",
            "en-US",
        ),
        located(
            slack_user("U2", "Bo Berg", Some("bo@acme.io")),
            "Asia/Tokyo",
            "pl-PL",
        ),
    ];

    let summary = d
        .store
        .sync_platform_users(d.org.id, &users, test_start())
        .await
        .expect("synced");

    assert_eq!((summary.created, summary.updated), (0, 2));
    let lead = d.by_handle("lead").await;
    let ann = d.person("U1").await;
    assert_eq!(ann.handle, "ann");
    assert_eq!(ann.display_name, "Ann (from HR)", "the chart's name wins");
    assert_eq!(
        (ann.timezone, ann.locale),
        (Europe::Warsaw, Locale::El),
        "so do a zone and a language the chart wrote"
    );
    assert_eq!(
        d.department_path(&ann).await.as_deref(),
        Some("Ops/Support")
    );
    assert_eq!(ann.manager_id, Some(lead.id));
    let bo = d.person("U2").await;
    assert_eq!(
        (bo.timezone, bo.locale),
        (Asia::Tokyo, Locale::Pl),
        "blank cells let the platform's values through"
    );
    assert!(lead.is_admin && !bo.is_admin);
    assert_eq!(lead.platform_user_id, None, "not on the platform yet");
    assert_eq!(d.store.people(d.org.id).await.expect("people").len(), 3);
}

async fn a_later_org_chart_completes_synced_people_without_undoing_the_platform(backend: Backend) {
    let d = Directory::new(backend).await;
    let users = [
        located(
            slack_user("U1", "Ann Lee", Some("ann@acme.io")),
            "America/New_York",
            "pl-PL",
        ),
        slack_user("U2", "Cy Contractor", Some("cy@contractor.example")),
    ];
    d.store
        .sync_platform_users(d.org.id, &users, test_start())
        .await
        .expect("synced");

    let summary = d
        .import(
            "lead@acme.io,Lead,Ops,,,,yes,\n\
             ann@acme.io,Ann Lee-Smith,Ops/Support,lead@acme.io,,,,\n",
        )
        .await;

    assert_eq!(
        (summary.created, summary.updated),
        (1, 1),
        "Ann is matched, not duplicated"
    );
    let ann = d.person("U1").await;
    assert_eq!(
        d.department_path(&ann).await.as_deref(),
        Some("Ops/Support")
    );
    assert_eq!(ann.manager_id, Some(d.by_handle("lead").await.id));
    assert_eq!(ann.display_name, "Ann Lee-Smith");
    assert_eq!(
        (ann.timezone, ann.locale),
        (America::New_York, Locale::Pl),
        "blank cells keep her platform settings"
    );
    // Not in the file: left exactly as the platform made them.
    let cy = d.person("U2").await;
    assert!(cy.is_active);
    assert_eq!(cy.department_id, None);
    // The next sync leaves the chart's department, manager and name alone.
    let later = d
        .store
        .sync_platform_users(d.org.id, &users, test_start() + Duration::days(1))
        .await
        .expect("synced");
    assert_eq!((later.updated, later.unchanged), (0, 2));
    let after = d.person("U1").await;
    assert_eq!(after, ann);
}

async fn new_people_never_take_a_handle_someone_has(backend: Backend) {
    let d = Directory::new(backend).await;
    d.import("ann@acme.io,Ann,Ops,,,,,\n").await;
    let users = [
        slack_user("U2", "Ann Other", Some("ann@other.example")),
        slack_user("U3", "Bo", Some("bo@acme.io")),
    ];
    d.store
        .sync_platform_users(d.org.id, &users, test_start())
        .await
        .expect("synced");
    assert_eq!(d.person("U2").await.handle, "ann-2");

    // An import that adds another bo@… gives them the next free handle instead of failing,
    // and Ann of acme keeps hers.
    let summary = d
        .import(
            "ann@acme.io,Ann,Ops,,,,,\n\
             bo@other.example,Bo Two,Ops,,,,,\n",
        )
        .await;
    assert_eq!((summary.created, summary.updated), (1, 1));
    assert_eq!(d.by_handle("ann").await.email, "ann@acme.io");
    assert_eq!(d.by_handle("bo").await.email, "bo@acme.io");
    assert_eq!(d.by_handle("bo-2").await.email, "bo@other.example");
}

async fn deleted_accounts_stay_off_until_they_return_whatever_an_import_says(backend: Backend) {
    let d = Directory::new(backend).await;
    let ann = slack_user("U1", "Ann", Some("ann@acme.io"));
    d.store
        .sync_platform_users(d.org.id, std::slice::from_ref(&ann), test_start())
        .await
        .expect("synced");

    let summary = d
        .store
        .sync_platform_users(d.org.id, &[deleted(ann.clone())], test_start())
        .await
        .expect("synced");
    assert_eq!((summary.deactivated, summary.updated), (1, 0));
    assert!(!d.person("U1").await.is_active);

    // An import listing her (active by default) does not bring a deleted account back.
    d.import("ann@acme.io,Ann,Ops,,,,,\n").await;
    assert!(!d.person("U1").await.is_active);

    // The account returns: so does she.
    d.store
        .sync_platform_users(d.org.id, std::slice::from_ref(&ann), test_start())
        .await
        .expect("synced");
    assert!(d.person("U1").await.is_active);

    // Switched off by the chart, an active account does not switch her back on.
    d.import("ann@acme.io,Ann,Ops,,,,,no\n").await;
    let summary = d
        .store
        .sync_platform_users(d.org.id, std::slice::from_ref(&ann), test_start())
        .await
        .expect("synced");
    assert_eq!(summary.unchanged, 1);
    assert!(!d.person("U1").await.is_active);

    // Deleting one account at once, as a `user_change` event would.
    d.import("ann@acme.io,Ann,Ops,,,,,yes\n").await;
    assert!(d.person("U1").await.is_active);
    assert!(
        d.store
            .deactivate_platform_user(d.org.id, "U1", test_start())
            .await
            .expect("store")
    );
    assert!(
        !d.store
            .deactivate_platform_user(d.org.id, "U1", test_start())
            .await
            .expect("store"),
        "already off"
    );
    assert!(!d.person("U1").await.is_active);
}

async fn an_email_changed_on_the_platform_is_followed_so_the_next_chart_still_matches(
    backend: Backend,
) {
    let d = Directory::new(backend).await;
    d.import("ann@acme.io,Ann,Ops,,,,,\n").await;
    d.store
        .sync_platform_users(
            d.org.id,
            &[slack_user("U1", "Ann", Some("ann@acme.io"))],
            test_start(),
        )
        .await
        .expect("synced");

    let summary = d
        .store
        .sync_platform_users(
            d.org.id,
            &[slack_user("U1", "Ann", Some("ann.lee@acme.io"))],
            test_start(),
        )
        .await
        .expect("synced");

    assert_eq!(summary.updated, 1);
    let ann = d.person("U1").await;
    assert_eq!(ann.email, "ann.lee@acme.io");
    assert_eq!(ann.handle, "ann", "handles stay put");
    let chart = d.import("ann.lee@acme.io,Ann Lee,Sales,,,,,\n").await;
    assert_eq!((chart.created, chart.updated), (0, 1));
    let ann = d.person("U1").await;
    assert_eq!(d.department_path(&ann).await.as_deref(), Some("Sales"));
}

async fn a_large_workspace_is_synced_in_batches(backend: Backend) {
    let d = Directory::new(backend).await;
    let users: Vec<PlatformUser> = (0..1_200)
        .map(|n| {
            located(
                slack_user(
                    &format!("U{n:05}"),
                    &format!("Person {n}"),
                    Some(&format!("p{n}@acme.io")),
                ),
                "Europe/Warsaw",
                "pl-PL",
            )
        })
        .collect();
    let first = d
        .store
        .sync_platform_users(d.org.id, &users, test_start())
        .await
        .expect("synced");
    assert_eq!(first.created, 1_200);

    let moved: Vec<PlatformUser> = users
        .into_iter()
        .map(|u| located(u, "Europe/Athens", "el-GR"))
        .collect();
    let second = d
        .store
        .sync_platform_users(d.org.id, &moved, test_start())
        .await
        .expect("synced");
    assert_eq!((second.created, second.updated), (0, 1_200));
    let people = d.store.people(d.org.id).await.expect("people");
    assert_eq!(people.len(), 1_200);
    assert!(
        people
            .iter()
            .all(|p| p.timezone == Europe::Athens && p.locale == Locale::El)
    );
}
