//! A team's figures round by round: the score, response rate and eNPS as charts, and a table
//! with every figure as text (what the charts show, for people who cannot see them).

use maud::{Markup, html};

use super::chart::{LineChart, enps_tick, line_chart, percent_tick, score_tick};
use crate::bot::{ReportRound, TeamReport};
use crate::core::digest::TeamRound;
use crate::web::Page;
use crate::web::layout::{RegionName, scroll_region};

/// Response rate in percent.
pub(super) fn response_rate(invited: i64, responded: i64) -> f64 {
    100.0 * responded as f64 / invited.max(1) as f64
}

fn score(r: &ReportRound) -> Option<f64> {
    match r.figures {
        TeamRound::Shown { score, .. } => Some(score),
        _ => None,
    }
}

fn rate(r: &ReportRound) -> Option<f64> {
    match r.figures {
        TeamRound::Shown {
            invited, responded, ..
        } => Some(response_rate(invited, responded)),
        _ => None,
    }
}

fn enps(r: &ReportRound) -> Option<f64> {
    match r.figures {
        TeamRound::Shown { enps, .. } => enps,
        _ => None,
    }
}

/// Whether the k rule hides the team in a round.
fn hidden(r: &ReportRound) -> bool {
    matches!(
        r.figures,
        TeamRound::RolledUp { .. } | TeamRound::Suppressed
    )
}

/// Why a round has no figures, in the person's language; `None` when it has them.
pub(super) fn hidden_note(
    page: &Page,
    figures: &TeamRound,
    into: Option<&str>,
    k: u32,
) -> Option<String> {
    Some(match (figures, into) {
        (TeamRound::Shown { .. }, _) => return None,
        (TeamRound::RolledUp { .. }, Some(parent)) => page.t(
            "web-team-rolled-up",
            &[("k", k.into()), ("parent", parent.to_string().into())],
        ),
        (TeamRound::RolledUp { .. }, None) => {
            page.t("web-team-rolled-up-nowhere", &[("k", k.into())])
        }
        (TeamRound::Suppressed, _) => page.t("web-team-suppressed", &[]),
        (TeamRound::NotAsked, _) => page.t("web-team-not-asked", &[]),
    })
}

/// The sentence that names a chart: latest, lowest and highest values, and how many rounds
/// are hidden.
fn summary(
    page: &Page,
    key_series: &str,
    report: &TeamReport,
    values: &[Option<f64>],
    format: fn(f64) -> String,
) -> String {
    let shown: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    let hidden = report.rounds.iter().filter(|r| hidden(r)).count();
    let (Some(&(last_i, last)), Some(low), Some(high)) = (
        shown.last(),
        shown.iter().map(|s| s.1).reduce(f64::min),
        shown.iter().map(|s| s.1).reduce(f64::max),
    ) else {
        return page.t(
            "web-team-chart-empty",
            &[
                ("series", key_series.to_string().into()),
                ("count", report.rounds.len().into()),
            ],
        );
    };
    page.t(
        "web-team-chart-summary",
        &[
            ("series", key_series.to_string().into()),
            ("count", report.rounds.len().into()),
            ("latest", format(last).into()),
            (
                "round",
                report
                    .rounds
                    .get(last_i)
                    .map(|r| r.label.clone())
                    .unwrap_or_default()
                    .into(),
            ),
            ("low", format(low).into()),
            ("high", format(high).into()),
            ("hidden", hidden.into()),
        ],
    )
}

/// The engagement score's section body: its chart.
pub(super) fn score_chart(page: &Page, report: &TeamReport, labels: &[String]) -> Markup {
    let values: Vec<Option<f64>> = report.rounds.iter().map(score).collect();
    let name = page.bot.series_label(page.locale, "engagement");
    line_chart(&LineChart {
        summary: summary(page, &name, report, &values, two_decimals),
        rounds: labels,
        values,
        hidden: report.rounds.iter().map(hidden).collect(),
        range: (1.0, 5.0),
        ticks: vec![1.0, 2.0, 3.0, 4.0, 5.0],
        format: score_tick,
    })
}

/// Response rate and eNPS: a chart each (eNPS only when it was asked), then the table of
/// every round.
pub(super) fn participation(page: &Page, report: &TeamReport, labels: &[String]) -> Markup {
    let k = report.min_group_size;
    let rates: Vec<Option<f64>> = report.rounds.iter().map(rate).collect();
    let enps_values: Vec<Option<f64>> = report.rounds.iter().map(enps).collect();
    let rate_name = page.bot.series_label(page.locale, "response-rate");
    let enps_name = page.t("web-team-enps", &[]);
    let hidden_rounds: Vec<bool> = report.rounds.iter().map(hidden).collect();
    let caption = page.t(
        "web-team-rounds-caption",
        &[("count", report.rounds.len().into())],
    );
    html! {
        h3 { (rate_name) }
        (line_chart(&LineChart {
            summary: summary(page, &rate_name, report, &rates, percent_tick),
            rounds: labels,
            values: rates.clone(),
            hidden: hidden_rounds.clone(),
            range: (0.0, 100.0),
            ticks: vec![0.0, 25.0, 50.0, 75.0, 100.0],
            format: percent_tick,
        }))
        h3 { (enps_name) }
        @if enps_values.iter().any(Option::is_some) {
            p.note { (page.t("web-team-enps-note", &[])) }
            (line_chart(&LineChart {
                summary: summary(page, &enps_name, report, &enps_values, enps_tick),
                rounds: labels,
                values: enps_values,
                hidden: hidden_rounds,
                range: (-100.0, 100.0),
                ticks: vec![-100.0, -50.0, 0.0, 50.0, 100.0],
                format: enps_tick,
            }))
        } @else {
            p { (page.t("web-team-enps-none", &[("k", k.into())])) }
        }
        h3 #rounds { (page.t("web-team-rounds-title", &[])) }
        (scroll_region(RegionName::Label(&caption), html! {
            table.rounds {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (page.t("web-team-round", &[])) }
                        th scope="col" { (page.t("web-team-opened", &[])) }
                        th scope="col" class="num" { (page.bot.series_label(page.locale, "engagement")) }
                        th scope="col" class="num" { (rate_name) }
                        th scope="col" class="num" { (page.t("web-team-answered", &[])) }
                        th scope="col" class="num" { (enps_name) }
                    }
                }
                tbody {
                    @for r in report.rounds.iter().rev() {
                        tr {
                            th scope="row" { (r.label) }
                            td.nowrap { (r.date) }
                            @match &r.figures {
                                TeamRound::Shown { score, enps, invited, responded, .. } => {
                                    td.num { (two_decimals(*score)) }
                                    td.num { (percent_tick(response_rate(*invited, *responded))) }
                                    td.num { (responded) " / " (invited) }
                                    td.num { (enps.map(enps_tick).unwrap_or_else(|| "–".to_string())) }
                                }
                                other => {
                                    td colspan="4" class="hidden-round" {
                                        (hidden_note(page, other, r.rolled_into.as_deref(), k).unwrap_or_default())
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}

/// A score as the tables write it: `3.87`.
pub(super) fn two_decimals(v: f64) -> String {
    format!("{v:.2}")
}
