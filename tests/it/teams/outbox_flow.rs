//! Delivery to Teams when the Connector pushes back: a 429 pauses the tenant for as long as
//! Teams asks, a 503 is retried after a backoff, and an expired token is fetched again once;
//! each time the answer arrives, exactly once.

use std::time::Duration;

use super::fake::{CallKind, RecordedCall, SentActivity};
use super::harness::TeamsHarness;
use super::rounds::ADMIN;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_rate_limited_answer_waits_as_teams_asks_and_arrives_once,
    an_answer_refused_with_503_is_retried_and_arrives_once,
    an_expired_token_is_fetched_again_once_and_the_answer_arrives,
);

/// The admin (greeted in a 1:1 when the app was added) writes `help`; waits for the answer
/// and for the outbox to empty, and returns the answer and the calls since the test's start.
async fn ask_for_help(h: &TeamsHarness) -> (SentActivity, Vec<RecordedCall>) {
    let admin = h.person(ADMIN);
    let before = h.fake.messages_to(ADMIN).len();
    let answer = h.send(&h.client.personal_message(&admin, "help")).await;
    assert!(
        (200..300).contains(&answer.status),
        "{} {}",
        answer.status,
        answer.text
    );
    let messages = h.fake.wait_for_messages_to(ADMIN, before + 1).await;
    h.settle().await;
    assert_eq!(
        h.fake.messages_to(ADMIN).len(),
        before + 1,
        "the answer arrives once"
    );
    let help = messages[before].clone();
    assert!(help.card_text().contains("kudos"), "{}", help.card_text());
    (help, h.fake.calls())
}

/// The calls to the Connector itself (not the login service), in order.
fn connector_calls(calls: &[RecordedCall]) -> Vec<&RecordedCall> {
    calls.iter().filter(|c| c.kind.is_connector()).collect()
}

/// `(kind, status, injected)` of each call, for comparing and for failure messages.
fn outline(calls: &[&RecordedCall]) -> Vec<(CallKind, u16, bool)> {
    calls
        .iter()
        .map(|c| (c.kind, c.status, c.injected))
        .collect()
}

async fn a_rate_limited_answer_waits_as_teams_asks_and_arrives_once(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    h.fake.reset();
    h.fake.fail_next(2, 429, Some(1));
    let (_, calls) = ask_for_help(&h).await;
    let sends = connector_calls(&calls);
    assert_eq!(
        outline(&sends),
        vec![
            (CallKind::SendToConversation, 429, true),
            (CallKind::SendToConversation, 429, true),
            (CallKind::SendToConversation, 201, false),
        ],
        "two refusals, then the answer"
    );
    for pair in sends.windows(2) {
        let waited = pair[1].at.duration_since(pair[0].at);
        assert!(
            waited >= Duration::from_secs(1),
            "the bot waited for Retry-After: 1, not {waited:?}"
        );
    }
    assert_eq!(
        sends[2].body, sends[0].body,
        "the same answer was sent again"
    );
}

async fn an_answer_refused_with_503_is_retried_and_arrives_once(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    h.fake.reset();
    h.fake.fail_next(1, 503, None);
    let (_, calls) = ask_for_help(&h).await;
    let sends = connector_calls(&calls);
    assert_eq!(
        outline(&sends),
        vec![
            (CallKind::SendToConversation, 503, true),
            (CallKind::SendToConversation, 201, false),
        ],
    );
    let waited = sends[1].at.duration_since(sends[0].at);
    assert!(
        waited >= Duration::from_secs(1),
        "the retry backed off: {waited:?}"
    );
}

async fn an_expired_token_is_fetched_again_once_and_the_answer_arrives(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    let issued = h.fake.tokens_issued();
    h.fake.reset();
    h.fake.expire_tokens();
    let (_, calls) = ask_for_help(&h).await;
    let outgoing: Vec<&RecordedCall> = calls
        .iter()
        .filter(|c| c.kind.is_connector() || c.kind == CallKind::Token)
        .collect();
    assert_eq!(
        outline(&outgoing),
        vec![
            (CallKind::SendToConversation, 401, false),
            (CallKind::Token, 200, false),
            (CallKind::SendToConversation, 201, false),
        ],
        "refused, a new token, delivered"
    );
    assert_eq!(h.fake.tokens_issued(), issued + 1, "one new token");
    assert_ne!(
        outgoing[0].bearer_token(),
        outgoing[2].bearer_token(),
        "the answer went with the new token"
    );
}
