//! A manager's figures reach them in Slack: `/engagement` after a round closes, and the weekly
//! digest by direct message, each with its chart uploaded through Slack's external upload flow.

use ambassador::store::prelude::*;
use std::sync::Arc;
use std::time::Duration;

use ambassador::core::clock::ManualClock;
use chrono::{Datelike, Duration as Days, TimeZone, Utc, Weekday};

use super::fake::{FakeSlack, TEAM_ID, WAIT};
use super::harness::{SlackHarness, all_text, demo_members, slack_config, slack_id};
use crate::helpers::{Backend, TestDb};
use crate::on_both_backends;

on_both_backends!(a_manager_gets_figures_and_the_weekly_digest_with_a_chart);

/// The Support team: enough people to clear the five-answer rule.
const SUPPORT: [&str; 6] = ["ana", "ben", "eleni", "nikos", "zofia", "sam"];

async fn a_manager_gets_figures_and_the_weekly_digest_with_a_chart(backend: Backend) {
    let fake = FakeSlack::start().await;
    fake.set_members(TEAM_ID, demo_members()).await;
    let db = TestDb::new(backend).await;
    let mut config = slack_config(&db, &fake);
    config.app.settings.scheduler.tick_seconds = 1;
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let h = SlackHarness::start_at(fake, db, config, clock.clone()).await;
    let olivia = slack_id("olivia@acme.example");
    let sam = slack_id("sam@acme.example");

    h.command_reply(&olivia, "/ambassador", "pulse start").await;
    // The scheduler sends the pulse DMs on its next tick.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let posts = h.fake.calls_to("chat.postMessage").await;
        let asked = |who: &str| {
            let id = slack_id(&format!("{who}@acme.example"));
            posts.iter().any(|c| {
                c.str_param("channel").as_deref() == Some(id.as_str())
                    && c.body.to_string().contains("pulse:")
            })
        };
        if SUPPORT.iter().all(|w| asked(w)) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "pulses were not sent"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for who in SUPPORT {
        let reply = h
            .command_reply(
                &slack_id(&format!("{who}@acme.example")),
                "/pulse",
                "answer 4 4 3 5 9",
            )
            .await;
        assert!(
            all_text(&reply).contains(" 5 "),
            "all five saved for {who}: {reply}"
        );
    }
    let round = h.store.rounds(h.org.id, 1).await.expect("rounds").remove(0);

    // The round closes when its answer window ends.
    clock.set(round.closes_at + Days::minutes(1));
    let deadline = tokio::time::Instant::now() + WAIT;
    while !h.store.round(round.id).await.expect("round").closed {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the round never closed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let reply = h.command_reply(&sam, "/engagement", "").await;
    let text = all_text(&reply);
    assert!(text.contains("Engagement: 4.00"), "{text}");
    assert_eq!(reply["response_type"], "ephemeral");
    // The chart cannot ride in an ephemeral reply: it is uploaded into Sam's DM.
    let completes = h
        .fake
        .wait_for("files.completeUploadExternal", 1, WAIT)
        .await;
    let opened = h.fake.calls_to("conversations.open").await;
    assert!(
        opened.iter().any(|c| c.body.to_string().contains(&sam)),
        "{opened:?}"
    );
    let channel = completes[0].str_param("channel_id").expect("channel_id");
    assert!(channel.starts_with('D'), "uploaded into a DM: {channel}");
    let uploads = h.fake.calls_to("upload").await;
    assert_eq!(uploads.len(), 1, "one chart");
    assert!(
        uploads[0].raw_body.starts_with(b"\x89PNG"),
        "a PNG was uploaded"
    );

    // The weekly digest arrives by itself on Monday at 09:00 in Sam's zone (London).
    let mut monday = (round.closes_at + Days::days(1)).date_naive();
    while monday.weekday() != Weekday::Mon {
        monday += Days::days(1);
    }
    let nine = chrono_tz::Europe::London
        .from_local_datetime(&monday.and_hms_opt(9, 1, 0).expect("a time"))
        .single()
        .expect("an unambiguous time")
        .with_timezone(&Utc);
    clock.set(nine);
    // Drawing every manager's chart takes a few seconds in a debug build on a busy machine.
    let deadline = tokio::time::Instant::now() + 4 * WAIT;
    loop {
        let posts = h.fake.calls_to("chat.postMessage").await;
        if posts.iter().any(|c| {
            c.str_param("channel").as_deref() == Some(sam.as_str())
                && all_text(&c.body).contains("Engagement digest")
        }) {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no digest for Sam");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    h.fake
        .wait_for("files.completeUploadExternal", 2, 4 * WAIT)
        .await;
    h.settle().await;
}
