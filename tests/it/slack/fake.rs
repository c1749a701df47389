//! A fake Slack for the integration tests: a real HTTP server on 127.0.0.1 that answers the Web
//! API the way Slack does for the calls slack-morphism 2.31 makes, records every call, fails on
//! demand, and serves Socket Mode on a WebSocket listener of its own.
//!
//! Point the bot at it with `SLACK_API_URL = fake.api_url()`, the bot token [`BOT_TOKEN`] and
//! (for Socket Mode) the app token [`APP_TOKEN`]. Tests then assert on [`FakeSlack::calls`] and
//! friends. Routes:
//! - `GET|POST /api/{method}`: the Web API (see `web_api.rs` for the methods served);
//! - `POST /response/{id}`: a `response_url`, recorded as method `response_url`;
//! - `POST /upload/{file_id}`: the upload URL `files.getUploadURLExternal` hands out, recorded as
//!   method `upload`;
//! - `ws://127.0.0.1:{other port}/ws/{n}`: the Socket Mode URL `apps.connections.open` hands out.

mod accounts;
mod blocks;
mod records;
mod socket;
mod web_api;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{any, post};
use serde_json::Value;
use tokio::sync::Notify;
use tokio::task::AbortHandle;

pub use accounts::{FakeUser, FakeWorkspace, OAuthGrant};
pub use records::{Failure, RecordedCall};
pub use socket::{Envelope, SocketFrame};

/// The default workspace's team id; `auth.test` with [`BOT_TOKEN`] answers it.
pub const TEAM_ID: &str = "T0FAKE0001";
/// The default workspace's name.
pub const TEAM_NAME: &str = "Fake Workspace";
/// The default workspace's domain (`https://{domain}.slack.com/`).
pub const TEAM_DOMAIN: &str = "fake-workspace";
/// The default workspace's bot token, known to the fake from the start.
pub const BOT_TOKEN: &str = "xoxb-fake-bot-token";
/// The bot's user id in the default workspace (what `auth.test` calls `user_id`).
pub const BOT_USER_ID: &str = "U0FAKEBOT1";
/// The bot's bot id in the default workspace.
pub const BOT_ID: &str = "B0FAKEBOT1";
/// The Slack app's id, sent in `hello`, event envelopes and OAuth answers.
pub const APP_ID: &str = "A0FAKEAPP1";
/// The app-level token `apps.connections.open` accepts.
pub const APP_TOKEN: &str = "xapp-1-A0FAKEAPP1-fake-app-token";
/// The OAuth client id `oauth.v2.access` accepts.
pub const CLIENT_ID: &str = "1111111111.2222222222";
/// The OAuth client secret `oauth.v2.access` accepts.
pub const CLIENT_SECRET: &str = "fake-client-secret";

/// How long the `wait_for…` helpers wait when a test has no better figure.
pub const WAIT: Duration = Duration::from_secs(10);

/// A message the bot posted, with the parameters of its latest post or update.
#[derive(Debug, Clone)]
struct PostedMessage {
    params: Value,
}

/// A file announced by `files.getUploadURLExternal`, and its bytes once uploaded.
#[derive(Debug, Clone)]
struct PendingFile {
    filename: String,
    declared_length: usize,
    uploaded: Option<(usize, Option<String>)>,
}

/// Everything the fake knows and remembers, behind one lock that is never held across an await.
#[derive(Debug)]
struct State {
    base_url: String,
    ws_base_url: String,
    calls: Vec<RecordedCall>,
    failures: HashMap<String, VecDeque<Failure>>,
    workspaces: Vec<FakeWorkspace>,
    revoked_tokens: HashSet<String>,
    members: HashMap<String, Vec<FakeUser>>,
    oauth_grants: HashMap<String, OAuthGrant>,
    messages: HashMap<(String, String), PostedMessage>,
    home_views: HashMap<String, Value>,
    files: HashMap<String, PendingFile>,
    counter: u64,
    socket: socket::SocketState,
}

impl State {
    fn new(base_url: String, ws_base_url: String) -> Self {
        Self {
            base_url,
            ws_base_url,
            calls: Vec::new(),
            failures: HashMap::new(),
            workspaces: vec![FakeWorkspace::default()],
            revoked_tokens: HashSet::new(),
            members: HashMap::new(),
            oauth_grants: HashMap::new(),
            messages: HashMap::new(),
            home_views: HashMap::new(),
            files: HashMap::new(),
            counter: 0,
            socket: socket::SocketState::default(),
        }
    }

    /// A number never handed out before, for ids and timestamps.
    fn next_number(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// A fresh message timestamp: current seconds, and a counter as the unique fraction.
    fn next_ts(&mut self) -> String {
        let n = self.next_number();
        format!("{}.{:06}", unix_now(), n % 1_000_000)
    }

    fn take_failure(&mut self, method: &str) -> Option<Failure> {
        self.failures.get_mut(method)?.pop_front()
    }

    /// One-line summary of what arrived, for panic messages.
    fn describe_calls(&self) -> String {
        if self.calls.is_empty() {
            return "nothing".into();
        }
        self.calls
            .iter()
            .map(|c| {
                let failed = if c.failed() {
                    " (failed on purpose)"
                } else {
                    ""
                };
                let params = shorten(&c.params().to_string(), 300);
                format!("\n  {} {}{failed}: {params}", c.verb, c.method)
            })
            .collect()
    }
}

/// `text` cut to `max` characters, so a panic message stays readable with big block payloads.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Seconds since the epoch.
fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What the server tasks share with the test.
#[derive(Debug)]
struct Inner {
    state: Mutex<State>,
    /// Woken whenever something is recorded, so waits need no polling.
    changed: Notify,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking handler must not hide every later assertion behind a poison error.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records `call`, answering it with a programmed failure if one is armed for its method,
    /// otherwise with `answer`.
    fn serve(
        &self,
        mut call: RecordedCall,
        answer: impl FnOnce(&mut State, &RecordedCall) -> axum::response::Response,
    ) -> axum::response::Response {
        let response = {
            let mut state = self.lock();
            let failure = state.take_failure(&call.method);
            let response = match &failure {
                Some(failure) => web_api::failure_response(failure),
                None => answer(&mut state, &call),
            };
            call.failure = failure;
            state.calls.push(call);
            response
        };
        self.changed.notify_waiters();
        response
    }

    /// Waits until `check` finds something in the state, or panics after `timeout` with
    /// `describe`'s account of what the fake saw instead.
    async fn wait_until<T>(
        &self,
        timeout: Duration,
        what: &str,
        check: impl Fn(&State) -> Option<T>,
        describe: impl Fn(&State) -> String,
    ) -> T {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check(&self.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let seen = describe(&self.lock());
                panic!("fake Slack: waited {timeout:?} for {what}; it received {seen}");
            }
        }
    }
}

/// The running fake. Dropping it stops its servers.
#[derive(Debug)]
pub struct FakeSlack {
    inner: Arc<Inner>,
    addr: SocketAddr,
    tasks: Vec<AbortHandle>,
}

impl Drop for FakeSlack {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
        for task in self.inner.lock().socket.tasks.drain(..) {
            task.abort();
        }
    }
}

impl FakeSlack {
    /// Starts the fake on two free ports of 127.0.0.1 (HTTP and Socket Mode), knowing the
    /// default workspace ([`FakeWorkspace::default`]) and no members.
    pub async fn start() -> Self {
        let http = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Slack's HTTP port");
        let ws = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Slack's Socket Mode port");
        let addr = http.local_addr().expect("fake Slack HTTP address");
        let ws_addr = ws.local_addr().expect("fake Slack Socket Mode address");
        let inner = Arc::new(Inner {
            state: Mutex::new(State::new(
                format!("http://{addr}"),
                format!("ws://{ws_addr}"),
            )),
            changed: Notify::new(),
        });
        let app = Router::new()
            .route("/api/{method}", any(web_api::api))
            .route("/response/{id}", post(web_api::response_url))
            .route("/upload/{file_id}", post(web_api::upload))
            .layer(DefaultBodyLimit::max(50 * 1024 * 1024))
            .with_state(inner.clone());
        let http_task = tokio::spawn(async move {
            axum::serve(http, app)
                .await
                .expect("the fake Slack's HTTP server stopped");
        });
        let ws_task = tokio::spawn(socket::accept_loop(ws, inner.clone()));
        Self {
            inner,
            addr,
            tasks: vec![http_task.abort_handle(), ws_task.abort_handle()],
        }
    }

    /// The HTTP address, `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Web API base URL for `SLACK_API_URL` (`http://127.0.0.1:PORT/api`).
    pub fn api_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// A `response_url` served by the fake, for slash commands and interactions; posts to it are
    /// recorded as method `response_url` with path `/response/{id}`.
    pub fn response_url(&self, id: &str) -> String {
        format!("http://{}/response/{id}", self.addr)
    }

    /// Makes another workspace (and its bot token) known.
    pub async fn add_workspace(&self, workspace: FakeWorkspace) {
        self.inner.lock().workspaces.push(workspace);
    }

    /// Revokes a token: every later call with it gets `token_revoked`, as after an uninstall.
    pub async fn revoke_token(&self, token: &str) {
        self.inner.lock().revoked_tokens.insert(token.into());
    }

    /// Sets the members `users.list` and `users.info` serve for `team_id`, in order.
    pub async fn set_members(&self, team_id: &str, members: Vec<FakeUser>) {
        self.inner.lock().members.insert(team_id.into(), members);
    }

    /// Makes `code` a valid, single-use OAuth authorization code for `grant`.
    pub async fn add_oauth_code(&self, code: &str, grant: OAuthGrant) {
        self.inner.lock().oauth_grants.insert(code.into(), grant);
    }

    /// Answers the next `n` calls to `method` with `failure` (they are still recorded).
    pub async fn fail_next(&self, method: &str, n: usize, failure: Failure) {
        let mut state = self.inner.lock();
        let queue = state.failures.entry(method.into()).or_default();
        queue.extend(std::iter::repeat_n(failure, n));
    }

    /// Answers the next `n` calls to `method` with HTTP 429 and `Retry-After`.
    pub async fn rate_limit_next(&self, method: &str, n: usize, retry_after_secs: u64) {
        self.fail_next(method, n, Failure::RateLimited { retry_after_secs })
            .await;
    }

    /// Answers the next `n` calls to `method` with HTTP 500.
    pub async fn server_error_next(&self, method: &str, n: usize) {
        self.fail_next(method, n, Failure::ServerError).await;
    }

    /// Every call received so far, in order.
    pub async fn calls(&self) -> Vec<RecordedCall> {
        self.inner.lock().calls.clone()
    }

    /// The calls to one method (failed ones included), in order.
    pub async fn calls_to(&self, method: &str) -> Vec<RecordedCall> {
        calls_to(&self.inner.lock(), method)
    }

    /// Waits until at least `n` calls to `method` arrived (failed ones count) and returns all
    /// calls to it; panics after `timeout` listing everything that did arrive.
    pub async fn wait_for(&self, method: &str, n: usize, timeout: Duration) -> Vec<RecordedCall> {
        let what = format!("{n} call(s) to {method}");
        self.inner
            .wait_until(
                timeout,
                &what,
                |state| {
                    let calls = calls_to(state, method);
                    (calls.len() >= n).then_some(calls)
                },
                State::describe_calls,
            )
            .await
    }

    /// Forgets recorded calls, Socket Mode frames and armed failures; keeps workspaces, members,
    /// OAuth codes, messages and open sockets.
    pub async fn reset(&self) {
        let mut state = self.inner.lock();
        state.calls.clear();
        state.failures.clear();
        state.socket.forget_frames();
    }

    /// The parameters of the latest `chat.postMessage` or `chat.update` of message
    /// (`channel`, `ts`), as the person would now see it.
    pub async fn message(&self, channel: &str, ts: &str) -> Option<Value> {
        let state = self.inner.lock();
        let key = (channel.to_owned(), ts.to_owned());
        state.messages.get(&key).map(|m| m.params.clone())
    }

    /// Every message posted in `channel` (a user's `D…` DM id for messages sent to a `U…` id),
    /// oldest first, as `(ts, parameters of its latest post or update)`.
    pub async fn messages_in(&self, channel: &str) -> Vec<(String, Value)> {
        let state = self.inner.lock();
        let mut found: Vec<(String, Value)> = state
            .messages
            .iter()
            .filter(|((ch, _), _)| ch == channel)
            .map(|((_, ts), m)| (ts.clone(), m.params.clone()))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    }

    /// The Home tab view last published for `user_id`.
    pub async fn home_view(&self, user_id: &str) -> Option<Value> {
        self.inner.lock().home_views.get(user_id).cloned()
    }
}

fn calls_to(state: &State, method: &str) -> Vec<RecordedCall> {
    state
        .calls
        .iter()
        .filter(|c| c.method == method)
        .cloned()
        .collect()
}

/// The DM channel id the fake gives the conversation between the bot and `user_id`
/// (`conversations.open`, or `chat.postMessage` to a user id).
pub fn dm_channel(user_id: &str) -> String {
    format!("D{}", user_id.trim_start_matches(['U', 'W']))
}
