//! The HTTP server: health, readiness and metrics; each chat platform's adapter brings its own
//! routes, which the server merges (see [`crate::platform::Running::routes`]).

mod health;
mod metrics_route;

use std::sync::OnceLock;

use axum::Router;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::store::Store;

/// What the handlers share.
#[derive(Clone)]
pub struct HttpState {
    /// For `/readyz`.
    pub store: Store,
    /// For `/metrics`.
    pub metrics: PrometheusHandle,
}

/// The routes.
pub fn router(state: HttpState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics_route::metrics))
        .with_state(state)
}

/// The process-wide Prometheus recorder, installed on first use.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let handle = PrometheusBuilder::new().install_recorder().unwrap_or_else(|e| {
                tracing::warn!(error = %e, "another metrics recorder is installed; /metrics will be empty");
                PrometheusBuilder::new().build_recorder().handle()
            });
            metrics_route::describe();
            handle
        })
        .clone()
}
