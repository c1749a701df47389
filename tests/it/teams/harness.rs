//! A running `serve` with Teams switched on, wired to the fake Bot Framework, on a real
//! database, with the demo org chart imported as an admin would after setting Teams up.
//!
//! [`TeamsHarness::start`] also adds the app to the fake's team (as its first member, an admin,
//! would), so the bot knows the team's channels and roster before the test begins;
//! [`TeamsHarness::start_bare`] leaves that to the test.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use ambassador::app::{Server, open_store};
use ambassador::bot::import_org_chart;
use ambassador::config::Config;
use ambassador::core::clock::{Clock, ManualClock, SystemClock};
use ambassador::core::directory::Org;
use ambassador::demo::DEMO_ORG_CSV;
use ambassador::platform::teams::TeamsPlatform;
use ambassador::platform::teams::config::{TeamsConfig, TeamsCredentials, TeamsSettings};
use ambassador::store::Store;
use ambassador::store::prelude::*;
use serde_json::Value;
use tokio::task::JoinHandle;

use super::fake::{self, BotAnswer, FakeBotFramework, FakePerson, TeamsClient};
use crate::helpers::{Backend, TestDb, test_config};

/// serve + fake Bot Framework + database.
pub struct TeamsHarness {
    pub fake: FakeBotFramework,
    pub client: TeamsClient,
    pub db: TestDb,
    pub store: Store,
    pub addr: SocketAddr,
    pub org: Org,
    config: Arc<Config>,
    teams: TeamsConfig,
    /// Set when the test moves time itself.
    pub clock: Option<Arc<ManualClock>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

/// The Teams settings a test runs with: the fake's login and token endpoints, its app id,
/// secret and tenant, and its Connector (on 127.0.0.1) allowed.
pub fn teams_config(app: &Config, fake: &FakeBotFramework) -> TeamsConfig {
    let mut settings: TeamsSettings = app.section("teams").expect("[teams] defaults");
    settings.service_url_hosts = vec!["127.0.0.1".to_string()];
    settings.calls_per_second = 1000;
    TeamsConfig::new(
        settings,
        TeamsCredentials {
            app_id: Some(fake::APP_ID.to_string()),
            app_password: Some(fake::APP_PASSWORD.to_string()),
            tenant_id: Some(fake::TENANT_ID.to_string()),
            openid_metadata_url: fake.openid_metadata_url(),
            token_url: fake.token_url_template(),
        },
    )
    .expect("the Teams test settings are valid")
}

impl TeamsHarness {
    /// Starts everything on a fresh database of `backend`, with the app added to the team.
    pub async fn start(backend: Backend) -> TeamsHarness {
        let h = Self::start_bare(backend, None).await;
        h.install().await;
        h
    }

    /// Starts with a clock the test moves (rounds closing, weekly digests), app added.
    pub async fn start_at(backend: Backend, clock: Arc<ManualClock>) -> TeamsHarness {
        let h = Self::start_bare(backend, Some(clock)).await;
        h.install().await;
        h
    }

    /// Starts with the settings `adjust` changes (say, the channel kudos are posted to), app
    /// added.
    pub async fn start_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TeamsHarness {
        let h = Self::start_bare_with(backend, None, adjust).await;
        h.install().await;
        h
    }

    /// Starts without adding the app anywhere: the org chart is imported, nothing else.
    pub async fn start_bare(backend: Backend, clock: Option<Arc<ManualClock>>) -> TeamsHarness {
        Self::start_bare_with(backend, clock, |_| {}).await
    }

    /// [`TeamsHarness::start_bare`] with the settings `adjust` changes.
    pub async fn start_bare_with(
        backend: Backend,
        clock: Option<Arc<ManualClock>>,
        adjust: impl FnOnce(&mut Config),
    ) -> TeamsHarness {
        let fake = FakeBotFramework::start().await;
        let client = fake.teams_client();
        let db = TestDb::new(backend).await;
        let mut app = test_config(&db.url);
        app.bind = "127.0.0.1:0".parse().expect("addr");
        // Pulse deliveries and digests go out on the scheduler's tick; do not wait 30 s for it.
        app.settings.scheduler.tick_seconds = 1;
        adjust(&mut app);
        let teams = teams_config(&app, &fake);
        let config = Arc::new(app);
        let store = open_store(&config, &db.url).await.expect("store");
        let mut h = TeamsHarness {
            fake,
            client,
            db,
            store,
            addr: "127.0.0.1:0".parse().expect("addr"),
            org: placeholder_org(),
            config,
            teams,
            clock,
            stop: None,
            task: None,
        };
        h.boot().await;
        let org = h
            .store
            .find_org("teams", fake::TENANT_ID)
            .await
            .expect("orgs")
            .expect("the tenant's org exists once serve has started");
        import_org_chart(&h.store, &h.config, &org, DEMO_ORG_CSV, h.now())
            .await
            .expect("the demo org chart imports");
        h.org = org;
        h
    }

    /// The server's now.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        match &self.clock {
            Some(c) => c.now(),
            None => chrono::Utc::now(),
        }
    }

    /// A Teams adapter over the harness's database and settings, for calling the adapter's
    /// own jobs (the daily roster refresh) the way serve's tasks do.
    pub fn platform(&self) -> TeamsPlatform {
        let clock: Arc<dyn Clock> = match &self.clock {
            Some(c) => c.clone(),
            None => Arc::new(SystemClock),
        };
        TeamsPlatform::new(self.teams.clone(), &self.config, self.store.clone(), clock)
            .expect("the Teams adapter builds")
    }

    async fn boot(&mut self) {
        let clock: Arc<dyn Clock> = match &self.clock {
            Some(c) => c.clone(),
            None => Arc::new(SystemClock),
        };
        let teams = self.platform();
        let server = Server::build(
            self.config.clone(),
            self.store.clone(),
            clock,
            vec![Arc::new(teams)],
        )
        .await
        .expect("serve starts");
        self.addr = server.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        self.stop = Some(stop);
        self.task = Some(tokio::spawn(server.run_until(async {
            let _ = stopped.await;
        })));
    }

    /// Paces the bot's Connector calls (takes effect at the next [`TeamsHarness::restart`]).
    pub fn set_calls_per_second(&mut self, calls_per_second: u32) {
        self.teams.settings.calls_per_second = calls_per_second;
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

    /// The bot's messaging endpoint, as registered in the Azure Bot.
    pub fn endpoint(&self) -> String {
        format!("http://{}/teams/messages", self.addr)
    }

    /// Sends an activity signed as the Connector signs it, at the server's now (so a token
    /// stays within its validity window when the test moved the clock).
    pub async fn send(&self, activity: &Value) -> BotAnswer {
        let authorization = self.client.authorization_at(activity, self.now());
        fake::post_activity(&self.endpoint(), activity, Some(&authorization)).await
    }

    /// Sends an activity with this `Authorization` header value (or none).
    pub async fn send_with(&self, activity: &Value, authorization: Option<&str>) -> BotAnswer {
        fake::post_activity(&self.endpoint(), activity, authorization).await
    }

    /// A demo person by email (or `29:` id, or Entra id).
    pub fn person(&self, key: &str) -> FakePerson {
        self.fake.person(key)
    }

    /// Adds the app to the fake's team, as its first member does, and waits until the bot has
    /// read the team and greeted them.
    pub async fn install(&self) {
        let by = self
            .fake
            .members()
            .into_iter()
            .next()
            .expect("the team has members");
        let answer = self.send(&self.client.bot_added_to_team(&by)).await;
        assert!(
            (200..300).contains(&answer.status),
            "the install is acknowledged: {} {}",
            answer.status,
            answer.text
        );
        self.settle().await;
    }

    /// Waits until the inbox and outbox are both empty.
    pub async fn settle(&self) {
        let deadline = tokio::time::Instant::now() + fake::WAIT;
        loop {
            let pending = self.store.inbox_pending().await.expect("inbox");
            let unsent = self.store.outbox_unsent().await.expect("outbox");
            if pending == 0 && unsent == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "still {pending} activities to process and {unsent} calls to send"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Kudos stored in the org.
    pub async fn kudos_count(&self) -> i64 {
        self.store.kudos_count(self.org.id).await.expect("count")
    }
}

impl Drop for TeamsHarness {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn placeholder_org() -> Org {
    Org {
        id: ambassador::core::ids::OrgId(0),
        platform: "teams".into(),
        platform_org_id: String::new(),
        name: String::new(),
        timezone: chrono_tz::UTC,
        locale: ambassador::core::locale::Locale::En,
    }
}
