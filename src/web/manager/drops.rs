//! Drops flagged in a team: what fell, from where to where, where it is now and whether it
//! recovered, and the manager's plan, which they can write or change here. Saving goes through
//! the same use case as `/engagement plan` in chat ([`crate::bot::Bot::plan_drop_action`]),
//! so the two accept and refuse the same plans and the digest quotes what was written here.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::{team, team_href, team_of};
use crate::bot::{AlertLine, DropLine, PlanOutcome};
use crate::core::digest::{ACTION_PLAN_MAX_CHARS, ActionPlanError};
use crate::web::{Page, Signed, WebError};

/// A plan form sent back with what was typed and why it was refused.
#[derive(Debug, Clone)]
pub(super) struct Refused {
    /// The alert the form was for.
    pub alert: i64,
    /// What the person typed, to give it back to them.
    pub text: String,
    /// What to change, in their language.
    pub message: String,
}

/// The level of a series as people read it: a rate in percent, a score with two decimals.
fn level(a: &AlertLine, v: f64) -> String {
    match a.series.as_str() {
        "response-rate" => format!("{:.0}%", v * 100.0),
        "kudos" => format!("{v:.1}"),
        _ => format!("{v:.2}"),
    }
}

/// The drops section of a team page.
pub(super) fn section(
    page: &Page,
    team: i64,
    drops: &[DropLine],
    saved: Option<i64>,
    refused: Option<&Refused>,
) -> Markup {
    html! {
        @if drops.is_empty() {
            p { (page.t("web-team-drops-none", &[])) }
        }
        @for drop in drops {
            (one(page, team, drop, saved, refused.filter(|r| r.alert == drop.alert.id)))
        }
    }
}

fn one(
    page: &Page,
    team: i64,
    drop: &DropLine,
    saved: Option<i64>,
    refused: Option<&Refused>,
) -> Markup {
    let a = &drop.alert;
    let series = page.bot.series_label(page.locale, &a.series);
    let field = format!("plan-{}", a.id);
    let error_id = format!("plan-{}-error", a.id);
    let state = match (a.now, a.recovered) {
        (Some(now), Some(true)) => {
            page.t("web-team-drop-recovered", &[("now", level(a, now).into())])
        }
        (Some(now), _) => page.t(
            "web-team-drop-not-recovered",
            &[("now", level(a, now).into())],
        ),
        (None, _) => page.t("web-team-drop-now-hidden", &[]),
    };
    html! {
        article.card.drop id={ "drop-" (a.id) } {
            h3 { (a.team) ": " (series) }
            p {
                (page.t("web-team-drop-line", &[
                    ("baseline", level(a, a.baseline).into()),
                    ("flagged", level(a, a.flagged).into()),
                    ("since", a.since.clone().into()),
                ]))
            }
            p class=(if a.recovered == Some(true) { "good" } else { "bad" }) { (state) }
            p {
                strong { (page.t("web-team-drop-plan", &[])) }
                " "
                @match &a.action {
                    Some(action) => q { (action) },
                    None => span.muted { (page.t("web-team-drop-no-plan", &[])) },
                }
            }
            @if saved == Some(a.id) {
                p.ok role="status" { (page.t("web-team-drop-saved", &[])) }
            }
            @if drop.may_plan {
                form method="post" action={ (team_href(team)) "/drops/" (a.id) } {
                    (page.csrf_field())
                    label for=(field) {
                        @if a.action.is_some() { (page.t("web-team-drop-edit", &[])) }
                        @else { (page.t("web-team-drop-write", &[])) }
                    }
                    @if let Some(r) = refused {
                        p.errors id=(error_id) role="alert" { (r.message) }
                        textarea id=(field) name="action" maxlength=(ACTION_PLAN_MAX_CHARS)
                            aria-describedby=(error_id) aria-invalid="true" { (r.text) }
                    } @else {
                        textarea id=(field) name="action" maxlength=(ACTION_PLAN_MAX_CHARS) {
                            (a.action.as_deref().unwrap_or_default())
                        }
                    }
                    p.note { (page.t("web-team-drop-hint", &[("max", ACTION_PLAN_MAX_CHARS.into())])) }
                    button.primary type="submit" { (page.t("web-team-drop-save", &[])) }
                }
            }
        }
    }
}

/// The plan form's fields.
#[derive(Debug, Deserialize)]
pub(super) struct PlanForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
}

/// `POST /web/teams/{team}/drops/{alert}`: saves the plan and goes back to the drop, or shows
/// the page again with what to change. Another team's drop, or one the person may not answer,
/// is a 404, like any address that is not theirs.
pub(super) async fn plan(
    Signed(page): Signed,
    Path((team_segment, alert)): Path<(String, String)>,
    Form(form): Form<PlanForm>,
) -> Result<Response, WebError> {
    if !page.csrf_matches(&form.csrf) {
        return Err(WebError::stale_form(&page));
    }
    let (Some(team), Ok(alert)) = (team_of(&team_segment), alert.parse::<i64>()) else {
        return Err(WebError::not_found(&page));
    };
    let report = team::report(&page, team).await?;
    if !report
        .drops
        .iter()
        .any(|d| d.alert.id == alert && d.may_plan)
    {
        return Err(WebError::not_found(&page));
    }
    let viewer = &page.viewer;
    let outcome = page
        .bot
        .plan_drop_action(&viewer.org, &viewer.person, alert, &form.action)
        .await
        .map_err(|e| WebError::internal(&page, e))?;
    let message = match outcome {
        PlanOutcome::Saved { .. } => {
            let to = format!("{}?saved={alert}#drop-{alert}", team_href(team));
            return Ok(Redirect::to(&to).into_response());
        }
        PlanOutcome::Unknown => return Err(WebError::not_found(&page)),
        PlanOutcome::Refused(ActionPlanError::Empty) => page.t("web-team-drop-empty", &[]),
        PlanOutcome::Refused(ActionPlanError::TooLong { max, actual }) => page.t(
            "web-team-drop-too-long",
            &[("max", max.into()), ("actual", actual.into())],
        ),
    };
    let refused = Refused {
        alert,
        text: form.action,
        message,
    };
    let body = team::render(&page, &report, None, Some(&refused));
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}
