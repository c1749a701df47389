//! Drop alerts: after each round closes, every team shown under the k rule is checked for a
//! sustained fall in its engagement, each driver, its response rate and the kudos it receives
//! (CUSUM charts, see `core::analytics::drift`), and its manager hears about a new one at once,
//! with a suggestion and a way to say what they will do.
//!
//! The engagement chart borrows the organisation's prior (every department's engagement rounds,
//! `core::analytics::drift::prior`), so a team can be alerted from its fourth round. An alert
//! goes to the lowest manager who can see the group (`core::digest::alert_recipient`); a fall
//! already flagged in a shown team below is not flagged again, on the same series, in the
//! groups above it, so it goes up the line only when the view below is hidden.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::bot::format::date;
use crate::bot::{Bot, Ctx, direct_to};
use crate::core::analytics::drift::{
    ChartParams, Decline, OrgPrior, RateRound, RoundStat, kudos_drop, mean_drop,
    mean_drop_with_prior, response_rate_drop,
};
use crate::core::digest::{
    ActionPlan, ActionPlanError, DepartmentNode, TeamHistory, TeamRound, alert_recipient, subtree,
    team_histories,
};
use crate::core::directory::{Org, Person};
use crate::core::locale::Locale;
use crate::core::message::{Block, Button, ButtonStyle, Message, RichText};
use crate::core::pulse::Driver;
use crate::store::{AlertRecord, NewAlert};

/// The action prefix of the "Plan an action" button; the alert id follows.
pub const ALERT_PLAN_ACTION: &str = "alert-plan:";

/// How many closed rounds the charts look back over.
const HISTORY_ROUNDS: usize = 30;

/// A fall found in one series of one team.
struct Found {
    series: String,
    decline: Decline,
}

impl Bot {
    /// Checks every team after a round closed and alerts managers of new drops. Idempotent:
    /// a fall is reported once however often this runs.
    pub async fn detect_drops(&self, org: &Org) -> anyhow::Result<usize> {
        let store = self.db();
        let now = self.now();
        let rounds = self.closed_rounds(org, now, HISTORY_ROUNDS).await?;
        let Some(last) = rounds.last() else {
            return Ok(0);
        };
        let departments = store.departments(org.id).await?;
        let nodes: Vec<DepartmentNode> = departments.iter().map(DepartmentNode::from).collect();
        let all: Vec<i64> = nodes.iter().map(|n| n.id).collect();
        let histories = team_histories(&nodes, &rounds, &all, self.config().min_group_size);
        // Kudos received per department and round window, counted once for all teams.
        let opened: Vec<DateTime<Utc>> = rounds.iter().map(|r| r.opened).collect();
        let mut kudos: HashMap<i64, Vec<u32>> = HashMap::new();
        for (dept, at) in store.kudos_received_times(org.id, rounds[0].opened).await? {
            let (Some(dept), Some(i)) = (dept, opened.partition_point(|o| *o <= at).checked_sub(1))
            else {
                continue;
            };
            kudos.entry(dept).or_insert_with(|| vec![0; rounds.len()])[i] += 1;
        }
        let engagement: Vec<Vec<RoundStat>> = histories.iter().map(engagement_stats).collect();
        let prior = OrgPrior::from_teams(engagement.iter().map(|s| s.as_slice()));
        // Every shown team's falls first, so a group above can see what its teams already show.
        let mut flagged: HashMap<i64, Vec<Found>> = HashMap::new();
        for history in &histories {
            // Never about a group under k: only teams shown in the round just closed.
            if !matches!(history.rounds.last(), Some(TeamRound::Shown { .. })) {
                continue;
            }
            let members = subtree(&nodes, history.department);
            let mut counts = vec![0u32; rounds.len()];
            for member in &members {
                if let Some(per_round) = kudos.get(member) {
                    for (c, k) in counts.iter_mut().zip(per_round) {
                        *c += k;
                    }
                }
            }
            let found = find_drops(history, &counts, prior.as_ref());
            if !found.is_empty() {
                flagged.insert(history.department, found);
            }
        }
        let mut sent = 0;
        for history in &histories {
            let Some(found) = flagged.get(&history.department) else {
                continue;
            };
            let Some(dept) = departments.iter().find(|d| d.id.0 == history.department) else {
                continue;
            };
            let Some(manager) = alert_recipient(&nodes, history.department) else {
                continue;
            };
            let below: Vec<i64> = subtree(&nodes, history.department)
                .into_iter()
                .filter(|d| *d != history.department)
                .collect();
            for found in found {
                let seen_below = below.iter().any(|d| {
                    flagged
                        .get(d)
                        .is_some_and(|f| f.iter().any(|f| f.series == found.series))
                });
                if seen_below {
                    continue;
                }
                let alert = NewAlert {
                    org: org.id,
                    department: history.department,
                    series: found.series.clone(),
                    since_round: rounds[found.decline.since_round.min(rounds.len() - 1)].round_id,
                    raised_round: last.round_id,
                    baseline: found.decline.baseline,
                    current: found.decline.current,
                };
                let Some(id) = store.raise_alert(&alert, now).await? else {
                    continue;
                };
                self.inner.snapshots.invalidate(org.id.0);
                let manager = store.person(crate::core::ids::PersonId(manager)).await?;
                let Some(to) = direct_to(&manager).filter(|_| manager.is_active) else {
                    continue;
                };
                let since = rounds[found.decline.since_round.min(rounds.len() - 1)].opened;
                let message = self.alert_message(
                    id,
                    &dept.name,
                    found,
                    since,
                    manager.locale,
                    manager.timezone,
                );
                if let Some(platform) = self.platforms().for_org(org).cloned() {
                    self.deliver(&platform, org, to, message).await?;
                    sent += 1;
                }
                metrics::counter!("ambassador_drop_alerts_total", "series" => found.series.clone())
                    .increment(1);
            }
        }
        Ok(sent)
    }

    fn alert_message(
        &self,
        id: i64,
        team: &str,
        found: &Found,
        since: DateTime<Utc>,
        l: Locale,
        tz: chrono_tz::Tz,
    ) -> Message {
        let (baseline, current, fall) = format_levels(&found.series, &found.decline);
        Message::public(vec![
            Block::Header(self.t(l, "alert-title", &[("team", team.into())])),
            Block::Section(RichText::text(self.t(
                l,
                "alert-body",
                &[
                    ("series", self.series_label(l, &found.series).into()),
                    ("baseline", baseline.into()),
                    ("current", current.into()),
                    ("fall", fall.into()),
                    ("since", date(since, tz).into()),
                    ("k", self.config().min_group_size.into()),
                ],
            ))),
            Block::Section(RichText::text(self.t(
                l,
                &format!("alert-suggest-{}", found.series),
                &[],
            ))),
            Block::Buttons(vec![
                Button {
                    action: format!("{ALERT_PLAN_ACTION}{id}"),
                    label: self.t(l, "alert-plan-button", &[]),
                    style: ButtonStyle::Primary,
                },
                Button {
                    action: crate::bot::WEB_LINK_ACTION.to_string(),
                    label: self.t(l, "web-open-dashboard", &[]),
                    style: ButtonStyle::Default,
                },
            ]),
        ])
    }

    /// What a series (`engagement`, a driver, `response-rate`, `kudos`) is called in `l`, for
    /// every front end that names a drop.
    pub fn series_label(&self, l: Locale, series: &str) -> String {
        match series {
            "engagement" | "response-rate" | "kudos" => self.t(l, &format!("series-{series}"), &[]),
            driver => self.driver_label(l, driver),
        }
    }

    /// The reply to "Plan an action".
    pub(in crate::bot) fn alert_plan_prompt(&self, ctx: &Ctx, alert: &str) -> Message {
        Message::ephemeral_text(RichText::text(self.t(
            ctx.actor.locale,
            "alert-plan-prompt",
            &[("id", alert.to_string().into())],
        )))
    }

    /// `/engagement plan <alert> <action>`: only the manager of the alert's team may answer.
    pub(in crate::bot) async fn plan_alert_action(
        &self,
        ctx: &Ctx,
        alert: &str,
        action: &str,
    ) -> anyhow::Result<Message> {
        let l = ctx.actor.locale;
        let say = |key: &str, args: &[crate::i18n::Arg<'_>]| {
            Message::ephemeral_text(RichText::text(self.t(l, key, args)))
        };
        let id = alert.trim_start_matches('#').parse::<i64>().ok();
        let outcome = match id {
            Some(id) => {
                self.plan_drop_action(&ctx.org, &ctx.actor, id, action)
                    .await?
            }
            None => PlanOutcome::Unknown,
        };
        Ok(match outcome {
            PlanOutcome::Unknown => say("alert-plan-unknown", &[("id", alert.to_string().into())]),
            PlanOutcome::Refused(ActionPlanError::Empty) => {
                say("alert-plan-empty", &[("id", alert.to_string().into())])
            }
            PlanOutcome::Refused(ActionPlanError::TooLong { max, actual }) => say(
                "alert-plan-too-long",
                &[("max", max.into()), ("actual", actual.into())],
            ),
            PlanOutcome::Saved { series, action } => say(
                "alert-plan-saved",
                &[
                    ("action", action.into()),
                    ("series", self.series_label(l, &series).into()),
                ],
            ),
        })
    }

    /// Records what `actor` will do about drop alert `alert`, for chat and the web alike. Only
    /// the manager the alert went to (or an admin) may answer it; anyone else learns nothing,
    /// not even whether the alert exists. A refused plan changes nothing.
    pub async fn plan_drop_action(
        &self,
        org: &Org,
        actor: &Person,
        alert: i64,
        text: &str,
    ) -> anyhow::Result<PlanOutcome> {
        let Some(found) = self.alert_led_by(org, actor, alert).await? else {
            return Ok(PlanOutcome::Unknown);
        };
        let plan = match ActionPlan::parse(text) {
            Ok(plan) => plan,
            Err(e) => return Ok(PlanOutcome::Refused(e)),
        };
        self.db()
            .plan_alert_action(found.id, plan.as_str(), self.now())
            .await?;
        self.inner.snapshots.invalidate(org.id.0);
        Ok(PlanOutcome::Saved {
            series: found.series,
            action: plan.as_str().to_string(),
        })
    }

    async fn alert_led_by(
        &self,
        org: &Org,
        actor: &Person,
        id: i64,
    ) -> anyhow::Result<Option<AlertRecord>> {
        let Some(record) = self.db().alert(org.id, id).await? else {
            return Ok(None);
        };
        let dept = self
            .db()
            .department(crate::core::ids::DepartmentId(record.department_id))
            .await?;
        let nodes: Vec<DepartmentNode> = self
            .db()
            .departments(org.id)
            .await?
            .iter()
            .map(DepartmentNode::from)
            .collect();
        let recipient = alert_recipient(&nodes, dept.id.0);
        Ok((recipient == Some(actor.id.0) || actor.is_admin).then_some(record))
    }
}

/// What became of a plan written for a drop alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanOutcome {
    /// Kept: the alert's series and the plan as saved.
    Saved {
        /// What fell (`engagement`, a driver, `response-rate`, `kudos`).
        series: String,
        /// The plan, trimmed.
        action: String,
    },
    /// No such alert among those the person may answer.
    Unknown,
    /// The plan broke a rule; nothing was saved.
    Refused(ActionPlanError),
}

/// A team's engagement per round, as the drop charts and the organisation prior read it.
fn engagement_stats(history: &TeamHistory) -> Vec<RoundStat> {
    history
        .rounds
        .iter()
        .map(|r| match r {
            TeamRound::Shown { engagement, .. } => RoundStat {
                mean: engagement.mean,
                sd: engagement.sd,
                n: u32::try_from(engagement.n).unwrap_or(0),
            },
            _ => RoundStat::NOT_ASKED,
        })
        .collect()
}

fn find_drops(history: &TeamHistory, kudos_counts: &[u32], prior: Option<&OrgPrior>) -> Vec<Found> {
    let mut found = Vec::new();
    let stat = |f: &dyn Fn(&TeamRound) -> Option<RoundStat>| -> Vec<RoundStat> {
        history
            .rounds
            .iter()
            .map(|r| f(r).unwrap_or(RoundStat::NOT_ASKED))
            .collect()
    };
    let engagement = engagement_stats(history);
    if let Some(d) = mean_drop_with_prior(&engagement, &ChartParams::SCORE, prior) {
        found.push(Found {
            series: "engagement".into(),
            decline: d,
        });
    }
    for driver in Driver::ALL.into_iter().filter(|d| *d != Driver::Enps) {
        let series = stat(&|r| match r {
            TeamRound::Shown { drivers, .. } => drivers.get(&driver).map(|s| RoundStat {
                mean: s.mean,
                sd: s.sd,
                n: u32::try_from(s.n).unwrap_or(0),
            }),
            _ => None,
        });
        if let Some(d) = mean_drop(&series, &ChartParams::DRIVER) {
            found.push(Found {
                series: driver.as_str().into(),
                decline: d,
            });
        }
    }
    let rates: Vec<RateRound> = history
        .rounds
        .iter()
        .map(|r| match r {
            TeamRound::Shown {
                invited, responded, ..
            } => RateRound {
                responded: u32::try_from(*responded).unwrap_or(0),
                invited: u32::try_from(*invited).unwrap_or(0),
            },
            _ => RateRound {
                responded: 0,
                invited: 0,
            },
        })
        .collect();
    if let Some(d) = response_rate_drop(&rates, &ChartParams::RESPONSE_RATE) {
        found.push(Found {
            series: "response-rate".into(),
            decline: d,
        });
    }
    // Kudos the team received between one round's opening and the next.
    if let Some(d) = kudos_drop(kudos_counts, &ChartParams::KUDOS) {
        found.push(Found {
            series: "kudos".into(),
            decline: d,
        });
    }
    found
}

/// Baseline, current and fall as people read them: a score with two decimals, a rate in
/// percent, kudos per week.
fn format_levels(series: &str, d: &Decline) -> (String, String, String) {
    match series {
        "response-rate" => (
            format!("{:.0}%", d.baseline * 100.0),
            format!("{:.0}%", d.current * 100.0),
            format!("{:+.0}%", (d.current - d.baseline) * 100.0),
        ),
        "kudos" => (
            format!("{:.1}", d.baseline),
            format!("{:.1}", d.current),
            format!("{:+.1}", d.current - d.baseline),
        ),
        _ => (
            format!("{:.2}", d.baseline),
            format!("{:.2}", d.current),
            format!("{:+.2}", d.current - d.baseline),
        ),
    }
}
