//! Durable jobs: nothing lost on restart, nothing sent twice, even with two workers.

use std::sync::Arc;

use ambassador::app::{build_bot, open_store};
use ambassador::core::clock::ManualClock;
use ambassador::platform::Platforms;
use ambassador::platform::console::ConsolePlatform;
use ambassador::scheduler::{NARRATIVE_MOMENT, Scheduler};
use chrono::Duration;

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;

on_both_backends!(
    a_moment_missed_while_stopped_runs_once_after_restart,
    two_workers_on_one_database_post_each_moment_once,
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
    let report = scheduler.run_due(later).await.expect("runs");
    assert_eq!(report.done, 1, "three missed Mondays collapse into one run");
    assert_eq!(platform.drain().len(), 1);
    let again = scheduler.run_due(later).await.expect("runs");
    assert_eq!(again.done, 0, "nothing runs twice");
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

async fn two_workers_on_one_database_post_each_moment_once(backend: Backend) {
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
    let due = start + Duration::weeks(1);
    let mut workers = Vec::new();
    let mut outboxes = Vec::new();
    for _ in 0..2 {
        let store = open_store(&config, &url).await.expect("store");
        let platform = Arc::new(ConsolePlatform::default());
        outboxes.push(platform.clone());
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
    let (a, b) = (a.expect("worker a"), b.expect("worker b"));
    assert_eq!(
        a.done + b.done,
        13,
        "each org's moment ran exactly once: {a:?} {b:?}"
    );
    let posted: usize = outboxes.iter().map(|o| o.drain().len()).sum();
    assert_eq!(posted, 13);
}
