//! Delivery through Slack's Web API: rate limits, server errors, a paced round across a
//! restart, and the external upload of a chart.

use ambassador::store::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use ambassador::bot::ChatPlatform;
use ambassador::bot::PULSE_ACTION;
use ambassador::chart::{ChartSeries, EngagementChart, render_png};
use ambassador::core::clock::SystemClock;
use ambassador::core::message::{Block, Image, Message, RichText};
use ambassador::core::outbound::Destination;
use ambassador::platform::slack::SlackPlatform;

use super::fake::{self, FakeSlack, RecordedCall, dm_channel};
use super::harness::{SlackHarness, demo_members, slack_config, slack_id};
use crate::helpers::{Backend, TestDb};
use crate::on_both_backends;

on_both_backends!(
    a_rate_limited_post_waits_and_is_delivered_once,
    a_server_error_is_retried_with_backoff_and_delivered_once,
    a_paced_pulse_round_survives_a_restart_without_gaps_or_repeats,
    a_chart_is_uploaded_into_the_direct_message,
);

/// Accepted `chat.postMessage` calls per channel.
fn delivered_per_channel(posts: &[RecordedCall]) -> BTreeMap<String, usize> {
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for c in posts.iter().filter(|c| !c.failed()) {
        *per.entry(c.str_param("channel").unwrap_or_default())
            .or_default() += 1;
    }
    per
}

/// Gives Marcus kudos from Olivia by slash command; returns Marcus's and Olivia's ids (she is
/// welcomed by DM on her first command) and the kudos channel.
async fn give_kudos(h: &SlackHarness) -> (String, String, String) {
    let marcus = slack_id("marcus@acme.example");
    let olivia = slack_id("olivia@acme.example");
    h.command_reply(
        &olivia,
        "/kudos",
        &format!("<@{marcus}> stayed late to fix the customer's order #customer-first"),
    )
    .await;
    (marcus, olivia, "#kudos".to_string())
}

/// Marcus's DM as addressed by the bot: his user id or the fake's DM channel.
fn dm_key(per: &BTreeMap<String, usize>, user: &str) -> String {
    if per.contains_key(user) {
        user.to_string()
    } else {
        dm_channel(user)
    }
}

async fn a_rate_limited_post_waits_and_is_delivered_once(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    h.fake.rate_limit_next("chat.postMessage", 1, 1).await;
    let (marcus, olivia, kudos_channel) = give_kudos(&h).await;
    // One refused call, then Olivia's welcome, Marcus's DM and the channel post.
    h.fake
        .wait_for("chat.postMessage", 4, Duration::from_secs(15))
        .await;
    h.settle().await;
    // Anything sent twice would arrive shortly after; give it the chance.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let posts = h.fake.calls_to("chat.postMessage").await;
    assert_eq!(posts.len(), 4, "one 429 and three deliveries: {posts:?}");
    let limited: Vec<&RecordedCall> = posts.iter().filter(|c| c.failed()).collect();
    assert_eq!(limited.len(), 1);
    let limited = limited[0];
    let channel = limited.str_param("channel").expect("channel");
    let retry = posts
        .iter()
        .find(|c| !c.failed() && c.str_param("channel").as_deref() == Some(&channel))
        .expect("the refused message is retried");
    assert!(
        retry.at.duration_since(limited.at) >= Duration::from_secs(1),
        "the retry waited for Retry-After: {:?}",
        retry.at.duration_since(limited.at)
    );
    // Nothing else went out for the workspace during the pause.
    assert!(
        posts
            .iter()
            .filter(|c| !c.failed())
            .all(|c| c.at.duration_since(limited.at) >= Duration::from_secs(1)),
        "the whole workspace waited: {:?}",
        posts
            .iter()
            .map(|c| (
                c.str_param("channel"),
                c.failed(),
                c.at.saturating_duration_since(limited.at)
            ))
            .collect::<Vec<_>>()
    );
    let per = delivered_per_channel(&posts);
    let dm = dm_key(&per, &marcus);
    let welcome = dm_key(&per, &olivia);
    assert_eq!(
        per,
        BTreeMap::from([(dm, 1), (welcome, 1), (kudos_channel, 1)]),
        "each message exactly once"
    );
    assert_eq!(h.store.outbox_unsent().await.expect("outbox"), 0);
    assert_eq!(h.kudos_count().await, 1);
}

async fn a_server_error_is_retried_with_backoff_and_delivered_once(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    h.fake.server_error_next("chat.postMessage", 2).await;
    let (marcus, olivia, kudos_channel) = give_kudos(&h).await;
    h.fake
        .wait_for("chat.postMessage", 5, Duration::from_secs(30))
        .await;
    h.settle().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let posts = h.fake.calls_to("chat.postMessage").await;
    let failed: Vec<&RecordedCall> = posts.iter().filter(|c| c.failed()).collect();
    assert_eq!(failed.len(), 2, "{posts:?}");
    // Later attempts wait longer than earlier ones.
    let mut attempts_of_first: Vec<&RecordedCall> = Vec::new();
    let first_channel = failed[0].str_param("channel");
    for c in &posts {
        if c.str_param("channel") == first_channel {
            attempts_of_first.push(c);
        }
    }
    if failed[1].str_param("channel") == first_channel {
        // The same message failed twice: three attempts, with growing gaps.
        assert_eq!(attempts_of_first.len(), 3, "{posts:?}");
        let gap1 = attempts_of_first[1]
            .at
            .duration_since(attempts_of_first[0].at);
        let gap2 = attempts_of_first[2]
            .at
            .duration_since(attempts_of_first[1].at);
        assert!(gap1 >= Duration::from_secs(1), "backoff {gap1:?}");
        assert!(gap2 > gap1, "the backoff grows: {gap1:?} then {gap2:?}");
    } else {
        for f in &failed {
            let ch = f.str_param("channel");
            let retry = posts
                .iter()
                .find(|c| !c.failed() && c.str_param("channel") == ch)
                .expect("retried");
            assert!(retry.at.duration_since(f.at) >= Duration::from_secs(1));
        }
    }
    let per = delivered_per_channel(&posts);
    let dm = dm_key(&per, &marcus);
    let welcome = dm_key(&per, &olivia);
    assert_eq!(
        per,
        BTreeMap::from([(dm, 1), (welcome, 1), (kudos_channel, 1)])
    );
    assert_eq!(h.store.outbox_unsent().await.expect("outbox"), 0);
}

/// Pulse DMs delivered so far, per channel.
async fn pulse_dms(fake: &FakeSlack) -> BTreeMap<String, usize> {
    let posts = fake.calls_to("chat.postMessage").await;
    let marker = format!("\"action_id\":\"{PULSE_ACTION}");
    let pulses: Vec<RecordedCall> = posts
        .into_iter()
        .filter(|c| {
            c.json_param("blocks")
                .is_some_and(|b| b.to_string().contains(&marker))
        })
        .collect();
    delivered_per_channel(&pulses)
}

async fn wait_for_pulses(fake: &FakeSlack, n: usize, timeout: Duration) {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let got: usize = pulse_dms(fake).await.values().sum();
        if got >= n {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {got} of {n} pulse DMs arrived"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn a_paced_pulse_round_survives_a_restart_without_gaps_or_repeats(backend: Backend) {
    let fake = FakeSlack::start().await;
    fake.set_members(fake::TEAM_ID, demo_members()).await;
    let db = TestDb::new(backend).await;
    let mut config = slack_config(&db, &fake);
    config.slack.settings.api_calls_per_second = 5;
    // The round's deliveries are queued by the scheduler; do not wait 30 s for its tick.
    config.app.settings.scheduler.tick_seconds = 1;
    let mut h = SlackHarness::start_with(fake, db, config).await;
    let expected: BTreeSet<String> = demo_members()
        .iter()
        .filter(|m| !m.deleted)
        .map(|m| m.id.clone())
        .collect();
    let olivia = slack_id("olivia@acme.example");
    h.command_reply(&olivia, "/ambassador", "pulse start").await;
    wait_for_pulses(&h.fake, 3, Duration::from_secs(20)).await;
    let before: usize = pulse_dms(&h.fake).await.values().sum();
    assert!(
        before < expected.len(),
        "the restart comes in the middle of the round ({before} sent)"
    );
    h.restart().await;
    // A graceful stop does not drain the paced queue first: the rest is left to the new process.
    let at_restart: usize = pulse_dms(&h.fake).await.values().sum();
    assert!(
        at_restart < expected.len(),
        "the stop left deliveries to the restarted process ({at_restart} sent by then)"
    );
    wait_for_pulses(&h.fake, expected.len(), Duration::from_secs(60)).await;
    h.settle().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let per = pulse_dms(&h.fake).await;
    let got: BTreeSet<String> = per
        .keys()
        .map(|ch| {
            // Normalise a DM channel back to the person.
            match ch.strip_prefix('D') {
                Some(rest) => format!("U{rest}"),
                None => ch.clone(),
            }
        })
        .collect();
    assert_eq!(got, expected, "every active person, and nobody else");
    assert!(per.values().all(|n| *n == 1), "nobody twice: {per:?}");
    assert_eq!(per.len(), expected.len());
    assert_eq!(h.store.outbox_unsent().await.expect("outbox"), 0);
}

async fn a_chart_is_uploaded_into_the_direct_message(backend: Backend) {
    // A real digest needs closed rounds, which take days of wall-clock time under serve; so
    // this sends a digest-shaped message with a real chart through the Slack adapter, which
    // queues it in the same outbox serve's delivery worker empties.
    let h = SlackHarness::start(backend).await;
    let marcus = slack_id("marcus@acme.example");
    let rounds = vec!["W46".to_string(), "W47".to_string(), "W48".to_string()];
    let series = vec![ChartSeries {
        label: "Support".into(),
        values: vec![Some(3.5), Some(3.8), Some(4.0)],
    }];
    let png = render_png(
        &EngagementChart {
            title: "Engagement",
            y_label: "Team score",
            round_labels: &rounds,
            series: &series,
            y_range: (1.0, 5.0),
        },
        800,
        400,
    )
    .expect("the chart draws");
    let message = Message::public(vec![
        Block::Section(RichText::text("Engagement digest")),
        Block::Image(Image {
            alt: "Engagement over 3 rounds".into(),
            file_name: "engagement-2026-W48.png".into(),
            png: png.clone(),
        }),
    ]);
    let config = slack_config(&h.db, &h.fake);
    let slack = SlackPlatform::new(
        config.slack,
        &config.app,
        h.store.clone(),
        Arc::new(SystemClock),
    )
    .expect("the adapter builds");
    let calls = slack.render(
        &h.org,
        &Destination::Direct {
            platform_user_id: marcus.clone(),
            display_name: "Marcus Reid".into(),
        },
        &message,
        chrono::Utc::now(),
    );
    h.store.queue_outbound(&calls).await.expect("queued");
    h.fake
        .wait_for("files.completeUploadExternal", 1, fake::WAIT)
        .await;
    h.settle().await;
    let calls = h.fake.calls().await;
    let index = |method: &str| {
        calls
            .iter()
            .position(|c| c.method == method)
            .unwrap_or_else(|| panic!("no {method}"))
    };
    let post = &calls[index("chat.postMessage")];
    let post_channel = post.str_param("channel").expect("channel");
    assert!(post_channel == marcus || post_channel == dm_channel(&marcus));
    let open = &calls[index("conversations.open")];
    assert_eq!(open.str_param("users").as_deref(), Some(marcus.as_str()));
    let ticket = &calls[index("files.getUploadURLExternal")];
    assert_eq!(
        ticket.str_param("length"),
        Some(png.len().to_string()),
        "the declared length is the PNG's"
    );
    assert_eq!(
        ticket.str_param("filename").as_deref(),
        Some("engagement-2026-W48.png")
    );
    let upload = &calls[index("upload")];
    assert_eq!(upload.raw_body, png, "the PNG bytes themselves");
    assert_eq!(upload.content_type.as_deref(), Some("image/png"));
    let complete = &calls[index("files.completeUploadExternal")];
    assert_eq!(
        complete.str_param("channel_id"),
        Some(dm_channel(&marcus)),
        "shared into the DM"
    );
    let files = complete.json_param("files").expect("files");
    let file_id = files[0]["id"].as_str().expect("file id");
    assert_eq!(upload.path, format!("/upload/{file_id}"));
    assert!(
        index("conversations.open") < index("files.getUploadURLExternal")
            && index("files.getUploadURLExternal") < index("upload")
            && index("upload") < index("files.completeUploadExternal"),
        "the external upload flow in order"
    );
    for method in [
        "chat.postMessage",
        "conversations.open",
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ] {
        assert_eq!(
            calls.iter().filter(|c| c.method == method).count(),
            1,
            "{method} once"
        );
    }
    assert_eq!(h.store.outbox_unsent().await.expect("outbox"), 0);
}
