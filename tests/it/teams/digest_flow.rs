//! A manager's figures in Teams: after a round closes, `engagement` answers in their 1:1 with
//! a card carrying the chart inline, small enough for Teams; a team too small to stay
//! anonymous shows no score.

use std::sync::Arc;

use ambassador::core::clock::ManualClock;
use ambassador::store::prelude::*;
use base64::Engine as _;
use chrono::{TimeZone, Utc};
use serde_json::Value;

use super::fake::{self, CallKind, SentActivity};
use super::harness::TeamsHarness;
use super::rounds::{
    ask, close_round, is_pulse, seen, start_round, wait_for_message, wednesday_morning,
};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(a_manager_asks_for_engagement_and_gets_a_card_with_the_chart);

/// Everyone in Operations (Sam's Support 6, Logistics 5) and Engineering (Platform 4, Hana's
/// Mobile 3): Support is above the five-answer rule, Mobile below it.
const ANSWERING: [&str; 18] = [
    "sam",
    "ana",
    "ben",
    "eleni",
    "nikos",
    "zofia",
    "kasia",
    "piotr",
    "maria",
    "liam",
    "sipho",
    "dev",
    "grace",
    "jakub",
    "yannis",
    "hana",
    "leo",
    "agnieszka",
];
/// The largest picture the card inlines.
const PICTURE_MAX_BYTES: usize = 15 * 1024;
/// The PNG signature.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

fn email(who: &str) -> String {
    format!("{who}@acme.example")
}

/// The `url` of every Image element of a card, wherever it is nested.
fn image_urls(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if object.get("type").and_then(Value::as_str) == Some("Image")
                && let Some(url) = object.get("url").and_then(Value::as_str)
            {
                out.push(url.to_owned());
            }
            object.values().for_each(|v| image_urls(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| image_urls(v, out)),
        _ => {}
    }
}

/// The one picture of a digest card, decoded from its `data:` URL.
fn chart_png(digest: &SentActivity) -> Vec<u8> {
    let mut urls = Vec::new();
    image_urls(digest.card(), &mut urls);
    let [url] = urls.as_slice() else {
        panic!(
            "expected one picture, found {}: {}",
            urls.len(),
            digest.activity
        );
    };
    let data = url
        .strip_prefix("data:image/png;base64,")
        .unwrap_or_else(|| panic!("the picture is inline: {}", &url[..url.len().min(80)]));
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("the data URL is base64")
}

async fn a_manager_asks_for_engagement_and_gets_a_card_with_the_chart(backend: Backend) {
    let clock = Arc::new(ManualClock::new(wednesday_morning()));
    let h = TeamsHarness::start_at(backend, clock.clone()).await;
    let round = start_round(&h).await;
    for who in ANSWERING {
        let person = h.person(&email(who));
        wait_for_message(&h, &person.email, is_pulse).await;
        let saved = ask(&h, &person, "pulse answer 4 4 4 4 4", |m| !is_pulse(m)).await;
        // "All 5 answers are saved", in their own language.
        assert!(
            saved.card_text().contains(" 5 "),
            "{who}: {}",
            saved.card_text()
        );
    }
    let (invited, delivered, responded) = h.store.round_progress(round.id).await.expect("progress");
    assert_eq!((invited, delivered, responded), (30, 30, 18));
    close_round(&h, &clock, &round).await;

    // Sam asks in his 1:1 and the digest comes back there, as one card.
    let sam = h.person(&email("sam"));
    let digest = ask(&h, &sam, "engagement", |m| {
        m.card_text().contains("Engagement digest")
    })
    .await;
    let text = seen(&digest);
    let support = text
        .split("\nSupport\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no Support section: {text}"));
    assert!(support.starts_with("Engagement: 4.00\n"), "{text}");
    assert!(support.contains("Response rate: 100% (6/6)"), "{text}");
    assert!(!digest.mixes_text_and_attachments(), "{}", digest.activity);

    // The chart rides inside the card as a PNG Teams accepts, and so does the whole message.
    let png = chart_png(&digest);
    assert!(png.starts_with(PNG_SIGNATURE), "a PNG");
    assert!(
        png.len() <= PICTURE_MAX_BYTES,
        "the picture is {} bytes",
        png.len()
    );
    let image = image::load_from_memory(&png).expect("the PNG decodes");
    assert!(image.width() >= 360, "still readable: {} px", image.width());
    let sent = h
        .fake
        .calls_to(CallKind::SendToConversation)
        .into_iter()
        .find(|c| c.status == 201 && c.body["attachments"] == digest.activity["attachments"])
        .expect("the call that carried the digest");
    assert!(
        sent.body_len <= fake::MESSAGE_SIZE_LIMIT,
        "the digest is {} bytes",
        sent.body_len
    );
    assert_nothing_refused(&h);

    // Hana's Mobile had three answers: no score, only why.
    let hana = h.person(&email("hana"));
    let digest = ask(&h, &hana, "engagement", |m| {
        m.card_text().contains("Engagement digest")
    })
    .await;
    let text = seen(&digest);
    assert!(
        text.contains("Fewer than 5 people answered, so their answers are counted in Engineering"),
        "{text}"
    );
    assert!(!text.contains("Engagement: "), "no score: {text}");
    assert!(!text.contains("4.00"), "{text}");

    // The weekly digest comes by itself on Monday at 09:00 in Sam's zone (London, UTC in
    // winter), into the same 1:1, and every manager's fits Teams.
    let nine = Utc
        .with_ymd_and_hms(2026, 11, 30, 9, 1, 0)
        .single()
        .expect("a valid time");
    assert!(nine > round.closes_at);
    let before = h.fake.messages_to(&sam.email).len();
    clock.set(nine);
    // Drawing every manager's chart takes a while in a debug build on a busy machine.
    let deadline = tokio::time::Instant::now() + 4 * fake::WAIT;
    let weekly = loop {
        let messages = h.fake.messages_to(&sam.email);
        let found = messages[before..]
            .iter()
            .find(|m| m.card_text().contains("Engagement digest"));
        if let Some(found) = found {
            break found.clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no weekly digest for Sam"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(seen(&weekly).contains("\nSupport\nEngagement: 4.00\n"));
    assert!(chart_png(&weekly).len() <= PICTURE_MAX_BYTES);
    h.settle().await;
    assert_nothing_refused(&h);
}

/// Panics listing any message Teams refused as too large.
fn assert_nothing_refused(h: &TeamsHarness) {
    let refused: Vec<String> = h
        .fake
        .calls()
        .iter()
        .filter(|c| c.status == 413)
        .map(|c| c.summary())
        .collect();
    assert!(refused.is_empty(), "Teams refused: {refused:?}");
}
