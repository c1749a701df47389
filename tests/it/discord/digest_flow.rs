//! A manager's figures on Discord: after a round closes, `/engagement` answers privately with
//! the digest and its chart as an attached PNG (deferred, then the answer with its file); a
//! team too small to stay anonymous shows no score.

use std::sync::Arc;

use ambassador::core::clock::ManualClock;
use chrono::{TimeZone, Utc};

use super::fake::{CommandOption, Route};
use super::flows::seen;
use super::harness::{DiscordHarness, Mode};
use super::rounds::{close_round, is_pulse, start_round, wait_for_dm_where, wednesday_morning};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(a_manager_asks_for_engagement_and_gets_the_digest_with_its_chart);

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
/// The PNG signature.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

async fn a_manager_asks_for_engagement_and_gets_the_digest_with_its_chart(backend: Backend) {
    let clock = Arc::new(ManualClock::new(wednesday_morning()));
    let h = DiscordHarness::start_at(backend, Mode::Http, clock.clone()).await;
    let round = start_round(&h).await;
    for who in ANSWERING {
        wait_for_dm_where(&h, who, is_pulse).await;
        let saved = h
            .command(
                who,
                "pulse",
                vec![CommandOption::string("text", "answer 4 4 4 4 4")],
            )
            .await;
        assert!(saved.is_ephemeral(), "{who}: {}", saved.body);
        assert!(saved.content().contains(" 5 "), "{who}: {}", saved.body);
    }
    close_round(&h, &clock, &round).await;

    let asked = h.command("sam", "engagement", Vec::new()).await;
    assert_eq!(
        asked.kind, 5,
        "a digest with a chart is deferred: {}",
        asked.body
    );
    assert!(asked.is_ephemeral(), "only Sam sees his figures");
    let digest = h
        .fake
        .wait_for_original_response(&asked.interaction_id)
        .await;
    let text = seen(digest.content());
    assert!(text.contains("Engagement digest"), "{text}");
    let support = text
        .split("\nSupport\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no Support section: {text}"));
    assert!(support.contains("Engagement: 4.00"), "{text}");
    assert!(support.contains("Response rate: 100% (6/6)"), "{text}");
    assert_eq!(digest.files.len(), 1, "the chart is attached");
    let chart = &digest.files[0];
    assert!(chart.bytes.starts_with(PNG_SIGNATURE), "a PNG");
    let image = image::load_from_memory(&chart.bytes).expect("the PNG decodes");
    assert!(image.width() >= 360, "readable: {} px", image.width());
    let edit = h
        .fake
        .calls_to(Route::EditOriginal)
        .into_iter()
        .find(|c| c.status == 200)
        .expect("the edit that carried the digest");
    assert!(
        edit.content_type
            .as_deref()
            .is_some_and(|t| t.starts_with("multipart/form-data")),
        "{:?}",
        edit.content_type
    );

    // Hana's Mobile had three answers: no score, only why.
    let asked = h.command("hana", "engagement", Vec::new()).await;
    let digest = match asked.kind {
        4 => asked.content().to_owned(),
        _ => h
            .fake
            .wait_for_original_response(&asked.interaction_id)
            .await
            .content()
            .to_owned(),
    };
    let text = seen(&digest);
    assert!(
        text.contains("Fewer than 5 people answered, so their answers are counted in Engineering"),
        "{text}"
    );
    assert!(!text.contains("4.00"), "no score: {text}");

    // The weekly digest comes by itself on Monday at 09:00 in Sam's zone (London, UTC in
    // winter), by DM, with its chart attached.
    let nine = Utc
        .with_ymd_and_hms(2026, 11, 30, 9, 1, 0)
        .single()
        .expect("a valid time");
    assert!(nine > round.closes_at);
    let sam = h.member("sam");
    let before = h.fake.dms_to(&sam.user_id).len();
    clock.set(nine);
    let mut n = before + 1;
    let weekly = loop {
        let dms = h.fake.wait_for_dms(&sam.user_id, n).await;
        if let Some(found) = dms[before..]
            .iter()
            .find(|m| m.content().contains("Engagement digest"))
        {
            break found.clone();
        }
        n = dms.len() + 1;
    };
    assert!(seen(weekly.content()).contains("Engagement: 4.00"));
    assert_eq!(weekly.files.len(), 1, "the chart is attached to the DM");
    assert!(weekly.files[0].bytes.starts_with(PNG_SIGNATURE));
    h.settle().await;
    let refused: Vec<_> = h
        .fake
        .calls()
        .into_iter()
        // An edit may reach Discord before the deferral it edits is registered (404), and is
        // then tried again.
        .filter(|c| c.status >= 400 && !(c.status == 404 && c.route == Route::EditOriginal))
        .collect();
    assert!(refused.is_empty(), "Discord refused: {refused:?}");
}
