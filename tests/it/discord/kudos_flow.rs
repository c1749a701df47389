//! Kudos on Discord, in both modes: by `/kudos` with a message, and by `/kudos` without one,
//! which opens the modal. People's text is shown as written and pings nobody; the channel hears
//! of it, the giver is answered privately, the one thanked is told.

use super::fake::{self, CUSTOMER_WINS_CHANNEL_ID, CommandOption};
use super::flows::{seen, seen_in, start};
use super::harness::{DiscordHarness, Mode};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    kudos_by_command_over_http_is_announced_as_written_and_pings_nobody,
    kudos_by_command_over_the_gateway_has_the_same_effect,
    kudos_by_modal_carries_the_people_and_value_chosen_in_the_command,
    the_same_interaction_twice_gives_kudos_once,
    the_kudos_button_asks_for_people_by_name_and_says_who_it_cannot_find,
);

const HOSTILE: &str = "@everyone <@1180000000000000099> **fixed** [this](http://evil.example) \
                       # the refund the customer waited on";

async fn kudos_by_command(h: &DiscordHarness) {
    let ben = h.member("ben");
    let answer = h
        .command(
            "ana",
            "kudos",
            vec![
                CommandOption::user("user", &ben),
                CommandOption::string("message", HOSTILE),
                CommandOption::string("value", "customer-first"),
            ],
        )
        .await;
    assert_eq!(answer.kind, 4, "{}", answer.body);
    assert!(
        answer.is_ephemeral(),
        "only the giver sees the answer: {}",
        answer.body
    );
    assert_eq!(
        answer.body["data"]["allowed_mentions"]["parse"],
        serde_json::json!([]),
        "{}",
        answer.body
    );

    let posts = h
        .fake
        .wait_for_messages_in(CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    let to_ben = h.fake.wait_for_dm(&ben.user_id).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one kudos stored");

    let post = &posts[0];
    let shown = seen_in(post);
    assert!(shown.contains(HOSTILE), "shown exactly as typed: {shown}");
    assert!(
        !post.content().contains("<@1180000000000000099>"),
        "a typed mention is not a mention: {}",
        post.content()
    );
    assert!(
        post.content().contains(&format!("<@{}>", ben.user_id)),
        "Ben is mentioned by the bot: {}",
        post.content()
    );
    let pings = post.pings();
    assert!(!pings.everyone, "@everyone pings nobody: {pings:?}");
    let ana = h.member("ana");
    let mut notified = pings.users.clone();
    notified.sort();
    let mut expected = vec![ana.user_id.clone(), ben.user_id.clone()];
    expected.sort();
    assert_eq!(
        notified, expected,
        "only the bot's own mentions (giver and thanked) notify"
    );
    assert!(pings.roles.is_empty());
    assert!(
        to_ben.content().contains(&format!("<@{}>", ana.user_id)),
        "Ben is told who thanked him: {}",
        to_ben.content()
    );
    assert!(to_ben.pings().is_none() || !to_ben.pings().everyone);
    assert!(
        h.fake.unknown_calls().is_empty(),
        "{:?}",
        h.fake.unknown_calls()
    );
}

async fn kudos_by_command_over_http_is_announced_as_written_and_pings_nobody(backend: Backend) {
    let h = start(backend, Mode::Http).await;
    kudos_by_command(&h).await;
}

async fn kudos_by_command_over_the_gateway_has_the_same_effect(backend: Backend) {
    let h = start(backend, Mode::Gateway).await;
    kudos_by_command(&h).await;
    assert_eq!(h.fake.identifies().len(), 1, "one gateway session");
}

async fn kudos_by_modal_carries_the_people_and_value_chosen_in_the_command(backend: Backend) {
    let h = start(backend, Mode::Http).await;
    let ben = h.member("ben");
    let chloe = h.member("chloe");
    let opened = h
        .command(
            "ana",
            "kudos",
            vec![
                CommandOption::user("user", &ben),
                CommandOption::user("user2", &chloe),
                CommandOption::string("value", "empathy"),
            ],
        )
        .await;
    assert_eq!(opened.kind, 9, "a modal opens: {}", opened.body);
    let custom_id = opened.data["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let inputs: Vec<String> = opened.data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| {
            row["components"][0]["custom_id"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(inputs.len(), 1, "only the story is asked for: {inputs:?}");

    let ana = h.member("ana");
    let submit = h.client.modal_submit(
        &ana,
        fake::GENERAL_CHANNEL_ID,
        &custom_id,
        &[(
            &inputs[0],
            "Stayed on the call until the customer's export worked again",
        )],
    );
    let done = h.interact(&submit).await;
    assert_eq!(done.kind, 4, "{}", done.body);
    assert!(done.is_ephemeral());
    let posts = h
        .fake
        .wait_for_messages_in(CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
    let shown = seen_in(&posts[0]);
    assert!(shown.contains("export worked again"), "{shown}");
    assert!(
        shown.to_lowercase().contains("empathy"),
        "the value chosen: {shown}"
    );
    let pings = posts[0].pings();
    let mut thanked = pings.users.clone();
    thanked.sort();
    let mut expected = vec![
        ana.user_id.clone(),
        ben.user_id.clone(),
        chloe.user_id.clone(),
    ];
    expected.sort();
    assert_eq!(thanked, expected, "the giver and both people thanked");
    let _ = seen(done.content());
}

async fn the_same_interaction_twice_gives_kudos_once(backend: Backend) {
    let h = start(backend, Mode::Http).await;
    let ben = h.member("ben");
    let ana = h.member("ana");
    let payload = h.client.command(
        &ana,
        fake::GENERAL_CHANNEL_ID,
        "kudos",
        vec![
            CommandOption::user("user", &ben),
            CommandOption::string("message", "Answered the angry customer with patience"),
        ],
    );
    let first = h.client.send(&h.endpoint(), &payload).await;
    assert_eq!(first.status, 200, "{}", first.text);
    let again = h.client.send(&h.endpoint(), &payload).await;
    assert_eq!(again.status, 200, "{}", again.text);
    assert_eq!(
        first.body, again.body,
        "the redelivery gets the same answer"
    );
    h.fake
        .wait_for_messages_in(CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one kudos, not two");
    assert_eq!(h.fake.messages_in(CUSTOMER_WINS_CHANNEL_ID).len(), 1);
    let stored = h
        .store
        .inbox_count("discord", fake::GUILD_ID)
        .await
        .expect("inbox");
    assert_eq!(stored, 1, "stored once");
}

/// A message from the bot with its "Give kudos" button, as Discord shows it.
fn message_with_kudos_button() -> serde_json::Value {
    serde_json::json!({
        "id": "1190000000000000200",
        "channel_id": fake::GENERAL_CHANNEL_ID,
        "type": 0,
        "content": "Thank someone",
        "components": [{"type": 1, "components": [
            {"type": 2, "style": 1, "label": "Give kudos", "custom_id": ambassador::bot::KUDOS_FORM_ACTION}
        ]}],
        "flags": 0,
        "author": {"id": fake::BOT_USER_ID, "username": "ambassador", "discriminator": "0",
                   "avatar": null, "bot": true, "public_flags": 0, "global_name": null},
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false,
        "timestamp": "2026-12-01T09:00:00.000000+00:00", "edited_timestamp": null,
    })
}

async fn the_kudos_button_asks_for_people_by_name_and_says_who_it_cannot_find(backend: Backend) {
    let h = start(backend, Mode::Http).await;
    let diego = h.member("diego");
    let message = message_with_kudos_button();
    let open = |h: &DiscordHarness| {
        h.client
            .button(&diego, &message, ambassador::bot::KUDOS_FORM_ACTION)
    };
    let opened = h.interact(&open(&h)).await;
    assert_eq!(opened.kind, 9, "{}", opened.body);
    let custom_id = opened.data["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let inputs: Vec<String> = opened.data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| {
            row["components"][0]["custom_id"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    let people = inputs
        .iter()
        .find(|i| i.starts_with("p:"))
        .cloned()
        .unwrap_or_else(|| panic!("people are asked for by name: {inputs:?}"));
    let story = inputs
        .iter()
        .find(|i| i.starts_with("t:"))
        .cloned()
        .expect("the story");

    let unknown = h
        .interact(&h.client.modal_submit(
            &diego,
            fake::GENERAL_CHANNEL_ID,
            &custom_id,
            &[
                (&people, "@ana zed"),
                (&story, "Took the customer's call on a Sunday"),
            ],
        ))
        .await;
    assert_eq!(unknown.kind, 4);
    assert!(unknown.is_ephemeral());
    assert!(seen(unknown.content()).contains("@zed"), "{}", unknown.body);
    assert_eq!(
        h.kudos_count().await,
        0,
        "nothing given while a name is unknown"
    );

    let opened = h.interact(&open(&h)).await;
    let custom_id = opened.data["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let given = h
        .interact(&h.client.modal_submit(
            &diego,
            fake::GENERAL_CHANNEL_ID,
            &custom_id,
            &[
                (&people, "@ana chloe"),
                (&story, "Took the customer's call on a Sunday"),
            ],
        ))
        .await;
    assert_eq!(given.kind, 4, "{}", given.body);
    let posts = h
        .fake
        .wait_for_messages_in(CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
    let post = posts[0].content();
    for who in ["ana", "chloe"] {
        let id = h.member(who).user_id;
        assert!(
            post.contains(&format!("<@{id}>")),
            "{who} is thanked: {post}"
        );
    }
}
