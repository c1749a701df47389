//! What the fake knows and remembers: one `State` behind the lock every handler takes, never
//! held across an await.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::faults::Faults;
use super::gateway::GatewayState;
use super::guild::{FakeGuild, FakeMember};
use super::records::RecordedCall;
use super::views::{Callback, SentMessage};
use super::{BOT_TOKEN, INTENT_GUILD_MEMBERS, RESPONSE_WINDOW};

/// Discord's epoch (2015-01-01), the origin of snowflake timestamps.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// An interaction the fake issued (built for the bot), so callbacks can be matched to it.
#[derive(Debug, Clone)]
pub(super) struct IssuedInteraction {
    pub id: String,
    pub token: String,
    /// Interaction type: 1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 5 MODAL_SUBMIT.
    pub kind: u8,
    pub channel_id: Option<String>,
    /// For a component: the message it is on.
    pub message_id: Option<String>,
    pub issued_at: Instant,
    pub payload: Value,
    /// The message `@original` names, once the interaction is answered.
    pub original_message_id: Option<String>,
}

#[derive(Debug)]
pub(super) struct State {
    pub calls: Vec<RecordedCall>,
    pub faults: Faults,
    pub guild: FakeGuild,
    pub bot_token: String,
    pub privileged_intents: u64,
    pub max_member_limit: usize,
    pub response_window: Duration,
    pub commands: Vec<Value>,
    pub command_registrations: Vec<Value>,
    /// User id → DM channel id.
    pub dm_channels: BTreeMap<String, String>,
    pub messages: Vec<SentMessage>,
    pub interactions: Vec<IssuedInteraction>,
    pub callbacks: Vec<Callback>,
    pub gateway: GatewayState,
    last_snowflake: u64,
}

impl State {
    pub fn new(gateway_url: String) -> Self {
        Self {
            calls: Vec::new(),
            faults: Faults::default(),
            guild: FakeGuild::demo(),
            bot_token: BOT_TOKEN.into(),
            privileged_intents: INTENT_GUILD_MEMBERS,
            max_member_limit: 1000,
            response_window: RESPONSE_WINDOW,
            commands: Vec::new(),
            command_registrations: Vec::new(),
            dm_channels: BTreeMap::new(),
            messages: Vec::new(),
            interactions: Vec::new(),
            callbacks: Vec::new(),
            gateway: GatewayState::new(gateway_url),
            last_snowflake: 0,
        }
    }

    /// A fresh snowflake: milliseconds since Discord's epoch in the high bits, increasing.
    pub fn next_snowflake(&mut self) -> String {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or_default();
        let candidate = ms.saturating_sub(DISCORD_EPOCH_MS) << 22;
        self.last_snowflake = candidate.max(self.last_snowflake + 1);
        self.last_snowflake.to_string()
    }

    /// A member by username or user id.
    pub fn member(&self, key: &str) -> Option<&FakeMember> {
        self.guild
            .members
            .iter()
            .find(|m| m.user_id == key || m.username == key)
    }

    pub fn member_mut(&mut self, key: &str) -> Option<&mut FakeMember> {
        self.guild
            .members
            .iter_mut()
            .find(|m| m.user_id == key || m.username == key)
    }

    /// Adds `member`, replacing one with the same user id.
    pub fn put_member(&mut self, member: FakeMember) {
        match self
            .guild
            .members
            .iter_mut()
            .find(|m| m.user_id == member.user_id)
        {
            Some(existing) => *existing = member,
            None => self.guild.members.push(member),
        }
    }

    /// The DM channel with `user_id`, opened (the same id every time) if need be.
    pub fn open_dm(&mut self, user_id: &str) -> String {
        if let Some(id) = self.dm_channels.get(user_id) {
            return id.clone();
        }
        let id = self.next_snowflake();
        self.dm_channels.insert(user_id.to_owned(), id.clone());
        id
    }

    /// The user a DM channel is with.
    pub fn dm_recipient(&self, channel_id: &str) -> Option<&str> {
        self.dm_channels
            .iter()
            .find(|(_, c)| c.as_str() == channel_id)
            .map(|(u, _)| u.as_str())
    }

    pub fn interaction(&self, id: &str) -> Option<&IssuedInteraction> {
        self.interactions.iter().find(|i| i.id == id)
    }

    pub fn interaction_by_token(&self, token: &str) -> Option<&IssuedInteraction> {
        self.interactions.iter().find(|i| i.token == token)
    }

    pub fn message_mut(&mut self, id: &str) -> Option<&mut SentMessage> {
        self.messages.iter_mut().find(|m| m.id == id)
    }

    /// One line per call, for panic messages.
    pub fn describe_calls(&self) -> String {
        if self.calls.is_empty() {
            return "no REST call".into();
        }
        self.calls
            .iter()
            .map(|c| format!("\n  {}", c.summary()))
            .collect()
    }

    /// The messages and callbacks so far, for panic messages.
    pub fn describe_messages(&self) -> String {
        let mut out = String::new();
        for m in &self.messages {
            out.push_str(&format!("\n  {}", m.summary()));
        }
        for c in &self.callbacks {
            out.push_str(&format!(
                "\n  callback type {} to interaction {}{}: {}",
                c.kind,
                c.interaction_id,
                c.error
                    .as_ref()
                    .map(|e| format!(" (refused: {e})"))
                    .unwrap_or_default(),
                super::shorten(&c.body.to_string(), 200)
            ));
        }
        if out.is_empty() {
            out = "no message and no callback".into();
        }
        out + &format!("\nREST calls:{}", self.describe_calls())
    }
}
