//! A fake Discord for the integration tests, written from Discord's documented wire formats
//! (`chat-protocols.md` section 11 and its serenity 0.12.5 notes, and the object tables of
//! discord-api-docs cited in each file), not from the adapter:
//! - REST under `/api/v10` on one HTTP server on 127.0.0.1 (`rest.rs` routes and gates every
//!   call; `users.rs`, `members.rs`, `commands.rs`, `messages.rs`, `callbacks.rs` answer them),
//!   recording each call ([`RecordedCall`]) and answering 429 or 5xx on demand (`faults.rs`);
//! - the gateway WebSocket on a second port (`gateway.rs`): HELLO, IDENTIFY, READY and
//!   GUILD_CREATE, heartbeats, dispatches, and RESUME after a resumable close;
//! - Discord's own side of HTTP interactions: [`DiscordClient`] builds real-shaped interactions
//!   (`interactions.rs`), signs them with Ed25519 as Discord does, or forges them
//!   (`signer.rs`), and posts them to the bot.
//!
//! Point the bot at it with `DISCORD_API_URL = fake.url()` (a bare origin: clients call
//! `{origin}/api/v10/...`), token [`BOT_TOKEN`], application [`APPLICATION_ID`], public key
//! [`PUBLIC_KEY`], guild [`GUILD_ID`]. `GET /api/v10/gateway` answers [`FakeDiscord::gateway_url`].
//! Then assert on what it recorded: every `wait_…` helper sleeps on a notification, never on a
//! timer, and panics after [`WAIT`] listing what did arrive.

mod callbacks;
mod commands;
mod faults;
mod gateway;
mod guild;
mod interactions;
mod members;
mod messages;
mod multipart;
mod records;
mod rest;
mod signer;
mod state;
mod users;
mod views;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::any;
use tokio::sync::Notify;
use tokio::task::AbortHandle;

pub use faults::RouteMatch;
pub use gateway::{GatewayFrame, Identify, Resume};
pub use guild::{
    CUSTOMER_WINS_CHANNEL_ID, ENGINEERING_ROLE_ID, EXECUTIVE_ROLE_ID, FakeChannel, FakeMember,
    FakeRole, GENERAL_CHANNEL_ID, GUILD_ID, GUILD_NAME, LOGISTICS_ROLE_ID, MARKETING_ROLE_ID,
    SALES_ROLE_ID, SUPPORT_ROLE_ID, bot_member, demo_members, generated_members, stranger,
    user_id_for,
};
pub use interactions::{CommandOption, DiscordClient, interaction_id};
pub use records::{FilePart, RecordedCall, Route};
pub use signer::{BotAnswer, Forgery, SECRET_KEY, sign};
pub use views::{Callback, CallbackVia, MessageOrigin, Pings, SentMessage};

use state::State;

/// The application (and its bot user: the same snowflake for applications made since 2020).
pub const APPLICATION_ID: &str = "1180000000000000002";
/// The bot user's id.
pub const BOT_USER_ID: &str = APPLICATION_ID;
/// The bot user's username.
pub const BOT_USERNAME: &str = "ambassador";
/// The bot's display name (`global_name`) and the application's name.
pub const BOT_NAME: &str = "Ambassador";
/// The bot token REST wants as `Authorization: Bot <token>` and IDENTIFY carries.
pub const BOT_TOKEN: &str = "MTE4MDAwMDAwMDAwMDAwMDAwMg.GfAkEd.fake-discord-bot-token-0123456789";
/// The application's public key (hex): RFC 8032 section 7.1 TEST 1, whose secret is
/// [`SECRET_KEY`].
pub const PUBLIC_KEY: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
/// The gateway intents: GUILDS.
pub const INTENT_GUILDS: u64 = 1 << 0;
/// GUILD_MEMBERS, privileged.
pub const INTENT_GUILD_MEMBERS: u64 = 1 << 1;
/// GUILD_PRESENCES, privileged.
pub const INTENT_GUILD_PRESENCES: u64 = 1 << 8;
/// MESSAGE_CONTENT, privileged.
pub const INTENT_MESSAGE_CONTENT: u64 = 1 << 15;
/// The default gateway heartbeat interval, in milliseconds (what Discord sends today).
pub const HEARTBEAT_INTERVAL_MS: u64 = 41_250;
/// How long Discord waits for an interaction's first response before it answers 10062.
pub const RESPONSE_WINDOW: Duration = Duration::from_secs(3);
/// How long the `wait_…` helpers wait before panicking.
pub const WAIT: Duration = Duration::from_secs(10);

/// What the server tasks share with the test.
#[derive(Debug)]
struct Inner {
    state: Mutex<State>,
    /// Woken whenever something is recorded or changed, so waits need no polling.
    changed: Notify,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking handler must not hide every later assertion behind a poison error.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `change` on the state, then wakes the waiters.
    fn change<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        let out = change(&mut self.lock());
        self.changed.notify_waiters();
        out
    }

    /// Waits until `check` finds something, or panics after [`WAIT`] with `describe`'s account
    /// of what the fake saw instead.
    async fn wait_until<T>(
        &self,
        what: &str,
        check: impl Fn(&State) -> Option<T>,
        describe: impl Fn(&State) -> String,
    ) -> T {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check(&self.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let seen = describe(&self.lock());
                panic!("fake Discord: waited {WAIT:?} for {what}; it received {seen}");
            }
        }
    }
}

/// The running fake. Dropping it stops its servers and closes its gateway connections.
#[derive(Debug)]
pub struct FakeDiscord {
    inner: Arc<Inner>,
    addr: SocketAddr,
    gateway_addr: SocketAddr,
    tasks: Vec<AbortHandle>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
        for task in self.inner.lock().gateway.tasks.drain(..) {
            task.abort();
        }
    }
}

impl FakeDiscord {
    /// Starts the fake on free ports of 127.0.0.1: the demo guild [`GUILD_ID`] with its roles,
    /// `#general` and `#customer-wins`, the active people of the demo org chart as members
    /// ([`demo_members`]), one member not in the chart ([`stranger`]) and the bot; the
    /// privileged GUILD_MEMBERS intent enabled for the application.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Discord's REST port");
        let addr = listener.local_addr().expect("fake Discord address");
        let gateway_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Discord's gateway port");
        let gateway_addr = gateway_listener
            .local_addr()
            .expect("fake Discord gateway address");
        let inner = Arc::new(Inner {
            state: Mutex::new(State::new(format!("ws://{gateway_addr}"))),
            changed: Notify::new(),
        });
        let app = Router::new()
            .fallback(any(rest::handle))
            // Large enough that oversize uploads reach the handler and get Discord's answer.
            .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
            .with_state(inner.clone());
        let rest_task = tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("the fake Discord stopped");
        });
        let gateway_task = tokio::spawn(gateway::accept_loop(gateway_listener, inner.clone()));
        Self {
            inner,
            addr,
            gateway_addr,
            tasks: vec![rest_task.abort_handle(), gateway_task.abort_handle()],
        }
    }

    /// The REST origin, `http://127.0.0.1:PORT` (what `DISCORD_API_URL` takes).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The REST base, `http://127.0.0.1:PORT/api/v10`.
    pub fn api_base(&self) -> String {
        format!("{}/api/v10", self.url())
    }

    /// The gateway URL `GET /gateway` answers, `ws://127.0.0.1:GWPORT`.
    pub fn gateway_url(&self) -> String {
        format!("ws://{}", self.gateway_addr)
    }

    /// Discord's side of interactions: builds, signs, forges and posts them.
    pub fn client(&self) -> DiscordClient {
        DiscordClient::new(self.inner.clone())
    }

    // ---- configuration ------------------------------------------------------------------

    /// Adds (or replaces, by user id) a member of the guild, without a gateway event (see
    /// [`FakeDiscord::member_joins`] for a newcomer).
    pub fn add_member(&self, member: FakeMember) {
        self.inner.change(|state| state.put_member(member));
    }

    /// Adds many members at once (see [`generated_members`]).
    pub fn add_members(&self, members: Vec<FakeMember>) {
        self.inner.change(|state| {
            for member in members {
                state.put_member(member);
            }
        });
    }

    /// Removes a member by user id.
    pub fn remove_member(&self, user_id: &str) {
        self.inner
            .change(|state| state.guild.members.retain(|m| m.user_id != user_id));
    }

    /// A member of the guild by username (`ana`) or user id; panics when unknown.
    pub fn member(&self, key: &str) -> FakeMember {
        let state = self.inner.lock();
        state
            .member(key)
            .cloned()
            .unwrap_or_else(|| panic!("fake Discord: no member {key:?} in the guild"))
    }

    /// Every member of the guild, bot included, in user id order.
    pub fn members(&self) -> Vec<FakeMember> {
        let state = self.inner.lock();
        let mut members = state.guild.members.clone();
        members.sort_by_key(|m| guild::snowflake_value(&m.user_id));
        members
    }

    /// Makes the member (username or id) refuse DMs from the bot (or accept them again): the
    /// DM channel still opens, the message to it gets 403 code 50007.
    pub fn set_blocks_dms(&self, key: &str, blocks: bool) {
        self.inner.change(|state| {
            let member = state
                .member_mut(key)
                .unwrap_or_else(|| panic!("fake Discord: no member {key:?} to block DMs"));
            member.blocks_dms = blocks;
        });
    }

    /// Sets the privileged intents switched on for the application in the developer portal
    /// (bits of [`INTENT_GUILD_MEMBERS`], [`INTENT_GUILD_PRESENCES`],
    /// [`INTENT_MESSAGE_CONTENT`]); default GUILD_MEMBERS only. IDENTIFY asking for another one
    /// is closed with 4014, and without GUILD_MEMBERS the member list answers 403 50001.
    pub fn set_privileged_intents(&self, bits: u64) {
        self.inner.change(|state| state.privileged_intents = bits);
    }

    /// The largest `limit` the member list accepts (Discord: 1000); above it, 400.
    pub fn set_max_member_limit(&self, limit: usize) {
        self.inner.change(|state| state.max_member_limit = limit);
    }

    /// The heartbeat interval HELLO announces on later connections, in milliseconds.
    pub fn set_heartbeat_interval(&self, millis: u64) {
        self.inner
            .change(|state| state.gateway.heartbeat_interval = millis);
    }

    /// How long after it was issued an interaction can still get its first callback
    /// (default [`RESPONSE_WINDOW`], Discord's 3 seconds); later ones answer 404 10062.
    pub fn set_response_window(&self, window: Duration) {
        self.inner.change(|state| state.response_window = window);
    }

    /// Answers the next `times` calls matching `matcher` (a [`Route`], a path fragment, or
    /// [`RouteMatch::Any`]) with 429, body `{"message":"You are being rate limited.",
    /// "retry_after":X,"global":false}` and the `Retry-After` and `X-RateLimit-*` headers,
    /// scope `user`. They are still recorded (with `injected`).
    pub fn rate_limit_next(
        &self,
        matcher: impl Into<RouteMatch>,
        retry_after_secs: f64,
        times: usize,
    ) {
        let fault = faults::Fault::RateLimit {
            retry_after: retry_after_secs,
            global: false,
        };
        self.inner
            .change(|state| state.faults.arm(matcher.into(), fault, times));
    }

    /// As [`FakeDiscord::rate_limit_next`], but the global limit: `"global":true`,
    /// `X-RateLimit-Global: true`, `X-RateLimit-Scope: global`.
    pub fn rate_limit_global_next(
        &self,
        matcher: impl Into<RouteMatch>,
        retry_after_secs: f64,
        times: usize,
    ) {
        let fault = faults::Fault::RateLimit {
            retry_after: retry_after_secs,
            global: true,
        };
        self.inner
            .change(|state| state.faults.arm(matcher.into(), fault, times));
    }

    /// Answers the next `times` calls matching `matcher` with `status` (500, 502, 503…) and
    /// Discord's bare error body.
    pub fn fail_next(&self, matcher: impl Into<RouteMatch>, status: u16, times: usize) {
        let fault = faults::Fault::Status(status);
        self.inner
            .change(|state| state.faults.arm(matcher.into(), fault, times));
    }

    /// Forgets recorded calls, armed faults and gateway frames; keeps members, channels,
    /// messages, interactions and the gateway session.
    pub fn reset(&self) {
        self.inner.change(|state| {
            state.calls.clear();
            state.faults.clear();
            state.gateway.frames.clear();
        });
    }

    // ---- recorded calls -----------------------------------------------------------------

    /// Every REST call received so far, in order.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.inner.lock().calls.clone()
    }

    /// The calls matching `matcher` (failed and injected ones included), in order.
    pub fn calls_to(&self, matcher: impl Into<RouteMatch>) -> Vec<RecordedCall> {
        let matcher = matcher.into();
        let state = self.inner.lock();
        state
            .calls
            .iter()
            .filter(|c| matcher.matches(c))
            .cloned()
            .collect()
    }

    /// The calls to paths the fake does not serve (answered 404): should be none.
    pub fn unknown_calls(&self) -> Vec<RecordedCall> {
        self.calls_to(Route::Unknown)
    }

    /// Waits until at least `n` calls match `matcher` and returns them all; panics after
    /// [`WAIT`] listing every call that did arrive.
    pub async fn wait_for_calls(
        &self,
        matcher: impl Into<RouteMatch>,
        n: usize,
    ) -> Vec<RecordedCall> {
        let matcher = matcher.into();
        let what = format!("{n} call(s) matching {matcher:?}");
        self.wait_until(&what, |calls| {
            let found: Vec<RecordedCall> = calls
                .iter()
                .filter(|c| matcher.matches(c))
                .cloned()
                .collect();
            (found.len() >= n).then_some(found)
        })
        .await
    }

    /// Waits until `check` finds what it looks for in the calls so far; panics after [`WAIT`]
    /// with `what` and every call that did arrive. `check` runs with the fake's state locked:
    /// it must read only the calls it is given, never call the fake (that would deadlock).
    pub async fn wait_until<T>(
        &self,
        what: &str,
        check: impl Fn(&[RecordedCall]) -> Option<T>,
    ) -> T {
        self.inner
            .wait_until(what, |state| check(&state.calls), State::describe_calls)
            .await
    }

    /// The member-list pages asked for, as `(limit, after)` with Discord's defaults filled in
    /// (1 and `"0"`), in order.
    pub fn member_page_requests(&self) -> Vec<(usize, String)> {
        self.calls_to(Route::GuildMembers)
            .iter()
            .map(|c| {
                let limit = c
                    .query
                    .get("limit")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(1);
                let after = c.query.get("after").cloned().unwrap_or_else(|| "0".into());
                (limit, after)
            })
            .collect()
    }

    /// The bodies of every accepted bulk overwrite of the guild's commands, in order.
    pub fn command_registrations(&self) -> Vec<serde_json::Value> {
        self.inner.lock().command_registrations.clone()
    }

    /// The guild's commands as registered now, with their ids (what `GET` answers).
    pub fn registered_commands(&self) -> Vec<serde_json::Value> {
        self.inner.lock().commands.clone()
    }

    /// Waits until the bot has bulk-overwritten the guild's commands at least once and
    /// returns the commands registered.
    pub async fn wait_for_commands(&self) -> Vec<serde_json::Value> {
        self.inner
            .wait_until(
                "a bulk overwrite of the guild's commands",
                |state| (!state.command_registrations.is_empty()).then(|| state.commands.clone()),
                State::describe_calls,
            )
            .await
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
