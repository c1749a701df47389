//! How well the drop detectors in `core::analytics::drift` do on simulated teams.
//!
//! `cargo bench --bench drop_detection` simulates teams exactly as the product specified them
//! and prints the detection rate of a half-point fall, the median delay and the false alarms per
//! team-year of every detector together. It asserts nothing; the targets are a detection rate of
//! at least 90 % within 3 rounds and at most 1 false alarm per team-year.
//!
//! The simulated team: 8 people, each with a personal baseline from N(3.8, 0.6²); an answer is
//! baseline + N(0, 0.8²), rounded and clamped to 1-5; 5 questions a round, drivers rotating so
//! each of the 10 agreement drivers is asked every other round; each person answers a round
//! with probability 0.8; kudos per round are Poisson with mean 3; 8 rounds of history before
//! anything changes. The RNG is seeded, so the figures are the same on every run.

use std::time::Instant;

use ambassador::core::analytics::drift::{
    ChartParams, Decline, RateRound, RoundStat, kudos_drop, mean_drop, response_rate_drop,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal, Poisson};

const PEOPLE: usize = 8;
const DRIVERS: usize = 10;
const QUESTIONS: usize = 5;
const ANSWER_PROBABILITY: f64 = 0.8;
const KUDOS_MEAN: f64 = 3.0;
const HISTORY: usize = 8;
const YEAR: usize = 52;
const FALL: f64 = 0.5;
const TARGET_DELAY: usize = 3;
/// Rounds watched after the fall starts, to measure delays beyond the target.
const FOLLOW_UP: usize = 12;
const DETECTION_TEAMS: usize = 2_000;
const TEAM_YEARS: usize = 2_000;

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

/// The random parts of the simulation, built once.
struct World {
    person: Normal<f64>,
    noise: Normal<f64>,
    kudos: Poisson<f64>,
}

/// Everything the detectors see of one round.
struct Round {
    score: RoundStat,
    drivers: [RoundStat; DRIVERS],
    response: RateRound,
    kudos: u32,
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
    fn new() -> anyhow::Result<World> {
        Ok(World {
            person: Normal::new(3.8, 0.6)?,
            noise: Normal::new(0.0, 0.8)?,
            kudos: Poisson::new(KUDOS_MEAN)?,
        })
    }

    fn team(&self, rng: &mut StdRng) -> [f64; PEOPLE] {
        std::array::from_fn(|_| self.person.sample(rng))
    }

    fn round(&self, rng: &mut StdRng, team: &[f64; PEOPLE], index: usize, shift: f64) -> Round {
        let first = (index % 2) * QUESTIONS;
        let mut person_means = Vec::with_capacity(PEOPLE);
        let mut answers: [Vec<f64>; DRIVERS] = std::array::from_fn(|_| Vec::new());
        for baseline in team {
            if !rng.random_bool(ANSWER_PROBABILITY) {
                continue;
            }
            let mut sum = 0.0;
            for asked in &mut answers[first..first + QUESTIONS] {
                let answer = (baseline + self.noise.sample(rng) - shift)
                    .round()
                    .clamp(1.0, 5.0);
                asked.push(answer);
                sum += answer;
            }
            person_means.push(sum / QUESTIONS as f64);
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

    fn push(&mut self, round: Round, tuning: &Tuning) -> Alarms {
        let mut alarms = Alarms::default();
        alarms.0[0] += usize::from(
            self.score
                .push(round.score, |h| mean_drop(h, &tuning.score)),
        );
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

/// Detection of a sustained fall of [`FALL`] in every answer from round `HISTORY + 1`.
struct Detection {
    /// Rounds from the fall's start to the first score or driver alarm (1 = its first round).
    delays: Vec<Option<usize>>,
    score_only: usize,
}

fn detection(world: &World, tuning: &Tuning, seed: u64) -> Detection {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut delays = Vec::with_capacity(DETECTION_TEAMS);
    let mut score_only = 0;
    for _ in 0..DETECTION_TEAMS {
        let people = world.team(&mut rng);
        let mut team = Team::new();
        let mut first = None;
        let mut first_score = None;
        for index in 0..HISTORY + FOLLOW_UP {
            let shift = if index >= HISTORY { FALL } else { 0.0 };
            let alarms = team.push(world.round(&mut rng, &people, index, shift), tuning);
            if index < HISTORY {
                continue;
            }
            let delay = index - HISTORY + 1;
            if first.is_none() && alarms.0[0] + alarms.0[1] > 0 {
                first = Some(delay);
            }
            if first_score.is_none() && alarms.0[0] > 0 {
                first_score = Some(delay);
            }
        }
        delays.push(first);
        score_only += usize::from(first_score.is_some_and(|d| d <= TARGET_DELAY));
    }
    Detection { delays, score_only }
}

/// False alarms of every detector over team-years with no change.
struct FalseAlarms {
    /// Per kind, over the 52 rounds after the history.
    year: [usize; 4],
    /// All kinds, during the history rounds (once a chart has its minimum history).
    history: usize,
}

fn false_alarms(world: &World, tuning: &Tuning, seed: u64) -> FalseAlarms {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut result = FalseAlarms {
        year: [0; 4],
        history: 0,
    };
    for _ in 0..TEAM_YEARS {
        let people = world.team(&mut rng);
        let mut team = Team::new();
        for index in 0..HISTORY + YEAR {
            let alarms = team.push(world.round(&mut rng, &people, index, 0.0), tuning);
            if index < HISTORY {
                result.history += alarms.0.iter().sum::<usize>();
            } else {
                for (total, n) in result.year.iter_mut().zip(alarms.0) {
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

fn report(world: &World, tuning: &Tuning) {
    let started = Instant::now();
    let found = detection(world, tuning, 2026);
    let within = found
        .delays
        .iter()
        .filter(|d| d.is_some_and(|d| d <= TARGET_DELAY))
        .count();
    let teams = DETECTION_TEAMS as f64;
    println!("detection of a sustained {FALL}-point fall, {DETECTION_TEAMS} teams:");
    println!(
        "  flagged within {TARGET_DELAY} rounds: {:.1} % (score chart alone {:.1} %; target >= 90 %)",
        100.0 * within as f64 / teams,
        100.0 * found.score_only as f64 / teams,
    );
    println!(
        "  flagged within {FOLLOW_UP} rounds: {:.1} %",
        100.0 * found.delays.iter().flatten().count() as f64 / teams
    );
    println!("  median rounds to detection: {}", median(&found.delays));

    let alarms = false_alarms(world, tuning, 2027);
    let years = TEAM_YEARS as f64;
    let total: usize = alarms.year.iter().sum();
    println!("false alarms with no change, {TEAM_YEARS} team-years of {YEAR} rounds:");
    println!(
        "  all detectors: {:.3} per team-year (target <= 1)",
        total as f64 / years
    );
    for (kind, n) in KINDS.iter().zip(alarms.year) {
        println!("    {kind:<14} {:.3}", n as f64 / years);
    }
    println!(
        "  during the {HISTORY} history rounds: {:.3} per team",
        alarms.history as f64 / years
    );
    println!("({:.1} s)", started.elapsed().as_secs_f64());
}

fn main() -> anyhow::Result<()> {
    let world = World::new()?;
    let tuning = Tuning {
        score: ChartParams::SCORE,
        driver: ChartParams::DRIVER,
        response: ChartParams::RESPONSE_RATE,
        kudos: ChartParams::KUDOS,
    };
    report(&world, &tuning);
    Ok(())
}
