//! The fake Slack driven by slack-morphism's own client and Socket Mode listener, and the test
//! payloads parsed by its models: proof that the fake and the payloads speak what the real
//! library expects, so the adapter's tests test the adapter and not a misunderstanding.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use super::fake::{
    APP_TOKEN, BOT_TOKEN, BOT_USER_ID, CLIENT_ID, CLIENT_SECRET, Envelope, FakeSlack, FakeUser,
    FakeWorkspace, OAuthGrant, SocketFrame, TEAM_ID, WAIT, dm_channel,
};
use super::payloads::{self, Container, SlashCommand};
use super::signing::{SlackBody, sign};

/// A slack-morphism client speaking plain HTTP to the fake, built as the adapter builds its own.
fn client_for(fake: &FakeSlack) -> Arc<SlackHyperClient> {
    // Another test may have installed it already; either way ring is the provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let https_or_http = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .expect("native root certificates")
        .https_or_http()
        .enable_http1()
        .build();
    let connector = SlackClientHyperConnector::with_connector(https_or_http)
        .with_slack_api_url(&fake.api_url());
    Arc::new(SlackClient::new(connector))
}

fn token(value: &str) -> SlackApiToken {
    SlackApiToken::new(SlackApiTokenValue(value.into()))
}

fn api_error_code(result: Result<impl std::fmt::Debug, SlackClientError>) -> String {
    match result {
        Err(SlackClientError::ApiError(error)) => error.code,
        other => panic!("expected a Slack API error, got {other:?}"),
    }
}

#[tokio::test]
async fn auth_test_answers_the_workspace_and_refuses_unknown_tokens() {
    let fake = FakeSlack::start().await;
    let client = client_for(&fake);

    let bot = token(BOT_TOKEN);
    let answer = client
        .open_session(&bot)
        .auth_test()
        .await
        .expect("auth.test");
    assert_eq!(answer.team_id.0, TEAM_ID);
    assert_eq!(answer.user_id.0, BOT_USER_ID);

    let stranger = token("xoxb-nobody");
    let refused = client.open_session(&stranger).auth_test().await;
    assert_eq!(api_error_code(refused), "invalid_auth");

    let calls = fake.wait_for("auth.test", 2, WAIT).await;
    assert_eq!(calls[0].verb, "GET");
    assert_eq!(
        calls[0].authorization.as_deref(),
        Some("Bearer xoxb-fake-bot-token")
    );
    assert!(!calls[0].failed());
}

#[tokio::test]
async fn posted_messages_are_recorded_and_can_be_updated() {
    let fake = FakeSlack::start().await;
    let client = client_for(&fake);
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let dm = session
        .conversations_open(
            &SlackApiConversationsOpenRequest::new().with_users(vec!["U0ANA".into()]),
        )
        .await
        .expect("conversations.open");
    assert_eq!(dm.channel.id.0, dm_channel("U0ANA"));

    let blocks: Vec<SlackBlock> = slack_blocks![some_into(
        SlackSectionBlock::new().with_text(md!("*Pulse*"))
    )];
    let content = SlackMessageContent::new()
        .with_text("fallback".into())
        .with_blocks(blocks);
    let posted = session
        .chat_post_message(&SlackApiChatPostMessageRequest::new(
            dm.channel.id.clone(),
            content,
        ))
        .await
        .expect("chat.postMessage");
    assert_eq!(posted.channel, dm.channel.id);

    let call = &fake.wait_for("chat.postMessage", 1, WAIT).await[0];
    assert_eq!(call.verb, "POST");
    assert_eq!(
        call.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(call.str_param("text").as_deref(), Some("fallback"));
    assert_eq!(
        call.json_param("blocks").expect("blocks")[0]["type"],
        "section"
    );

    let update = SlackMessageContent::new().with_text("answered".into());
    session
        .chat_update(&SlackApiChatUpdateRequest::new(
            posted.channel.clone(),
            update,
            posted.ts.clone(),
        ))
        .await
        .expect("chat.update");
    let shown = fake
        .message(&posted.channel.0, &posted.ts.0)
        .await
        .expect("the message");
    assert_eq!(shown["text"], "answered");

    let missing = SlackApiChatUpdateRequest::new(
        posted.channel.clone(),
        SlackMessageContent::new().with_text("x".into()),
        SlackTs("1.000001".into()),
    );
    assert_eq!(
        api_error_code(session.chat_update(&missing).await),
        "message_not_found"
    );
}

#[tokio::test]
async fn users_list_pages_through_the_members() {
    let fake = FakeSlack::start().await;
    let members: Vec<FakeUser> = (1..=7)
        .map(|i| FakeUser::person(&format!("U{i:04}"), &format!("person{i}")))
        .collect();
    fake.set_members(TEAM_ID, members).await;
    let client = client_for(&fake);
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let request = SlackApiUsersListRequest::new()
            .with_limit(3)
            .with_include_locale(true)
            .opt_cursor(cursor);
        let page = session.users_list(&request).await.expect("users.list");
        seen.extend(page.members);
        cursor = page.response_metadata.and_then(|m| m.next_cursor);
        if cursor.is_none() {
            break;
        }
    }

    assert_eq!(seen.len(), 7);
    assert_eq!(seen[6].id.0, "U0007");
    assert_eq!(seen[0].locale.as_ref().map(|l| l.0.as_str()), Some("en-GB"));
    let email = seen[0].profile.as_ref().and_then(|p| p.email.as_ref());
    assert_eq!(email.map(|e| e.0.as_str()), Some("person1@example.com"));
    let calls = fake.calls_to("users.list").await;
    assert_eq!(calls.len(), 3);
    assert_eq!(calls[0].verb, "GET");
    assert_eq!(calls[0].query.get("limit").map(String::as_str), Some("3"));
    assert!(!calls[0].query.contains_key("cursor"));
    assert!(calls[1].query.contains_key("cursor"));
}

#[tokio::test]
async fn programmed_failures_reach_the_client_as_slack_sends_them() {
    let fake = FakeSlack::start().await;
    let client = client_for(&fake);
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let request = SlackApiChatPostMessageRequest::new(
        "C0GENERAL".into(),
        SlackMessageContent::new().with_text("hello".into()),
    );

    fake.rate_limit_next("chat.postMessage", 1, 7).await;
    match session.chat_post_message(&request).await {
        Err(SlackClientError::RateLimitError(error)) => {
            assert_eq!(error.retry_after, Some(Duration::from_secs(7)));
            assert_eq!(error.code.as_deref(), Some("ratelimited"));
        }
        other => panic!("expected a rate limit error, got {other:?}"),
    }
    session
        .chat_post_message(&request)
        .await
        .expect("the retry succeeds");

    fake.server_error_next("chat.postMessage", 1).await;
    match session.chat_post_message(&request).await {
        Err(SlackClientError::HttpError(error)) => assert_eq!(error.status_code.as_u16(), 500),
        other => panic!("expected an HTTP error, got {other:?}"),
    }

    let calls = fake.calls_to("chat.postMessage").await;
    let failed: Vec<bool> = calls.iter().map(|c| c.failed()).collect();
    assert_eq!(failed, [true, false, true]);
}

#[tokio::test]
async fn files_upload_through_the_external_flow() {
    let fake = FakeSlack::start().await;
    let client = client_for(&fake);
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let png = vec![0x89, b'P', b'N', b'G', 0, 1, 2, 3];

    let url = session
        .get_upload_url_external(&SlackApiFilesGetUploadUrlExternalRequest::new(
            "chart.png".into(),
            png.len(),
        ))
        .await
        .expect("files.getUploadURLExternal");
    assert!(
        url.upload_url
            .0
            .as_str()
            .starts_with(&format!("http://{}/upload/", fake.addr()))
    );
    session
        .files_upload_via_url(&SlackApiFilesUploadViaUrlRequest::new(
            url.upload_url,
            png.clone(),
            "image/png".into(),
        ))
        .await
        .expect("upload");
    let complete =
        SlackApiFilesCompleteUploadExternalRequest::new(vec![SlackApiFilesComplete::new(
            url.file_id.clone(),
        )])
        .with_channel_id("D0ANA".into());
    let done = session
        .files_complete_upload_external(&complete)
        .await
        .expect("complete");
    assert_eq!(done.files[0].id, url.file_id);

    let get = &fake.calls_to("files.getUploadURLExternal").await[0];
    assert_eq!(get.verb, "GET");
    assert_eq!(get.query.get("length").map(String::as_str), Some("8"));
    let upload = &fake.calls_to("upload").await[0];
    assert_eq!(upload.raw_body, png);
    assert_eq!(upload.content_type.as_deref(), Some("image/png"));
    let completed = &fake.calls_to("files.completeUploadExternal").await[0];
    assert_eq!(completed.body["files"][0]["id"], url.file_id.0.as_str());
}

#[tokio::test]
async fn views_are_checked_and_home_tabs_kept() {
    let fake = FakeSlack::start().await;
    let client = client_for(&fake);
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let blocks: Vec<SlackBlock> =
        slack_blocks![some_into(SlackSectionBlock::new().with_text(md!("Hi")))];

    let modal = |title: &str| {
        SlackView::Modal(
            SlackModalView::new(pt!(title), blocks.clone()).with_callback_id("kudos-modal".into()),
        )
    };
    let opened = session
        .views_open(&SlackApiViewsOpenRequest::new(
            "1.2.abc".into(),
            modal("Give kudos"),
        ))
        .await
        .expect("views.open");
    assert_eq!(opened.view.state_params.team_id.0, TEAM_ID);
    let too_long =
        SlackApiViewsOpenRequest::new("1.2.abc".into(), modal("A title far over the limit"));
    assert_eq!(
        api_error_code(session.views_open(&too_long).await),
        "invalid_arguments"
    );

    let home = SlackView::Home(SlackHomeView::new(blocks.clone()));
    session
        .views_publish(&SlackApiViewsPublishRequest::new("U0ANA".into(), home))
        .await
        .expect("views.publish");
    let kept = fake.home_view("U0ANA").await.expect("the home view");
    assert_eq!(kept["type"], "home");
}

#[tokio::test]
async fn oauth_codes_install_once_and_their_tokens_then_work() {
    let fake = FakeSlack::start().await;
    let workspace = FakeWorkspace::new("T0SECOND", "Second Team");
    fake.add_oauth_code("code-1", OAuthGrant::new(workspace.clone(), "U0ADMIN"))
        .await;
    let client = client_for(&fake);
    let request = SlackOAuthV2AccessTokenRequest::new(
        CLIENT_ID.into(),
        SlackClientSecret(CLIENT_SECRET.into()),
        SlackOAuthCode("code-1".into()),
    );

    let install = client
        .oauth2_access(&request)
        .await
        .expect("oauth.v2.access");
    assert_eq!(install.team.id.0, "T0SECOND");
    assert_eq!(install.authed_user.id.0, "U0ADMIN");
    let installed = token(&install.access_token.0);
    let answer = client
        .open_session(&installed)
        .auth_test()
        .await
        .expect("auth.test");
    assert_eq!(answer.team_id.0, "T0SECOND");
    assert_eq!(
        api_error_code(client.oauth2_access(&request).await),
        "invalid_code"
    );

    let call = &fake.calls_to("oauth.v2.access").await[0];
    assert_eq!(call.verb, "GET");
    assert_eq!(call.query.get("code").map(String::as_str), Some("code-1"));
    assert!(
        call.authorization
            .as_deref()
            .is_some_and(|a| a.starts_with("Basic "))
    );
}

#[tokio::test]
async fn response_urls_record_what_is_posted() {
    let fake = FakeSlack::start().await;
    let reply = json!({"response_type": "ephemeral", "text": "Thanks!"});
    let answer = reqwest::Client::new()
        .post(fake.response_url("abc"))
        .json(&reply)
        .send()
        .await
        .expect("post to the response_url");
    assert!(answer.status().is_success());
    let call = &fake.wait_for("response_url", 1, WAIT).await[0];
    assert_eq!(call.path, "/response/abc");
    assert_eq!(call.body, reply);
}

/// Where the Socket Mode callbacks report what they parsed (kept in the listener's user state).
type Seen = tokio::sync::mpsc::UnboundedSender<String>;

async fn report(state: &SlackClientEventsUserState, what: String) {
    if let Some(seen) = state.read().await.get_user_state::<Seen>() {
        seen.send(what).expect("the test still listens");
    }
}

/// Reports each push event's callback body, proving slack-morphism parsed the envelope.
async fn report_event(
    event: SlackPushEventCallback,
    _client: Arc<SlackHyperClient>,
    state: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    report(&state, format!("event {}", event.event_id.0)).await;
    Ok(())
}

/// Reports each interaction, proving slack-morphism parsed the envelope.
async fn report_interaction(
    event: SlackInteractionEvent,
    _client: Arc<SlackHyperClient>,
    state: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    let kind = match event {
        SlackInteractionEvent::BlockActions(_) => "block_actions",
        _ => "another interaction",
    };
    report(&state, kind.into()).await;
    Ok(())
}

/// Answers slash commands over Socket Mode with the command's text.
async fn echo_command(
    event: SlackCommandEvent,
    _client: Arc<SlackHyperClient>,
    _state: SlackClientEventsUserState,
) -> UserCallbackResult<SlackCommandEventResponse> {
    let text = format!("echo {}", event.text.unwrap_or_default());
    Ok(SlackCommandEventResponse::new(
        SlackMessageContent::new().with_text(text),
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_mode_hello_envelopes_acks_and_reconnects() {
    let fake = FakeSlack::start().await;
    let client = client_for(&fake);
    let (seen, mut parsed) = tokio::sync::mpsc::unbounded_channel::<String>();
    let callbacks = SlackSocketModeListenerCallbacks::new()
        .with_command_events(echo_command)
        .with_push_events(report_event)
        .with_interaction_events(report_interaction);
    let environment = SlackClientEventsListenerEnvironment::new(client).with_user_state(seen);
    let environment = Arc::new(environment);
    let config = SlackClientSocketModeConfig::new().with_max_connections_count(1);
    let listener = SlackClientSocketModeListener::new(&config, environment, callbacks);
    listener
        .listen_for(&token(APP_TOKEN))
        .await
        .expect("listen");
    listener.start().await;

    fake.wait_for_connections(1, WAIT).await;
    let command = SlashCommand::new("/kudos", "hello", "U0ANA", &fake.response_url("r1"));
    let first = fake
        .send_envelope(Envelope::slash_command(command.json()))
        .await;
    let ack: SocketFrame = fake.wait_for_ack(&first, WAIT).await;
    assert_eq!(ack.connection, 1);
    let payload = &ack.json.as_ref().expect("a JSON ack")["payload"];
    assert_eq!(payload["text"], "echo hello");

    let callback = payloads::event_callback(payloads::app_home_opened("U0ANA"));
    let event_id = callback["event_id"]
        .as_str()
        .expect("an event id")
        .to_owned();
    let pushed = fake.send_envelope(Envelope::events_api(callback)).await;
    fake.wait_for_ack(&pushed, WAIT).await;
    assert_eq!(parsed.recv().await, Some(format!("event {event_id}")));
    let message = payloads::message(BOT_USER_ID, "Pulse", "1.000004", Value::Null);
    let container = Container::Message {
        channel: "D0ANA".into(),
        message,
    };
    let action = payloads::button_action("answer:4", "answer:4");
    let click = payloads::block_actions("U0ANA", container, action, &fake.response_url("r2"));
    let clicked = fake.send_envelope(Envelope::interactive(click)).await;
    fake.wait_for_ack(&clicked, WAIT).await;
    assert_eq!(parsed.recv().await.as_deref(), Some("block_actions"));

    fake.send_disconnect("refresh_requested").await;
    fake.wait_for_connections(2, WAIT).await;
    assert_eq!(fake.calls_to("apps.connections.open").await.len(), 2);
    let second = fake
        .send_envelope(Envelope::slash_command(command.json()))
        .await;
    assert_eq!(fake.wait_for_ack(&second, WAIT).await.connection, 2);
    assert!(fake.unacked_envelopes().await.is_empty());

    let open = &fake.calls_to("apps.connections.open").await[0];
    assert_eq!(open.verb, "POST");
    assert_eq!(open.bearer_token(), Some(APP_TOKEN));
    listener.shutdown().await;
}

#[tokio::test]
#[should_panic(
    expected = "waited 100ms for 1 call(s) to chat.update; it received \n  GET auth.test"
)]
async fn waiting_in_vain_names_what_did_arrive() {
    let fake = FakeSlack::start().await;
    let bot = token(BOT_TOKEN);
    client_for(&fake)
        .open_session(&bot)
        .auth_test()
        .await
        .expect("auth.test");
    fake.wait_for("chat.update", 1, Duration::from_millis(100))
        .await;
}

#[test]
fn signatures_match_slacks_documented_example() {
    let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    let signature = sign(
        "8f742231b10e8888abcd99yyyzzz85a5",
        1_531_420_618,
        body.as_bytes(),
    );
    assert_eq!(
        signature,
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    );
}

fn parse_event(event: Value) -> SlackEventCallbackBody {
    let callback = payloads::event_callback(event);
    serde_json::from_value::<SlackPushEventCallback>(callback)
        .expect("slack-morphism parses the event callback")
        .event
}

#[test]
fn event_payloads_parse_with_slack_morphism() {
    let reaction =
        payloads::reaction_added("U0ANA", "tada", Some("U0BEN"), "C0GENERAL", "1.000002");
    assert!(matches!(
        parse_event(reaction),
        SlackEventCallbackBody::ReactionAdded(_)
    ));
    assert!(matches!(
        parse_event(payloads::app_home_opened("U0ANA")),
        SlackEventCallbackBody::AppHomeOpened(_)
    ));
    let newcomer = FakeUser::person("U0NEW", "newcomer");
    let join = payloads::team_join(&newcomer, TEAM_ID);
    assert!(matches!(
        parse_event(join),
        SlackEventCallbackBody::TeamJoin(_)
    ));
    assert!(matches!(
        parse_event(payloads::app_uninstalled()),
        SlackEventCallbackBody::AppUninstalled(_)
    ));
    let revoked = parse_event(payloads::tokens_revoked(&[BOT_USER_ID]));
    assert!(
        matches!(revoked, SlackEventCallbackBody::Unknown(ref raw) if raw["type"] == "tokens_revoked")
    );
    assert!(matches!(
        parse_event(payloads::message_im("U0ANA", "hi")),
        SlackEventCallbackBody::Message(_)
    ));
}

fn parse_interaction(payload: Value) -> SlackInteractionEvent {
    // Over HTTP the payload travels form-encoded; decode it the way the adapter will.
    let form = payloads::interaction_form(&payload);
    let fields: Vec<(String, String)> = serde_urlencoded::from_str(&form.text).expect("a form");
    assert_eq!(fields[0].0, "payload");
    serde_json::from_str(&fields[0].1).expect("slack-morphism parses the interaction")
}

#[test]
fn interaction_payloads_parse_with_slack_morphism() {
    let message = payloads::message(BOT_USER_ID, "Pulse", "1.000003", json!([]));
    let on_message = Container::Message {
        channel: "D0ANA".into(),
        message: message.clone(),
    };
    let click = payloads::block_actions(
        "U0ANA",
        on_message,
        payloads::button_action("answer:5", "answer:5"),
        "http://x/r",
    );
    assert!(matches!(
        parse_interaction(click),
        SlackInteractionEvent::BlockActions(_)
    ));

    let home = json!({"id": "V0HOME", "type": "home", "blocks": []});
    let choice = payloads::select_action("value", "teamwork", "Teamwork");
    let in_view = payloads::block_actions("U0ANA", Container::View(home), choice, "");
    assert!(matches!(
        parse_interaction(in_view),
        SlackInteractionEvent::BlockActions(_)
    ));

    let shortcut =
        payloads::message_shortcut("U0ANA", "give-kudos", "C0GENERAL", message, "http://x/r");
    assert!(matches!(
        parse_interaction(shortcut),
        SlackInteractionEvent::MessageAction(_)
    ));

    let values = payloads::state_values(&[
        ("kudos_people", "people", payloads::users_value(&["U0BEN"])),
        ("kudos_message", "message", payloads::text_value("Thanks")),
        (
            "kudos_value",
            "value",
            payloads::option_value(Some(("teamwork", "Teamwork"))),
        ),
    ]);
    let submission = payloads::view_submission("U0ANA", "kudos-modal", r#"{"channel":""}"#, values);
    assert!(matches!(
        parse_interaction(submission),
        SlackInteractionEvent::ViewSubmission(_)
    ));
}

#[test]
fn slash_command_forms_parse_with_slack_morphism() {
    let command = SlashCommand::new("/kudos", "<@U0BEN> thanks & more", "U0ANA", "http://x/r");
    let body: SlackBody = command.form();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    let parsed: SlackCommandEvent = serde_urlencoded::from_str(&body.text).expect("a command form");
    assert_eq!(parsed.text.as_deref(), Some("<@U0BEN> thanks & more"));
    let from_json: SlackCommandEvent =
        serde_json::from_value(command.json()).expect("command JSON");
    assert_eq!(from_json, parsed);
}
