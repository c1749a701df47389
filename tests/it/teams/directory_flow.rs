//! The daily refresh: every team the app is in is read again, so people who joined without
//! the bot seeing it are in the directory the next morning, and cards too old to be pressed
//! are let go.

use ambassador::platform::teams::directory;
use ambassador::platform::teams::references::TeamsReferences;
use ambassador::store::prelude::*;
use chrono::Duration;

use super::fake::{self, CallKind, FakePerson};
use super::harness::TeamsHarness;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(the_daily_refresh_reads_every_team_and_lets_old_cards_go);
async fn the_daily_refresh_reads_every_team_and_lets_old_cards_go(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    // Someone joins the team while the bot was not told (an event lost, or the app added
    // to the team by a sync of its own).
    let zoe = FakePerson::member("zoe@acme.example", "Zoe Quinn");
    h.fake.add_member(zoe.clone());
    let now = h.now();
    h.store
        .save_teams_card(
            "a:old",
            "1",
            r#"{"type":"AdaptiveCard"}"#,
            now - Duration::days(40),
        )
        .await
        .expect("a card");
    h.store
        .save_teams_card(
            "a:new",
            "2",
            r#"{"type":"AdaptiveCard"}"#,
            now - Duration::days(2),
        )
        .await
        .expect("a card");
    let roster_reads = h.fake.calls_to(CallKind::PagedMembers).len();

    directory::sync_tenant(&h.platform(), fake::TENANT_ID)
        .await
        .expect("the refresh runs");

    assert!(
        h.fake.calls_to(CallKind::PagedMembers).len() > roster_reads,
        "the roster is read again"
    );
    let person = h
        .store
        .person_by_platform_id(h.org.id, &zoe.aad_object_id)
        .await
        .expect("people")
        .expect("the newcomer is in the directory");
    assert_eq!(person.email, zoe.email);
    assert!(
        h.store
            .teams_card("a:old", "1")
            .await
            .expect("cards")
            .is_none(),
        "a 40-day-old card is let go"
    );
    assert!(
        h.store
            .teams_card("a:new", "2")
            .await
            .expect("cards")
            .is_some(),
        "a recent card stays"
    );
}
