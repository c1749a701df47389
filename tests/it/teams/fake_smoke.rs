//! The fake Bot Framework driven over HTTP with reqwest, as a bot drives it: proof that it
//! answers the documented shapes, refuses what Teams refuses, and that its signed tokens verify
//! against the key set it serves while each forgery fails for its own reason. The adapter's
//! tests can then trust that a failure is the adapter's.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::fake::{
    APP_ID, APP_PASSWORD, BOT_ID, CONNECTOR_SCOPE, CUSTOMER_WINS_CHANNEL_ID, CallKind,
    FakeBotFramework, FakeChannel, FakePerson, FakeTeam, MESSAGE_SIZE_LIMIT, ObjectIdKey,
    TEAM_AAD_GROUP_ID, TEAM_ID, TEAM_NAME, TENANT_ID, aad_object_id_for, demo_people, guest,
    user_id_for,
};

mod auth;
mod client_side;

/// The token endpoint for `tenant`, as the bot fills the template.
fn token_url(fake: &FakeBotFramework, tenant: &str) -> String {
    fake.token_url_template().replace("{tenant}", tenant)
}

/// Asks the token endpoint with a form, as the bot does; returns status and JSON.
async fn ask_token(fake: &FakeBotFramework, tenant: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(token_url(fake, tenant))
        .form(form)
        .send()
        .await
        .expect("token request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn good_form<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "client_credentials"),
        ("client_id", APP_ID),
        ("client_secret", APP_PASSWORD),
        ("scope", CONNECTOR_SCOPE),
    ]
}

/// A Connector token, got the way the bot gets one.
async fn connector_token(fake: &FakeBotFramework) -> String {
    let (status, body) = ask_token(fake, TENANT_ID, &good_form()).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

/// A Connector call: `path` under the serviceUrl, with `token` if any and `body` as JSON.
async fn connector(
    fake: &FakeBotFramework,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let url = format!("{}{}", fake.service_url(), path.trim_start_matches('/'));
    let mut request = reqwest::Client::new().request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("connector call");
    let status = response.status();
    let headers = response.headers().clone();
    (
        status,
        headers,
        response.json().await.unwrap_or(Value::Null),
    )
}

/// A conversation id as it goes in a URL path.
fn encoded(id: &str) -> String {
    utf8_percent_encode(id, NON_ALPHANUMERIC).to_string()
}

fn create_body(member_id: &str) -> Value {
    json!({
        "bot": {"id": BOT_ID},
        "members": [{"id": member_id}],
        "tenantId": TENANT_ID,
        "channelData": {"tenant": {"id": TENANT_ID}},
    })
}

/// A message with one card: a text block and an `Action.Execute` button.
fn card_message(text: &str) -> Value {
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": [{"type": "TextBlock", "text": text, "wrap": true}],
                "actions": [{"type": "Action.Execute", "title": "OK", "verb": "ok", "data": {}}],
            },
        }],
    })
}

#[tokio::test]
async fn the_token_endpoint_issues_bearer_tokens_and_refuses_what_entra_refuses() {
    let fake = FakeBotFramework::start().await;

    let (status, body) = ask_token(&fake, TENANT_ID, &good_form()).await;
    assert_eq!(status, 200);
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_in"].as_u64().is_some_and(|s| s > 3000));
    assert!(body["ext_expires_in"].is_u64());
    assert!(body["access_token"].as_str().is_some_and(|t| t.len() > 20));
    assert_eq!(fake.tokens_issued(), 1);

    let mut wrong_secret = good_form();
    wrong_secret[2] = ("client_secret", "not-the-secret");
    let (status, body) = ask_token(&fake, TENANT_ID, &wrong_secret).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "invalid_client");
    assert_eq!(body["error_codes"], json!([7000215]));
    let description = body["error_description"].as_str().expect("description");
    assert!(description.starts_with("AADSTS7000215: Invalid client secret"));

    let mut wrong_scope = good_form();
    wrong_scope[3] = ("scope", "https://graph.microsoft.com/.default");
    let (status, body) = ask_token(&fake, TENANT_ID, &wrong_scope).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_resource"))
    );
    wrong_scope[3] = ("scope", "https://api.botframework.com");
    let (status, body) = ask_token(&fake, TENANT_ID, &wrong_scope).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_scope"))
    );

    let (status, body) =
        ask_token(&fake, "11111111-2222-3333-4444-555555555555", &good_form()).await;
    assert_eq!((status, body["error_codes"].clone()), (400, json!([90002])));
    let (status, body) = ask_token(&fake, "botframework.com", &good_form()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unauthorized_client"))
    );

    let mut wrong_grant = good_form();
    wrong_grant[0] = ("grant_type", "password");
    let (status, body) = ask_token(&fake, TENANT_ID, &wrong_grant).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );

    assert_eq!(fake.tokens_issued(), 1, "no refusal issues a token");
    let calls = fake.wait_for(CallKind::Token, 7).await;
    assert_eq!(calls[0].field("client_id"), Some(APP_ID));
    assert_eq!(calls[0].field("scope"), Some(CONNECTOR_SCOPE));
    assert_eq!(calls[1].status, 401);
}

#[tokio::test]
async fn the_connector_refuses_calls_without_an_issued_token() {
    let fake = FakeBotFramework::start().await;
    let ana = fake.person("ana@acme.example");
    let body = create_body(&ana.user_id);

    let (status, _, answer) =
        connector(&fake, Method::POST, "/v3/conversations", None, Some(&body)).await;
    assert_eq!(status, 401);
    assert_eq!(
        answer["message"],
        "Authorization has been denied for this request."
    );
    let (status, _, _) = connector(
        &fake,
        Method::POST,
        "/v3/conversations",
        Some("made-up"),
        Some(&body),
    )
    .await;
    assert_eq!(status, 401);

    let token = connector_token(&fake).await;
    let (status, _, _) = connector(
        &fake,
        Method::POST,
        "/v3/conversations",
        Some(&token),
        Some(&body),
    )
    .await;
    assert_eq!(status, 201);

    fake.expire_tokens();
    let (status, _, _) = connector(
        &fake,
        Method::POST,
        "/v3/conversations",
        Some(&token),
        Some(&body),
    )
    .await;
    assert_eq!(status, 401, "an expired token is refused");
}

#[tokio::test]
async fn a_one_to_one_is_created_sent_to_replied_in_and_updated() {
    let fake = FakeBotFramework::start().await;
    let token = connector_token(&fake).await;
    let ana = fake.person("ana@acme.example");
    let create = |body: Value| {
        let (fake, token) = (&fake, token.clone());
        async move {
            connector(
                fake,
                Method::POST,
                "/v3/conversations",
                Some(&token),
                Some(&body),
            )
            .await
        }
    };

    let (status, _, created) = create(create_body(&ana.user_id)).await;
    assert_eq!(status, 201);
    let conversation = created["id"].as_str().expect("id").to_owned();
    assert!(conversation.starts_with("a:"));
    let (_, _, again) = create(create_body(&ana.user_id)).await;
    assert_eq!(again["id"], conversation.as_str(), "stable per member");
    assert_eq!(fake.personal_conversation_id(&ana), conversation);

    let (status, _, refused) = create(create_body("29:1nobody")).await;
    assert_eq!(status, 400);
    assert_eq!(refused["error"]["code"], "BadArgument");
    assert_eq!(refused["error"]["message"], "Failed to decrypt pairwise id");
    let mut no_tenant = create_body(&ana.user_id);
    no_tenant
        .as_object_mut()
        .expect("object")
        .retain(|k, _| k == "bot" || k == "members");
    assert_eq!(create(no_tenant).await.0, 400);
    let mut wrong_tenant = create_body(&ana.user_id);
    wrong_tenant["tenantId"] = json!("11111111-2222-3333-4444-555555555555");
    wrong_tenant["channelData"]["tenant"]["id"] = json!("11111111-2222-3333-4444-555555555555");
    assert_eq!(create(wrong_tenant).await.0, 400);

    let activities = format!("/v3/conversations/{}/activities", encoded(&conversation));
    let sent = card_message("How was your week?");
    let (status, _, answer) =
        connector(&fake, Method::POST, &activities, Some(&token), Some(&sent)).await;
    assert_eq!(status, 201);
    let first = answer["id"].as_str().expect("activity id").to_owned();

    let reply = json!({"type": "message", "text": "Thanks!"});
    let reply_path = format!("{activities}/{first}");
    let (status, _, _) =
        connector(&fake, Method::POST, &reply_path, Some(&token), Some(&reply)).await;
    assert_eq!(status, 201);

    let messages = fake.wait_for_messages_to(&ana.aad_object_id, 2).await;
    assert_eq!(messages[0].card_text(), "How was your week?");
    assert_eq!(messages[0].button("OK").verb.as_deref(), Some("ok"));
    assert_eq!(messages[1].text(), "Thanks!");
    assert_eq!(messages[1].reply_to_id.as_deref(), Some(first.as_str()));
    assert_eq!(
        fake.messages_to(&ana.user_id).len(),
        2,
        "found by 29: id too"
    );
    let call = &fake.calls_to(CallKind::SendToConversation)[0];
    assert!(call.raw_path.contains("a%3A"), "the id travelled encoded");
    assert_eq!(
        call.path,
        format!("/v3/conversations/{conversation}/activities")
    );

    let (status, _, updated) = connector(
        &fake,
        Method::PUT,
        &reply_path,
        Some(&token),
        Some(&card_message("Answered, thank you")),
    )
    .await;
    assert_eq!(
        (status.as_u16(), updated["id"].as_str()),
        (200, Some(first.as_str()))
    );
    let now = fake.wait_for_update(&messages[0]).await;
    assert_eq!(
        (now.versions, now.card_text().as_str()),
        (2, "Answered, thank you")
    );

    let missing = format!("{activities}/1234");
    let (status, _, _) = connector(&fake, Method::PUT, &missing, Some(&token), Some(&reply)).await;
    assert_eq!(status, 404);
    let unknown = format!("/v3/conversations/{}/activities", encoded("a:1unknown"));
    let (status, _, answer) =
        connector(&fake, Method::POST, &unknown, Some(&token), Some(&reply)).await;
    assert_eq!(status, 404);
    assert_eq!(answer["error"]["code"], "ConversationNotFound");
}

#[tokio::test]
async fn the_roster_comes_in_pages_of_fifty_to_five_hundred() {
    let fake = FakeBotFramework::start().await;
    let token = connector_token(&fake).await;
    let people: Vec<FakePerson> = (1..=120)
        .map(|i| FakePerson::member(&format!("p{i}@acme.example"), &format!("Person {i}")))
        .collect();
    fake.set_members(people);
    let paged = format!("/v3/conversations/{}/pagedmembers", encoded(TEAM_ID));

    let mut seen = Vec::new();
    let mut page_sizes = Vec::new();
    let mut continuation: Option<String> = None;
    loop {
        let mut path = format!("{paged}?pageSize=10");
        if let Some(token) = &continuation {
            path.push_str(&format!("&continuationToken={}", encoded(token)));
        }
        let (status, _, page) = connector(&fake, Method::GET, &path, Some(&token), None).await;
        assert_eq!(status, 200, "{page}");
        let members = page["members"].as_array().expect("members").clone();
        page_sizes.push(members.len());
        seen.extend(members);
        match page["continuationToken"].as_str() {
            Some(next) => continuation = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(page_sizes, [50, 50, 20], "pageSize 10 is treated as 50");
    assert_eq!(seen.len(), 120);
    let first = &seen[0];
    assert_eq!(first["id"], fake.person("p1@acme.example").user_id);
    assert_eq!(first["email"], "p1@acme.example");
    assert_eq!(first["userPrincipalName"], "p1@acme.example");
    assert_eq!(
        (first["givenName"].as_str(), first["surname"].as_str()),
        (Some("Person"), Some("1"))
    );
    assert_eq!(
        first["objectId"],
        fake.person("p1@acme.example").aad_object_id
    );
    assert_eq!(
        (first["tenantId"].as_str(), first["userRole"].as_str()),
        (Some(TENANT_ID), Some("user"))
    );

    let (_, _, whole) = connector(&fake, Method::GET, &paged, Some(&token), None).await;
    assert_eq!(
        whole["members"].as_array().map(Vec::len),
        Some(120),
        "200 by default"
    );
    assert!(
        whole.get("continuationToken").is_none(),
        "no token on the last page"
    );

    fake.set_object_id_key(ObjectIdKey::AadObjectId);
    fake.add_member(super::fake::guest());
    let (_, _, whole) = connector(&fake, Method::GET, &paged, Some(&token), None).await;
    let guest = &whole["members"][120];
    assert_eq!(
        (guest["userRole"].as_str(), guest.get("objectId")),
        (Some("guest"), None)
    );
    assert!(guest["aadObjectId"].is_string());

    let bad = format!("{paged}?continuationToken=nonsense");
    assert_eq!(
        connector(&fake, Method::GET, &bad, Some(&token), None)
            .await
            .0,
        400
    );

    let channels = format!("/v3/teams/{}/conversations", encoded(TEAM_ID));
    let (status, _, list) = connector(&fake, Method::GET, &channels, Some(&token), None).await;
    assert_eq!(status, 200);
    assert_eq!(
        list["conversations"],
        json!([
            {"id": TEAM_ID, "name": null},
            {"id": CUSTOMER_WINS_CHANNEL_ID, "name": "customer-wins"},
        ])
    );
}

#[tokio::test]
async fn an_activity_over_28_kb_is_refused_with_413() {
    let fake = FakeBotFramework::start().await;
    let token = connector_token(&fake).await;
    let path = format!(
        "/v3/conversations/{}/activities",
        encoded(CUSTOMER_WINS_CHANNEL_ID)
    );
    let text_of = |bytes: usize| json!({"type": "message", "text": "x".repeat(bytes)});

    let oversize = text_of(MESSAGE_SIZE_LIMIT);
    let (status, _, answer) =
        connector(&fake, Method::POST, &path, Some(&token), Some(&oversize)).await;
    assert_eq!(status, 413);
    assert_eq!(answer["error"]["code"], "MessageSizeTooBig");
    assert!(
        fake.messages_in_channel(CUSTOMER_WINS_CHANNEL_ID)
            .is_empty()
    );

    let fits = text_of(MESSAGE_SIZE_LIMIT - 100);
    let (status, _, _) = connector(&fake, Method::POST, &path, Some(&token), Some(&fits)).await;
    assert_eq!(status, 201);
    assert_eq!(
        fake.wait_for_messages_in_channel(CUSTOMER_WINS_CHANNEL_ID, 1)
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn injected_throttling_answers_429_with_retry_after_then_recovers() {
    let fake = FakeBotFramework::start().await;
    let token = connector_token(&fake).await;
    let path = format!("/v3/conversations/{}/activities", encoded(TEAM_ID));
    let message = json!({"type": "message", "text": "Weekly wins"});
    fake.fail_next(2, 429, Some(3));

    for _ in 0..2 {
        let (status, headers, answer) =
            connector(&fake, Method::POST, &path, Some(&token), Some(&message)).await;
        assert_eq!(status, 429);
        assert_eq!(headers["retry-after"], "3");
        assert_eq!(answer["error"]["code"], "Throttled");
    }
    let (status, _, _) = connector(&fake, Method::POST, &path, Some(&token), Some(&message)).await;
    assert_eq!(status, 201);

    fake.fail_next(1, 503, None);
    let (status, headers, _) =
        connector(&fake, Method::POST, &path, Some(&token), Some(&message)).await;
    assert_eq!(status, 503);
    assert!(headers.get("retry-after").is_none());

    let calls = fake.wait_for(CallKind::SendToConversation, 4).await;
    let outcome: Vec<(u16, bool)> = calls.iter().map(|c| (c.status, c.injected)).collect();
    assert_eq!(
        outcome,
        [(429, true), (429, true), (201, false), (503, true)]
    );
    assert_eq!(
        fake.messages_in_channel(TEAM_ID).len(),
        1,
        "failed sends left no message"
    );
}

#[tokio::test]
async fn the_tenant_is_the_demo_organisation_and_a_guest() {
    let fake = FakeBotFramework::start().await;
    let demo = demo_people();
    let rows = ambassador::demo::DEMO_ORG_CSV.lines().count() - 1;
    assert_eq!(demo.len(), rows - 1, "everyone but the one inactive person");
    assert!(!demo.iter().any(|p| p.email == "tom@acme.example"));
    let mut expected = demo.clone();
    expected.push(guest());
    assert_eq!(fake.members(), expected);

    let olivia = fake.person("olivia@acme.example");
    assert_eq!(olivia.name, "Olivia Hart");
    assert_eq!(olivia.user_id, user_id_for("olivia@acme.example"));
    assert!(olivia.user_id.starts_with("29:"));
    assert_eq!(
        olivia.aad_object_id,
        aad_object_id_for("Olivia@Acme.example")
    );
    let groups: Vec<usize> = olivia.aad_object_id.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "a GUID");
    assert_eq!(fake.person(&olivia.aad_object_id), olivia);
    assert_eq!(fake.person("zofia@acme.example").locale, "pl-PL");
    let gina = guest();
    assert_eq!(gina.user_role, "guest");
    assert!(gina.user_principal_name.contains("#EXT#"));

    let general = FakeChannel {
        id: TEAM_ID.into(),
        name: None,
    };
    let team = fake.team();
    assert_eq!(team, FakeTeam::default());
    assert_eq!(
        (team.name.as_str(), team.channels[0].clone()),
        (TEAM_NAME, general)
    );
    let token = connector_token(&fake).await;
    let details = format!("/v3/teams/{}", encoded(TEAM_ID));
    let (status, _, answer) = connector(&fake, Method::GET, &details, Some(&token), None).await;
    assert_eq!(status, 200);
    assert_eq!(
        answer,
        json!({"id": TEAM_ID, "name": TEAM_NAME, "aadGroupId": TEAM_AAD_GROUP_ID})
    );
}
