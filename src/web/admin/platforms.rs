//! `/web/admin/platforms`: the connections (the workspaces, tenants and guilds the bot is
//! installed in, per platform) and the relay's backlog: what waits to go out, what waits to
//! be processed, and what was given up on lately.

use chrono::{DateTime, Duration, Utc};
use maud::{Markup, html};

use super::{Admin, Section, frame, yes_no};
use crate::bot::{BACKLOG_FAILED_DAYS, PlatformStatus};
use crate::web::layout::{RegionName, scroll_region};
use crate::web::{Page, WebError};

/// A waiting time, rounded for reading: under an hour in minutes, under two days in hours,
/// else in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Age {
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

impl Age {
    fn of(waited: Duration) -> Age {
        let minutes = waited.num_minutes().max(0);
        if minutes < 60 {
            Age::Minutes(minutes)
        } else if minutes < 48 * 60 {
            Age::Hours(minutes / 60)
        } else {
            Age::Days(minutes / (24 * 60))
        }
    }
}

fn age(page: &Page, since: Option<DateTime<Utc>>) -> String {
    let Some(since) = since else {
        return "—".to_string();
    };
    match Age::of(page.bot.now() - since) {
        Age::Minutes(n) => page.t("web-admin-age-minutes", &[("count", n.into())]),
        Age::Hours(n) => page.t("web-admin-age-hours", &[("count", n.into())]),
        Age::Days(n) => page.t("web-admin-age-days", &[("count", n.into())]),
    }
}

/// `GET /web/admin/platforms`.
pub(super) async fn page(Admin(page): Admin) -> Result<Markup, WebError> {
    let platforms = page
        .bot
        .platform_status()
        .await
        .map_err(|e| WebError::internal(&page, e))?;
    Ok(frame(
        &page,
        Section::Platforms,
        html! {
            h2 #connections { (page.t("web-admin-platforms-connections", &[])) }
            p { (page.t("web-admin-platforms-connections-lead", &[])) }
            (connections(&page, &platforms))
            h2 #backlog { (page.t("web-admin-platforms-backlog", &[])) }
            p { (page.t("web-admin-platforms-backlog-lead", &[("days", BACKLOG_FAILED_DAYS.into())])) }
            (backlog(&page, &platforms))
        },
    ))
}

fn connections(page: &Page, platforms: &[PlatformStatus]) -> Markup {
    html! {
        (scroll_region(RegionName::LabelledBy("connections"), html! {
            table.connections aria-labelledby="connections" {
                thead {
                    tr {
                        th scope="col" { (page.t("web-admin-platforms-platform", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-org", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-org-id", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-zone", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-served", &[])) }
                    }
                }
                tbody {
                    @for p in platforms {
                        @if p.orgs.is_empty() {
                            tr {
                                th scope="row" { (p.platform) }
                                td colspan="3" { (page.t("web-admin-platforms-no-orgs", &[])) }
                                td { (yes_no(page, p.served_here)) }
                            }
                        }
                        @for org in &p.orgs {
                            tr {
                                th scope="row" { (p.platform) }
                                td { (org.name) }
                                td { code { (org.platform_org_id) } }
                                td { (org.timezone.name()) ", " (org.locale.code()) }
                                td { (yes_no(page, p.served_here)) }
                            }
                        }
                    }
                }
            }
        }))
    }
}

fn backlog(page: &Page, platforms: &[PlatformStatus]) -> Markup {
    html! {
        (scroll_region(RegionName::LabelledBy("backlog"), html! {
            table.backlog aria-labelledby="backlog" {
                thead {
                    tr {
                        th scope="col" { (page.t("web-admin-platforms-platform", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-outbox-waiting", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-oldest", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-outbox-failed", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-inbox-waiting", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-oldest", &[])) }
                        th scope="col" { (page.t("web-admin-platforms-inbox-failed", &[])) }
                    }
                }
                tbody {
                    @for p in platforms {
                        @let b = &p.backlog;
                        tr {
                            th scope="row" { (p.platform) }
                            td.num { (b.outbox_waiting) }
                            td { (age(page, b.outbox_oldest)) }
                            td.num.bad[b.outbox_failed > 0] { (b.outbox_failed) }
                            td.num { (b.inbox_waiting) }
                            td { (age(page, b.inbox_oldest)) }
                            td.num.bad[b.inbox_failed > 0] { (b.inbox_failed) }
                        }
                    }
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_times_read_in_minutes_hours_or_days() {
        assert_eq!(Age::of(Duration::seconds(30)), Age::Minutes(0));
        assert_eq!(Age::of(Duration::minutes(59)), Age::Minutes(59));
        assert_eq!(Age::of(Duration::minutes(60)), Age::Hours(1));
        assert_eq!(Age::of(Duration::hours(47)), Age::Hours(47));
        assert_eq!(Age::of(Duration::hours(49)), Age::Days(2));
        assert_eq!(
            Age::of(Duration::minutes(-5)),
            Age::Minutes(0),
            "a clock skew is no wait"
        );
    }
}
