//! Wiring: opening the store, building the bot, and running `serve`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::bot::{Bot, Platforms};
use crate::config::{Config, redact_url};
use crate::core::clock::Clock;
use crate::core::directory::Org;
use crate::core::invocation::{LOCAL_ORG, LOCAL_PLATFORM};
use crate::http::{HttpState, metrics_handle, router};
use crate::i18n::I18n;
use crate::platform::{Adapter, Launch};
use crate::relay::intake::InboxWriter;
use crate::scheduler::Scheduler;
use crate::store::Store;
use crate::store::prelude::*;

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
            LOCAL_PLATFORM.as_str(),
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
    Ok(Bot::new(Arc::new(store), config, i18n, clock, platforms))
}

/// A running `serve`: the HTTP server, the scheduler and the adapters, on a bound port.
pub struct Server {
    listener: TcpListener,
    bot: Bot,
    store: Store,
    clock: Arc<dyn Clock>,
    tick: Duration,
    adapters: Vec<Arc<dyn Adapter>>,
}

impl Server {
    /// Binds the port, reaches each adapter's platform and prepares the bot; does not serve
    /// yet. `adapters` are the platforms to run ([`crate::platform::configured`] in `serve`).
    pub async fn build(
        config: Arc<Config>,
        store: Store,
        clock: Arc<dyn Clock>,
        adapters: Vec<Arc<dyn Adapter>>,
    ) -> anyhow::Result<Server> {
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("could not listen on {} (server.bind)", config.bind))?;
        let tick = Duration::from_secs(config.settings.scheduler.tick_seconds);
        let mut platforms = Platforms::default();
        for adapter in &adapters {
            adapter.open().await?;
            platforms = platforms.with(adapter.chat());
        }
        if platforms.is_empty() {
            tracing::warn!(
                "no chat platform is configured, so nobody can talk to the bot through this server. \
                 To try ambassador locally, run `ambassador console --demo`."
            );
        }
        let bot = build_bot(store.clone(), config, clock.clone(), platforms)?;
        Ok(Server {
            listener,
            bot,
            store,
            clock,
            tick,
            adapters,
        })
    }

    /// The address actually bound (tests bind port 0).
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` resolves, then stops the adapters and the scheduler and returns.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let scheduler = Scheduler::new(self.bot.clone());
        let scheduler_task = tokio::spawn(scheduler.run_forever(self.tick, stop_rx.clone()));
        let state = HttpState {
            store: self.store.clone(),
            metrics: metrics_handle(),
        };
        let addr = self.listener.local_addr()?;
        let mut app = router(state).merge(crate::web::routes(self.bot.clone()));
        let writer = InboxWriter::start(self.store.clone(), self.clock.clone());
        let mut tasks = Vec::new();
        let mut on_stop = Vec::new();
        for adapter in &self.adapters {
            let running = adapter
                .start(Launch {
                    bot: self.bot.clone(),
                    store: self.store.clone(),
                    clock: self.clock.clone(),
                    writer: writer.clone(),
                    stop: stop_rx.clone(),
                })
                .await?;
            if let Some(routes) = running.routes {
                app = app.merge(routes);
            }
            tasks.extend(running.tasks);
            on_stop.extend(running.on_stop);
        }
        tracing::info!(%addr, database = self.store.backend(), "ambassador is serving");
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the HTTP server stopped with an error")?;
        let _ = stop_tx.send(true);
        for stop in on_stop {
            stop.await;
        }
        for task in tasks {
            let _ = task.await;
        }
        let _ = scheduler_task.await;
        self.store.close().await;
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
