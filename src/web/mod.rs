//! The web dashboard `serve` offers at `/web`: another front end over the bot's use cases,
//! beside the chat adapters, with the same rules (a manager sees only their own teams, and
//! nothing of a group under k).
//!
//! People sign in with a link the bot sends them in chat (`/engagement web`); the session lives
//! in the database, so any replica serves it. Pages are HTML rendered on the server by
//! [`maud`] (which escapes everything people typed), with one stylesheet and one small script
//! compiled into the binary. Every response carries a strict Content-Security-Policy; every
//! form carries the session's CSRF token.
//!
//! ```text
//!  /web/                  the person's own page          (session)
//!  /web/sign-in/{token}   the link from chat              (no session)
//!  /web/sign-out          ends the session                (POST, CSRF)
//!  /web/teams/…           a manager's teams               (their own teams only: else 404)
//!  /web/admin/…           the organisation                (admins only: else 404)
//! ```

mod admin;
mod assets;
mod error;
mod home;
mod layout;
mod manager;
mod render;
mod security;
mod session;

use axum::Router;
use axum::response::Redirect;
use axum::routing::{get, post};

use crate::bot::Bot;

pub use error::WebError;
pub use layout::Page;
pub use session::Signed;

/// What the dashboard's handlers share.
#[derive(Clone)]
pub struct WebState {
    /// The use cases.
    pub bot: Bot,
    /// Whether cookies are marked `Secure` (when `web.public_url` is https).
    pub secure_cookies: bool,
}

/// The dashboard's routes, to merge into `serve`'s router.
pub fn routes(bot: Bot) -> Router {
    let secure_cookies = bot.config().web_public_url.starts_with("https://");
    let state = WebState {
        bot,
        secure_cookies,
    };
    Router::new()
        .route("/web", get(|| async { Redirect::to("/web/") }))
        .route("/web/", get(home::page))
        .route(
            "/web/sign-in/{token}",
            get(session::sign_in_page).post(session::sign_in),
        )
        .route("/web/sign-out", post(session::sign_out))
        .route("/web/assets/{file}", get(assets::serve))
        .merge(manager::routes())
        .merge(admin::routes())
        .route("/web/{*rest}", get(error::not_found).post(error::not_found))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}
