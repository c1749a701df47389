//! Any bytes POSTed to `POST /discord/interactions` (once the signature holds): decoding never
//! panics, a decoded interaction has what the edge relies on, the gateway's path (JSON parsed
//! first, then `decode_value`) and the same JSON written again read it the same way, and
//! nothing the adapter then reads from it panics (a command's input, the holding response, a
//! pressed message marked).
#![no_main]

use ambassador::platform::discord::interaction::{self, InteractionKind};
use ambassador::platform::discord::{commands, process, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = interaction::decode(data) else {
        return;
    };
    assert!(!decoded.id.is_empty(), "an interaction without an id");
    if decoded.kind != InteractionKind::Ping {
        assert!(!decoded.token.is_empty(), "no token to answer with");
        assert!(!decoded.user.id.is_empty(), "nobody acted");
    }
    // The gateway hands over JSON serenity parsed and wrote again: how the JSON is written
    // (spacing, escapes, key order, number forms) must not change what is read.
    let value: serde_json::Value =
        serde_json::from_slice(data).expect("decode accepted it, so it is JSON");
    assert_eq!(
        interaction::decode_value(&value).as_ref(),
        Ok(&decoded),
        "the gateway's path reads it differently"
    );
    // serde_json's default float parsing is not correctly rounded: a long decimal written
    // back can read one bit apart, and the decoder takes numbers where it wants text. Only
    // JSON without non-integer numbers is held to reading the same once written again.
    if !has_floats(&value) {
        let rewritten = serde_json::to_vec(&value).expect("a Value serialises");
        assert_eq!(
            interaction::decode(&rewritten).as_ref(),
            Ok(&decoded),
            "the same interaction written differently reads differently"
        );
    }
    let _ = process::holding_response(&decoded);
    if let Some(name) = &decoded.user.display_name {
        let _ = render::escape(name);
    }
    match &decoded.kind {
        InteractionKind::Command(command) => {
            let _ = commands::input(command);
        }
        InteractionKind::Component(press) => {
            if let Some(message) = &decoded.message {
                let _ = render::mark_clicked(
                    &message.content,
                    &message.components,
                    &press.custom_id,
                    "Thanks!",
                );
            }
        }
        _ => {}
    }
});

fn has_floats(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Number(n) => n.is_f64(),
        serde_json::Value::Array(items) => items.iter().any(has_floats),
        serde_json::Value::Object(map) => map.values().any(has_floats),
        _ => false,
    }
}
