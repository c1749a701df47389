//! Each driver by round as a heat map: a table whose cells carry the value as text on a light
//! fill (dark ink stays readable on every fill), so colour is a help, never the only message.

use maud::{Markup, html};

use crate::bot::TeamReport;
use crate::core::digest::TeamRound;
use crate::core::pulse::Driver;
use crate::web::Page;
use crate::web::layout::{RegionName, scroll_region};

/// Where the fills change, on the 1-5 scale: below the first is level 1, from the last up
/// is level 5. Most teams sit between 3 and 4.5, so the steps are finest there.
const LEVELS: [f64; 4] = [2.5, 3.0, 3.5, 4.0];

/// The legend's text for each level, matching [`LEVELS`].
const LEGEND: [&str; 5] = ["< 2.5", "2.5–2.9", "3.0–3.4", "3.5–3.9", "≥ 4.0"];

/// The fill level (1 to 5) of a driver's average, for the `heat-N` classes of the stylesheet.
/// It goes by the value as the cell writes it (one decimal), so a cell reading `3.0` is never
/// filled as "2.5–2.9".
pub(super) fn heat_level(value: f64) -> u8 {
    let value = (value * 10.0).round() / 10.0;
    let above = LEVELS.iter().filter(|edge| value >= **edge).count();
    u8::try_from(above).unwrap_or(4) + 1
}

/// What one cell shows.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    /// The driver's average.
    Value(f64),
    /// The team is shown, but this driver was not asked (or too few answered it).
    NotAsked,
    /// The round is hidden for this team by the k rule.
    Hidden,
}

fn cell(round: &TeamRound, driver: Driver) -> Cell {
    match round {
        TeamRound::Shown { drivers, .. } => drivers
            .get(&driver)
            .map_or(Cell::NotAsked, |s| Cell::Value(s.mean)),
        TeamRound::NotAsked => Cell::NotAsked,
        TeamRound::RolledUp { .. } | TeamRound::Suppressed => Cell::Hidden,
    }
}

/// The heat map of a team's drivers over its rounds, newest first (on a phone the latest
/// rounds are what shows before scrolling), with its legend.
pub(super) fn heat_map(page: &Page, report: &TeamReport) -> Markup {
    let k = report.min_group_size;
    let caption = page.t(
        "web-team-heat-caption",
        &[("count", report.rounds.len().into())],
    );
    html! {
        @if report.drivers.is_empty() {
            p { (page.t("web-team-drivers-none", &[("k", k.into())])) }
        } @else {
            p { (page.t("web-team-heat-intro", &[])) }
            ul.heat-legend aria-label=(page.t("web-team-heat-legend", &[])) {
                @for (level, range) in LEGEND.iter().enumerate() {
                    li { span.swatch.(format!("heat-{}", level + 1)) { (range) } }
                }
                li { span.swatch.heat-none { "–" } " " (page.t("web-team-heat-not-asked", &[])) }
                li { span.swatch.heat-hidden { "×" } " " (page.t("web-team-heat-hidden", &[("k", k.into())])) }
            }
            (scroll_region(RegionName::Label(&caption), html! {
                table.heat {
                    caption { (caption) }
                    thead {
                        tr {
                            th scope="col" { (page.t("web-team-driver", &[])) }
                            @for r in report.rounds.iter().rev() {
                                th scope="col" { abbr title=(r.date) { (r.label) } }
                            }
                        }
                    }
                    tbody {
                        @for driver in &report.drivers {
                            tr {
                                th scope="row" { (page.bot.series_label(page.locale, driver.as_str())) }
                                @for r in report.rounds.iter().rev() {
                                    @match cell(&r.figures, *driver) {
                                        Cell::Value(v) => td.num.(format!("heat-{}", heat_level(v))) { (format!("{v:.1}")) },
                                        Cell::NotAsked => td.num.heat-none { "–" },
                                        Cell::Hidden => td.num.heat-hidden { "×" },
                                    }
                                }
                            }
                        }
                    }
                }
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_step_at_their_edges() {
        assert_eq!(heat_level(1.0), 1);
        assert_eq!(heat_level(2.44), 1);
        assert_eq!(heat_level(2.5), 2);
        assert_eq!(heat_level(2.96), 3, "written 3.0, filled as 3.0");
        assert_eq!(heat_level(3.2), 3);
        assert_eq!(heat_level(3.94), 4);
        assert_eq!(heat_level(4.0), 5);
        assert_eq!(heat_level(5.0), 5);
    }

    /// Relative luminance of `#rrggbb` (WCAG 2).
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn ink_on_every_heat_fill_meets_the_aa_contrast_for_text() {
        // The fills live in the stylesheet: read them from there, so a change to it is checked.
        let css = include_str!("../assets/style.css");
        let ink = "#1b1f24";
        let mut checked = 0;
        for class in [
            "heat-1",
            "heat-2",
            "heat-3",
            "heat-4",
            "heat-5",
            "heat-none",
            "heat-hidden",
        ] {
            let rule = css
                .split(&format!(".{class} {{"))
                .nth(1)
                .unwrap_or_else(|| panic!("no .{class} rule in style.css"));
            let fill = rule
                .split("background: ")
                .nth(1)
                .map(|r| &r[..7])
                .unwrap_or_else(|| panic!(".{class} has no background"));
            let ratio = contrast(fill, ink);
            assert!(ratio >= 4.5, ".{class} {fill}: {ratio:.2}");
            checked += 1;
        }
        assert_eq!(checked, 7);
    }

    #[test]
    fn a_hidden_round_shows_no_value_for_any_driver() {
        assert_eq!(
            cell(&TeamRound::RolledUp { into: None }, Driver::Peers),
            Cell::Hidden
        );
        assert_eq!(cell(&TeamRound::Suppressed, Driver::Growth), Cell::Hidden);
        assert_eq!(cell(&TeamRound::NotAsked, Driver::Growth), Cell::NotAsked);
    }
}
