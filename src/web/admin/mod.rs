//! The admin's pages: the organisation, the narrative, questions, settings and platforms.

use axum::Router;

use super::WebState;

/// The admin's routes, under `/web/admin/`.
pub(super) fn routes() -> Router<WebState> {
    Router::new()
}
