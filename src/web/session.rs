//! Signing in with a link from chat, the session cookie, and signing out.
//!
//! Opening the link shows a page whose form does the signing in (a small script submits it at
//! once in a browser). Chat platforms fetch the links in messages to preview them; if a GET
//! used the link, a preview would spend it before the person ever clicked.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, RequestPartsExt};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use maud::html;
use serde::Deserialize;

use super::WebState;
use super::error::WebError;
use super::layout::{Page, bare_page, bare_with, locale_of_request};
use crate::core::web::SIGN_IN_LINK_MINUTES;
use crate::store::LinkRefusal;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ambassador_session";

/// A request from someone signed in: the extractor every dashboard page takes. Without a live
/// session the request gets the "you are signed out" page (401) instead.
#[derive(Debug, Clone)]
pub struct Signed(pub Page);

impl FromRequestParts<WebState> for Signed {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let bot = state.bot.clone();
        let fallback = locale_of_request(&parts.headers, bot.config().org_locale);
        let jar = parts
            .extract::<CookieJar>()
            .await
            .unwrap_or_else(|never| match never {});
        let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) else {
            return Err(WebError::signed_out(bot, fallback));
        };
        match bot.web_viewer(&token).await {
            Ok(Some(viewer)) => Ok(Signed(Page {
                locale: viewer.person.locale,
                bot,
                viewer,
            })),
            Ok(None) => Err(WebError::signed_out(bot, fallback)),
            Err(e) => Err(WebError::internal_for(bot, fallback, e)),
        }
    }
}

/// `GET /web/sign-in/{token}`: a page with the button that signs in.
pub(super) async fn sign_in_page(
    State(state): State<WebState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let bot = &state.bot;
    let l = locale_of_request(&headers, bot.config().org_locale);
    let t = |key: &str| bot.t(l, key, &[]);
    let page = bare_with(
        l,
        &t("web-sign-in-title"),
        html! {
            p { (t("web-sign-in-lead")) }
            form #sign-in method="post" action={ "/web/sign-in/" (token) } {
                button.primary type="submit" { (t("web-sign-in-button")) }
            }
        },
    );
    page.into_response()
}

/// `POST /web/sign-in/{token}`: uses the link, sets the session cookie, goes to the person's
/// page; a used, expired or unknown link gets a page saying so and what to do.
pub(super) async fn sign_in(
    State(state): State<WebState>,
    headers: HeaderMap,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Response {
    let bot = state.bot.clone();
    let l = locale_of_request(&headers, bot.config().org_locale);
    if !same_origin(&headers, &bot.config().web_public_url) {
        return WebError::signed_out(bot, l).into_response();
    }
    let opened = match bot.redeem_sign_in(&token).await {
        Ok(Ok(opened)) => opened,
        Ok(Err(refusal)) => return refused(&state, l, refusal),
        Err(e) => return WebError::internal_for(bot, l, e).into_response(),
    };
    let hours = bot.config().settings.web.session_hours;
    let cookie = Cookie::build((SESSION_COOKIE, opened.cookie_token))
        .path("/web")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.secure_cookies)
        .max_age(time_hours(hours))
        .build();
    (jar.add(cookie), Redirect::to("/web/")).into_response()
}

#[derive(Deserialize)]
pub(super) struct SignOutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /web/sign-out`: ends the session everywhere and forgets the cookie.
pub(super) async fn sign_out(
    Signed(page): Signed,
    jar: CookieJar,
    Form(form): Form<SignOutForm>,
) -> Result<Response, WebError> {
    if !page.csrf_matches(&form.csrf) {
        return Err(WebError::stale_form(&page));
    }
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        let token = cookie.value().to_string();
        page.bot
            .sign_out(&token)
            .await
            .map_err(|e| WebError::internal(&page, e))?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/web").build());
    let body = bare_page(
        page.locale,
        &page.t("web-signed-out-title", &[]),
        &page.t("web-signed-out", &[]),
    );
    Ok((jar, body).into_response())
}

fn refused(state: &WebState, l: crate::core::locale::Locale, refusal: LinkRefusal) -> Response {
    let bot = &state.bot;
    let minutes = [("minutes", SIGN_IN_LINK_MINUTES.into())];
    let (status, title, text) = match refusal {
        LinkRefusal::Used => (StatusCode::GONE, "web-link-used-title", "web-link-used"),
        LinkRefusal::Expired => (
            StatusCode::GONE,
            "web-link-expired-title",
            "web-link-expired",
        ),
        LinkRefusal::Unknown => (
            StatusCode::NOT_FOUND,
            "web-link-unknown-title",
            "web-link-unknown",
        ),
    };
    let page = bare_page(l, &bot.t(l, title, &[]), &bot.t(l, text, &minutes));
    (status, page).into_response()
}

/// Whether a form post came from our own pages: browsers send `Origin` with every POST, so one
/// naming another site is a forged request (a page elsewhere signing the browser in as its
/// author). A request without it (not a browser) is let through; the link is its secret.
fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let public_origin = url::Url::parse(public_url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_default();
    origin == public_origin
        || origin.strip_prefix("http://") == Some(host)
        || origin.strip_prefix("https://") == Some(host)
}

fn time_hours(hours: u32) -> cookie::time::Duration {
    cookie::time::Duration::hours(i64::from(hours))
}
