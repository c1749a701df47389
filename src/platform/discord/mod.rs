//! The Discord adapter: interactions in (over the gateway or signed HTTP requests), REST calls
//! out through the relay.
//!
//! ```text
//!  Discord ──INTERACTION_CREATE (gateway)──┐
//!  Discord ──POST /discord/interactions────┴▶ edge (verify, decode) ──▶ relay inbox (held)
//!        answered within Discord's 3 s at the edge: processed while Discord waits; what takes
//!        longer is deferred ("thinking…") and finished by the inbox worker
//!  Bot ──Message──▶ DiscordPlatform::render ──▶ relay outbox ──▶ calls (REST: DMs, posts, answers)
//! ```
//!
//! The same handlers serve both modes: the gateway ([`gateway`], serenity's client with the
//! GUILDS and GUILD_MEMBERS intents) and HTTP interactions ([`routes`], verified with
//! [`signature`]) both store the interaction and hand it to [`process`]. Commands are
//! registered per guild at start ([`commands`]); members become the directory ([`directory`]);
//! messages are rendered as markdown with components ([`render`]) and sent through our own
//! REST client ([`rest`], [`calls`]) so the relay's outbox honours every 429.
//!
//! A guild is an org: its id is the org's platform id (`ambassador org import org.csv --org
//! <guild id>`), and people are known by their user snowflakes.

pub mod calls;
pub mod commands;
pub mod config;
pub mod directory;
pub mod gateway;
pub mod interaction;
pub mod process;
pub mod references;
pub mod render;
pub mod rest;
pub mod routes;
pub mod signature;

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};

use crate::bot::ChatPlatform;
use crate::core::clock::Clock;
use crate::core::directory::Org;
use crate::core::invocation::{Capabilities, PlatformKind};
use crate::core::locale::Locale;
use crate::core::message::Message;
use crate::core::outbound::Destination;
use crate::store::prelude::*;
use crate::store::{NewOutbound, Store};
use calls::{Call, StoredFile, Target};
use config::{DiscordConfig, Mode};

/// Discord's name in the database, the relay's rows and the config.
pub const PLATFORM: PlatformKind = PlatformKind::new("discord");

/// The Discord adapter, shared by the edges, the relay's workers and the bot.
#[derive(Clone)]
pub struct DiscordPlatform {
    inner: Arc<Inner>,
}

struct Inner {
    config: DiscordConfig,
    store: Store,
    clock: Arc<dyn Clock>,
    rest: rest::Rest,
    verifier: Option<signature::InteractionVerifier>,
    org_timezone: chrono_tz::Tz,
    org_locale: Locale,
    /// The application's id, learned at start (it names the commands' and follow-ups' address).
    application_id: OnceLock<String>,
}

impl std::fmt::Debug for DiscordPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordPlatform")
            .field("mode", &self.inner.config.mode())
            .field("application_id", &self.inner.application_id.get())
            .finish()
    }
}

impl DiscordPlatform {
    /// Builds the adapter; no network call happens until [`crate::platform::Adapter::open`].
    pub fn new(
        config: DiscordConfig,
        app: &crate::config::Config,
        store: Store,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()?;
        let rest = rest::Rest::new(http, config.api_base(), config.token());
        let verifier = match &config.credentials.public_key {
            Some(key) => Some(
                signature::InteractionVerifier::new(key, config.settings.replay_window_seconds)
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "DISCORD_PUBLIC_KEY is not an Ed25519 public key; copy it again from the Developer Portal"
                        )
                    })?,
            ),
            None => None,
        };
        Ok(DiscordPlatform {
            inner: Arc::new(Inner {
                config,
                store,
                clock,
                rest,
                verifier,
                org_timezone: app.org_timezone,
                org_locale: app.org_locale,
                application_id: OnceLock::new(),
            }),
        })
    }

    /// The checked configuration.
    pub fn config(&self) -> &DiscordConfig {
        &self.inner.config
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.inner.clock
    }

    /// Now, from the injected clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    /// The REST client.
    pub fn rest(&self) -> &rest::Rest {
        &self.inner.rest
    }

    /// The HTTP interactions' signature check, in HTTP mode.
    pub fn verifier(&self) -> Option<&signature::InteractionVerifier> {
        self.inner.verifier.as_ref()
    }

    /// The org's language when a person's is unknown.
    pub fn org_locale(&self) -> Locale {
        self.inner.org_locale
    }

    /// The application's id, once known.
    pub fn application_id(&self) -> Option<&str> {
        self.inner.application_id.get().map(String::as_str)
    }

    /// Makes sure a guild has its org (the guild id is the org's platform id), so the org
    /// chart can be imported before anyone has used the bot.
    pub async fn ensure_org(&self, guild_id: &str) -> anyhow::Result<Org> {
        Ok(self
            .inner
            .store
            .ensure_org(
                PLATFORM.as_str(),
                guild_id,
                &format!("Discord guild {guild_id}"),
                self.inner.org_timezone,
                self.inner.org_locale,
                self.now(),
            )
            .await?)
    }

    /// Learns the application's id and the guilds the bot is in, and gives each guild its org;
    /// returns the guild ids.
    pub async fn discover(&self) -> anyhow::Result<Vec<String>> {
        let application = self.rest().application().await.map_err(|e| {
            anyhow::anyhow!(
                "Discord refused the bot token ({e}); copy it again from Developer Portal → Bot → Reset Token"
            )
        })?;
        let id = application
            .get("id")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| anyhow::anyhow!("Discord's application came back without an id"))?;
        let _ = self.inner.application_id.set(id.to_string());
        let guilds = self
            .rest()
            .guilds()
            .await
            .map_err(|e| anyhow::anyhow!("listing the bot's Discord guilds: {e}"))?;
        let mut ids = Vec::new();
        for guild in guilds {
            if let Some(guild_id) = guild.get("id").and_then(serde_json::Value::as_str) {
                self.ensure_org(guild_id).await?;
                ids.push(guild_id.to_string());
            }
        }
        Ok(ids)
    }
}

/// The queued calls that deliver `message` to `target` of guild `guild_id` (one per piece
/// when the text is longer than Discord takes in one message).
pub fn message_calls(
    guild_id: &str,
    target: &Target,
    message: &Message,
    at: DateTime<Utc>,
) -> Vec<NewOutbound> {
    let method = match target {
        Target::Person { .. } => calls::DM,
        Target::Channel { .. } => calls::POST,
        Target::Interaction { .. } => calls::FOLLOW_UP,
    };
    let mut rendered = render::render(message);
    if !matches!(target, Target::Interaction { .. }) {
        // Only interaction answers can be visible to one person; elsewhere the flag is refused.
        rendered.ephemeral = false;
    }
    render::payloads(&rendered)
        .into_iter()
        .map(|(payload, files)| {
            call(
                guild_id,
                method,
                &Call {
                    target: target.clone(),
                    payload,
                    files: files.iter().map(StoredFile::keep).collect(),
                },
                at,
            )
        })
        .collect()
}

/// What the outbox key of a guild's interaction answers ends with: Discord does not count
/// them against the bot's request rate, so they are paced apart from its posts and DMs and
/// never wait behind a backlog of those.
pub const INTERACTIONS_KEY: &str = "/interactions";

/// A call for the outbox of guild `guild_id`.
pub fn call(guild_id: &str, method: &str, call: &Call, at: DateTime<Utc>) -> NewOutbound {
    let interaction_answer = matches!(
        method,
        calls::CALLBACK | calls::EDIT_ORIGINAL | calls::FOLLOW_UP
    );
    NewOutbound {
        platform: PLATFORM.as_str(),
        org_key: if interaction_answer {
            format!("{guild_id}{INTERACTIONS_KEY}")
        } else {
            guild_id.to_string()
        },
        method: method.to_string(),
        payload: serde_json::to_string(call).unwrap_or_default(),
        urgent: false,
        at,
    }
}

impl ChatPlatform for DiscordPlatform {
    fn kind(&self) -> PlatformKind {
        PLATFORM
    }

    /// A pressed message is updated in place, and a modal can be opened in answer to a command
    /// or a press; Discord has no home page for a bot.
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            update_clicked: true,
            forms: true,
            home: false,
        }
    }

    fn parse_mention(&self, token: &str) -> Option<String> {
        let inner = token.strip_prefix("<@")?.strip_suffix('>')?;
        let id = inner.strip_prefix('!').unwrap_or(inner);
        render::is_snowflake(id).then(|| id.to_string())
    }

    fn render(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
        at: DateTime<Utc>,
    ) -> Vec<NewOutbound> {
        let guild = &org.platform_org_id;
        let target = match to {
            Destination::Direct {
                platform_user_id, ..
            } => Target::Person {
                user_id: platform_user_id.clone(),
            },
            Destination::Channel(name) => Target::Channel {
                guild_id: guild.clone(),
                channel: name.trim_start_matches('#').to_string(),
            },
        };
        message_calls(guild, &target, message, at)
    }
}

/// How the server finds the Discord adapter (see [`crate::platform::Registration`]).
pub const REGISTRATION: crate::platform::Registration = crate::platform::Registration {
    section: "discord",
    check: |config| {
        // The section is checked even while Discord is off, so a mistake shows before it is on.
        config
            .section::<config::DiscordSettings>("discord")?
            .check()?;
        DiscordConfig::load(config).map(|_| ())
    },
    build: DiscordPlatform::configured,
};

impl DiscordPlatform {
    /// The adapter, when the environment sets Discord up (`DISCORD_TOKEN`); `None` otherwise.
    pub fn configured(
        config: &crate::config::Config,
        store: &Store,
        clock: &Arc<dyn Clock>,
    ) -> anyhow::Result<Option<Arc<dyn crate::platform::Adapter>>> {
        let Some(discord) = DiscordConfig::load(config)? else {
            return Ok(None);
        };
        Ok(Some(Arc::new(DiscordPlatform::new(
            discord,
            config,
            store.clone(),
            clock.clone(),
        )?)))
    }

    /// Registers the commands in every guild, each with one bulk overwrite.
    pub(crate) async fn register_commands(&self, bot: &crate::bot::Bot, guilds: &[String]) {
        let Some(application_id) = self.application_id() else {
            return;
        };
        let settings = bot.config();
        let definitions = commands::definitions(
            bot.i18n(),
            &settings.kudos.values,
            crate::bot::KUDOS_MESSAGE_MAX_CHARS,
        );
        for guild in guilds {
            match self
                .rest()
                .overwrite_guild_commands(application_id, guild, &definitions)
                .await
            {
                Ok(_) => tracing::info!(guild, "Discord slash commands registered"),
                Err(e) => {
                    tracing::warn!(guild, error = %e, "Discord slash commands could not be registered")
                }
            }
        }
    }
}

#[async_trait::async_trait]
impl crate::platform::Adapter for DiscordPlatform {
    fn chat(&self) -> Arc<dyn ChatPlatform> {
        Arc::new(self.clone())
    }

    async fn open(&self) -> anyhow::Result<()> {
        let guilds = self.discover().await?;
        tracing::info!(
            mode = ?self.config().mode(),
            guilds = guilds.len(),
            application_id = self.application_id(),
            "Discord is on"
        );
        Ok(())
    }

    async fn start(
        &self,
        launch: crate::platform::Launch,
    ) -> anyhow::Result<crate::platform::Running> {
        let mut running = crate::platform::Running::default();
        let guilds = match self.store().orgs().await {
            Ok(orgs) => orgs
                .into_iter()
                .filter(|o| o.platform == PLATFORM.as_str())
                .map(|o| o.platform_org_id)
                .collect(),
            Err(e) => {
                tracing::warn!(error = %e, "could not list the Discord guilds");
                Vec::new()
            }
        };
        self.register_commands(&launch.bot, &guilds).await;
        for guild in &guilds {
            if let Err(e) = directory::sync_guild(self, guild).await {
                tracing::warn!(guild, error = %e, "a Discord guild's members could not be read");
            }
        }
        let intake = Arc::new(process::DiscordIntake::new(
            self.clone(),
            launch.bot.clone(),
        ));
        running.tasks.push(tokio::spawn(crate::relay::inbox::run(
            intake.clone(),
            launch.store.clone(),
            launch.clock.clone(),
            launch.writer.stored(),
            launch.stop.clone(),
        )));
        running.tasks.push(tokio::spawn(crate::relay::outbox::run(
            Arc::new(self.clone()),
            launch.store.clone(),
            launch.clock.clone(),
            launch.stop.clone(),
        )));
        running.tasks.push(tokio::spawn(directory::run_daily(
            self.clone(),
            self.config().directory_sync_schedule.clone(),
            launch.stop.clone(),
        )));
        let edge = process::Edge::new(self.clone(), intake, launch.writer);
        match self.config().mode() {
            Mode::Http => running.routes = Some(routes::routes(edge)),
            Mode::Gateway => {
                let gateway = gateway::start(edge, launch.stop.clone()).await?;
                running.tasks.push(gateway.task);
                running.on_stop.push(gateway.on_stop);
            }
        }
        Ok(running)
    }
}
