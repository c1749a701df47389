//! A pulse round in Teams: an admin starts it, everyone active is asked in a 1:1 chat the bot
//! opens itself, and answers are pressed on the card, which Teams refreshes in place from the
//! invoke response; no figure reveals a single person's answer.

use std::collections::BTreeSet;
use std::sync::Arc;

use ambassador::core::clock::ManualClock;
use ambassador::core::pulse::anonymity::respondent_key;
use ambassador::store::prelude::*;
use serde_json::{Value, json};

use super::fake::{self, ADAPTIVE_CARD, CallKind, SentActivity, card_buttons, card_text};
use super::harness::TeamsHarness;
use super::rounds::{
    ADMIN, ask, close_round, is_pulse, start_round, wait_for_message, wednesday_morning,
};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(a_round_reaches_everyone_and_answers_are_pressed_on_the_card);

/// The card as Teams shows it after an invoke answered with `card`: the same message id.
fn refreshed(sent: &SentActivity, card: &Value) -> SentActivity {
    SentActivity {
        activity: json!({"type": "message",
                         "attachments": [{"contentType": ADAPTIVE_CARD, "content": card}]}),
        versions: sent.versions + 1,
        ..sent.clone()
    }
}

/// `ben` presses `title` on `card`; returns the card Teams shows in its place.
async fn press(
    h: &TeamsHarness,
    ben: &fake::FakePerson,
    card: &SentActivity,
    title: &str,
) -> Value {
    let answer = h
        .send(&h.client.press_button(ben, card, title, Value::Null))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.body["statusCode"], 200, "{}", answer.text);
    assert_eq!(answer.body["type"], ADAPTIVE_CARD, "{}", answer.text);
    answer.body["value"].clone()
}

/// The lines of `card` a person reads, in order.
fn lines(card: &Value) -> Vec<String> {
    card_text(card).lines().map(str::to_owned).collect()
}

async fn a_round_reaches_everyone_and_answers_are_pressed_on_the_card(backend: Backend) {
    let clock = Arc::new(ManualClock::new(wednesday_morning()));
    let h = TeamsHarness::start_at(backend, clock.clone()).await;
    let installed_with = h.fake.calls_to(CallKind::CreateConversation).len();
    let round = start_round(&h).await;

    // Every active person of the roster gets the pulse in their 1:1, the guest (not in the
    // org chart) nothing; the bot opened each 1:1 it did not have, once.
    let active: Vec<fake::FakePerson> = fake::demo_people();
    for person in &active {
        wait_for_message(&h, &person.email, is_pulse).await;
    }
    h.settle().await;
    for person in &active {
        let pulses = h.fake.messages_to(&person.email);
        let pulses: Vec<_> = pulses.iter().filter(|m| is_pulse(m)).collect();
        assert_eq!(pulses.len(), 1, "{} is asked once", person.email);
        assert!(
            !pulses[0].mixes_text_and_attachments(),
            "{}",
            pulses[0].activity
        );
    }
    let guest = fake::guest();
    assert!(
        h.fake
            .messages_to(&guest.email)
            .iter()
            .all(|m| !is_pulse(m)),
        "the guest is not in the org chart and is not asked"
    );
    let created = h.fake.calls_to(CallKind::CreateConversation);
    let opened: Vec<&str> = created
        .iter()
        .filter(|c| c.status == 201)
        .filter_map(|c| c.body["members"][0]["id"].as_str())
        .collect();
    let expected: BTreeSet<&str> = active.iter().map(|p| p.user_id.as_str()).collect();
    assert_eq!(
        opened.iter().copied().collect::<BTreeSet<_>>(),
        expected,
        "a 1:1 is opened with each active person"
    );
    assert_eq!(opened.len(), expected.len(), "and only once each");
    assert_eq!(
        installed_with, 1,
        "only the installer had a 1:1 before the round"
    );
    for call in &created {
        assert_eq!(call.body["tenantId"], fake::TENANT_ID, "{}", call.summary());
        assert_eq!(
            call.body["channelData"]["tenant"]["id"],
            fake::TENANT_ID,
            "{}",
            call.summary()
        );
        assert_eq!(call.body["bot"]["id"], fake::BOT_ID, "{}", call.summary());
    }

    // Ben presses 4 for the first question: the card comes back in the invoke response with
    // that row answered, the confirmation right under the question, the rest unchanged.
    let ben = h.person("ben@acme.example");
    let card = wait_for_message(&h, &ben.email, is_pulse).await;
    let before = lines(card.card());
    let first = press(&h, &ben, &card, "4").await;
    let after = lines(&first);
    let saved = "Saved 4 for question 1. 4 questions to go.";
    let at = after
        .iter()
        .position(|l| l == saved)
        .unwrap_or_else(|| panic!("no confirmation in {after:#?}"));
    assert!(
        after[at - 1].trim_start_matches('*').starts_with("1. "),
        "under question 1: {after:#?}"
    );
    let mut without = after.clone();
    without.remove(at);
    assert_eq!(without, before, "nothing else changed on the card");
    let buttons = |card: &Value| card_buttons(card).len();
    assert_eq!(
        buttons(&first),
        buttons(card.card()) - 5,
        "question 1 no longer offers its five answers"
    );

    // The answer is stored under Ben's key for the round, and nowhere by his name.
    let person = h
        .store
        .person_by_platform_id(h.org.id, &ben.aad_object_id)
        .await
        .expect("people")
        .expect("Ben");
    let key = respondent_key(round.secret.as_deref().expect("open round"), person.id);
    let answers = h
        .store
        .answers_by_key(round.id, &key)
        .await
        .expect("answers");
    assert_eq!(answers.get(&round.question_ids[0]), Some(&4), "{answers:?}");

    // A press on the refreshed card (now question 2's buttons come first) works too.
    let second = press(&h, &ben, &refreshed(&card, &first), "2").await;
    let text = card_text(&second);
    assert!(text.contains(saved), "the first confirmation stays: {text}");
    assert!(
        text.contains("Saved 2 for question 2. 3 questions to go."),
        "{text}"
    );
    let answers = h
        .store
        .answers_by_key(round.id, &key)
        .await
        .expect("answers");
    assert_eq!(answers.get(&round.question_ids[1]), Some(&2), "{answers:?}");
    assert_eq!(answers.len(), 2);
    let shown = ask(&h, &ben, "pulse", |m| m.card_text().contains("Pulse check")).await;
    let shown = shown.card_text();
    assert!(
        shown.contains("Your answer: 4") && shown.contains("Your answer: 2"),
        "{shown}"
    );

    // The admin sees that one person answered, not who; once the round closes, Ben's manager
    // sees no figure for a team where only he answered.
    let admin = h.person(ADMIN);
    let status = ask(&h, &admin, "ambassador pulse status", |m| {
        m.card_text().contains("Latest round")
    })
    .await
    .card_text();
    assert!(
        status.contains("30 of 30 delivered, 1 answered"),
        "{status}"
    );
    assert!(!status.contains("Ben"), "{status}");
    close_round(&h, &clock, &round).await;
    let sam = h.person("sam@acme.example");
    let digest = ask(&h, &sam, "engagement", |m| {
        m.card_text().contains("Engagement digest")
    })
    .await
    .card_text();
    assert!(digest.contains("Fewer than 5 people answered"), "{digest}");
    assert!(!digest.contains("Engagement: "), "no score: {digest}");
    assert!(!digest.contains("Response rate: "), "{digest}");
    h.settle().await;
}
