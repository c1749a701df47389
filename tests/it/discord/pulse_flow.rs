//! A pulse round on Discord: an admin starts it, everyone in the org chart gets it by DM with
//! answer buttons, and a press answers in place: Discord updates the pressed message (type 7)
//! with the choice marked. A person who blocks DMs is recorded as undeliverable, not retried.

use std::sync::Arc;

use ambassador::bot::{PULSE_ACTION, PULSE_COMMENT_ACTION};
use ambassador::core::clock::ManualClock;
use ambassador::platform::discord::references::DiscordReferences;
use ambassador::store::prelude::*;
use serde_json::json;

use super::flows::seen;
use super::harness::{DiscordHarness, Mode};
use super::rounds::{is_pulse, start_round, wait_for_dm_where, wednesday_morning};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(a_round_reaches_everyone_by_dm_and_is_answered_by_buttons);

async fn a_round_reaches_everyone_by_dm_and_is_answered_by_buttons(backend: Backend) {
    let clock = Arc::new(ManualClock::new(wednesday_morning()));
    let h = DiscordHarness::start_at(backend, Mode::Gateway, clock.clone()).await;
    h.fake.set_blocks_dms("zofia", true);
    let round = start_round(&h).await;

    let pulse = wait_for_dm_where(&h, "ben", is_pulse).await;
    assert!(!pulse.is_ephemeral());
    assert!(
        pulse.pings().is_none(),
        "a DM notifies by itself, it pings nobody"
    );
    // Five questions of five to eleven answers are more rows of buttons than Discord shows:
    // each question is a select of its answers, chosen in place.
    let rows = pulse.components().as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 5, "{}", pulse.components());
    let first = &rows[0]["components"][0];
    assert_eq!(first["type"], 3, "a select: {first}");
    let answer = first["options"][3]["value"]
        .as_str()
        .expect("an answer")
        .to_owned();
    assert!(answer.starts_with(PULSE_ACTION), "{answer}");
    let ben = h.member("ben");
    let mut choose = h.client.button(
        &ben,
        &pulse.object,
        first["custom_id"].as_str().unwrap_or_default(),
    );
    choose["data"]["component_type"] = json!(3);
    choose["data"]["values"] = json!([answer]);
    let pressed = h.interact(&choose).await;
    assert_eq!(
        pressed.kind, 7,
        "the message is updated in place: {}",
        pressed.body
    );
    let options = pressed.data["components"][0]["components"][0]["options"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let chosen: Vec<&str> = options
        .iter()
        .filter(|o| o["default"] == true)
        .filter_map(|o| o["value"].as_str())
        .collect();
    assert_eq!(chosen, vec![answer.as_str()], "the choice shows as chosen");
    let shown = seen(pressed.data["content"].as_str().unwrap_or_default());
    assert!(
        shown.contains('✓'),
        "the choice is confirmed under the question: {shown}"
    );
    let (_, _, responded) = h.store.round_progress(round.id).await.expect("progress");
    assert_eq!(responded, 1, "Ben is counted as having answered");

    // The comment button, in the message that follows the questions, opens a modal; what is
    // written there is kept with the round, with no name on it.
    let invite = wait_for_dm_where(&h, "ben", |m| {
        m.custom_ids().iter().any(|id| id == PULSE_COMMENT_ACTION)
    })
    .await;
    let opened = h
        .interact(&h.client.button(&ben, &invite.object, PULSE_COMMENT_ACTION))
        .await;
    assert_eq!(opened.kind, 9, "a modal: {}", opened.body);
    let custom_id = opened.data["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let input = opened.data["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let channel = h.client.dm_channel(&ben);
    let written = "The new refund tool saves our customers a day";
    let submitted = h
        .interact(
            &h.client
                .modal_submit(&ben, &channel, &custom_id, &[(&input, written)]),
        )
        .await;
    assert_eq!(submitted.kind, 4, "{}", submitted.body);
    assert!(submitted.is_ephemeral());
    let comments = h.store.comments(round.id).await.expect("comments");
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert_eq!(comments[0].1, written);

    // Zofia blocks DMs: Discord refuses once, the bot records it and does not try again.
    let zofia = h.member("zofia");
    h.fake
        .wait_until("Discord refusing a DM to Zofia", |calls| {
            calls
                .iter()
                .any(|c| c.status == 403 && c.response["code"] == 50007)
                .then_some(())
        })
        .await;
    h.settle().await;
    let dm = h
        .store
        .discord_dm(&zofia.user_id)
        .await
        .expect("dm")
        .expect("known");
    assert!(dm.undeliverable, "recorded as undeliverable");
    let refused = h.fake.calls().iter().filter(|c| c.status == 403).count();
    assert_eq!(refused, 1, "not retried");
    let _ = clock;
}
