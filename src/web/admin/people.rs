//! The people table of `/web/admin/org`: who is in the directory, a page at a time, searched
//! by name or email, with whether each person is linked to a chat account.

use maud::{Markup, html};
use serde::Deserialize;

use super::yes_no;
use crate::bot::PeoplePage;
use crate::core::paging::Paging;
use crate::store::RosterFilter;
use crate::web::Page;
use crate::web::layout::{RegionName, scroll_region};

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
    pub(super) fn filter(&self) -> RosterFilter {
        RosterFilter {
            search: self.q.trim().to_string(),
            unlinked_only: !self.unlinked.is_empty() && self.unlinked != "0",
        }
    }

    pub(super) fn page(&self) -> u32 {
        self.page.trim().parse().unwrap_or(1)
    }
}
pub(super) fn filter_form(page: &Page, filter: &RosterFilter) -> Markup {
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

pub(super) fn people_table(page: &Page, people: &PeoplePage) -> Markup {
    let none = "—";
    html! {
        (scroll_region(RegionName::LabelledBy("people-caption"), html! {
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
        }))
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

pub(super) fn pager(page: &Page, filter: &RosterFilter, paging: &Paging) -> Markup {
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
