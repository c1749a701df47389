//! Durable jobs: nothing lost on restart, nothing sent twice, even with two workers.

use ambassador::store::prelude::*;
use std::sync::Arc;

use ambassador::app::{build_bot, open_store};
use ambassador::bot::PULSE_ACTION;
use ambassador::bot::Platforms;
use ambassador::core::clock::ManualClock;
use ambassador::core::outbound::Destination;
use ambassador::platform::console::ConsolePlatform;
use ambassador::scheduler::{NARRATIVE_MOMENT, Scheduler};
use chrono::Duration;

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;

on_both_backends!(
    a_moment_missed_while_stopped_runs_once_after_restart,
    two_workers_on_one_database_send_each_message_once,
);

async fn a_moment_missed_while_stopped_runs_once_after_restart(backend: Backend) {
    let c = TestConsole::demo(backend).await;
    let url = c.db.url.clone();
    let config = Arc::new(c.bot.config().clone());
    let org = c.org.clone();
    drop(c.session);
    // "Restart" three weeks later: a new process on the same database.
    let later = crate::helpers::test_start() + Duration::weeks(3);
    let store = open_store(&config, &url).await.expect("store");
    let platform = Arc::new(ConsolePlatform::default());
    let clock = Arc::new(ManualClock::new(later));
    let bot = build_bot(
        store.clone(),
        config,
        clock,
        Platforms::default().with(platform.clone()),
    )
    .expect("bot");
    let scheduler = Scheduler::new(bot);
    scheduler.run_due(later).await.expect("runs");
    let posts = crate::helpers::delivered(&store, &platform, later)
        .await
        .into_iter()
        .filter(|(to, _)| matches!(to, Destination::Channel(c) if c == "general"))
        .count();
    assert_eq!(posts, 1, "three missed Mondays collapse into one moment");
    let again = scheduler.run_due(later).await.expect("runs");
    assert!(again.is_idle(), "nothing runs twice: {again:?}");
    assert_eq!(
        store
            .job_count(org.id, NARRATIVE_MOMENT, "done")
            .await
            .expect("count"),
        1
    );
    assert!(
        store
            .has_open_job(org.id, NARRATIVE_MOMENT)
            .await
            .expect("open"),
        "the next one is scheduled"
    );
}

async fn two_workers_on_one_database_send_each_message_once(backend: Backend) {
    let c = TestConsole::demo(backend).await;
    let config = Arc::new(c.bot.config().clone());
    let url = c.db.url.clone();
    let start = crate::helpers::test_start();
    // Twelve orgs, each with a moment due.
    for i in 0..12 {
        c.store
            .ensure_org(
                "console",
                &format!("org-{i}"),
                "Org",
                chrono_tz::UTC,
                ambassador::core::locale::Locale::En,
                start,
            )
            .await
            .expect("org");
    }
    // Monday 30 November 2026, 20:00 UTC: every zone has had its 10:00.
    let due = start + Duration::days(5) + Duration::hours(10);
    let mut workers = Vec::new();
    let mut outboxes = Vec::new();
    let mut stores = Vec::new();
    for _ in 0..2 {
        let store = open_store(&config, &url).await.expect("store");
        let platform = Arc::new(ConsolePlatform::default());
        outboxes.push(platform.clone());
        stores.push(store.clone());
        let bot = build_bot(
            store,
            config.clone(),
            Arc::new(ManualClock::new(start)),
            Platforms::default().with(platform),
        )
        .expect("bot");
        let scheduler = Scheduler::new(bot);
        scheduler.ensure_recurring(start).await.expect("scheduled");
        workers.push(scheduler);
    }
    let (a, b) = tokio::join!(workers[0].run_due(due), workers[1].run_due(due));
    a.expect("worker a");
    b.expect("worker b");
    // Whatever is left (deliveries of a round the other worker created meanwhile) goes now.
    workers[0].run_due(due).await.expect("worker a again");
    // Both workers queued into the one outbox; one delivery worker sends it all.
    let sent: Vec<(Destination, _)> =
        crate::helpers::delivered(&stores[0], &outboxes[0], due).await;
    let moments = sent
        .iter()
        .filter(|(to, _)| matches!(to, Destination::Channel(c) if c == "general"))
        .count();
    assert_eq!(moments, 13, "each org's moment was posted exactly once");
    // Every active person got the week's pulse exactly once, and every manager one digest.
    let mut per_message: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for (to, message) in &sent {
        if let Destination::Direct {
            platform_user_id, ..
        } = to
        {
            // Pulses carry answer buttons; the other direct message here is the digest.
            let kind = if message
                .buttons()
                .any(|b| b.action.starts_with(PULSE_ACTION))
            {
                "pulse"
            } else {
                "digest"
            };
            *per_message
                .entry((platform_user_id.clone(), kind.to_string()))
                .or_default() += 1;
        }
    }
    assert!(per_message.values().all(|n| *n == 1), "{per_message:?}");
    let pulses = per_message
        .keys()
        .filter(|(_, kind)| kind == "pulse")
        .count();
    assert_eq!(pulses, 30, "{per_message:?}");
    let digests = per_message
        .keys()
        .filter(|(_, kind)| kind == "digest")
        .count();
    assert_eq!(digests, 10, "one per department head: {per_message:?}");
}
