//! The Microsoft Teams adapter: Bot Framework activities in, Connector calls out.
//!
//! ```text
//!  Teams ──POST /teams/messages (Bearer JWT)──▶ routes (auth, decode) ──▶ relay inbox
//!        card presses (invokes) are answered in the HTTP response: processed at the edge
//!        relay inbox worker ──▶ process (references, roster, Bot, the answer as Connector calls)
//!  Bot ──Message──▶ TeamsPlatform::render ──▶ relay outbox ──▶ calls (Connector REST)
//! ```
//!
//! No maintained Rust Bot Framework SDK exists, so this folder is the adapter, written from
//! the Bot Framework's documented wire format: verifying the Connector's tokens ([`auth`]),
//! decoding activities ([`activity`]) and the mentions in them ([`mentions`]), rendering
//! Adaptive Cards ([`render`], [`images`]), calling the Connector ([`connector`], [`calls`]),
//! remembering how to reach people and channels ([`references`]), the roster
//! ([`directory`]) and the app package ([`package`]). Queues, lanes, pacing and retries are
//! the relay's.
//!
//! People are known to the directory by their Entra object id (`aadObjectId`), which is what
//! the org chart, the people picker and every activity agree on; the per-bot `29:` id the
//! Connector wants is looked up in [`references`] when a message goes out.

pub mod activity;
pub mod auth;
pub mod calls;
pub mod config;
pub mod connector;
pub mod directory;
pub mod images;
pub mod mentions;
pub mod package;
pub mod process;
pub mod references;
pub mod render;
pub mod routes;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::bot::ChatPlatform;
use crate::core::clock::Clock;
use crate::core::directory::Org;
use crate::core::form::Form;
use crate::core::invocation::{Capabilities, PlatformKind};
use crate::core::locale::Locale;
use crate::core::message::Message;
use crate::core::outbound::Destination;
use crate::store::prelude::*;
use crate::store::{NewOutbound, Store};
use calls::{Send, Target};
use config::TeamsConfig;

/// Teams' name in the database, the relay's rows and the config.
pub const PLATFORM: PlatformKind = PlatformKind::new("teams");

/// The Teams adapter, shared by the route, the relay's workers and the bot.
#[derive(Clone)]
pub struct TeamsPlatform {
    inner: Arc<Inner>,
}

struct Inner {
    config: TeamsConfig,
    store: Store,
    clock: Arc<dyn Clock>,
    connector: connector::Connector,
    auth: auth::BotFrameworkAuth,
    org_timezone: chrono_tz::Tz,
    org_locale: Locale,
    /// When each conversation's members were last read to resolve someone unknown, so a
    /// stream of mentions of strangers costs one roster read per conversation per few minutes.
    roster_reads: std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>,
}

impl std::fmt::Debug for TeamsPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamsPlatform")
            .field("app_id", &self.inner.config.app_id())
            .field("tenant_id", &self.inner.config.tenant_id())
            .finish()
    }
}

impl TeamsPlatform {
    /// Builds the adapter; no network call happens until the first activity or send.
    pub fn new(
        config: TeamsConfig,
        app: &crate::config::Config,
        store: Store,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()?;
        let connector = connector::Connector::new(&config, http.clone());
        let auth = auth::BotFrameworkAuth::new(
            http,
            config.credentials.openid_metadata_url.clone(),
            config.app_id().to_string(),
            clock.clone(),
        );
        Ok(TeamsPlatform {
            inner: Arc::new(Inner {
                config,
                store,
                clock,
                connector,
                auth,
                org_timezone: app.org_timezone,
                org_locale: app.org_locale,
                roster_reads: Default::default(),
            }),
        })
    }

    /// The checked configuration.
    pub fn config(&self) -> &TeamsConfig {
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

    /// The Connector client.
    pub fn connector(&self) -> &connector::Connector {
        &self.inner.connector
    }

    /// The inbound token check.
    pub fn auth(&self) -> &auth::BotFrameworkAuth {
        &self.inner.auth
    }

    /// The org's language when a person's is unknown.
    pub fn org_locale(&self) -> Locale {
        self.inner.org_locale
    }

    /// The bot's id in Teams (`28:<app id>`).
    pub fn bot_id(&self) -> String {
        format!("28:{}", self.inner.config.app_id())
    }

    /// Makes sure the tenant has its org (the tenant id is the org's platform id), so the org
    /// chart can be imported before anyone has written to the bot.
    pub async fn ensure_org(&self, tenant_id: &str) -> anyhow::Result<Org> {
        Ok(self
            .inner
            .store
            .ensure_org(
                PLATFORM.as_str(),
                tenant_id,
                &format!("Teams tenant {tenant_id}"),
                self.inner.org_timezone,
                self.inner.org_locale,
                self.now(),
            )
            .await?)
    }

    /// Whether the members of a conversation may be read again to resolve someone unknown
    /// (at most once per conversation every five minutes); records the read when so.
    pub(crate) fn may_read_roster(&self, conversation_id: &str) -> bool {
        const AGAIN_AFTER: std::time::Duration = std::time::Duration::from_secs(300);
        let Ok(mut reads) = self.inner.roster_reads.lock() else {
            return false;
        };
        let now = std::time::Instant::now();
        match reads.get(conversation_id) {
            Some(at) if now.duration_since(*at) < AGAIN_AFTER => false,
            _ => {
                reads.insert(conversation_id.to_string(), now);
                true
            }
        }
    }
}

/// The activity that shows `message`: an Adaptive Card (images fitted to Teams' size limit),
/// with the plain text as the notification preview.
pub fn message_activity(message: &Message) -> Value {
    let message = images::fit(message);
    json!({
        "type": "message",
        "summary": render::fallback_text(&message),
        "attachments": [render::attachment(&message)],
    })
}

/// The activity that shows a form as a card, with `error` (field id, text) under its field.
pub fn form_activity(form: &Form, error: Option<(&str, &str)>) -> Value {
    json!({
        "type": "message",
        "summary": form.title,
        "attachments": [{
            "contentType": render::CARD_CONTENT_TYPE,
            "content": render::form_card(form, error),
        }],
    })
}

/// A call for the outbox of tenant `tenant`.
pub fn call(
    tenant: &str,
    method: &str,
    payload: &impl serde::Serialize,
    at: DateTime<Utc>,
) -> NewOutbound {
    NewOutbound {
        platform: PLATFORM.as_str(),
        org_key: tenant.to_string(),
        method: method.to_string(),
        payload: serde_json::to_string(payload).unwrap_or_default(),
        urgent: false,
        at,
    }
}

/// The queued send of `activity` to `to`.
pub fn send_call(tenant: &str, to: Target, activity: Value, at: DateTime<Utc>) -> NewOutbound {
    call(tenant, calls::SEND, &Send { to, activity }, at)
}

impl ChatPlatform for TeamsPlatform {
    fn kind(&self) -> PlatformKind {
        PLATFORM
    }

    /// Cards are refreshed in place when pressed, and a form is a card with inputs, which can
    /// be shown at any time; Teams has no home page for a bot.
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            update_clicked: true,
            forms: true,
            home: false,
        }
    }

    fn parse_mention(&self, token: &str) -> Option<String> {
        mentions::parse_mention(token)
    }

    fn render(
        &self,
        org: &Org,
        to: &Destination,
        message: &Message,
        at: DateTime<Utc>,
    ) -> Vec<NewOutbound> {
        let target = match to {
            Destination::Direct {
                platform_user_id, ..
            } => Target::Person {
                aad_object_id: platform_user_id.clone(),
            },
            Destination::Channel(name) => Target::Channel {
                name: name.trim_start_matches('#').to_string(),
            },
        };
        vec![send_call(
            &org.platform_org_id,
            target,
            message_activity(message),
            at,
        )]
    }
}

/// How the server finds the Teams adapter (see [`crate::platform::Registration`]).
pub const REGISTRATION: crate::platform::Registration = crate::platform::Registration {
    section: "teams",
    check: |config| {
        // The section is checked even while Teams is off, so a mistake shows before it is on.
        config.section::<config::TeamsSettings>("teams")?.check()?;
        TeamsConfig::load(config).map(|_| ())
    },
    build: TeamsPlatform::configured,
};

impl TeamsPlatform {
    /// The adapter, when the environment sets Teams up (`TEAMS_APP_ID`); `None` otherwise.
    pub fn configured(
        config: &crate::config::Config,
        store: &Store,
        clock: &Arc<dyn Clock>,
    ) -> anyhow::Result<Option<Arc<dyn crate::platform::Adapter>>> {
        let Some(teams) = TeamsConfig::load(config)? else {
            return Ok(None);
        };
        Ok(Some(Arc::new(TeamsPlatform::new(
            teams,
            config,
            store.clone(),
            clock.clone(),
        )?)))
    }
}

#[async_trait::async_trait]
impl crate::platform::Adapter for TeamsPlatform {
    fn chat(&self) -> Arc<dyn ChatPlatform> {
        Arc::new(self.clone())
    }

    async fn open(&self) -> anyhow::Result<()> {
        let tenant = self.config().tenant_id().to_string();
        self.ensure_org(&tenant).await?;
        tracing::info!(
            tenant,
            app_id = self.config().app_id(),
            "Teams is on: activities are received at POST /teams/messages"
        );
        Ok(())
    }

    async fn start(
        &self,
        launch: crate::platform::Launch,
    ) -> anyhow::Result<crate::platform::Running> {
        let mut running = crate::platform::Running::default();
        let intake = Arc::new(process::TeamsIntake::new(self.clone(), launch.bot.clone()));
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
        running.routes = Some(routes::routes(routes::TeamsHttp::new(
            self.clone(),
            intake,
            launch.writer,
        )));
        Ok(running)
    }
}
