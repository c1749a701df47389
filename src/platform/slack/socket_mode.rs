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

use super::process::{self, kind_name};
use super::wire::{self, Request};
use super::{PLATFORM, SlackPlatform};
use crate::bot::Bot;
use crate::relay::intake::InboxWriter;
use crate::store::NewInboxItem;

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
    let dedupe_key = event.event_id.to_string();
    let body = serde_json::to_string(&SlackPushEvent::EventCallback(event))?;
    stored(&state, wire::Kind::Event, dedupe_key, body).await
}

/// Decodes an envelope's request as the HTTP routes do and stores it; an error leaves the
/// envelope unacknowledged (Slack resends it), and a request the bot has no use for is
/// acknowledged without storing.
async fn stored(
    state: &SocketState,
    kind: wire::Kind,
    dedupe_key: String,
    body: String,
) -> CallbackResult<()> {
    let request = wire::decode(kind, &body)?;
    let Some(org_key) = request.org_key() else {
        return Ok(());
    };
    if matches!(
        request,
        Request::Ignored { .. } | Request::UrlVerification { .. }
    ) {
        return Ok(());
    }
    let item = NewInboxItem {
        platform: PLATFORM.as_str(),
        org_key,
        kind: kind_name(kind).to_string(),
        dedupe_key,
        lane: request.actor(),
        body,
        held: false,
    };
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
    stored(&state, wire::Kind::Command, body_key(&body), body).await?;
    // The reply follows through the response_url, as over HTTP.
    Ok(SlackCommandEventResponse::new(SlackMessageContent::new()))
}

async fn on_interaction(
    event: SlackInteractionEvent,
    _client: Arc<SlackHyperClient>,
    states: SlackClientEventsUserState,
) -> CallbackResult<SlackInteractionResponse> {
    let state = state_of(&states).await?;
    let body = serde_json::to_string(&event)?;
    let request = wire::decode(wire::Kind::Interaction, &body)?;
    if let Some(errors) = process::modal_errors(&state.slack, &state.bot, &request).await {
        let errors = errors
            .into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
            .collect();
        return Ok(
            SlackViewSubmissionResponse::Errors(SlackViewSubmissionErrorsResponse::new(errors))
                .into(),
        );
    }
    stored(&state, wire::Kind::Interaction, body_key(&body), body).await?;
    Ok(SlackInteractionResponse::Empty)
}
