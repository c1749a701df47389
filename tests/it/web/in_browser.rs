//! The dashboard in a real browser (headless Chromium): signing in from chat, the person's own
//! page at a phone's width, refused links, signing out; axe-core checks each page.

use chrono::Duration;

use super::browser::{Browser, PHONE};
use super::harness::Dashboard;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_person_signs_in_from_chat_reads_their_page_on_a_phone_and_signs_out,
    an_expired_or_used_link_gets_a_clear_page_in_the_browser,
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
