//! `/web/teams/`: the teams the person may open, each with its latest round.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::chart::percent_tick;
use super::rounds::{hidden_note, response_rate, two_decimals};
use super::team_href;
use crate::core::digest::TeamRound;
use crate::web::layout::{RegionName, scroll_region};
use crate::web::{Signed, WebError};

/// `GET /web/teams`.
pub(super) async fn redirect() -> Redirect {
    Redirect::permanent("/web/teams/")
}

/// `GET /web/teams/`. Someone who leads no team and is not an admin gets a kind page (403)
/// saying team results are for the people who lead a team, and what they can see instead.
pub(super) async fn page(Signed(page): Signed) -> Result<Response, WebError> {
    let viewer = &page.viewer;
    let teams = page
        .bot
        .teams_of(&viewer.org, &viewer.person, page.bot.now())
        .await
        .map_err(|e| WebError::internal(&page, e))?;
    let title = page.t("web-team-list-title", &[]);
    let Some(teams) = teams else {
        let body = page.render(
            &title,
            html! {
                p { (page.t("web-team-list-not-manager", &[])) }
                p { a href="/web/" { (page.t("web-team-list-own-page", &[])) } }
            },
        );
        return Ok((StatusCode::FORBIDDEN, body).into_response());
    };
    let k = page.bot.config().min_group_size;
    let caption = match teams.first().and_then(|t| t.latest_round.clone()) {
        Some(round) => page.t("web-team-list-caption", &[("round", round.into())]),
        None => page.t("web-team-list-caption-no-rounds", &[]),
    };
    let main = html! {
        p { (page.t("web-team-list-intro", &[("k", k.into())])) }
        (scroll_region(RegionName::Label(&caption), html! {
            table.teams {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (page.t("web-team-list-team", &[])) }
                        th scope="col" class="num" { (page.bot.series_label(page.locale, "engagement")) }
                        th scope="col" class="num" { (page.bot.series_label(page.locale, "response-rate")) }
                    }
                }
                tbody {
                    @for team in &teams {
                        tr {
                            th scope="row" class=(format!("depth-{}", team.depth.min(4))) {
                                a href=(team_href(team.id)) { (team.name) }
                            }
                            @match &team.latest {
                                Some(TeamRound::Shown { score, invited, responded, .. }) => {
                                    td.num { (two_decimals(*score)) }
                                    td.num { (percent_tick(response_rate(*invited, *responded))) }
                                }
                                Some(other) => {
                                    td colspan="2" class="hidden-round" {
                                        (hidden_note(&page, other, None, k).unwrap_or_default())
                                    }
                                }
                                None => {
                                    td colspan="2" class="hidden-round" { (page.t("web-team-no-rounds", &[])) }
                                }
                            }
                        }
                    }
                }
            }
        }))
    };
    Ok(page.render(&title, main).into_response())
}
