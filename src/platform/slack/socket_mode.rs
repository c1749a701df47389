//! Socket Mode: the same requests over a WebSocket the bot opens, for workspaces where the
//! server has no public URL.
//!
//! slack-morphism keeps the connection (opening it with `apps.connections.open`, answering
//! `hello`, reconnecting after `disconnect`) and acknowledges each envelope when our callback
//! returns `Ok`. Our callbacks only store the request in the inbox, exactly as the HTTP routes
//! do, so an envelope is acknowledged only after it is safe and is processed by the same code.

use std::sync::Arc;

use sha2::{Digest, Sha256};
use slack_morphism::prelude::*;

use super::intake::InboxWriter;
use super::{SlackPlatform, process};
use crate::bot::Bot;
use crate::store::{InboxKind, NewInboxItem};

type CallbackResult<T> = UserCallbackResult<T>;

#[derive(Clone)]
struct SocketState {
    slack: SlackPlatform,
    bot: Bot,
    writer: InboxWriter,
}

/// A running Socket Mode connection.
pub struct SocketMode {
    listener: SlackClientSocketModeListener<SlackClientHyperHttpsConnector>,
}

impl SocketMode {
    /// Connects with the app-level token and starts receiving.
    pub async fn start(
        slack: SlackPlatform,
        bot: Bot,
        writer: InboxWriter,
        app_token: &str,
    ) -> anyhow::Result<SocketMode> {
        let state = SocketState {
            slack: slack.clone(),
            bot,
            writer,
        };
        let env = Arc::new(
            // No custom error handler: a callback that fails (the inbox could not be
            // written) leaves its envelope unacknowledged, so Slack delivers it again.
            SlackClientEventsListenerEnvironment::new(slack.client().clone())
                .with_user_state(state),
        );
        let callbacks = SlackSocketModeListenerCallbacks::new()
            .with_push_events(on_push)
            .with_command_events(on_command)
            .with_interaction_events(on_interaction);
        let listener = SlackClientSocketModeListener::new(
            &SlackClientSocketModeConfig::new().with_max_connections_count(1),
            env,
            callbacks,
        );
        listener
            .listen_for(&super::client::api_token(app_token))
            .await
            .map_err(|e| {
                anyhow::anyhow!("Socket Mode could not connect with SLACK_APP_TOKEN: {e}")
            })?;
        listener.start().await;
        tracing::info!("Slack Socket Mode connected");
        Ok(SocketMode { listener })
    }

    /// Closes the connection.
    pub async fn stop(self) {
        self.listener.shutdown().await;
    }
}

async fn state_of(states: &SlackClientEventsUserState) -> CallbackResult<SocketState> {
    states
        .read()
        .await
        .get_user_state::<SocketState>()
        .cloned()
        .ok_or_else(|| "Socket Mode state missing".into())
}

/// Requests over the socket carry no signature; their own ids (the trigger id is unique per
/// press or command) make the body unique, so its hash is the dedupe key.
fn body_key(body: &str) -> String {
    format!("sm:{}", hex::encode(Sha256::digest(body.as_bytes())))
}

async fn on_push(
    event: SlackPushEventCallback,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> CallbackResult<()> {
    let state = state_of(&states).await?;
    let item = NewInboxItem {
        team_id: event.team_id.to_string(),
        kind: InboxKind::Event,
        dedupe_key: event.event_id.to_string(),
        body: serde_json::to_string(&SlackPushEvent::EventCallback(event))?,
    };
    stored(&state, item).await
}

/// Stores an envelope's request; an error leaves the envelope unacknowledged.
async fn stored(state: &SocketState, item: NewInboxItem) -> CallbackResult<()> {
    state.writer.store(item).await.map(|_| ()).map_err(|e| {
        tracing::warn!(error = %e, "a Socket Mode envelope could not be stored; Slack will resend it");
        e.into()
    })
}

async fn on_command(
    event: SlackCommandEvent,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> CallbackResult<SlackCommandEventResponse> {
    let state = state_of(&states).await?;
    let body = serde_json::to_string(&event)?;
    let item = NewInboxItem {
        team_id: event.team_id.to_string(),
        kind: InboxKind::Command,
        dedupe_key: body_key(&body),
        body,
    };
    stored(&state, item).await?;
    // The reply follows through the response_url, as over HTTP.
    Ok(SlackCommandEventResponse::new(SlackMessageContent::new()))
}

async fn on_interaction(
    event: SlackInteractionEvent,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> CallbackResult<SlackInteractionResponse> {
    let state = state_of(&states).await?;
    let raw = serde_json::to_value(&event)?;
    let team = super::inbound::team_of(&super::inbound::Decoded::Interaction(
        Box::new(event),
        raw.clone(),
    ))
    .ok_or("an interaction without a team")?;
    if let Some(errors) = process::modal_errors(&state.slack, &state.bot, &team, &raw).await {
        let errors = errors
            .into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
            .collect();
        return Ok(
            SlackViewSubmissionResponse::Errors(SlackViewSubmissionErrorsResponse::new(errors))
                .into(),
        );
    }
    let body = raw.to_string();
    let item = NewInboxItem {
        team_id: team,
        kind: InboxKind::Interaction,
        dedupe_key: body_key(&body),
        body,
    };
    stored(&state, item).await?;
    Ok(SlackInteractionResponse::Empty)
}
