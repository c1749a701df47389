//! `/web/admin/org`: uploading the org chart (the rules of `ambassador org import`: every
//! problem listed with its line, nothing imported if there is any), above the people table
//! ([`super::people`]).

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use super::people::{PeopleQuery, filter_form, pager, people_table};
use super::{Admin, Section, UPLOAD_LIMIT_BYTES, frame};
use crate::bot::{ImportError, describe_problem, import_org_chart};
use crate::store::{ImportSummary, RosterFilter};
use crate::web::{Page, WebError};

/// What an upload did, for the banner above the table.
enum Outcome {
    Imported(ImportSummary),
    /// Nothing was imported; each problem in words.
    Refused(Vec<String>),
}

/// `GET /web/admin/org`.
pub(super) async fn page(
    Admin(page): Admin,
    Query(query): Query<PeopleQuery>,
) -> Result<Markup, WebError> {
    render(&page, &query, None).await
}

/// `POST /web/admin/org` (multipart: `csrf`, `file`): imports the file as a whole or not at
/// all, then shows the table with what happened.
pub(super) async fn upload(
    Admin(page): Admin,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let upload = match read_upload(&page, multipart).await {
        Ok(upload) => upload,
        Err(problem) => return refused(&page, vec![problem]).await,
    };
    if !page.csrf_matches(&upload.csrf) {
        return Err(WebError::stale_form(&page));
    }
    let Ok(text) = String::from_utf8(upload.file) else {
        let problem = page.t("web-admin-import-not-utf8", &[]);
        return refused(&page, vec![problem]).await;
    };
    let org = &page.viewer.org;
    let bot = &page.bot;
    match import_org_chart(bot.db(), bot.config(), org, &text, bot.now()).await {
        Ok(summary) => {
            let body = render(
                &page,
                &PeopleQuery::default(),
                Some(Outcome::Imported(summary)),
            )
            .await?;
            Ok(body.into_response())
        }
        Err(ImportError::Invalid(problems)) => {
            let described = problems
                .iter()
                .map(|p| describe_problem(bot.i18n(), page.locale, p))
                .collect();
            refused(&page, described).await
        }
        Err(ImportError::Store(e)) => Err(WebError::internal(&page, e)),
    }
}

/// The fields of an upload.
struct Upload {
    csrf: String,
    file: Vec<u8>,
}

/// Reads the form's fields, or says in the admin's words why the upload could not be read.
async fn read_upload(
    page: &Page,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Upload, String> {
    let unreadable = || page.t("web-admin-import-unreadable", &[]);
    let too_large = || {
        page.t(
            "web-admin-import-too-large",
            &[("megabytes", (UPLOAD_LIMIT_BYTES / (1024 * 1024)).into())],
        )
    };
    let mut multipart = multipart.map_err(|_| unreadable())?;
    let mut upload = Upload {
        csrf: String::new(),
        file: Vec::new(),
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(upload),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(unreadable()),
        };
        let name = field.name().unwrap_or_default().to_string();
        let bytes = field.bytes().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                unreadable()
            }
        })?;
        match name.as_str() {
            "csrf" => upload.csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => upload.file = bytes.to_vec(),
            _ => {}
        }
    }
}

/// The page with the problems listed and nothing imported (422).
async fn refused(page: &Page, problems: Vec<String>) -> Result<Response, WebError> {
    let body = render(
        page,
        &PeopleQuery::default(),
        Some(Outcome::Refused(problems)),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

async fn render(
    page: &Page,
    query: &PeopleQuery,
    outcome: Option<Outcome>,
) -> Result<Markup, WebError> {
    let filter = query.filter();
    let people = page
        .bot
        .people_page(&page.viewer.org, &filter, query.page())
        .await
        .map_err(|e| WebError::internal(page, e))?;
    Ok(frame(
        page,
        Section::Org,
        html! {
            @if let Some(outcome) = &outcome {
                (banner(page, outcome))
            }
            (upload_form(page))
            h2 #people { (page.t("web-admin-people-title", &[])) }
            p {
                (page.t("web-admin-linked-of", &[
                    ("linked", people.whole_org.active_linked.into()),
                    ("active", people.whole_org.active.into()),
                ]))
            }
            (filter_form(page, &filter))
            @if filter != RosterFilter::default() {
                p { (page.t("web-admin-people-matching", &[("count", people.matching.people.into())])) }
            }
            (people_table(page, &people))
            (pager(page, &filter, &people.paging))
        },
    ))
}

fn banner(page: &Page, outcome: &Outcome) -> Markup {
    match outcome {
        Outcome::Imported(summary) => html! {
            p.ok role="status" {
                (page.t("web-admin-import-done", &[
                    ("people", (summary.created + summary.updated).into()),
                    ("created", summary.created.into()),
                    ("updated", summary.updated.into()),
                    ("departments", summary.departments.into()),
                ]))
            }
        },
        Outcome::Refused(problems) => html! {
            div.errors role="alert" {
                p { strong { (page.t("web-admin-import-failed", &[("count", problems.len().into())])) } }
                ul {
                    @for problem in problems { li { (problem) } }
                }
            }
        },
    }
}

fn upload_form(page: &Page) -> Markup {
    html! {
        h2 { (page.t("web-admin-import-title", &[])) }
        p #import-help {
            (page.t("web-admin-import-lead", &[]))
            " "
            code { "email,name,department,manager_email,timezone,locale,admin,active" }
        }
        form.upload method="post" action="/web/admin/org" enctype="multipart/form-data" {
            (page.csrf_field())
            label for="org-file" { (page.t("web-admin-import-file", &[])) }
            input #org-file type="file" name="file" accept=".csv,text/csv"
                required aria-describedby="import-help";
            " "
            button.primary type="submit" { (page.t("web-admin-import-button", &[])) }
        }
    }
}
