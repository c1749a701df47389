//! Prometheus metrics in the text exposition format.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::HttpState;

/// Every counter the bot keeps (`ambassador_kudos_given_total`, `ambassador_jobs_total`, …).
pub async fn metrics(State(state): State<HttpState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
}
