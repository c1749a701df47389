//! A running `serve` wired to the fake Slack, on a real database, with the demo company as the
//! workspace's members (Slack ids `U` + the part of their email before `@`, upper-cased) and
//! the demo org chart imported, as an admin would after installing.

use ambassador::store::prelude::*;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use ambassador::app::{Server, open_store};
use ambassador::bot::import_org_chart;
use ambassador::config::Config;
use ambassador::core::clock::{Clock, ManualClock, SystemClock};
use ambassador::core::directory::Org;
use ambassador::demo::DEMO_ORG_CSV;
use ambassador::platform::slack::SlackPlatform;
use ambassador::platform::slack::config::{SlackConfig, SlackCredentials};
use ambassador::store::Store;
use serde_json::Value;
use tokio::task::JoinHandle;

use super::fake::{self, FakeSlack, FakeUser};
use super::payloads::SlashCommand;
use super::signing::{self, SlackBody};
use crate::helpers::{Backend, TestDb, test_config};

/// The demo company as Slack members.
pub fn demo_members() -> Vec<FakeUser> {
    let mut reader = csv::Reader::from_reader(DEMO_ORG_CSV.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let (email, name, tz, locale, active) = (
        col("email"),
        col("name"),
        col("timezone"),
        col("locale"),
        col("active"),
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("a demo row");
            let mut u = FakeUser::person(&slack_id(&r[email]), &r[name]);
            u.email = Some(r[email].to_string());
            u.tz = r[tz].to_string();
            u.locale = match &r[locale] {
                "el" => "el-GR".into(),
                "pl" => "pl-PL".into(),
                _ => "en-US".into(),
            };
            u.deleted = &r[active] == "no";
            u
        })
        .collect()
}

/// The Slack id the harness gives a demo person, from their email.
pub fn slack_id(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    format!("U{}", local.to_uppercase().replace(['.', '-', '_'], ""))
}

/// serve + fake Slack + database.
pub struct SlackHarness {
    pub fake: FakeSlack,
    pub db: TestDb,
    pub store: Store,
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub org: Org,
    config: Arc<Config>,
    slack: SlackConfig,
    /// Set when the test moves time itself; requests are then signed at its time.
    pub clock: Option<Arc<ManualClock>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

/// The settings a Slack test runs with: the server's (`app`) and the Slack adapter's, with the
/// fake's URL, its bot token and the test signing secret.
pub struct SlackTestConfig {
    /// The server's settings.
    pub app: Config,
    /// `[slack]` and the credentials.
    pub slack: SlackConfig,
}

/// The settings a Slack test runs with: the fake's URL, its bot token, the test signing secret.
pub fn slack_config(db: &TestDb, fake: &FakeSlack) -> SlackTestConfig {
    let mut app = test_config(&db.url);
    app.bind = "127.0.0.1:0".parse().expect("addr");
    let mut slack = SlackConfig::with_defaults(SlackCredentials {
        signing_secret: Some(signing::SIGNING_SECRET.to_string()),
        bot_token: Some(fake::BOT_TOKEN.to_string()),
        api_url: fake.api_url(),
        ..SlackCredentials::none()
    })
    .expect("the Slack test settings are valid");
    slack.settings.api_calls_per_second = 1000;
    SlackTestConfig { app, slack }
}

impl SlackHarness {
    /// Starts everything on a fresh database of `backend`.
    pub async fn start(backend: Backend) -> SlackHarness {
        let fake = FakeSlack::start().await;
        fake.set_members(fake::TEAM_ID, demo_members()).await;
        let db = TestDb::new(backend).await;
        let config = slack_config(&db, &fake);
        Self::start_with(fake, db, config).await
    }

    /// Starts with a given configuration (Socket Mode, OAuth).
    pub async fn start_with(fake: FakeSlack, db: TestDb, config: SlackTestConfig) -> SlackHarness {
        Self::start_full(fake, db, config, None).await
    }

    /// Starts with a clock the test moves (rounds closing, weekly digests).
    pub async fn start_at(
        fake: FakeSlack,
        db: TestDb,
        config: SlackTestConfig,
        clock: Arc<ManualClock>,
    ) -> SlackHarness {
        Self::start_full(fake, db, config, Some(clock)).await
    }

    async fn start_full(
        fake: FakeSlack,
        db: TestDb,
        config: SlackTestConfig,
        clock: Option<Arc<ManualClock>>,
    ) -> SlackHarness {
        let SlackTestConfig { app, slack } = config;
        let config = Arc::new(app);
        let store = open_store(&config, &db.url).await.expect("store");
        let mut h = SlackHarness {
            fake,
            db,
            store,
            addr: "127.0.0.1:0".parse().expect("addr"),
            client: reqwest::Client::new(),
            org: placeholder_org(),
            config,
            slack,
            clock,
            stop: None,
            task: None,
        };
        h.boot().await;
        if let Some(org) = h
            .store
            .find_org("slack", fake::TEAM_ID)
            .await
            .expect("orgs")
        {
            import_org_chart(&h.store, &h.config, &org, DEMO_ORG_CSV, h.now())
                .await
                .expect("the demo org chart imports");
            h.org = org;
        }
        h
    }

    /// The server's now.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        match &self.clock {
            Some(c) => c.now(),
            None => chrono::Utc::now(),
        }
    }

    async fn boot(&mut self) {
        let clock: Arc<dyn Clock> = match &self.clock {
            Some(c) => c.clone(),
            None => Arc::new(SystemClock),
        };
        let slack = SlackPlatform::new(
            self.slack.clone(),
            &self.config,
            self.store.clone(),
            clock.clone(),
        )
        .expect("the Slack adapter builds");
        let server = Server::build(
            self.config.clone(),
            self.store.clone(),
            clock,
            vec![Arc::new(slack)],
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

    /// A URL on the server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POSTs a correctly signed body.
    pub async fn post(&self, path: &str, body: &SlackBody) -> reqwest::Response {
        signing::signed_request_at(
            &self.client,
            &self.url(path),
            body,
            signing::SIGNING_SECRET,
            self.now().timestamp(),
        )
        .send()
        .await
        .expect("the server answers")
    }

    /// Sends a slash command as `user` and returns the response_url id the reply will use.
    pub async fn command(&self, user: &str, command: &str, text: &str) -> String {
        let id = super::payloads::fresh_trigger_id();
        let c = SlashCommand::new(command, text, user, &self.fake.response_url(&id));
        let r = self.post("/slack/commands", &c.form()).await;
        assert_eq!(r.status(), 200, "the command is acknowledged");
        id
    }

    /// Sends a command and waits for its reply on the response_url; returns the reply body.
    pub async fn command_reply(&self, user: &str, command: &str, text: &str) -> Value {
        let id = self.command(user, command, text).await;
        self.reply_to(&id).await
    }

    /// The reply posted to the response_url with this id.
    pub async fn reply_to(&self, id: &str) -> Value {
        let deadline = tokio::time::Instant::now() + fake::WAIT;
        loop {
            let calls = self.fake.calls_to("response_url").await;
            if let Some(c) = calls.iter().find(|c| c.path.ends_with(&format!("/{id}"))) {
                return c.body.clone();
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no reply arrived at response_url {id}; calls: {:?}",
                self.fake
                    .calls()
                    .await
                    .iter()
                    .map(|c| &c.method)
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Sends an Events API callback.
    pub async fn event(&self, envelope: &Value) -> reqwest::Response {
        self.post("/slack/events", &SlackBody::json(envelope)).await
    }

    /// Sends an interaction payload.
    pub async fn interaction(&self, payload: &Value) -> reqwest::Response {
        self.post(
            "/slack/interactions",
            &super::payloads::interaction_form(payload),
        )
        .await
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
                "still {pending} requests to process and {unsent} calls to send"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Kudos stored in the org.
    pub async fn kudos_count(&self) -> i64 {
        self.store.kudos_count(self.org.id).await.expect("count")
    }
}

impl Drop for SlackHarness {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn placeholder_org() -> Org {
    Org {
        id: ambassador::core::ids::OrgId(0),
        platform: "slack".into(),
        platform_org_id: String::new(),
        name: String::new(),
        timezone: chrono_tz::UTC,
        locale: ambassador::core::locale::Locale::En,
    }
}

/// Every text a rendered Slack message or reply body carries (text and block texts), joined.
pub fn all_text(v: &Value) -> String {
    let mut out = Vec::new();
    collect_text(v, &mut out);
    out.join("\n")
}

fn collect_text(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                if k == "text"
                    && let Some(s) = val.as_str()
                {
                    out.push(s.to_string());
                    continue;
                }
                collect_text(val, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_text(i, out)),
        _ => {}
    }
}
