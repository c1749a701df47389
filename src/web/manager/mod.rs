//! A manager's pages: each of their teams over the last 52 rounds.
//!
//! ```text
//!  GET  /web/teams/                          the teams the person may open
//!  GET  /web/teams/{team}                    one team (a department id, or `org` for admins)
//!  GET  /web/teams/{team}/rounds.csv         that team's rounds as CSV
//!  POST /web/teams/{team}/drops/{alert}      write or change the plan for a flagged drop
//! ```
//!
//! Every request asks the bot whether the team is the person's to see; when it is not, or does
//! not exist, the answer is the same 404, so an address tells nobody whether a team exists.
//! Figures come from the digest's rules (the k rule applied once for the whole organisation):
//! a round the rule hides has no number anywhere, in the page or the CSV.

mod chart;
mod csv;
mod drops;
mod heatmap;
mod index;
mod rounds;
mod team;

use axum::Router;
use axum::routing::{get, post};

use super::WebState;
use crate::core::digest::ORG;

/// The manager's routes, under `/web/teams/`.
pub(super) fn routes() -> Router<WebState> {
    Router::new()
        .route("/web/teams", get(index::redirect))
        .route("/web/teams/", get(index::page))
        .route("/web/teams/{team}", get(team::page))
        .route("/web/teams/{team}/rounds.csv", get(team::csv))
        .route("/web/teams/{team}/drops/{alert}", post(drops::plan))
}

/// The word that names the whole organisation in addresses.
const ORG_SEGMENT: &str = "org";

/// The team an address names: `org`, or a department id (never `0`, which is the
/// organisation's internal id: one address per team).
fn team_of(segment: &str) -> Option<i64> {
    if segment == ORG_SEGMENT {
        return Some(ORG);
    }
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse::<i64>().ok().filter(|id| *id > 0)
}

/// The address of a team's page.
fn team_href(team: i64) -> String {
    if team == ORG {
        format!("/web/teams/{ORG_SEGMENT}")
    } else {
        format!("/web/teams/{team}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_address_is_org_or_a_positive_department_id() {
        assert_eq!(team_of("org"), Some(ORG));
        assert_eq!(team_of("42"), Some(42));
        assert_eq!(team_of("0"), None, "the organisation has one address");
        assert_eq!(team_of("-3"), None);
        assert_eq!(team_of("+3"), None);
        assert_eq!(team_of("3.csv"), None);
        assert_eq!(team_of(""), None);
        assert_eq!(team_of("99999999999999999999"), None);
    }

    #[test]
    fn addresses_round_trip() {
        for team in [ORG, 1, 77] {
            let href = team_href(team);
            let segment = href.trim_start_matches("/web/teams/");
            assert_eq!(team_of(segment), Some(team));
        }
    }
}
