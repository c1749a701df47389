//! Teams delivers again what it thinks the bot missed, with the same activity id: a message
//! redelivered gives its kudos and its answer once, and a card press redelivered gets the same
//! card back without its effect happening twice. Presses of different cards arriving at once
//! are each answered.

use ambassador::store::prelude::*;
use serde_json::{Value, json};

use super::fake::{CUSTOMER_WINS_CHANNEL_ID, CallKind, FakePerson, SentActivity};
use super::flows::{ADAPTIVE_CARD, SEND, saying, start, wait_for_message_to};
use super::harness::TeamsHarness;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    a_redelivered_message_gives_one_kudos_and_one_answer,
    a_redelivered_press_gets_the_same_card_and_acts_once,
    a_redelivered_form_gives_one_kudos,
    different_presses_at_once_are_each_answered,
);

/// The label of the narrative's acknowledgement button on the welcome card.
const READ_IT: &str = "I've read it";

async fn a_redelivered_message_gives_one_kudos_and_one_answer(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    let ben = h.person("ben@acme.example");
    let kudos = h.client.channel_message(
        &ana,
        CUSTOMER_WINS_CHANNEL_ID,
        "<at>Ambassador</at> kudos <at>Ben Carter</at> stayed late to get the customer's refund \
         out #empathy",
    );
    let first = h.send(&kudos).await;
    let again = h.send(&kudos).await;
    assert!((200..300).contains(&first.status), "{}", first.text);
    assert!((200..300).contains(&again.status), "{}", again.text);
    // Ben's DM is the last of the kudos' messages to be queued; after it, and after the
    // inbox and outbox are empty, everything either delivery caused has been sent.
    h.fake.wait_for_messages_to(&ben.email, 1).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one kudos");
    let stored = h
        .store
        .inbox_count("teams", super::fake::TENANT_ID)
        .await
        .expect("inbox");
    let to_ana = h.fake.messages_to(&ana.email);
    assert_eq!(
        saying(&to_ana, "Kudos sent to"),
        1,
        "one answer: {to_ana:#?}"
    );
    let to_ben = h.fake.messages_to(&ben.email);
    assert_eq!(saying(&to_ben, "thanked you"), 1, "one DM: {to_ben:#?}");

    // A third delivery, after all that, still changes nothing.
    h.send(&kudos).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
    assert_eq!(
        h.store
            .inbox_count("teams", super::fake::TENANT_ID)
            .await
            .expect("inbox"),
        stored,
        "stored once"
    );
    assert_eq!(h.fake.messages_to(&ana.email).len(), to_ana.len());
}

/// The welcome card `person` got, with its acknowledgement button.
async fn welcome_card(h: &TeamsHarness, person: &FakePerson) -> SentActivity {
    wait_for_message_to(h, &person.email, |m| {
        m.buttons().iter().any(|b| b.title == READ_IT)
    })
    .await
}

/// The card an invoke answer shows; panics on any other answer.
fn answered_card(status: u16, body: &Value) -> String {
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["type"], ADAPTIVE_CARD,
        "a card, not a holding message: {body}"
    );
    super::fake::card_text(&body["value"])
}

async fn acks(h: &TeamsHarness) -> i64 {
    let narrative = h
        .store
        .current_narrative(h.org.id)
        .await
        .expect("narrative")
        .expect("the org has a narrative");
    h.store
        .narrative_ack_count(narrative.id)
        .await
        .expect("acks")
}

async fn a_redelivered_press_gets_the_same_card_and_acts_once(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    let installer = h.fake.members().into_iter().next().expect("a member");
    let card = welcome_card(&h, &installer).await;
    let press = h
        .client
        .press_button(&installer, &card, READ_IT, Value::Null);
    // Teams redelivers when the first answer is slow: the two overlap.
    let (first, second) = tokio::join!(h.send(&press), h.send(&press));
    let shown = answered_card(first.status, &first.body);
    assert!(shown.contains("Thank you"), "{shown}");
    assert_eq!(answered_card(second.status, &second.body), shown);
    assert_eq!(first.body, second.body, "the same card");
    // And once more after both were answered.
    let third = h.send(&press).await;
    assert_eq!(third.body, first.body);
    h.settle().await;
    // Done twice, the second would have said "You already confirmed": the card says thanks.
    assert_eq!(acks(&h).await, 1, "acknowledged once");
    let updates = h.fake.calls_to(CallKind::UpdateActivity);
    assert!(
        updates.is_empty(),
        "answered in place, not by updates: {updates:?}"
    );
}

async fn a_redelivered_form_gives_one_kudos(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    let ben = h.person("ben@acme.example");
    h.send(&h.client.personal_message(&ana, "kudos")).await;
    let form = wait_for_message_to(&h, &ana.email, |m| m.card_text().contains("Give kudos")).await;
    let submit = h.client.press_button(
        &ana,
        &form,
        SEND,
        json!({"kudos_people": ben.aad_object_id,
               "kudos_message": "drove the replacement part to the customer herself"}),
    );
    let (first, second) = tokio::join!(h.send(&submit), h.send(&submit));
    let shown = answered_card(first.status, &first.body);
    assert!(shown.contains("Kudos sent to"), "{shown}");
    assert_eq!(second.body, first.body, "the same confirmation");
    h.fake.wait_for_messages_to(&ben.email, 1).await;
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1, "one kudos");
    assert_eq!(saying(&h.fake.messages_to(&ben.email), "thanked you"), 1);
}

async fn different_presses_at_once_are_each_answered(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    let olivia = h.fake.members().into_iter().next().expect("a member");
    let ana = h.person("ana@acme.example");
    let ben = h.person("ben@acme.example");
    // Ana and Ben meet the bot, and are welcomed with the narrative.
    for person in [&ana, &ben] {
        h.send(&h.client.personal_message(person, "help")).await;
    }
    let cards = [
        welcome_card(&h, &olivia).await,
        welcome_card(&h, &ana).await,
        welcome_card(&h, &ben).await,
    ];
    h.settle().await;
    let presses: Vec<Value> = [&olivia, &ana, &ben]
        .into_iter()
        .zip(&cards)
        .map(|(person, card)| h.client.press_button(person, card, READ_IT, Value::Null))
        .collect();
    let (a, b, c) = tokio::join!(
        h.send(&presses[0]),
        h.send(&presses[1]),
        h.send(&presses[2])
    );
    for answer in [a, b, c] {
        let shown = answered_card(answer.status, &answer.body);
        assert!(shown.contains("Thank you"), "{shown}");
    }
    h.settle().await;
    assert_eq!(acks(&h).await, 3, "each press counted");
}
