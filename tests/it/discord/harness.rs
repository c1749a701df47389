//! A running `serve` with Discord switched on, wired to the fake Discord, on a real database,
//! with the demo org chart imported as an admin would (`org import --org <guild id>`), in
//! either mode: HTTP interactions (signed requests to `POST /discord/interactions`) or the
//! gateway (serenity's client connected to the fake's WebSocket).
//!
//! [`DiscordHarness::interact`] sends an interaction the way the mode delivers it and returns
//! the bot's first answer as the fake recorded it (inline in the HTTP response, or the gateway
//! mode's callback), so a flow reads the same in both modes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use ambassador::app::{Server, open_store};
use ambassador::bot::import_org_chart;
use ambassador::config::Config;
use ambassador::core::clock::{Clock, ManualClock, SystemClock};
use ambassador::core::directory::Org;
use ambassador::demo::DEMO_ORG_CSV;
use ambassador::platform::discord::DiscordPlatform;
use ambassador::platform::discord::config::{DiscordConfig, DiscordCredentials, DiscordSettings};
use ambassador::store::Store;
use ambassador::store::prelude::*;
use serde_json::Value;
use tokio::task::JoinHandle;

use super::fake::{self, Callback, CommandOption, DiscordClient, FakeDiscord, FakeMember, Route};
use crate::helpers::{Backend, TestDb, test_config};

/// How interactions reach the bot in a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Signed HTTP requests.
    Http,
    /// INTERACTION_CREATE over the gateway.
    Gateway,
}

/// serve + fake Discord + database.
pub struct DiscordHarness {
    pub fake: FakeDiscord,
    pub client: DiscordClient,
    pub db: TestDb,
    pub store: Store,
    pub addr: SocketAddr,
    pub org: Org,
    pub mode: Mode,
    config: Arc<Config>,
    discord: DiscordConfig,
    /// Set when the test moves time itself.
    pub clock: Option<Arc<ManualClock>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

/// The Discord settings a test runs with: the fake's origin, token and (in HTTP mode) public
/// key, and no pacing worth waiting for.
pub fn discord_config(
    app: &Config,
    fake: &FakeDiscord,
    mode: Mode,
    adjust: impl FnOnce(&mut DiscordSettings),
) -> DiscordConfig {
    let mut settings: DiscordSettings = app.section("discord").expect("[discord] defaults");
    settings.calls_per_second = 50;
    adjust(&mut settings);
    DiscordConfig::new(
        settings,
        DiscordCredentials {
            token: Some(fake::BOT_TOKEN.to_string()),
            public_key: (mode == Mode::Http).then(|| fake::PUBLIC_KEY.to_string()),
            api_url: fake.url(),
        },
    )
    .expect("the Discord test settings are valid")
}

impl DiscordHarness {
    /// Starts everything on a fresh database of `backend`, in `mode`.
    pub async fn start(backend: Backend, mode: Mode) -> DiscordHarness {
        Self::start_with(backend, mode, None, |_| {}).await
    }

    /// Starts with a clock the test moves (rounds closing, weekly digests).
    pub async fn start_at(backend: Backend, mode: Mode, clock: Arc<ManualClock>) -> DiscordHarness {
        Self::start_with(backend, mode, Some(clock), |_| {}).await
    }

    /// Starts with the settings `adjust` changes.
    pub async fn start_with(
        backend: Backend,
        mode: Mode,
        clock: Option<Arc<ManualClock>>,
        adjust: impl FnOnce(&mut Config),
    ) -> DiscordHarness {
        Self::start_configured(backend, mode, clock, adjust, |_| {}).await
    }

    /// Starts with the settings `adjust` and the `[discord]` settings `adjust_discord` change.
    pub async fn start_configured(
        backend: Backend,
        mode: Mode,
        clock: Option<Arc<ManualClock>>,
        adjust: impl FnOnce(&mut Config),
        adjust_discord: impl FnOnce(&mut DiscordSettings),
    ) -> DiscordHarness {
        let fake = FakeDiscord::start().await;
        let client = fake.client();
        let db = TestDb::new(backend).await;
        let mut app = test_config(&db.url);
        app.bind = "127.0.0.1:0".parse().expect("addr");
        // Pulse deliveries and digests go out on the scheduler's tick; do not wait 30 s for it.
        app.settings.scheduler.tick_seconds = 1;
        adjust(&mut app);
        let discord = discord_config(&app, &fake, mode, adjust_discord);
        let config = Arc::new(app);
        let store = open_store(&config, &db.url).await.expect("store");
        let mut h = DiscordHarness {
            fake,
            client,
            db,
            store,
            addr: "127.0.0.1:0".parse().expect("addr"),
            org: placeholder_org(),
            mode,
            config,
            discord,
            clock,
            stop: None,
            task: None,
        };
        h.boot().await;
        let org = h
            .store
            .find_org("discord", fake::GUILD_ID)
            .await
            .expect("orgs")
            .expect("the guild's org exists once serve has started");
        import_org_chart(&h.store, &h.config, &org, DEMO_ORG_CSV, h.now())
            .await
            .expect("the demo org chart imports");
        h.org = org;
        if mode == Mode::Gateway {
            h.fake.wait_for_ready().await;
        }
        h
    }

    /// The configuration serve runs with.
    pub fn config(&self) -> Arc<Config> {
        self.config.clone()
    }

    /// The server's now.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        match &self.clock {
            Some(c) => c.now(),
            None => chrono::Utc::now(),
        }
    }

    /// A Discord adapter over the harness's database and settings, for calling the adapter's
    /// own jobs (the daily member refresh) the way serve's tasks do.
    pub fn platform(&self) -> DiscordPlatform {
        let clock: Arc<dyn Clock> = match &self.clock {
            Some(c) => c.clone(),
            None => Arc::new(SystemClock),
        };
        DiscordPlatform::new(
            self.discord.clone(),
            &self.config,
            self.store.clone(),
            clock,
        )
        .expect("the Discord adapter builds")
    }

    async fn boot(&mut self) {
        let clock: Arc<dyn Clock> = match &self.clock {
            Some(c) => c.clone(),
            None => Arc::new(SystemClock),
        };
        let discord = self.platform();
        let read_before = self.fake.calls_to(Route::GuildChannels).len();
        let server = Server::build(
            self.config.clone(),
            self.store.clone(),
            clock,
            vec![Arc::new(discord)],
        )
        .await
        .expect("serve starts");
        self.addr = server.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        self.stop = Some(stop);
        self.task = Some(tokio::spawn(server.run_until(async {
            let _ = stopped.await;
        })));
        // The adapter reads the guild (members, then channels) as it starts; tests begin once
        // it has, as an admin would after the bot came online.
        self.fake
            .wait_for_calls(Route::GuildChannels, read_before + 1)
            .await;
    }

    /// Stops serve gracefully and starts it again on the same database.
    pub async fn restart(&mut self) {
        self.shutdown().await;
        self.store = open_store(&self.config, &self.db.url).await.expect("store");
        self.boot().await;
    }

    /// Stops serve.
    pub async fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(20), task).await;
        }
    }

    /// The Interactions Endpoint URL, as set in the Developer Portal.
    pub fn endpoint(&self) -> String {
        format!("http://{}/discord/interactions", self.addr)
    }

    /// A member of the fake guild by username (`ana`) or snowflake.
    pub fn member(&self, key: &str) -> FakeMember {
        self.fake.member(key)
    }

    /// Delivers `payload` the way the mode does and returns the bot's first answer.
    pub async fn interact(&self, payload: &Value) -> Callback {
        let id = fake::interaction_id(payload);
        match self.mode {
            Mode::Http => {
                // Signed at the bot's now: a test that moves the bot's clock moves Discord's.
                let answer = self
                    .client
                    .send_at(&self.endpoint(), payload, self.now().timestamp())
                    .await;
                assert_eq!(answer.status, 200, "the bot answers: {}", answer.text);
            }
            Mode::Gateway => {
                self.fake.interaction(payload);
            }
        }
        let callback = self.fake.wait_for_callback(&id).await;
        assert!(
            callback.error.is_none(),
            "Discord would refuse the bot's answer: {:?} {}",
            callback.error,
            callback.body
        );
        callback
    }

    /// `who` runs `/name` with `options` in `#general`.
    pub async fn command(&self, who: &str, name: &str, options: Vec<CommandOption>) -> Callback {
        let member = self.member(who);
        let payload = self
            .client
            .command(&member, fake::GENERAL_CHANNEL_ID, name, options);
        self.interact(&payload).await
    }

    /// `who` runs `/name` with `options` in their DM with the bot.
    pub async fn command_in_dm(
        &self,
        who: &str,
        name: &str,
        options: Vec<CommandOption>,
    ) -> Callback {
        let member = self.member(who);
        let channel = self.client.dm_channel(&member);
        let payload = self.client.command(&member, &channel, name, options);
        self.interact(&payload).await
    }

    /// Waits until the relay's queues hold nothing due: every stored request processed and
    /// every queued call sent or set aside.
    pub async fn settle(&self) {
        let deadline = tokio::time::Instant::now() + fake::WAIT;
        loop {
            let inbox = self.store.inbox_pending().await.expect("inbox");
            let outbox = self.store.outbox_unsent().await.expect("outbox");
            if inbox == 0 && outbox == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the relay did not settle: {inbox} requests and {outbox} calls pending"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Kudos stored in the org.
    pub async fn kudos_count(&self) -> i64 {
        self.store.kudos_count(self.org.id).await.expect("count")
    }
}

impl Drop for DiscordHarness {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn placeholder_org() -> Org {
    Org {
        id: ambassador::core::ids::OrgId(0),
        platform: "discord".into(),
        platform_org_id: fake::GUILD_ID.into(),
        name: String::new(),
        timezone: chrono_tz::UTC,
        locale: ambassador::core::locale::Locale::En,
    }
}
