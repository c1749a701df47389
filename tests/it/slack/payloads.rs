//! Real-shaped Slack payloads for tests: slash commands, Events API callbacks and interactions,
//! with every field slack-morphism 2.31 requires (see `fake_smoke.rs`, which parses each one
//! with its models). Shapes follow Slack's docs and bolt-python's test payloads, as collected in
//! `shared/reference/chat-protocols.md`.
//!
//! HTTP tests send them with [`super::signing`]: commands as [`SlashCommand::form`], events as
//! `SlackBody::json(&event_callback(…))`, interactions as [`interaction_form`]. Socket Mode tests
//! wrap the same JSON in a [`super::fake::Envelope`].

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};

use super::fake::{APP_ID, BOT_ID, BOT_USER_ID, FakeUser, TEAM_DOMAIN, TEAM_ID, dm_channel};
use super::signing::{SlackBody, unix_now};

/// A number unique within the test run, for event ids, trigger ids and timestamps.
fn fresh() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A fresh message timestamp (`seconds.micros`), as Slack gives every message.
pub fn fresh_ts() -> String {
    format!("{}.{:06}", unix_now(), fresh() % 1_000_000)
}

/// A fresh `trigger_id`, which views.open needs.
pub fn fresh_trigger_id() -> String {
    format!("{}.{}.fake{:08x}", fresh(), 4_242, fresh())
}

/// A slash command as Slack posts it; every field is public so a test can change one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlashCommand {
    /// Deprecated verification token; still sent.
    pub token: String,
    /// Workspace.
    pub team_id: String,
    /// Workspace domain.
    pub team_domain: String,
    /// Where the command was typed.
    pub channel_id: String,
    /// That channel's name.
    pub channel_name: String,
    /// Who typed it.
    pub user_id: String,
    /// Their handle (deprecated).
    pub user_name: String,
    /// The command, with its slash (`/kudos`).
    pub command: String,
    /// Everything after the command.
    pub text: String,
    /// The app.
    pub api_app_id: String,
    /// Where delayed replies go (use `FakeSlack::response_url`).
    pub response_url: String,
    /// For opening a modal.
    pub trigger_id: String,
}

impl SlashCommand {
    /// `command text` typed by `user_id` in channel `C0GENERAL` of the default workspace.
    pub fn new(command: &str, text: &str, user_id: &str, response_url: &str) -> Self {
        Self {
            token: "fake-verification-token".into(),
            team_id: TEAM_ID.into(),
            team_domain: TEAM_DOMAIN.into(),
            channel_id: "C0GENERAL".into(),
            channel_name: "general".into(),
            user_id: user_id.into(),
            user_name: format!("user-{user_id}"),
            command: command.into(),
            text: text.into(),
            api_app_id: APP_ID.into(),
            response_url: response_url.into(),
            trigger_id: fresh_trigger_id(),
        }
    }

    fn fields(&self) -> [(&'static str, &str); 12] {
        [
            ("token", &self.token),
            ("team_id", &self.team_id),
            ("team_domain", &self.team_domain),
            ("channel_id", &self.channel_id),
            ("channel_name", &self.channel_name),
            ("user_id", &self.user_id),
            ("user_name", &self.user_name),
            ("command", &self.command),
            ("text", &self.text),
            ("api_app_id", &self.api_app_id),
            ("response_url", &self.response_url),
            ("trigger_id", &self.trigger_id),
        ]
    }

    /// The form body Slack posts to the command URL.
    pub fn form(&self) -> SlackBody {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.extend_pairs(self.fields());
        SlackBody::form(form.finish())
    }

    /// The same fields as the JSON object a Socket Mode `slash_commands` envelope carries.
    pub fn json(&self) -> Value {
        let fields = self.fields().map(|(k, v)| (k.to_owned(), json!(v)));
        Value::Object(fields.into_iter().collect())
    }
}

/// An interaction as Slack posts it over HTTP: one form field `payload` holding the JSON.
pub fn interaction_form(payload: &Value) -> SlackBody {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("payload", &payload.to_string());
    SlackBody::form(form.finish())
}

/// The `url_verification` challenge Slack sends when the events URL is saved.
pub fn url_verification(challenge: &str) -> Value {
    json!({"token": "fake-verification-token", "challenge": challenge, "type": "url_verification"})
}

/// An `event_callback` envelope for `event` in the default workspace, with a fresh `event_id`.
pub fn event_callback(event: Value) -> Value {
    event_callback_in(TEAM_ID, BOT_USER_ID, event)
}

/// An `event_callback` envelope for `event` in workspace `team_id`, whose bot is `bot_user_id`.
pub fn event_callback_in(team_id: &str, bot_user_id: &str, event: Value) -> Value {
    let n = fresh();
    json!({
        "token": "fake-verification-token",
        "team_id": team_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": format!("Ev{n:010}"),
        "event_time": unix_now(),
        "authorizations": [{
            "enterprise_id": null,
            "team_id": team_id,
            "user_id": bot_user_id,
            "is_bot": true,
            "is_enterprise_install": false,
        }],
        "is_ext_shared_channel": false,
        "event_context": format!("4-fake-event-context-{n}"),
    })
}

/// `user` reacted with `:reaction:` to message `ts` in `channel`, written by `item_user`
/// (absent for messages no person wrote, such as webhooks).
pub fn reaction_added(
    user: &str,
    reaction: &str,
    item_user: Option<&str>,
    channel: &str,
    ts: &str,
) -> Value {
    let mut event = json!({
        "type": "reaction_added",
        "user": user,
        "reaction": reaction,
        "item": {"type": "message", "channel": channel, "ts": ts},
        "event_ts": fresh_ts(),
    });
    if let Some(author) = item_user {
        event["item_user"] = json!(author);
    }
    event
}

/// `user` opened the app's Home tab (the DM channel comes with it).
pub fn app_home_opened(user: &str) -> Value {
    json!({
        "type": "app_home_opened",
        "user": user,
        "channel": dm_channel(user),
        "tab": "home",
        "event_ts": fresh_ts(),
    })
}

/// `user` joined workspace `team_id`; the event carries the full user object.
pub fn team_join(user: &FakeUser, team_id: &str) -> Value {
    json!({"type": "team_join", "user": user.to_json(team_id, false), "event_ts": fresh_ts()})
}

/// The app was uninstalled from the workspace of the envelope.
pub fn app_uninstalled() -> Value {
    json!({"type": "app_uninstalled", "event_ts": fresh_ts()})
}

/// The tokens of these bot users were revoked (slack-morphism has no model: it arrives raw).
pub fn tokens_revoked(bot_user_ids: &[&str]) -> Value {
    json!({
        "type": "tokens_revoked",
        "tokens": {"oauth": [], "bot": bot_user_ids},
        "event_ts": fresh_ts(),
    })
}

/// `user` wrote `text` to the bot in their DM with it.
pub fn message_im(user: &str, text: &str) -> Value {
    let ts = fresh_ts();
    json!({
        "type": "message",
        "channel": dm_channel(user),
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im",
    })
}

/// The `user` object of interaction payloads.
fn interaction_user(user: &str) -> Value {
    json!({"id": user, "username": format!("user-{user}"), "name": format!("user-{user}"), "team_id": TEAM_ID})
}

fn interaction_team() -> Value {
    json!({"id": TEAM_ID, "domain": TEAM_DOMAIN})
}

/// A message as interactions carry it: written by `user` (the bot's id for its own messages).
pub fn message(user: &str, text: &str, ts: &str, blocks: Value) -> Value {
    let mut message =
        json!({"type": "message", "user": user, "text": text, "ts": ts, "team": TEAM_ID});
    if user == BOT_USER_ID {
        message["bot_id"] = json!(BOT_ID);
    }
    if !blocks.is_null() {
        message["blocks"] = blocks;
    }
    message
}

/// A click on a button: `action_id` and the button's `value`.
pub fn button_action(action_id: &str, value: &str) -> Value {
    json!({
        "type": "button",
        "action_id": action_id,
        "block_id": format!("block-{}", fresh()),
        "text": {"type": "plain_text", "text": value, "emoji": true},
        "value": value,
        "action_ts": fresh_ts(),
    })
}

/// A choice in a static select: the option's `value` and its `label`.
pub fn select_action(action_id: &str, value: &str, label: &str) -> Value {
    json!({
        "type": "static_select",
        "action_id": action_id,
        "block_id": format!("block-{}", fresh()),
        "selected_option": {"text": {"type": "plain_text", "text": label, "emoji": true}, "value": value},
        "action_ts": fresh_ts(),
    })
}

/// Where a clicked element lives.
#[derive(Debug, Clone)]
pub enum Container {
    /// A message in `channel` (a DM's `D…` id for pulses), carried in full as `message`
    /// (build it with [`message`], e.g. from `FakeSlack::message`'s blocks).
    Message {
        /// Channel id.
        channel: String,
        /// The message, with `ts`.
        message: Value,
    },
    /// A modal or the Home tab: the view as Slack sends it (`id`, `type`, `blocks`…).
    View(Value),
}

/// A `block_actions` interaction: `user` used `action` in `container`.
pub fn block_actions(user: &str, container: Container, action: Value, response_url: &str) -> Value {
    let mut payload = json!({
        "type": "block_actions",
        "user": interaction_user(user),
        "api_app_id": APP_ID,
        "token": "fake-verification-token",
        "trigger_id": fresh_trigger_id(),
        "team": interaction_team(),
        "actions": [action],
        "state": {"values": {}},
    });
    match container {
        Container::Message { channel, message } => {
            payload["container"] = json!({
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": channel,
                "is_ephemeral": false,
            });
            payload["channel"] = json!({"id": channel, "name": "directmessage"});
            payload["message"] = message;
            payload["response_url"] = json!(response_url);
        }
        Container::View(view) => {
            payload["container"] = json!({"type": "view", "view_id": view["id"]});
            payload["view"] = view;
        }
    }
    payload
}

/// A message shortcut (`message_action`): `user` chose shortcut `callback_id` on `message` in
/// `channel`.
pub fn message_shortcut(
    user: &str,
    callback_id: &str,
    channel: &str,
    message: Value,
    response_url: &str,
) -> Value {
    json!({
        "type": "message_action",
        "token": "fake-verification-token",
        "action_ts": fresh_ts(),
        "team": interaction_team(),
        "user": interaction_user(user),
        "channel": {"id": channel, "name": "general"},
        "callback_id": callback_id,
        "trigger_id": fresh_trigger_id(),
        "message_ts": message["ts"],
        "message": message,
        "response_url": response_url,
    })
}

/// A plain_text_input's state value.
pub fn text_value(text: &str) -> Value {
    json!({"type": "plain_text_input", "value": text})
}

/// A multi_users_select's state value.
pub fn users_value(users: &[&str]) -> Value {
    json!({"type": "multi_users_select", "selected_users": users})
}

/// A static_select's state value; `None` when nothing was chosen.
pub fn option_value(choice: Option<(&str, &str)>) -> Value {
    let selected = choice.map(|(value, label)| {
        json!({"text": {"type": "plain_text", "text": label, "emoji": true}, "value": value})
    });
    json!({"type": "static_select", "selected_option": selected})
}

/// `view.state.values` from `(block_id, action_id, value)` triples.
pub fn state_values(entries: &[(&str, &str, Value)]) -> Value {
    let mut values = json!({});
    for (block_id, action_id, value) in entries {
        values[*block_id][*action_id] = value.clone();
    }
    values
}

/// A `view_submission`: `user` submitted modal `callback_id` with these state `values`
/// (see [`state_values`]) and the `private_metadata` the modal was opened with.
pub fn view_submission(
    user: &str,
    callback_id: &str,
    private_metadata: &str,
    values: Value,
) -> Value {
    let view_id = format!("V{:010}", fresh());
    json!({
        "type": "view_submission",
        "team": interaction_team(),
        "user": interaction_user(user),
        "api_app_id": APP_ID,
        "token": "fake-verification-token",
        "trigger_id": fresh_trigger_id(),
        "view": {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "blocks": [],
            "state": {"values": values},
            "hash": format!("{}.fakehash", unix_now()),
            "title": {"type": "plain_text", "text": "Ambassador"},
            "submit": {"type": "plain_text", "text": "Submit"},
            "close": {"type": "plain_text", "text": "Cancel"},
            "previous_view_id": null,
            "root_view_id": view_id,
            "app_id": APP_ID,
            "external_id": "",
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        },
        "response_urls": [],
    })
}
