//! Discord's HTTP endpoint: `POST /discord/interactions`, the application's Interactions
//! Endpoint URL.
//!
//! Each request is checked in this order, and nothing later happens if a step fails:
//! size (413) → the signed timestamp within the replay window and the Ed25519 signature over
//! timestamp and body (401, before anything is parsed or stored) → a well-formed interaction
//! (400) → PING answered PONG → stored and answered (see [`super::process::Edge`]). Every
//! refusal of a signature is the same bare 401 (the log and the metrics say why): Discord
//! itself sends requests with bad signatures to check that they are refused.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::json;

use super::interaction::{self, InteractionKind};
use super::process::Edge;
use super::process::edge::{ANSWER_WITHIN, EdgeError};
use super::signature::{SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// The path Discord posts to: the Interactions Endpoint URL is `https://HOST/discord/interactions`.
pub const INTERACTIONS_PATH: &str = "/discord/interactions";

/// The Discord route, mounted on the `serve` server.
pub fn routes(edge: Edge) -> Router {
    let limit = edge.discord().config().settings.max_request_bytes;
    Router::new()
        .route(INTERACTIONS_PATH, post(interactions))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(edge)
}

fn refused(reason: &'static str) -> Response {
    metrics::counter!("ambassador_discord_requests_refused_total", "reason" => reason).increment(1);
    (StatusCode::UNAUTHORIZED, "invalid request signature").into_response()
}

async fn interactions(State(edge): State<Edge>, headers: HeaderMap, body: Bytes) -> Response {
    let answer_by = tokio::time::Instant::now() + ANSWER_WITHIN;
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(verifier) = edge.discord().verifier() else {
        return refused("no_public_key");
    };
    if let Err(refusal) = verifier.verify(
        header(SIGNATURE_HEADER),
        header(TIMESTAMP_HEADER),
        &body,
        edge.discord().now(),
    ) {
        tracing::warn!(
            reason = refusal.reason(),
            "refused a Discord interaction: {refusal}"
        );
        return refused(refusal.reason());
    }
    let interaction = match interaction::decode(&body) {
        Ok(i) => i,
        Err(e) => {
            tracing::warn!(error = %e, "refused a malformed Discord interaction");
            metrics::counter!("ambassador_discord_requests_refused_total", "reason" => "malformed")
                .increment(1);
            return (StatusCode::BAD_REQUEST, "malformed interaction").into_response();
        }
    };
    if interaction.kind == InteractionKind::Ping {
        return axum::Json(json!({"type": 1})).into_response();
    }
    match edge
        .interaction(
            &interaction,
            String::from_utf8_lossy(&body).into_owned(),
            answer_by,
        )
        .await
    {
        Ok(response) => axum::Json(response).into_response(),
        Err(EdgeError::NoGuild) => {
            tracing::warn!("a Discord interaction from outside any guild the bot serves");
            axum::Json(edge.no_guild_response(&interaction)).into_response()
        }
        Err(EdgeError::Store(e)) => {
            tracing::error!(error = %e, "a Discord interaction could not be stored");
            (StatusCode::SERVICE_UNAVAILABLE, "try again").into_response()
        }
    }
}
