//! People joining, the app leaving: a newcomer to the team is read from the roster (linked to
//! their org chart entry by Entra id, or added to the directory) and greeted in a 1:1; after
//! the app is removed from the team nothing more is posted there; someone installing the app
//! for themselves is read from that chat and greeted.

use ambassador::store::prelude::*;
use serde_json::json;

use super::fake::{self, CUSTOMER_WINS_CHANNEL_ID, CallKind, FakePerson};
use super::flows::{ADAPTIVE_CARD, SEND, saying, start, wait_for_message_to};
use super::harness::TeamsHarness;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    newcomers_to_the_team_are_read_and_greeted,
    after_the_app_leaves_the_team_nothing_is_posted_there,
    a_personal_install_is_greeted,
);

/// The demo person with `email`, as the fake would list them.
fn demo(email: &str) -> FakePerson {
    fake::demo_people()
        .into_iter()
        .find(|p| p.email == email)
        .unwrap_or_else(|| panic!("{email} is in the demo org"))
}

/// Waits for the welcome in `person`'s 1:1 and checks it greets them by name.
async fn greeted(h: &TeamsHarness, person: &FakePerson) {
    let messages = h.fake.wait_for_messages_to(&person.email, 1).await;
    assert!(
        messages[0].card_text().contains(&person.given_name),
        "the welcome names {}: {}",
        person.name,
        messages[0].card_text()
    );
}

/// How many people of the org have this email.
async fn with_email(h: &TeamsHarness, email: &str) -> usize {
    let people = h.store.people(h.org.id).await.expect("people");
    people.iter().filter(|p| p.email == email).count()
}

async fn newcomers_to_the_team_are_read_and_greeted(backend: Backend) {
    let h = TeamsHarness::start_bare(backend, None).await;
    // Julia is on the org chart but joins the team only after the app was added.
    h.fake.remove_member("julia@acme.example");
    h.install().await;
    let olivia = h.fake.members().into_iter().next().expect("a member");
    let julia = demo("julia@acme.example");
    let unlinked = h
        .store
        .person_by_platform_id(h.org.id, &julia.aad_object_id)
        .await
        .expect("people");
    assert!(unlinked.is_none(), "not in Teams yet");

    h.fake.add_member(julia.clone());
    let answer = h
        .send(&h.client.member_added_to_team(&olivia, &julia))
        .await;
    assert!((200..300).contains(&answer.status), "{}", answer.text);
    greeted(&h, &julia).await;
    let linked = h
        .store
        .person_by_platform_id(h.org.id, &julia.aad_object_id)
        .await
        .expect("people")
        .expect("Julia is linked by her Entra id");
    assert_eq!(linked.email, julia.email);
    assert!(
        linked.department_id.is_some(),
        "her org chart entry: {linked:?}"
    );
    assert_eq!(with_email(&h, &julia.email).await, 1, "no second Julia");

    // Nia is on no org chart: she joins the directory as the roster lists her.
    let nia = FakePerson::member("nia@acme.example", "Nia Newcomer");
    h.fake.add_member(nia.clone());
    h.send(&h.client.member_added_to_team(&olivia, &nia)).await;
    greeted(&h, &nia).await;
    let added = h
        .store
        .person_by_platform_id(h.org.id, &nia.aad_object_id)
        .await
        .expect("people")
        .expect("Nia is in the directory");
    assert_eq!(added.display_name, nia.name);
    assert_eq!(added.email, nia.email);

    // A guest no org chart lists is neither added nor greeted.
    let pat = FakePerson::guest("pat@partner.example", "Pat Partner");
    h.fake.add_member(pat.clone());
    h.send(&h.client.member_added_to_team(&olivia, &pat)).await;
    h.settle().await;
    let guest = h
        .store
        .person_by_platform_id(h.org.id, &pat.aad_object_id)
        .await
        .expect("people");
    assert!(guest.is_none(), "{guest:?}");
    assert!(h.fake.messages_to(&pat.email).is_empty());
    assert_eq!(
        h.fake.messages_to(&julia.email).len(),
        1,
        "Julia greeted once"
    );
}

async fn after_the_app_leaves_the_team_nothing_is_posted_there(backend: Backend) {
    let h = start(backend).await;
    let olivia = h.fake.members().into_iter().next().expect("a member");
    let ana = h.person("ana@acme.example");
    let ben = h.person("ben@acme.example");
    let in_team = h.client.channel_message(
        &ana,
        CUSTOMER_WINS_CHANNEL_ID,
        "<at>Ambassador</at> kudos <at>Ben Carter</at> found the lost parcel for the customer",
    );
    h.send(&in_team).await;
    h.fake
        .wait_for_messages_in_channel(CUSTOMER_WINS_CHANNEL_ID, 1)
        .await;
    h.settle().await;

    let answer = h.send(&h.client.bot_removed_from_team(&olivia)).await;
    assert!((200..300).contains(&answer.status), "{}", answer.text);
    h.settle().await;
    let calls_before = h.fake.calls().len();

    // Ana thanks Ben again, from the form in her 1:1.
    h.send(&h.client.personal_message(&ana, "kudos")).await;
    let form = wait_for_message_to(&h, &ana.email, |m| m.card_text().contains("Give kudos")).await;
    let submit = h.client.press_button(
        &ana,
        &form,
        SEND,
        json!({"kudos_people": ben.aad_object_id,
               "kudos_message": "answered the customer's call on a Sunday"}),
    );
    let answer = h.send(&submit).await;
    assert_eq!(answer.body["type"], ADAPTIVE_CARD, "{}", answer.body);
    assert!(fake::card_text(&answer.body["value"]).contains("Kudos sent to"));
    // Ben's DM is queued with the announcement; once it arrived and the outbox is empty,
    // the announcement was either posted or given up.
    let first_dm =
        wait_for_message_to(&h, &ben.email, |m| m.card_text().contains("thanked you")).await;
    wait_for_message_to(&h, &ben.email, |m| {
        m.id != first_dm.id && m.card_text().contains("thanked you")
    })
    .await;
    assert_eq!(saying(&h.fake.messages_to(&ben.email), "thanked you"), 2);
    h.settle().await;
    assert_eq!(h.kudos_count().await, 2);
    let posts = h.fake.messages_in_channel(CUSTOMER_WINS_CHANNEL_ID);
    assert_eq!(posts.len(), 1, "nothing new in the channel: {posts:#?}");
    let to_channel: Vec<String> = h.fake.calls()[calls_before..]
        .iter()
        .filter(|c| c.kind == CallKind::SendToConversation && c.path.contains("@thread"))
        .map(|c| c.summary())
        .collect();
    assert!(
        to_channel.is_empty(),
        "the bot still posts to the team: {to_channel:?}"
    );
    assert_eq!(failed_calls(&h).await, 1, "the announcement is set aside");
}

/// Outbox calls given up for good.
async fn failed_calls(h: &TeamsHarness) -> i64 {
    const SQL: &str = "select count(*) from outbox where failed_at is not null";
    match &h.store {
        ambassador::store::Store::Sqlite(p) => sqlx::query_scalar(SQL).fetch_one(p).await,
        ambassador::store::Store::Postgres(p) => sqlx::query_scalar(SQL).fetch_one(p).await,
        other => panic!("a pool, not {other:?}"),
    }
    .expect("count failed calls")
}

async fn a_personal_install_is_greeted(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    // Zofia is in the team, so the bot knows her, but she never wrote to it.
    let zofia = h.person("zofia@acme.example");
    assert!(h.fake.messages_to(&zofia.email).is_empty());
    let answer = h
        .send(&h.client.installation_update_personal(&zofia, "add"))
        .await;
    assert!((200..300).contains(&answer.status), "{}", answer.text);
    greeted(&h, &zofia).await;

    // Nia joined the company after the team was read; she installs the app herself.
    let nia = FakePerson::member("nia@acme.example", "Nia Newcomer");
    h.fake.add_member(nia.clone());
    h.send(&h.client.installation_update_personal(&nia, "add"))
        .await;
    greeted(&h, &nia).await;
    let known = h
        .store
        .person_by_platform_id(h.org.id, &nia.aad_object_id)
        .await
        .expect("people");
    assert_eq!(known.map(|p| p.email), Some(nia.email.clone()));
    h.settle().await;
    let welcomes = h.fake.messages_to(&nia.email);
    assert_eq!(welcomes.len(), 1, "greeted once: {welcomes:#?}");
}
