//! Who may talk to the bot: every forged token is a bare 401 that stores nothing and makes
//! the bot call nobody; a key roll-over costs one key fetch; activities from another tenant
//! or naming a Connector the bot may not call are ignored. Each case ends with a valid
//! activity answered, so "nothing happened" is seen after something did.

use std::sync::Arc;

use ambassador::core::clock::ManualClock;
use ambassador::platform::teams::auth::UNKNOWN_KEY_REFETCH_SECONDS;
use ambassador::store::prelude::*;
use serde_json::{Value, json};

use super::fake::{
    self, CUSTOMER_WINS_CHANNEL_ID, CallKind, FakeBotFramework, FakePerson, Forgery,
};
use super::flows::{KUDOS_CHANNEL, start, wait_for_message_to};
use super::harness::TeamsHarness;
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(
    forged_tokens_get_401_and_change_nothing,
    a_key_roll_over_costs_one_key_fetch,
    another_tenants_activity_is_ignored,
    an_activity_naming_a_foreign_connector_is_ignored,
);

/// Ana giving Ben kudos in the channel.
fn kudos(h: &TeamsHarness, ana: &FakePerson) -> Value {
    h.client.channel_message(
        ana,
        CUSTOMER_WINS_CHANNEL_ID,
        "<at>Ambassador</at> kudos <at>Ben Carter</at> calmed an angry customer and fixed the order \
         #empathy",
    )
}

/// Requests ever stored for the tenant.
async fn stored(h: &TeamsHarness) -> i64 {
    h.store
        .inbox_count("teams", fake::TENANT_ID)
        .await
        .expect("inbox")
}

/// Sends a valid kudos and waits for the giver's answer and the announcement: the bot is
/// alive, so whatever was refused before had its chance to do something.
async fn valid_kudos_is_answered(h: &TeamsHarness, ana: &FakePerson) {
    let earlier: Vec<String> = h
        .fake
        .messages_to(&ana.email)
        .into_iter()
        .map(|m| m.id)
        .collect();
    let answer = h.send(&kudos(h, ana)).await;
    assert!((200..300).contains(&answer.status), "{}", answer.text);
    wait_for_message_to(h, &ana.email, |m| {
        !earlier.contains(&m.id) && m.card_text().contains("Kudos sent to")
    })
    .await;
    h.settle().await;
}

async fn forged_tokens_get_401_and_change_nothing(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    let inbox = stored(&h).await;
    h.fake.reset();
    for forgery in Forgery::ALL {
        let activity = kudos(&h, &ana);
        let authorization = h.client.forged_authorization(&activity, forgery);
        let answer = h.send_with(&activity, authorization.as_deref()).await;
        assert_eq!(answer.status, 401, "{forgery:?}: {}", answer.text);
        assert_eq!(
            answer.body,
            Value::Null,
            "{forgery:?}: a bare 401: {}",
            answer.text
        );
        assert_eq!(stored(&h).await, inbox, "{forgery:?} stored nothing");
    }
    assert_eq!(h.store.inbox_pending().await.expect("inbox"), 0);
    let connector: Vec<String> = h
        .fake
        .calls()
        .iter()
        .filter(|c| !matches!(c.kind, CallKind::OpenIdMetadata | CallKind::Keys))
        .map(|c| c.summary())
        .collect();
    assert!(
        connector.is_empty(),
        "the forgeries made the bot call: {connector:?}"
    );

    valid_kudos_is_answered(&h, &ana).await;
    assert_eq!(
        stored(&h).await,
        inbox + 1,
        "only the valid activity is stored"
    );
    assert_eq!(
        h.kudos_count().await,
        1,
        "only the valid activity gave kudos"
    );
    let posts = h.fake.messages_in_channel(CUSTOMER_WINS_CHANNEL_ID);
    assert_eq!(posts.len(), 1, "one announcement: {posts:#?}");
}

async fn a_key_roll_over_costs_one_key_fetch(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let h = TeamsHarness::start_bare_with(backend, Some(clock.clone()), |config| {
        config.settings.kudos.channel = KUDOS_CHANNEL.to_string();
    })
    .await;
    h.install().await;
    let ana = h.person("ana@acme.example");
    let fetches = h.fake.key_fetches();
    assert!(
        fetches >= 1,
        "the install's token was checked against fetched keys"
    );
    // The Connector rolls its keys some time after the bot last fetched them (the bot asks
    // the key server at most every UNKNOWN_KEY_REFETCH_SECONDS, so made-up key ids cannot
    // make it hammer the server).
    clock.advance(chrono::Duration::seconds(UNKNOWN_KEY_REFETCH_SECONDS + 1));
    let old_kid = h.fake.signing_kid();
    let new_kid = h.fake.rotate_keys(false);
    assert_ne!(old_kid, new_kid);
    valid_kudos_is_answered(&h, &ana).await;
    assert_eq!(
        h.fake.key_fetches(),
        fetches + 1,
        "one fetch for the new key"
    );
    // The new key is known now, and a made-up key id right after costs no fetch either.
    let activity = kudos(&h, &ana);
    let made_up = h
        .client
        .forged_authorization(&activity, Forgery::UnknownKid);
    let refused = h.send_with(&activity, made_up.as_deref()).await;
    assert_eq!(refused.status, 401);
    valid_kudos_is_answered(&h, &ana).await;
    assert_eq!(h.fake.key_fetches(), fetches + 1);
    assert_eq!(h.kudos_count().await, 2);
}

async fn another_tenants_activity_is_ignored(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    let other_tenant = "0d9b7c21-4f3e-4a8b-9c6d-5e4f3a2b1c0d";
    let mut activity = kudos(&h, &ana);
    activity["channelData"]["tenant"]["id"] = json!(other_tenant);
    activity["conversation"]["tenantId"] = json!(other_tenant);
    let inbox = stored(&h).await;
    let answer = h.send(&activity).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(stored(&h).await, inbox);
    assert_eq!(
        h.store
            .inbox_count("teams", other_tenant)
            .await
            .expect("inbox"),
        0
    );
    let org = h.store.find_org("teams", other_tenant).await.expect("orgs");
    assert!(org.is_none(), "no org made for a stranger");

    valid_kudos_is_answered(&h, &ana).await;
    assert_eq!(h.kudos_count().await, 1, "only our tenant's kudos counts");
    assert_eq!(stored(&h).await, inbox + 1);
}

async fn an_activity_naming_a_foreign_connector_is_ignored(backend: Backend) {
    let h = start(backend).await;
    let ana = h.person("ana@acme.example");
    // A Connector on a host outside `service_url_hosts` (only 127.0.0.1 is allowed here):
    // another fake, reached by name, that records anything the bot would send it.
    let elsewhere = FakeBotFramework::start().await;
    let foreign = elsewhere.service_url().replace("127.0.0.1", "localhost");
    let mut activity = kudos(&h, &ana);
    activity["serviceUrl"] = json!(foreign);
    // The token is valid and names that same serviceUrl, as the Connector's would.
    let authorization = h.client.authorization(&activity);
    let inbox = stored(&h).await;
    let answer = h.send_with(&activity, Some(&authorization)).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(stored(&h).await, inbox, "not stored");

    valid_kudos_is_answered(&h, &ana).await;
    assert_eq!(h.kudos_count().await, 1);
    let called: Vec<String> = elsewhere.calls().iter().map(|c| c.summary()).collect();
    assert!(
        called.is_empty(),
        "the bot called the foreign Connector: {called:?}"
    );
    assert_eq!(elsewhere.tokens_issued(), 0);
}
