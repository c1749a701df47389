//! Closing a round: results computed once, then every link to a person erased.

use std::collections::BTreeMap;

use crate::bot::Bot;
use crate::core::pulse::results::{ClosingAnswer, totals};
use crate::store::ResultRow;

impl Bot {
    /// Closes a round (idempotent): stops answers, stores the results and participation,
    /// erases the round secret and the respondent keys.
    pub async fn close_pulse_round(&self, round_id: i64) -> anyhow::Result<bool> {
        let closed = self
            .db()
            .close_round(round_id, &|answers: &[crate::store::ClosingAnswer]| {
                let view: Vec<ClosingAnswer<'_>> = answers
                    .iter()
                    .map(|a| ClosingAnswer {
                        department: a.department_id,
                        driver: &a.driver,
                        value: a.value,
                        respondent: a.respondent_key.as_deref(),
                    })
                    .collect();
                totals(&view)
                    .into_iter()
                    .map(|t| ResultRow {
                        round_id,
                        department_id: t.department,
                        series: t.series,
                        n: t.n,
                        total: t.total,
                        total_sq: t.total_sq,
                        distribution: serde_json::to_string(
                            &t.distribution
                                .iter()
                                .map(|(k, v)| (k.to_string(), *v))
                                .collect::<BTreeMap<_, _>>(),
                        )
                        .unwrap_or_else(|_| "{}".into()),
                    })
                    .collect()
            })
            .await?;
        if closed {
            metrics::counter!("ambassador_pulse_rounds_closed_total").increment(1);
        }
        // Also when the round was closed earlier: a retried job finishes the alerting, and an
        // alert is raised once however often this runs.
        let round = self.db().round(round_id).await?;
        let org = self.db().org(round.org).await?;
        self.detect_drops(&org).await?;
        Ok(closed)
    }
}
