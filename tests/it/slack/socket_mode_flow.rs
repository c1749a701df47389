//! Socket Mode: the same requests over the WebSocket the bot opens, with no public URL and no
//! signing secret; acknowledged once stored, processed once, and kept across a reconnect.

use std::time::Duration;

use super::fake::{self, Envelope, FakeSlack};
use super::harness::{SlackHarness, all_text, demo_members, slack_config, slack_id};
use super::payloads::{self, SlashCommand};
use crate::helpers::{Backend, TestDb};
use crate::on_both_backends;

on_both_backends!(
    socket_mode_commands_and_events_are_acknowledged_processed_once_and_survive_a_reconnect
);

async fn start_socket_mode(backend: Backend) -> SlackHarness {
    let fake = FakeSlack::start().await;
    fake.set_members(fake::TEAM_ID, demo_members()).await;
    let db = TestDb::new(backend).await;
    let mut config = slack_config(&db, &fake);
    config.slack.credentials.signing_secret = None;
    config.slack.credentials.app_token = Some(fake::APP_TOKEN.to_string());
    SlackHarness::start_with(fake, db, config).await
}

/// A reaction event envelope payload from `giver` on a message `author` wrote.
fn clap(giver: &str, author: &str) -> serde_json::Value {
    payloads::event_callback(payloads::reaction_added(
        giver,
        "clap",
        Some(author),
        "C0GENERAL",
        &payloads::fresh_ts(),
    ))
}

async fn socket_mode_commands_and_events_are_acknowledged_processed_once_and_survive_a_reconnect(
    backend: Backend,
) {
    let h = start_socket_mode(backend).await;
    let opens = h
        .fake
        .wait_for("apps.connections.open", 1, fake::WAIT)
        .await;
    assert_eq!(
        opens[0].bearer_token(),
        Some(fake::APP_TOKEN),
        "opened with the app-level token"
    );
    h.fake.wait_for_connections(1, fake::WAIT).await;
    // No HTTP routes without a signing secret.
    let r = h
        .client
        .post(h.url("/slack/commands"))
        .body("x")
        .send()
        .await
        .expect("answers");
    assert_eq!(r.status(), 404, "Slack's HTTP routes are not served");

    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    let sam = slack_id("sam@acme.example");

    // A slash command.
    let reply_id = payloads::fresh_trigger_id();
    let command = SlashCommand::new(
        "/kudos",
        &format!("<@{marcus}> stayed late to fix the customer's order #customer-first"),
        &olivia,
        &h.fake.response_url(&reply_id),
    );
    let envelope = h
        .fake
        .send_envelope(Envelope::slash_command(command.json()))
        .await;
    h.fake.wait_for_ack(&envelope, fake::WAIT).await;
    let reply = h.reply_to(&reply_id).await;
    assert!(all_text(&reply).contains("Marcus"), "{reply}");
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
    let posts = h.fake.calls_to("chat.postMessage").await;
    assert!(
        posts
            .iter()
            .any(|c| c.str_param("channel").as_deref() == Some("#kudos")),
        "the kudos channel hears of it: {posts:?}"
    );

    // An event, then Slack's redelivery of it (same event id).
    let event = clap(&sam, &marcus);
    let envelope = h
        .fake
        .send_envelope(Envelope::events_api(event.clone()))
        .await;
    h.fake.wait_for_ack(&envelope, fake::WAIT).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 2, "the reaction is a kudos");
    let inbox = h
        .store
        .inbox_count("slack", fake::TEAM_ID)
        .await
        .expect("count");
    let retry = h
        .fake
        .send_envelope(Envelope::events_api(event).retried(1, "timeout"))
        .await;
    h.fake.wait_for_ack(&retry, fake::WAIT).await;
    h.settle().await;
    assert_eq!(
        h.store
            .inbox_count("slack", fake::TEAM_ID)
            .await
            .expect("count"),
        inbox,
        "the redelivery is stored once"
    );
    assert_eq!(h.kudos_count().await, 2, "and processed once");
    let ephemeral = h.fake.calls_to("chat.postEphemeral").await;
    assert_eq!(
        ephemeral
            .iter()
            .filter(|c| c.str_param("user").as_deref() == Some(sam.as_str()))
            .count(),
        1,
        "the giver hears once: {ephemeral:?}"
    );

    // Slack asks for a fresh connection; the bot opens one and keeps working on it.
    let connections = h.fake.connection_count().await;
    h.fake.send_disconnect("refresh_requested").await;
    h.fake
        .wait_for_connections(connections + 1, Duration::from_secs(15))
        .await;
    let opens = h.fake.calls_to("apps.connections.open").await;
    assert!(opens.len() >= 2, "a new URL was asked for: {opens:?}");
    let later = h
        .fake
        .send_envelope(Envelope::events_api(clap(&olivia, &sam)))
        .await;
    h.fake.wait_for_ack(&later, fake::WAIT).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 3, "processed after the reconnect");
    assert!(
        h.fake.unacked_envelopes().await.is_empty(),
        "every envelope acknowledged: {:?}",
        h.fake.unacked_envelopes().await
    );
}
