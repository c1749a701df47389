//! A channel message's text against its mention entities: `command_text` never panics and
//! never makes a mention of anyone no entity vouches for.
//!
//! Input: the message text, a NUL byte, then one entity per line as `id<TAB>text` (a line
//! without a tab is an id whose text is `<at>id</at>`). The unit test
//! `mentions::tests::every_kept_fuzz_input_reads_without_panicking` reads the kept corpus the
//! same way.
#![no_main]

use ambassador::platform::teams::activity::{self, Account};
use ambassador::platform::teams::mentions::{MENTION_MARK, command_text};
use libfuzzer_sys::fuzz_target;

const BOT: &str = "28:bot";

fn resolve(account: &Account) -> Option<String> {
    match account.id.len() % 3 {
        0 => None,
        1 => Some(format!("dir-{}", account.id)),
        _ => Some(account.id.clone()),
    }
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (text, spec) = input.split_once('\0').unwrap_or((&input, ""));
    let entities: Vec<serde_json::Value> = spec
        .lines()
        .map(|line| {
            let (id, text) = match line.split_once('\t') {
                Some((id, text)) => (id.to_string(), text.to_string()),
                None => (line.to_string(), format!("<at>{line}</at>")),
            };
            serde_json::json!({"type": "mention", "text": text, "mentioned": {"id": id, "name": id}})
        })
        .collect();
    let body = serde_json::json!({
        "type": "message", "serviceUrl": "https://smba.example/", "text": text,
        "from": {"id": "29:from"}, "recipient": {"id": BOT},
        "conversation": {"id": "19:c@thread.tacv2", "conversationType": "channel"},
        "entities": entities,
    });
    let Ok(bytes) = serde_json::to_vec(&body) else {
        return;
    };
    let Ok(activity) = activity::decode(&bytes) else {
        return;
    };
    let allowed: Vec<String> = activity
        .mentions
        .iter()
        .filter(|m| m.mentioned.id != BOT)
        .filter_map(|m| resolve(&m.mentioned))
        .collect();
    let line = command_text(&activity, BOT, resolve);
    let segments: Vec<&str> = line.split(MENTION_MARK).collect();
    assert_eq!(segments.len() % 2, 1, "unpaired marks in {line:?}");
    for id in segments.iter().skip(1).step_by(2) {
        assert!(
            allowed.iter().any(|a| a == id),
            "{id:?} was never vouched for: {line:?}"
        );
    }
});
