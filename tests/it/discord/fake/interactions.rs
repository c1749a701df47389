//! Discord's client side: the interactions people cause, built the way Discord sends them, and
//! their signed delivery to the bot's HTTP endpoint.
//!
//! Shapes from discord-api-docs `interactions/receiving-and-responding.mdx` (Interaction
//! object: `id, application_id, type, data, guild?, guild_id?, channel?, channel_id?, member?`
//! (in a guild; `member.user` is the user, `member.permissions` set), `user?` (in a DM),
//! `token, version:1, message?` (components), `app_permissions, locale, guild_locale?,
//! entitlements, authorizing_integration_owners` (`{"0": guild id}` for a guild install, `"0"`
//! in the bot's DM), `context` (0 guild, 1 bot DM), `attachment_size_limit`), the "Slash
//! Command Interaction" example of `application-commands.mdx` (options `{type, name, value}`;
//! user options (type 6) resolved in `data.resolved.users` and, in a guild,
//! `data.resolved.members` without `user`), components `{custom_id, component_type}` with the
//! `message` they are on, and modal submits `{custom_id, components:[{type:1,
//! components:[{type:4, custom_id, value}]}]}` (`chat-protocols.md` section 11). serenity
//! 0.12.5 requires `attachment_size_limit`, `entitlements`, `locale`, `version`, `token`.

use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value, json};

use super::callbacks::accept;
use super::guild::{BOT_PERMISSIONS, FakeMember};
use super::signer::{self, BotAnswer, Forgery};
use super::state::{IssuedInteraction, State};
use super::users::dm_channel_json;
use super::views::{Callback, CallbackVia};
use super::{APPLICATION_ID, GUILD_ID, Inner};

/// Discord's upload limit for a guild without boosts: 10 MiB.
const ATTACHMENT_SIZE_LIMIT: u64 = 10 * 1024 * 1024;

/// An option of a slash command as the user filled it in.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandOption {
    /// Type 3.
    String { name: String, value: String },
    /// Type 4.
    Integer { name: String, value: i64 },
    /// Type 5.
    Boolean { name: String, value: bool },
    /// Type 6, resolved in `data.resolved`.
    User { name: String, member: FakeMember },
}

impl CommandOption {
    /// A string option (type 3).
    pub fn string(name: &str, value: &str) -> Self {
        Self::String {
            name: name.into(),
            value: value.into(),
        }
    }

    /// An integer option (type 4).
    pub fn integer(name: &str, value: i64) -> Self {
        Self::Integer {
            name: name.into(),
            value,
        }
    }

    /// A boolean option (type 5).
    pub fn boolean(name: &str, value: bool) -> Self {
        Self::Boolean {
            name: name.into(),
            value,
        }
    }

    /// A user option (type 6): the value is the user's id, the user resolved.
    pub fn user(name: &str, member: &FakeMember) -> Self {
        Self::User {
            name: name.into(),
            member: member.clone(),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Self::String { name, value } => json!({"type": 3, "name": name, "value": value}),
            Self::Integer { name, value } => json!({"type": 4, "name": name, "value": value}),
            Self::Boolean { name, value } => json!({"type": 5, "name": name, "value": value}),
            Self::User { name, member } => {
                json!({"type": 6, "name": name, "value": member.user_id})
            }
        }
    }
}

/// Discord as a client: builds interactions (remembered by the fake, so the bot's callbacks
/// can be matched), signs them, forges them, and posts them to the bot.
#[derive(Debug, Clone)]
pub struct DiscordClient {
    inner: Arc<Inner>,
}

impl DiscordClient {
    pub(super) fn new(inner: Arc<Inner>) -> Self {
        Self { inner }
    }

    /// The bot's DM channel with `member`, opened in the fake if need be.
    pub fn dm_channel(&self, member: &FakeMember) -> String {
        self.inner.change(|state| state.open_dm(&member.user_id))
    }

    /// A PING, which Discord sends to check an endpoint.
    pub fn ping(&self) -> Value {
        self.inner.change(|state| {
            let (id, token) = (state.next_snowflake(), token_for(state));
            let payload = json!({
                "id": id,
                "application_id": APPLICATION_ID,
                "type": 1,
                "token": token,
                "version": 1,
                "user": null,
                "entitlements": [],
                "authorizing_integration_owners": {},
                "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            });
            remember(state, &payload, None, None);
            payload
        })
    }

    /// `member` runs `/name` with `options` in `channel_id`: a guild channel (with `member`,
    /// context 0) or the bot's DM with them (with `user`, context 1; see
    /// [`DiscordClient::dm_channel`]). The command id is the registered one when the bot
    /// registered `name`.
    pub fn command(
        &self,
        member: &FakeMember,
        channel_id: &str,
        name: &str,
        options: Vec<CommandOption>,
    ) -> Value {
        self.inner.change(|state| {
            let mut payload = base(state, member, channel_id, 2);
            let registered = state
                .commands
                .iter()
                .find(|c| c["name"] == name && c["type"].as_u64() == Some(1))
                .and_then(|c| c["id"].as_str().map(str::to_owned));
            let command_id = registered.clone().unwrap_or_else(|| state.next_snowflake());
            let in_guild = payload.get("guild_id").is_some();
            let mut data = json!({
                "id": command_id,
                "name": name,
                "type": 1,
                "options": options.iter().map(CommandOption::to_json).collect::<Vec<_>>(),
            });
            if registered.is_some() {
                data["guild_id"] = json!(GUILD_ID);
            }
            let mut users = Map::new();
            let mut members = Map::new();
            for option in &options {
                if let CommandOption::User { member, .. } = option {
                    users.insert(member.user_id.clone(), member.user_json());
                    if in_guild {
                        members.insert(member.user_id.clone(), member.resolved_member_json());
                    }
                }
            }
            if !users.is_empty() {
                data["resolved"] = json!({"users": users});
                if in_guild {
                    data["resolved"]["members"] = Value::Object(members);
                }
            }
            payload["data"] = data;
            remember(state, &payload, Some(channel_id.to_owned()), None);
            payload
        })
    }

    /// `member` presses the button `custom_id` on `message` (a Message object, such as
    /// [`super::SentMessage::object`]), in whatever channel the message is.
    pub fn button(&self, member: &FakeMember, message: &Value, custom_id: &str) -> Value {
        self.inner.change(|state| {
            let channel_id = message["channel_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let mut payload = base(state, member, &channel_id, 3);
            payload["message"] = message.clone();
            payload["data"] = json!({"custom_id": custom_id, "component_type": 2});
            let message_id = message["id"].as_str().map(str::to_owned);
            remember(state, &payload, Some(channel_id), message_id);
            payload
        })
    }

    /// `member` submits the modal `custom_id` in `channel_id` with text inputs
    /// `(custom_id, value)`, one per action row.
    pub fn modal_submit(
        &self,
        member: &FakeMember,
        channel_id: &str,
        custom_id: &str,
        fields: &[(&str, &str)],
    ) -> Value {
        self.inner.change(|state| {
            let mut payload = base(state, member, channel_id, 5);
            let rows: Vec<Value> = fields
                .iter()
                .map(|(id, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}))
                .collect();
            payload["data"] = json!({"custom_id": custom_id, "components": rows});
            remember(state, &payload, Some(channel_id.to_owned()), None);
            payload
        })
    }

    /// Signs `payload` as Discord does (timestamp now) and posts it to the bot's
    /// `POST /discord/interactions` URL `endpoint`. A 200 answer with a `type` counts as the
    /// interaction's callback ([`CallbackVia::Inline`]), checked like one.
    pub async fn send(&self, endpoint: &str, payload: &Value) -> BotAnswer {
        let body = serde_json::to_vec(payload).expect("serialise an interaction");
        let (body, timestamp, signature) = signer::forge(&body, now(), None);
        let answer = signer::post(endpoint, body, timestamp, signature).await;
        self.record_inline(payload, &answer);
        answer
    }

    /// Posts `payload` forged one way ([`Forgery`]).
    pub async fn send_forged(
        &self,
        endpoint: &str,
        payload: &Value,
        forgery: Forgery,
    ) -> BotAnswer {
        let body = serde_json::to_vec(payload).expect("serialise an interaction");
        let (body, timestamp, signature) = signer::forge(&body, now(), Some(forgery));
        let answer = signer::post(endpoint, body, timestamp, signature).await;
        self.record_inline(payload, &answer);
        answer
    }

    /// Posts `payload` validly signed at `timestamp` (seconds since the epoch): a replay of
    /// an old delivery when in the past.
    pub async fn send_at(&self, endpoint: &str, payload: &Value, timestamp: i64) -> BotAnswer {
        let body = serde_json::to_vec(payload).expect("serialise an interaction");
        let stamp = timestamp.to_string();
        let signature = signer::sign(&stamp, &body);
        let answer = signer::post(endpoint, body, Some(stamp), Some(signature)).await;
        self.record_inline(payload, &answer);
        answer
    }

    /// Posts raw bytes with exactly these headers.
    pub async fn send_raw(
        &self,
        endpoint: &str,
        body: Vec<u8>,
        timestamp: Option<&str>,
        signature: Option<&str>,
    ) -> BotAnswer {
        signer::post(
            endpoint,
            body,
            timestamp.map(str::to_owned),
            signature.map(str::to_owned),
        )
        .await
    }

    fn record_inline(&self, payload: &Value, answer: &BotAnswer) {
        let Some(id) = payload["id"].as_str() else {
            return;
        };
        if answer.status != 200 || answer.body.get("type").is_none() {
            return;
        }
        self.inner.change(|state| {
            if let Err(reply) = accept(state, id, &answer.body, &[], CallbackVia::Inline) {
                state.callbacks.push(Callback {
                    interaction_id: id.to_owned(),
                    kind: answer.body["type"].as_u64().unwrap_or(0) as u8,
                    data: answer.body.get("data").cloned().unwrap_or(Value::Null),
                    body: answer.body.clone(),
                    via: CallbackVia::Inline,
                    at: Instant::now(),
                    error: Some(reply.body),
                });
            }
        });
    }
}

/// The id of an interaction payload.
pub fn interaction_id(payload: &Value) -> String {
    payload["id"].as_str().unwrap_or_default().to_owned()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// An interaction token: long, opaque, unique.
fn token_for(state: &mut State) -> String {
    format!(
        "aW50ZXJhY3Rpb246{}:fake-interaction-token",
        state.next_snowflake()
    )
}

fn remember(
    state: &mut State,
    payload: &Value,
    channel_id: Option<String>,
    message_id: Option<String>,
) {
    state.interactions.push(IssuedInteraction {
        id: interaction_id(payload),
        token: payload["token"].as_str().unwrap_or_default().to_owned(),
        kind: payload["type"].as_u64().unwrap_or(0) as u8,
        channel_id,
        message_id,
        issued_at: Instant::now(),
        payload: payload.clone(),
        original_message_id: None,
    });
}

/// The fields every interaction from `member` in `channel_id` has.
fn base(state: &mut State, member: &FakeMember, channel_id: &str, kind: u8) -> Value {
    let id = state.next_snowflake();
    let token = token_for(state);
    let mut payload = json!({
        "id": id,
        "application_id": APPLICATION_ID,
        "type": kind,
        "token": token,
        "version": 1,
        "channel_id": channel_id,
        "app_permissions": BOT_PERMISSIONS.to_string(),
        "locale": member.locale,
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    });
    if let Some(channel) = state.guild.channel(channel_id) {
        payload["guild_id"] = json!(GUILD_ID);
        payload["guild_locale"] = json!("en-US");
        payload["guild"] = json!({"id": GUILD_ID, "locale": "en-US", "features": []});
        payload["channel"] = channel.to_json();
        payload["member"] = member.interaction_member_json();
        payload["authorizing_integration_owners"] = json!({"0": GUILD_ID});
        payload["context"] = json!(0);
    } else {
        let recipient = state
            .dm_recipient(channel_id)
            .map(str::to_owned)
            .unwrap_or_else(|| member.user_id.clone());
        payload["channel"] = dm_channel_json(state, channel_id, &recipient);
        payload["user"] = member.user_json();
        payload["authorizing_integration_owners"] = json!({"0": "0"});
        payload["context"] = json!(1);
    }
    payload
}
