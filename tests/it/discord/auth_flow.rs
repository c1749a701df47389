//! Forged and replayed HTTP interactions: every one is refused with 401 before anything is
//! parsed or stored, and changes nothing; Discord's PING is answered PONG; a validly signed
//! body that is not an interaction is a 400; the one signed five minutes ago is still taken and
//! one older is a replay.

use serde_json::json;

use super::fake::{self, CommandOption, Forgery, sign};
use super::flows::start;
use super::harness::Mode;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    forged_and_stale_interactions_are_refused_and_change_nothing,
    a_ping_is_answered_pong_and_a_signed_body_that_is_no_interaction_is_a_400,
);

async fn forged_and_stale_interactions_are_refused_and_change_nothing(backend: Backend) {
    let h = start(backend, Mode::Http).await;
    let ben = h.member("ben");
    let ana = h.member("ana");
    for forgery in Forgery::ALL {
        let payload = h.client.command(
            &ana,
            fake::GENERAL_CHANNEL_ID,
            "kudos",
            vec![
                CommandOption::user("user", &ben),
                CommandOption::string("message", "Fixed the customer's invoice before lunch"),
            ],
        );
        let answer = h.client.send_forged(&h.endpoint(), &payload, forgery).await;
        assert_eq!(answer.status, 401, "{forgery:?}: {}", answer.text);
        assert!(
            answer.body.get("type").is_none(),
            "{forgery:?}: no interaction response: {}",
            answer.text
        );
    }
    // A stale but otherwise perfect delivery: signed 301 s before the bot's now.
    let payload = h.client.command(
        &ana,
        fake::GENERAL_CHANNEL_ID,
        "kudos",
        vec![
            CommandOption::user("user", &ben),
            CommandOption::string("message", "Fixed the customer's invoice before lunch"),
        ],
    );
    let stale = h
        .client
        .send_at(&h.endpoint(), &payload, h.now().timestamp() - 301)
        .await;
    assert_eq!(stale.status, 401, "{}", stale.text);
    let inside = h
        .client
        .send_at(&h.endpoint(), &payload, h.now().timestamp() - 280)
        .await;
    assert_eq!(inside.status, 200, "within the window: {}", inside.text);

    h.fake
        .wait_for_messages_in(fake::CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    h.settle().await;
    assert_eq!(
        h.kudos_count().await,
        1,
        "only the genuine delivery counted"
    );
    let stored = h
        .store
        .inbox_count("discord", fake::GUILD_ID)
        .await
        .expect("inbox");
    assert_eq!(stored, 1, "nothing forged was stored");
}

async fn a_ping_is_answered_pong_and_a_signed_body_that_is_no_interaction_is_a_400(
    backend: Backend,
) {
    let h = start(backend, Mode::Http).await;
    // At start the commands were registered with one bulk overwrite, in three languages.
    let registrations = h.fake.command_registrations();
    assert_eq!(registrations.len(), 1, "one bulk overwrite");
    let commands = h.fake.registered_commands();
    let mut names: Vec<&str> = commands.iter().filter_map(|c| c["name"].as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "ambassador",
            "engagement",
            "kudos",
            "kudos-stats",
            "narrative",
            "pulse"
        ]
    );
    let kudos = commands
        .iter()
        .find(|c| c["name"] == "kudos")
        .expect("/kudos");
    assert_eq!(kudos["options"][0]["type"], 6, "a person first: {kudos}");
    assert_eq!(kudos["options"][0]["required"], true);
    let value = kudos["options"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["name"] == "value")
        .expect("the value option");
    assert!(
        value["choices"].as_array().is_some_and(|c| !c.is_empty()),
        "values offered as choices: {value}"
    );
    assert!(
        kudos["description_localizations"]["el"]
            .as_str()
            .is_some_and(|d| !d.is_empty()),
        "{kudos}"
    );
    let pong = h.client.send(&h.endpoint(), &h.client.ping()).await;
    assert_eq!(pong.status, 200, "{}", pong.text);
    assert_eq!(pong.body, json!({"type": 1}));
    assert!(
        pong.content_type
            .as_deref()
            .is_some_and(|t| t.starts_with("application/json")),
        "{:?}",
        pong.content_type
    );

    let now = h.now().timestamp().to_string();
    for body in [&b"{\"type\": 2}"[..], b"not json", b"[1,2,3]"] {
        let signature = sign(&now, body);
        let answer = h
            .client
            .send_raw(&h.endpoint(), body.to_vec(), Some(&now), Some(&signature))
            .await;
        assert_eq!(answer.status, 400, "{}", answer.text);
    }
    let unsigned_huge = vec![b' '; 2 * 1024 * 1024];
    let answer = h
        .client
        .send_raw(&h.endpoint(), unsigned_huge, Some(&now), Some("00"))
        .await;
    assert_eq!(answer.status, 413, "too large is refused first");
    let stored = h
        .store
        .inbox_count("discord", fake::GUILD_ID)
        .await
        .expect("inbox");
    assert_eq!(stored, 0);
}
