//! Slack's HTTP endpoints: Events API, slash commands, interactivity and the OAuth install.
//!
//! Each request is checked in this order, and nothing later happens if a step fails:
//! size (413) → signature and timestamp (401) → body shape (400) → stored in the inbox →
//! 200. The inbox write is a group commit: concurrent requests share one transaction, so the
//! acknowledgement stays fast under load while still following the durable write.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use crate::platform::slack::inbound::{self, Decoded};
use crate::platform::slack::intake::InboxWriter;
use crate::platform::slack::signature::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::platform::slack::{SlackPlatform, install, process};
use crate::store::{InboxKind, NewInboxItem};

/// What the Slack routes share.
#[derive(Clone)]
pub struct SlackHttp {
    slack: SlackPlatform,
    bot: crate::bot::Bot,
    writer: InboxWriter,
    signing_secret: Option<String>,
}

impl SlackHttp {
    /// The routes' state over a running inbox writer.
    pub fn new(slack: SlackPlatform, bot: crate::bot::Bot, writer: InboxWriter) -> SlackHttp {
        let signing_secret = slack.credentials().signing_secret.clone();
        SlackHttp {
            bot,
            writer,
            slack,
            signing_secret,
        }
    }
}

/// The Slack routes, mounted on the `serve` server.
pub fn routes(state: SlackHttp) -> Router {
    let limit = state.slack.settings().max_request_bytes;
    Router::new()
        .route("/slack/events", post(events))
        .route("/slack/commands", post(commands))
        .route("/slack/interactions", post(interactions))
        .route("/slack/install", get(install_start))
        .route("/slack/oauth/callback", get(oauth_callback))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

fn status(code: StatusCode, text: &'static str) -> Response {
    (code, text).into_response()
}

/// Verifies the signature; the 401 says nothing more than that.
#[allow(clippy::result_large_err)] // an early-return response, built once per refused request
fn verified(state: &SlackHttp, headers: &HeaderMap, body: &[u8]) -> Result<(), Response> {
    let Some(secret) = &state.signing_secret else {
        return Err(status(
            StatusCode::NOT_FOUND,
            "Slack HTTP requests are not enabled: set SLACK_SIGNING_SECRET",
        ));
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    signature::verify(
        secret,
        header(TIMESTAMP_HEADER),
        header(SIGNATURE_HEADER),
        body,
        state.slack.now().timestamp(),
    )
    .map_err(|e| {
        tracing::warn!(error = %e, "refused a Slack request");
        metrics::counter!("ambassador_slack_requests_refused_total", "reason" => "signature")
            .increment(1);
        status(StatusCode::UNAUTHORIZED, "invalid request signature")
    })
}

#[allow(clippy::result_large_err)] // as above
fn utf8(body: &Bytes) -> Result<&str, Response> {
    std::str::from_utf8(body).map_err(|_| status(StatusCode::BAD_REQUEST, "body is not UTF-8"))
}

fn malformed(e: impl std::fmt::Display) -> Response {
    tracing::warn!(error = %e, "refused a malformed Slack request");
    metrics::counter!("ambassador_slack_requests_refused_total", "reason" => "malformed")
        .increment(1);
    status(StatusCode::BAD_REQUEST, "malformed request")
}

async fn store(state: &SlackHttp, item: NewInboxItem) -> Result<bool, Response> {
    state.writer.store(item).await.map_err(|e| {
        tracing::error!(error = %e, "could not store a Slack request; Slack will retry it");
        status(StatusCode::SERVICE_UNAVAILABLE, "try again")
    })
}

async fn events(State(state): State<SlackHttp>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(r) = verified(&state, &headers, &body) {
        return r;
    }
    let text = match utf8(&body) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let decoded = match inbound::decode(InboxKind::Event, text) {
        Ok(d) => d,
        Err(e) => return malformed(e),
    };
    if let Decoded::Event(event) = &decoded
        && let slack_morphism::prelude::SlackPushEvent::UrlVerification(v) = event.as_ref()
    {
        return axum::Json(json!({ "challenge": v.challenge })).into_response();
    }
    let (Some(team_id), Some(event_id)) = (inbound::team_of(&decoded), inbound::event_id(&decoded))
    else {
        // app_rate_limited and the like: nothing to process.
        return StatusCode::OK.into_response();
    };
    let item = NewInboxItem {
        team_id,
        kind: InboxKind::Event,
        dedupe_key: event_id,
        body: text.to_string(),
    };
    match store(&state, item).await {
        Ok(new) => {
            if !new {
                metrics::counter!("ambassador_slack_duplicates_total").increment(1);
            }
            StatusCode::OK.into_response()
        }
        Err(r) => r,
    }
}

async fn commands(State(state): State<SlackHttp>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(r) = verified(&state, &headers, &body) {
        return r;
    }
    let text = match utf8(&body) {
        Ok(t) => t,
        Err(r) => return r,
    };
    // Slack's certificate check posts `ssl_check=1` to the command URL.
    if text.contains("ssl_check=1") && !text.contains("command=") {
        return StatusCode::OK.into_response();
    }
    let decoded = match inbound::decode(InboxKind::Command, text) {
        Ok(d) => d,
        Err(e) => return malformed(e),
    };
    let Some(team_id) = inbound::team_of(&decoded) else {
        return malformed("no team");
    };
    ack_after_store(&state, &headers, team_id, InboxKind::Command, text).await
}

async fn interactions(State(state): State<SlackHttp>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(r) = verified(&state, &headers, &body) {
        return r;
    }
    let text = match utf8(&body) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let decoded = match inbound::decode(InboxKind::Interaction, text) {
        Ok(d) => d,
        Err(e) => return malformed(e),
    };
    let Some(team_id) = inbound::team_of(&decoded) else {
        return malformed("no team");
    };
    // A modal's fields are checked before it closes, so a person sees what to fix in place.
    if let Decoded::Interaction(_, raw) = &decoded
        && let Some(errors) = process::modal_errors(&state.slack, &state.bot, &team_id, raw).await
    {
        return axum::Json(json!({ "response_action": "errors", "errors": errors }))
            .into_response();
    }
    ack_after_store(&state, &headers, team_id, InboxKind::Interaction, text).await
}

async fn ack_after_store(
    state: &SlackHttp,
    headers: &HeaderMap,
    team_id: String,
    kind: InboxKind,
    body: &str,
) -> Response {
    // A signature covers the timestamp and the body, so the same signature means the same
    // request: an exact replay inside the five-minute window is stored once.
    let dedupe_key = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let item = NewInboxItem {
        team_id,
        kind,
        dedupe_key,
        body: body.to_string(),
    };
    match store(state, item).await {
        Ok(_) => StatusCode::OK.into_response(),
        Err(r) => r,
    }
}

async fn install_start(State(state): State<SlackHttp>) -> Response {
    install::start(&state.slack).await
}

async fn oauth_callback(
    State(state): State<SlackHttp>,
    Query(query): Query<install::CallbackQuery>,
) -> Response {
    install::callback(&state.slack, query).await
}
