//! `serve` with Teams switched on, in this process, wired to the fake Bot Framework: the same
//! set-up as the integration tests' harness (`tests/it/teams/harness.rs`), with the bench's
//! settings (kudos without a daily limit, a one-second scheduler tick, the chosen pace).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ambassador::app::{Server, open_store};
use ambassador::bot::import_org_chart;
use ambassador::config::{self, Config};
use ambassador::core::clock::{Clock, SystemClock};
use ambassador::core::directory::Org;
use ambassador::platform::teams::TeamsPlatform;
use ambassador::platform::teams::config::{TeamsConfig, TeamsCredentials, TeamsSettings};
use ambassador::store::Store;
use ambassador::store::prelude::*;
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::Options;
use crate::slow_connector;
use crate::teams_support::fake::{self, BotAnswer, FakeBotFramework, FakePerson, TeamsClient};

/// A running `serve` and the fake it talks to.
pub struct Serve {
    /// The fake Bot Framework (login, token endpoint, Connector) and its tenant.
    pub fake: FakeBotFramework,
    /// Teams' side: builds and signs activities.
    pub client: TeamsClient,
    /// The database `serve` uses.
    pub store: Store,
    /// Where `serve` listens.
    pub addr: SocketAddr,
    /// The tenant's org.
    pub org: Org,
    /// The `serviceUrl` activities name: the fake's Connector, or a slow one in front of it.
    pub service_url: String,
    config: Arc<Config>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

impl Serve {
    /// Starts `serve` on the database at `url` with `people` as the fake tenant's roster
    /// (the fake's demo tenant when `None`).
    pub async fn start(
        url: &str,
        people: Option<Vec<FakePerson>>,
        options: &Options,
    ) -> anyhow::Result<Serve> {
        let fake = FakeBotFramework::start().await;
        if let Some(people) = people {
            fake.set_members(people);
        }
        let client = fake.teams_client();
        let service_url = if options.connector_delay.is_zero() {
            fake.service_url()
        } else {
            let slow = slow_connector::start(fake.url(), options.connector_delay).await?;
            format!("http://{slow}/")
        };
        let mut app = config::defaults()?;
        app.settings.database.url = url.to_string();
        app.bind = "127.0.0.1:0".parse()?;
        app.kudos.daily_allowance = 1_000_000;
        // Every kudos is also posted to a channel the fake's team has.
        app.settings.kudos.channel = "customer-wins".into();
        app.settings.scheduler.tick_seconds = 1;
        let mut settings: TeamsSettings = app.section("teams")?;
        settings.service_url_hosts = vec!["127.0.0.1".to_string()];
        settings.calls_per_second = options.calls_per_second;
        let teams = TeamsConfig::new(
            settings,
            TeamsCredentials {
                app_id: Some(fake::APP_ID.to_string()),
                app_password: Some(fake::APP_PASSWORD.to_string()),
                tenant_id: Some(fake::TENANT_ID.to_string()),
                openid_metadata_url: fake.openid_metadata_url(),
                token_url: fake.token_url_template(),
            },
        )?;
        let config = Arc::new(app);
        let store = open_store(&config, url).await?;
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let platform = TeamsPlatform::new(teams, &config, store.clone(), clock.clone())?;
        let server = Server::build(
            config.clone(),
            store.clone(),
            clock,
            vec![Arc::new(platform)],
        )
        .await?;
        let addr = server.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run_until(async {
            let _ = stopped.await;
        }));
        let org = store
            .find_org("teams", fake::TENANT_ID)
            .await?
            .ok_or_else(|| anyhow::anyhow!("serve started without the tenant's org"))?;
        Ok(Serve {
            fake,
            client,
            store,
            addr,
            org,
            service_url,
            config,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Imports an org chart, as an admin does after setting Teams up.
    pub async fn import(&self, csv: &str) -> anyhow::Result<()> {
        import_org_chart(
            &self.store,
            &self.config,
            &self.org,
            csv,
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("the org chart does not import: {e}"))?;
        Ok(())
    }

    /// The bot's messaging endpoint.
    pub fn endpoint(&self) -> String {
        format!("http://{}/teams/messages", self.addr)
    }

    /// A valid `Authorization` header for activities from [`Serve::service_url`], good for
    /// an hour, as the Connector reuses one token for many activities.
    pub fn authorization(&self) -> String {
        self.client
            .authorization(&json!({"serviceUrl": self.service_url}))
    }

    /// An activity the fake built, as coming from [`Serve::service_url`].
    pub fn stamp(&self, mut activity: Value) -> Value {
        activity["serviceUrl"] = json!(self.service_url);
        activity
    }

    /// Posts one activity, validly signed.
    pub async fn send(&self, activity: Value) -> BotAnswer {
        let activity = self.stamp(activity);
        self.client.send(&self.endpoint(), &activity).await
    }

    /// `by` adds the app to the fake's team; returns how long until the bot had read the
    /// roster and sent what it sends then.
    pub async fn install(&self, by: &FakePerson, limit: Duration) -> anyhow::Result<Duration> {
        let began = Instant::now();
        let answer = self.send(self.client.bot_added_to_team(by)).await;
        anyhow::ensure!(
            (200..300).contains(&answer.status),
            "adding the app was answered {} {}",
            answer.status,
            answer.text
        );
        anyhow::ensure!(
            self.settle(limit).await?,
            "the bot had not finished adding the app after {limit:?}"
        );
        Ok(began.elapsed())
    }

    /// Waits until nothing is left to process or send; `false` when `limit` ran out first.
    pub async fn settle(&self, limit: Duration) -> anyhow::Result<bool> {
        let deadline = Instant::now() + limit;
        loop {
            if self.store.inbox_pending().await? == 0 && self.store.outbox_unsent().await? == 0 {
                return Ok(true);
            }
            if Instant::now() >= deadline {
                return Ok(false);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// People of the org the directory has linked to a Teams account.
    pub async fn linked_people(&self) -> anyhow::Result<usize> {
        let people = self.store.people(self.org.id).await?;
        Ok(people
            .iter()
            .filter(|p| p.is_active && p.platform_user_id.is_some())
            .count())
    }

    /// Stops `serve` gracefully.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            match tokio::time::timeout(Duration::from_secs(30), task).await {
                Ok(result) => result??,
                Err(_) => println!("  (serve took more than 30 s to stop)"),
            }
        }
        Ok(())
    }
}
