//! Turning a closed round's answers into totals, once, so reports never rescan answers.
//!
//! Totals are kept per department of the respondents (not per subtree) and per series: each
//! driver, and `engagement`, the mean of each respondent's agreement answers in the round.
//! Reports add departments up a subtree and apply the k rule there.

use std::collections::{BTreeMap, HashMap};

use super::Driver;

/// The series name of the per-respondent engagement score.
pub const ENGAGEMENT: &str = "engagement";

/// One answer as seen at close time.
#[derive(Debug, Clone, Copy)]
pub struct ClosingAnswer<'a> {
    /// The respondent's department.
    pub department: Option<i64>,
    /// The driver's name.
    pub driver: &'a str,
    /// The value.
    pub value: i64,
    /// The respondent's key in this round (`None` only for data closed earlier).
    pub respondent: Option<&'a str>,
}

/// Sums for one series in one department.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesTotals {
    /// The department.
    pub department: Option<i64>,
    /// A driver name or [`ENGAGEMENT`].
    pub series: String,
    /// Values counted (respondents, for engagement).
    pub n: i64,
    /// Sum of values.
    pub total: f64,
    /// Sum of squared values.
    pub total_sq: f64,
    /// How many gave each value (drivers only).
    pub distribution: BTreeMap<i64, i64>,
}

/// Totals per department and series.
pub fn totals(answers: &[ClosingAnswer<'_>]) -> Vec<SeriesTotals> {
    let mut out: BTreeMap<(Option<i64>, String), SeriesTotals> = BTreeMap::new();
    let mut per_respondent: HashMap<(Option<i64>, &str), (f64, f64)> = HashMap::new();
    for a in answers {
        let entry = out
            .entry((a.department, a.driver.to_string()))
            .or_insert_with(|| SeriesTotals {
                department: a.department,
                series: a.driver.to_string(),
                n: 0,
                total: 0.0,
                total_sq: 0.0,
                distribution: BTreeMap::new(),
            });
        let v = a.value as f64;
        entry.n += 1;
        entry.total += v;
        entry.total_sq += v * v;
        *entry.distribution.entry(a.value).or_default() += 1;
        if a.driver != Driver::Enps.as_str()
            && let Some(who) = a.respondent
        {
            let r = per_respondent.entry((a.department, who)).or_default();
            r.0 += v;
            r.1 += 1.0;
        }
    }
    for ((department, _), (sum, count)) in per_respondent {
        let mean = sum / count;
        let entry = out
            .entry((department, ENGAGEMENT.to_string()))
            .or_insert_with(|| SeriesTotals {
                department,
                series: ENGAGEMENT.to_string(),
                n: 0,
                total: 0.0,
                total_sq: 0.0,
                distribution: BTreeMap::new(),
            });
        entry.n += 1;
        entry.total += mean;
        entry.total_sq += mean * mean;
    }
    out.into_values().collect()
}

/// Mean, standard deviation and count from summed totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Mean value.
    pub mean: f64,
    /// Sample standard deviation (0 for fewer than two values).
    pub sd: f64,
    /// How many values.
    pub n: i64,
}

/// Summarises totals (possibly added up over several departments).
pub fn summarise(n: i64, total: f64, total_sq: f64) -> Option<Summary> {
    if n <= 0 {
        return None;
    }
    let nf = n as f64;
    let mean = total / nf;
    let var = if n > 1 {
        ((total_sq - nf * mean * mean) / (nf - 1.0)).max(0.0)
    } else {
        0.0
    };
    Some(Summary {
        mean,
        sd: var.sqrt(),
        n,
    })
}

/// eNPS from a 0-10 distribution: % promoters (9-10) minus % detractors (0-6).
pub fn enps(distribution: &BTreeMap<i64, i64>) -> Option<f64> {
    let n: i64 = distribution.values().sum();
    if n == 0 {
        return None;
    }
    let promoters: i64 = distribution.range(9..).map(|(_, c)| c).sum();
    let detractors: i64 = distribution.range(..=6).map(|(_, c)| c).sum();
    Some(100.0 * (promoters - detractors) as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a<'a>(dept: i64, driver: &'a str, value: i64, who: &'a str) -> ClosingAnswer<'a> {
        ClosingAnswer {
            department: Some(dept),
            driver,
            value,
            respondent: Some(who),
        }
    }

    #[test]
    fn engagement_is_the_mean_of_each_respondents_answers_without_enps() {
        let answers = [
            a(1, "peers", 4, "x"),
            a(1, "growth", 2, "x"),
            a(1, "enps", 10, "x"),
            a(1, "peers", 5, "y"),
        ];
        let t = totals(&answers);
        let e = t
            .iter()
            .find(|s| s.series == ENGAGEMENT)
            .expect("engagement");
        assert_eq!(e.n, 2);
        assert!((e.total - (3.0 + 5.0)).abs() < 1e-9);
        let peers = t.iter().find(|s| s.series == "peers").expect("peers");
        assert_eq!(peers.distribution[&4], 1);
        let s = summarise(e.n, e.total, e.total_sq).expect("summary");
        assert!((s.mean - 4.0).abs() < 1e-9);
        assert!((s.sd - 2f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn enps_counts_promoters_minus_detractors() {
        let d = BTreeMap::from([(10, 2), (8, 1), (3, 1)]);
        assert_eq!(enps(&d), Some(25.0));
        assert_eq!(enps(&BTreeMap::new()), None);
    }
}
