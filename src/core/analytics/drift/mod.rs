//! Drop detection: has a team's engagement, a driver, the response rate or kudos activity fallen
//! against the team's own history by more than chance explains for a team of its size?
//!
//! Every series runs the same one-sided lower CUSUM (Page's cumulative sum): per round with
//! data, `S = max(0, S + min(e, h))`, where `e` is the evidence the round gives for a fall; an
//! alarm is raised when `S` passes the threshold `h`, and holds until `S` is back at zero. A
//! CUSUM adds up small shortfalls, so a modest sustained fall is caught in a few rounds. Capping
//! one round's evidence at `h` means no single round, however bad (a holiday, a hard week), can
//! raise an alarm on its own: an alarm needs at least two low rounds. `since_round` is where `S`
//! last left zero.
//!
//! - **Answer means** (the score, each driver): `e = -z - d/2` with
//!   `z = (mean - baseline) / (sd * sqrt(1/n + 1/N))`: `baseline` is the respondent-weighted mean
//!   of the baseline rounds, `sd` their pooled within-round standard deviation (floored at 0.25),
//!   `N` their respondents (the `1/N` term is the baseline's own error, which is not small with
//!   eight short rounds). `d` is the design fall in standard errors; `d/2` is the classic
//!   reference value.
//! - **Response rate**: the binomial log-likelihood ratio of "rate `p0 * (1 - d)`" against
//!   "rate `p0`", exact for the handful of people in a small team, where a normal approximation
//!   understates the lower tail.
//! - **Kudos**: the Poisson log-likelihood ratio of "mean `l0 * (1 - d)`" against "mean `l0`", so
//!   a round without kudos is evidence in proportion to how active the team usually is.
//!
//! The baseline is the team's own history: its first `min_history` rounds with data, then each
//! round in which the chart sits at zero, the `max_baseline` most recent only. It is frozen
//! while the chart is above zero; rounds of an excursion that ends without an alarm join it
//! afterwards, rounds of an alarm never do, so a fall cannot drag its own baseline down.
//!
//! The pooled within-round spread overstates the round-to-round noise of a team mean (the same
//! people answer every round, so their personal levels largely cancel): `z` is conservative, and
//! the thresholds below are tuned on that scale. Estimating the round-to-round spread from the
//! history instead was tried in the simulation and did worse: with eight rounds the estimate's
//! own noise costs more false alarms than it saves.
//!
//! # Alerts from the fourth round
//!
//! With [`mean_drop_with_prior`], the score chart borrows the organisation's level and spread
//! ([`prior`], empirical Bayes) and starts after 3 rounds instead of 8; the prior fades out as
//! the team's own rounds come in, and until the baseline has `min_history` rounds the chart
//! alarms only past `early_threshold`, because an alarm restarts the chart and a false one
//! throws away the history it had.
//!
//! # Parameters
//!
//! Tuned with `cargo bench --bench drop_detection` on simulated organisations of 10 teams of 8
//! (answers 1-5, 5 questions a round chosen by the product's own rotation with eNPS monthly,
//! 80 % answering, kudos Poisson with mean 3). The targets: a 0.5-point fall in every answer
//! flagged within 3 rounds in at least 90 % of teams after 8 rounds of history and in at least
//! 80 % after only 3, and at most 1 false alarm per team-year (52 rounds counted from the team's
//! very first round) from all thirteen charts of a team together. Every chart trades false
//! alarms (higher `h`, larger `d`) against detection delay (lower `h`), so the false-alarm budget
//! is spent where it buys detection:
//!
//! | chart | `d` | `h` | history | false alarms / team-year |
//! |---|---|---|---|---|
//! | score | 1.3 SE | 1.0 (1.3 while young) | 3 rounds with the org prior, 8 without | 0.60 |
//! | each of 10 drivers | 2.0 SE | 5.0 | 4 rounds asked | 0.10 (all ten) |
//! | response rate | 50 % | 5.0 | 8 rounds | 0.07 |
//! | kudos | 70 % | 7.0 | 8 rounds | 0.04 |
//!
//! Together: 0.81 false alarms per team-year from the first round; 91.0 % of half-point falls
//! flagged within 3 rounds after 8 rounds of history and 82.5 % after 3 (median 2 rounds in
//! both). The score spends most of the budget because it pools all of a round's answers and so
//! catches a broad fall fastest: for it, a half-point fall is about 1.7 (conservative) standard
//! errors a round. Drivers see one answer a person every second or third round, so they are set
//! to flag only a large fall of one driver (about 0.8 points a round) and add little to a broad
//! fall. A halved response rate is flagged in two to three rounds; a team used to three kudos a
//! round that goes silent, in four.
pub mod prior;

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

pub use prior::OrgPrior;

/// One round of one answer series (the engagement score or one driver) for one team.
///
/// It exists so the detector sees only what an anonymous report may hold: an aggregate, never
/// a person's answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RoundStat {
    /// Mean of the answers (for the score: mean over respondents of each one's mean answer).
    pub mean: f64,
    /// Sample standard deviation of the same answers (0 when `n < 2`).
    pub sd: f64,
    /// Number of respondents; 0 means the series was not asked or nobody answered that round.
    pub n: u32,
}

impl RoundStat {
    /// A round in which the series was not asked, so drivers can keep one entry per round.
    pub const NOT_ASKED: RoundStat = RoundStat {
        mean: 0.0,
        sd: 0.0,
        n: 0,
    };

    fn has_data(&self) -> bool {
        self.n > 0 && self.mean.is_finite()
    }

    /// Sum of squared deviations, the round's share of the pooled spread; bad input adds none.
    fn squares(&self) -> f64 {
        if self.n < 2 || !self.sd.is_finite() {
            0.0
        } else {
            f64::from(self.n - 1) * self.sd * self.sd
        }
    }

    fn degrees(&self) -> f64 {
        if self.n < 2 || !self.sd.is_finite() {
            0.0
        } else {
            f64::from(self.n - 1)
        }
    }
}

/// One round of a team's response rate: how many answered out of how many were asked.
///
/// Kept as counts rather than a percentage because the noise of a rate depends on the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRound {
    /// People who answered at least one question.
    pub responded: u32,
    /// People who were asked; 0 means no round was sent.
    pub invited: u32,
}

impl RateRound {
    fn has_data(&self) -> bool {
        self.invited > 0
    }

    /// Answers beyond the invitations are a caller's bug; they are counted as a full round.
    fn responded(&self) -> f64 {
        f64::from(self.responded.min(self.invited))
    }
}

/// A sustained fall found in a series, ready to explain to a manager.
///
/// Named `Decline` rather than `Drop` so it never shadows the standard `Drop` trait.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Decline {
    /// Index into the history slice of the first round of the fall (where the chart last left
    /// zero), so a report can say "since the round of 3 March".
    pub since_round: usize,
    /// The team's usual level, from the rounds before the fall.
    pub baseline: f64,
    /// The level over the rounds of the fall.
    pub current: f64,
    /// `baseline - current`: how far it fell, in the series' own unit.
    pub fall: f64,
}

/// How sensitive one chart is: the trade between false alarms and detection delay.
///
/// One value per series kind (see the associated constants, tuned by `benches/drop_detection.rs`)
/// because a team has one score but ten drivers, and each chart spends part of the false-alarm
/// budget.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChartParams {
    /// The fall the chart is tuned to catch fastest. Mean charts: in standard errors of a
    /// round's mean (the CUSUM reference value is half of it). Rate and count charts: a
    /// relative fall, between 0 and 1 (0.5 means "halved").
    pub design_fall: f64,
    /// The CUSUM decision threshold. Mean charts: in standard errors; rate and count charts: in
    /// log-likelihood-ratio units. Higher means fewer false alarms and later detection.
    pub threshold: f64,
    /// Rounds with data needed before the chart says anything: a baseline of fewer rounds is
    /// too noisy to judge against.
    pub min_history: usize,
    /// Rounds with data needed when the organisation lends a prior ([`OrgPrior`], answer means
    /// only): the prior stands in for the missing rounds, fading out by `min_history`.
    pub early_history: usize,
    /// The decision threshold while the prior still stands in (fewer than `min_history`
    /// rounds in the baseline): a young chart alarms only on firmer evidence, since an alarm
    /// restarts it and a false one costs the history it had.
    pub early_threshold: f64,
    /// At most this many most recent in-control rounds with data form the baseline, so a team
    /// that has changed over the years is judged against its recent self.
    pub max_baseline: usize,
}

impl ChartParams {
    /// The engagement score (all answers of a round): the main detector, given most of the
    /// false-alarm budget (see the module docs for the figures).
    pub const SCORE: ChartParams = ChartParams {
        design_fall: 1.3,
        threshold: 1.0,
        min_history: 8,
        early_history: 3,
        early_threshold: 1.3,
        max_baseline: 26,
    };

    /// One driver (one answer per person, asked every other round): ten of these run per
    /// team, so each only flags a large fall of its own.
    pub const DRIVER: ChartParams = ChartParams {
        design_fall: 2.0,
        threshold: 5.0,
        min_history: 4,
        early_history: 4,
        early_threshold: 5.0,
        max_baseline: 26,
    };

    /// The share of invited people who answered: tuned to a halving.
    pub const RESPONSE_RATE: ChartParams = ChartParams {
        design_fall: 0.5,
        threshold: 5.0,
        min_history: 8,
        early_history: 8,
        early_threshold: 5.0,
        max_baseline: 26,
    };

    /// Kudos given in the team per round: tuned to a fall of most of the usual activity.
    pub const KUDOS: ChartParams = ChartParams {
        design_fall: 0.7,
        threshold: 7.0,
        min_history: 8,
        early_history: 8,
        early_threshold: 7.0,
        max_baseline: 26,
    };
}

/// A spread below this (on a 1-5 or 0-10 answer scale) is treated as this: a team whose
/// answers never varied would otherwise turn any movement into an infinite z-score.
const SPREAD_FLOOR: f64 = 0.25;

/// Whether the mean of an answer series (the score or one driver) has fallen.
///
/// Returns the fall when the chart is in alarm at the last round of `history`; `None` while
/// in control or with fewer than `params.min_history` rounds with data. Rounds with `n == 0`
/// are skipped, so a driver's series can hold one entry per round.
pub fn mean_drop(history: &[RoundStat], params: &ChartParams) -> Option<Decline> {
    run(history, params, MeanBaseline::default())
}

/// [`mean_drop`] borrowing strength from the organisation: with a prior, the chart speaks
/// after `params.early_history` rounds, the prior filling in for the rounds the team does not
/// have yet and fading out as they come (see [`prior`]). Without one, exactly [`mean_drop`].
pub fn mean_drop_with_prior(
    history: &[RoundStat],
    params: &ChartParams,
    prior: Option<&OrgPrior>,
) -> Option<Decline> {
    let base = MeanBaseline {
        prior: prior.map(|p| (*p, params.min_history)),
        ..MeanBaseline::default()
    };
    run(history, params, base)
}

/// Whether the response rate (responded / invited) has fallen.
///
/// Same contract as [`mean_drop`]; rounds with `invited == 0` are skipped.
pub fn response_rate_drop(history: &[RateRound], params: &ChartParams) -> Option<Decline> {
    run(history, params, RateBaseline::default())
}

/// Whether kudos activity (kudos given per round) has fallen.
///
/// Same contract as [`mean_drop`]; every entry is a round, a zero is a round without kudos.
pub fn kudos_drop(history: &[u32], params: &ChartParams) -> Option<Decline> {
    run(history, params, CountBaseline::default())
}

/// What each kind of series needs to keep a baseline and weigh a new round against it.
trait Baseline {
    type Obs: Copy;
    fn has_data(obs: &Self::Obs) -> bool;
    fn add(&mut self, obs: &Self::Obs);
    fn remove(&mut self, obs: &Self::Obs);
    /// The level reported as `Decline::baseline`.
    fn level(&self) -> f64;
    /// The CUSUM increment: positive is evidence of a fall.
    fn evidence(&self, obs: &Self::Obs, design_fall: f64) -> f64;
    /// Whether an organisation prior stands in for missing history (then the chart starts at
    /// `early_history`).
    fn borrows(&self) -> bool {
        false
    }
    /// Value and weight of a round, for the level over the fall.
    fn value(obs: &Self::Obs) -> (f64, f64);
}

/// Rounds since the chart last left zero.
struct Episode<O> {
    start: usize,
    rounds: Vec<O>,
    alarmed: bool,
}

/// The one-sided lower CUSUM shared by every series kind.
fn run<B: Baseline>(history: &[B::Obs], params: &ChartParams, mut base: B) -> Option<Decline> {
    let capacity = params.max_baseline.max(params.min_history).max(1);
    let mut in_base: VecDeque<B::Obs> = VecDeque::with_capacity(capacity + 1);
    let fold = |base: &mut B, in_base: &mut VecDeque<B::Obs>, obs: B::Obs| {
        base.add(&obs);
        in_base.push_back(obs);
        if in_base.len() > capacity
            && let Some(old) = in_base.pop_front()
        {
            base.remove(&old);
        }
    };
    let mut cusum = 0.0_f64;
    let mut episode: Option<Episode<B::Obs>> = None;
    for (i, obs) in history.iter().enumerate() {
        if !B::has_data(obs) {
            continue;
        }
        let needed = if base.borrows() {
            params.early_history.min(params.min_history)
        } else {
            params.min_history
        };
        if in_base.len() < needed.max(1) {
            fold(&mut base, &mut in_base, *obs);
            continue;
        }
        // No single round may carry the chart past the threshold on its own: a fall is only
        // flagged once a second round also comes in low.
        let evidence = base.evidence(obs, params.design_fall).min(params.threshold);
        cusum = (cusum + evidence).max(0.0);
        if cusum > 0.0 {
            let ep = episode.get_or_insert_with(|| Episode {
                start: i,
                rounds: Vec::new(),
                alarmed: false,
            });
            ep.rounds.push(*obs);
            let threshold = if base.borrows() && in_base.len() < params.min_history {
                params.early_threshold.max(params.threshold)
            } else {
                params.threshold
            };
            ep.alarmed |= cusum > threshold;
        } else {
            // Back in control: the rounds of a harmless excursion join the baseline; those of
            // an alarm do not, so a fall never drags the baseline down after itself.
            if let Some(ep) = episode.take()
                && !ep.alarmed
            {
                for round in ep.rounds {
                    fold(&mut base, &mut in_base, round);
                }
            }
            fold(&mut base, &mut in_base, *obs);
        }
    }
    let ep = episode.filter(|ep| ep.alarmed)?;
    let (sum, weight) = ep
        .rounds
        .iter()
        .map(B::value)
        .fold((0.0, 0.0), |(s, w), (v, wt)| (s + v * wt, w + wt));
    let baseline = base.level();
    let current = if weight > 0.0 { sum / weight } else { baseline };
    Some(Decline {
        since_round: ep.start,
        baseline,
        current,
        fall: baseline - current,
    })
}

/// Pooled level and spread of answer means, weighted by respondents, with the organisation's
/// prior as pseudo-observations while the team's own history is short.
#[derive(Default)]
struct MeanBaseline {
    respondents: f64,
    total: f64,
    squares: f64,
    degrees: f64,
    rounds: usize,
    /// The prior and the number of rounds over which the team's history replaces it.
    prior: Option<(OrgPrior, usize)>,
}

impl MeanBaseline {
    /// What the prior adds: (pseudo-respondents at its level, pseudo-degrees at its spread).
    fn borrowed(&self) -> (f64, f64, OrgPrior) {
        match self.prior {
            Some((prior, over)) if over > 0 => {
                let weight = (1.0 - self.rounds as f64 / over as f64).max(0.0);
                let (respondents, degrees) = prior.pseudo_observations();
                (weight * respondents, weight * degrees, prior)
            }
            _ => (0.0, 0.0, OrgPrior::NONE),
        }
    }

    fn spread(&self) -> f64 {
        let (_, degrees, prior) = self.borrowed();
        let squares = self.squares + degrees * prior.spread * prior.spread;
        let degrees = self.degrees + degrees;
        let pooled = if degrees > 0.0 {
            (squares / degrees).sqrt()
        } else {
            0.0
        };
        pooled.max(SPREAD_FLOOR)
    }

    /// Respondents behind the level, the prior's pseudo-respondents included.
    fn weight(&self) -> f64 {
        self.respondents + self.borrowed().0
    }
}

impl Baseline for MeanBaseline {
    type Obs = RoundStat;

    fn has_data(obs: &RoundStat) -> bool {
        obs.has_data()
    }

    fn add(&mut self, obs: &RoundStat) {
        let n = f64::from(obs.n);
        self.respondents += n;
        self.total += n * obs.mean;
        self.squares += obs.squares();
        self.degrees += obs.degrees();
        self.rounds += 1;
    }

    fn remove(&mut self, obs: &RoundStat) {
        let n = f64::from(obs.n);
        self.respondents -= n;
        self.total -= n * obs.mean;
        self.squares -= obs.squares();
        self.degrees -= obs.degrees();
        self.rounds = self.rounds.saturating_sub(1);
    }

    fn level(&self) -> f64 {
        let (pseudo, _, prior) = self.borrowed();
        let weight = self.respondents + pseudo;
        if weight > 0.0 {
            (self.total + pseudo * prior.level) / weight
        } else {
            0.0
        }
    }

    fn evidence(&self, obs: &RoundStat, design_fall: f64) -> f64 {
        // The baseline's own error counts too: with four short rounds of history it is not
        // small, and ignoring it would flag teams whose history happened to run high.
        let n = f64::from(obs.n);
        let se = self.spread() * (1.0 / n + 1.0 / self.weight().max(1.0)).sqrt();
        let z = (obs.mean - self.level()) / se;
        -z - design_fall / 2.0
    }

    fn borrows(&self) -> bool {
        self.prior.is_some()
    }

    fn value(obs: &RoundStat) -> (f64, f64) {
        (obs.mean, f64::from(obs.n))
    }
}

/// Pooled response rate of the baseline rounds.
#[derive(Default)]
struct RateBaseline {
    responded: f64,
    invited: f64,
}

impl Baseline for RateBaseline {
    type Obs = RateRound;

    fn has_data(obs: &RateRound) -> bool {
        obs.has_data()
    }

    fn add(&mut self, obs: &RateRound) {
        self.responded += obs.responded();
        self.invited += f64::from(obs.invited);
    }

    fn remove(&mut self, obs: &RateRound) {
        self.responded -= obs.responded();
        self.invited -= f64::from(obs.invited);
    }

    fn level(&self) -> f64 {
        if self.invited > 0.0 {
            self.responded / self.invited
        } else {
            0.0
        }
    }

    fn evidence(&self, obs: &RateRound, design_fall: f64) -> f64 {
        // Binomial log-likelihood ratio of "rate is p0 * (1 - fall)" against "rate is p0". The
        // half-count smoothing keeps a team that always answered in full (p0 = 1) finite.
        let p0 = (self.responded + 0.5) / (self.invited + 1.0);
        let p1 = p0 * (1.0 - clamp_fall(design_fall));
        let x = obs.responded();
        let m = f64::from(obs.invited);
        x * (p1 / p0).ln() + (m - x) * ((1.0 - p1) / (1.0 - p0)).ln()
    }

    fn value(obs: &RateRound) -> (f64, f64) {
        let m = f64::from(obs.invited);
        (obs.responded() / m, m)
    }
}

/// Mean kudos count of the baseline rounds.
#[derive(Default)]
struct CountBaseline {
    total: f64,
    rounds: f64,
}

impl Baseline for CountBaseline {
    type Obs = u32;

    fn has_data(_: &u32) -> bool {
        true
    }

    fn add(&mut self, obs: &u32) {
        self.total += f64::from(*obs);
        self.rounds += 1.0;
    }

    fn remove(&mut self, obs: &u32) {
        self.total -= f64::from(*obs);
        self.rounds -= 1.0;
    }

    fn level(&self) -> f64 {
        if self.rounds > 0.0 {
            self.total / self.rounds
        } else {
            0.0
        }
    }

    fn evidence(&self, obs: &u32, design_fall: f64) -> f64 {
        // Poisson log-likelihood ratio of "mean is l0 * (1 - fall)" against "mean is l0"; the
        // half-count keeps a team with no kudos yet from dividing by zero.
        let fall = clamp_fall(design_fall);
        let l0 = (self.total + 0.5) / self.rounds.max(1.0);
        f64::from(*obs) * (1.0 - fall).ln() + l0 * fall
    }

    fn value(obs: &u32) -> (f64, f64) {
        (f64::from(*obs), 1.0)
    }
}

/// A relative fall of 0 detects nothing and of 1 makes any activity infinitely unlikely.
fn clamp_fall(fall: f64) -> f64 {
    if fall.is_finite() {
        fall.clamp(0.01, 0.99)
    } else {
        0.5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plausible team of six: means wobble by a tenth around 3.8, answers spread by 0.7.
    fn stable(rounds: usize) -> Vec<RoundStat> {
        (0..rounds)
            .map(|i| RoundStat {
                mean: 3.8 + [0.1, -0.1, 0.05, -0.05, 0.0][i % 5],
                sd: 0.7,
                n: 6,
            })
            .collect()
    }

    fn with_means(mut history: Vec<RoundStat>, from: usize, shift: f64) -> Vec<RoundStat> {
        for round in history.iter_mut().skip(from) {
            round.mean += shift;
        }
        history
    }

    #[test]
    fn a_stable_series_raises_nothing() {
        // Arrange
        let history = stable(60);

        // Act
        let found = (1..=history.len()).find_map(|t| mean_drop(&history[..t], &ChartParams::SCORE));

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn a_sustained_half_point_drop_is_flagged() {
        // Arrange
        let history = with_means(stable(12), 8, -0.5);

        // Act
        let found = mean_drop(&history, &ChartParams::SCORE).expect("a fall");

        // Assert
        assert_eq!(found.since_round, 8);
        assert!((found.fall - 0.5).abs() < 0.1, "{found:?}");
    }

    #[test]
    fn a_single_bad_round_is_not_flagged() {
        // Arrange: a whole point down for one round, then back to normal.
        let mut history = with_means(stable(9), 8, -1.0);
        history.extend(stable(6));

        // Act
        let found = (1..=history.len()).find_map(|t| mean_drop(&history[..t], &ChartParams::SCORE));

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn too_little_history_is_not_flagged() {
        // Arrange: three normal rounds, then a collapse.
        let history = with_means(stable(6), 3, -1.5);

        // Act
        let found = mean_drop(&history, &ChartParams::SCORE);

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn a_recovered_team_is_no_longer_flagged() {
        // Arrange
        let mut history = with_means(stable(12), 8, -0.5);
        history.extend(stable(10));

        // Act
        let found = mean_drop(&history, &ChartParams::SCORE);

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn rounds_a_driver_was_not_asked_are_skipped() {
        // Arrange: asked every other round; the fall starts at round 16.
        let history: Vec<RoundStat> = with_means(stable(30), 16, -0.8)
            .into_iter()
            .enumerate()
            .map(|(i, r)| if i % 2 == 0 { r } else { RoundStat::NOT_ASKED })
            .collect();

        // Act
        let found = mean_drop(&history, &ChartParams::DRIVER).expect("a fall");

        // Assert
        assert_eq!(found.since_round, 16);
    }

    #[test]
    fn answers_that_never_vary_do_not_divide_by_zero() {
        // Arrange
        let mut history = vec![
            RoundStat {
                mean: 4.0,
                sd: 0.0,
                n: 5
            };
            8
        ];
        history.push(RoundStat {
            mean: 3.9,
            sd: 0.3,
            n: 5,
        });

        // Act
        let found = mean_drop(&history, &ChartParams::SCORE);

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn response_rate_halving_is_flagged() {
        // Arrange: eight of ten answer, then four.
        let mut history = vec![
            RateRound {
                responded: 8,
                invited: 10
            };
            8
        ];
        history.extend(
            [RateRound {
                responded: 4,
                invited: 10,
            }; 3],
        );

        // Act
        let found = response_rate_drop(&history, &ChartParams::RESPONSE_RATE).expect("a fall");

        // Assert
        assert_eq!(found.since_round, 8);
        assert!((found.baseline - 0.8).abs() < 1e-9);
        assert!((found.current - 0.4).abs() < 1e-9);
    }

    #[test]
    fn one_round_nobody_answered_is_not_flagged() {
        // Arrange: a holiday week between normal ones.
        let normal = RateRound {
            responded: 8,
            invited: 10,
        };
        let mut history = vec![normal; 8];
        history.push(RateRound {
            responded: 0,
            invited: 10,
        });
        history.extend([normal; 4]);

        // Act
        let found = (1..=history.len())
            .find_map(|t| response_rate_drop(&history[..t], &ChartParams::RESPONSE_RATE));

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn a_steady_response_rate_raises_nothing() {
        // Arrange
        let history: Vec<RateRound> = (0..52)
            .map(|i| RateRound {
                responded: [8, 7, 9, 8, 6][i % 5],
                invited: 10,
            })
            .collect();

        // Act
        let found = (1..=history.len())
            .find_map(|t| response_rate_drop(&history[..t], &ChartParams::RESPONSE_RATE));

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn kudos_stopping_is_flagged() {
        // Arrange
        let mut history = vec![3, 2, 4, 3, 1, 5, 3, 3];
        history.extend([0, 0, 0, 0]);

        // Act
        let found = kudos_drop(&history, &ChartParams::KUDOS).expect("a fall");

        // Assert
        assert_eq!(found.since_round, 8);
        assert!((found.current - 0.0).abs() < 1e-9);
    }

    #[test]
    fn steady_kudos_raise_nothing() {
        // Arrange
        let history: Vec<u32> = (0..52).map(|i| [3, 2, 4, 3, 1, 5, 3][i % 7]).collect();

        // Act
        let found =
            (1..=history.len()).find_map(|t| kudos_drop(&history[..t], &ChartParams::KUDOS));

        // Assert
        assert_eq!(found, None);
    }

    #[test]
    fn with_the_organisation_s_prior_a_fall_after_three_rounds_is_flagged() {
        // Arrange: three normal rounds, then two rounds half a point down.
        let history = with_means(stable(5), 3, -0.5);
        let prior = OrgPrior {
            level: 3.8,
            spread: 0.7,
            between_teams: 0.2,
        };

        // Act
        let with_prior = mean_drop_with_prior(&history, &ChartParams::SCORE, Some(&prior));
        let without = mean_drop(&history, &ChartParams::SCORE);

        // Assert
        assert_eq!(with_prior.map(|d| d.since_round), Some(3));
        assert_eq!(
            without, None,
            "without a prior the chart waits for 8 rounds"
        );
    }

    #[test]
    fn with_the_organisation_s_prior_a_stable_young_team_raises_nothing() {
        let history = stable(60);
        let prior = OrgPrior {
            level: 3.8,
            spread: 0.7,
            between_teams: 0.2,
        };
        let found = (1..=history.len())
            .find_map(|t| mean_drop_with_prior(&history[..t], &ChartParams::SCORE, Some(&prior)));
        assert_eq!(found, None);
    }
}
