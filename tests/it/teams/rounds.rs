//! What the pulse and digest flows share: people writing to the bot in their 1:1 chat, an
//! admin starting a round, the pulse cards arriving, and the round closing when the clock
//! passes its end.

use std::time::Duration;

use ambassador::bot::PULSE_ACTION;
use ambassador::core::clock::ManualClock;
use ambassador::store::RoundRecord;
use ambassador::store::prelude::*;
use chrono::{DateTime, TimeZone, Utc};

use super::fake::{FakePerson, SentActivity, WAIT};
use super::harness::TeamsHarness;

/// The admin of the demo organisation, who adds the app to the team and starts rounds.
pub const ADMIN: &str = "olivia@acme.example";

/// When the flows start: Wednesday 2026-11-25 10:00 UTC. A round started then closes 72 hours
/// later, on Saturday, before the weekly schedules (pulse, digest, narrative moment) fire on
/// Monday, so nothing scheduled runs unless a test moves the clock there.
pub fn wednesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
        .single()
        .expect("a valid time")
}

/// Whether `sent` is a pulse card: it has answer buttons.
pub fn is_pulse(sent: &SentActivity) -> bool {
    sent.buttons().iter().any(|b| {
        b.data["action"]
            .as_str()
            .is_some_and(|a| a.starts_with(PULSE_ACTION))
    })
}

/// The text of `sent`'s cards as Teams renders it: markdown's backslash escapes (CommonMark:
/// a backslash before ASCII punctuation) show the character alone, `**` bold markers nothing.
pub fn seen(sent: &SentActivity) -> String {
    let text = sent.card_text().replace("**", "");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek().copied() {
            Some(escaped) if c == '\\' && escaped.is_ascii_punctuation() => {
                out.push(escaped);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Waits for the first message to `email` that `wanted` accepts, however many others come
/// before it; panics after the fake's wait listing what did arrive.
pub async fn wait_for_message(
    h: &TeamsHarness,
    email: &str,
    wanted: impl Fn(&SentActivity) -> bool,
) -> SentActivity {
    let mut n = 1;
    loop {
        let messages = h.fake.wait_for_messages_to(email, n).await;
        if let Some(found) = messages.iter().find(|m| wanted(m)) {
            return found.clone();
        }
        n = messages.len() + 1;
    }
}

/// `who` writes `text` to the bot in their 1:1 chat; returns the first message after it that
/// `wanted` accepts (the answer).
pub async fn ask(
    h: &TeamsHarness,
    who: &FakePerson,
    text: &str,
    wanted: impl Fn(&SentActivity) -> bool,
) -> SentActivity {
    let before = h.fake.messages_to(&who.email).len();
    let answer = h.send(&h.client.personal_message(who, text)).await;
    assert!(
        (200..300).contains(&answer.status),
        "{text:?} is acknowledged: {} {}",
        answer.status,
        answer.text
    );
    wait_for_message_after(h, &who.email, before, wanted).await
}

/// Waits for the first message to `email` after its first `before` ones that `wanted`
/// accepts.
async fn wait_for_message_after(
    h: &TeamsHarness,
    email: &str,
    before: usize,
    wanted: impl Fn(&SentActivity) -> bool,
) -> SentActivity {
    let mut n = before + 1;
    loop {
        let messages = h.fake.wait_for_messages_to(email, n).await;
        if let Some(found) = messages[before..].iter().find(|m| wanted(m)) {
            return found.clone();
        }
        n = messages.len() + 1;
    }
}

/// The admin starts a round with `ambassador pulse start` in their 1:1; returns the round,
/// once the bot confirmed it.
pub async fn start_round(h: &TeamsHarness) -> RoundRecord {
    let admin = h.person(ADMIN);
    let reply = ask(h, &admin, "ambassador pulse start", |m| {
        m.card_text().contains("Pulse round started")
    })
    .await;
    assert!(
        reply.card_text().contains("30 people invited, 5 questions"),
        "{}",
        reply.card_text()
    );
    h.store
        .rounds(h.org.id, 1)
        .await
        .expect("rounds")
        .pop()
        .expect("the round is stored")
}

/// Moves the clock past the round's end and waits until the scheduler closed it.
pub async fn close_round(h: &TeamsHarness, clock: &ManualClock, round: &RoundRecord) {
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
