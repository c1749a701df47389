//! `/web/admin/org`: uploading the org chart (the rules of `ambassador org import`: every
//! problem listed with its line, nothing imported if there is any) and the people table, a
//! page at a time, with who is linked to a chat account.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::{Admin, Section, UPLOAD_LIMIT_BYTES, frame, yes_no};
use crate::bot::{ImportError, PeoplePage, describe_problem, import_org_chart};
use crate::core::paging::Paging;
use crate::store::{ImportSummary, RosterFilter};
use crate::web::{Page, WebError};

/// The people table's address: `?q=` searches names and emails, `?unlinked=1` keeps people
/// not linked to a chat account, `?page=` picks the page.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PeopleQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    unlinked: String,
    #[serde(default)]
    page: String,
}

impl PeopleQuery {
    fn filter(&self) -> RosterFilter {
        RosterFilter {
            search: self.q.trim().to_string(),
            unlinked_only: !self.unlinked.is_empty() && self.unlinked != "0",
        }
    }

    fn page(&self) -> u32 {
        self.page.trim().parse().unwrap_or(1)
    }
}

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

fn filter_form(page: &Page, filter: &RosterFilter) -> Markup {
    html! {
        form.filter method="get" action="/web/admin/org#people" role="search" {
            div.field {
                label for="people-q" { (page.t("web-admin-people-search", &[])) }
                input #people-q type="search" name="q" value=(filter.search);
            }
            div.check {
                input #people-unlinked type="checkbox" name="unlinked" value="1"
                    checked[filter.unlinked_only];
                label for="people-unlinked" { (page.t("web-admin-people-unlinked-only", &[])) }
            }
            button type="submit" { (page.t("web-admin-people-filter", &[])) }
            @if *filter != RosterFilter::default() {
                " "
                a href="/web/admin/org#people" { (page.t("web-admin-people-clear", &[])) }
            }
        }
    }
}

fn people_table(page: &Page, people: &PeoplePage) -> Markup {
    let none = "—";
    html! {
        div.table-wrap role="region" tabindex="0" aria-labelledby="people-caption" {
            table.people {
                caption #people-caption {
                    (page.t("web-admin-people-caption", &[
                        ("page", people.paging.page.into()),
                        ("pages", people.paging.pages.into()),
                    ]))
                }
                thead {
                    tr {
                        th scope="col" { (page.t("web-admin-people-name", &[])) }
                        th scope="col" { (page.t("web-admin-people-email", &[])) }
                        th scope="col" { (page.t("web-admin-people-department", &[])) }
                        th scope="col" { (page.t("web-admin-people-manager", &[])) }
                        th scope="col" { (page.t("web-admin-people-language", &[])) }
                        th scope="col" { (page.t("web-admin-people-admin", &[])) }
                        th scope="col" { (page.t("web-admin-people-active", &[])) }
                        th scope="col" { (page.t("web-admin-people-chat", &[])) }
                    }
                }
                tbody {
                    @for p in &people.entries {
                        tr {
                            th scope="row" { (p.display_name) }
                            td { (p.email) }
                            td { (p.department.as_deref().unwrap_or(none)) }
                            td { (p.manager.as_deref().unwrap_or(none)) }
                            td { (p.locale.code()) }
                            td { (yes_no(page, p.is_admin)) }
                            td { (yes_no(page, p.is_active)) }
                            @if p.linked {
                                td.good { (page.t("web-admin-people-linked", &[])) }
                            } @else {
                                td.bad { (page.t("web-admin-people-not-linked", &[])) }
                            }
                        }
                    }
                    @if people.entries.is_empty() {
                        tr { td colspan="8" { (page.t("web-admin-people-none", &[])) } }
                    }
                }
            }
        }
    }
}

/// The address of page `n` of the same filter.
fn page_link(filter: &RosterFilter, n: u32) -> String {
    let mut params: Vec<(&str, String)> = Vec::new();
    if !filter.search.is_empty() {
        params.push(("q", filter.search.clone()));
    }
    if filter.unlinked_only {
        params.push(("unlinked", "1".into()));
    }
    params.push(("page", n.to_string()));
    let query = serde_urlencoded::to_string(&params).unwrap_or_default();
    format!("/web/admin/org?{query}#people")
}

fn pager(page: &Page, filter: &RosterFilter, paging: &Paging) -> Markup {
    html! {
        @if paging.pages > 1 {
            nav.pager aria-label=(page.t("web-admin-pages-label", &[])) {
                ul {
                    @if let Some(previous) = paging.previous() {
                        li { a rel="prev" href=(page_link(filter, previous)) { (page.t("web-admin-page-previous", &[])) } }
                    }
                    li aria-current="page" {
                        (page.t("web-admin-page-of", &[
                            ("page", paging.page.into()),
                            ("pages", paging.pages.into()),
                        ]))
                    }
                    @if let Some(next) = paging.next() {
                        li { a rel="next" href=(page_link(filter, next)) { (page.t("web-admin-page-next", &[])) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filter_and_encode_the_search() {
        let filter = RosterFilter {
            search: "ana & co".into(),
            unlinked_only: true,
        };
        assert_eq!(
            page_link(&filter, 3),
            "/web/admin/org?q=ana+%26+co&unlinked=1&page=3#people"
        );
        assert_eq!(
            page_link(&RosterFilter::default(), 2),
            "/web/admin/org?page=2#people"
        );
    }

    #[test]
    fn the_address_reads_as_a_filter_and_a_page() {
        let query = PeopleQuery {
            q: "  eleni ".into(),
            unlinked: "1".into(),
            page: "x".into(),
        };
        assert_eq!(
            query.filter(),
            RosterFilter {
                search: "eleni".into(),
                unlinked_only: true
            }
        );
        assert_eq!(query.page(), 1, "a page that is not a number is the first");
        assert!(!PeopleQuery::default().filter().unlinked_only);
    }
}
