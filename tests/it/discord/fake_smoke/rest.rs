//! REST: auth, gateway discovery, members paged with `after`, command validation, DMs to a
//! user who refuses them, message limits, uploads, and 429s on demand.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use super::super::fake::{
    APPLICATION_ID, BOT_USER_ID, FakeDiscord, GENERAL_CHANNEL_ID, GUILD_ID, Route,
    generated_members,
};
use super::{bot, call, text};

#[tokio::test]
async fn refuses_calls_without_the_bot_token_and_records_unknown_paths() {
    let fake = FakeDiscord::start().await;
    let (status, _, body) = call(&fake, Method::GET, "/users/@me", Some("wrong"), None).await;
    assert_eq!(
        (status, body),
        (401, json!({"message": "401: Unauthorized", "code": 0}))
    );
    let (status, _, _) = call(&fake, Method::GET, "/users/@me", None, None).await;
    assert_eq!(status, 401);
    let (status, me) = bot(&fake, Method::GET, "/users/@me", None).await;
    assert_eq!(status, 200);
    assert_eq!(
        (me["id"].as_str(), me["bot"].as_bool()),
        (Some(BOT_USER_ID), Some(true))
    );
    let (status, body) = bot(&fake, Method::GET, "/nothing/here", None).await;
    assert_eq!(
        (status, body),
        (404, json!({"message": "404: Not Found", "code": 0}))
    );
    assert_eq!(fake.unknown_calls().len(), 1);
    assert_eq!(fake.calls().len(), 4);
}

#[tokio::test]
async fn discovery_and_identity_answer_the_documented_shapes() {
    let fake = FakeDiscord::start().await;
    let (_, gateway) = bot(&fake, Method::GET, "/gateway", None).await;
    assert_eq!(gateway["url"], json!(fake.gateway_url()));
    let (_, gateway_bot) = bot(&fake, Method::GET, "/gateway/bot", None).await;
    assert_eq!(gateway_bot["shards"], 1);
    assert_eq!(gateway_bot["session_start_limit"]["max_concurrency"], 1);
    let (_, app) = bot(&fake, Method::GET, "/oauth2/applications/@me", None).await;
    assert_eq!(app["id"], APPLICATION_ID);
    let (_, guilds) = bot(&fake, Method::GET, "/users/@me/guilds", None).await;
    assert_eq!(guilds[0]["id"], GUILD_ID);
    let (_, roles) = bot(
        &fake,
        Method::GET,
        &format!("/guilds/{GUILD_ID}/roles"),
        None,
    )
    .await;
    assert!(
        roles
            .as_array()
            .expect("roles")
            .iter()
            .any(|r| r["name"] == "Support")
    );
    let (_, channels) = bot(
        &fake,
        Method::GET,
        &format!("/guilds/{GUILD_ID}/channels"),
        None,
    )
    .await;
    let names: Vec<&str> = channels
        .as_array()
        .expect("channels")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["general", "customer-wins"]);
}

#[tokio::test]
async fn the_member_list_pages_by_user_id_after_the_last_one() {
    let fake = FakeDiscord::start().await;
    let before = fake.members().len();
    fake.add_members(generated_members(2500));
    let total = before + 2500;
    let path = |after: &str| format!("/guilds/{GUILD_ID}/members?limit=1000&after={after}");
    let (mut after, mut seen, mut pages) = ("0".to_owned(), Vec::new(), 0);
    loop {
        let (status, page) = bot(&fake, Method::GET, &path(&after), None).await;
        assert_eq!(status, 200, "{page}");
        let page = page.as_array().expect("a page of members").clone();
        pages += 1;
        for member in &page {
            let user = &member["user"];
            assert!(
                member["flags"].is_u64() && member["joined_at"].is_string(),
                "{member}"
            );
            assert_eq!(user["discriminator"], "0");
            seen.push(
                user["id"]
                    .as_str()
                    .expect("user id")
                    .parse::<u64>()
                    .expect("snowflake"),
            );
        }
        if page.len() < 1000 {
            break;
        }
        after = seen.last().expect("a last member").to_string();
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), total);
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "sorted by id, none twice"
    );
    let requests = fake.member_page_requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0], (1000, "0".to_owned()));
    // Discord's default is one member; above 1000 is refused.
    let (_, one) = bot(
        &fake,
        Method::GET,
        &format!("/guilds/{GUILD_ID}/members"),
        None,
    )
    .await;
    assert_eq!(one.as_array().map(Vec::len), Some(1));
    let (status, error) = bot(
        &fake,
        Method::GET,
        &format!("/guilds/{GUILD_ID}/members?limit=1001"),
        None,
    )
    .await;
    assert_eq!((status, error["code"].as_u64()), (400, Some(50035)));
    // Without the privileged intent switched on: Missing Access.
    fake.set_privileged_intents(0);
    let (status, error) = bot(&fake, Method::GET, &path("0"), None).await;
    assert_eq!((status, error["code"].as_u64()), (403, Some(50001)));
}

fn command(name: &str) -> Value {
    json!({"name": name, "description": "Thank a colleague", "type": 1, "options": [
        {"type": 6, "name": "who", "description": "Who to thank", "required": true},
        {"type": 3, "name": "message", "description": "What for", "required": false},
    ]})
}

#[tokio::test]
async fn bulk_overwrite_answers_ids_and_refuses_what_discord_refuses() {
    let fake = FakeDiscord::start().await;
    let path = format!("/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    let (status, answered) = bot(&fake, Method::PUT, &path, Some(&json!([command("kudos")]))).await;
    assert_eq!(status, 200, "{answered}");
    let id = answered[0]["id"].as_str().expect("an id").to_owned();
    assert_eq!(answered[0]["application_id"], APPLICATION_ID);
    // The same name keeps its id on the next overwrite.
    let (_, again) = bot(&fake, Method::PUT, &path, Some(&json!([command("kudos")]))).await;
    assert_eq!(again[0]["id"], json!(id));
    let (_, listed) = bot(&fake, Method::GET, &path, None).await;
    assert_eq!(listed[0]["name"], "kudos");

    let (status, error) = bot(&fake, Method::PUT, &path, Some(&json!([command("Kudos")]))).await;
    assert_eq!(status, 400);
    assert_eq!(error["code"], 50035);
    assert_eq!(
        error["errors"]["0"]["name"]["_errors"][0]["code"],
        "APPLICATION_COMMAND_INVALID_NAME"
    );
    let mut optional_first = command("kudos");
    optional_first["options"] = json!([
        {"type": 3, "name": "message", "description": "What for"},
        {"type": 6, "name": "who", "description": "Who", "required": true},
    ]);
    let (status, _) = bot(&fake, Method::PUT, &path, Some(&json!([optional_first]))).await;
    assert_eq!(status, 400);
    let mut long = command("kudos");
    long["description"] = json!("x".repeat(101));
    let (status, _) = bot(&fake, Method::PUT, &path, Some(&json!([long]))).await;
    assert_eq!(status, 400);
    assert_eq!(
        fake.command_registrations().len(),
        2,
        "refused overwrites are not registrations"
    );
    assert_eq!(fake.registered_commands()[0]["id"], json!(id));
}

#[tokio::test]
async fn a_dm_to_someone_who_refuses_them_gets_403_50007() {
    let fake = FakeDiscord::start().await;
    let ana = fake.member("ana");
    fake.set_blocks_dms("ben", true);
    let ben = fake.member("ben");
    let open = |id: &str| json!({"recipient_id": id});
    let (status, channel) = bot(
        &fake,
        Method::POST,
        "/users/@me/channels",
        Some(&open(&ana.user_id)),
    )
    .await;
    assert_eq!((status, channel["type"].as_u64()), (200, Some(1)));
    let (_, again) = bot(
        &fake,
        Method::POST,
        "/users/@me/channels",
        Some(&open(&ana.user_id)),
    )
    .await;
    assert_eq!(again["id"], channel["id"], "the same DM channel every time");
    let dm = channel["id"].as_str().expect("channel id");
    let (status, message) = bot(
        &fake,
        Method::POST,
        &format!("/channels/{dm}/messages"),
        Some(&text("Hello")),
    )
    .await;
    assert_eq!(status, 200, "{message}");
    assert_eq!(fake.dms_to("ana")[0].content(), "Hello");

    let (_, channel) = bot(
        &fake,
        Method::POST,
        "/users/@me/channels",
        Some(&open(&ben.user_id)),
    )
    .await;
    let dm = channel["id"].as_str().expect("channel id");
    let (status, error) = bot(
        &fake,
        Method::POST,
        &format!("/channels/{dm}/messages"),
        Some(&text("Hello")),
    )
    .await;
    assert_eq!(
        (status, error),
        (
            403,
            json!({"message": "Cannot send messages to this user", "code": 50007})
        )
    );
    assert!(fake.dms_to("ben").is_empty());
}

#[tokio::test]
async fn messages_are_held_to_discords_limits_and_say_who_they_ping() {
    let fake = FakeDiscord::start().await;
    let path = format!("/channels/{GENERAL_CHANNEL_ID}/messages");
    let post = |body: Value| {
        let fake = &fake;
        let path = path.clone();
        async move { bot(fake, Method::POST, &path, Some(&body)).await }
    };
    assert_eq!(post(text(&"x".repeat(2001))).await.0, 400);
    assert_eq!(post(json!({})).await.1["code"], 50006);
    let button = |id: &str| json!({"type": 2, "style": 1, "label": "1", "custom_id": id});
    let six: Vec<Value> = (0..6).map(|i| button(&format!("b{i}"))).collect();
    assert_eq!(
        post(json!({"content": "x", "components": [{"type": 1, "components": six}]}))
            .await
            .0,
        400
    );
    assert_eq!(post(json!({"content": "x", "components": [{"type": 1, "components": [button(&"c".repeat(101))]}]})).await.0, 400);
    let rows: Vec<Value> = (0..6)
        .map(|i| json!({"type": 1, "components": [button(&format!("r{i}"))]}))
        .collect();
    assert_eq!(
        post(json!({"content": "x", "components": rows})).await.0,
        400
    );
    let (status, message) = post(
        json!({"content": "Hi @everyone", "allowed_mentions": {"parse": []},
        "components": [{"type": 1, "components": [button("pulse:1:5")]}]}),
    )
    .await;
    assert_eq!(status, 200, "{message}");
    assert_eq!(message["mention_everyone"], false);
    let (_, pinging) = post(text("Hi @everyone")).await;
    assert_eq!(
        pinging["mention_everyone"], true,
        "no allowed_mentions: everyone parses"
    );
    let sent = fake.messages_in(GENERAL_CHANNEL_ID);
    assert_eq!(sent.len(), 2);
    assert!(sent[0].pings().is_none());
    assert!(sent[1].pings().everyone);
    assert_eq!(sent[0].custom_ids(), ["pulse:1:5"]);
    // An edit replaces what it names.
    let id = message["id"].as_str().expect("message id");
    let (status, edited) = bot(
        &fake,
        Method::PATCH,
        &format!("{path}/{id}"),
        Some(&json!({"components": []})),
    )
    .await;
    assert_eq!(
        (status, edited["content"].as_str()),
        (200, Some("Hi @everyone"))
    );
    assert!(
        fake.messages_in(GENERAL_CHANNEL_ID)[0]
            .custom_ids()
            .is_empty()
    );
}

#[tokio::test]
async fn multipart_messages_record_payload_json_and_files() {
    let fake = FakeDiscord::start().await;
    let png = b"\x89PNG\r\n\x1a\nrest-of-a-chart".to_vec();
    let form = reqwest::multipart::Form::new()
        .part(
            "payload_json",
            reqwest::multipart::Part::text(
                json!({"content": "Digest", "attachments": [{"id": 0, "filename": "chart.png"}]})
                    .to_string(),
            )
            .mime_str("application/json")
            .expect("mime"),
        )
        .part(
            "files[0]",
            reqwest::multipart::Part::bytes(png.clone())
                .file_name("chart.png")
                .mime_str("image/png")
                .expect("mime"),
        );
    let response = reqwest::Client::new()
        .post(format!(
            "{}/channels/{GENERAL_CHANNEL_ID}/messages",
            fake.api_base()
        ))
        .header("Authorization", format!("Bot {}", super::BOT_TOKEN))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status().as_u16(), 200);
    let message: Value = response.json().await.expect("a message");
    assert_eq!(message["attachments"][0]["filename"], "chart.png");
    assert_eq!(message["attachments"][0]["size"], png.len());
    let call = &fake.calls_to(Route::CreateMessage)[0];
    assert!(call.is_multipart());
    assert_eq!(call.body["content"], "Digest");
    assert_eq!(call.files.len(), 1);
    assert_eq!(
        (
            call.files[0].field.as_str(),
            call.files[0].content_type.as_deref()
        ),
        ("files[0]", Some("image/png"))
    );
    assert!(call.files[0].is_png());
    assert_eq!(fake.messages()[0].files[0].len(), png.len());
}

#[tokio::test]
async fn a_429_on_demand_carries_discords_body_and_headers() {
    let fake = FakeDiscord::start().await;
    fake.rate_limit_next(Route::CreateMessage, 1.5, 1);
    let path = format!("/channels/{GENERAL_CHANNEL_ID}/messages");
    let (status, headers, body) = call(
        &fake,
        Method::POST,
        &path,
        Some(super::BOT_TOKEN),
        Some(&text("one")),
    )
    .await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"message": "You are being rate limited.", "retry_after": 1.5, "global": false})
    );
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("retry-after"), "2");
    assert_eq!(header("x-ratelimit-remaining"), "0");
    assert_eq!(header("x-ratelimit-reset-after"), "1.500");
    assert_eq!(header("x-ratelimit-scope"), "user");
    assert!(!header("x-ratelimit-bucket").is_empty() && !header("x-ratelimit-limit").is_empty());
    assert!(header("x-ratelimit-reset").parse::<f64>().is_ok());
    // Other routes are untouched; the next call goes through.
    assert_eq!(bot(&fake, Method::GET, "/users/@me", None).await.0, 200);
    tokio::time::sleep(Duration::from_millis(20)).await;
    let (status, _) = bot(&fake, Method::POST, &path, Some(&text("one"))).await;
    assert_eq!(status, 200);
    let calls = fake.calls_to(Route::CreateMessage);
    assert_eq!(calls.len(), 2);
    assert!(calls[0].injected && calls[0].status == 429);
    assert!(calls[1].at.duration_since(calls[0].at) >= Duration::from_millis(20));
    fake.fail_next("/users/@me", 503, 1);
    assert_eq!(bot(&fake, Method::GET, "/users/@me", None).await.0, 503);
}
