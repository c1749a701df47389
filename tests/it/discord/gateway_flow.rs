//! The gateway mode's own behaviour: a connection Discord drops is resumed (not identified
//! again) and what happened meanwhile still arrives; an interaction delivered twice has one
//! effect; a newcomer joins the directory, in the department their role maps to, and is
//! greeted by DM; a 429 is waited out as long as Discord asks.

use std::time::Duration;

use ambassador::store::prelude::*;

use super::fake::{self, CommandOption, FakeMember, Route, SUPPORT_ROLE_ID};
use super::flows::KUDOS_CHANNEL;
use super::harness::{DiscordHarness, Mode};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_dropped_connection_is_resumed_and_a_replayed_interaction_has_one_effect,
    a_newcomer_joins_the_directory_in_their_roles_department_and_is_greeted,
    a_rate_limited_post_is_sent_again_after_the_time_discord_asks,
);

async fn start(backend: Backend) -> DiscordHarness {
    DiscordHarness::start_configured(
        backend,
        Mode::Gateway,
        None,
        |config| config.settings.kudos.channel = KUDOS_CHANNEL.to_string(),
        |discord| {
            discord
                .role_departments
                .insert("Support".into(), "Operations/Support".into());
        },
    )
    .await
}

fn kudos(h: &DiscordHarness, from: &str, to: &str, message: &str) -> serde_json::Value {
    let to = h.member(to);
    h.client.command(
        &h.member(from),
        fake::GENERAL_CHANNEL_ID,
        "kudos",
        vec![
            CommandOption::user("user", &to),
            CommandOption::string("message", message),
        ],
    )
}

async fn a_dropped_connection_is_resumed_and_a_replayed_interaction_has_one_effect(
    backend: Backend,
) {
    let h = start(backend).await;
    let payload = kudos(&h, "ana", "ben", "Called the customer back within the hour");
    let first = h.interact(&payload).await;
    assert_eq!(first.kind, 4, "{}", first.body);
    // Discord delivers the same interaction again (as after a resume that replays it).
    h.fake.interaction(&payload);
    h.fake
        .wait_until("the replayed interaction answered again", |calls| {
            calls
                .iter()
                .filter(|c| c.route == Route::InteractionCallback)
                .nth(1)
                .map(|c| c.status)
        })
        .await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one kudos, not two");
    assert_eq!(h.fake.messages_in(fake::CUSTOMER_WINS_CHANNEL_ID).len(), 1);

    h.fake.close_resumable();
    h.fake.wait_for_resumes(1).await;
    let second = h
        .interact(&kudos(
            &h,
            "chloe",
            "ben",
            "Spotted the billing error before the customer did",
        ))
        .await;
    assert_eq!(second.kind, 4, "{}", second.body);
    assert_eq!(
        h.fake.identifies().len(),
        1,
        "resumed, not identified again"
    );
    h.fake
        .wait_for_messages_in(fake::CUSTOMER_WINS_CHANNEL_ID, 2)
        .await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 2);
}

async fn a_newcomer_joins_the_directory_in_their_roles_department_and_is_greeted(backend: Backend) {
    let h = start(backend).await;
    let newcomer = FakeMember::new("rosa.m", "Rosa Martins").with_roles(&[SUPPORT_ROLE_ID]);
    h.fake.member_joins(&newcomer);
    let greeting = h.fake.wait_for_dm(&newcomer.user_id).await;
    assert!(
        greeting.content().contains("Welcome"),
        "{}",
        greeting.content()
    );
    h.settle().await;
    let person = h
        .store
        .person_by_platform_id(h.org.id, &newcomer.user_id)
        .await
        .expect("people")
        .expect("the newcomer is in the directory");
    assert_eq!(person.handle, "rosa.m");
    assert_eq!(person.display_name, "Rosa Martins");
    let department = person.department_id.expect("placed by their role");
    let department = h.store.department(department).await.expect("department");
    assert_eq!(department.path, "Operations/Support");
}

async fn a_rate_limited_post_is_sent_again_after_the_time_discord_asks(backend: Backend) {
    let h = start(backend).await;
    h.fake.rate_limit_next(Route::CreateMessage, 1.5, 1);
    let answer = h
        .interact(&kudos(
            &h,
            "ana",
            "ben",
            "Rebuilt the customer's report by hand",
        ))
        .await;
    assert_eq!(answer.kind, 4);
    h.fake
        .wait_for_messages_in(fake::CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    h.settle().await;
    let posts: Vec<_> = h.fake.calls_to(Route::CreateMessage);
    let limited = posts
        .iter()
        .find(|c| c.status == 429)
        .expect("Discord said 429 once");
    let retried = posts
        .iter()
        .find(|c| c.status == 200 && c.at > limited.at && c.body == limited.body)
        .expect("the same post sent again");
    let waited = retried.at.duration_since(limited.at);
    assert!(
        waited >= Duration::from_millis(1500),
        "waited {waited:?}, Discord asked for 1.5 s"
    );
    assert!(
        h.fake.unknown_calls().is_empty(),
        "no call fell through to anywhere else"
    );
}
