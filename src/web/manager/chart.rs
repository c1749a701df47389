//! Line charts over the rounds as inline SVG, drawn on the server: readable without JavaScript,
//! sharp at any size, and allowed by the page's Content-Security-Policy (presentation
//! attributes only, no `style`).
//!
//! Rounds hidden by the k rule leave a gap in the line and a grey column behind it, so the
//! chart never joins two figures across a round nobody may see. The chart is one image to
//! assistive technology (`role="img"` with a sentence saying what it shows); the tables beside
//! it carry every figure as text, and the sentence is written under the chart for everyone.

use maud::{Markup, html};

use crate::chart::{labelled_rounds, runs};

/// The drawing's size in SVG units; it scales to the page's width.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
/// Room for the value axis on the left and round labels below.
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;
/// Roughly how wide a round label is, in SVG units.
const LABEL_SLOT: u32 = 44;

/// Colours, as in the stylesheet: the accent for the line, muted ink for text, the rule
/// colour for the grid, and a wash for hidden rounds.
const LINE: &str = "#0b5cad";
const INK: &str = "#4a5360";
const GRID: &str = "#d5dae1";
const HIDDEN: &str = "#e3e7ec";

/// One series over the rounds.
pub(super) struct LineChart<'a> {
    /// What the chart shows, in a sentence (its accessible name).
    pub summary: String,
    /// Round labels, oldest first.
    pub rounds: &'a [String],
    /// The value per round; `None` where there is none to show.
    pub values: Vec<Option<f64>>,
    /// Which rounds the k rule hides (a grey column).
    pub hidden: Vec<bool>,
    /// The value axis, bottom to top.
    pub range: (f64, f64),
    /// Where the value axis is labelled.
    pub ticks: Vec<f64>,
    /// How a tick is written.
    pub format: fn(f64) -> String,
}

/// Where things go on the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    rounds: usize,
    range: (f64, f64),
}

impl Frame {
    fn slot(&self) -> f64 {
        (WIDTH - LEFT - RIGHT) / self.rounds.max(1) as f64
    }

    /// The horizontal centre of round `i`.
    fn x(&self, i: f64) -> f64 {
        LEFT + (i + 0.5) * self.slot()
    }

    /// The height of value `v`, clamped to the plot.
    fn y(&self, v: f64) -> f64 {
        let (low, high) = self.range;
        let share = if high > low {
            ((v - low) / (high - low)).clamp(0.0, 1.0)
        } else {
            0.5
        };
        TOP + (1.0 - share) * (HEIGHT - TOP - BOTTOM)
    }
}

/// A polyline's `points` attribute.
fn polyline_points(frame: &Frame, run: &[(f64, f64)]) -> String {
    run.iter()
        .map(|(i, v)| format!("{:.1},{:.1}", frame.x(*i), frame.y(*v)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chart as an inline `<svg>`.
pub(super) fn line_chart(chart: &LineChart<'_>) -> Markup {
    let frame = Frame {
        rounds: chart.rounds.len(),
        range: chart.range,
    };
    let bottom = HEIGHT - BOTTOM;
    let labelled = labelled_rounds(
        chart.rounds.len(),
        (WIDTH - LEFT - RIGHT) as u32,
        LABEL_SLOT,
    );
    let lines = runs(&chart.values);
    html! {
        div.chart {
            svg viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } width="100%" role="img"
                aria-label=(chart.summary) xmlns="http://www.w3.org/2000/svg" {
                title { (chart.summary) }
                @for (i, hidden) in chart.hidden.iter().enumerate() {
                    @if *hidden {
                        rect x=(format!("{:.1}", frame.x(i as f64) - frame.slot() / 2.0))
                            y=(TOP) width=(format!("{:.1}", frame.slot()))
                            height=(bottom - TOP) fill=(HIDDEN) {}
                    }
                }
                @for tick in &chart.ticks {
                    line x1=(LEFT) x2=(WIDTH - RIGHT) y1=(format!("{:.1}", frame.y(*tick)))
                        y2=(format!("{:.1}", frame.y(*tick))) stroke=(GRID) stroke-width="1" {}
                    text x=(LEFT - 6.0) y=(format!("{:.1}", frame.y(*tick) + 4.0))
                        font-size="12" text-anchor="end" fill=(INK) { ((chart.format)(*tick)) }
                }
                @for run in &lines {
                    @if run.len() > 1 {
                        polyline points=(polyline_points(&frame, run)) fill="none"
                            stroke=(LINE) stroke-width="2" {}
                    }
                    @for (i, v) in run {
                        circle cx=(format!("{:.1}", frame.x(*i))) cy=(format!("{:.1}", frame.y(*v)))
                            r="3" fill=(LINE) {}
                    }
                }
                // Every other round label is `minor`: a phone's stylesheet drops those and
                // draws the rest larger, so the text stays readable when the drawing shrinks.
                @for (n, i) in labelled.iter().rev().enumerate() {
                    @if let Some(label) = chart.rounds.get(*i as usize) {
                        text x=(format!("{:.1}", frame.x(*i))) y=(HEIGHT - 10.0)
                            font-size="12" text-anchor="middle" fill=(INK)
                            class=(if n % 2 == 1 { "minor" } else { "major" }) { (label) }
                    }
                }
            }
            // The same sentence for everyone: the latest, lowest and highest at a glance.
            p.chart-summary { (chart.summary) }
        }
    }
}

/// A score on 1-5: `3.5`.
pub(super) fn score_tick(v: f64) -> String {
    format!("{v:.1}")
}

/// A share: `50%`.
pub(super) fn percent_tick(v: f64) -> String {
    format!("{v:.0}%")
}

/// An eNPS: `+20`, `0`, `-40`.
pub(super) fn enps_tick(v: f64) -> String {
    if v.abs() < 0.5 {
        "0".to_string()
    } else {
        format!("{v:+.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: Vec<Option<f64>>) -> Markup {
        let labels: Vec<String> = (1..=values.len()).map(|w| format!("W{w:02}")).collect();
        let hidden = values.iter().map(Option::is_none).collect();
        line_chart(&LineChart {
            summary: "Engagement over 4 rounds".into(),
            rounds: &labels,
            values,
            hidden,
            range: (1.0, 5.0),
            ticks: vec![1.0, 3.0, 5.0],
            format: score_tick,
        })
    }

    #[test]
    fn the_value_axis_runs_bottom_to_top_and_clamps() {
        let f = Frame {
            rounds: 4,
            range: (1.0, 5.0),
        };
        assert_eq!(f.y(5.0), TOP);
        assert_eq!(f.y(1.0), HEIGHT - BOTTOM);
        assert_eq!(f.y(9.0), TOP, "above the range sits on the top edge");
        assert_eq!(f.y(-3.0), HEIGHT - BOTTOM);
        assert!(f.y(3.0) > f.y(4.0), "a higher value is drawn higher");
    }

    #[test]
    fn rounds_are_centred_in_equal_slots() {
        let f = Frame {
            rounds: 4,
            range: (0.0, 1.0),
        };
        let slot = (WIDTH - LEFT - RIGHT) / 4.0;
        assert_eq!(f.x(0.0), LEFT + slot / 2.0);
        assert!((f.x(3.0) - (WIDTH - RIGHT - slot / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn a_hidden_round_breaks_the_line_and_is_greyed() {
        let svg = chart(vec![Some(4.0), Some(3.5), None, Some(3.0)]).into_string();
        // One line for the two first rounds, a lone point after the gap: never a line across.
        assert_eq!(svg.matches("<polyline").count(), 1, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert_eq!(svg.matches(&format!("fill=\"{HIDDEN}\"")).count(), 1);
    }

    #[test]
    fn the_svg_is_an_image_with_a_name_and_no_style_attribute() {
        let svg = chart(vec![Some(4.0), Some(3.5)]).into_string();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"Engagement over 4 rounds\""));
        assert!(svg.contains("viewBox=\"0 0 720 240\""));
        assert!(
            !svg.contains("style="),
            "the CSP forbids inline styles: {svg}"
        );
        // Elements are closed explicitly: `<line …>` unclosed would swallow what follows.
        assert_eq!(svg.matches("<line").count(), svg.matches("</line>").count());
    }

    #[test]
    fn ticks_read_as_people_write_them() {
        assert_eq!(score_tick(3.0), "3.0");
        assert_eq!(percent_tick(75.0), "75%");
        assert_eq!(enps_tick(20.0), "+20");
        assert_eq!(enps_tick(-40.0), "-40");
        assert_eq!(enps_tick(0.2), "0");
    }
}
