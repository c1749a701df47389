//! A team's rounds as CSV: one row per round with the figures its page shows. A round the k
//! rule hides says so in `status` and has no number in any column.

use crate::bot::{ReportRound, TeamReport};
use crate::core::digest::TeamRound;

/// The status of a round, as `ambassador export` writes it.
fn status(figures: &TeamRound) -> &'static str {
    match figures {
        TeamRound::Shown { .. } => "shown",
        TeamRound::RolledUp { .. } => "rolled-up",
        TeamRound::Suppressed => "suppressed",
        TeamRound::NotAsked => "not-asked",
    }
}

/// Text as a spreadsheet will not run it: a cell starting with `=`, `+`, `-`, `@` or a
/// control character would be read as a formula, so it gets a leading apostrophe.
fn inert(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn number(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(String::new, |v| format!("{v:.decimals$}"))
}

fn row(round: &ReportRound, report: &TeamReport) -> Vec<String> {
    let mut cells = vec![
        round.label.clone(),
        round.date.clone(),
        status(&round.figures).to_string(),
        round.rolled_into.as_deref().map(inert).unwrap_or_default(),
    ];
    match &round.figures {
        TeamRound::Shown {
            score,
            drivers,
            enps,
            invited,
            responded,
            ..
        } => {
            let rate = 100.0 * *responded as f64 / (*invited).max(1) as f64;
            cells.extend([
                number(Some(*score), 2),
                number(Some(rate), 1),
                invited.to_string(),
                responded.to_string(),
                number(*enps, 0),
            ]);
            cells.extend(
                report
                    .drivers
                    .iter()
                    .map(|d| number(drivers.get(d).map(|s| s.mean), 2)),
            );
        }
        _ => cells.extend(std::iter::repeat_n(String::new(), 5 + report.drivers.len())),
    }
    cells
}

/// The CSV text of a team's rounds, oldest first.
pub(super) fn rounds_csv(report: &TeamReport) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec![
        "round",
        "opened",
        "status",
        "included_in",
        "score",
        "response_rate_percent",
        "invited",
        "responded",
        "enps",
    ];
    header.extend(report.drivers.iter().map(|d| d.as_str()));
    out.write_record(&header)?;
    for round in &report.rounds {
        out.write_record(row(round, report))?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::core::pulse::Driver;
    use crate::core::pulse::results::Summary;

    fn report(rounds: Vec<ReportRound>) -> TeamReport {
        TeamReport {
            team: 3,
            name: "Support".into(),
            min_group_size: 5,
            rounds,
            drivers: vec![Driver::Peers, Driver::Growth],
            drops: vec![],
            kudos: vec![],
            more_kudos: false,
            kudos_since: "2026-11-01".into(),
            kudos_days: 28,
            values: vec![],
            recognition_matrix: vec![],
            narrative: None,
            comments: vec![],
            sub_teams: vec![],
        }
    }

    fn summary(mean: f64) -> Summary {
        Summary {
            n: 6,
            mean,
            sd: 0.5,
        }
    }

    fn round(label: &str, figures: TeamRound, into: Option<&str>) -> ReportRound {
        ReportRound {
            label: label.into(),
            date: "2026-11-23".into(),
            figures,
            rolled_into: into.map(str::to_string),
        }
    }

    #[test]
    fn a_shown_round_has_its_figures_and_a_hidden_one_none() {
        // Arrange
        let shown = TeamRound::Shown {
            score: 3.876,
            engagement: summary(3.9),
            drivers: BTreeMap::from([(Driver::Peers, summary(4.25))]),
            enps: Some(-20.0),
            distributions: BTreeMap::new(),
            invited: 6,
            responded: 5,
        };
        let rounds = vec![
            round("W47", shown, None),
            round(
                "W48",
                TeamRound::RolledUp { into: None },
                Some("=Operations"),
            ),
        ];

        // Act
        let text = rounds_csv(&report(rounds)).expect("csv");

        // Assert
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "round,opened,status,included_in,score,response_rate_percent,invited,responded,enps,peers,growth"
        );
        assert_eq!(
            lines[1], "W47,2026-11-23,shown,,3.88,83.3,6,5,-20,4.25,",
            "growth was not asked"
        );
        assert_eq!(lines[2], "W48,2026-11-23,rolled-up,'=Operations,,,,,,,");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn a_spreadsheet_formula_is_written_as_text() {
        assert_eq!(inert("=1+1"), "'=1+1");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("Operations"), "Operations");
    }
}
