//! The pages a request gets when it cannot have what it asked for: each says what happened in
//! the person's language, and none shows a stack trace.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::WebState;
use super::layout::{Page, bare_page, locale_of_request};
use crate::bot::Bot;
use crate::core::locale::Locale;

/// Why a request was refused or failed.
#[derive(Debug)]
pub struct WebError {
    kind: Kind,
    bot: Bot,
    locale: Locale,
}

#[derive(Debug)]
enum Kind {
    /// No such page, or not this person's to see: the two look the same on purpose, so a URL
    /// tells nobody whether another team exists.
    NotFound,
    /// A form without this session's CSRF token.
    StaleForm,
    /// No session (or it ended).
    SignedOut,
    /// Our fault: logged, and the person told nothing was changed.
    Internal(anyhow::Error),
}

impl WebError {
    /// 404: not there, or not yours.
    pub fn not_found(page: &Page) -> Self {
        Self::new(page, Kind::NotFound)
    }

    /// 403: a form that did not carry this session's token.
    pub fn stale_form(page: &Page) -> Self {
        Self::new(page, Kind::StaleForm)
    }

    /// 500: something failed on our side.
    pub fn internal(page: &Page, error: impl Into<anyhow::Error>) -> Self {
        Self::new(page, Kind::Internal(error.into()))
    }

    /// 401: sign in first (used before a session is known, so it takes the language itself).
    pub(super) fn signed_out(bot: Bot, locale: Locale) -> Self {
        WebError {
            kind: Kind::SignedOut,
            bot,
            locale,
        }
    }

    /// 500 before a session is known.
    pub(super) fn internal_for(bot: Bot, locale: Locale, error: anyhow::Error) -> Self {
        WebError {
            kind: Kind::Internal(error),
            bot,
            locale,
        }
    }

    fn new(page: &Page, kind: Kind) -> Self {
        WebError {
            kind,
            bot: page.bot.clone(),
            locale: page.locale,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, text) = match &self.kind {
            Kind::NotFound => (
                StatusCode::NOT_FOUND,
                "web-not-found-title",
                "web-not-found",
            ),
            Kind::StaleForm => (
                StatusCode::FORBIDDEN,
                "web-forbidden-form-title",
                "web-forbidden-form",
            ),
            Kind::SignedOut => (
                StatusCode::UNAUTHORIZED,
                "web-signed-out-title",
                "web-signed-out",
            ),
            Kind::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "a dashboard request failed");
                metrics::counter!("ambassador_internal_errors_total").increment(1);
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "web-error-title",
                    "web-error",
                )
            }
        };
        let t = |key: &str| self.bot.t(self.locale, key, &[]);
        (status, bare_page(self.locale, &t(title), &t(text))).into_response()
    }
}

/// Any other address under `/web/`: 404 in the browser's language.
pub(super) async fn not_found(State(state): State<WebState>, headers: HeaderMap) -> Response {
    let locale = locale_of_request(&headers, state.bot.config().org_locale);
    WebError {
        kind: Kind::NotFound,
        bot: state.bot,
        locale,
    }
    .into_response()
}
