//! `console --demo`'s year of history: the first `/engagement` as the demo's manager is a full
//! digest, and seeding again changes nothing.

use ambassador::bot::DemoSeed;
use ambassador::store::prelude::*;

use crate::helpers::{Backend, TestConsole};
use crate::on_both_backends;

on_both_backends!(the_demo_s_manager_first_engagement_is_a_full_digest_and_reseeding_is_safe);

async fn the_demo_s_manager_first_engagement_is_a_full_digest_and_reseeding_is_safe(
    backend: Backend,
) {
    // Arrange
    let mut c = TestConsole::demo(backend).await;

    // Act
    let seeded = c.bot.seed_demo_history(&c.org).await.expect("seeding");
    let digest = c.say_as("sam", "/engagement").await;

    // Assert: a year of closed rounds went through the close path (keys erased).
    assert_eq!(seeded, DemoSeed::Seeded { rounds: 52 });
    let rounds = c.store.rounds(c.org.id, 100).await.expect("rounds");
    assert_eq!(rounds.len(), 52);
    assert!(rounds.iter().all(|r| r.closed && r.secret.is_none()));
    assert_eq!(
        c.store.linkable_answers(rounds[0].id).await.expect("count"),
        0
    );
    // Real figures and trends for Sam's team, the chart, a flagged drop with its button,
    // the recognition matrix and comments.
    assert!(digest.contains("■ Engagement digest"), "{digest}");
    assert!(digest.contains("Support\n  Engagement: "), "{digest}");
    assert!(digest.contains("since the last round"), "{digest}");
    assert!(digest.contains("Rising: "), "{digest}");
    assert!(
        digest.contains("Engagement of your teams over the last 12 rounds"),
        "{digest}"
    );
    assert!(
        digest.contains("Drops flagged\n") && digest.contains("Support: Engagement fell from"),
        "{digest}"
    );
    assert!(digest.contains("Plan an action"), "{digest}");
    assert!(
        digest.contains("Recognition between departments this week"),
        "{digest}"
    );
    assert!(digest.contains("Anonymous comments"), "{digest}");
    assert!(digest.contains("have confirmed reading"), "{digest}");

    // Seeding again is a no-op.
    let again = c.bot.seed_demo_history(&c.org).await.expect("seeding");
    assert_eq!(again, DemoSeed::AlreadySeeded);
    assert_eq!(
        c.store.rounds(c.org.id, 100).await.expect("rounds").len(),
        52
    );
}
