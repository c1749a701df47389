//! What a person sees in Slack after pressing a button laid out as a section's accessory, and
//! in the kudos modal the "Give kudos" message shortcut opens.

use ambassador::store::prelude::*;
use serde_json::{Value, json};

use super::fake::{self, BOT_USER_ID, dm_channel};
use super::harness::{SlackHarness, all_text, slack_id};
use super::payloads::{self, Container};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_press_on_a_section_accessory_updates_the_message_like_one_in_an_actions_block,
    the_give_kudos_shortcut_quotes_the_message_with_names_never_raw_tokens,
);

async fn a_press_on_a_section_accessory_updates_the_message_like_one_in_an_actions_block(
    backend: Backend,
) {
    // Arrange: Ben's first command gets him the welcome DM, with the narrative to confirm.
    let h = SlackHarness::start(backend).await;
    let ben = slack_id("ben@acme.example");
    h.command_reply(&ben, "/narrative", "").await;
    h.settle().await;
    let channel = dm_channel(&ben);
    let (ts, welcome) = h
        .fake
        .messages_in(&channel)
        .await
        .into_iter()
        .next()
        .expect("Ben's welcome DM");
    let narrative = h
        .store
        .current_narrative(h.org.id)
        .await
        .expect("narratives")
        .expect("the narrative Ben was welcomed with");
    let action_id = format!("narrative-ack:{}", narrative.id.0);
    // The message as Slack sends it back when its button sits beside the text, as a section's
    // accessory, rather than in an actions block; the button has no style yet.
    let blocks = json!([
        {"type": "section", "block_id": "narrative",
         "text": {"type": "mrkdwn", "text": "Please read our customer narrative."},
         "accessory": {"type": "button", "action_id": action_id,
                       "text": {"type": "plain_text", "text": "I've read it", "emoji": true},
                       "value": action_id}},
        {"type": "context", "block_id": "footer",
         "elements": [{"type": "mrkdwn", "text": "Questions? Ask your manager."}]}
    ]);
    let text = welcome["text"].as_str().unwrap_or_default().to_string();
    let mut action = payloads::button_action(&action_id, &action_id);
    action["block_id"] = json!("narrative");
    let click = payloads::block_actions(
        &ben,
        Container::Message {
            channel: channel.clone(),
            message: payloads::message(BOT_USER_ID, &text, &ts, blocks),
        },
        action,
        &h.fake.response_url("accessory"),
    );

    // Act
    assert_eq!(h.interaction(&click).await.status(), 200);
    h.settle().await;

    // Assert: the message itself changed: the pressed accessory marked, the answer beneath it,
    // the rest kept.
    let updates = h.fake.calls_to("chat.update").await;
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert_eq!(updates[0].str_param("ts").as_deref(), Some(ts.as_str()));
    let shown = updates[0].json_param("blocks").expect("blocks");
    let shown = shown.as_array().expect("a list of blocks");
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert_eq!(shown[0]["block_id"], "narrative");
    assert_eq!(shown[0]["accessory"]["action_id"], action_id.as_str());
    assert_eq!(shown[0]["accessory"]["style"], "primary", "{}", shown[0]);
    assert_eq!(shown[1]["type"], "context", "{}", shown[1]);
    assert_eq!(shown[1]["block_id"], "reply:narrative", "{}", shown[1]);
    let answer = all_text(&shown[1]);
    assert!(
        answer.contains(&format!(
            "You confirmed that you read version {}",
            narrative.version
        )),
        "{answer}"
    );
    assert_eq!(shown[2]["block_id"], "footer");
    let now = h.fake.message(&channel, &ts).await.expect("the message");
    assert_eq!(now["blocks"], Value::Array(shown.clone()));
    assert!(
        h.fake
            .calls_to("response_url")
            .await
            .iter()
            .all(|c| !c.path.ends_with("/accessory")),
        "the answer shows in the message, not beside it"
    );
    let person = h
        .store
        .person_by_platform_id(h.org.id, &ben)
        .await
        .expect("directory")
        .expect("Ben");
    assert!(
        h.store
            .narrative_acknowledged_at(narrative.id, person.id)
            .await
            .expect("acks")
            .is_some(),
        "the press is recorded"
    );
}

async fn the_give_kudos_shortcut_quotes_the_message_with_names_never_raw_tokens(backend: Backend) {
    // Arrange: Marcus's message, in Slack's markup: a mention, a channel link and an escaped &.
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    let ben = slack_id("ben@acme.example");
    let message = payloads::message(
        &marcus,
        &format!(
            "Thanks <@{ben}> for fixing the refund in <#C0GENERAL|general> &amp; staying late"
        ),
        &payloads::fresh_ts(),
        Value::Null,
    );
    let shortcut = payloads::message_shortcut(
        &olivia,
        "give_kudos",
        "C0GENERAL",
        message,
        &h.fake.response_url("quote"),
    );
    let trigger = shortcut["trigger_id"]
        .as_str()
        .expect("trigger")
        .to_string();

    // Act
    assert_eq!(h.interaction(&shortcut).await.status(), 200);

    // Assert: the modal quotes what a person reads.
    let calls = h.fake.wait_for("views.open", 1, fake::WAIT).await;
    assert_eq!(
        calls[0].str_param("trigger_id").as_deref(),
        Some(trigger.as_str())
    );
    let view = calls[0].json_param("view").expect("a view");
    let field = |block_id: &str| {
        view["blocks"]
            .as_array()
            .expect("blocks")
            .iter()
            .find(|b| b["block_id"] == block_id)
            .map(|b| b["element"].clone())
            .unwrap_or_else(|| panic!("no {block_id} in {view}"))
    };
    assert_eq!(field("kudos_people")["initial_users"], json!([marcus]));
    let quoted = field("kudos_message")["initial_value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        quoted,
        "Thanks @Ben Carter for fixing the refund in #general & staying late"
    );
    for raw in ["<@", "<#", "&amp;", &ben] {
        assert!(!quoted.contains(raw), "{raw} survived in {quoted}");
    }
    h.settle().await;
    assert_eq!(h.kudos_count().await, 0, "nothing is given until submitted");
}
