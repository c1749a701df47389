//! Borrowing strength from the organisation, so a team can be alerted from its fourth round.
//!
//! A team's own chart needs a baseline: its usual level and how much its answers spread. With
//! eight rounds of history both are well estimated; with three they are not, and a team whose
//! first rounds happened to run high would look as if it had fallen. But the rest of the
//! organisation has been answering the same questions in the same rounds, so it says a lot
//! about what a team's level and spread usually are. This is *empirical Bayes*, in the simplest
//! conjugate form:
//!
//! - **The prior.** Over every team's rounds ([`OrgPrior::from_teams`]): the typical level `m0`
//!   (the respondent-weighted mean), the typical spread `s0` (the pooled within-round standard
//!   deviation), and how far teams' own levels sit from one another, `tau` (the spread of the
//!   team means, less what their sampling noise explains; never below [`MIN_BETWEEN_TEAMS`]).
//! - **As pseudo-observations.** A normal prior of spread `tau` on a team's level is worth
//!   `n0 = s0² / tau²` respondents answering at `m0` (at most [`MAX_PSEUDO_RESPONDENTS`]), and
//!   the spread is worth [`PRIOR_DEGREES`] degrees of freedom at `s0`. The baseline pools them
//!   with the team's own rounds: level `(n0 * m0 + sum of n * mean) / (n0 + N)`, spread likewise,
//!   and the baseline's error `spread² / (n0 + N)`.
//! - **Fading out.** Both pseudo-counts are scaled by `1 - rounds / min_history`, so the team's
//!   own history replaces the prior as it grows: after `min_history` rounds (8 for the score) the
//!   chart is exactly the team's own, as it always was.
//!
//! The effect: a team whose first rounds ran high is judged against a level pulled toward the
//! organisation's, and its spread cannot look implausibly small, so three rounds are enough to
//! start; a team that really sits above the organisation loses a little sensitivity until its
//! own history takes over. `cargo bench --bench drop_detection` measures both (the scenario
//! with 3 rounds of history, and the false alarms counted from a team's very first round).

use serde::{Deserialize, Serialize};

use super::RoundStat;

/// The fewest teams with data from which a prior is drawn; with one team there is nothing to
/// borrow.
pub const MIN_TEAMS: usize = 2;

/// The smallest spread of team levels assumed, on the answer scale: a handful of teams that
/// happen to agree must not make the prior look certain.
pub const MIN_BETWEEN_TEAMS: f64 = 0.15;

/// The most respondents the prior on the level is worth, however alike the teams look.
pub const MAX_PSEUDO_RESPONDENTS: f64 = 20.0;

/// What the organisation's spread is worth, in degrees of freedom.
pub const PRIOR_DEGREES: f64 = 20.0;

/// What the organisation says about a typical team's answers, used as a prior by
/// [`super::mean_drop_with_prior`] while a team's own history is short.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OrgPrior {
    /// The typical level: the mean of every answer in the organisation's rounds.
    pub level: f64,
    /// The typical within-round standard deviation of answers.
    pub spread: f64,
    /// How far teams' own levels typically sit from one another (a standard deviation).
    pub between_teams: f64,
}

impl OrgPrior {
    /// No prior: weightless, so a baseline without one is the team's own.
    pub(super) const NONE: OrgPrior = OrgPrior {
        level: 0.0,
        spread: 0.0,
        between_teams: f64::INFINITY,
    };

    /// Draws the prior from each team's rounds (rounds with `n == 0` are skipped); `None` with
    /// fewer than [`MIN_TEAMS`] teams with data.
    pub fn from_teams<'a>(teams: impl IntoIterator<Item = &'a [RoundStat]>) -> Option<OrgPrior> {
        let mut respondents = 0.0;
        let mut total = 0.0;
        let mut squares = 0.0;
        let mut degrees = 0.0;
        // (team mean, team respondents)
        let mut means: Vec<(f64, f64)> = Vec::new();
        for rounds in teams {
            let (mut n_team, mut total_team) = (0.0, 0.0);
            for r in rounds.iter().filter(|r| r.has_data()) {
                let n = f64::from(r.n);
                n_team += n;
                total_team += n * r.mean;
                squares += r.squares();
                degrees += r.degrees();
            }
            if n_team > 0.0 {
                means.push((total_team / n_team, n_team));
                respondents += n_team;
                total += total_team;
            }
        }
        if means.len() < MIN_TEAMS || respondents <= 0.0 {
            return None;
        }
        let level = total / respondents;
        let spread = if degrees > 0.0 {
            (squares / degrees).sqrt()
        } else {
            super::SPREAD_FLOOR
        }
        .max(super::SPREAD_FLOOR);
        // The team means' spread, less what each one's own sampling noise explains.
        let teams = means.len() as f64;
        let observed = means.iter().map(|(m, _)| (m - level).powi(2)).sum::<f64>() / (teams - 1.0);
        let noise = means.iter().map(|(_, n)| spread * spread / n).sum::<f64>() / teams;
        let between_teams = (observed - noise).max(0.0).sqrt().max(MIN_BETWEEN_TEAMS);
        Some(OrgPrior {
            level,
            spread,
            between_teams,
        })
    }

    /// (Pseudo-respondents at [`OrgPrior::level`], pseudo-degrees of freedom at
    /// [`OrgPrior::spread`]) before fading.
    pub(super) fn pseudo_observations(&self) -> (f64, f64) {
        if !self.between_teams.is_finite() || !self.level.is_finite() || self.between_teams <= 0.0 {
            return (0.0, 0.0);
        }
        let respondents = (self.spread * self.spread / (self.between_teams * self.between_teams))
            .min(MAX_PSEUDO_RESPONDENTS);
        (respondents, PRIOR_DEGREES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rounds(mean: f64, count: usize) -> Vec<RoundStat> {
        vec![
            RoundStat {
                mean,
                sd: 0.7,
                n: 6
            };
            count
        ]
    }

    #[test]
    fn one_team_is_not_an_organisation() {
        assert_eq!(OrgPrior::from_teams([rounds(3.8, 3).as_slice()]), None);
    }

    #[test]
    fn the_prior_is_the_organisation_s_level_spread_and_team_to_team_spread() {
        // Arrange: two teams a point apart.
        let low = rounds(3.3, 3);
        let high = rounds(4.3, 3);

        // Act
        let prior = OrgPrior::from_teams([low.as_slice(), high.as_slice()]).expect("a prior");

        // Assert
        assert!((prior.level - 3.8).abs() < 1e-9);
        assert!((prior.spread - 0.7).abs() < 1e-9);
        assert!(prior.between_teams > 0.5, "{prior:?}");
    }

    #[test]
    fn teams_that_agree_still_leave_room_for_a_team_to_differ() {
        let a = rounds(3.8, 3);
        let b = rounds(3.8, 3);
        let prior = OrgPrior::from_teams([a.as_slice(), b.as_slice()]).expect("a prior");
        assert_eq!(prior.between_teams, MIN_BETWEEN_TEAMS);
    }
}
