//! Teams' HTTP endpoint: `POST /teams/messages`, where the Bot Connector delivers activities.
//!
//! Each request is checked in this order, and nothing later happens if a step fails:
//! size (413) → an `Authorization: Bearer` header (401) → the token, against the Connector's
//! published keys and the activity's own `serviceUrl` and `channelId` (401) → a well-formed
//! activity (400) → the tenant the bot serves and a Connector it may call (200, ignored) →
//! stored in the relay's inbox → acknowledged. Every refusal of a token is the same bare 401,
//! whatever the reason (the log and the metrics say which), and stores nothing.
//!
//! A card press (`invoke` named `adaptiveCard/action`) is answered in the HTTP response: it is
//! stored held, processed here while Teams waits, and its answer (the refreshed card) is kept
//! with it, so a redelivery of the same invoke gets the same answer without a second effect.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use sha2::{Digest, Sha256};

use super::activity::{self, ActivityKind};
use super::process::{ACTIVITY_KIND, TeamsIntake};
use super::{PLATFORM, TeamsPlatform, render};
use crate::relay::inbox::{Answered, answer_now};
use crate::relay::intake::InboxWriter;
use crate::store::NewInboxItem;

/// The path Teams posts to; the Azure Bot's messaging endpoint is `https://HOST/teams/messages`.
pub const MESSAGES_PATH: &str = "/teams/messages";

/// How long a redelivered card press waits for the first delivery's answer, inside Teams'
/// own wait for the response.
const REDELIVERY_WAIT: Duration = Duration::from_secs(8);

/// What the Teams route shares.
#[derive(Clone)]
pub struct TeamsHttp {
    teams: TeamsPlatform,
    intake: Arc<TeamsIntake>,
    writer: InboxWriter,
}

impl TeamsHttp {
    /// The route's state over a running inbox writer and the intake that processes presses.
    pub fn new(teams: TeamsPlatform, intake: Arc<TeamsIntake>, writer: InboxWriter) -> TeamsHttp {
        TeamsHttp {
            teams,
            intake,
            writer,
        }
    }
}

/// The Teams route, mounted on the `serve` server.
pub fn routes(state: TeamsHttp) -> Router {
    let limit = state.teams.config().settings.max_request_bytes;
    Router::new()
        .route(MESSAGES_PATH, post(messages))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

fn refused(reason: &'static str) -> Response {
    metrics::counter!("ambassador_teams_requests_refused_total", "reason" => reason).increment(1);
    (StatusCode::UNAUTHORIZED, "unauthorized").into_response()
}

fn ignored(reason: &'static str) -> Response {
    metrics::counter!("ambassador_teams_requests_ignored_total", "reason" => reason).increment(1);
    StatusCode::OK.into_response()
}

/// The two fields the token is checked against, read from a body that does not decode as an
/// activity (so an authentic but malformed request gets its 400, a forged one its 401).
fn claimed_origin(body: &[u8]) -> (String, String) {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let field = |k: &str| {
        v.get(k)
            .and_then(|f| f.as_str())
            .unwrap_or_default()
            .to_string()
    };
    (field("serviceUrl"), field("channelId"))
}

async fn messages(State(state): State<TeamsHttp>, headers: HeaderMap, body: Bytes) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    // Decoded once, before the token is checked, because the token names the activity's own
    // `serviceUrl` and `channelId`; a forged request gets its 401 whatever its body says, and
    // only a verified one hears that its body is malformed.
    let decoded = activity::decode(&body);
    let (service_url, channel_id) = match &decoded {
        Ok(a) => (a.service_url.clone(), a.channel_id.clone()),
        Err(_) => claimed_origin(&body),
    };
    if let Err(e) = state
        .teams
        .auth()
        .verify(authorization, &service_url, &channel_id)
        .await
    {
        tracing::warn!(reason = e.reason(), error = %e, "refused a Teams request");
        return refused(e.reason());
    }
    let activity = match decoded {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "refused a malformed Teams activity");
            metrics::counter!("ambassador_teams_requests_refused_total", "reason" => "malformed")
                .increment(1);
            return (StatusCode::BAD_REQUEST, "malformed activity").into_response();
        }
    };
    let tenant = state.teams.config().tenant_id();
    if !activity
        .tenant_id()
        .is_some_and(|t| t.eq_ignore_ascii_case(tenant))
    {
        tracing::warn!(
            tenant = activity.tenant_id(),
            "an activity from another tenant: this bot serves one tenant (TEAMS_TENANT_ID)"
        );
        return ignored("other_tenant");
    }
    if !state
        .teams
        .connector()
        .service_url_allowed(&activity.service_url)
    {
        tracing::warn!(
            service_url = activity.service_url,
            "an activity names a Connector outside [teams] service_url_hosts; ignored"
        );
        return ignored("service_url");
    }
    let invoke_action = activity.invoke_action();
    match &activity.kind {
        ActivityKind::Message
        | ActivityKind::ConversationUpdate
        | ActivityKind::InstallationUpdate => {}
        ActivityKind::Invoke if invoke_action.is_some() => {}
        ActivityKind::Invoke => {
            tracing::debug!(name = activity.name, "an invoke the bot does not handle");
            return (
                StatusCode::NOT_IMPLEMENTED,
                axum::Json(render::invoke_response_error("not supported")),
            )
                .into_response();
        }
        ActivityKind::Other(_) => return ignored("kind"),
    }
    let dedupe_key = activity
        .id
        .clone()
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| hex::encode(Sha256::digest(&body)));
    let held = invoke_action.is_some();
    let item = NewInboxItem {
        platform: PLATFORM.as_str(),
        org_key: tenant.to_string(),
        kind: ACTIVITY_KIND.to_string(),
        dedupe_key: dedupe_key.clone(),
        lane: Some(
            activity
                .from
                .aad_object_id
                .clone()
                .unwrap_or_else(|| activity.from.id.clone()),
        ),
        body: String::from_utf8_lossy(&body).into_owned(),
        held,
    };
    if let Err(e) = state.writer.store(item).await {
        tracing::error!(error = %e, "a Teams activity could not be stored; Teams will retry");
        return (StatusCode::SERVICE_UNAVAILABLE, "try again").into_response();
    }
    if !held {
        return StatusCode::CREATED.into_response();
    }
    let answered = answer_now(
        state.intake.as_ref(),
        state.teams.store(),
        state.teams.clock().as_ref(),
        tenant,
        &dedupe_key,
        REDELIVERY_WAIT,
    )
    .await;
    let answer = match answered {
        Ok(Answered::Done(Some(answer))) => serde_json::from_str(&answer).ok(),
        Ok(Answered::Done(None)) => None,
        Ok(Answered::Later) => None,
        Err(e) => {
            tracing::warn!(error = %e, "a card press is left to the inbox worker");
            None
        }
    };
    let answer = match answer {
        Some(answer) => answer,
        None => render::invoke_response_message(&state.intake.holding_text(&activity).await),
    };
    (StatusCode::OK, axum::Json(answer)).into_response()
}
