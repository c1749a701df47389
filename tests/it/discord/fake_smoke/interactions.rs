//! Discord's client side: the signature (the documented vector, serenity's Verifier, each
//! forgery), interaction fixtures serenity parses, and the callback rules.

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use reqwest::Method;
use serde_json::json;
use serenity::all::Interaction;
use serenity::interactions_endpoint::Verifier;

use super::super::fake::{
    CUSTOMER_WINS_CHANNEL_ID, CallbackVia, CommandOption, FakeDiscord, Forgery, GENERAL_CHANNEL_ID,
    PUBLIC_KEY, interaction_id, sign,
};
use super::bot;

/// The doc's Discord-shaped vector (`chat-protocols.md` section 11).
const VECTOR_SIGNATURE: &str = "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f";

#[test]
fn the_signer_reproduces_the_documented_vector_and_serenity_verifies_it() {
    assert_eq!(sign("1700000000", br#"{"type":1}"#), VECTOR_SIGNATURE);
    let verifier = Verifier::new(PUBLIC_KEY);
    assert!(
        verifier
            .verify(VECTOR_SIGNATURE, "1700000000", br#"{"type":1}"#)
            .is_ok()
    );
    assert!(
        verifier
            .verify(VECTOR_SIGNATURE, "1700000001", br#"{"type":1}"#)
            .is_err()
    );
    assert!(
        verifier
            .verify(VECTOR_SIGNATURE, "1700000000", br#"{"type":2}"#)
            .is_err()
    );
}

/// A minimal endpoint written from the docs with serenity's Verifier, plus a 5-minute window:
/// 401 on any failure, PONG to PING, a message to anything else.
async fn endpoint(headers: HeaderMap, body: Bytes) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(timestamp)) = (
        header("x-signature-ed25519"),
        header("x-signature-timestamp"),
    ) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    if Verifier::new(PUBLIC_KEY)
        .verify(signature, timestamp, &body)
        .is_err()
    {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let fresh = timestamp
        .parse::<i64>()
        .is_ok_and(|t| (chrono::Utc::now().timestamp() - t).abs() <= 300);
    if !fresh {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Ok(interaction) = serde_json::from_slice::<Interaction>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let answer = match interaction {
        Interaction::Ping(_) => json!({"type": 1}),
        _ => {
            json!({"type": 4, "data": {"content": "ok", "flags": 64, "allowed_mentions": {"parse": []}}})
        }
    };
    axum::Json(answer).into_response()
}

async fn start_endpoint() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let app = Router::new().route("/discord/interactions", post(endpoint));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("endpoint") });
    format!("http://{addr}/discord/interactions")
}

#[tokio::test]
async fn signed_deliveries_pass_a_verifier_and_every_forgery_fails() {
    let fake = FakeDiscord::start().await;
    let client = fake.client();
    let url = start_endpoint().await;
    let answer = client.send(&url, &client.ping()).await;
    assert_eq!(
        (answer.status, answer.body.clone()),
        (200, json!({"type": 1}))
    );
    for forgery in Forgery::ALL {
        let answer = client.send_forged(&url, &client.ping(), forgery).await;
        assert_eq!(answer.status, 401, "{forgery:?} must be refused");
    }
    let old = chrono::Utc::now().timestamp() - 3600;
    assert_eq!(client.send_at(&url, &client.ping(), old).await.status, 401);
    // A command answered inline counts as its callback.
    let ana = fake.member("ana");
    let command = client.command(&ana, GENERAL_CHANNEL_ID, "pulse", vec![]);
    let answer = client.send(&url, &command).await;
    assert_eq!(answer.status, 200);
    let callback = fake
        .callback_for(&interaction_id(&command))
        .expect("the inline answer");
    assert_eq!(
        (callback.kind, callback.via, callback.is_ephemeral()),
        (4, CallbackVia::Inline, true)
    );
    assert!(callback.error.is_none());
}

#[tokio::test]
async fn interaction_fixtures_parse_with_serenity() {
    let fake = FakeDiscord::start().await;
    let client = fake.client();
    let (ana, ben, chloe) = (fake.member("ana"), fake.member("ben"), fake.member("chloe"));
    let guild_command = client.command(
        &ana,
        CUSTOMER_WINS_CHANNEL_ID,
        "kudos",
        vec![
            CommandOption::user("who", &ben),
            CommandOption::user("also", &chloe),
            CommandOption::string("message", "Thanks for the demo"),
        ],
    );
    let dm = client.dm_channel(&ana);
    let dm_command = client.command(&ana, &dm, "pulse", vec![]);
    let message = json!({
        "id": "1190000000000000001", "channel_id": dm, "author": super::super::fake::bot_member().user_json(),
        "content": "How are you today?", "timestamp": "2025-01-01T09:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
        "pinned": false, "type": 0, "flags": 0,
        "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "5", "custom_id": "pulse:42:5"}]}],
    });
    let button = client.button(&ana, &message, "pulse:42:5");
    let modal = client.modal_submit(
        &ana,
        GENERAL_CHANNEL_ID,
        "kudos:modal",
        &[("message", "Great work")],
    );
    match serde_json::from_value::<Interaction>(guild_command.clone())
        .expect("a guild command parses")
    {
        Interaction::Command(c) => {
            assert_eq!(c.data.name, "kudos");
            assert_eq!(c.user.name, "ana");
            assert_eq!(c.data.resolved.users.len(), 2);
            assert_eq!(c.data.resolved.members.len(), 2);
            assert_eq!(
                c.guild_id.map(|g| g.to_string()).as_deref(),
                Some(super::super::fake::GUILD_ID)
            );
        }
        other => panic!("not a command: {other:?}"),
    }
    match serde_json::from_value::<Interaction>(dm_command).expect("a DM command parses") {
        Interaction::Command(c) => {
            assert!(c.guild_id.is_none() && c.member.is_none() && c.user.name == "ana")
        }
        other => panic!("not a command: {other:?}"),
    }
    match serde_json::from_value::<Interaction>(button).expect("a button parses") {
        Interaction::Component(c) => {
            assert_eq!(c.data.custom_id, "pulse:42:5");
            assert_eq!(c.message.content, "How are you today?");
        }
        other => panic!("not a component: {other:?}"),
    }
    match serde_json::from_value::<Interaction>(modal).expect("a modal submit parses") {
        Interaction::Modal(m) => assert_eq!(m.data.custom_id, "kudos:modal"),
        other => panic!("not a modal: {other:?}"),
    }
    // A button on a message the bot really sent: the fake's own Message object parses too.
    let body = json!({"content": "How are you?", "allowed_mentions": {"parse": []},
        "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "5", "custom_id": "pulse:7:5"}]}]});
    let (status, _) = bot(
        &fake,
        Method::POST,
        &format!("/channels/{dm}/messages"),
        Some(&body),
    )
    .await;
    assert_eq!(status, 200);
    let sent = fake.dms_to("ana").remove(0);
    let click = client.button(&ana, &sent.object, "pulse:7:5");
    match serde_json::from_value::<Interaction>(click).expect("a button on a sent message parses") {
        Interaction::Component(c) => assert_eq!(c.message.id.to_string(), sent.id),
        other => panic!("not a component: {other:?}"),
    }
    assert!(matches!(
        serde_json::from_value::<Interaction>(client.ping()),
        Ok(Interaction::Ping(_))
    ));
    assert_eq!(guild_command["member"]["user"]["username"], "ana");
}

#[tokio::test]
async fn an_interaction_answers_once_and_modals_are_held_to_their_limits() {
    let fake = FakeDiscord::start().await;
    let client = fake.client();
    let ana = fake.member("ana");
    let command = client.command(&ana, GENERAL_CHANNEL_ID, "kudos", vec![]);
    let (id, token) = (
        interaction_id(&command),
        command["token"].as_str().expect("token").to_owned(),
    );
    let path = format!("/interactions/{id}/{token}/callback");
    let modal = |title: &str| {
        json!({"type": 9, "data": {"custom_id": "kudos:modal", "title": title, "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "message", "style": 2, "label": "Message", "max_length": 2000}]}]}})
    };
    let (status, error) = bot(&fake, Method::POST, &path, Some(&modal(&"t".repeat(46)))).await;
    assert_eq!((status, error["code"].as_u64()), (400, Some(50035)));
    let (status, _) = bot(&fake, Method::POST, &path, Some(&modal("Kudos"))).await;
    assert_eq!(status, 204);
    assert_eq!(fake.wait_for_modal(&id).await["title"], "Kudos");
    let (status, error) = bot(&fake, Method::POST, &path, Some(&modal("Kudos"))).await;
    assert_eq!(
        (status, error),
        (
            400,
            json!({"message": "Interaction has already been acknowledged.", "code": 40060})
        )
    );
    let (status, error) = bot(
        &fake,
        Method::POST,
        &format!("/interactions/{id}/wrong-token/callback"),
        Some(&modal("Kudos")),
    )
    .await;
    assert_eq!((status, error["code"].as_u64()), (404, Some(10062)));

    // Deferred, then edited and followed up.
    let later = client.command(&ana, GENERAL_CHANNEL_ID, "engagement", vec![]);
    let (id, token) = (
        interaction_id(&later),
        later["token"].as_str().expect("token").to_owned(),
    );
    let app = super::super::fake::APPLICATION_ID;
    let (status, _) = bot(
        &fake,
        Method::POST,
        &format!("/webhooks/{app}/{token}"),
        Some(&json!({"content": "too early"})),
    )
    .await;
    assert_eq!(status, 404, "no follow-up before the first answer");
    let (status, _) = bot(
        &fake,
        Method::POST,
        &format!("/interactions/{id}/{token}/callback"),
        Some(&json!({"type": 5, "data": {"flags": 64}})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, edited) = bot(
        &fake,
        Method::PATCH,
        &format!("/webhooks/{app}/{token}/messages/@original"),
        Some(&json!({"content": "Engagement: 7.4"})),
    )
    .await;
    assert_eq!(
        (status, edited["content"].as_str()),
        (200, Some("Engagement: 7.4"))
    );
    let original = fake.wait_for_original_response(&id).await;
    assert!(original.is_ephemeral());
    let (status, _) = bot(
        &fake,
        Method::POST,
        &format!("/webhooks/{app}/{token}"),
        Some(&json!({"content": "More"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(fake.followups(&id).len(), 1);
    // A deferred update is only for components.
    let third = client.command(&ana, GENERAL_CHANNEL_ID, "pulse", vec![]);
    let path = format!(
        "/interactions/{}/{}/callback",
        interaction_id(&third),
        third["token"].as_str().expect("token")
    );
    assert_eq!(
        bot(&fake, Method::POST, &path, Some(&json!({"type": 6})))
            .await
            .0,
        400
    );
}

#[tokio::test]
async fn a_late_first_answer_is_an_unknown_interaction() {
    let fake = FakeDiscord::start().await;
    fake.set_response_window(std::time::Duration::from_millis(50));
    let client = fake.client();
    let command = client.command(&fake.member("ana"), GENERAL_CHANNEL_ID, "pulse", vec![]);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let path = format!(
        "/interactions/{}/{}/callback",
        interaction_id(&command),
        command["token"].as_str().expect("token")
    );
    let (status, error) = bot(
        &fake,
        Method::POST,
        &path,
        Some(&json!({"type": 4, "data": {"content": "late"}})),
    )
    .await;
    assert_eq!(
        (status, error),
        (
            404,
            json!({"message": "Unknown interaction", "code": 10062})
        )
    );
}
