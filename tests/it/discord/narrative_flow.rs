//! The customer narrative on Discord: `/narrative` shows it with "I've read it", and the press
//! updates the message in place and records the acknowledgement once, however often pressed.

use ambassador::bot::NARRATIVE_ACK_ACTION;
use ambassador::core::ids::NarrativeVersionId;
use ambassador::store::prelude::*;
use serde_json::json;

use super::flows::{seen, start};
use super::harness::Mode;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(the_narrative_is_read_and_acknowledged_with_a_button);

async fn the_narrative_is_read_and_acknowledged_with_a_button(backend: Backend) {
    let h = start(backend, Mode::Http).await;
    let shown = h.command("ben", "narrative", Vec::new()).await;
    assert_eq!(shown.kind, 4, "{}", shown.body);
    let buttons: Vec<String> = shown.data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_owned))
        .collect();
    let ack = buttons
        .iter()
        .find(|id| id.starts_with(NARRATIVE_ACK_ACTION))
        .cloned()
        .unwrap_or_else(|| panic!("an \"I've read it\" button: {buttons:?}"));
    let version: i64 = ack[NARRATIVE_ACK_ACTION.len()..]
        .parse()
        .expect("a version");

    // The message the press is on, as Discord shows it to Ben.
    let message = json!({
        "id": "1190000000000000100",
        "channel_id": super::fake::GENERAL_CHANNEL_ID,
        "type": 0,
        "content": shown.data["content"],
        "components": shown.data["components"],
        "flags": 64,
        "author": {"id": super::fake::BOT_USER_ID, "username": "ambassador", "discriminator": "0", "avatar": null, "bot": true, "public_flags": 0, "global_name": null},
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false,
        "timestamp": "2026-12-01T09:00:00.000000+00:00", "edited_timestamp": null,
    });
    let ben = h.member("ben");
    for _ in 0..2 {
        let pressed = h.interact(&h.client.button(&ben, &message, &ack)).await;
        assert_eq!(pressed.kind, 7, "updated in place: {}", pressed.body);
        let text = seen(pressed.data["content"].as_str().unwrap_or_default());
        assert!(text.contains('✓'), "{text}");
    }
    h.settle().await;
    let count = h
        .store
        .narrative_ack_count(NarrativeVersionId(version))
        .await
        .expect("count");
    assert_eq!(count, 1, "acknowledged once");
}
