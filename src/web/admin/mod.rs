//! The admin's pages: the organisation, the narrative, questions, settings and platforms.
//!
//! Every route takes the [`Admin`] extractor, which answers 404 to anyone signed in who is not
//! an admin: to them these pages look exactly like pages that do not exist. Changes go through
//! the use cases chat and the command line use, so the rules are the same everywhere.
//!
//! ```text
//!  /web/admin/              overview, headline numbers, export form
//!  /web/admin/org           upload the org chart (POST, multipart, CSRF); people, linked or not
//!  /web/admin/narrative     the narrative per language: preview, publish a version (POST, CSRF)
//!  /web/admin/questions     the question bank by driver, built-in and custom
//!  /web/admin/settings      schedules with their next runs, the answer window, k
//!  /web/admin/platforms     connections per platform, the relay's backlog
//!  /web/admin/export.csv    the figures `ambassador export` writes
//! ```

mod export;
mod narrative;
mod org;
mod overview;
mod people;
mod platforms;
mod questions;
mod settings;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::routing::get;
use maud::{Markup, html};

use super::{Page, Signed, WebError, WebState};
use crate::core::locale::Locale;

/// The largest org chart upload: about 40,000 people at a generous 250 bytes a line.
const UPLOAD_LIMIT_BYTES: usize = 10 * 1024 * 1024;

/// The admin's routes, under `/web/admin/`.
pub(super) fn routes() -> Router<WebState> {
    Router::new()
        .route("/web/admin/", get(overview::page))
        .route(
            "/web/admin/org",
            get(org::page)
                .post(org::upload)
                .layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)),
        )
        .route(
            "/web/admin/narrative",
            get(narrative::page).post(narrative::submit),
        )
        .route("/web/admin/questions", get(questions::page))
        .route("/web/admin/settings", get(settings::page))
        .route("/web/admin/platforms", get(platforms::page))
        .route("/web/admin/export.csv", get(export::csv))
}

/// A request from a signed-in admin. Anyone else signed in gets 404 (see the module docs);
/// someone not signed in gets the sign-in page, as everywhere.
pub(super) struct Admin(pub Page);

impl FromRequestParts<WebState> for Admin {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let Signed(page) = Signed::from_request_parts(parts, state).await?;
        if !page.viewer.person.is_admin {
            return Err(WebError::not_found(&page));
        }
        Ok(Admin(page))
    }
}

/// The admin pages, in the order the sub-navigation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overview,
    Org,
    Narrative,
    Questions,
    Settings,
    Platforms,
}

impl Section {
    const ALL: [Section; 6] = [
        Section::Overview,
        Section::Org,
        Section::Narrative,
        Section::Questions,
        Section::Settings,
        Section::Platforms,
    ];

    fn path(self) -> &'static str {
        match self {
            Section::Overview => "/web/admin/",
            Section::Org => "/web/admin/org",
            Section::Narrative => "/web/admin/narrative",
            Section::Questions => "/web/admin/questions",
            Section::Settings => "/web/admin/settings",
            Section::Platforms => "/web/admin/platforms",
        }
    }

    /// The page's name, its heading and its link in the sub-navigation.
    fn title(self, page: &Page) -> String {
        match self {
            Section::Overview => page.t("web-admin-overview-title", &[]),
            Section::Org => page.t("web-admin-org-title", &[]),
            Section::Narrative => page.t("web-admin-narrative-title", &[]),
            Section::Questions => page.t("web-admin-questions-title", &[]),
            Section::Settings => page.t("web-admin-settings-title", &[]),
            Section::Platforms => page.t("web-admin-platforms-title", &[]),
        }
    }
}

/// A whole admin page: the section's title as its heading, the admin sub-navigation, then
/// `main`.
fn frame(page: &Page, current: Section, main: Markup) -> Markup {
    page.render(
        &current.title(page),
        html! {
            nav.admin-nav aria-label=(page.t("web-admin-nav-label", &[])) {
                ul {
                    @for section in Section::ALL {
                        li {
                            a href=(section.path())
                                aria-current=[(section == current).then_some("page")] {
                                (section.title(page))
                            }
                        }
                    }
                }
            }
            (main)
        },
    )
}

/// "yes" or "no" in the admin's language, for table cells.
fn yes_no(page: &Page, value: bool) -> String {
    if value {
        page.t("web-admin-yes", &[])
    } else {
        page.t("web-admin-no", &[])
    }
}

/// A language's name in the admin's language.
fn language_name(page: &Page, locale: Locale) -> String {
    match locale {
        Locale::En => page.t("web-admin-language-en", &[]),
        Locale::El => page.t("web-admin-language-el", &[]),
        Locale::Pl => page.t("web-admin-language-pl", &[]),
    }
}
