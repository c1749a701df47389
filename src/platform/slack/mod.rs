//! The Slack adapter: Events API, slash commands, interactivity, App Home, installs.
//!
//! ```text
//!  Slack ──signed HTTP / Socket Mode──▶ http::slack ──▶ slack_inbox ──▶ process ──▶ Bot
//!  Bot ──Message──▶ SlackPlatform::send ──▶ render ──▶ slack_outbox ──▶ outbox worker ──▶ Web API
//! ```
//!
//! Everything Slack sends is verified, stored, acknowledged and only then processed, so a
//! crash never loses an acknowledged request; everything the bot sends goes through a durable
//! queue with a per-workspace rate limiter, so a restart in the middle of a large pulse round
//! resumes where it stopped.

pub mod client;
pub mod directory;
pub mod inbound;
pub mod install;
pub mod intake;
pub mod outbox;
pub mod process;
pub mod render;
pub mod signature;
pub mod socket_mode;
pub mod token_seal;
pub mod users;
pub mod views;

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use serde_json::json;
use slack_morphism::prelude::*;
use tokio::sync::{Notify, RwLock};

use crate::config::{Config, SlackCredentials, SlackSettings};
use crate::core::clock::Clock;
use crate::core::directory::Org;
use crate::core::invocation::PlatformKind;
use crate::core::message::Message;
use crate::platform::{ChatPlatform, Destination, PlatformError};
use crate::store::{NewOutbound, Store};

/// The Web API methods the outbox sends that are not plain Web API calls.
pub mod methods {
    /// A reply posted to a slash command's or an action's `response_url`.
    pub const RESPONSE_URL: &str = "response_url";
    /// A PNG shared into a conversation through Slack's external upload flow.
    pub const UPLOAD: &str = "upload";
}

/// The Slack adapter, shared by the HTTP routes, Socket Mode, the inbox worker and the bot.
#[derive(Clone)]
pub struct SlackPlatform {
    inner: Arc<Inner>,
}

struct Inner {
    client: Arc<SlackHyperClient>,
    credentials: SlackCredentials,
    settings: SlackSettings,
    store: Store,
    clock: Arc<dyn Clock>,
    /// Workspace → token and the bot's own user id there.
    tokens: RwLock<HashMap<String, TeamToken>>,
    /// The workspace `SLACK_BOT_TOKEN` belongs to, learned from `auth.test`.
    env_team: RwLock<Option<String>>,
    outbox_ready: Notify,
    inbox_ready: Notify,
    /// Requests stored in the inbox since start, for the worker's gauge of how busy intake is.
    inbox_received: std::sync::atomic::AtomicU64,
    http: reqwest::Client,
    org_timezone: chrono_tz::Tz,
    org_locale: crate::core::locale::Locale,
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
            .field("api_url", &self.inner.credentials.api_url)
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
    pub fn new(config: &Config, store: Store, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let client = client::build_client(&config.slack.api_url)?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()?;
        Ok(SlackPlatform {
            inner: Arc::new(Inner {
                client,
                credentials: config.slack.clone(),
                settings: config.settings.slack.clone(),
                store,
                clock,
                tokens: RwLock::new(HashMap::new()),
                env_team: RwLock::new(None),
                outbox_ready: Notify::new(),
                inbox_ready: Notify::new(),
                inbox_received: std::sync::atomic::AtomicU64::new(0),
                http,
                org_timezone: config.org_timezone,
                org_locale: config.org_locale,
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
        &self.inner.credentials
    }

    /// The `[slack]` settings.
    pub fn settings(&self) -> &SlackSettings {
        &self.inner.settings
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Now, from the injected clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.inner.clock.now()
    }

    /// Learns the `SLACK_BOT_TOKEN` workspace from `auth.test` and remembers its token.
    /// Returns the team id and name; `None` when no bot token is configured.
    pub async fn connect(&self) -> anyhow::Result<Option<(String, String)>> {
        let Some(token) = self.inner.credentials.bot_token.clone() else {
            return Ok(None);
        };
        let api_token = client::api_token(&token);
        let session = self.inner.client.open_session(&api_token);
        let me = session.auth_test().await.map_err(|e| match client::classify(&e) {
            client::Failure::TokenRevoked(code) | client::Failure::Permanent(code) => anyhow::anyhow!(
                "Slack refused SLACK_BOT_TOKEN ({code}); copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions"
            ),
            _ => anyhow::anyhow!(
                "could not reach Slack at {} to check SLACK_BOT_TOKEN: {e}",
                self.inner.credentials.api_url
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
        *self.inner.env_team.write().await = Some(team_id.clone());
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
            self.inner.credentials.token_key.as_ref().ok_or_else(|| {
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

    /// Forgets a workspace's cached token (uninstalled, revoked, reinstalled).
    pub async fn forget_token(&self, team_id: &str) {
        self.inner.tokens.write().await.remove(team_id);
    }

    /// Queues Web API calls and wakes the delivery worker.
    pub async fn enqueue(&self, calls: Vec<NewOutbound>) -> Result<(), crate::store::StoreError> {
        self.inner.store.outbox_push(&calls, self.now()).await?;
        self.inner.outbox_ready.notify_one();
        Ok(())
    }

    /// Wakes the inbox worker: `count` requests were just stored.
    pub fn inbox_stored(&self, count: usize) {
        self.inner
            .inbox_received
            .fetch_add(count as u64, std::sync::atomic::Ordering::Relaxed);
        self.inner.inbox_ready.notify_one();
    }

    /// Requests stored in the inbox since this process started.
    pub(crate) fn inbox_received(&self) -> u64 {
        self.inner
            .inbox_received
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn outbox_ready(&self) -> &Notify {
        &self.inner.outbox_ready
    }

    pub(crate) fn inbox_ready(&self) -> &Notify {
        &self.inner.inbox_ready
    }

    /// A workspace is ready (started with its bot token, or just installed): makes sure it has
    /// its org and fills the directory from `users.list`.
    pub async fn installed(&self, team_id: &str, team_name: &str) -> anyhow::Result<()> {
        self.inner
            .store
            .ensure_org(
                PlatformKind::Slack.as_str(),
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

    /// The calls that post `message` to `channel` (a user id posts to the person's DM with
    /// the app), followed by an upload for each image.
    pub fn post_calls(team_id: &str, channel: &str, message: &Message) -> Vec<NewOutbound> {
        let blocks = render::render_blocks(message);
        let mut calls = vec![NewOutbound {
            team_id: team_id.to_string(),
            method: "chat.postMessage".to_string(),
            payload: json!({
                "channel": channel,
                "text": render::fallback_text(message),
                "blocks": blocks,
                "unfurl_links": false,
            })
            .to_string(),
        }];
        for image in render::images(message) {
            calls.push(upload_call(team_id, channel, image));
        }
        calls
    }
}

/// The queued upload of an image into a conversation.
fn upload_call(team_id: &str, channel: &str, image: &crate::core::message::Image) -> NewOutbound {
    use base64::Engine as _;
    NewOutbound {
        team_id: team_id.to_string(),
        method: methods::UPLOAD.to_string(),
        payload: json!({
            "channel": channel,
            "filename": image.file_name,
            "title": image.alt,
            "png": base64::engine::general_purpose::STANDARD.encode(&image.png),
        })
        .to_string(),
    }
}

#[async_trait]
impl ChatPlatform for SlackPlatform {
    fn kind(&self) -> PlatformKind {
        PlatformKind::Slack
    }

    fn parse_mention(&self, token: &str) -> Option<String> {
        inbound::parse_user_mention(token)
    }

    async fn send(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
    ) -> Result<(), PlatformError> {
        let channel = match to {
            Destination::Direct {
                platform_user_id, ..
            } => platform_user_id.clone(),
            Destination::Channel(name) => format!("#{}", name.trim_start_matches('#')),
        };
        let calls = Self::post_calls(&org.platform_org_id, &channel, message);
        self.enqueue(calls)
            .await
            .map_err(|e| PlatformError::Unavailable(e.to_string()))
    }
}
