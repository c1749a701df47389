//! The fixture corpus (`src/platform/slack/fixtures/`: payloads shaped after the ones Slack's
//! own SDK test suites send, Enterprise Grid, shared channels and legacy surfaces included)
//! sent to a running server exactly as Slack sends them, correctly signed: every one is
//! acknowledged with 200, processed without error, and has its effect where the bot acts on it.
//! Bytes that are not Slack's at all are still refused with 400.
//!
//! The fixtures carry their own ids; the ones naming the fixtures' main workspace (`T0ACME`,
//! and `T0GRIDA`, a workspace-level install inside an Enterprise Grid), its people (Ana and Ben,
//! `U0…`/`W0…`) and its bot are rewritten to the harness's workspace, and `response_url`s to the
//! fake's, so the bot can act on them. Ids of other installations (the org-wide install
//! `E0GRID`, the shared channel's partner) stay as they are: the bot has no token for them.

use ambassador::store::prelude::*;
use serde_json::{Value, json};

use super::fake::{self, APP_ID, BOT_ID, BOT_USER_ID, RecordedCall, TEAM_ID, dm_channel};
use super::harness::{SlackHarness, all_text, slack_id};
use super::payloads;
use super::signing::{self, SlackBody};
use crate::helpers::{Backend, repo_root};
use crate::on_both_backends;

on_both_backends!(
    every_fixture_is_acknowledged_processed_without_error_and_acted_on,
    bytes_that_are_not_slacks_are_refused_with_400,
);

/// The fixtures that remove the app; sent last, so the others find it installed.
fn removes_the_app(file: &str) -> bool {
    file.starts_with("event_app_uninstalled") || file.starts_with("event_tokens_revoked")
}

/// Where `response_url`s in the fixtures point; each becomes one of the fake's.
const HOOKS: &str = "https://hooks.invalid/";

/// Rewrites the fixtures' ids of the main workspace to the harness's.
struct Adapt {
    ids: Vec<(&'static str, String)>,
    response_url: Box<dyn Fn(&str) -> String>,
}

impl Adapt {
    fn new(h: &SlackHarness) -> Adapt {
        let ana = slack_id("ana@acme.example");
        let ben = slack_id("ben@acme.example");
        let fake_hooks = h.fake.response_url("");
        Adapt {
            ids: vec![
                ("T0ACME", TEAM_ID.into()),
                ("T0GRIDA", TEAM_ID.into()),
                ("D0ANA", dm_channel(&ana)),
                ("D0BEN", dm_channel(&ben)),
                ("U0ANA", ana.clone()),
                ("W0ANA", ana),
                ("U0BEN", ben.clone()),
                ("W0BEN", ben),
                ("U0BOT", BOT_USER_ID.into()),
                ("W0BOT", BOT_USER_ID.into()),
                ("B0AMB", BOT_ID.into()),
                ("A0AMB", APP_ID.into()),
            ],
            // One path segment per hook: `commands/T0ACME/1/abc` → `/response/commands-T0ACME-1-abc`.
            response_url: Box::new(move |rest| format!("{fake_hooks}{}", rest.replace('/', "-"))),
        }
    }

    fn text(&self, s: &str) -> String {
        if let Some(rest) = s.strip_prefix(HOOKS) {
            return (self.response_url)(rest);
        }
        self.ids
            .iter()
            .fold(s.to_string(), |s, (from, to)| s.replace(from, to))
    }

    fn json(&self, v: Value) -> Value {
        match v {
            Value::String(s) => Value::String(self.text(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(|i| self.json(i)).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, self.json(v))).collect())
            }
            other => other,
        }
    }

    fn form(&self, pairs: impl IntoIterator<Item = (String, String)>) -> SlackBody {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs {
            form.append_pair(&name, &self.text(&value));
        }
        SlackBody::form(form.finish())
    }

    /// A fixture as Slack posts it over HTTP: the endpoint and the body.
    fn request(&self, file: &str) -> (&'static str, SlackBody) {
        let raw = std::fs::read_to_string(fixtures_dir().join(file))
            .unwrap_or_else(|e| panic!("fixture {file}: {e}"));
        if file.starts_with("event_") {
            let value = serde_json::from_str(&raw).expect("an event fixture is JSON");
            return ("/slack/events", SlackBody::json(&self.json(value)));
        }
        if file.starts_with("command_") {
            let pairs: Vec<(String, String)> = if file.ends_with(".json") {
                // A Socket Mode command: over HTTP the same fields come as a form.
                let value: Value = serde_json::from_str(&raw).expect("JSON");
                value
                    .as_object()
                    .expect("an object")
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            } else {
                url::form_urlencoded::parse(raw.trim().as_bytes())
                    .into_owned()
                    .collect()
            };
            return ("/slack/commands", self.form(pairs));
        }
        assert!(file.starts_with("interaction_"), "{file}: unknown endpoint");
        let value = serde_json::from_str(&raw).expect("an interaction fixture is JSON");
        (
            "/slack/interactions",
            payloads::interaction_form(&self.json(value)),
        )
    }
}

fn fixtures_dir() -> std::path::PathBuf {
    repo_root().join("src/platform/slack/fixtures")
}

/// The calls made to method `method`.
fn to<'a>(calls: &'a [RecordedCall], method: &str) -> Vec<&'a RecordedCall> {
    calls.iter().filter(|c| c.method == method).collect()
}

/// The one views.open with this trigger id, returning the view.
fn opened(file: &str, calls: &[RecordedCall], trigger: &str) -> Value {
    let opens = to(calls, "views.open");
    assert_eq!(opens.len(), 1, "{file}: {calls:?}");
    assert_eq!(opens[0].str_param("trigger_id").as_deref(), Some(trigger));
    opens[0].json_param("view").expect("a view")
}

/// The one reply posted to a response_url, as text.
fn replied(file: &str, calls: &[RecordedCall]) -> String {
    let replies = to(calls, "response_url");
    assert_eq!(replies.len(), 1, "{file}: {calls:?}");
    all_text(&replies[0].body)
}

/// The one ephemeral message, as (user, text).
fn ephemeral(file: &str, calls: &[RecordedCall]) -> (String, String) {
    let posts = to(calls, "chat.postEphemeral");
    assert_eq!(posts.len(), 1, "{file}: {calls:?}");
    (
        posts[0].str_param("user").unwrap_or_default(),
        all_text(&posts[0].params()),
    )
}

/// The one chat.update, as (ts, blocks).
fn updated(file: &str, calls: &[RecordedCall]) -> (String, Vec<Value>) {
    let updates = to(calls, "chat.update");
    assert_eq!(updates.len(), 1, "{file}: {calls:?}");
    let blocks = updates[0].json_param("blocks").expect("blocks");
    (
        updates[0].str_param("ts").unwrap_or_default(),
        blocks.as_array().expect("a list").clone(),
    )
}

/// Whether home views were published for `user`.
fn published_for(calls: &[RecordedCall], user: &str) -> bool {
    to(calls, "views.publish")
        .iter()
        .any(|c| c.str_param("user_id").as_deref() == Some(user))
}

const UNKNOWN: &str = "I don't know you yet";

async fn every_fixture_is_acknowledged_processed_without_error_and_acted_on(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let adapt = Adapt::new(&h);
    let ana = slack_id("ana@acme.example");
    let mut files: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("the fixtures folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    // Commands, then events (Cleo joins), then interactions (she is thanked); removals last.
    files.sort_by_key(|f| removes_the_app(f));
    assert!(files.len() >= 40, "{files:?}");

    let mut acted_on = 0;
    for file in &files {
        let before = h.fake.calls().await.len();
        let kudos_before = h.kudos_count().await;
        let (path, body) = adapt.request(file);

        // Act
        let r = h.post(path, &body).await;

        // Assert: acknowledged, with what Slack needs back.
        assert_eq!(r.status(), 200, "{file}");
        let answer = r.text().await.expect("a body");
        h.settle().await;
        let calls = h.fake.calls().await.split_off(before);
        let kudos = h.kudos_count().await - kudos_before;
        let (acted, expected_kudos) = match file.as_str() {
            "event_url_verification.json" => {
                let body: Value = serde_json::from_str(&answer).expect("JSON");
                assert_eq!(body, json!({"challenge": "c2hhbGwgd2UgZGFuY2U"}));
                (true, 0)
            }
            "command_kudos.txt" => {
                let reply = replied(file, &calls);
                assert!(reply.contains("Kudos sent to Ben Carter!"), "{reply}");
                (true, 1)
            }
            "command_kudos_enterprise.txt" => {
                let view = opened(file, &calls, "1760000810.2.def");
                assert_eq!(view["callback_id"], "kudos-modal");
                (true, 0)
            }
            "command_socket_mode.json" => {
                let view = opened(file, &calls, "1760000830.4.jkl");
                assert_eq!(view["callback_id"], "kudos-modal");
                (true, 0)
            }
            // An org-wide install this server has no token for: told so, nothing done.
            "command_org_install.txt" | "interaction_block_actions_org_install.json" => {
                let reply = replied(file, &calls);
                assert!(reply.contains(UNKNOWN), "{file}: {reply}");
                (true, 0)
            }
            "event_app_home_opened.json" | "interaction_block_actions_view.json" => {
                assert!(published_for(&calls, &ana), "{file}: {calls:?}");
                (true, 0)
            }
            "event_reaction_added.json" => {
                let (user, text) = ephemeral(file, &calls);
                assert_eq!(user, ana);
                assert!(text.contains("Kudos sent to Ben Carter!"), "{text}");
                (true, 1)
            }
            // A reaction from the other side of a shared channel: its author is not ours.
            "event_reaction_added_shared_channel.json" => {
                let (user, text) = ephemeral(file, &calls);
                assert_eq!(user, "W0PARTNER");
                assert!(text.contains(UNKNOWN), "{text}");
                (true, 0)
            }
            "event_team_join.json" => {
                let cleo = h
                    .store
                    .person_by_platform_id(h.org.id, "U0CLEO")
                    .await
                    .expect("directory")
                    .expect("Cleo joined the directory");
                assert_eq!(cleo.display_name, "Cleo Park");
                assert!(published_for(&calls, "U0CLEO"), "{calls:?}");
                (true, 0)
            }
            // Presses in messages: the message is updated with the pressed element marked.
            "interaction_block_actions_accessory.json" => {
                let (ts, blocks) = updated(file, &calls);
                assert_eq!(ts, "1760001300.000100");
                assert_eq!(blocks[0]["accessory"]["style"], "primary", "{blocks:?}");
                assert_eq!(blocks[1]["block_id"], "reply:digest", "{blocks:?}");
                (true, 0)
            }
            "interaction_block_actions_message.json" => {
                let (ts, blocks) = updated(file, &calls);
                assert_eq!(ts, "1760001000.000100");
                let pressed = &blocks[1]["elements"][1];
                assert_eq!(pressed["action_id"], "pulse:42:0:5");
                assert_eq!(pressed["style"], "primary", "{blocks:?}");
                (true, 0)
            }
            "interaction_block_actions_static_select.json" => {
                let (ts, blocks) = updated(file, &calls);
                assert_eq!(ts, "1760001400.000100");
                assert_eq!(blocks[1]["block_id"], "reply:actions-0", "{blocks:?}");
                (true, 0)
            }
            // No message to update (none sent back, or a workflow's): the answer is a reply.
            "interaction_block_actions_bare_container.json"
            | "interaction_block_actions_function.json" => {
                assert!(!replied(file, &calls).is_empty());
                (true, 0)
            }
            "interaction_block_actions_ephemeral.json" => {
                let view = opened(file, &calls, "1760001101.6.pqr");
                assert_eq!(view["callback_id"], "kudos-modal");
                (true, 0)
            }
            "interaction_message_action.json" => {
                let view = opened(file, &calls, "1760002500.18.pqr");
                let blocks = view["blocks"].as_array().expect("blocks");
                let field = |id: &str| {
                    blocks
                        .iter()
                        .find(|b| b["block_id"] == id)
                        .map(|b| b["element"].clone())
                        .unwrap_or_default()
                };
                assert_eq!(
                    field("kudos_people")["initial_users"],
                    json!([slack_id("ben@acme.example")])
                );
                let quoted = field("kudos_message")["initial_value"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                assert!(
                    quoted
                        .starts_with("Shipped! Thanks @Cleo Park & @dan for the help in #release"),
                    "{quoted}"
                );
                (true, 0)
            }
            // A form missing what it needs stays open, saying what to fill in.
            "interaction_view_submission_empty_state.json" => {
                let body: Value = serde_json::from_str(&answer).expect("JSON");
                assert_eq!(body["response_action"], "errors", "{body}");
                assert!(body["errors"]["pulse_comment"].is_string(), "{body}");
                assert!(calls.is_empty(), "{calls:?}");
                (true, 0)
            }
            "interaction_view_submission_shared_channel.json" => {
                let body: Value = serde_json::from_str(&answer).expect("JSON");
                assert_eq!(body["response_action"], "errors", "{body}");
                assert!(body["errors"]["kudos_people"].is_string(), "{body}");
                assert!(calls.is_empty(), "{calls:?}");
                (true, 0)
            }
            "interaction_view_submission_kudos.json" => {
                let (user, text) = ephemeral(file, &calls);
                assert_eq!(user, ana);
                assert!(
                    text.contains("Kudos sent to Ben Carter, Cleo Park!"),
                    "{text}"
                );
                (true, 1)
            }
            // Everything else is acknowledged and deliberately left alone: nobody is bothered.
            _ => {
                assert!(calls.is_empty(), "{file} made calls: {calls:?}");
                (false, 0)
            }
        };
        acted_on += usize::from(acted);
        assert_eq!(kudos, expected_kudos, "{file}: kudos given");
    }
    // Every arm above named a fixture that exists (a renamed one would skip its checks).
    assert_eq!(acted_on, 21, "fixtures acted on");

    // Nothing was set aside with an error, and nothing is left to do.
    let failed = h.store.inbox_failed().await.expect("the inbox");
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(h.store.inbox_pending().await.expect("the inbox"), 0);

    // The removals took: a Home opened now publishes nothing, the workspace's token is gone.
    let before = h.fake.calls_to("views.publish").await.len();
    let r = h
        .event(&payloads::event_callback(payloads::app_home_opened(&ana)))
        .await;
    assert_eq!(r.status(), 200);
    h.settle().await;
    assert_eq!(h.fake.calls_to("views.publish").await.len(), before);
}

/// POSTs raw bytes, correctly signed.
async fn post_bytes(
    h: &SlackHarness,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    let ts = h.now().timestamp();
    h.client
        .post(h.url(path))
        .header("Content-Type", content_type)
        .header("X-Slack-Request-Timestamp", ts.to_string())
        .header(
            "X-Slack-Signature",
            signing::sign(signing::SIGNING_SECRET, ts, &body),
        )
        .body(body)
        .send()
        .await
        .expect("the server answers")
}

async fn bytes_that_are_not_slacks_are_refused_with_400(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let json = "application/json";
    let form = "application/x-www-form-urlencoded";
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("/slack/events", json, b"[1,2]".to_vec()),
        ("/slack/events", json, vec![0xff, 0xfe, b'{', b'}']),
        ("/slack/commands", form, vec![b'c', 0xc3, 0x28, b'=', b'1']),
        ("/slack/interactions", form, vec![0xff, b'=', 0xfe]),
        (
            "/slack/interactions",
            form,
            b"nothing=here&team_id=T1".to_vec(),
        ),
        ("/slack/interactions", form, b"payload=not+json".to_vec()),
    ];
    for (path, content_type, body) in cases {
        let shown = String::from_utf8_lossy(&body).into_owned();
        let r = post_bytes(&h, path, content_type, body).await;
        assert_eq!(r.status(), 400, "{path} {shown:?}");
    }
    // None of it was stored for processing.
    assert_eq!(
        h.store.inbox_count("slack", TEAM_ID).await.expect("count"),
        0
    );
    assert_eq!(h.store.inbox_pending().await.expect("the inbox"), 0);
    // The same endpoints still take what Slack does send.
    let r = h
        .event(&payloads::event_callback(payloads::app_home_opened(
            &slack_id("ana@acme.example"),
        )))
        .await;
    assert_eq!(r.status(), 200);
    h.settle().await;
    assert_eq!(
        h.fake.wait_for("views.publish", 1, fake::WAIT).await.len(),
        1
    );
}
