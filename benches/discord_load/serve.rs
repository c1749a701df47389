//! `serve` with Discord switched on, in this process, wired to the fake Discord: the same
//! set-up as the integration tests' harness (`tests/it/discord/harness.rs`), with the bench's
//! settings (kudos without a daily limit, posted to `#customer-wins`, a one-second scheduler
//! tick, the chosen pace).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ambassador::app::{Server, open_store};
use ambassador::bot::import_org_chart;
use ambassador::config;
use ambassador::core::clock::{Clock, SystemClock};
use ambassador::core::directory::Org;
use ambassador::demo::DEMO_ORG_CSV;
use ambassador::platform::discord::DiscordPlatform;
use ambassador::platform::discord::config::{DiscordConfig, DiscordCredentials, DiscordSettings};
use ambassador::store::Store;
use ambassador::store::prelude::*;
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::Options;
use crate::discord_support::fake::{
    self, CommandOption, DiscordClient, FakeDiscord, FakeMember, RecordedCall, Route,
};

/// How interactions reach the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Signed requests to `POST /discord/interactions`.
    Http,
    /// INTERACTION_CREATE over the gateway.
    Gateway,
}

/// A running `serve` and the fake it talks to.
pub struct Serve {
    /// The fake Discord (REST, gateway) and its guild.
    pub fake: FakeDiscord,
    /// Discord's side: builds and signs interactions.
    pub client: DiscordClient,
    /// The database `serve` uses.
    pub store: Store,
    /// Where `serve` listens.
    pub addr: SocketAddr,
    /// The guild's org.
    pub org: Org,
    /// The guild's members in the org chart: givers and recipients.
    pub people: Vec<FakeMember>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

impl Serve {
    /// Starts `serve` on the database at `url` in `mode`, imports the demo org chart for the
    /// guild and waits until the commands are registered (and, over the gateway, the session
    /// is ready).
    pub async fn start(url: &str, mode: Mode, options: &Options) -> anyhow::Result<Serve> {
        let fake = FakeDiscord::start().await;
        let client = fake.client();
        let mut app = config::defaults()?;
        app.settings.database.url = url.to_string();
        app.bind = "127.0.0.1:0".parse()?;
        app.kudos.daily_allowance = 1_000_000;
        // Every kudos is also posted to a channel the fake's guild has.
        app.settings.kudos.channel = "customer-wins".into();
        app.settings.scheduler.tick_seconds = 1;
        let mut settings: DiscordSettings = app.section("discord")?;
        settings.calls_per_second = options.calls_per_second;
        let discord = DiscordConfig::new(
            settings,
            DiscordCredentials {
                token: Some(fake::BOT_TOKEN.to_string()),
                public_key: (mode == Mode::Http).then(|| fake::PUBLIC_KEY.to_string()),
                api_url: fake.url(),
            },
        )?;
        let config = Arc::new(app);
        let store = open_store(&config, url).await?;
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let platform = DiscordPlatform::new(discord, &config, store.clone(), clock.clone())?;
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
            .find_org("discord", fake::GUILD_ID)
            .await?
            .ok_or_else(|| anyhow::anyhow!("serve started without the guild's org"))?;
        import_org_chart(&store, &config, &org, DEMO_ORG_CSV, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("the org chart does not import: {e}"))?;
        fake.wait_for_commands().await;
        if mode == Mode::Gateway {
            fake.wait_for_ready().await;
        }
        let people = fake::demo_members()
            .iter()
            .map(|m| fake.member(&m.username))
            .collect::<Vec<_>>();
        anyhow::ensure!(people.len() >= 2, "the demo guild has too few members");
        Ok(Serve {
            fake,
            client,
            store,
            addr,
            org,
            people,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The Interactions Endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("http://{}/discord/interactions", self.addr)
    }

    /// Kudos stored in the guild's org.
    pub async fn kudos(&self) -> anyhow::Result<i64> {
        Ok(self.store.kudos_count(self.org.id).await?)
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

/// The `n`-th kudos of a run: giver and recipient taking turns through `people` (never the
/// same person), a message of its own.
pub fn kudos(client: &DiscordClient, people: &[FakeMember], n: u64) -> Value {
    let count = people.len() as u64;
    let giver = n % count;
    let recipient = (giver + 1 + (n / count) % (count - 1)) % count;
    client.command(
        &people[giver as usize],
        fake::GENERAL_CHANNEL_ID,
        "kudos",
        vec![
            CommandOption::user("user", &people[recipient as usize]),
            CommandOption::string(
                "message",
                &format!("kept customer {n} informed all week, every day"),
            ),
            CommandOption::string("value", "customer-first"),
        ],
    )
}

/// The REST calls the fake answered, by kind: counted as they arrive, without copying them.
#[derive(Debug, Default, Clone)]
pub struct CallTally {
    /// Every call.
    pub all: usize,
    /// `POST /interactions/{id}/{token}/callback` answered 204.
    pub callbacks: usize,
    /// Messages posted (channel posts and DMs) answered 200.
    pub messages: usize,
    /// DM channels opened.
    pub dms_opened: usize,
    /// Edits of deferred answers and follow-ups answered 2xx.
    pub webhooks: usize,
    /// Statuses other than 2xx, any route.
    pub refused: Vec<u16>,
}

impl CallTally {
    fn add(&mut self, call: &RecordedCall) {
        self.all += 1;
        let ok = (200..300).contains(&call.status);
        if !ok {
            self.refused.push(call.status);
            return;
        }
        match call.route {
            Route::InteractionCallback => self.callbacks += 1,
            Route::CreateMessage => self.messages += 1,
            Route::CreateDm => self.dms_opened += 1,
            Route::EditOriginal | Route::CreateFollowup | Route::EditFollowup => self.webhooks += 1,
            _ => {}
        }
    }
}

/// Counts the fake's calls incrementally: each look reads only the calls since the last one.
#[derive(Default)]
pub struct CallCounter {
    seen: AtomicUsize,
    tally: std::sync::Mutex<CallTally>,
}

impl CallCounter {
    /// The calls so far (from the fake's first).
    pub async fn look(&self, fake: &FakeDiscord) -> CallTally {
        fake.wait_until("the calls so far", |calls| {
            let from = self
                .seen
                .swap(calls.len(), Ordering::Relaxed)
                .min(calls.len());
            let mut tally = self.tally.lock().unwrap_or_else(|e| e.into_inner());
            for call in &calls[from..] {
                tally.add(call);
            }
            Some(tally.clone())
        })
        .await
    }
}

/// How long since `began`, in seconds.
pub fn secs_since(began: Instant) -> f64 {
    began.elapsed().as_secs_f64()
}
