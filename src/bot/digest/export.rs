//! `ambassador export`: the aggregates per team, series and round, with the same k rule as
//! every report, for people who analyse them elsewhere.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::bot::Bot;
use crate::core::digest::{DepartmentNode, ORG, TeamRound, team_histories};
use crate::core::directory::Org;
use crate::core::pulse::Driver;

/// The `team` of the organisation-wide rows.
pub const WHOLE_ORGANISATION: &str = "(whole organisation)";

/// One exported figure. Groups that may not be shown appear with their status and no numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRow {
    /// The round's id.
    pub round: i64,
    /// When the round opened (UTC, RFC 3339).
    pub opened: String,
    /// The department path, e.g. `Operations/Support`.
    pub team: String,
    /// `engagement`, `response-rate`, `enps` or a driver name.
    pub series: String,
    /// `shown`, `rolled-up`, `suppressed` or `not-asked`.
    pub status: String,
    /// Answers (respondents for engagement and response rate); empty unless shown.
    pub n: Option<i64>,
    /// The mean (the percentage for response rate, the score for eNPS); empty unless shown.
    pub value: Option<f64>,
    /// The standard deviation; empty unless shown.
    pub sd: Option<f64>,
    /// How many gave each answer, as JSON `{"1": 0, "2": 3, …}` (drivers and eNPS); empty
    /// unless shown.
    pub distribution: Option<String>,
}

impl Bot {
    /// Every team's figures in rounds that opened between `from` and `to`.
    pub async fn export_rows(
        &self,
        org: &Org,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> anyhow::Result<Vec<ExportRow>> {
        let store = self.db();
        let departments = store.departments(org.id).await?;
        let nodes: Vec<DepartmentNode> = departments.iter().map(DepartmentNode::from).collect();
        let all = self
            .closed_rounds(org, to.unwrap_or_else(|| self.now()), usize::MAX)
            .await?;
        let rounds: Vec<_> = all
            .into_iter()
            .filter(|r| from.is_none_or(|f| r.opened >= f))
            .collect();
        let teams: Vec<i64> = std::iter::once(ORG)
            .chain(nodes.iter().map(|n| n.id))
            .collect();
        let histories = team_histories(&nodes, &rounds, &teams, self.config().min_group_size);
        let mut rows = Vec::new();
        for h in &histories {
            let path = departments
                .iter()
                .find(|d| d.id.0 == h.department)
                .map(|d| d.path.clone())
                .unwrap_or_else(|| WHOLE_ORGANISATION.to_string());
            for (round, figures) in rounds.iter().zip(&h.rounds) {
                let base = |series: &str, status: &str| ExportRow {
                    round: round.round_id,
                    opened: round.opened.to_rfc3339(),
                    team: path.clone(),
                    series: series.to_string(),
                    status: status.to_string(),
                    n: None,
                    value: None,
                    sd: None,
                    distribution: None,
                };
                match figures {
                    TeamRound::Shown {
                        score,
                        engagement,
                        drivers,
                        enps,
                        distributions,
                        invited,
                        responded,
                    } => {
                        let dist = |d: &Driver| {
                            distributions
                                .get(d)
                                .and_then(|m| serde_json::to_string(m).ok())
                        };
                        rows.push(ExportRow {
                            n: Some(engagement.n),
                            value: Some(*score),
                            sd: Some(engagement.sd),
                            ..base("engagement", "shown")
                        });
                        rows.push(ExportRow {
                            n: Some(*invited),
                            value: Some(100.0 * *responded as f64 / (*invited).max(1) as f64),
                            ..base("response-rate", "shown")
                        });
                        if let Some(e) = enps {
                            rows.push(ExportRow {
                                value: Some(*e),
                                distribution: dist(&Driver::Enps),
                                ..base("enps", "shown")
                            });
                        }
                        for (driver, s) in drivers {
                            rows.push(ExportRow {
                                n: Some(s.n),
                                value: Some(s.mean),
                                sd: Some(s.sd),
                                distribution: dist(driver),
                                ..base(driver.as_str(), "shown")
                            });
                        }
                    }
                    TeamRound::RolledUp { .. } => rows.push(base("engagement", "rolled-up")),
                    TeamRound::Suppressed => rows.push(base("engagement", "suppressed")),
                    TeamRound::NotAsked => {}
                }
            }
        }
        Ok(rows)
    }
}
