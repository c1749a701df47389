//! What the pulse and digest flows share: an admin starting a round, the pulse DMs arriving
//! with their buttons, and the round closing when the clock passes its end.

use std::time::Duration;

use ambassador::bot::PULSE_ACTION;
use ambassador::core::clock::ManualClock;
use ambassador::store::RoundRecord;
use ambassador::store::prelude::*;
use chrono::{DateTime, TimeZone, Utc};

use super::fake::{CommandOption, SentMessage, WAIT};
use super::harness::DiscordHarness;

/// The admin of the demo organisation, who starts rounds.
pub const ADMIN: &str = "olivia";

/// When the flows start: Wednesday 2026-11-25 10:00 UTC. A round started then closes 72 hours
/// later, on Saturday, before the weekly schedules fire on Monday.
pub fn wednesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
        .single()
        .expect("a valid time")
}

/// Whether `sent` is a pulse question: it has answer buttons.
pub fn is_pulse(sent: &SentMessage) -> bool {
    sent.components()
        .to_string()
        .contains(&format!("\"{PULSE_ACTION}"))
}

/// Waits for the first DM to `who` that `wanted` accepts, however many others come first.
pub async fn wait_for_dm_where(
    h: &DiscordHarness,
    who: &str,
    wanted: impl Fn(&SentMessage) -> bool,
) -> SentMessage {
    let mut n = 1;
    loop {
        let messages = h.fake.wait_for_dms(who, n).await;
        if let Some(found) = messages.iter().find(|m| wanted(m)) {
            return found.clone();
        }
        n = messages.len() + 1;
    }
}

/// The admin starts a round with `/ambassador text:pulse start`; returns the round once the
/// bot confirmed it.
pub async fn start_round(h: &DiscordHarness) -> RoundRecord {
    let answer = h
        .command(
            ADMIN,
            "ambassador",
            vec![CommandOption::string("text", "pulse start")],
        )
        .await;
    assert!(
        answer.content().contains("Pulse round started"),
        "{}",
        answer.body
    );
    h.store
        .rounds(h.org.id, 1)
        .await
        .expect("rounds")
        .pop()
        .expect("the round is stored")
}

/// Moves the clock past the round's end and waits until the scheduler closed it.
pub async fn close_round(h: &DiscordHarness, clock: &ManualClock, round: &RoundRecord) {
    clock.set(round.closes_at + chrono::Duration::minutes(1));
    let deadline = tokio::time::Instant::now() + WAIT;
    while !h.store.round(round.id).await.expect("round").closed {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the round never closed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
