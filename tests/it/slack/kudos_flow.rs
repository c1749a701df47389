//! Kudos through Slack: the slash command, the edge's refusals, and Slack's retries.

use ambassador::store::prelude::*;
use serde_json::json;

use super::fake::FakeUser;
use super::fake::{self, dm_channel};
use super::harness::{SlackHarness, all_text, demo_members, slack_id};
use super::payloads::{self, SlashCommand};
use super::signing::{self, SlackBody};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_slash_command_gives_kudos_and_everyone_hears_of_it,
    forged_and_stale_requests_are_refused_and_change_nothing,
    a_retried_event_is_processed_once,
    a_request_redone_after_a_crash_gives_its_kudos_once,
    a_redo_with_allowance_left_still_gives_one_kudos,
    people_text_cannot_ping_the_channel,
    a_newcomer_the_sync_missed_is_looked_up_and_served,
);

async fn a_slash_command_gives_kudos_and_everyone_hears_of_it(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let marcus = slack_id("marcus@acme.example");
    let olivia = slack_id("olivia@acme.example");
    let reply = h
        .command_reply(
            &olivia,
            "/kudos",
            &format!("<@{marcus}|marcus> stayed late to fix the customer's order #customer-first"),
        )
        .await;
    assert_eq!(reply["response_type"], "ephemeral", "{reply}");
    assert!(
        all_text(&reply).contains("Marcus"),
        "the giver is told: {reply}"
    );
    h.settle().await;
    let posts = h.fake.calls_to("chat.postMessage").await;
    let to = |ch: &str| {
        posts
            .iter()
            .any(|c| c.str_param("channel").as_deref() == Some(ch))
    };
    assert!(
        to(&marcus) || to(&dm_channel(&marcus)),
        "Marcus gets a DM: {posts:?}"
    );
    assert!(to("#kudos"), "the kudos channel hears of it");
    assert!(
        posts
            .iter()
            .all(|c| c.bearer_token() == Some(fake::BOT_TOKEN))
    );
    assert_eq!(h.kudos_count().await, 1);
}

async fn forged_and_stale_requests_are_refused_and_change_nothing(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    let c = SlashCommand::new(
        "/kudos",
        &format!("<@{marcus}> stayed late to fix the customer's order"),
        &olivia,
        &h.fake.response_url("x"),
    );
    let body = c.form();
    let url = h.url("/slack/commands");
    let now = signing::unix_now();
    let forged = signing::signed_request_at(&h.client, &url, &body, "not-the-secret", now);
    assert_eq!(forged.send().await.expect("answers").status(), 401);
    let stale =
        signing::signed_request_at(&h.client, &url, &body, signing::SIGNING_SECRET, now - 600);
    assert_eq!(stale.send().await.expect("answers").status(), 401);
    let unsigned = h
        .client
        .post(&url)
        .header("content-type", body.content_type)
        .body(body.text.clone());
    assert_eq!(unsigned.send().await.expect("answers").status(), 401);
    // A signed body altered on the way is a forgery too.
    let ts = now.to_string();
    let tampered = h
        .client
        .post(&url)
        .header("content-type", body.content_type)
        .header("x-slack-request-timestamp", &ts)
        .header(
            "x-slack-signature",
            signing::sign(signing::SIGNING_SECRET, now, body.text.as_bytes()),
        )
        .body(body.text.replace("stayed", "left"));
    assert_eq!(tampered.send().await.expect("answers").status(), 401);
    // Malformed but correctly signed: 400. Oversized: 413. Neither stores anything.
    let garbage = SlackBody::form("team_id=T1&nonsense=1".to_string());
    assert_eq!(h.post("/slack/commands", &garbage).await.status(), 400);
    let junk = SlackBody::json(&json!([{"type": "event_callback"}]));
    assert_eq!(h.post("/slack/events", &junk).await.status(), 400);
    let not_json = SlackBody::form("{\"type\": \"event_callback\",".to_string());
    assert_eq!(h.post("/slack/events", &not_json).await.status(), 400);
    let huge = SlackBody::form(format!("text={}", "a".repeat(2 * 1024 * 1024)));
    assert_eq!(h.post("/slack/commands", &huge).await.status(), 413);
    assert_eq!(
        h.store
            .inbox_count("slack", fake::TEAM_ID)
            .await
            .expect("count"),
        0
    );
    assert_eq!(h.kudos_count().await, 0);
}

/// `giver` claps (the kudos reaction) on a fresh message `author` wrote in #general.
fn clap(giver: &str, author: &str) -> serde_json::Value {
    payloads::event_callback(payloads::reaction_added(
        giver,
        "clap",
        Some(author),
        "C0GENERAL",
        &payloads::fresh_ts(),
    ))
}

async fn a_retried_event_is_processed_once(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    let event = clap(&olivia, &marcus);
    assert_eq!(h.event(&event).await.status(), 200);
    // Slack's retry: same event id, new signature, X-Slack-Retry-Num.
    let retry =
        signing::signed_request(&h.client, &h.url("/slack/events"), &SlackBody::json(&event))
            .header("x-slack-retry-num", "1")
            .header("x-slack-retry-reason", "http_timeout");
    assert_eq!(retry.send().await.expect("answers").status(), 200);
    h.settle().await;
    assert_eq!(
        h.store
            .inbox_count("slack", fake::TEAM_ID)
            .await
            .expect("count"),
        1
    );
    assert_eq!(h.kudos_count().await, 1, "one reaction, one kudos");
    let ephemeral = h.fake.calls_to("chat.postEphemeral").await;
    assert_eq!(ephemeral.len(), 1, "the giver hears once: {ephemeral:?}");
}

/// The worker died after giving the kudos but before marking the request done: its lease runs
/// out and the request is processed again. The kudos is found, not given twice, and the giver
/// is not told their allowance is used up by their own kudos.
async fn a_request_redone_after_a_crash_gives_its_kudos_once(backend: Backend) {
    let fake = super::fake::FakeSlack::start().await;
    fake.set_members(fake::TEAM_ID, demo_members()).await;
    let db = crate::helpers::TestDb::new(backend).await;
    let mut config = super::harness::slack_config(&db, &fake);
    config.app.kudos.daily_allowance = 1;
    let h = SlackHarness::start_with(fake, db, config).await;
    let ana = slack_id("ana@acme.example");
    let ben = slack_id("ben@acme.example");
    let event = clap(&ana, &ben);
    assert_eq!(h.event(&event).await.status(), 200);
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
    let first = h.fake.calls_to("chat.postEphemeral").await;
    assert_eq!(first.len(), 1, "{first:?}");
    let thanked = all_text(&first[0].body);
    assert!(
        thanked.contains("Ben"),
        "Ana hears it went to Ben: {thanked}"
    );

    // As if a worker had died before its last step: the request is unfinished and its lease
    // has run out, so the worker takes it up again.
    reopen_inbox(&h).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one reaction, still one kudos");
    let again = h.fake.calls_to("chat.postEphemeral").await;
    assert_eq!(again.len(), 2, "{again:?}");
    assert_eq!(
        all_text(&again[1].body),
        thanked,
        "the redo tells Ana the same, not that her allowance is used up"
    );
}

/// As above with allowance to spare: the redo's insert meets the stored kudos and stops there.
async fn a_redo_with_allowance_left_still_gives_one_kudos(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    assert_eq!(h.event(&clap(&olivia, &marcus)).await.status(), 200);
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
    reopen_inbox(&h).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one reaction, still one kudos");
    let told = h.fake.calls_to("chat.postEphemeral").await;
    assert_eq!(told.len(), 2, "{told:?}");
    assert_eq!(all_text(&told[0].body), all_text(&told[1].body));
}

/// Marks every stored request unfinished with its lease run out, as a worker that died
/// before its last step leaves it.
async fn reopen_inbox(h: &SlackHarness) {
    const REOPEN: &str = "update inbox set processed_at = null, claimed_until = null";
    match &h.store {
        ambassador::store::Store::Sqlite(p) => sqlx::query(REOPEN).execute(p).await.map(drop),
        ambassador::store::Store::Postgres(p) => sqlx::query(REOPEN).execute(p).await.map(drop),
        other => panic!("a pool, not {other:?}"),
    }
    .expect("reopen the request");
}

async fn people_text_cannot_ping_the_channel(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    h.command_reply(
        &olivia,
        "/kudos",
        &format!("<@{marcus}> handled <!channel> & <!here> calmly for a customer @everyone"),
    )
    .await;
    h.settle().await;
    for call in h.fake.calls_to("chat.postMessage").await {
        let text = all_text(&call.body);
        assert!(
            !text.contains("<!channel>") && !text.contains("<!here>"),
            "{text}"
        );
        if text.contains("calmly") {
            assert!(
                text.contains("&lt;!channel&gt;") && text.contains("&amp;"),
                "{text}"
            );
        }
    }
}

async fn a_newcomer_the_sync_missed_is_looked_up_and_served(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let mut newcomer = FakeUser::person("UNEWBIE1", "Nia Newcomer");
    newcomer.email = Some("nia@acme.example".into());
    newcomer.tz = "Europe/Warsaw".into();
    newcomer.locale = "pl-PL".into();
    let mut members = demo_members();
    members.push(newcomer);
    h.fake.set_members(fake::TEAM_ID, members).await;
    let reply = h.command_reply("UNEWBIE1", "/kudos", "stats").await;
    let text = all_text(&reply);
    assert!(
        !text.contains("don't know you"),
        "the newcomer is served: {text}"
    );
    let nia = h
        .store
        .person_by_platform_id(h.org.id, "UNEWBIE1")
        .await
        .expect("lookup")
        .expect("users.info added Nia to the directory");
    assert_eq!(nia.timezone, chrono_tz::Europe::Warsaw);
    assert_eq!(h.fake.calls_to("users.info").await.len(), 1);
}
