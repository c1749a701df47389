//! The dashboard in a real browser (headless Chromium): signing in from chat, the person's own
//! page at a phone's width, refused links, signing out; axe-core checks each page.

use chrono::Duration;

use ambassador::store::prelude::*;

use super::browser::{Browser, LAPTOP, PHONE};
use super::harness::Dashboard;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_person_signs_in_from_chat_reads_their_page_on_a_phone_and_signs_out,
    an_expired_or_used_link_gets_a_clear_page_in_the_browser,
    a_manager_and_an_admin_do_their_work_in_a_browser,
);

async fn a_person_signs_in_from_chat_reads_their_page_on_a_phone_and_signs_out(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let browser = Browser::open(PHONE).await;
    browser.sign_in(&mut d, "ana").await;
    let text = browser.wait_for_text("Hello, Ana Silva").await;
    assert!(text.contains("Signed in as Ana Silva"), "{text}");
    assert!(text.contains("/pulse"), "where to answer the pulse: {text}");
    assert!(
        !text.contains("Administration"),
        "ana is no admin, so no admin link: {text}"
    );
    browser.check_accessibility().await;
    browser.check_fits_width().await;

    browser.click("form.sign-out button").await;
    browser.wait_for_text("You are signed out").await;
    browser.check_accessibility().await;
    browser.open_path(&d, "/web/").await;
    let text = browser.wait_for_text("You are signed out").await;
    assert!(text.contains("/engagement web"), "{text}");
    browser.close().await;
    d.stop().await;
}

async fn an_expired_or_used_link_gets_a_clear_page_in_the_browser(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let browser = Browser::open_in(PHONE, "pl").await;
    let link = d.link("zofia").await;
    d.clock.advance(Duration::minutes(11));
    browser.goto(&link).await;
    let text = browser.wait_for_text("Ten link wygasł").await;
    assert!(text.contains("/engagement web"), "{text}");
    browser.check_accessibility().await;
    browser.check_fits_width().await;

    // A fresh link works once; the second visit says it was used.
    let link = d.link("zofia").await;
    browser.goto(&link).await;
    browser.wait_for_path("/web/").await;
    browser.wait_for_text("Cześć, Zofia Nowak").await;
    browser.goto(&link).await;
    browser.wait_for_text("Ten link został już użyty").await;
    browser.check_accessibility().await;
    browser.close().await;
    d.stop().await;
}

/// The year of Support, its kudos (one with markup in it), another team refused; then the
/// admin's org chart upload (a bad file, then a good one) and a new narrative version, seen in
/// chat. The manager's page is photographed for the README.
async fn a_manager_and_an_admin_do_their_work_in_a_browser(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let given = d
        .console
        .say_as(
            "ana",
            "/kudos @eleni <script>alert(1)</script> calmed an angry customer down #empathy",
        )
        .await;
    assert!(given.contains("Kudos sent"), "{given}");
    // Pages count kudos given before the minute they are read in.
    d.clock.advance(Duration::minutes(1));
    let department = |name: &'static str| {
        let store = d.console.store.clone();
        let org = d.console.org.id;
        async move {
            store
                .departments(org)
                .await
                .expect("departments")
                .into_iter()
                .find(|x| x.name == name)
                .unwrap_or_else(|| panic!("no department {name}"))
                .id
                .0
        }
    };
    let support = department("Support").await;
    let logistics = department("Logistics").await;

    let browser = Browser::open(LAPTOP).await;
    browser.sign_in(&mut d, "sam").await;
    browser
        .open_path(&d, &format!("/web/teams/{support}"))
        .await;
    let text = browser.wait_for_text("Drivers by round").await;
    // What ana typed is on the page as she typed it, and nothing of it ran.
    assert!(
        text.contains("<script>alert(1)</script> calmed an angry customer down"),
        "{text}"
    );
    let scripts = browser
        .client()
        .execute(
            "return document.querySelectorAll('main script').length;",
            vec![],
        )
        .await
        .expect("the page answers");
    assert_eq!(scripts, 0, "a tag typed in a kudos never becomes one");
    browser.check_accessibility().await;
    browser.check_fits_width().await;
    let picture = browser.screenshot("manager-team").await;
    assert!(picture.exists());

    // Kasia leads Logistics and is no admin: Support's address is not found for her, as if
    // it did not exist, while her own team opens.
    browser.click("form.sign-out button").await;
    browser.wait_for_text("You are signed out").await;
    browser.sign_in(&mut d, "kasia").await;
    browser
        .open_path(&d, &format!("/web/teams/{support}"))
        .await;
    let text = browser.wait_for_text("Nie znaleziono").await;
    assert!(!text.contains("calmed an angry customer"), "{text}");
    browser.check_accessibility().await;
    browser
        .open_path(&d, &format!("/web/teams/{logistics}"))
        .await;
    browser
        .wait_for_path(&format!("/web/teams/{logistics}"))
        .await;
    browser.check_accessibility().await;
    browser.close().await;

    // Olivia, the admin, on a phone: a file with problems imports nothing, a good one does.
    let browser = Browser::open(PHONE).await;
    browser.sign_in(&mut d, "olivia").await;
    let people_before = d
        .console
        .store
        .people(d.console.org.id)
        .await
        .expect("people")
        .len();
    let dir = tempfile::tempdir().expect("a temp dir");
    let bad = dir.path().join("bad.csv");
    let demo = ambassador::demo::DEMO_ORG_CSV;
    std::fs::write(
        &bad,
        format!(
            "{demo}nadia@acme.example,Nadia Hope,Sales,nobody@acme.example,Mars/Base,en,no,yes\n"
        ),
    )
    .expect("written");
    browser.open_path(&d, "/web/admin/org").await;
    browser.choose_file("#org-file", &bad).await;
    browser.click("form.upload button").await;
    let text = browser.wait_for_text("Mars/Base").await;
    assert!(
        text.contains("nobody@acme.example"),
        "both problems listed: {text}"
    );
    browser.check_accessibility().await;
    browser.check_fits_width().await;
    let people_now = d
        .console
        .store
        .people(d.console.org.id)
        .await
        .expect("people")
        .len();
    assert_eq!(people_now, people_before, "nothing imported");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        format!("{demo}nadia@acme.example,Nadia Hope,Sales,rachel@acme.example,Europe/London,en,no,yes\n"),
    )
    .expect("written");
    browser.open_path(&d, "/web/admin/org").await;
    browser.choose_file("#org-file", &good).await;
    browser.click("form.upload button").await;
    browser.wait_for_text("1 new").await;
    browser.check_accessibility().await;
    let nadia = d
        .console
        .store
        .person_by_handle(d.console.org.id, "nadia")
        .await
        .expect("the store answers");
    assert!(nadia.is_some(), "Nadia was imported");

    // A new narrative version, published from the editor, is what chat shows next.
    browser
        .open_path(&d, "/web/admin/narrative?locale=en")
        .await;
    browser
        .fill(
            "#narrative-body",
            "# Every call answered today\nWhoever picks up owns the answer.",
        )
        .await;
    browser.click("button[value=publish]").await;
    browser
        .wait_for_text("Published version 2 in English")
        .await;
    browser.check_accessibility().await;
    browser.check_fits_width().await;
    let narrative = d.console.say_as("ana", "/narrative").await;
    assert!(
        narrative.contains("Every call answered today"),
        "{narrative}"
    );
    browser.close().await;
    d.stop().await;
}
