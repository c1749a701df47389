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
