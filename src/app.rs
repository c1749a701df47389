//! Wiring: opening the store, building the bot, and running `serve`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::bot::Bot;
use crate::config::{Config, redact_url};
use crate::core::clock::Clock;
use crate::core::directory::Org;
use crate::core::invocation::{LOCAL_ORG, PlatformKind};
use crate::http::slack::{SlackHttp, routes as slack_routes};
use crate::http::{HttpState, metrics_handle, router};
use crate::i18n::I18n;
use crate::platform::Platforms;
use crate::platform::slack::SlackPlatform;
use crate::platform::slack::intake::InboxWriter;
use crate::platform::slack::socket_mode::SocketMode;
use crate::platform::slack::{
    directory as slack_directory, outbox as slack_outbox, process as slack_process,
};
use crate::scheduler::Scheduler;
use crate::store::Store;

/// Connects to the configured database and applies migrations.
pub async fn open_store(config: &Config, url: &str) -> anyhow::Result<Store> {
    let store = Store::connect(url, config.settings.database.max_connections)
        .await
        .with_context(|| format!("could not open the database at {}", redact_url(url)))?;
    store
        .migrate()
        .await
        .with_context(|| format!("could not migrate the database at {}", redact_url(url)))?;
    Ok(store)
}

/// The console's org, created with the configured defaults if it does not exist.
pub async fn ensure_local_org(
    store: &Store,
    config: &Config,
    clock: &dyn Clock,
) -> anyhow::Result<Org> {
    Ok(store
        .ensure_org(
            PlatformKind::Console.as_str(),
            LOCAL_ORG,
            &config.settings.org.name,
            config.org_timezone,
            config.org_locale,
            clock.now(),
        )
        .await?)
}

/// Builds a bot over a store.
pub fn build_bot(
    store: Store,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
    platforms: Platforms,
) -> anyhow::Result<Bot> {
    let i18n = Arc::new(I18n::load()?);
    Ok(Bot::new(store, config, i18n, clock, platforms))
}

/// A running `serve`: the HTTP server and the scheduler, on a bound port.
pub struct Server {
    listener: TcpListener,
    bot: Bot,
    tick: Duration,
    slack: Option<SlackPlatform>,
}

impl Server {
    /// Binds the port and prepares the bot; does not serve yet.
    pub async fn build(
        config: Arc<Config>,
        store: Store,
        clock: Arc<dyn Clock>,
        platforms: Platforms,
    ) -> anyhow::Result<Server> {
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("could not listen on {} (server.bind)", config.bind))?;
        let tick = Duration::from_secs(config.settings.scheduler.tick_seconds);
        let mut platforms = platforms;
        let slack = if config.slack.enabled() {
            let slack = SlackPlatform::new(&config, store.clone(), clock.clone())?;
            if let Some((team_id, team_name)) = slack.connect().await? {
                slack.installed(&team_id, &team_name).await?;
                tracing::info!(
                    team = team_id,
                    name = team_name,
                    "connected to the Slack workspace"
                );
            }
            platforms = platforms.with(Arc::new(slack.clone()));
            Some(slack)
        } else {
            None
        };
        if platforms.is_empty() {
            tracing::warn!(
                "no chat platform is configured, so nobody can talk to the bot through this server. \
                 To try ambassador locally, run `ambassador console --demo`."
            );
        }
        let bot = build_bot(store, config, clock, platforms)?;
        Ok(Server {
            listener,
            bot,
            tick,
            slack,
        })
    }

    /// The address actually bound (tests bind port 0).
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` resolves, then stops the scheduler and returns.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let scheduler = Scheduler::new(self.bot.clone());
        let scheduler_task = tokio::spawn(scheduler.run_forever(self.tick, stop_rx.clone()));
        let state = HttpState {
            store: self.bot.store().clone(),
            metrics: metrics_handle(),
        };
        let addr = self.listener.local_addr()?;
        let mut app = router(state);
        let mut workers = Vec::new();
        let mut socket = None;
        if let Some(slack) = &self.slack {
            let writer = InboxWriter::start(slack.clone());
            workers.push(tokio::spawn(slack_process::run(
                slack.clone(),
                self.bot.clone(),
                stop_rx.clone(),
            )));
            workers.push(tokio::spawn(slack_outbox::run(
                slack.clone(),
                stop_rx.clone(),
            )));
            workers.push(tokio::spawn(slack_directory::run_daily(
                slack.clone(),
                self.bot.config().directory_sync_schedule.clone(),
                stop_rx.clone(),
            )));
            if let Some(app_token) = slack.credentials().app_token.clone() {
                socket = Some(
                    SocketMode::start(slack.clone(), self.bot.clone(), writer.clone(), &app_token)
                        .await?,
                );
            }
            if slack.credentials().signing_secret.is_some() {
                app = app.merge(slack_routes(SlackHttp::new(
                    slack.clone(),
                    self.bot.clone(),
                    writer,
                )));
            }
        }
        tracing::info!(%addr, database = self.bot.store().backend(), "ambassador is serving");
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the HTTP server stopped with an error")?;
        let _ = stop_tx.send(true);
        if let Some(socket) = socket {
            socket.stop().await;
        }
        for worker in workers {
            let _ = worker.await;
        }
        let _ = scheduler_task.await;
        self.bot.store().close().await;
        tracing::info!("ambassador stopped");
        Ok(())
    }
}

/// Resolves on Ctrl-C or SIGTERM, for a graceful stop.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
