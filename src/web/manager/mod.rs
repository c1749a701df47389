//! A manager's pages: each of their teams over the last 52 rounds.

use axum::Router;

use super::WebState;

/// The manager's routes, under `/web/teams/`.
pub(super) fn routes() -> Router<WebState> {
    Router::new()
}
