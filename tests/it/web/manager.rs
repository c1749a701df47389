//! A manager's pages over real HTTP, on a year of the demo company's rounds: their teams, what
//! each shows, who may see what, the action plan written on the web, the CSV, and the k rule.

use ambassador::core::ids::DepartmentId;
use ambassador::store::prelude::*;
use chrono::Duration;
use regex::Regex;

use super::browser::{Browser, PHONE};
use super::harness::{Dashboard, csrf_in};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_manager_sees_a_year_of_their_team_and_only_admins_see_the_organisation,
    another_teams_pages_are_not_found_and_signed_out_requests_get_nothing,
    a_plan_written_on_the_web_shows_on_the_page_and_in_chat,
    the_csv_has_a_row_per_round_and_no_number_for_a_hidden_round,
    a_kudos_message_is_shown_as_text_never_as_markup,
    a_team_under_k_shows_no_figures_only_why,
    a_manager_reads_and_plans_on_a_phone_with_no_accessibility_violation,
    before_any_round_closes_the_pages_say_so,
);

/// The id of a demo department by name.
async fn department(d: &Dashboard, name: &str) -> DepartmentId {
    d.console
        .store
        .departments(d.console.org.id)
        .await
        .expect("departments")
        .into_iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("no department {name}"))
        .id
}

/// The part of `page` from `start` to the next `end`.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in:\n{page}"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The drop ids shown on a team page, in order.
fn drop_ids(page: &str) -> Vec<i64> {
    Regex::new(r#"id="drop-(\d+)""#)
        .expect("regex")
        .captures_iter(page)
        .filter_map(|c| c[1].parse().ok())
        .collect()
}

async fn a_manager_sees_a_year_of_their_team_and_only_admins_see_the_organisation(
    backend: Backend,
) {
    let mut d = Dashboard::start_seeded(backend).await;
    let support = department(&d, "Support").await.0;
    let logistics = department(&d, "Logistics").await.0;

    // Kasia's list: her team, not Sam's, not the organisation.
    let kasia = d.signed_in("kasia").await;
    let (status, list) = d.get(&kasia, "/web/teams/").await;
    assert_eq!(status, 200, "{list}");
    assert!(
        list.contains(&format!("href=\"/web/teams/{logistics}\">Logistics</a>")),
        "{list}"
    );
    assert!(
        !list.contains(&format!("href=\"/web/teams/{support}\"")),
        "{list}"
    );
    assert!(!list.contains("href=\"/web/teams/org\""), "{list}");
    let (status, page) = d.get(&kasia, &format!("/web/teams/{logistics}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1>Logistics</h1>"), "{page}");
    assert!(
        page.contains("kept the Friday deliveries on time while we were short-staffed"),
        "{page}"
    );

    // Sam's team, the demo's falling one.
    let sam = d.signed_in("sam").await;
    let (status, page) = d.get(&sam, &format!("/web/teams/{support}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1>Support</h1>"), "{page}");

    // The score over 52 rounds, as a chart with a name and as a table of 52 rounds.
    assert!(
        page.contains("aria-label=\"Engagement over the last 52 rounds:"),
        "{page}"
    );
    let rounds = between(&page, "<table class=\"rounds\">", "</table>");
    assert_eq!(rounds.matches("<tr>").count(), 1 + 52, "{rounds}");
    assert!(rounds.contains("Response rate"), "{rounds}");
    assert!(rounds.contains("eNPS"), "{rounds}");
    let shown_scores = Regex::new(r#"<td class="num">[1-5]\.\d\d</td>"#).expect("regex");
    assert!(
        shown_scores.is_match(rounds),
        "some rounds are shown: {rounds}"
    );
    assert!(
        page.contains("Response rate over the last 52 rounds:"),
        "{page}"
    );
    assert!(page.contains("eNPS over the last 52 rounds:"), "{page}");

    // Each driver is a row of the heat map with a cell for each of the 52 rounds.
    let heat = between(&page, "<table class=\"heat\">", "</table>");
    let rows = heat.matches("<th scope=\"row\">").count();
    assert!(rows >= 5, "a row per driver asked: {heat}");
    for driver in ["Recognition", "Relationship with peers", "Wellbeing"] {
        assert!(heat.contains(driver), "{driver} in {heat}");
    }
    let cells = Regex::new(r#"<td class="num heat-"#).expect("regex");
    assert_eq!(cells.find_iter(heat).count(), rows * 52, "{heat}");
    let valued = Regex::new(r#"<td class="num heat-[1-5]">[1-5]\.\d</td>"#).expect("regex");
    assert!(
        valued.is_match(heat),
        "cells carry their value as text: {heat}"
    );

    // The drop the demo's falling team shows, with no plan yet and a form to write one.
    let drops = between(&page, "id=\"drops\"", "id=\"kudos\"");
    assert!(
        !drop_ids(drops).is_empty(),
        "Support's fall is flagged: {drops}"
    );
    assert!(drops.contains("<h3>Support: "), "{drops}");
    assert!(drops.contains("Fell from"), "{drops}");
    assert!(drops.contains("none yet"), "{drops}");
    assert!(drops.contains("<textarea"), "{drops}");

    // Kudos their people received, with values; recognition between departments;
    // acknowledgement of the narrative.
    let kudos = between(&page, "id=\"kudos\"", "id=\"recognition\"");
    assert!(
        kudos.contains("walked me through the three customer tickets behind the export bug"),
        "{kudos}"
    );
    assert!(kudos.contains("#customer-first"), "{kudos}");
    assert!(
        kudos.contains("last 28 days"),
        "the window is said: {kudos}"
    );
    assert!(
        !kudos.contains("fixed the mobile checkout crash"),
        "a kudos to another team is not Sam's: {kudos}"
    );
    let matrix = between(&page, "id=\"recognition\"", "id=\"narrative\"");
    assert!(
        matrix.contains("<td>Platform</td><td>Support</td>"),
        "{matrix}"
    );
    let narrative = between(&page, "id=\"narrative\"", "id=\"comments\"");
    assert!(
        narrative.contains("people in this team have confirmed reading version"),
        "{narrative}"
    );
    assert!(page.contains("id=\"comments\""), "{page}");

    // The whole organisation is the admins'.
    assert_eq!(d.get(&kasia, "/web/teams/org").await.0, 404);
    assert_eq!(d.get(&kasia, "/web/teams/org/rounds.csv").await.0, 404);
    let olivia = d.signed_in("olivia").await;
    let (status, list) = d.get(&olivia, "/web/teams/").await;
    assert_eq!(status, 200);
    assert!(list.contains("href=\"/web/teams/org\""), "{list}");
    assert!(
        list.contains(&format!("href=\"/web/teams/{logistics}\"")),
        "{list}"
    );
    let (status, org) = d.get(&olivia, "/web/teams/org").await;
    assert_eq!(status, 200, "{org}");
    assert!(org.contains("<h1>Whole organisation</h1>"), "{org}");
    assert!(shown_scores.is_match(&org), "{org}");
    assert_eq!(
        d.get(&olivia, &format!("/web/teams/{support}")).await.0,
        200
    );
    d.stop().await;
}

async fn another_teams_pages_are_not_found_and_signed_out_requests_get_nothing(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let support = department(&d, "Support").await.0;
    let logistics = department(&d, "Logistics").await.0;
    let kasia = d.signed_in("kasia").await;

    // Sam's team, its CSV, a team that does not exist and addresses that name no team: all
    // the same 404, so a URL tells nobody whether a team exists.
    let (status, page) = d.get(&kasia, &format!("/web/teams/{support}")).await;
    assert_eq!(status, 404);
    assert!(
        page.contains("Ta strona nie istnieje albo nie możesz jej zobaczyć"),
        "in Kasia's language: {page}"
    );
    assert!(!page.contains("Support"), "{page}");
    for path in [
        format!("/web/teams/{support}/rounds.csv"),
        "/web/teams/999999/rounds.csv".to_string(),
        "/web/teams/999999".to_string(),
        "/web/teams/0".to_string(),
        "/web/teams/abc".to_string(),
    ] {
        let (status, body) = d.get(&kasia, &path).await;
        assert_eq!(status, 404, "{path}: {body}");
    }

    // Kasia cannot write a plan for Sam's drop, even with her own valid token.
    let sam = d.signed_in("sam").await;
    let (_, page) = d.get(&sam, &format!("/web/teams/{support}")).await;
    let alert = *drop_ids(&page).first().expect("a drop");
    let (_, hers) = d.get(&kasia, "/web/teams/").await;
    for team in [support, logistics] {
        let posted = kasia
            .post(d.url(&format!("/web/teams/{team}/drops/{alert}")))
            .form(&[("csrf", csrf_in(&hers)), ("action", "nothing".to_string())])
            .send()
            .await
            .expect("answers");
        assert_eq!(posted.status(), 404, "through team {team}");
    }
    let record = d
        .console
        .store
        .alert(d.console.org.id, alert)
        .await
        .expect("reads")
        .expect("the alert");
    assert_eq!(record.action, None);

    // Someone who leads nothing gets a kind page, and no team.
    let ana = d.signed_in("ana").await;
    let (status, page) = d.get(&ana, "/web/teams/").await;
    assert_eq!(status, 403);
    assert!(
        page.contains("Team results are for people who lead a team"),
        "{page}"
    );
    assert_eq!(d.get(&ana, &format!("/web/teams/{support}")).await.0, 404);

    // Signed out: nothing but the page that says how to sign in.
    let nobody = Dashboard::client();
    for path in [
        "/web/teams/".to_string(),
        format!("/web/teams/{support}"),
        format!("/web/teams/{support}/rounds.csv"),
    ] {
        let (status, body) = d.get(&nobody, &path).await;
        assert_eq!(status, 401, "{path}");
        assert!(!body.contains("Support"), "{body}");
    }
    d.stop().await;
}

async fn a_plan_written_on_the_web_shows_on_the_page_and_in_chat(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let support = department(&d, "Support").await.0;
    let sam = d.signed_in("sam").await;
    let path = format!("/web/teams/{support}");
    let (_, page) = d.get(&sam, &path).await;
    let alert = *drop_ids(&page).first().expect("a drop");
    let action = d.url(&format!("{path}/drops/{alert}"));
    let csrf = csrf_in(&page);
    let saved = |d: &Dashboard| {
        let store = d.console.store.clone();
        let org = d.console.org.id;
        async move {
            store
                .alert(org, alert)
                .await
                .expect("reads")
                .expect("the alert")
                .action
        }
    };

    // Without the session's token: refused, nothing saved.
    let forged = sam
        .post(&action)
        .form(&[("action", "forged plan")])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), 403);
    let forged = sam
        .post(&action)
        .form(&[("csrf", "0".repeat(64).as_str()), ("action", "forged plan")])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), 403);
    assert_eq!(saved(&d).await, None);

    // An empty plan, or one too long: a clear message, the text given back, nothing saved.
    let empty = sam
        .post(&action)
        .form(&[("csrf", csrf.as_str()), ("action", "   ")])
        .send()
        .await
        .expect("answers");
    assert_eq!(empty.status(), 422);
    let body = empty.text().await.expect("body");
    assert!(
        body.contains("the plan was empty, so nothing was saved"),
        "{body}"
    );
    assert!(body.contains("role=\"alert\""), "{body}");
    let long = "x".repeat(501);
    let too_long = sam
        .post(&action)
        .form(&[("csrf", csrf.as_str()), ("action", long.as_str())])
        .send()
        .await
        .expect("answers");
    assert_eq!(too_long.status(), 422);
    let body = too_long.text().await.expect("body");
    assert!(
        body.contains("The plan has 501 characters; keep it to 500."),
        "{body}"
    );
    assert!(body.contains(&long), "what was typed is given back");
    assert_eq!(saved(&d).await, None);

    // A plan: saved, back to the drop, on the page and in chat.
    let plan = "one-to-ones with everyone this week";
    let posted = sam
        .post(&action)
        .form(&[("csrf", csrf.as_str()), ("action", plan)])
        .send()
        .await
        .expect("answers");
    assert_eq!(posted.status(), 303);
    let to = posted.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert_eq!(to, format!("{path}?saved={alert}#drop-{alert}"));
    assert_eq!(saved(&d).await.as_deref(), Some(plan));
    let (status, page) = d.get(&sam, &to).await;
    assert_eq!(status, 200);
    let drop = between(&page, &format!("id=\"drop-{alert}\""), "</article>");
    assert!(drop.contains(&format!("<q>{plan}</q>")), "{drop}");
    assert!(drop.contains("Saved."), "{drop}");
    let chat = d.console.say_as("sam", "/engagement").await;
    let flagged = between(&chat, "Drops flagged", "Kudos your people received");
    assert!(flagged.contains(&format!("\"{plan}\"")), "{chat}");

    // Chat applies the same rule to the same plan.
    let chat = d
        .console
        .say_as(
            "sam",
            &format!("/engagement plan {alert} {}", "y".repeat(501)),
        )
        .await;
    assert!(
        chat.contains("Keep the plan to 500 characters (this one has 501)"),
        "{chat}"
    );
    assert_eq!(saved(&d).await.as_deref(), Some(plan));

    // Changing it goes through the same use case.
    let posted = sam
        .post(&action)
        .form(&[
            ("csrf", csrf.as_str()),
            ("action", "  a team retrospective on Friday "),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(posted.status(), 303);
    assert_eq!(
        saved(&d).await.as_deref(),
        Some("a team retrospective on Friday")
    );
    d.stop().await;
}

async fn the_csv_has_a_row_per_round_and_no_number_for_a_hidden_round(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let support = department(&d, "Support").await.0;
    let mobile = department(&d, "Mobile").await.0;
    for (who, team) in [("sam", support), ("hana", mobile)] {
        let client = d.signed_in(who).await;
        let response = client
            .get(d.url(&format!("/web/teams/{team}/rounds.csv")))
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), 200);
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
        let disposition = headers["content-disposition"].to_str().expect("ascii");
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        let text = response.text().await.expect("body");
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
        assert_eq!(
            header[..9],
            [
                "round",
                "opened",
                "status",
                "included_in",
                "score",
                "response_rate_percent",
                "invited",
                "responded",
                "enps"
            ]
        );
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert_eq!(rows.len(), 52, "{text}");
        let mut shown = 0;
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{row:?}");
            if row[2] == "shown" {
                shown += 1;
                assert!(row[4].parse::<f64>().is_ok(), "{row:?}");
            } else {
                assert!(
                    ["rolled-up", "suppressed", "not-asked"].contains(&row[2]),
                    "{row:?}"
                );
                assert!(row[4..].iter().all(|c| c.is_empty()), "{row:?}");
            }
        }
        if who == "sam" {
            assert!(shown > 26, "Support is shown most weeks: {text}");
        } else {
            assert_eq!(shown, 0, "three people are never shown: {text}");
        }
    }
    d.stop().await;
}

async fn a_kudos_message_is_shown_as_text_never_as_markup(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let support = department(&d, "Support").await.0;
    let before = d.console.kudos_count().await;
    let out = d
        .console
        .say_as(
            "grace",
            "/kudos @ana <script>alert(1)</script> stayed late to close the Acme tickets #customer-first",
        )
        .await;
    assert_eq!(
        d.console.kudos_count().await,
        before + 1,
        "the kudos was given: {out}"
    );
    d.clock.advance(Duration::minutes(1));
    let sam = d.signed_in("sam").await;
    let (status, page) = d.get(&sam, &format!("/web/teams/{support}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; stayed late to close the Acme tickets"
        ),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    d.stop().await;
}

async fn a_team_under_k_shows_no_figures_only_why(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let mobile = department(&d, "Mobile").await.0;
    let engineering = department(&d, "Engineering").await.0;
    let hana = d.signed_in("hana").await;
    assert_eq!(
        d.get(&hana, &format!("/web/teams/{engineering}")).await.0,
        404,
        "the department above is Priya's"
    );
    let (status, list) = d.get(&hana, "/web/teams/").await;
    assert_eq!(status, 200);
    assert!(list.contains("Hidden: fewer than 5 answered"), "{list}");

    let (status, page) = d.get(&hana, &format!("/web/teams/{mobile}")).await;
    assert_eq!(status, 200, "{page}");
    // No score, rate, eNPS or driver average anywhere, only why there is none; the charts
    // have their axes and no point.
    let main = between(&page, "<main", "</main>");
    assert!(!main.contains("<circle"), "no point on any chart: {main}");
    assert!(!main.contains("<polyline"), "no line on any chart: {main}");
    let svg = Regex::new(r"(?s)<svg.*?</svg>").expect("regex");
    let text = svg.replace_all(main, "");
    let figure = Regex::new(r"\d\.\d|\d%").expect("regex");
    assert!(!figure.is_match(&text), "{text}");
    assert!(
        main.contains("Engagement over the last 52 rounds: no round can be shown."),
        "{main}"
    );
    assert!(
        main.contains("No driver can be shown yet: fewer than 5 people answered in every round."),
        "{main}"
    );
    let rounds = between(&page, "<table class=\"rounds\">", "</table>");
    assert_eq!(
        rounds.matches("Hidden: fewer than 5 answered").count(),
        52,
        "{rounds}"
    );
    assert!(
        main.contains("No comments to show from the latest round"),
        "{main}"
    );
    // Recognition is not a survey answer: the kudos Hana received are hers to see.
    assert!(main.contains("fixed the mobile checkout crash"), "{main}");
    d.stop().await;
}

async fn a_manager_reads_and_plans_on_a_phone_with_no_accessibility_violation(backend: Backend) {
    let mut d = Dashboard::start_seeded(backend).await;
    let support = department(&d, "Support").await.0;
    let browser = Browser::open(PHONE).await;
    browser.sign_in(&mut d, "sam").await;

    browser.click("a[href='/web/teams/']").await;
    browser
        .wait_for_text("Your teams in the latest round")
        .await;
    browser.check_accessibility().await;
    browser.check_fits_width().await;

    browser
        .click(&format!("a[href='/web/teams/{support}']"))
        .await;
    browser.wait_for_text("Drivers by round").await;
    browser.check_accessibility().await;
    browser.check_fits_width().await;

    // An empty plan is refused in place, then a real one is saved.
    browser.click("article.drop form button[type=submit]").await;
    browser.wait_for_text("the plan was empty").await;
    browser.check_accessibility().await;
    browser
        .fill(
            "article.drop textarea",
            "one-to-ones with everyone this week",
        )
        .await;
    browser.click("article.drop form button[type=submit]").await;
    let text = browser.wait_for_text("Saved.").await;
    assert!(
        text.contains("one-to-ones with everyone this week"),
        "{text}"
    );
    browser.check_accessibility().await;

    // The whole organisation, and a team whose every round is hidden.
    browser.open_path(&d, "/web/teams/org").await;
    browser.wait_for_text("Whole organisation").await;
    browser.check_accessibility().await;
    browser.check_fits_width().await;
    let mobile = department(&d, "Mobile").await.0;
    browser.open_path(&d, &format!("/web/teams/{mobile}")).await;
    browser.wait_for_text("no round can be shown").await;
    browser.check_accessibility().await;
    browser.check_fits_width().await;
    browser.close().await;
    d.stop().await;
}

async fn before_any_round_closes_the_pages_say_so(backend: Backend) {
    let mut d = Dashboard::start(backend).await;
    let support = department(&d, "Support").await.0;
    let sam = d.signed_in("sam").await;
    let (status, list) = d.get(&sam, "/web/teams/").await;
    assert_eq!(status, 200, "{list}");
    assert!(list.contains("no round has closed yet"), "{list}");
    let (status, page) = d.get(&sam, &format!("/web/teams/{support}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("No round has closed yet."), "{page}");
    assert!(page.contains("No drop was flagged"), "{page}");
    assert!(!page.contains("<svg"), "no empty chart: {page}");
    let response = sam
        .get(d.url(&format!("/web/teams/{support}/rounds.csv")))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("body").lines().count(), 1);
    d.stop().await;
}
