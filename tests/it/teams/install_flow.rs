//! Adding the app to a team: the roster becomes the directory, the installer is greeted in a
//! 1:1 chat the bot opens itself, and a personal message is answered in that chat.

use super::fake::CallKind;
use super::harness::TeamsHarness;
use crate::helpers::Backend;
use crate::on_both_backends;
use ambassador::store::prelude::*;

on_both_backends!(adding_the_app_reads_the_team_and_greets_the_installer);
async fn adding_the_app_reads_the_team_and_greets_the_installer(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    assert!(
        !h.fake.calls_to(CallKind::TeamChannels).is_empty(),
        "the channels are read"
    );
    assert!(
        !h.fake.calls_to(CallKind::PagedMembers).is_empty(),
        "the roster is read"
    );
    let installer = h.fake.members().into_iter().next().expect("a member");
    let person = h
        .store
        .person_by_platform_id(h.org.id, &installer.aad_object_id)
        .await
        .expect("people")
        .expect("the installer is linked to the directory by Entra id");
    assert_eq!(person.email, installer.email);
    let greeting = h.fake.wait_for_messages_to(&installer.email, 1).await;
    assert!(
        greeting[0].card_text().contains(&installer.given_name),
        "the welcome names them: {}",
        greeting[0].card_text()
    );
    assert!(
        !h.fake.calls_to(CallKind::CreateConversation).is_empty(),
        "the bot opened the 1:1 chat"
    );

    let ana = h.person(&installer.email);
    let answer = h.send(&h.client.personal_message(&ana, "help")).await;
    assert!((200..300).contains(&answer.status));
    let replies = h.fake.wait_for_messages_to(&installer.email, 2).await;
    assert!(
        replies[1].card_text().contains("kudos"),
        "{}",
        replies[1].card_text()
    );
}

on_both_backends!(a_newcomer_installing_the_app_is_served_in_their_own_zone_and_language);
async fn a_newcomer_installing_the_app_is_served_in_their_own_zone_and_language(backend: Backend) {
    let h = TeamsHarness::start(backend).await;
    // Someone the org chart does not list yet, whose Teams client runs in Polish in Tokyo.
    let mut nia = super::fake::FakePerson::member("nia@acme.example", "Nia Obi");
    nia.locale = "pl-PL".into();
    nia.timezone = "Asia/Tokyo".into();
    h.fake.add_member(nia.clone());
    let answer = h.send(&h.client.personal_message(&nia, "help")).await;
    assert!((200..300).contains(&answer.status));
    // Unknown until now: the bot reads who she is from the chat's members and answers her.
    let replies = h.fake.wait_for_messages_to(&nia.email, 2).await;
    let all: String = replies
        .iter()
        .map(|m| m.card_text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all.contains("don't know you"), "{all}");
    let person = h
        .store
        .person_by_platform_id(h.org.id, &nia.aad_object_id)
        .await
        .expect("people")
        .expect("she joined the directory with her email");
    assert_eq!(person.email, nia.email);
    assert_eq!(
        person.timezone,
        chrono_tz::Asia::Tokyo,
        "her client's time zone"
    );
    assert_eq!(
        person.locale,
        ambassador::core::locale::Locale::Pl,
        "her client's language"
    );
}
