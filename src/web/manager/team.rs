//! `/web/teams/{team}`: one team over the last 52 rounds, and its CSV.

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::drops::{self, Refused};
use super::{csv as rounds_csv, heatmap, rounds, team_href, team_of};
use crate::bot::TeamReport;
use crate::core::digest::ORG;
use crate::web::layout::{RegionName, scroll_region};
use crate::web::{Page, Signed, WebError};

/// The report of `team` for the signed-in person, or the 404 every other team gets.
pub(super) async fn report(page: &Page, team: i64) -> Result<TeamReport, WebError> {
    let viewer = &page.viewer;
    page.bot
        .team_report(&viewer.org, &viewer.person, team, page.bot.now())
        .await
        .map_err(|e| WebError::internal(page, e))?
        .ok_or_else(|| WebError::not_found(page))
}

/// What the address may add: the drop whose plan was just saved.
#[derive(Debug, Deserialize)]
pub(super) struct Shown {
    saved: Option<String>,
}

/// `GET /web/teams/{team}`.
pub(super) async fn page(
    Signed(page): Signed,
    Path(segment): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Markup, WebError> {
    let team = team_of(&segment).ok_or_else(|| WebError::not_found(&page))?;
    let report = report(&page, team).await?;
    let saved = shown.saved.and_then(|s| s.parse::<i64>().ok());
    Ok(render(&page, &report, saved, None))
}

/// `GET /web/teams/{team}/rounds.csv`: the rounds the page shows, one row each.
pub(super) async fn csv(
    Signed(page): Signed,
    Path(segment): Path<String>,
) -> Result<Response, WebError> {
    let team = team_of(&segment).ok_or_else(|| WebError::not_found(&page))?;
    let report = report(&page, team).await?;
    let body = rounds_csv::rounds_csv(&report).map_err(|e| WebError::internal(&page, e))?;
    let file = if team == ORG {
        "organisation-rounds.csv".to_string()
    } else {
        format!("team-{team}-rounds.csv")
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

/// The whole page; `saved` names a drop whose plan was just saved, `refused` a plan form to
/// show again with what to change.
pub(super) fn render(
    page: &Page,
    report: &TeamReport,
    saved: Option<i64>,
    refused: Option<&Refused>,
) -> Markup {
    let k = report.min_group_size;
    let labels: Vec<String> = report.rounds.iter().map(|r| r.label.clone()).collect();
    let href = team_href(report.team);
    let main = html! {
        p { a href="/web/teams/" { (page.t("web-team-back", &[])) } }
        p {
            (page.t("web-team-intro", &[("count", report.rounds.len().into()), ("k", k.into())]))
        }
        p { a.button href={ (href) "/rounds.csv" } download { (page.t("web-download-csv", &[])) } }

        section aria-labelledby="score" {
            h2 #score { (page.t("web-team-score-title", &[])) }
            @if report.rounds.is_empty() {
                p { (page.t("web-team-no-rounds", &[])) }
            } @else {
                (rounds::score_chart(page, report, &labels))
                p.note { (page.t("web-team-chart-hidden-note", &[("k", k.into())])) }
            }
        }
        @if !report.rounds.is_empty() {
            section aria-labelledby="drivers" {
                h2 #drivers { (page.t("web-team-drivers-title", &[])) }
                (heatmap::heat_map(page, report))
            }
            section aria-labelledby="participation" {
                h2 #participation { (page.t("web-team-participation-title", &[])) }
                (rounds::participation(page, report, &labels))
            }
        }
        section aria-labelledby="drops" {
            h2 #drops { (page.t("web-team-drops-title", &[])) }
            (drops::section(page, report.team, &report.drops, saved, refused))
        }
        (kudos(page, report))
        section aria-labelledby="narrative" {
            h2 #narrative { (page.t("web-team-narrative-title", &[])) }
            @match &report.narrative {
                Some(n) => p {
                    (page.t("web-team-narrative", &[
                        ("read", n.read.into()),
                        ("people", n.people.into()),
                        ("version", n.version.into()),
                    ]))
                },
                None => p { (page.t("web-team-narrative-none", &[])) },
            }
        }
        section aria-labelledby="comments" {
            h2 #comments { (page.t("web-team-comments-title", &[])) }
            @if report.comments.is_empty() {
                p { (page.t("web-team-comments-none", &[("k", k.into())])) }
            } @else {
                p.note { (page.t("web-team-comments-note", &[("k", k.into())])) }
                @for c in &report.comments {
                    blockquote { (c) }
                }
            }
        }
        @if !report.sub_teams.is_empty() {
            section aria-labelledby="sub-teams" {
                h2 #sub-teams { (page.t("web-team-sub-teams-title", &[])) }
                ul {
                    @for (id, name) in &report.sub_teams {
                        li { a href=(team_href(*id)) { (name) } }
                    }
                }
            }
        }
    };
    page.render(&report.name, main)
}

/// Kudos the team's people received, their values, and recognition between departments.
fn kudos(page: &Page, report: &TeamReport) -> Markup {
    let window = [
        ("days", report.kudos_days.into()),
        ("since", report.kudos_since.clone().into()),
    ];
    let kudos_caption = page.t("web-team-kudos-caption", &window);
    let matrix_caption = page.t("web-team-matrix-caption", &window);
    html! {
        section aria-labelledby="kudos" {
            h2 #kudos { (page.t("web-team-kudos-title", &[])) }
            p { (page.t("web-team-kudos-window", &[
                ("days", report.kudos_days.into()),
                ("since", report.kudos_since.clone().into()),
                ("count", report.kudos.len().into()),
            ])) }
            @if report.more_kudos {
                p.note { (page.t("web-team-kudos-more", &[("count", report.kudos.len().into())])) }
            }
            @if !report.values.is_empty() {
                h3 { (page.t("web-team-values-title", &[])) }
                ul.values {
                    @for (value, n) in &report.values {
                        li { "#" (value) " " span.muted { "× " (n) } }
                    }
                }
            }
            @if !report.kudos.is_empty() {
                (scroll_region(RegionName::Label(&kudos_caption), html! {
                    table.kudos {
                        caption { (kudos_caption) }
                        thead {
                            tr {
                                th scope="col" { (page.t("web-team-kudos-from", &[])) }
                                th scope="col" { (page.t("web-team-kudos-to", &[])) }
                                th scope="col" { (page.t("web-team-kudos-message", &[])) }
                                th scope="col" { (page.t("web-team-kudos-values", &[])) }
                            }
                        }
                        tbody {
                            @for k in &report.kudos {
                                tr {
                                    td { (k.from) }
                                    td { (k.to.join(", ")) }
                                    td { (k.message) }
                                    td { (k.values.iter().map(|v| format!("#{v}")).collect::<Vec<_>>().join(" ")) }
                                }
                            }
                        }
                    }
                }))
            }
        }
        section aria-labelledby="recognition" {
            h2 #recognition { (page.t("web-team-matrix-title", &[])) }
            @if report.recognition_matrix.is_empty() {
                p { (page.t("web-team-matrix-none", &window)) }
            } @else {
                (scroll_region(RegionName::Label(&matrix_caption), html! {
                    table.matrix {
                        caption { (matrix_caption) }
                        thead {
                            tr {
                                th scope="col" { (page.t("web-team-matrix-from", &[])) }
                                th scope="col" { (page.t("web-team-matrix-to", &[])) }
                                th scope="col" class="num" { (page.t("web-team-matrix-count", &[])) }
                            }
                        }
                        tbody {
                            @for (from, to, n) in &report.recognition_matrix {
                                tr {
                                    td { (from) }
                                    td { (to) }
                                    td.num { (n) }
                                }
                            }
                        }
                    }
                }))
            }
        }
    }
}
