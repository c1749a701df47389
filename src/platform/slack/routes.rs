//! Slack's HTTP endpoints: Events API, slash commands, interactivity and the OAuth install.
//!
//! Each request is checked in this order, and nothing later happens if a step fails:
//! size (413) → signature and timestamp (401) → bytes Slack would never send (400) → stored
//! in the relay's inbox → 200. Any well-formed request gets its 200, whether the bot acts on it
//! or deliberately ignores it (an unknown event, a legacy dialog, an Enterprise Grid shape it
//! has no use for): Slack counts a 4xx as a failed delivery. The inbox write is a group commit:
//! concurrent requests share one transaction, so the acknowledgement stays fast under load while
//! still following the durable write.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use super::process::{self, kind_name};
use super::signature::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use super::wire::{self, Request};
use super::{PLATFORM, SlackPlatform, install};
use crate::bot::Bot;
use crate::relay::intake::InboxWriter;
use crate::store::NewInboxItem;

/// What the Slack routes share.
#[derive(Clone)]
pub struct SlackHttp {
    slack: SlackPlatform,
    bot: Bot,
    writer: InboxWriter,
    signing_secret: Option<String>,
}

impl SlackHttp {
    /// The routes' state over a running inbox writer.
    pub fn new(slack: SlackPlatform, bot: Bot, writer: InboxWriter) -> SlackHttp {
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

fn malformed(e: impl std::fmt::Display) -> Response {
    tracing::warn!(error = %e, "refused a malformed Slack request");
    metrics::counter!("ambassador_slack_requests_refused_total", "reason" => "malformed")
        .increment(1);
    status(StatusCode::BAD_REQUEST, "malformed request")
}

/// Verifies and decodes a request, or answers it (401, 400, or 200 for what needs no work).
#[allow(clippy::result_large_err)] // as above
fn accept(
    state: &SlackHttp,
    headers: &HeaderMap,
    body: &Bytes,
    kind: wire::Kind,
) -> Result<Request, Response> {
    verified(state, headers, body)?;
    wire::decode_bytes(kind, body).map_err(malformed)
}

async fn events(State(state): State<SlackHttp>, headers: HeaderMap, body: Bytes) -> Response {
    let request = match accept(&state, &headers, &body, wire::Kind::Event) {
        Ok(r) => r,
        Err(r) => return r,
    };
    match &request {
        Request::UrlVerification { challenge } => {
            axum::Json(json!({ "challenge": challenge })).into_response()
        }
        Request::Event(envelope) => {
            let dedupe_key = envelope.event_id.clone();
            store(&state, &request, wire::Kind::Event, dedupe_key, &body).await
        }
        other => ignored(other),
    }
}

async fn commands(State(state): State<SlackHttp>, headers: HeaderMap, body: Bytes) -> Response {
    let request = match accept(&state, &headers, &body, wire::Kind::Command) {
        Ok(r) => r,
        Err(r) => return r,
    };
    store_signed(&state, &headers, &request, wire::Kind::Command, &body).await
}

async fn interactions(State(state): State<SlackHttp>, headers: HeaderMap, body: Bytes) -> Response {
    let request = match accept(&state, &headers, &body, wire::Kind::Interaction) {
        Ok(r) => r,
        Err(r) => return r,
    };
    // A modal's fields are checked before it closes, so a person sees what to fix in place.
    if let Some(errors) = process::modal_errors(&state.slack, &state.bot, &request).await {
        return axum::Json(json!({ "response_action": "errors", "errors": errors }))
            .into_response();
    }
    store_signed(&state, &headers, &request, wire::Kind::Interaction, &body).await
}

/// A well-formed request the bot has no use for: 200, nothing stored.
fn ignored(request: &Request) -> Response {
    tracing::debug!(?request, "a Slack request needs no work");
    metrics::counter!("ambassador_slack_requests_ignored_total").increment(1);
    StatusCode::OK.into_response()
}

/// Stores a command or an interaction keyed by its signature: the signature covers the
/// timestamp and the body, so the same signature means the same request, and an exact replay
/// inside the five-minute window is stored once.
async fn store_signed(
    state: &SlackHttp,
    headers: &HeaderMap,
    request: &Request,
    kind: wire::Kind,
    body: &Bytes,
) -> Response {
    if matches!(
        request,
        Request::UrlVerification { .. } | Request::Ignored { .. }
    ) {
        return ignored(request);
    }
    let dedupe_key = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    store(state, request, kind, dedupe_key, body).await
}

/// Stores a verified request in the inbox and acknowledges it once it is durable. A request
/// naming no installation at all cannot be acted on and is acknowledged without storing.
async fn store(
    state: &SlackHttp,
    request: &Request,
    kind: wire::Kind,
    dedupe_key: String,
    body: &Bytes,
) -> Response {
    let Some(org_key) = request.org_key() else {
        return ignored(request);
    };
    let item = NewInboxItem {
        platform: PLATFORM.as_str(),
        org_key,
        kind: kind_name(kind).to_string(),
        dedupe_key,
        lane: request.actor(),
        body: String::from_utf8_lossy(body).into_owned(),
        held: false,
    };
    match state.writer.store(item).await {
        Ok(new) => {
            if !new {
                metrics::counter!("ambassador_slack_duplicates_total").increment(1);
            }
            StatusCode::OK.into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "could not store a Slack request; Slack will retry it");
            status(StatusCode::SERVICE_UNAVAILABLE, "try again")
        }
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
