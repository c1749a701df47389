//! Signing in to the dashboard with a link got in chat, over real HTTP.

use chrono::Duration;

use super::harness::{Dashboard, csrf_in};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_link_from_chat_signs_in_once_and_sign_out_ends_the_session,
    an_expired_link_gets_a_clear_page_and_signs_nobody_in,
    forged_links_and_forged_forms_change_nothing,
    every_page_carries_a_strict_content_security_policy,
    behind_https_the_session_cookie_is_secure,
    the_dashboard_button_on_a_digest_sends_a_link_to_a_page_of_ones_own,
);

async fn a_link_from_chat_signs_in_once_and_sign_out_ends_the_session(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let answer = d.console.say_as("sam", "/engagement web").await;
    assert!(answer.contains("works once, within 10 minutes"), "{answer}");
    let link = super::harness::link_in(&answer).expect("a link");

    // Opening the link (as a chat preview would) spends nothing: it shows the sign-in form.
    let browser = Dashboard::client();
    let shown = browser.get(&link).send().await.expect("answers");
    assert_eq!(shown.status(), 200);
    assert!(shown.text().await.expect("body").contains("Sign in"));

    let signed = browser.post(&link).send().await.expect("answers");
    assert_eq!(signed.status(), 303);
    assert_eq!(signed.headers()["location"], "/web/");
    let cookie = signed.headers()["set-cookie"].to_str().expect("ascii");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http here: {cookie}");
    assert!(cookie.contains("Max-Age=43200"), "12 hours: {cookie}");

    let (status, page) = d.get(&browser, "/web/").await;
    assert_eq!(status, 200);
    assert!(page.contains("Hello, Sam Okafor"), "{page}");
    assert!(page.contains("Signed in as Sam Okafor"), "{page}");

    // The same link again, from anywhere: already used.
    let again = Dashboard::client()
        .post(&link)
        .send()
        .await
        .expect("answers");
    assert_eq!(again.status(), 410);
    assert!(again.text().await.expect("body").contains("already used"));

    // Sign-out needs the page's token; with it, the session ends in the database.
    let forged = browser
        .post(d.url("/web/sign-out"))
        .form(&[("csrf", "0".repeat(64))])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), 403);
    assert_eq!(d.get(&browser, "/web/").await.0, 200, "still signed in");
    let out = browser
        .post(d.url("/web/sign-out"))
        .form(&[("csrf", csrf_in(&page))])
        .send()
        .await
        .expect("answers");
    assert_eq!(out.status(), 200);
    assert!(
        out.text()
            .await
            .expect("body")
            .contains("You are signed out")
    );
    let (status, page) = d.get(&browser, "/web/").await;
    assert_eq!(status, 401);
    assert!(page.contains("/engagement web"), "{page}");
    d.stop().await;
}

async fn an_expired_link_gets_a_clear_page_and_signs_nobody_in(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let link = d.link("ana").await;
    d.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let browser = Dashboard::client();
    let response = browser.post(&link).send().await.expect("answers");
    assert_eq!(response.status(), 410);
    assert!(response.headers().get("set-cookie").is_none());
    let page = response.text().await.expect("body");
    assert!(page.contains("This link has expired"), "{page}");
    assert!(page.contains("10 minutes"), "{page}");
    assert_eq!(d.get(&browser, "/web/").await.0, 401);

    // A Greek-speaking browser reads the refusal in Greek.
    let link = d.link("ana").await;
    d.clock.advance(Duration::minutes(11));
    let page = browser
        .post(&link)
        .header("accept-language", "el-GR,el;q=0.9")
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("body");
    assert!(page.contains("Αυτός ο σύνδεσμος έληξε"), "{page}");
    d.stop().await;
}

async fn forged_links_and_forged_forms_change_nothing(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let browser = Dashboard::client();
    for forged in [
        d.url(&format!("/web/sign-in/{}", "ab".repeat(32))),
        d.url("/web/sign-in/not-a-token"),
    ] {
        let response = browser.post(&forged).send().await.expect("answers");
        assert_eq!(response.status(), 404, "{forged}");
        assert!(response.headers().get("set-cookie").is_none());
        assert!(
            response
                .text()
                .await
                .expect("body")
                .contains("This link does not work")
        );
    }
    // A page elsewhere posting someone's link (to sign the browser in as them) is refused,
    // and the link still works for its owner.
    let link = d.link("ana").await;
    let cross = browser
        .post(&link)
        .header("origin", "https://elsewhere.example")
        .send()
        .await
        .expect("answers");
    assert_eq!(cross.status(), 401);
    let own = browser.post(&link).send().await.expect("answers");
    assert_eq!(own.status(), 303);
    // A cookie nobody issued is nobody.
    let stranger = reqwest::Client::new()
        .get(d.url("/web/"))
        .header("cookie", format!("ambassador_session={}", "cd".repeat(32)))
        .send()
        .await
        .expect("answers");
    assert_eq!(stranger.status(), 401);
    d.stop().await;
}

async fn every_page_carries_a_strict_content_security_policy(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let browser = d.signed_in("olivia").await;
    for path in ["/web/", "/web/no-such-page", "/web/sign-in/x"] {
        let response = browser.get(d.url(path)).send().await.expect("answers");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(response.headers()["referrer-policy"], "same-origin");
        let page = response.text().await.expect("body");
        assert!(
            !page.contains("<script>") && !page.contains(" style="),
            "{path} has inline script or style:\n{page}"
        );
    }
    d.stop().await;
}

async fn behind_https_the_session_cookie_is_secure(backend: Backend) {
    // A proxy terminates TLS in front of serve: links name https, the cookie says Secure.
    let mut d = Dashboard::start_with(backend, |config| {
        config.web_public_url = "https://ambassador.example.com".into();
        config.settings.web.session_hours = 2;
    })
    .await;
    let link = d.link("sam").await;
    let token = link
        .strip_prefix("https://ambassador.example.com/web/sign-in/")
        .unwrap_or_else(|| panic!("the link names the public address: {link}"));
    let response = Dashboard::client()
        .post(d.url(&format!("/web/sign-in/{token}")))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 303);
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(
        cookie.contains("Max-Age=7200"),
        "web.session_hours = 2: {cookie}"
    );
    // The session itself ends after those two hours, whatever the browser keeps.
    let value = cookie.split(';').next().expect("name=value").to_string();
    let page = |d: &Dashboard| {
        reqwest::Client::new()
            .get(d.url("/web/"))
            .header("cookie", value.clone())
            .send()
    };
    assert_eq!(page(&d).await.expect("answers").status(), 200);
    d.clock.advance(chrono::Duration::hours(2));
    assert_eq!(page(&d).await.expect("answers").status(), 401);
    d.stop().await;
}

async fn the_dashboard_button_on_a_digest_sends_a_link_to_a_page_of_ones_own(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    // Sam's digest and his home page both carry the button; pressing it sends a fresh link.
    let digest = d.console.say_as("sam", "/engagement").await;
    // The answer comes last (messages queued for others are printed before it).
    let own = &digest[digest.rfind("Engagement digest").expect("a digest")..];
    let button = crate::helpers::button_before(own, "Open the dashboard");
    let answer = d.console.say(&format!("/click {button}")).await;
    let link = super::harness::link_in(&answer)
        .unwrap_or_else(|| panic!("no link after pressing the button:\n{answer}"));
    assert!(answer.contains("works once"), "{answer}");
    let home = d.console.say("/home").await;
    let own = &home[home
        .rfind("here is your ambassador page")
        .expect("the home page")..];
    crate::helpers::button_before(own, "Open the dashboard");

    let browser = Dashboard::client();
    assert_eq!(
        browser.post(&link).send().await.expect("answers").status(),
        303
    );
    let (status, page) = d.get(&browser, "/web/").await;
    assert_eq!(status, 200);
    // His own page: the narrative, his open pulse (answered in chat) and his kudos.
    assert!(
        page.contains("Every customer leaves better off than they came"),
        "{page}"
    );
    assert!(page.contains("/pulse"), "{page}");
    assert!(page.contains("Kudos"), "{page}");
    d.stop().await;
}
