//! A fake Microsoft Bot Framework for the integration tests: one HTTP server on 127.0.0.1 that
//! plays the three services a Teams bot talks to, written from their documented wire formats
//! (see `chat-protocols.md` sections 9 and 10 and the payloads cited in each file):
//! - the Bot Framework login service: OpenID metadata and the signing key set the bot checks
//!   inbound tokens against (`login.rs`, `keys.rs`);
//! - Microsoft Entra's token endpoint, where the bot trades its app id and secret for a
//!   Connector token (`login.rs`);
//! - the Bot Connector (the `serviceUrl` of every activity): 1:1 conversations, messages,
//!   replies, updates, the team roster and its channels (`connector.rs`, `messages.rs`).
//!
//! It also plays Teams itself, the client side: [`TeamsClient`] builds the activities Teams
//! sends to the bot and signs them as the Connector does, valid or forged (`activities.rs`,
//! `events.rs`, `invoke.rs`, `signer.rs`), and [`post_activity`] delivers one to the bot.
//!
//! Point the bot at it with `TEAMS_OPENID_METADATA_URL = fake.openid_metadata_url()`,
//! `TEAMS_TOKEN_URL = fake.token_url_template()`, app id [`APP_ID`], secret [`APP_PASSWORD`],
//! tenant [`TENANT_ID`], and trust the serviceUrl [`FakeBotFramework::service_url`]. Then assert
//! on what it recorded ([`FakeBotFramework::calls`], [`FakeBotFramework::messages_to`]…): every
//! `wait_…` helper sleeps on a notification, never on a timer, and panics after [`WAIT`]
//! listing what did arrive.

mod activities;
mod cards;
mod connector;
mod directory;
mod events;
mod invoke;
mod keys;
mod login;
mod messages;
mod records;
mod signer;
mod state;
mod tenant;
mod views;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post};
use tokio::sync::Notify;
use tokio::task::AbortHandle;

pub use activities::{BotAnswer, TeamsClient, post_activity};
pub use cards::{ADAPTIVE_CARD, CardButton, card_buttons, card_inputs, card_text};
pub use directory::{
    CUSTOMER_WINS_CHANNEL_ID, FakeChannel, FakePerson, FakeTeam, ObjectIdKey, TEAM_AAD_GROUP_ID,
    TEAM_ID, TEAM_NAME, aad_object_id_for, demo_people, guest, user_id_for,
};
pub use records::{CallKind, RecordedCall};
pub use signer::Forgery;
pub use views::SentActivity;

use state::{Injected, State, StoredActivity};

/// The bot's Microsoft App ID (a lowercase GUID), the `aud` of every token the fake signs.
pub const APP_ID: &str = "6f1d9a3e-2b4c-4e8f-9a7d-3c5b1e0f2a48";
/// The app registration's client secret the token endpoint accepts.
pub const APP_PASSWORD: &str = "fake8Q~app-password-0123456789abcdef";
/// The bot's id in activities: `28:` and the app id.
pub const BOT_ID: &str = "28:6f1d9a3e-2b4c-4e8f-9a7d-3c5b1e0f2a48";
/// The bot's display name, as `recipient.name` and in `<at>…</at>` mentions of it.
pub const BOT_NAME: &str = "Ambassador";
/// The Microsoft Entra tenant: the organisation, and where the bot gets its tokens.
pub const TENANT_ID: &str = "3f9c2a71-5d8e-4b6a-9c1f-7e2d4a8b6c05";
/// The issuer of the tokens the Connector sends to bots.
pub const ISSUER: &str = "https://api.botframework.com";
/// The scope a bot asks for to call the Connector.
pub const CONNECTOR_SCOPE: &str = "https://api.botframework.com/.default";
/// Teams' channel id in activities, the endorsement the bot's keys must carry.
pub const CHANNEL_ID: &str = "msteams";
/// How long the `wait_…` helpers wait before panicking.
pub const WAIT: Duration = Duration::from_secs(10);
/// The largest request body the Connector takes for one activity: 28 KB. Teams' "Limits and
/// specifications" page gives "28 KB is an approximate limit because it includes the message
/// itself (text, image links, etc.), @-mentions, ... and reactions", and the incoming-webhook
/// page "The message size limit is 28 KB"; the bot pages have since raised it (40 KB, then
/// 100 KB with 80 KB recommended), so a bot that fits 28 KB fits every one of them. Above it the
/// fake answers 413 `MessageSizeTooBig`, the code the Connector's status table gives.
pub const MESSAGE_SIZE_LIMIT: usize = 28 * 1024;

/// What the server task shares with the test.
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

    /// Records `call` with the answer `answer` gives it, wakes the waiters, and returns that
    /// answer.
    fn serve(
        &self,
        mut call: RecordedCall,
        answer: impl FnOnce(&mut State, &RecordedCall) -> records::Reply,
    ) -> axum::response::Response {
        let reply = {
            let mut state = self.lock();
            let reply = answer(&mut state, &call);
            call.status = reply.status.as_u16();
            call.injected = reply.injected;
            state.calls.push(call);
            reply
        };
        self.changed.notify_waiters();
        axum::response::IntoResponse::into_response(reply)
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
                panic!("fake Bot Framework: waited {WAIT:?} for {what}; it received {seen}");
            }
        }
    }
}

/// The running fake. Dropping it stops its server.
#[derive(Debug)]
pub struct FakeBotFramework {
    inner: Arc<Inner>,
    addr: SocketAddr,
    task: AbortHandle,
}

impl Drop for FakeBotFramework {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeBotFramework {
    /// Starts the fake on a free port of 127.0.0.1, knowing the tenant [`TENANT_ID`], the team
    /// [`FakeTeam::default`] (General and customer-wins) and, as its members, the active demo
    /// people ([`demo_people`]) and one guest ([`guest`]); signing with the first key.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Bot Framework's port");
        let addr = listener.local_addr().expect("fake Bot Framework address");
        let inner = Arc::new(Inner {
            state: Mutex::new(State::new(format!("http://{addr}"))),
            changed: Notify::new(),
        });
        let conversation = "/v3/conversations/{conversation_id}";
        let app = Router::new()
            .route("/v1/.well-known/openidconfiguration", get(login::openid))
            .route("/v1/.well-known/keys", get(login::keys))
            .route("/{tenant}/oauth2/v2.0/token", post(login::token))
            .route("/v3/conversations", post(connector::create_conversation))
            .route(&format!("{conversation}/activities"), post(messages::send))
            .route(
                &format!("{conversation}/activities/{{activity_id}}"),
                post(messages::reply).put(messages::update),
            )
            .route(
                &format!("{conversation}/pagedmembers"),
                get(connector::paged_members),
            )
            .route(
                &format!("{conversation}/members/{{member_id}}"),
                get(connector::member),
            )
            .route("/v3/teams/{team_id}", get(connector::team_details))
            .route(
                "/v3/teams/{team_id}/conversations",
                get(connector::team_channels),
            )
            .fallback(any(connector::unknown))
            // Large enough that oversize activities reach the handler and get Teams' 413.
            .layer(DefaultBodyLimit::max(16 * 1024 * 1024))
            .with_state(inner.clone());
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("the fake Bot Framework stopped");
        });
        Self {
            inner,
            addr,
            task: task.abort_handle(),
        }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The serviceUrl activities carry and the bot sends to: the base URL and `/`, as real
    /// serviceUrls end in `/`.
    pub fn service_url(&self) -> String {
        format!("{}/", self.url())
    }

    /// Where the bot reads the OpenID metadata (`TEAMS_OPENID_METADATA_URL`).
    pub fn openid_metadata_url(&self) -> String {
        format!("{}/v1/.well-known/openidconfiguration", self.url())
    }

    /// Where the bot gets Connector tokens (`TEAMS_TOKEN_URL`), `{tenant}` left for the bot.
    pub fn token_url_template(&self) -> String {
        format!("{}/{{tenant}}/oauth2/v2.0/token", self.url())
    }

    /// The client side: builds, signs and forges what Teams sends to the bot.
    pub fn teams_client(&self) -> TeamsClient {
        TeamsClient::new(self.inner.clone())
    }

    /// Answers the next `n` Connector calls that carry a valid token with `status` (429, 412,
    /// 5xx…), its Bot Framework error body, and `Retry-After: retry_after` when given; they are
    /// still recorded.
    pub fn fail_next(&self, n: usize, status: u16, retry_after: Option<u64>) {
        let failure = Injected {
            status,
            retry_after,
        };
        let mut state = self.inner.lock();
        state
            .connector_failures
            .extend(std::iter::repeat_n(failure, n));
    }

    /// Changes the largest activity body the Connector takes (default [`MESSAGE_SIZE_LIMIT`]).
    pub fn set_message_size_limit(&self, bytes: usize) {
        self.inner.lock().message_size_limit = bytes;
    }

    /// Every call received so far, in order.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.inner.lock().calls.clone()
    }

    /// The calls of one kind (failed ones included), in order.
    pub fn calls_to(&self, kind: CallKind) -> Vec<RecordedCall> {
        let state = self.inner.lock();
        state
            .calls
            .iter()
            .filter(|c| c.kind == kind)
            .cloned()
            .collect()
    }

    /// Waits until at least `n` calls of `kind` arrived (failed ones count) and returns them;
    /// panics after [`WAIT`] listing everything that did arrive.
    pub async fn wait_for(&self, kind: CallKind, n: usize) -> Vec<RecordedCall> {
        let what = format!("{n} call(s) of {kind:?}");
        self.wait_until(&what, |calls| {
            let found: Vec<RecordedCall> =
                calls.iter().filter(|c| c.kind == kind).cloned().collect();
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

    /// Forgets recorded calls and armed failures; keeps tokens, people, conversations and the
    /// activities the bot sent.
    pub fn reset(&self) {
        let mut state = self.inner.lock();
        state.calls.clear();
        state.connector_failures.clear();
        state.login_failures.clear();
    }
}
