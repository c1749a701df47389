//! A restart in the middle of a paced pulse round loses and doubles nothing: the calls not yet
//! made are left in the outbox for the restarted process, and each person gets one card.

use std::time::Duration;

use super::harness::TeamsHarness;
use super::rounds::{is_pulse, start_round};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(a_paced_round_survives_a_restart_without_gaps_or_repeats);

/// Pulse cards each active person has received, by email.
fn pulses(h: &TeamsHarness) -> Vec<(String, usize)> {
    h.fake
        .members()
        .into_iter()
        .filter(|p| p.user_role != "guest")
        .map(|p| {
            let got = h
                .fake
                .messages_to(&p.email)
                .iter()
                .filter(|m| is_pulse(m))
                .count();
            (p.email, got)
        })
        .collect()
}

fn delivered(h: &TeamsHarness) -> usize {
    pulses(h).iter().map(|(_, n)| n).sum()
}

/// Waits (polling what the fake received, up to `secs`) until `n` pulse cards arrived.
async fn wait_for_pulses(h: &TeamsHarness, n: usize, secs: u64) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    while delivered(h) < n {
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {} of {n} pulse cards arrived",
            delivered(h)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn a_paced_round_survives_a_restart_without_gaps_or_repeats(backend: Backend) {
    let mut h = TeamsHarness::start(backend).await;
    // Five calls a second: 30 cards and the 1:1 chats they need take about twelve seconds.
    h.set_calls_per_second(5);
    h.restart().await;
    let everyone = pulses(&h).len();
    start_round(&h).await;
    wait_for_pulses(&h, 3, 30).await;
    h.restart().await;
    let at_restart = delivered(&h);
    assert!(
        at_restart < everyone,
        "the restart came in the middle of the round ({at_restart} of {everyone} sent)"
    );
    wait_for_pulses(&h, everyone, 60).await;
    h.settle().await;
    let per = pulses(&h);
    assert!(
        per.iter().all(|(_, n)| *n == 1),
        "each person exactly once: {per:?}"
    );
    for person in h
        .fake
        .members()
        .into_iter()
        .filter(|p| p.user_role != "guest")
    {
        let created = h
            .fake
            .calls_to(super::fake::CallKind::CreateConversation)
            .iter()
            .filter(|c| c.status < 300 && c.body.to_string().contains(&person.user_id))
            .count();
        assert!(
            created <= 1,
            "{} got {created} 1:1 chats created",
            person.email
        );
    }
}
