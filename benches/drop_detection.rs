//! How well the drop detectors in `core::analytics::drift` do on simulated teams.
//!
//! `cargo bench --bench drop_detection` simulates organisations of teams exactly as the product
//! runs them and prints, for two scenarios (a fall after 8 rounds of history, and after only
//! 3), the detection rate of a half-point fall and the median delay; then the false alarms of
//! every detector together per team-year, counted from each team's very first round (warm-up
//! included). It asserts nothing; the targets are at least 90 % (8 rounds of history) and 80 %
//! (3 rounds) within 3 rounds, and at most 1 false alarm per team-year.
//!
//! The simulated organisation: 10 teams of 8 answering the same weekly rounds. Each person has a
//! personal baseline from N(3.8, 0.6²); an answer is baseline + N(0, 0.8²), rounded and clamped
//! to 1-5; each person answers a round with probability 0.8; kudos per round are Poisson with
//! mean 3. The questions are the product's own: 5 a round chosen from the built-in bank by
//! `core::pulse::selection::choose_questions`, eNPS once a month, so a driver comes back every
//! second or third round. The score chart borrows the organisation's prior (drawn from all ten
//! teams' score rounds, as the alert job does); in the detection scenarios one team of each
//! organisation falls. The RNG is seeded, so the figures are the same on every run.

use std::time::Instant;

use ambassador::core::analytics::drift::{
    ChartParams, Decline, OrgPrior, RateRound, RoundStat, kudos_drop, mean_drop,
    mean_drop_with_prior, response_rate_drop,
};
use ambassador::core::pulse::Driver;
use ambassador::core::pulse::bank::builtin_questions;
use ambassador::core::pulse::selection::{AskedBefore, choose_questions};
use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal, Poisson};

const PEOPLE: usize = 8;
const TEAMS_PER_ORG: usize = 10;
const DRIVERS: usize = 10;
const QUESTIONS: usize = 5;
const ANSWER_PROBABILITY: f64 = 0.8;
const KUDOS_MEAN: f64 = 3.0;
const YEAR: usize = 52;
const FALL: f64 = 0.5;
const TARGET_DELAY: usize = 3;
/// Rounds watched after the fall starts, to measure delays beyond the target.
const FOLLOW_UP: usize = 12;
const DETECTION_ORGS: usize = 2_000;
const FALSE_ALARM_ORGS: usize = 200;

/// The series kinds of a team, in the order the false alarms are printed.
const KINDS: [&str; 4] = ["score", "drivers (10)", "response rate", "kudos"];

/// The parameters of every chart, so the simulation can be rerun with others.
#[derive(Clone, Copy)]
struct Tuning {
    score: ChartParams,
    driver: ChartParams,
    response: ChartParams,
    kudos: ChartParams,
}

/// The random parts of the simulation, built once, and the product's question rotation.
struct World {
    person: Normal<f64>,
    noise: Normal<f64>,
    kudos: Poisson<f64>,
    /// For each round, the agreement drivers asked (indices into [`agreement_drivers`]).
    rotation: Vec<Vec<usize>>,
}

/// Everything the detectors see of one round.
struct Round {
    score: RoundStat,
    drivers: [RoundStat; DRIVERS],
    response: RateRound,
    kudos: u32,
}

fn agreement_drivers() -> Vec<Driver> {
    Driver::ALL
        .into_iter()
        .filter(|d| *d != Driver::Enps)
        .collect()
}

/// The drivers of each weekly round, chosen as the product chooses them.
fn rotation(rounds: usize) -> anyhow::Result<Vec<Vec<usize>>> {
    let bank = builtin_questions();
    let drivers = agreement_drivers();
    let mut asked: Vec<AskedBefore> = Vec::new();
    let mut date = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or(anyhow::anyhow!("a date"))?;
    let mut out = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let ids = choose_questions(&bank, &asked, date, QUESTIONS);
        let mut this_round = Vec::new();
        for id in ids {
            let Some(q) = bank.iter().find(|q| q.id == id) else {
                continue;
            };
            asked.push(AskedBefore {
                question_id: id.clone(),
                driver: q.driver,
                date,
            });
            if let Some(i) = drivers.iter().position(|d| *d == q.driver) {
                this_round.push(i);
            }
        }
        out.push(this_round);
        date += Duration::weeks(1);
    }
    Ok(out)
}

fn stat(values: &[f64]) -> RoundStat {
    let Ok(n) = u32::try_from(values.len()) else {
        return RoundStat::NOT_ASKED;
    };
    if n == 0 {
        return RoundStat::NOT_ASKED;
    }
    let mean = values.iter().sum::<f64>() / f64::from(n);
    let sd = if n > 1 {
        let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        (ss / f64::from(n - 1)).sqrt()
    } else {
        0.0
    };
    RoundStat { mean, sd, n }
}

impl World {
    fn new(rounds: usize) -> anyhow::Result<World> {
        Ok(World {
            person: Normal::new(3.8, 0.6)?,
            noise: Normal::new(0.0, 0.8)?,
            kudos: Poisson::new(KUDOS_MEAN)?,
            rotation: rotation(rounds)?,
        })
    }

    fn team(&self, rng: &mut StdRng) -> [f64; PEOPLE] {
        std::array::from_fn(|_| self.person.sample(rng))
    }

    fn round(&self, rng: &mut StdRng, team: &[f64; PEOPLE], index: usize, shift: f64) -> Round {
        let asked = self.rotation.get(index).map_or(&[][..], |r| r.as_slice());
        let mut person_means = Vec::with_capacity(PEOPLE);
        let mut answers: [Vec<f64>; DRIVERS] = std::array::from_fn(|_| Vec::new());
        for baseline in team {
            if !rng.random_bool(ANSWER_PROBABILITY) {
                continue;
            }
            let mut sum = 0.0;
            for &d in asked {
                let answer = (baseline + self.noise.sample(rng) - shift)
                    .round()
                    .clamp(1.0, 5.0);
                answers[d].push(answer);
                sum += answer;
            }
            if !asked.is_empty() {
                person_means.push(sum / asked.len() as f64);
            }
        }
        let responded = u32::try_from(person_means.len()).unwrap_or(u32::MAX);
        Round {
            score: stat(&person_means),
            drivers: std::array::from_fn(|d| stat(&answers[d])),
            response: RateRound {
                responded,
                invited: PEOPLE as u32,
            },
            // Poisson samples are whole numbers stored as floats.
            kudos: self.kudos.sample(rng) as u32,
        }
    }
}

/// One series as the product watches it: after an alarm it starts again from the next round.
struct Watched<T> {
    history: Vec<T>,
    start: usize,
}

impl<T> Watched<T> {
    fn new() -> Self {
        Watched {
            history: Vec::new(),
            start: 0,
        }
    }

    /// Adds a round; true when it raises an alarm.
    fn push(&mut self, round: T, detect: impl Fn(&[T]) -> Option<Decline>) -> bool {
        self.history.push(round);
        let alarm = detect(&self.history[self.start..]).is_some();
        if alarm {
            self.start = self.history.len();
        }
        alarm
    }
}

/// Every watched series of one team.
struct Team {
    score: Watched<RoundStat>,
    drivers: Vec<Watched<RoundStat>>,
    response: Watched<RateRound>,
    kudos: Watched<u32>,
}

/// Alarms raised by one round, per kind.
#[derive(Default)]
struct Alarms([usize; 4]);

impl Team {
    fn new() -> Team {
        Team {
            score: Watched::new(),
            drivers: (0..DRIVERS).map(|_| Watched::new()).collect(),
            response: Watched::new(),
            kudos: Watched::new(),
        }
    }

    fn push(&mut self, round: Round, tuning: &Tuning, prior: Option<&OrgPrior>) -> Alarms {
        let mut alarms = Alarms::default();
        alarms.0[0] += usize::from(self.score.push(round.score, |h| {
            mean_drop_with_prior(h, &tuning.score, prior)
        }));
        for (series, stat) in self.drivers.iter_mut().zip(round.drivers) {
            alarms.0[1] += usize::from(series.push(stat, |h| mean_drop(h, &tuning.driver)));
        }
        alarms.0[2] += usize::from(
            self.response
                .push(round.response, |h| response_rate_drop(h, &tuning.response)),
        );
        alarms.0[3] += usize::from(
            self.kudos
                .push(round.kudos, |h| kudos_drop(h, &tuning.kudos)),
        );
        alarms
    }
}

/// One organisation over `rounds` rounds; team 0 falls by [`FALL`] from round `fall_at`.
/// Returns each team's alarms per round.
fn organisation(
    world: &World,
    tuning: &Tuning,
    rng: &mut StdRng,
    rounds: usize,
    fall_at: Option<usize>,
) -> Vec<Vec<Alarms>> {
    let people: Vec<[f64; PEOPLE]> = (0..TEAMS_PER_ORG).map(|_| world.team(rng)).collect();
    let mut teams: Vec<Team> = (0..TEAMS_PER_ORG).map(|_| Team::new()).collect();
    let mut scores: Vec<Vec<RoundStat>> = vec![Vec::new(); TEAMS_PER_ORG];
    let mut alarms: Vec<Vec<Alarms>> = (0..TEAMS_PER_ORG).map(|_| Vec::new()).collect();
    for index in 0..rounds {
        let this_round: Vec<Round> = people
            .iter()
            .enumerate()
            .map(|(t, p)| {
                let falls = t == 0 && fall_at.is_some_and(|at| index >= at);
                world.round(rng, p, index, if falls { FALL } else { 0.0 })
            })
            .collect();
        for (history, round) in scores.iter_mut().zip(&this_round) {
            history.push(round.score);
        }
        // As the alert job does: the prior from every team's rounds, the one just closed too.
        let prior = OrgPrior::from_teams(scores.iter().map(|s| s.as_slice()));
        for ((team, round), out) in teams.iter_mut().zip(this_round).zip(&mut alarms) {
            out.push(team.push(round, tuning, prior.as_ref()));
        }
    }
    alarms
}

/// Detection of a sustained fall of [`FALL`] in every answer after `history` rounds.
struct Detection {
    /// Rounds from the fall's start to the first score or driver alarm (1 = its first round).
    delays: Vec<Option<usize>>,
    score_only: usize,
}

fn detection(world: &World, tuning: &Tuning, history: usize, seed: u64) -> Detection {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut delays = Vec::with_capacity(DETECTION_ORGS);
    let mut score_only = 0;
    for _ in 0..DETECTION_ORGS {
        let alarms = organisation(world, tuning, &mut rng, history + FOLLOW_UP, Some(history));
        let falling = &alarms[0][history..];
        let first = falling
            .iter()
            .position(|a| a.0[0] + a.0[1] > 0)
            .map(|i| i + 1);
        let first_score = falling.iter().position(|a| a.0[0] > 0).map(|i| i + 1);
        delays.push(first);
        score_only += usize::from(first_score.is_some_and(|d| d <= TARGET_DELAY));
    }
    Detection { delays, score_only }
}

/// False alarms of every detector over team-years with no change, from the first round.
struct FalseAlarms {
    /// Per kind, over the 52 rounds from each team's first.
    year: [usize; 4],
    /// All kinds, in the first 8 rounds (the warm-up before the team's own history suffices).
    warm_up: usize,
    team_years: usize,
}

fn false_alarms(world: &World, tuning: &Tuning, seed: u64) -> FalseAlarms {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut result = FalseAlarms {
        year: [0; 4],
        warm_up: 0,
        team_years: FALSE_ALARM_ORGS * TEAMS_PER_ORG,
    };
    for _ in 0..FALSE_ALARM_ORGS {
        for team in organisation(world, tuning, &mut rng, YEAR, None) {
            for (index, alarms) in team.iter().enumerate() {
                if index < 8 {
                    result.warm_up += alarms.0.iter().sum::<usize>();
                }
                for (total, n) in result.year.iter_mut().zip(&alarms.0) {
                    *total += n;
                }
            }
        }
    }
    result
}

fn median(delays: &[Option<usize>]) -> String {
    let mut sorted: Vec<usize> = delays.iter().map(|d| d.unwrap_or(usize::MAX)).collect();
    sorted.sort_unstable();
    match sorted.get(sorted.len() / 2) {
        Some(&usize::MAX) | None => format!("> {FOLLOW_UP}"),
        Some(d) => d.to_string(),
    }
}

fn report_detection(world: &World, tuning: &Tuning, history: usize, target: f64, seed: u64) {
    let found = detection(world, tuning, history, seed);
    let within = found
        .delays
        .iter()
        .filter(|d| d.is_some_and(|d| d <= TARGET_DELAY))
        .count();
    let teams = DETECTION_ORGS as f64;
    println!(
        "a sustained {FALL}-point fall after {history} rounds of history, {DETECTION_ORGS} teams:"
    );
    println!(
        "  flagged within {TARGET_DELAY} rounds: {:.1} % (score chart alone {:.1} %; target >= {target:.0} %)",
        100.0 * within as f64 / teams,
        100.0 * found.score_only as f64 / teams,
    );
    println!(
        "  flagged within {FOLLOW_UP} rounds: {:.1} %",
        100.0 * found.delays.iter().flatten().count() as f64 / teams
    );
    println!("  median rounds to detection: {}", median(&found.delays));
}

fn report(world: &World, tuning: &Tuning) {
    let started = Instant::now();
    report_detection(world, tuning, 8, 90.0, 2026);
    report_detection(world, tuning, 3, 80.0, 2028);

    let alarms = false_alarms(world, tuning, 2027);
    let years = alarms.team_years as f64;
    let total: usize = alarms.year.iter().sum();
    println!(
        "false alarms with no change, {} team-years of {YEAR} rounds from the first round:",
        alarms.team_years
    );
    println!(
        "  all detectors: {:.3} per team-year (target <= 1)",
        total as f64 / years
    );
    for (kind, n) in KINDS.iter().zip(alarms.year) {
        println!("    {kind:<14} {:.3}", n as f64 / years);
    }
    println!(
        "  of which in the first 8 rounds: {:.3} per team",
        alarms.warm_up as f64 / years
    );
    println!("({:.1} s)", started.elapsed().as_secs_f64());
}

fn main() -> anyhow::Result<()> {
    let world = World::new(YEAR.max(8 + FOLLOW_UP))?;
    // `BENCH_SCORE=d,h,early,early_h` tries other score-chart parameters without rebuilding.
    let mut score = ChartParams::SCORE;
    if let Ok(spec) = std::env::var("BENCH_SCORE") {
        let parts: Vec<f64> = spec
            .split(',')
            .filter_map(|p| p.trim().parse().ok())
            .collect();
        if let [d, h, early, early_h] = parts[..] {
            score.design_fall = d;
            score.threshold = h;
            score.early_history = early as usize;
            score.early_threshold = early_h;
        }
        println!(
            "score chart: d = {}, h = {}, early history {}, early h = {}",
            score.design_fall, score.threshold, score.early_history, score.early_threshold
        );
    }
    let tuning = Tuning {
        score,
        driver: ChartParams::DRIVER,
        response: ChartParams::RESPONSE_RATE,
        kudos: ChartParams::KUDOS,
    };
    report(&world, &tuning);
    Ok(())
}
