//! Where posts to a named channel go: the channel of that name in a team the app is in, or,
//! when no team has one (the shipped `kudos` channel in a company without it), the team's
//! General channel, so a fresh install's kudos are seen rather than lost.

use super::fake::{self, CUSTOMER_WINS_CHANNEL_ID};
use super::harness::TeamsHarness;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(kudos_go_to_general_when_no_team_has_the_kudos_channel);
async fn kudos_go_to_general_when_no_team_has_the_kudos_channel(backend: Backend) {
    // The shipped settings: kudos are posted to a channel named "kudos", which this team lacks.
    let h = TeamsHarness::start(backend).await;
    let ana = h.person("ana@acme.example");
    let text = "<at>Ambassador</at> kudos <at>Ben Carter</at> stayed late to restore the customer's data #empathy";
    let answer = h
        .send(
            &h.client
                .channel_message(&ana, CUSTOMER_WINS_CHANNEL_ID, text),
        )
        .await;
    assert!((200..300).contains(&answer.status), "{}", answer.text);
    let posts = h.fake.wait_for_messages_in_channel(fake::TEAM_ID, 1).await;
    assert!(
        posts
            .iter()
            .any(|p| p.card_text().contains("restore the customer")),
        "the announcement is in General: {:?}",
        posts.iter().map(|p| p.card_text()).collect::<Vec<_>>()
    );
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
}
