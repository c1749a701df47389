//! The admin's pages over real HTTP: hidden from everyone else, the org chart upload with the
//! command line's rules, the people table, the narrative editor, the configuration and the
//! relay's backlog as they are, and the export.

use std::collections::BTreeMap;

use ambassador::core::clock::Clock;
use ambassador::core::locale::Locale;
use ambassador::core::pulse::{Driver, Question, Scale};
use ambassador::store::prelude::*;
use ambassador::store::{NewOutbound, Store};
use chrono::Duration;
use fantoccini::Locator;
use reqwest::multipart::{Form, Part};

use super::browser::{Browser, LAPTOP, PHONE};
use super::harness::{Dashboard, csrf_in};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    admin_pages_are_not_found_for_others_and_open_to_admins,
    an_org_chart_with_problems_imports_nothing_and_a_good_one_imports,
    problems_are_listed_in_the_admins_language,
    the_people_table_shows_who_is_linked_to_a_chat_account,
    the_people_table_pages_through_a_large_org,
    a_narrative_preview_saves_nothing_and_publishing_makes_a_version_chat_shows,
    a_narrative_with_a_problem_or_markup_is_refused_or_escaped,
    the_question_bank_shows_built_in_and_custom_questions,
    the_settings_page_shows_the_schedules_and_k_in_force,
    the_platforms_page_shows_connections_and_the_outbox_backlog,
    the_export_downloads_the_rows_ambassador_export_writes,
    every_admin_page_works_on_a_phone_and_passes_axe,
);

const ADMIN_PAGES: [&str; 7] = [
    "/web/admin/",
    "/web/admin/org",
    "/web/admin/narrative",
    "/web/admin/questions",
    "/web/admin/settings",
    "/web/admin/platforms",
    "/web/admin/export.csv",
];

const HEADER: &str = "email,name,department,manager_email,timezone,locale,admin\n";

/// Posts an org chart file as the upload form does (`csrf` left out when `None`).
async fn upload(
    d: &Dashboard,
    client: &reqwest::Client,
    csrf: Option<&str>,
    csv: &str,
) -> (u16, String) {
    let mut form = Form::new();
    if let Some(csrf) = csrf {
        form = form.text("csrf", csrf.to_string());
    }
    let file = Part::bytes(csv.as_bytes().to_vec())
        .file_name("org.csv")
        .mime_str("text/csv")
        .expect("a mime type");
    let response = client
        .post(d.url("/web/admin/org"))
        .multipart(form.part("file", file))
        .send()
        .await
        .expect("answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}

/// Posts the narrative editor's form.
async fn narrative_form(
    d: &Dashboard,
    client: &reqwest::Client,
    csrf: &str,
    locale: &str,
    body: &str,
    action: &str,
) -> (u16, String) {
    let response = client
        .post(d.url("/web/admin/narrative"))
        .form(&[
            ("csrf", csrf),
            ("locale", locale),
            ("body", body),
            ("action", action),
        ])
        .send()
        .await
        .expect("answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}

async fn people_count(d: &Dashboard) -> usize {
    d.console
        .store
        .people(d.console.org.id)
        .await
        .expect("people")
        .len()
}

async fn narrative_version(d: &Dashboard) -> i64 {
    d.console
        .store
        .current_narrative(d.console.org.id)
        .await
        .expect("the store answers")
        .expect("a narrative")
        .version
}

/// Forgets a person's chat account, as for someone an org chart listed before any platform
/// matched them (on the console everyone imported is linked by handle at once).
async fn unlink(store: &Store, email: &str) {
    const SQL: &str = "update people set platform_user_id = null where email = $1";
    let done = match store {
        Store::Sqlite(p) => sqlx::query(SQL)
            .bind(email)
            .execute(p)
            .await
            .map(|r| r.rows_affected()),
        Store::Postgres(p) => sqlx::query(SQL)
            .bind(email)
            .execute(p)
            .await
            .map(|r| r.rows_affected()),
        Store::Tx(_) => panic!("the test's store is a pool"),
    };
    assert_eq!(done.expect("updated"), 1, "{email}");
}

/// The table row whose header cell starts with `label`, from that cell to the row's end.
fn row_of<'a>(page: &'a str, label: &str) -> &'a str {
    let start = page
        .find(&format!("<th scope=\"row\">{label}"))
        .unwrap_or_else(|| panic!("no row {label} in:\n{page}"));
    let rest = &page[start..];
    &rest[..rest.find("</tr>").expect("the row ends")]
}

async fn admin_pages_are_not_found_for_others_and_open_to_admins(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let ana = d.signed_in("ana").await;
    let olivia = d.signed_in("olivia").await;
    let (_, home) = d.get(&ana, "/web/").await;
    assert!(
        !home.contains("/web/admin/"),
        "no admin link for ana:\n{home}"
    );
    for path in ADMIN_PAGES {
        let (status, page) = d.get(&ana, path).await;
        assert_eq!(status, 404, "{path} for ana");
        assert!(page.contains("This page does not exist"), "{path}: {page}");
        let (status, page) = d.get(&olivia, path).await;
        assert_eq!(status, 200, "{path} for olivia:\n{page}");
        let (status, _) = d.get(&Dashboard::client(), path).await;
        assert_eq!(status, 401, "{path} signed out");
    }
    // Forms of admin pages refuse ana the same way, whatever she sends.
    let (_, page) = d.get(&ana, "/web/").await;
    let posted = ana
        .post(d.url("/web/admin/narrative"))
        .form(&[("csrf", csrf_in(&page).as_str()), ("body", "# T\nP")])
        .send()
        .await
        .expect("answers");
    assert_eq!(posted.status(), 404);
    let (status, _) = upload(&d, &ana, Some(&csrf_in(&page)), HEADER).await;
    assert_eq!(status, 404);
    let (_, overview) = d.get(&olivia, "/web/admin/").await;
    for path in &ADMIN_PAGES[1..6] {
        assert!(overview.contains(&format!("href=\"{path}\"")), "{path}");
    }
    d.stop().await;
}

async fn an_org_chart_with_problems_imports_nothing_and_a_good_one_imports(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let olivia = d.signed_in("olivia").await;
    let (_, page) = d.get(&olivia, "/web/admin/org").await;
    let csrf = csrf_in(&page);
    let before = people_count(&d).await;

    let bad = format!(
        "{HEADER}\
         nefeli@acme.example,Nefeli Test,Operations/Support,sam@acme.example,Europe/Athens,el,no\n\
         not-an-email,Broken,Operations,,,,no\n\
         x@acme.example,X,Operations,nobody@acme.example,Mars/Base,xx,maybe\n"
    );
    let (status, page) = upload(&d, &olivia, Some(&csrf), &bad).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("Nothing was imported"), "{page}");
    for expected in [
        "line 3: &quot;not-an-email&quot; is not an email address",
        "line 4: the manager nobody@acme.example is neither in this file nor in the directory",
        "line 4: &quot;Mars/Base&quot; is not a time zone",
        "line 4: &quot;xx&quot; is not a language I speak",
        "line 4: &quot;maybe&quot; in column admin must be yes or no",
    ] {
        assert!(page.contains(expected), "{expected} missing in:\n{page}");
    }
    assert_eq!(people_count(&d).await, before, "nothing was imported");
    assert!(!page.contains("Nefeli Test"), "not in the table either");

    // Without the form's token nothing is imported, however good the file.
    let good = format!(
        "{HEADER}\
         nefeli@acme.example,Nefeli <b>Test</b>,Operations/Support,sam@acme.example,Europe/Athens,el,no\n"
    );
    let (status, _) = upload(&d, &olivia, None, &good).await;
    assert_eq!(status, 403);
    let (status, _) = upload(&d, &olivia, Some(&"0".repeat(64)), &good).await;
    assert_eq!(status, 403);
    assert_eq!(people_count(&d).await, before);

    // A spreadsheet's byte-order mark is no problem.
    let (status, page) = upload(&d, &olivia, Some(&csrf), &format!("\u{feff}{good}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Imported 1 people (1 new, 0 updated) in 2 departments."),
        "{page}"
    );
    assert!(
        page.contains("Nefeli &lt;b&gt;Test&lt;/b&gt;"),
        "what people typed is escaped:\n{page}"
    );
    assert!(!page.contains("<b>Test</b>"));
    assert_eq!(people_count(&d).await, before + 1);
    let nefeli = d.console.person("nefeli").await;
    assert_eq!(nefeli.locale, Locale::El);
    assert_eq!(nefeli.manager_id, Some(d.console.person("sam").await.id));
    // She is in the organisation chat serves: she can read the narrative there.
    let out = d.console.say_as("nefeli", "/narrative").await;
    assert!(out.contains("Έκδοση 1"), "{out}");
    d.stop().await;
}

async fn problems_are_listed_in_the_admins_language(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let olivia = d.signed_in("olivia").await;
    let (_, page) = d.get(&olivia, "/web/admin/org").await;
    // Olivia makes Eleni, who reads Greek, an admin.
    let promote = format!(
        "{HEADER}eleni@acme.example,Eleni Papadopoulou,Operations/Support,sam@acme.example,Europe/Athens,el,yes\n"
    );
    let (status, _) = upload(&d, &olivia, Some(&csrf_in(&page)), &promote).await;
    assert_eq!(status, 200);
    let eleni = d.signed_in("eleni").await;
    let (status, page) = d.get(&eleni, "/web/admin/org").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ανέβασμα του οργανογράμματος"), "{page}");
    let (status, page) = upload(
        &d,
        &eleni,
        Some(&csrf_in(&page)),
        &format!("{HEADER}broken,Χ,Operations,,,,no\n"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Δεν εισήχθη τίποτα"), "{page}");
    assert!(
        page.contains("γραμμή 2: το «broken» δεν είναι διεύθυνση email"),
        "{page}"
    );
    d.stop().await;
}

async fn the_people_table_shows_who_is_linked_to_a_chat_account(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let olivia = d.signed_in("olivia").await;
    let people = d
        .console
        .store
        .people(d.console.org.id)
        .await
        .expect("people");
    let active = people.iter().filter(|p| p.is_active).count();
    assert!(
        people.iter().all(|p| p.platform_user_id.is_some()),
        "on the console everyone is linked by handle"
    );
    let (_, page) = d.get(&olivia, "/web/admin/org").await;
    assert!(
        page.contains(&format!(
            "{active} of {active} active people are linked to a chat account."
        )),
        "{page}"
    );
    assert!(!page.contains(">not linked<"), "{page}");
    let ben = row_of(&page, "Ben Carter");
    assert!(ben.contains("ben@acme.example"), "{ben}");
    assert!(ben.contains("Operations/Support"), "{ben}");
    assert!(ben.contains("Sam Okafor"), "the manager by name: {ben}");
    assert!(ben.contains(">linked<"), "{ben}");
    let tom = row_of(&page, "Tom Reed");
    assert!(tom.contains("<td>no</td>"), "Tom is not active: {tom}");

    unlink(&d.console.store, "ben@acme.example").await;
    let (_, page) = d.get(&olivia, "/web/admin/org").await;
    assert!(
        page.contains(&format!(
            "{} of {active} active people are linked",
            active - 1
        )),
        "{page}"
    );
    assert!(row_of(&page, "Ben Carter").contains(">not linked<"));

    let (_, page) = d.get(&olivia, "/web/admin/org?unlinked=1").await;
    assert!(page.contains("One person matches."), "{page}");
    assert!(
        page.contains("Ben Carter") && !page.contains("Ana Silva"),
        "{page}"
    );
    assert!(page.contains("checked"), "the box stays ticked");

    let (_, page) = d.get(&olivia, "/web/admin/org?q=ELENI").await;
    assert!(page.contains("Eleni Papadopoulou"), "{page}");
    assert!(!page.contains("Ben Carter"), "{page}");
    let (_, page) = d.get(&olivia, "/web/admin/org?q=%25").await;
    assert!(page.contains("Nobody matches."), "a % is taken literally");
    d.stop().await;
}

async fn the_people_table_pages_through_a_large_org(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let olivia = d.signed_in("olivia").await;
    let (_, page) = d.get(&olivia, "/web/admin/org").await;
    let mut csv = HEADER.to_string();
    for n in 0..120 {
        csv.push_str(&format!(
            "zz{n:03}@acme.example,Zz Person {n:03},Operations/Support,sam@acme.example,,,no\n"
        ));
    }
    let (status, page) = upload(&d, &olivia, Some(&csrf_in(&page)), &csv).await;
    assert_eq!(status, 200, "{page}");
    let total = people_count(&d).await;
    assert!(total > 100);
    assert!(page.contains("People, page 1 of 2"), "{page}");
    assert!(page.contains("Page 1 of 2"));
    assert!(
        page.contains("href=\"/web/admin/org?page=2#people\""),
        "{page}"
    );
    assert!(!page.contains("Zz Person 119"), "100 a page");

    let (_, page) = d.get(&olivia, "/web/admin/org?page=2").await;
    assert!(page.contains("People, page 2 of 2"));
    assert!(page.contains("Zz Person 119"), "{page}");
    assert!(page.contains("rel=\"prev\""));
    assert_eq!(page.matches("<th scope=\"row\">").count(), total - 100);
    let (_, page) = d.get(&olivia, "/web/admin/org?page=99").await;
    assert!(
        page.contains("People, page 2 of 2"),
        "beyond the end: the last"
    );

    let (_, page) = d.get(&olivia, "/web/admin/org?q=zz&page=2").await;
    assert!(page.contains("120 people match."), "{page}");
    assert!(
        page.contains("href=\"/web/admin/org?q=zz&amp;page=1#people\""),
        "{page}"
    );
    d.stop().await;
}

async fn a_narrative_preview_saves_nothing_and_publishing_makes_a_version_chat_shows(
    backend: Backend,
) {
    let mut d = Dashboard::start(backend).await;
    let olivia = d.signed_in("olivia").await;
    let (status, page) = d.get(&olivia, "/web/admin/narrative?locale=el").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Version 1, published on 2026-11-25."),
        "{page}"
    );
    assert!(
        page.contains("0 of 30 active people have acknowledged it."),
        "{page}"
    );
    assert!(page.contains("<textarea"), "{page}");
    assert!(page.contains("lang=\"el\""), "{page}");
    let english_title = "Every customer leaves better off than they came";
    assert!(!page.contains(english_title), "the Greek text is edited");
    let csrf = csrf_in(&page);

    let body = "# Κάθε πελάτης φεύγει πιο ικανοποιημένος\r\nΕνας άνθρωπος αναλαμβάνει το πρόβλημά σου.\r\n## Ένας υπεύθυνος\r\nΑπό την αρχή ως το τέλος.\r\n- #customer-first: ξεκινάμε από τον πελάτη\r\n";
    let (status, page) = narrative_form(&d, &olivia, &csrf, "el", body, "preview").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("class=\"preview\""), "{page}");
    assert!(
        page.contains("<h2>Κάθε πελάτης φεύγει πιο ικανοποιημένος</h2>"),
        "rendered as chat shows it:\n{page}"
    );
    assert!(
        page.contains("Έκδοση 2"),
        "numbered as the next version:\n{page}"
    );
    assert!(page.contains("#customer-first"), "{page}");
    assert!(
        page.contains("Ένας υπεύθυνος\r\nΑπό την αρχή") || page.contains("Ένας υπεύθυνος\nΑπό"),
        "the text stays in the editor:\n{page}"
    );
    assert_eq!(narrative_version(&d).await, 1, "a preview saves nothing");

    let (status, page) = narrative_form(&d, &olivia, &csrf, "el", body, "publish").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Published version 2 in Greek. Everyone will be asked to read it again."),
        "{page}"
    );
    assert!(
        page.contains("Version 2, published on 2026-11-25."),
        "{page}"
    );
    assert_eq!(narrative_version(&d).await, 2);

    let eleni = d.console.say_as("eleni", "/narrative").await;
    assert!(
        eleni.contains("Κάθε πελάτης φεύγει πιο ικανοποιημένος"),
        "{eleni}"
    );
    assert!(eleni.contains("Έκδοση 2"), "{eleni}");
    let ana = d.console.say_as("ana", "/narrative").await;
    assert!(ana.contains(english_title), "English carried over:\n{ana}");

    // The English tab holds the English text, ready to edit.
    let (_, page) = d.get(&olivia, "/web/admin/narrative?locale=en").await;
    assert!(page.contains(&format!("# {english_title}")), "{page}");
    assert!(page.contains("aria-current=\"page\""));
    d.stop().await;
}

async fn a_narrative_with_a_problem_or_markup_is_refused_or_escaped(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let olivia = d.signed_in("olivia").await;
    let (_, page) = d.get(&olivia, "/web/admin/narrative").await;
    let csrf = csrf_in(&page);
    let before = narrative_version(&d).await;

    for (body, problem) in [
        ("We own the problem", "The narrative needs a title"),
        ("# Title only", "The narrative needs the promise"),
        (
            "# Title\nPromise\n## Empty section",
            "The section &quot;Empty section&quot; has no text under it.",
        ),
        ("   ", "The text is empty."),
    ] {
        for action in ["publish", "preview"] {
            let (status, page) = narrative_form(&d, &olivia, &csrf, "en", body, action).await;
            assert_eq!(status, 422, "{body} / {action}:\n{page}");
            assert!(page.contains("Nothing was saved"), "{page}");
            assert!(page.contains(problem), "{problem} missing:\n{page}");
        }
    }
    assert_eq!(narrative_version(&d).await, before, "nothing was saved");

    let (status, _) = olivia
        .post(d.url("/web/admin/narrative"))
        .form(&[("locale", "en"), ("body", "# T\nP"), ("action", "publish")])
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .expect("answers");
    assert_eq!(status, 403, "no token, no version");
    assert_eq!(narrative_version(&d).await, before);

    let (status, page) =
        narrative_form(&d, &olivia, &csrf, "de", "# Titel\nVersprechen", "publish").await;
    assert_eq!(status, 422);
    assert!(
        page.contains("I don&#39;t have a language called de")
            || page.contains("I don't have a language called de"),
        "{page}"
    );
    assert_eq!(
        narrative_version(&d).await,
        before,
        "no language, no version"
    );

    let script = "# <script>alert(1)</script>\n<img src=x onerror=alert(2)> promise";
    let (status, page) = narrative_form(&d, &olivia, &csrf, "en", script, "preview").await;
    assert_eq!(status, 200);
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    let (status, _) = narrative_form(&d, &olivia, &csrf, "en", script, "publish").await;
    assert_eq!(status, 200);
    let (_, page) = d.get(&olivia, "/web/admin/narrative?locale=en").await;
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        page.contains("# &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    d.stop().await;
}

async fn the_question_bank_shows_built_in_and_custom_questions(backend: Backend) {
    let tools = Question {
        id: "tools-1".into(),
        driver: Driver::Empowerment,
        scale: Scale::Agreement,
        text: BTreeMap::from([(
            Locale::En,
            "I have the tools I need to help customers.".into(),
        )]),
    };
    let mut d = Dashboard::start_with(backend, |config| {
        config.settings.pulse.custom_questions.push(tools.clone());
        config.questions.push(tools);
    })
    .await;
    let olivia = d.signed_in("olivia").await;
    let (status, page) = d.get(&olivia, "/web/admin/questions").await;
    assert_eq!(status, 200);
    let builtin = ambassador::core::pulse::bank::builtin_questions().len();
    assert!(
        page.contains(&format!(
            "The bank holds {} questions: {builtin} built in and 1 of your own. Each pulse round asks 5 of them.",
            builtin + 1
        )),
        "{page}"
    );
    assert!(
        page.contains("<h3 id=\"driver-recognition\">Recognition</h3>"),
        "{page}"
    );
    let recognition = row_of(&page, "<code>recognition-1</code>");
    assert!(recognition.contains("I get recognition when I do good work."));
    assert!(
        recognition.contains("Όταν κάνω καλή δουλειά, αυτό αναγνωρίζεται."),
        "other languages shown: {recognition}"
    );
    assert!(recognition.contains(">built in<"), "{recognition}");
    let tools = row_of(&page, "<code>tools-1</code>");
    assert!(tools.contains("I have the tools I need to help customers."));
    assert!(tools.contains("your own"), "{tools}");
    assert!(tools.contains("none: the English text is shown"), "{tools}");
    assert!(
        page.contains("[[pulse.custom_questions]]"),
        "how to add one"
    );

    // A Greek admin reads the bank in Greek.
    let (_, org) = d.get(&olivia, "/web/admin/org").await;
    let promote = format!(
        "{HEADER}eleni@acme.example,Eleni Papadopoulou,Operations/Support,sam@acme.example,Europe/Athens,el,yes\n"
    );
    assert_eq!(
        upload(&d, &olivia, Some(&csrf_in(&org)), &promote).await.0,
        200
    );
    let eleni = d.signed_in("eleni").await;
    let (_, page) = d.get(&eleni, "/web/admin/questions").await;
    let recognition = row_of(&page, "<code>recognition-1</code>");
    assert!(
        recognition.contains("<td lang=\"el\">Όταν κάνω καλή δουλειά"),
        "{recognition}"
    );
    d.stop().await;
}

async fn the_settings_page_shows_the_schedules_and_k_in_force(backend: Backend) {
    let mut d = Dashboard::start_with(backend, |config| {
        config.min_group_size = 7;
        config.settings.pulse.min_group_size = 7;
    })
    .await;
    let olivia = d.signed_in("olivia").await;
    let (status, page) = d.get(&olivia, "/web/admin/settings").await;
    assert_eq!(status, 200);
    assert!(page.contains("k = 7"), "{page}");
    assert!(
        page.contains("only when at least 7 people answered"),
        "{page}"
    );
    let pulse = row_of(
        &page,
        "Pulse rounds<p class=\"note\">Sent at this local time",
    );
    assert!(pulse.contains("<code>0 0 10 * * Mon</code>"), "{pulse}");
    // Wednesday 25 November 2026: the next Monday at 10:00 on the org's clock.
    assert!(
        pulse.contains("2026-11-30 10:00 (Europe/London)"),
        "{pulse}"
    );
    assert!(page.contains("<code>0 0 9 * * Mon</code>"), "the digest");
    assert!(
        page.contains("<code>0 30 9 * * Mon</code>"),
        "narrative moments"
    );
    assert!(page.contains("72 hours"), "the answer window");
    assert!(page.contains("24 hours"), "the reminder");
    d.stop().await;
}

async fn the_platforms_page_shows_connections_and_the_outbox_backlog(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let olivia = d.signed_in("olivia").await;
    let (status, page) = d.get(&olivia, "/web/admin/platforms").await;
    assert_eq!(status, 200);
    let local = row_of(&page, "console");
    assert!(local.contains("<code>local</code>"), "{local}");

    let now = d.clock.now();
    let call = |at| NewOutbound {
        platform: "slack",
        org_key: "T123".into(),
        method: "chat.postMessage".into(),
        payload: "{}".into(),
        urgent: false,
        at,
    };
    let store = &d.console.store;
    store
        .queue_outbound(&[
            call(now - Duration::hours(3)),
            call(now - Duration::minutes(5)),
        ])
        .await
        .expect("queued");
    let claimed = store
        .claim_outbox("slack", now, Duration::seconds(30), 1)
        .await
        .expect("claimed");
    store
        .outbox_give_up(claimed[0].id, "account_inactive", now)
        .await
        .expect("given up");
    let (_, page) = d.get(&olivia, "/web/admin/platforms").await;
    let slack = &page[page.find("id=\"backlog\"").expect("the backlog")..];
    let slack = row_of(slack, "slack");
    assert!(
        slack.contains("<td class=\"num\">1</td><td>5 minutes</td><td class=\"num bad\">1</td>"),
        "one waiting for 5 minutes, one given up:\n{slack}"
    );
    let (_, overview) = d.get(&olivia, "/web/admin/").await;
    assert!(overview.contains("1 message waiting"), "{overview}");
    d.stop().await;
}

async fn the_export_downloads_the_rows_ambassador_export_writes(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let olivia = d.signed_in("olivia").await;
    let response = olivia
        .get(d.url("/web/admin/export.csv"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"ambassador-export-"),
        "{disposition}"
    );
    let csv = response.text().await.expect("a body");
    let rows = d
        .console
        .bot
        .export_rows(&d.console.org, None, None)
        .await
        .expect("rows");
    assert!(rows.len() > 50, "a year of rounds");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("round,opened,team,series,status,n,value,sd,distribution")
    );
    assert_eq!(
        lines.count(),
        rows.len(),
        "every row, as the CLI writes them"
    );
    assert!(
        csv.contains("(whole organisation),engagement,shown"),
        "{csv}"
    );

    let (_, recent) = d
        .get(&olivia, "/web/admin/export.csv?from=2026-10-01&to=")
        .await;
    assert!(recent.lines().count() < csv.lines().count());
    assert!(recent.lines().count() > 1, "{recent}");
    let (status, page) = d.get(&olivia, "/web/admin/export.csv?from=last+week").await;
    assert_eq!(status, 400);
    assert!(page.contains("year-month-day"), "{page}");
    d.stop().await;
}

async fn every_admin_page_works_on_a_phone_and_passes_axe(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let browser = Browser::open(PHONE).await;
    browser.sign_in(&mut d, "olivia").await;
    for path in &ADMIN_PAGES[..6] {
        browser.open_path(&d, path).await;
        browser.wait_for_path(path).await;
        browser.check_accessibility().await;
        browser.check_fits_width().await;
    }
    browser.open_path(&d, "/web/admin/org").await;
    let rows = browser
        .client()
        .find_all(Locator::Css("table.people tbody tr"))
        .await
        .expect("the table's rows");
    assert_eq!(rows.len(), people_count(&d).await, "one row a person");

    // A file with problems, chosen and sent as a person does: the problems are listed.
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("org.csv");
    std::fs::write(&file, format!("{HEADER}broken,Broken,Operations,,,,no\n")).expect("written");
    browser.open_path(&d, "/web/admin/org").await;
    browser.choose_file("#org-file", &file).await;
    browser.click("form.upload button").await;
    browser
        .wait_for_text("line 2: \"broken\" is not an email address")
        .await;
    browser.check_accessibility().await;
    browser.check_fits_width().await;

    // The narrative's preview, as chat shows it.
    browser.open_path(&d, "/web/admin/narrative").await;
    browser
        .fill(
            "#narrative-body",
            "# A new promise\nWe call back the same day.",
        )
        .await;
    browser.click("button[value=preview]").await;
    browser.wait_for_text("Nothing has been saved yet.").await;
    assert!(
        browser
            .html()
            .await
            .contains("<h2>A new promise</h2><p class=\"section\"><strong>We call back the same day.</strong></p>"),
        "the preview is the narrative as chat shows it"
    );
    browser.check_accessibility().await;
    browser.check_fits_width().await;
    browser.close().await;

    // Pictures of each page on a laptop, for people reviewing a change to them.
    let laptop = Browser::open(LAPTOP).await;
    laptop.sign_in(&mut d, "olivia").await;
    for (path, name) in ADMIN_PAGES[..6].iter().zip([
        "overview",
        "org",
        "narrative",
        "questions",
        "settings",
        "platforms",
    ]) {
        laptop.open_path(&d, path).await;
        laptop.wait_for_path(path).await;
        laptop.check_fits_width().await;
        let png = laptop.screenshot(&format!("admin-{name}")).await;
        assert!(png.exists());
    }
    laptop.close().await;
    d.stop().await;
}
