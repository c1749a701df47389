//! `/web/admin/`: the headline numbers, what each admin page is for, and the export form.

use maud::{Markup, html};

use super::{Admin, Section, frame};
use crate::web::WebError;

/// `GET /web/admin/`.
pub(super) async fn page(Admin(page): Admin) -> Result<Markup, WebError> {
    let figures = page
        .bot
        .admin_overview(&page.viewer.org)
        .await
        .map_err(|e| WebError::internal(&page, e))?;
    let people = figures.people;
    let version = match figures.narrative_version {
        Some(v) => page.t("web-admin-overview-version", &[("version", v.into())]),
        None => page.t("web-admin-overview-no-narrative", &[]),
    };
    let pages = [
        (Section::Org, page.t("web-admin-overview-org", &[])),
        (
            Section::Narrative,
            page.t("web-admin-overview-narrative", &[]),
        ),
        (
            Section::Questions,
            page.t("web-admin-overview-questions", &[]),
        ),
        (
            Section::Settings,
            page.t("web-admin-overview-settings", &[]),
        ),
        (
            Section::Platforms,
            page.t("web-admin-overview-platforms", &[]),
        ),
    ];
    Ok(frame(
        &page,
        Section::Overview,
        html! {
            h2 { (page.t("web-admin-overview-figures", &[])) }
            dl.fields.figures {
                div {
                    dt { (page.t("web-admin-overview-people", &[])) }
                    dd { (page.t("web-admin-linked-of", &[
                        ("linked", people.active_linked.into()),
                        ("active", people.active.into()),
                    ])) }
                }
                div {
                    dt { (page.t("web-admin-overview-narrative-label", &[])) }
                    dd { (version) }
                }
                div {
                    dt { (page.t("web-admin-overview-outbox", &[])) }
                    dd { (page.t("web-admin-overview-outbox-waiting", &[("count", figures.outbox_waiting.into())])) }
                }
            }
            h2 { (page.t("web-admin-overview-pages", &[])) }
            ul.admin-pages {
                @for (section, about) in pages {
                    li {
                        a href=(section.path()) { (section.title(&page)) }
                        ": " (about)
                    }
                }
            }
            h2 #export { (page.t("web-admin-export-title", &[])) }
            p { (page.t("web-admin-export-lead", &[])) }
            form.export method="get" action="/web/admin/export.csv" {
                div.field {
                    label for="export-from" { (page.t("web-admin-export-from", &[])) }
                    input #export-from type="date" name="from";
                }
                div.field {
                    label for="export-to" { (page.t("web-admin-export-to", &[])) }
                    input #export-to type="date" name="to";
                }
                button.primary type="submit" { (page.t("web-admin-export-button", &[])) }
            }
        },
    ))
}
