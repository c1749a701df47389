//! The Slack adapter: Events API, slash commands, interactivity, App Home, installs.
//!
//! ```text
//!  Slack ──signed HTTP / Socket Mode──▶ routes (verify, decode) ──▶ relay inbox
//!        relay inbox worker ──▶ process (prepare, apply: Bot + the answer as Slack calls)
//!  Bot ──Message──▶ SlackPlatform::render ──▶ relay outbox ──▶ calls (Web API, response_url)
//! ```
//!
//! Everything Slack sends is verified, stored, acknowledged and only then processed; everything
//! the bot sends is a call queued in the relay's outbox in the same unit of work as its cause.
//! The queues, lanes, pacing and retries are the relay's; this folder holds only what is
//! Slack's: verifying ([`signature`]), decoding ([`wire`]), rendering ([`render`], [`views`]),
//! calling ([`calls`], [`client`]), installing ([`install`], [`installs`]) and the directory
//! ([`directory`], [`users`]).

pub mod calls;
pub mod client;
pub mod config;
pub mod directory;
pub mod install;
pub mod installs;
pub mod process;
pub mod render;
pub mod routes;
pub mod signature;
pub mod socket_mode;
pub mod token_seal;
pub mod users;
pub mod views;
pub mod wire;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::json;
use slack_morphism::prelude::*;
use tokio::sync::RwLock;

use crate::bot::ChatPlatform;
use crate::core::clock::Clock;
use crate::core::directory::Org;
use crate::core::invocation::{Capabilities, PlatformKind};
use crate::core::locale::Locale;
use crate::core::message::Message;
use crate::core::outbound::Destination;
use crate::store::prelude::*;
use crate::store::{NewOutbound, Store};
use config::{SlackConfig, SlackCredentials, SlackSettings};
use installs::SlackInstalls;

/// Slack's name in the database, the relay's rows and the config.
pub const PLATFORM: PlatformKind = PlatformKind::new("slack");

/// The calls the outbox sends that are not plain Web API calls.
pub mod methods {
    /// A reply posted to a slash command's or an action's `response_url`.
    pub const RESPONSE_URL: &str = "response_url";
    /// A PNG shared into a conversation through Slack's external upload flow.
    pub const UPLOAD: &str = "upload";
    /// A modal opened with a trigger id, with the reply to post instead if the trigger expired.
    pub const OPEN_FORM: &str = "views.open";
}

/// The Slack adapter, shared by the HTTP routes, Socket Mode, the relay's workers and the bot.
#[derive(Clone)]
pub struct SlackPlatform {
    inner: Arc<Inner>,
}

struct Inner {
    client: Arc<SlackHyperClient>,
    config: SlackConfig,
    store: Store,
    clock: Arc<dyn Clock>,
    /// Workspace → token and the bot's own user id there.
    tokens: RwLock<HashMap<String, TeamToken>>,
    /// People the directory is known to hold, by workspace and user id: someone found once
    /// stays in the directory (leaving only makes them inactive), so the check before each of
    /// their requests needs no query after the first.
    known: std::sync::RwLock<std::collections::HashSet<(String, String)>>,
    http: reqwest::Client,
    org_timezone: chrono_tz::Tz,
    org_locale: Locale,
}

/// A workspace's bot token and the bot's user id there.
#[derive(Clone)]
pub struct TeamToken {
    /// The token for Web API calls.
    pub token: SlackApiToken,
    /// The bot's own user id, so its own messages and reactions are ignored.
    pub bot_user_id: String,
}

impl std::fmt::Debug for SlackPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlackPlatform")
            .field("api_url", &self.inner.config.credentials.api_url)
            .finish()
    }
}

/// Why a workspace's token could not be found.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The workspace never installed the app, or uninstalled it.
    #[error("the workspace {0} has not installed the app")]
    NotInstalled(String),
    /// The stored token could not be opened or read.
    #[error("the workspace's token could not be read: {0}")]
    Unreadable(String),
}

impl SlackPlatform {
    /// Builds the adapter; no network call happens until [`SlackPlatform::connect`].
    pub fn new(
        config: SlackConfig,
        app: &crate::config::Config,
        store: Store,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let client = client::build_client(&config.credentials.api_url)?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()?;
        Ok(SlackPlatform {
            inner: Arc::new(Inner {
                client,
                config,
                store,
                clock,
                tokens: RwLock::new(HashMap::new()),
                known: Default::default(),
                http,
                org_timezone: app.org_timezone,
                org_locale: app.org_locale,
            }),
        })
    }

    /// The Web API client.
    pub fn client(&self) -> &Arc<SlackHyperClient> {
        &self.inner.client
    }

    /// Plain HTTP, for `response_url` replies and file uploads.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The credentials from the environment.
    pub fn credentials(&self) -> &SlackCredentials {
        &self.inner.config.credentials
    }

    /// The `[slack]` settings.
    pub fn settings(&self) -> &SlackSettings {
        &self.inner.config.settings
    }

    /// The whole checked configuration.
    pub fn config(&self) -> &SlackConfig {
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

    /// The org's language when a person's is unknown.
    pub fn org_locale(&self) -> Locale {
        self.inner.org_locale
    }

    /// Learns the `SLACK_BOT_TOKEN` workspace from `auth.test` and remembers its token.
    /// Returns the team id and name; `None` when no bot token is configured.
    pub async fn connect(&self) -> anyhow::Result<Option<(String, String)>> {
        let Some(token) = self.credentials().bot_token.clone() else {
            return Ok(None);
        };
        let api_token = client::api_token(&token);
        let session = self.inner.client.open_session(&api_token);
        let me = session.auth_test().await.map_err(|e| match client::classify(&e) {
            crate::relay::Failure::Unauthorized(code) | crate::relay::Failure::Permanent(code) => anyhow::anyhow!(
                "Slack refused SLACK_BOT_TOKEN ({code}); copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions"
            ),
            _ => anyhow::anyhow!(
                "could not reach Slack at {} to check SLACK_BOT_TOKEN: {e}",
                self.credentials().api_url
            ),
        })?;
        let team_id = me.team_id.to_string();
        self.inner.tokens.write().await.insert(
            team_id.clone(),
            TeamToken {
                token: api_token,
                bot_user_id: me.user_id.to_string(),
            },
        );
        Ok(Some((team_id, me.team)))
    }

    /// The token to act in a workspace with: `SLACK_BOT_TOKEN`'s, or the OAuth install's.
    pub async fn token_for(&self, team_id: &str) -> Result<TeamToken, TokenError> {
        if let Some(t) = self.inner.tokens.read().await.get(team_id) {
            return Ok(t.clone());
        }
        let install = self
            .inner
            .store
            .slack_install(team_id)
            .await
            .map_err(|e| TokenError::Unreadable(e.to_string()))?
            .ok_or_else(|| TokenError::NotInstalled(team_id.to_string()))?;
        let key =
            self.credentials().token_key.as_ref().ok_or_else(|| {
                TokenError::Unreadable("AMBASSADOR_TOKEN_KEY is not set".to_string())
            })?;
        let token = key
            .open(&install.bot_token_sealed)
            .map_err(|e| TokenError::Unreadable(e.to_string()))?;
        let t = TeamToken {
            token: client::api_token(&token),
            bot_user_id: install.bot_user_id,
        };
        self.inner
            .tokens
            .write()
            .await
            .insert(team_id.to_string(), t.clone());
        Ok(t)
    }

    /// Whether the directory is known to hold this person (see `Inner::known`).
    pub(crate) fn is_known(&self, team: &str, user: &str) -> bool {
        self.inner
            .known
            .read()
            .is_ok_and(|k| k.contains(&(team.to_string(), user.to_string())))
    }

    /// Remembers that the directory holds this person.
    pub(crate) fn remember_known(&self, team: &str, user: &str) {
        if let Ok(mut known) = self.inner.known.write() {
            known.insert((team.to_string(), user.to_string()));
        }
    }

    /// Forgets a workspace's cached token (uninstalled, revoked, reinstalled).
    pub async fn forget_token(&self, team_id: &str) {
        self.inner.tokens.write().await.remove(team_id);
    }

    /// A workspace is ready (started with its bot token, or just installed): makes sure it has
    /// its org and fills the directory from `users.list`.
    pub async fn installed(&self, team_id: &str, team_name: &str) -> anyhow::Result<()> {
        self.inner
            .store
            .ensure_org(
                PLATFORM.as_str(),
                team_id,
                team_name,
                self.inner.org_timezone,
                self.inner.org_locale,
                self.now(),
            )
            .await?;
        if let Err(e) = directory::sync_workspace(self, team_id).await {
            // The bot still works for the people already known; the daily sync tries again.
            tracing::warn!(team = team_id, error = %e, "could not read the workspace's members");
        }
        Ok(())
    }
}

/// A call for the outbox of workspace `team`.
pub fn call(
    team: &str,
    method: &str,
    payload: serde_json::Value,
    at: DateTime<Utc>,
) -> NewOutbound {
    NewOutbound {
        platform: PLATFORM.as_str(),
        org_key: team.to_string(),
        method: method.to_string(),
        payload: payload.to_string(),
        urgent: false,
        at,
    }
}

/// The calls that post `message` to `channel` (a user id posts to the person's DM with the
/// app), followed by an upload for each image.
pub fn post_calls(
    team: &str,
    channel: &str,
    message: &Message,
    at: DateTime<Utc>,
) -> Vec<NewOutbound> {
    let mut calls = vec![call(
        team,
        "chat.postMessage",
        json!({
            "channel": channel,
            "text": render::fallback_text(message),
            "blocks": render::render_blocks(message),
            "unfurl_links": false,
        }),
        at,
    )];
    for image in render::images(message) {
        calls.push(upload_call(team, channel, image, at));
    }
    calls
}

/// The queued upload of an image into a conversation.
pub fn upload_call(
    team: &str,
    channel: &str,
    image: &crate::core::message::Image,
    at: DateTime<Utc>,
) -> NewOutbound {
    use base64::Engine as _;
    call(
        team,
        methods::UPLOAD,
        json!({
            "channel": channel,
            "filename": image.file_name,
            "title": image.alt,
            "png": base64::engine::general_purpose::STANDARD.encode(&image.png),
        }),
        at,
    )
}

impl ChatPlatform for SlackPlatform {
    fn kind(&self) -> PlatformKind {
        PLATFORM
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::ALL
    }

    fn parse_mention(&self, token: &str) -> Option<String> {
        render::parse_user_mention(token)
    }

    fn render(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
        at: DateTime<Utc>,
    ) -> Vec<NewOutbound> {
        let channel = match to {
            Destination::Direct {
                platform_user_id, ..
            } => platform_user_id.clone(),
            Destination::Channel(name) => format!("#{}", name.trim_start_matches('#')),
        };
        post_calls(&org.platform_org_id, &channel, message, at)
    }
}

/// How the server finds the Slack adapter (see [`crate::platform::Registration`]).
pub const REGISTRATION: crate::platform::Registration = crate::platform::Registration {
    section: "slack",
    check: |config| {
        // The section is checked even while Slack is off, so a mistake shows before it is on.
        config.section::<SlackSettings>("slack")?.check()?;
        SlackConfig::load(config).map(|_| ())
    },
    build: SlackPlatform::configured,
};

impl SlackPlatform {
    /// The adapter, when the environment sets Slack up (`SLACK_BOT_TOKEN` or
    /// `SLACK_CLIENT_ID`); `None` otherwise.
    pub fn configured(
        config: &crate::config::Config,
        store: &Store,
        clock: &Arc<dyn Clock>,
    ) -> anyhow::Result<Option<Arc<dyn crate::platform::Adapter>>> {
        let Some(slack) = SlackConfig::load(config)? else {
            return Ok(None);
        };
        Ok(Some(Arc::new(SlackPlatform::new(
            slack,
            config,
            store.clone(),
            clock.clone(),
        )?)))
    }
}

#[async_trait::async_trait]
impl crate::platform::Adapter for SlackPlatform {
    fn chat(&self) -> Arc<dyn ChatPlatform> {
        Arc::new(self.clone())
    }

    async fn open(&self) -> anyhow::Result<()> {
        if let Some((team_id, team_name)) = self.connect().await? {
            self.installed(&team_id, &team_name).await?;
            tracing::info!(
                team = team_id,
                name = team_name,
                "connected to the Slack workspace"
            );
        }
        Ok(())
    }

    async fn start(
        &self,
        launch: crate::platform::Launch,
    ) -> anyhow::Result<crate::platform::Running> {
        let mut running = crate::platform::Running::default();
        let intake = Arc::new(process::SlackIntake::new(self.clone(), launch.bot.clone()));
        running.tasks.push(tokio::spawn(crate::relay::inbox::run(
            intake,
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
        if let Some(app_token) = self.credentials().app_token.clone() {
            let socket = socket_mode::SocketMode::start(
                self.clone(),
                launch.bot.clone(),
                launch.writer.clone(),
                &app_token,
            )
            .await?;
            running.on_stop.push(Box::pin(socket.stop()));
        }
        if self.credentials().signing_secret.is_some() {
            running.routes = Some(routes::routes(routes::SlackHttp::new(
                self.clone(),
                launch.bot,
                launch.writer,
            )));
        }
        Ok(running)
    }
}
