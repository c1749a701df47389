//! Slack's interactive surfaces end to end: the kudos modal (from `/kudos` and the message
//! shortcut), pulse buttons and the comment modal, the App Home, new members, and the OAuth
//! install and uninstall.

use ambassador::store::prelude::*;
use serde_json::{Value, json};

use ambassador::platform::slack::config::SlackCredentials;
use ambassador::platform::slack::installs::SlackInstalls;
use ambassador::platform::slack::token_seal::TokenKey;

use super::fake::{self, BOT_USER_ID, FakeSlack, FakeUser, FakeWorkspace, OAuthGrant, dm_channel};
use super::harness::{SlackHarness, all_text, demo_members, slack_config, slack_id};
use super::payloads::{self, Container, SlashCommand};
use crate::helpers::{Backend, TestDb};
use crate::on_both_backends;

on_both_backends!(
    kudos_modal_opens_refuses_an_empty_form_and_stores_a_valid_one,
    give_kudos_shortcut_prefills_the_author,
    pulse_buttons_record_answers_and_the_comment_modal_stores_a_comment,
    app_home_shows_the_narrative_and_a_button,
    a_new_member_joins_the_directory_and_is_welcomed,
    oauth_install_seals_the_token_and_uninstall_removes_it,
);

/// The company values the harness runs with (the shipped defaults).
fn company_values() -> Vec<String> {
    ambassador::config::defaults()
        .expect("defaults")
        .kudos
        .values
}

/// Waits for the `n`th views.open and returns its `view`, checking its trigger.
async fn opened_view(h: &SlackHarness, n: usize, trigger_id: &str) -> Value {
    let calls = h.fake.wait_for("views.open", n, fake::WAIT).await;
    let call = &calls[n - 1];
    assert_eq!(call.str_param("trigger_id").as_deref(), Some(trigger_id));
    call.json_param("view").expect("a view")
}

/// The element of input block `block_id` in a view.
fn element<'a>(view: &'a Value, block_id: &str) -> &'a Value {
    view["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .find(|b| b["block_id"] == block_id)
        .map(|b| &b["element"])
        .unwrap_or_else(|| panic!("no block {block_id} in {view}"))
}

async fn kudos_modal_opens_refuses_an_empty_form_and_stores_a_valid_one(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    let c = SlashCommand::new("/kudos", "", &olivia, &h.fake.response_url("modal"));
    assert_eq!(h.post("/slack/commands", &c.form()).await.status(), 200);
    let view = opened_view(&h, 1, &c.trigger_id).await;
    assert_eq!(view["type"], "modal");
    assert_eq!(view["callback_id"], "kudos-modal");
    let options: Vec<&str> = element(&view, "kudos_value")["options"]
        .as_array()
        .expect("options")
        .iter()
        .filter_map(|o| o["value"].as_str())
        .collect();
    assert_eq!(options, company_values(), "the values are offered: {view}");
    let metadata = view["private_metadata"].as_str().expect("metadata");
    assert!(metadata.contains("C0GENERAL"), "{metadata}");
    h.settle().await;
    assert!(
        h.fake.calls_to("response_url").await.is_empty(),
        "no usage text when the modal opened"
    );
    let stored = h
        .store
        .inbox_count("slack", fake::TEAM_ID)
        .await
        .expect("count");

    // Nobody chosen: Slack is told to keep the modal open with an error under the people.
    let value = company_values()[0].clone();
    let empty = payloads::view_submission(
        &olivia,
        "kudos-modal",
        metadata,
        payloads::state_values(&[
            ("kudos_people", "people", payloads::users_value(&[])),
            (
                "kudos_message",
                "message",
                payloads::text_value("Stayed late to fix the customer's order"),
            ),
            (
                "kudos_value",
                "value",
                payloads::option_value(Some((&value, &value))),
            ),
        ]),
    );
    let r = h.interaction(&empty).await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.expect("a JSON answer");
    assert_eq!(body["response_action"], "errors", "{body}");
    assert!(
        body["errors"]["kudos_people"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{body}"
    );
    assert_eq!(body["errors"].as_object().map(|e| e.len()), Some(1));
    h.settle().await;
    assert_eq!(
        h.store
            .inbox_count("slack", fake::TEAM_ID)
            .await
            .expect("count"),
        stored,
        "a refused form is not stored"
    );
    assert_eq!(h.kudos_count().await, 0);

    // A valid form: stored, and the giver hears of it in the channel the modal came from.
    let valid = payloads::view_submission(
        &olivia,
        "kudos-modal",
        metadata,
        payloads::state_values(&[
            ("kudos_people", "people", payloads::users_value(&[&marcus])),
            (
                "kudos_message",
                "message",
                payloads::text_value("Stayed late to fix the customer's order"),
            ),
            (
                "kudos_value",
                "value",
                payloads::option_value(Some((&value, &value))),
            ),
        ]),
    );
    let r = h.interaction(&valid).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text().await.expect("body").trim().is_empty(),
        "a valid submission closes the modal"
    );
    h.settle().await;
    assert_eq!(h.kudos_count().await, 1);
    let ephemeral = h.fake.calls_to("chat.postEphemeral").await;
    assert_eq!(ephemeral.len(), 1, "{ephemeral:?}");
    assert_eq!(
        ephemeral[0].str_param("channel").as_deref(),
        Some("C0GENERAL")
    );
    assert_eq!(
        ephemeral[0].str_param("user").as_deref(),
        Some(olivia.as_str())
    );
    assert!(
        all_text(&ephemeral[0].params()).contains("Marcus"),
        "{:?}",
        ephemeral[0].params()
    );

    // The form's message is taken as written: a leading mention stays text and a trailing
    // ticket number is not read as a company value.
    let ben = slack_id("ben@acme.example");
    let tricky = format!("<@{ben}> and I fixed ticket #1234 before the customer noticed");
    let second = payloads::view_submission(
        &olivia,
        "kudos-modal",
        metadata,
        payloads::state_values(&[
            ("kudos_people", "people", payloads::users_value(&[&marcus])),
            ("kudos_message", "message", payloads::text_value(&tricky)),
            (
                "kudos_value",
                "value",
                payloads::option_value(Some((&value, &value))),
            ),
        ]),
    );
    assert_eq!(h.interaction(&second).await.status(), 200);
    h.settle().await;
    assert_eq!(h.kudos_count().await, 2);
    let giver = h
        .store
        .person_by_platform_id(h.org.id, &olivia)
        .await
        .expect("lookup")
        .expect("olivia");
    let latest = h
        .store
        .kudos_given_by(giver.id, 1)
        .await
        .expect("kudos")
        .remove(0);
    assert_eq!(latest.message, tricky);
    assert_eq!(latest.values, vec![value.clone()]);
    assert_eq!(latest.recipients.len(), 1, "only Marcus was chosen");
}

async fn give_kudos_shortcut_prefills_the_author(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    let message = payloads::message(
        &marcus,
        "Fixed the refund for Acme &amp; Co before lunch",
        &payloads::fresh_ts(),
        Value::Null,
    );
    let shortcut = payloads::message_shortcut(
        &olivia,
        "give_kudos",
        "C0GENERAL",
        message,
        &h.fake.response_url("shortcut"),
    );
    let trigger = shortcut["trigger_id"]
        .as_str()
        .expect("trigger")
        .to_string();
    assert_eq!(h.interaction(&shortcut).await.status(), 200);
    let view = opened_view(&h, 1, &trigger).await;
    assert_eq!(view["callback_id"], "kudos-modal");
    assert_eq!(
        element(&view, "kudos_people")["initial_users"],
        json!([marcus]),
        "{view}"
    );
    let text = element(&view, "kudos_message")["initial_value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        text.contains("Acme & Co"),
        "the message is quoted unescaped: {text}"
    );
    assert!(
        view["private_metadata"]
            .as_str()
            .is_some_and(|m| m.contains("C0GENERAL"))
    );
    h.settle().await;
    assert_eq!(h.kudos_count().await, 0, "nothing is given until submitted");
}

/// The action ids of every button in `blocks`.
fn button_ids(blocks: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    for block in blocks.as_array().into_iter().flatten() {
        for e in block["elements"].as_array().into_iter().flatten() {
            if e["type"] == "button"
                && let Some(id) = e["action_id"].as_str()
            {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

async fn pulse_buttons_record_answers_and_the_comment_modal_stores_a_comment(backend: Backend) {
    // Pulses go out on the scheduler's tick; a short one keeps the test quick.
    let fake = FakeSlack::start().await;
    fake.set_members(fake::TEAM_ID, demo_members()).await;
    let db = TestDb::new(backend).await;
    let mut config = slack_config(&db, &fake);
    config.app.settings.scheduler.tick_seconds = 1;
    let h = SlackHarness::start_with(fake, db, config).await;
    let olivia = slack_id("olivia@acme.example");
    let ben_email = "ben@acme.example";
    let ben = slack_id(ben_email);
    let reply = h.command_reply(&olivia, "/ambassador", "pulse start").await;
    assert!(all_text(&reply).contains("Pulse round started"), "{reply}");

    // Every active demo person gets the pulse by DM, with answer buttons.
    let active = demo_members().iter().filter(|m| !m.deleted).count();
    let is_pulse = |c: &fake::RecordedCall| {
        button_ids(&c.json_param("blocks").unwrap_or_default())
            .iter()
            .any(|id| id.starts_with("pulse:"))
    };
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    while h
        .fake
        .calls_to("chat.postMessage")
        .await
        .iter()
        .filter(|c| is_pulse(c))
        .count()
        < active
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    h.settle().await;
    let posts = h.fake.calls_to("chat.postMessage").await;
    assert_eq!(
        posts.iter().filter(|c| is_pulse(c)).count(),
        active,
        "one pulse per active person"
    );
    for member in demo_members().iter().filter(|m| !m.deleted) {
        let pulse = posts
            .iter()
            .find(|c| c.str_param("channel").as_deref() == Some(member.id.as_str()) && is_pulse(c));
        assert!(
            pulse.is_some(),
            "{} gets the pulse; reply {reply}; posts: {:?}",
            member.id,
            posts.iter().map(|c| c.params()).collect::<Vec<_>>()
        );
    }
    for member in demo_members().iter().filter(|m| m.deleted) {
        assert!(
            posts
                .iter()
                .all(|c| c.str_param("channel").as_deref() != Some(member.id.as_str())),
            "{} left and is not asked",
            member.id
        );
    }

    // Ben presses the first answer of the first question.
    let channel = dm_channel(&ben);
    let (ts, shown) = h
        .fake
        .messages_in(&channel)
        .await
        .into_iter()
        .find(|(_, m)| {
            button_ids(&m["blocks"])
                .iter()
                .any(|id| id.starts_with("pulse:"))
        })
        .expect("Ben's pulse message");
    let blocks = shown["blocks"].clone();
    let actions = blocks
        .as_array()
        .expect("blocks")
        .iter()
        .position(|b| b["type"] == "actions" && !button_ids(&json!([b])).is_empty())
        .expect("an actions block");
    let first = &blocks[actions]["elements"][0];
    let action_id = first["action_id"].as_str().expect("id").to_string();
    assert!(action_id.starts_with("pulse:"), "{action_id}");
    let mut action = payloads::button_action(&action_id, first["value"].as_str().unwrap_or(""));
    action["block_id"] = blocks[actions]["block_id"].clone();
    let text = shown["text"].as_str().unwrap_or_default();
    let message = payloads::message(BOT_USER_ID, text, &ts, blocks.clone());
    let click = payloads::block_actions(
        &ben,
        Container::Message {
            channel: channel.clone(),
            message,
        },
        action,
        &h.fake.response_url("click"),
    );
    assert_eq!(h.interaction(&click).await.status(), 200);
    h.settle().await;

    let org = h.org.id;
    let person = h
        .store
        .person_by_platform_id(org, &ben)
        .await
        .expect("directory")
        .expect("Ben");
    let (round, delivery) = h
        .store
        .latest_round_for(person.id)
        .await
        .expect("rounds")
        .expect("Ben's round");
    assert!(delivery.responded, "the answer is recorded");

    let updates = h.fake.calls_to("chat.update").await;
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert_eq!(updates[0].str_param("ts").as_deref(), Some(ts.as_str()));
    let now = h.fake.message(&channel, &ts).await.expect("the message");
    let now_blocks = now["blocks"].as_array().expect("blocks").clone();
    let pressed = now_blocks[actions]["elements"]
        .as_array()
        .expect("buttons")
        .iter()
        .find(|e| e["action_id"] == action_id.as_str())
        .expect("the pressed button");
    assert_eq!(pressed["style"], "primary", "{pressed}");
    let others_plain = now_blocks[actions]["elements"]
        .as_array()
        .expect("buttons")
        .iter()
        .filter(|e| e["action_id"] != action_id.as_str())
        .all(|e| e.get("style").is_none_or(|s| s != "primary"));
    assert!(others_plain, "only the pressed button is marked");
    let under = &now_blocks[actions + 1];
    assert_eq!(under["type"], "context", "{under}");
    assert!(
        under["block_id"]
            .as_str()
            .is_some_and(|id| id.starts_with("reply:")),
        "{under}"
    );
    assert!(!all_text(under).is_empty());

    // "Add a comment" opens the comment modal; submitting it stores the comment.
    let mut comment = payloads::button_action("pulse-comment", "pulse-comment");
    comment["block_id"] = json!("comment");
    let press = payloads::block_actions(
        &ben,
        Container::Message {
            channel: channel.clone(),
            message: payloads::message(BOT_USER_ID, text, &ts, now["blocks"].clone()),
        },
        comment,
        &h.fake.response_url("comment"),
    );
    let trigger = press["trigger_id"].as_str().expect("trigger").to_string();
    assert!(
        button_ids(&now["blocks"])
            .iter()
            .any(|id| id == "pulse-comment"),
        "the pulse offers a comment button: {now}"
    );
    assert_eq!(h.interaction(&press).await.status(), 200);
    let view = opened_view(&h, 1, &trigger).await;
    assert_eq!(view["callback_id"], "pulse-comment-modal");
    let submit = payloads::view_submission(
        &ben,
        "pulse-comment-modal",
        view["private_metadata"].as_str().unwrap_or(""),
        payloads::state_values(&[(
            "pulse_comment",
            "comment",
            payloads::text_value("More time with customers, please"),
        )]),
    );
    let r = h.interaction(&submit).await;
    assert_eq!(r.status(), 200);
    h.settle().await;
    let comments = h.store.comments(round.id).await.expect("comments");
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert_eq!(comments[0].1, "More time with customers, please");
}

async fn app_home_shows_the_narrative_and_a_button(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let olivia = slack_id("olivia@acme.example");
    let marcus = slack_id("marcus@acme.example");
    let set = h
        .command_reply(
            &olivia,
            "/ambassador",
            "narrative set en\n# Customers first, always\nWe answer within the hour.\n## Fast answers\nA person replies within an hour.\n- #customer-first: start from the customer",
        )
        .await;
    assert!(all_text(&set).contains("Saved version"), "{set}");
    h.settle().await;
    let r = h
        .event(&payloads::event_callback(payloads::app_home_opened(
            &marcus,
        )))
        .await;
    assert_eq!(r.status(), 200);
    h.settle().await;
    let publishes = h.fake.calls_to("views.publish").await;
    let call = publishes
        .iter()
        .find(|c| c.str_param("user_id").as_deref() == Some(marcus.as_str()))
        .unwrap_or_else(|| panic!("no home for Marcus: {publishes:?}"));
    let view = call.json_param("view").expect("a view");
    assert_eq!(view["type"], "home");
    let text = all_text(&view);
    assert!(text.contains("Customers first, always"), "{text}");
    assert!(text.contains("We answer within the hour."), "{text}");
    assert!(!button_ids(&view["blocks"]).is_empty(), "{view}");
    assert!(h.fake.home_view(&marcus).await.is_some());
}

async fn a_new_member_joins_the_directory_and_is_welcomed(backend: Backend) {
    let h = SlackHarness::start(backend).await;
    let mut nina = FakeUser::person("UNINANEW", "Nina Novak");
    nina.email = Some("nina.novak@acme.example".into());
    nina.tz = "Europe/London".into();
    let org = h.org.id;
    assert!(
        h.store
            .person_by_platform_id(org, &nina.id)
            .await
            .expect("directory")
            .is_none()
    );
    let r = h
        .event(&payloads::event_callback(payloads::team_join(
            &nina,
            fake::TEAM_ID,
        )))
        .await;
    assert_eq!(r.status(), 200);
    h.settle().await;
    let person = h
        .store
        .person_by_platform_id(org, &nina.id)
        .await
        .expect("directory")
        .expect("Nina is in the directory");
    assert!(person.is_active);
    assert!(person.display_name.contains("Nina"), "{person:?}");
    let posts = h.fake.calls_to("chat.postMessage").await;
    let welcome = posts
        .iter()
        .find(|c| {
            let ch = c.str_param("channel");
            ch.as_deref() == Some(nina.id.as_str()) || ch == Some(dm_channel(&nina.id))
        })
        .unwrap_or_else(|| panic!("no DM for Nina: {posts:?}"));
    assert!(
        all_text(&welcome.params()).contains("Welcome"),
        "{:?}",
        welcome.params()
    );
}

async fn oauth_install_seals_the_token_and_uninstall_removes_it(backend: Backend) {
    let fake = FakeSlack::start().await;
    let db = TestDb::new(backend).await;
    let mut config = slack_config(&db, &fake);
    config.slack.credentials = SlackCredentials {
        bot_token: None,
        client_id: Some(fake::CLIENT_ID.into()),
        client_secret: Some(fake::CLIENT_SECRET.into()),
        token_key: Some(TokenKey::parse(&"ab".repeat(32)).expect("a key")),
        ..config.slack.credentials
    };
    let h = SlackHarness::start_with(fake, db, config).await;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");

    let install = |b: &reqwest::Client| b.get(h.url("/slack/install")).send();
    let r = install(&browser).await.expect("answers");
    assert_eq!(r.status(), 302);
    let location = r.headers()["location"].to_str().expect("text").to_string();
    let url = url::Url::parse(&location).expect("a URL");
    assert!(url.path().ends_with("/oauth/v2/authorize"), "{location}");
    assert!(location.starts_with(&format!("http://{}", h.fake.addr())));
    let q: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(
        q.get("client_id").map(String::as_str),
        Some(fake::CLIENT_ID)
    );
    assert!(
        q.get("scope")
            .is_some_and(|s| s.split(',').any(|x| x == "commands")),
        "{location}"
    );
    let state = q.get("state").expect("a state").clone();
    assert!(state.len() >= 16, "{state}");

    let team = "T0NEWTEAM1";
    let workspace = FakeWorkspace::new(team, "New Team");
    let token = workspace.bot_token.clone();
    h.fake
        .add_oauth_code("code-1", OAuthGrant::new(workspace.clone(), "UINSTALLER"))
        .await;
    h.fake
        .add_oauth_code("code-2", OAuthGrant::new(workspace.clone(), "UINSTALLER"))
        .await;
    let callback = |code: &str, state: &str| {
        browser
            .get(h.url("/slack/oauth/callback"))
            .query(&[("code", code), ("state", state)])
            .send()
    };

    // An unknown state installs nothing and never trades the code.
    let r = callback("code-2", "not-a-state-we-issued")
        .await
        .expect("answers");
    assert_eq!(r.status(), 400);
    assert!(
        h.store
            .slack_install(team)
            .await
            .expect("installs")
            .is_none()
    );
    assert!(h.fake.calls_to("oauth.v2.access").await.is_empty());

    let r = callback("code-1", &state).await.expect("answers");
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("page");
    assert!(page.contains("New Team"), "{page}");
    let stored = h
        .store
        .slack_install(team)
        .await
        .expect("installs")
        .expect("the install is stored");
    assert!(!stored.bot_token_sealed.contains(&token));
    assert!(!stored.bot_token_sealed.contains("xoxb-"));
    assert_eq!(stored.bot_user_id, workspace.bot_user_id);
    assert!(
        h.store
            .find_org("slack", team)
            .await
            .expect("orgs")
            .is_some(),
        "the workspace has an org"
    );

    // The same state again: refused, however valid the code.
    let r = callback("code-2", &state).await.expect("answers");
    assert_eq!(r.status(), 400);
    assert_eq!(h.fake.calls_to("oauth.v2.access").await.len(), 1);

    // Uninstalling removes the token.
    let bot = workspace.bot_user_id.as_str();
    let r = h
        .event(&payloads::event_callback_in(
            team,
            bot,
            payloads::app_uninstalled(),
        ))
        .await;
    assert_eq!(r.status(), 200);
    h.settle().await;
    assert!(
        h.store
            .slack_install(team)
            .await
            .expect("installs")
            .is_none()
    );

    // Reinstalled, then its tokens revoked: removed again.
    let r = install(&browser).await.expect("answers");
    let location = r.headers()["location"].to_str().expect("text").to_string();
    let state = url::Url::parse(&location)
        .expect("a URL")
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .expect("a state");
    h.fake
        .add_oauth_code("code-3", OAuthGrant::new(workspace.clone(), "UINSTALLER"))
        .await;
    assert_eq!(
        callback("code-3", &state).await.expect("answers").status(),
        200
    );
    assert!(
        h.store
            .slack_install(team)
            .await
            .expect("installs")
            .is_some()
    );
    let r = h
        .event(&payloads::event_callback_in(
            team,
            bot,
            payloads::tokens_revoked(&[bot]),
        ))
        .await;
    assert_eq!(r.status(), 200);
    h.settle().await;
    assert!(
        h.store
            .slack_install(team)
            .await
            .expect("installs")
            .is_none()
    );
}
