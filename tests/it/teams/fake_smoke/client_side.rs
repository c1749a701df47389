//! The fake playing Teams itself: the activities it builds have the documented shapes, the
//! conversations they open are ones the Connector then accepts, pressing a button on a card the
//! bot sent gives the invoke Teams would send, and `post_activity` delivers it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use reqwest::Method;
use serde_json::{Value, json};

use super::super::fake::{
    BOT_ID, BotAnswer, CUSTOMER_WINS_CHANNEL_ID, CardButton, FakeBotFramework, FakePerson,
    SentActivity, TEAM_ID, TENANT_ID, card_buttons, card_inputs, card_text, post_activity,
};
use super::{connector, connector_token, encoded};

#[tokio::test]
async fn a_personal_message_has_teams_shape_and_opens_the_one_to_one() {
    let fake = FakeBotFramework::start().await;
    let eleni = fake.person("eleni@acme.example");
    let activity = fake.teams_client().personal_message(&eleni, "kudos");

    assert_eq!(activity["type"], "message");
    assert_eq!(activity["channelId"], "msteams");
    assert_eq!(activity["serviceUrl"], fake.service_url());
    assert_eq!(activity["from"]["id"], eleni.user_id);
    assert_eq!(activity["from"]["aadObjectId"], eleni.aad_object_id);
    assert_eq!(activity["recipient"]["id"], BOT_ID);
    assert_eq!(activity["conversation"]["conversationType"], "personal");
    assert_eq!(activity["conversation"]["tenantId"], TENANT_ID);
    assert_eq!(activity["channelData"]["tenant"]["id"], TENANT_ID);
    assert_eq!(activity["entities"][0]["type"], "clientInfo");
    assert_eq!(activity["entities"][0]["timezone"], "Europe/Athens");
    assert_eq!(activity["locale"], "el-GR");

    let token = connector_token(&fake).await;
    let conversation = activity["conversation"]["id"].as_str().expect("id");
    let path = format!("/v3/conversations/{}/activities", encoded(conversation));
    let reply = json!({"type": "message", "text": "Ευχαριστώ"});
    let (status, _, _) = connector(&fake, Method::POST, &path, Some(&token), Some(&reply)).await;
    assert_eq!(
        status, 201,
        "the bot can answer in the conversation the message came from"
    );
    assert_eq!(
        fake.messages_to("eleni@acme.example")[0].text(),
        "Ευχαριστώ"
    );
}

#[tokio::test]
async fn a_channel_message_carries_its_mentions_as_entities() {
    let fake = FakeBotFramework::start().await;
    let ana = fake.person("ana@acme.example");
    let ben = fake.person("ben@acme.example");
    let text = "<at>Ambassador</at> kudos <at>Ben Carter</at> for the save";
    let activity = fake
        .teams_client()
        .channel_message(&ana, CUSTOMER_WINS_CHANNEL_ID, text);

    assert_eq!(activity["text"], text);
    let conversation = activity["conversation"]["id"].as_str().expect("id");
    let thread = format!(
        "{CUSTOMER_WINS_CHANNEL_ID};messageid={}",
        activity["id"].as_str().unwrap_or("")
    );
    assert_eq!(
        conversation, thread,
        "a new post is the root of its own thread"
    );
    assert_eq!(activity["conversation"]["conversationType"], "channel");
    assert_eq!(
        activity["channelData"]["channel"]["id"],
        CUSTOMER_WINS_CHANNEL_ID
    );
    assert_eq!(activity["channelData"]["team"]["id"], TEAM_ID);
    let mentions: Vec<&Value> = activity["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["type"] == "mention")
        .collect();
    assert_eq!(mentions.len(), 2);
    assert_eq!(
        mentions[0]["mentioned"],
        json!({"id": BOT_ID, "name": "Ambassador"})
    );
    assert_eq!(mentions[0]["text"], "<at>Ambassador</at>");
    assert_eq!(mentions[1]["mentioned"]["id"], ben.user_id);
    assert_eq!(activity["attachments"][0]["contentType"], "text/html");
}

#[tokio::test]
async fn membership_and_installation_events_follow_the_documented_payloads() {
    let fake = FakeBotFramework::start().await;
    let client = fake.teams_client();
    let sam = fake.person("sam@acme.example");

    let added = client.bot_added_to_team(&sam);
    assert_eq!(added["type"], "conversationUpdate");
    assert_eq!(added["membersAdded"], json!([{"id": BOT_ID}]));
    assert_eq!(added["channelData"]["eventType"], "teamMemberAdded");
    assert_eq!(added["channelData"]["team"]["id"], TEAM_ID);
    assert!(added["channelData"]["team"]["aadGroupId"].is_string());
    assert_eq!(added["conversation"]["id"], TEAM_ID);

    let personal = client.bot_added_to_personal_chat(&sam);
    assert_eq!(
        personal["membersAdded"][1]["aadObjectId"],
        sam.aad_object_id
    );

    let newcomer = FakePerson::member("nina@acme.example", "Nina Novak");
    let joined = client.member_added_to_team(&sam, &newcomer);
    assert_eq!(joined["membersAdded"][0]["id"], newcomer.user_id);
    assert_eq!(
        fake.person("nina@acme.example"),
        newcomer,
        "the roster gained her"
    );
    let left = client.member_removed_from_team(&sam, &newcomer);
    assert_eq!(left["membersRemoved"], json!([{"id": newcomer.user_id}]));
    assert_eq!(left["channelData"]["eventType"], "teamMemberRemoved");
    assert!(!fake.members().contains(&newcomer));

    let token = connector_token(&fake).await;
    let path = format!("/v3/conversations/{}/activities", encoded(TEAM_ID));
    let hello = json!({"type": "message", "text": "hello"});
    let uninstalled = client.installation_update_team(&sam, "remove");
    assert_eq!(
        (uninstalled["type"].as_str(), uninstalled["action"].as_str()),
        (Some("installationUpdate"), Some("remove"))
    );
    let (status, _, answer) =
        connector(&fake, Method::POST, &path, Some(&token), Some(&hello)).await;
    assert_eq!(status, 403);
    assert_eq!(answer["error"]["code"], "BotNotInConversationRoster");
    client.installation_update_team(&sam, "add");
    let (status, _, _) = connector(&fake, Method::POST, &path, Some(&token), Some(&hello)).await;
    assert_eq!(status, 201);
}

/// A pulse card: a question, a required comment, an Execute and a Submit button.
fn pulse_card() -> Value {
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "type": "AdaptiveCard",
                "version": "1.4",
                "refresh": {"action": {"type": "Action.Execute", "verb": "refresh"}},
                "body": [
                    {"type": "TextBlock", "text": "How likely are you to recommend us?"},
                    {"type": "Input.Text", "id": "comment", "isRequired": true},
                    {"type": "Input.Text", "id": "mood", "value": "fine"},
                    {"type": "ActionSet", "actions": [{
                        "type": "Action.Execute", "title": "Send", "verb": "pulse.answer",
                        "data": {"round": "42"},
                    }]},
                ],
                "actions": [{"type": "Action.Submit", "title": "Skip", "data": {"skip": true}}],
            },
        }],
    })
}

#[tokio::test]
async fn pressing_a_button_on_a_sent_card_gives_the_invoke_teams_sends() {
    let fake = FakeBotFramework::start().await;
    let client = fake.teams_client();
    let ana = fake.person("ana@acme.example");
    let token = connector_token(&fake).await;
    let conversation = fake.personal_conversation_id(&ana);
    let path = format!("/v3/conversations/{}/activities", encoded(&conversation));
    connector(
        &fake,
        Method::POST,
        &path,
        Some(&token),
        Some(&pulse_card()),
    )
    .await;
    let card: SentActivity = fake.wait_for_messages_to(&ana.email, 1).await.remove(0);
    assert_eq!(
        card.buttons()
            .iter()
            .map(|b| b.title.as_str())
            .collect::<Vec<_>>(),
        ["Send", "Skip"],
        "the refresh action is no button"
    );

    let invoke = client.press_button(&ana, &card, "Send", json!({"comment": "great"}));
    assert_eq!(
        (invoke["type"].as_str(), invoke["name"].as_str()),
        (Some("invoke"), Some("adaptiveCard/action"))
    );
    assert_eq!(invoke["replyToId"], card.id);
    assert_eq!(invoke["conversation"]["id"], conversation);
    assert_eq!(invoke["value"]["trigger"], "manual");
    let action = &invoke["value"]["action"];
    assert_eq!(
        (action["type"].as_str(), action["verb"].as_str()),
        (Some("Action.Execute"), Some("pulse.answer"))
    );
    assert_eq!(
        action["data"],
        json!({"round": "42", "comment": "great", "mood": "fine"})
    );

    let submit = client.press_button(&ana, &card, "Skip", json!({"comment": "later"}));
    assert_eq!(submit["type"], "message");
    assert!(submit.get("text").is_none());
    assert_eq!(
        submit["value"],
        json!({"skip": true, "comment": "later", "mood": "fine"})
    );

    let form = client.submit_form(&ana, &card, json!({"comment": "ok", "mood": "good"}));
    assert_eq!(form["value"]["action"]["data"]["mood"], "good");

    let unknown_input = catch_unwind(AssertUnwindSafe(|| {
        client.press_button(&ana, &card, "Send", json!({"nope": "x"}))
    }));
    assert!(
        unknown_input.is_err(),
        "an input the card lacks is a test mistake"
    );
    let empty_required = catch_unwind(AssertUnwindSafe(|| {
        client.press_button(&ana, &card, "Send", json!({}))
    }));
    assert!(
        empty_required.is_err(),
        "Teams does not send a form missing a required input"
    );
}

/// What a stand-in bot received: the `Authorization` header and the JSON body.
type Delivery = (Option<String>, Value);

#[tokio::test]
async fn post_activity_delivers_json_with_the_authorization_header() {
    let fake = FakeBotFramework::start().await;
    let client = fake.teams_client();
    let seen: Arc<Mutex<Vec<Delivery>>> = Arc::default();
    let recorder = seen.clone();
    let bot = axum::Router::new().route(
        "/api/messages",
        post(move |headers: HeaderMap, Json(body): Json<Value>| {
            let recorder = recorder.clone();
            async move {
                let auth = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                recorder.lock().expect("recorder").push((auth, body));
                (StatusCode::OK, Json(json!({"statusCode": 200})))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let endpoint = format!(
        "http://{}/api/messages",
        listener.local_addr().expect("addr")
    );
    tokio::spawn(async move { axum::serve(listener, bot).await });

    let ana = fake.person("ana@acme.example");
    let activity = client.personal_message(&ana, "hi");
    let answer: BotAnswer = client.send(&endpoint, &activity).await;
    assert_eq!(
        (answer.status, answer.body["statusCode"].as_u64()),
        (200, Some(200))
    );
    let unsigned = post_activity(&endpoint, &activity, None).await;
    assert_eq!(unsigned.status, 200);

    let seen = seen.lock().expect("recorder").clone();
    assert_eq!(seen.len(), 2);
    assert!(
        seen[0]
            .0
            .as_deref()
            .is_some_and(|a| a.starts_with("Bearer ey"))
    );
    assert_eq!(seen[0].1, activity);
    assert_eq!(seen[1].0, None);
}

#[test]
fn cards_read_as_a_person_reads_them() {
    let card = json!({
        "type": "AdaptiveCard",
        "version": "1.5",
        "actions": [{"type": "Action.OpenUrl", "title": "Docs", "url": "https://example.com"}],
        "body": [
            {"type": "TextBlock", "text": "Weekly digest"},
            {"type": "Container", "items": [
                {"type": "ColumnSet", "columns": [
                    {"type": "Column", "items": [{"type": "TextBlock", "text": "Left"}]},
                    {"type": "Column", "items": [{"type": "RichTextBlock", "inlines": [
                        {"type": "TextRun", "text": "Right"},
                    ]}]},
                ]},
                {"type": "FactSet", "facts": [{"title": "Score", "value": "8.1"}]},
                {"type": "Input.ChoiceSet", "id": "team", "choices": []},
                {"type": "ActionSet", "actions": [
                    {"type": "Action.Execute", "title": "Open", "verb": "open", "id": "o1",
                     "data": {"week": 7}, "fallback": {"type": "Action.Submit", "title": "Old"}},
                ]},
            ]},
        ],
    });

    assert_eq!(card_text(&card), "Weekly digest\nLeft\nRight\nScore: 8.1");
    let buttons: Vec<CardButton> = card_buttons(&card);
    assert_eq!(buttons.len(), 1, "no OpenUrl, no fallback: {buttons:?}");
    assert_eq!(buttons[0].title, "Open");
    assert_eq!(buttons[0].kind, "Action.Execute");
    assert_eq!(
        (buttons[0].verb.as_deref(), buttons[0].id.as_deref()),
        (Some("open"), Some("o1"))
    );
    assert_eq!(buttons[0].data, json!({"week": 7}));
    let inputs = card_inputs(&card);
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0]["id"], "team");
}
