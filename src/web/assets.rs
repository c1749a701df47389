//! The stylesheet and the script, compiled into the binary: the dashboard needs no build
//! step and no files beside the executable.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::WebState;
use super::error::not_found;

/// The stylesheet: small, readable at 360 px, with visible focus and enough contrast.
const STYLE: &str = include_str!("assets/style.css");

/// Progressive enhancement only: every page works without it.
const SCRIPT: &str = include_str!("assets/app.js");

/// `GET /web/assets/{file}`.
pub(super) async fn serve(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let (body, kind) = match file.as_str() {
        "style.css" => (STYLE, "text/css; charset=utf-8"),
        "app.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        _ => return not_found(State(state), headers).await,
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
