//! A year of the demo company's history, as data: who answers what each week, the team whose
//! engagement falls at the end, kudos across departments, comments and who read the narrative.
//!
//! Pure and seeded, so every run seeds the same year; `Bot::seed_demo_history` stores it
//! through the same paths real answers take.

/// Weekly closed rounds seeded before the console starts: a year.
pub const WEEKS: usize = 52;

/// The department (by name) whose engagement falls in the last weeks: Sam's, so the demo's
/// manager sees the alert.
pub const FALLING_DEPARTMENT: &str = "Support";

/// How many of the last weeks the falling team answers lower.
pub const FALL_WEEKS: usize = 4;

/// How far the falling team's answers fall, in points on the 1-5 scale.
pub const FALL: f64 = 0.7;

/// The handle of the demo's manager, whose `/engagement` the README's script ends on.
pub const MANAGER_HANDLE: &str = "sam";

/// A deterministic stream of numbers (xorshift), so the demo needs no random crate.
#[derive(Debug, Clone)]
pub struct DemoRng(u64);

impl DemoRng {
    /// A stream for one person and week: the same inputs always give the same answers.
    pub fn for_answer(handle: &str, week: usize) -> DemoRng {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64 ^ (week as u64).wrapping_mul(0x2545_f491);
        for b in handle.bytes() {
            seed = (seed ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        DemoRng(seed | 1)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Roughly normal noise with standard deviation `sd` (the sum of four uniforms).
    pub fn noise(&mut self, sd: f64) -> f64 {
        let sum: f64 = (0..4).map(|_| self.unit()).sum();
        (sum - 2.0) * sd * 3f64.sqrt()
    }
}

/// A person's usual level on the 1-5 scale, between 3.4 and 4.4, the same every run.
pub fn baseline(handle: &str) -> f64 {
    3.4 + DemoRng::for_answer(handle, usize::MAX).unit()
}

/// One person's answers in week `week` (0 is a year ago) to questions with these `(min, max)`
/// scales, or `None` when they skipped the round (about one week in eight). `falling` people
/// answer [`FALL`] lower in the last [`FALL_WEEKS`] weeks.
pub fn answers(handle: &str, week: usize, falling: bool, scales: &[(u8, u8)]) -> Option<Vec<u8>> {
    let mut rng = DemoRng::for_answer(handle, week);
    if rng.unit() < 0.12 {
        return None;
    }
    let shift = if falling && week + FALL_WEEKS >= WEEKS {
        FALL
    } else {
        0.0
    };
    let level = baseline(handle) - shift;
    Some(
        scales
            .iter()
            .map(|&(min, max)| {
                let on_five = level + rng.noise(0.5);
                // eNPS (0-10) follows the same mood: 3 on 1-5 is a 5, 5 is a 10.
                let value = if max > 5 {
                    (on_five - 3.0) * 2.5 + 5.0
                } else {
                    on_five
                };
                value.round().clamp(f64::from(min), f64::from(max)) as u8
            })
            .collect(),
    )
}

/// One kudos of the demo: handles, words, values and how many days before the console starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoKudos {
    /// Who gives it.
    pub from: &'static str,
    /// Who receives it.
    pub to: &'static [&'static str],
    /// The words.
    pub message: &'static str,
    /// Its values.
    pub values: &'static [&'static str],
    /// Days before the console's start.
    pub days_ago: i64,
}

/// Kudos across departments in the last weeks, so the digest's recognition matrix has rows.
pub const KUDOS: &[DemoKudos] = &[
    DemoKudos {
        from: "grace",
        to: &["ana", "ben"],
        message: "walked me through the three customer tickets behind the export bug",
        values: &["customer-first"],
        days_ago: 2,
    },
    DemoKudos {
        from: "ana",
        to: &["dev"],
        message: "shipped the export fix the same afternoon Acme reported it",
        values: &["customer-first"],
        days_ago: 3,
    },
    DemoKudos {
        from: "piotr",
        to: &["eleni"],
        message: "rerouted the delayed Athens order and called the customer herself",
        values: &["ownership"],
        days_ago: 4,
    },
    DemoKudos {
        from: "chloe",
        to: &["zofia"],
        message: "turned our refund questions into a help page customers actually read",
        values: &["customer-first"],
        days_ago: 5,
    },
    DemoKudos {
        from: "sam",
        to: &["kasia"],
        message: "kept the Friday deliveries on time while we were short-staffed",
        values: &["ownership"],
        days_ago: 6,
    },
    DemoKudos {
        from: "rachel",
        to: &["hana"],
        message: "fixed the mobile checkout crash before the client demo",
        values: &["customer-first"],
        days_ago: 12,
    },
];

/// Anonymous comments left in the latest round, by people of the falling team.
pub const COMMENTS: &[(&str, &str)] = &[
    (
        "ana",
        "Too many escalations land on us without context since the new routing.",
    ),
    (
        "ben",
        "We are short two people on the late shift and it shows.",
    ),
];

/// Whether a person has read the current narrative: most have, a few not yet.
pub fn reads_narrative(handle: &str) -> bool {
    DemoRng::for_answer(handle, 7_777).unit() < 0.7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_and_week_always_answer_the_same() {
        let scales = [(1, 5), (1, 5), (0, 10)];
        assert_eq!(
            answers("ana", 3, false, &scales),
            answers("ana", 3, false, &scales)
        );
    }

    #[test]
    fn the_falling_team_answers_lower_in_the_last_weeks() {
        // Arrange
        let people = ["ana", "ben", "eleni", "nikos", "zofia", "sam"];
        let scales = [(1, 5); 5];
        let mean = |week: usize| {
            let all: Vec<u8> = people
                .iter()
                .filter_map(|p| answers(p, week, true, &scales))
                .flatten()
                .collect();
            all.iter().map(|v| f64::from(*v)).sum::<f64>() / all.len() as f64
        };

        // Act
        let before = (WEEKS - 12..WEEKS - FALL_WEEKS).map(mean).sum::<f64>() / 8.0;
        let after = (WEEKS - FALL_WEEKS..WEEKS).map(mean).sum::<f64>() / FALL_WEEKS as f64;

        // Assert
        assert!(before - after > 0.6, "before {before}, after {after}");
    }

    #[test]
    fn answers_stay_on_their_scales() {
        for week in 0..WEEKS {
            if let Some(a) = answers("nikos", week, true, &[(1, 5), (0, 10)]) {
                assert!((1..=5).contains(&a[0]) && a[1] <= 10, "{a:?}");
            }
        }
    }
}
