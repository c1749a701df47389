//! What tests read back: the messages the bot sent (to channels, DMs, as interaction
//! responses and follow-ups), the callbacks it answered interactions with, and who a message
//! would ping.
//!
//! Pings follow discord-api-docs `resources/message.mdx`, "Allowed Mentions Object": without
//! `allowed_mentions` a regular message parses users, roles and `@everyone`, an interaction
//! response or follow-up only users; with it, only the `parse` types and the listed `users`
//! and `roles` ping. (The MENTION_EVERYONE permission is not modelled: [`Pings`] says what the
//! request allows.)

use std::time::Instant;

use serde_json::{Value, json};

use super::FakeDiscord;
use super::records::FilePart;
use super::state::State;

/// Where a message came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageOrigin {
    /// `POST /channels/{id}/messages`.
    Channel,
    /// The response to an interaction (callback type 4, or the message of a deferred one).
    InteractionResponse(String),
    /// A follow-up (`POST /webhooks/{app}/{token}`) to that interaction.
    Followup(String),
}

/// A message the bot sent, as the fake keeps it (the latest version after edits).
#[derive(Debug, Clone)]
pub struct SentMessage {
    /// Snowflake.
    pub id: String,
    /// The channel it is in.
    pub channel_id: String,
    /// When that channel is a DM: the user it is with.
    pub dm_user: Option<String>,
    /// Where it came from.
    pub origin: MessageOrigin,
    /// The JSON as the bot sent it first (a multipart's `payload_json`).
    pub request: Value,
    /// Every edit's body, in order.
    pub edits: Vec<Value>,
    /// The files uploaded with it (latest upload).
    pub files: Vec<FilePart>,
    /// The Message object the fake answered and keeps up to date (use it to click a button
    /// on the message: [`super::DiscordClient::button`]).
    pub object: Value,
    /// Whether it was deleted.
    pub deleted: bool,
}

impl SentMessage {
    /// The content now.
    pub fn content(&self) -> &str {
        self.object["content"].as_str().unwrap_or_default()
    }

    /// The components now (action rows).
    pub fn components(&self) -> &Value {
        &self.object["components"]
    }

    /// The embeds now.
    pub fn embeds(&self) -> &Value {
        &self.object["embeds"]
    }

    /// The message flags now (64 = EPHEMERAL).
    pub fn flags(&self) -> u64 {
        self.object["flags"].as_u64().unwrap_or(0)
    }

    /// Whether only the user who invoked the interaction sees it.
    pub fn is_ephemeral(&self) -> bool {
        self.flags() & 64 != 0
    }

    /// The `allowed_mentions` of the latest request that set one (`Null` when none did).
    pub fn allowed_mentions(&self) -> Value {
        self.edits
            .iter()
            .rev()
            .chain(std::iter::once(&self.request))
            .find_map(|b| b.get("allowed_mentions").cloned())
            .unwrap_or(Value::Null)
    }

    /// The buttons now, in order, as `(custom_id or url, label, style)`.
    pub fn buttons(&self) -> Vec<(String, String, u64)> {
        let mut out = Vec::new();
        collect_buttons(self.components(), &mut out);
        out
    }

    /// The `custom_id`s of the buttons now.
    pub fn custom_ids(&self) -> Vec<String> {
        self.buttons().into_iter().map(|(id, _, _)| id).collect()
    }

    /// Who the content would ping, by the request's `allowed_mentions`.
    pub fn pings(&self) -> Pings {
        let parse_default = match self.origin {
            MessageOrigin::Channel => vec!["users", "roles", "everyone"],
            _ => vec!["users"],
        };
        pings(self.content(), &self.allowed_mentions(), &parse_default)
    }

    /// One line for panic messages.
    pub fn summary(&self) -> String {
        let to = match &self.dm_user {
            Some(user) => format!("DM {user}"),
            None => format!("channel {}", self.channel_id),
        };
        format!(
            "message {} to {to} ({:?}{}): {:?} buttons {:?}{}",
            self.id,
            self.origin,
            if self.edits.is_empty() {
                String::new()
            } else {
                format!(", {} edit(s)", self.edits.len())
            },
            super::shorten(self.content(), 200),
            self.custom_ids(),
            if self.files.is_empty() {
                String::new()
            } else {
                format!(
                    " files {:?}",
                    self.files.iter().map(|f| &f.filename).collect::<Vec<_>>()
                )
            }
        )
    }
}

fn collect_buttons(components: &Value, out: &mut Vec<(String, String, u64)>) {
    let Some(items) = components.as_array() else {
        return;
    };
    for item in items {
        if item["type"] == 2 {
            let id = item["custom_id"]
                .as_str()
                .or(item["url"].as_str())
                .unwrap_or_default();
            let label = item["label"].as_str().unwrap_or_default();
            out.push((id.into(), label.into(), item["style"].as_u64().unwrap_or(0)));
        }
        collect_buttons(&item["components"], out);
        if item.get("accessory").is_some() {
            collect_buttons(&json!([item["accessory"]]), out);
        }
    }
}

/// Who a message pings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pings {
    /// `@everyone` or `@here` fires.
    pub everyone: bool,
    /// The users pinged.
    pub users: Vec<String>,
    /// The roles pinged.
    pub roles: Vec<String>,
}

impl Pings {
    /// Whether nobody is pinged.
    pub fn is_none(&self) -> bool {
        !self.everyone && self.users.is_empty() && self.roles.is_empty()
    }
}

/// Who `content` pings under `allowed` (`Null` = the default `parse`).
pub(super) fn pings(content: &str, allowed: &Value, parse_default: &[&str]) -> Pings {
    let parse: Vec<String> = match allowed.get("parse").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        None if allowed.is_object() => Vec::new(),
        None => parse_default.iter().map(|s| (*s).to_owned()).collect(),
    };
    let listed = |key: &str| -> Vec<String> {
        allowed[key]
            .as_array()
            .map(|l| {
                l.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (listed_users, listed_roles) = (listed("users"), listed("roles"));
    let parses = |kind: &str| parse.iter().any(|p| p == kind);
    let mut out = Pings {
        everyone: parses("everyone")
            && (content.contains("@everyone") || content.contains("@here")),
        ..Pings::default()
    };
    let mut rest = content;
    while let Some(start) = rest.find("<@") {
        rest = &rest[start + 2..];
        let Some(end) = rest.find('>') else { break };
        let inner = &rest[..end];
        if let Some(role) = inner.strip_prefix('&') {
            if parses("roles") || listed_roles.iter().any(|r| r == role) {
                out.roles.push(role.to_owned());
            }
        } else {
            let user = inner.trim_start_matches('!');
            if user.chars().all(|c| c.is_ascii_digit())
                && (parses("users") || listed_users.iter().any(|u| u == user))
            {
                out.users.push(user.to_owned());
            }
        }
    }
    out
}

/// How a callback reached the fake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackVia {
    /// `POST /interactions/{id}/{token}/callback`.
    Http,
    /// The body of the bot's answer to the signed HTTP interaction.
    Inline,
}

/// The bot's first answer to an interaction.
#[derive(Debug, Clone)]
pub struct Callback {
    /// The interaction answered.
    pub interaction_id: String,
    /// The response type (4 message, 5 deferred, 6 deferred update, 7 update, 9 modal…).
    pub kind: u8,
    /// Its `data`.
    pub data: Value,
    /// The whole body.
    pub body: Value,
    /// How it came.
    pub via: CallbackVia,
    /// When.
    pub at: Instant,
    /// Why Discord would refuse it (an inline answer the fake found invalid), or `None`.
    pub error: Option<Value>,
}

impl Callback {
    /// Whether the answer is ephemeral (flags 64).
    pub fn is_ephemeral(&self) -> bool {
        self.data["flags"].as_u64().unwrap_or(0) & 64 != 0
    }

    /// The content of a message answer.
    pub fn content(&self) -> &str {
        self.data["content"].as_str().unwrap_or_default()
    }
}

impl FakeDiscord {
    /// Every message the bot sent (channels, DMs, responses, follow-ups), in order.
    pub fn messages(&self) -> Vec<SentMessage> {
        self.inner.lock().messages.clone()
    }

    /// The messages in one channel (a guild channel or a DM channel).
    pub fn messages_in(&self, channel_id: &str) -> Vec<SentMessage> {
        let state = self.inner.lock();
        state
            .messages
            .iter()
            .filter(|m| m.channel_id == channel_id)
            .cloned()
            .collect()
    }

    /// The messages in the bot's DM with a user (username or id).
    pub fn dms_to(&self, user: &str) -> Vec<SentMessage> {
        let state = self.inner.lock();
        let user_id = state
            .member(user)
            .map_or_else(|| user.to_owned(), |m| m.user_id.clone());
        dms_of(&state, &user_id)
    }

    /// Waits until the channel has at least `n` messages and returns them.
    pub async fn wait_for_messages_in(&self, channel_id: &str, n: usize) -> Vec<SentMessage> {
        let what = format!("{n} message(s) in channel {channel_id}");
        self.inner
            .wait_until(
                &what,
                |state| {
                    let found: Vec<SentMessage> = state
                        .messages
                        .iter()
                        .filter(|m| m.channel_id == channel_id)
                        .cloned()
                        .collect();
                    (found.len() >= n).then_some(found)
                },
                State::describe_messages,
            )
            .await
    }

    /// Waits until the bot's DM with a user (username or id) has at least `n` messages and
    /// returns them.
    pub async fn wait_for_dms(&self, user: &str, n: usize) -> Vec<SentMessage> {
        let user_id = {
            let state = self.inner.lock();
            state
                .member(user)
                .map_or_else(|| user.to_owned(), |m| m.user_id.clone())
        };
        let what = format!("{n} DM(s) to {user}");
        self.inner
            .wait_until(
                &what,
                |state| {
                    let found = dms_of(state, &user_id);
                    (found.len() >= n).then_some(found)
                },
                State::describe_messages,
            )
            .await
    }

    /// Waits for the first DM to a user and returns it.
    pub async fn wait_for_dm(&self, user: &str) -> SentMessage {
        let mut found = self.wait_for_dms(user, 1).await;
        found.swap_remove(0)
    }

    /// The bot's first answer to an interaction, if any.
    pub fn callback_for(&self, interaction_id: &str) -> Option<Callback> {
        let state = self.inner.lock();
        state
            .callbacks
            .iter()
            .find(|c| c.interaction_id == interaction_id)
            .cloned()
    }

    /// Every callback, in order.
    pub fn callbacks(&self) -> Vec<Callback> {
        self.inner.lock().callbacks.clone()
    }

    /// Waits for the bot's first answer to an interaction.
    pub async fn wait_for_callback(&self, interaction_id: &str) -> Callback {
        let what = format!("a callback to interaction {interaction_id}");
        self.inner
            .wait_until(
                &what,
                |state| {
                    state
                        .callbacks
                        .iter()
                        .find(|c| c.interaction_id == interaction_id)
                        .cloned()
                },
                State::describe_messages,
            )
            .await
    }

    /// The modals opened (callback type 9), as their `data`, in order.
    pub fn modals(&self) -> Vec<Value> {
        let state = self.inner.lock();
        state
            .callbacks
            .iter()
            .filter(|c| c.kind == 9 && c.error.is_none())
            .map(|c| c.data.clone())
            .collect()
    }

    /// Waits for the bot to answer an interaction with a modal, and returns the modal.
    pub async fn wait_for_modal(&self, interaction_id: &str) -> Value {
        let callback = self.wait_for_callback(interaction_id).await;
        assert_eq!(
            callback.kind, 9,
            "fake Discord: interaction {interaction_id} was answered with type {}, not a modal: {}",
            callback.kind, callback.body
        );
        callback.data
    }

    /// The message `@original` names for an interaction (its response), if any.
    pub fn original_response(&self, interaction_id: &str) -> Option<SentMessage> {
        let state = self.inner.lock();
        let id = state
            .interaction(interaction_id)?
            .original_message_id
            .clone()?;
        state.messages.iter().find(|m| m.id == id).cloned()
    }

    /// Waits until the interaction's `@original` message has content, components or embeds
    /// (a deferred one was filled in), and returns it.
    pub async fn wait_for_original_response(&self, interaction_id: &str) -> SentMessage {
        let what = format!("the response to interaction {interaction_id}");
        self.inner
            .wait_until(
                &what,
                |state| {
                    let id = state
                        .interaction(interaction_id)?
                        .original_message_id
                        .clone()?;
                    let message = state.messages.iter().find(|m| m.id == id)?;
                    let filled = !message.content().is_empty()
                        || message
                            .components()
                            .as_array()
                            .is_some_and(|c| !c.is_empty())
                        || message.embeds().as_array().is_some_and(|e| !e.is_empty());
                    filled.then(|| message.clone())
                },
                State::describe_messages,
            )
            .await
    }

    /// The follow-ups to an interaction, in order.
    pub fn followups(&self, interaction_id: &str) -> Vec<SentMessage> {
        let origin = MessageOrigin::Followup(interaction_id.to_owned());
        let state = self.inner.lock();
        state
            .messages
            .iter()
            .filter(|m| m.origin == origin)
            .cloned()
            .collect()
    }
}

fn dms_of(state: &State, user_id: &str) -> Vec<SentMessage> {
    state
        .messages
        .iter()
        .filter(|m| m.dm_user.as_deref() == Some(user_id))
        .cloned()
        .collect()
}
