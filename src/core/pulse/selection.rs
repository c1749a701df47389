//! Choosing each round's questions from the bank, so that a short round still covers every
//! driver within a month and nobody answers the same statement week after week.
//!
//! The rule, applied by [`choose_questions`]:
//!
//! 1. **eNPS once a month.** The first round of each calendar month asks one eNPS question (the
//!    least recently asked one); every other round asks none. A round is the first of its
//!    month when the history holds no eNPS question earlier in that month. eNPS takes its slot
//!    first.
//! 2. **Most overdue driver first.** The remaining slots go to the agreement drivers in order
//!    of how long ago each was last asked; a driver never asked is the most overdue. Drivers
//!    last asked on the same date are ordered by the ask before that (and so on), so drivers
//!    take turns like a queue instead of the same ones always winning a tie; only drivers with
//!    identical histories fall back to [`Driver`] order. Each driver gets one question per
//!    round while there are more drivers than slots; only when every driver already has one
//!    does a driver get a second.
//! 3. **Rotation within a driver.** A driver's question is its least recently asked one
//!    (never asked first), ties by id.
//!
//! Only history dated strictly before the round counts, so choosing again for the same date
//! (a retried round) gives the same answer. Nothing is random.
//!
//! **The four-week guarantee.** A driver is passed over only for drivers more overdue than it,
//! and each of those moves behind it once asked, so after being asked a driver waits for at
//! most the other `n - 1` agreement drivers. With weekly rounds of `count` questions, the four
//! rounds after any round hold at least `4 * count - 1` agreement slots, because the first
//! rounds of two months are at least four weeks apart and so at most one of the four asks
//! eNPS. Only at the very start can two eNPS rounds be a week apart (a first round at a
//! month's end), leaving `4 * count - 2` slots for `n` drivers never asked. So every driver is
//! asked at least once in every 28 days whenever `4 * count - 2 >= n`: for the ten built-in
//! drivers, whenever `count >= 3`. With fewer questions per round the guarantee cannot hold;
//! the drivers still take turns, so none is asked twice before all the others have been asked.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use chrono::{Datelike, NaiveDate};

use super::{Driver, Question};

/// One question asked in an earlier round of this organisation: the history that decides
/// which drivers are overdue and which questions come next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskedBefore {
    /// The question's id.
    pub question_id: String,
    /// What it measured when it was asked (kept even if the question later leaves the bank).
    pub driver: Driver,
    /// The round's date.
    pub date: NaiveDate,
}

/// The ids of the questions for the round on `round_date`, following the rule in the module
/// documentation: exactly `count` distinct ids, or fewer when the bank has fewer eligible
/// questions. Agreement questions come first, most overdue driver first; the monthly eNPS
/// question, when due, comes last.
pub fn choose_questions(
    bank: &[Question],
    asked: &[AskedBefore],
    round_date: NaiveDate,
    count: usize,
) -> Vec<String> {
    let history: Vec<&AskedBefore> = asked.iter().filter(|a| a.date < round_date).collect();
    let mut question_last: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    let mut driver_dates: BTreeMap<Driver, BTreeSet<NaiveDate>> = BTreeMap::new();
    for entry in &history {
        let q = question_last
            .entry(entry.question_id.as_str())
            .or_insert(entry.date);
        *q = (*q).max(entry.date);
        driver_dates
            .entry(entry.driver)
            .or_default()
            .insert(entry.date);
    }
    // Newest first: comparing these lists orders drivers by last ask, then the ask before, ...
    // and a driver asked fewer times (a prefix) or never (empty) comes first.
    let overdue_key = |driver: Driver| -> Vec<NaiveDate> {
        driver_dates
            .get(&driver)
            .map(|dates| dates.iter().rev().copied().collect())
            .unwrap_or_default()
    };
    let rotation = |driver: Driver| -> VecDeque<&str> {
        let mut ids: Vec<&str> = bank
            .iter()
            .filter(|q| q.driver == driver)
            .map(|q| q.id.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        ids.sort_by_key(|id| (question_last.get(id).copied(), *id));
        ids.into()
    };

    let enps_asked_this_month = history.iter().any(|a| {
        a.driver == Driver::Enps
            && a.date.year() == round_date.year()
            && a.date.month() == round_date.month()
    });
    let enps = if count > 0 && !enps_asked_this_month {
        rotation(Driver::Enps).pop_front()
    } else {
        None
    };
    let slots = count - usize::from(enps.is_some());

    let mut drivers: Vec<(Vec<NaiveDate>, Driver, VecDeque<&str>)> = Driver::ALL
        .into_iter()
        .filter(|&d| d != Driver::Enps)
        .map(|d| (overdue_key(d), d, rotation(d)))
        .filter(|(_, _, queue)| !queue.is_empty())
        .collect();
    drivers.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));

    let mut chosen: Vec<&str> = Vec::with_capacity(count);
    // One pass per "question per driver": the first gives every driver one, later ones only
    // run when slots are left over.
    'passes: while chosen.len() < slots {
        let mut progressed = false;
        for (_, _, queue) in &mut drivers {
            if chosen.len() == slots {
                break 'passes;
            }
            while let Some(id) = queue.pop_front() {
                if Some(id) != enps && !chosen.contains(&id) {
                    chosen.push(id);
                    progressed = true;
                    break;
                }
            }
        }
        if !progressed {
            break;
        }
    }
    chosen.extend(enps);
    chosen.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::core::pulse::bank::builtin_questions;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn driver_of(bank: &[Question], id: &str) -> Driver {
        bank.iter()
            .find(|q| q.id == id)
            .map(|q| q.driver)
            .expect("chosen ids come from the bank")
    }

    fn agreement_drivers() -> Vec<Driver> {
        Driver::ALL
            .into_iter()
            .filter(|&d| d != Driver::Enps)
            .collect()
    }

    /// Runs `rounds` weekly rounds from `start` with an empty history, feeding every choice
    /// back as history.
    fn simulate(start: NaiveDate, rounds: usize, count: usize) -> Vec<(NaiveDate, Vec<String>)> {
        let bank = builtin_questions();
        let mut history = Vec::new();
        let mut out = Vec::new();
        let mut day = start;
        for _ in 0..rounds {
            let ids = choose_questions(&bank, &history, day, count);
            for id in &ids {
                history.push(AskedBefore {
                    question_id: id.clone(),
                    driver: driver_of(&bank, id),
                    date: day,
                });
            }
            out.push((day, ids));
            day += chrono::TimeDelta::days(7);
        }
        out
    }

    /// Start dates on every weekday and at both ends of a month, so month boundaries fall on
    /// every position within the four-week window.
    fn starts() -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = (1..=7).map(|d| date(2025, 1, d)).collect();
        v.extend([date(2024, 2, 26), date(2025, 3, 31), date(2026, 8, 15)]);
        v
    }

    #[test]
    fn every_driver_is_asked_within_every_28_days_when_count_is_at_least_3() {
        let bank = builtin_questions();
        for count in 3..=12 {
            for start in starts() {
                let rounds = simulate(start, 52, count);
                let last = rounds.last().map(|(d, _)| *d).expect("52 rounds");
                let mut window = start;
                while window + chrono::TimeDelta::days(27) <= last {
                    let end = window + chrono::TimeDelta::days(27);
                    for driver in agreement_drivers() {
                        let asked = rounds
                            .iter()
                            .filter(|(d, _)| *d >= window && *d <= end)
                            .flat_map(|(_, ids)| ids)
                            .any(|id| driver_of(&bank, id) == driver);
                        assert!(
                            asked,
                            "count {count}, start {start}: {} not asked {window}..={end}",
                            driver.as_str()
                        );
                    }
                    window += chrono::TimeDelta::days(1);
                }
            }
        }
    }

    #[test]
    fn enps_is_asked_exactly_once_per_calendar_month() {
        let bank = builtin_questions();
        for count in 1..=6 {
            for start in starts() {
                let mut per_month: BTreeMap<(i32, u32), usize> = BTreeMap::new();
                for (day, ids) in simulate(start, 52, count) {
                    let n = ids
                        .iter()
                        .filter(|id| driver_of(&bank, id) == Driver::Enps)
                        .count();
                    *per_month.entry((day.year(), day.month())).or_default() += n;
                }
                for (month, n) in per_month {
                    assert_eq!(n, 1, "count {count}, start {start}, month {month:?}");
                }
            }
        }
    }

    #[test]
    fn rounds_are_full_and_have_no_duplicates() {
        for count in [3, 5] {
            for (day, ids) in simulate(date(2025, 1, 6), 52, count) {
                assert_eq!(ids.len(), count, "{day}");
                let distinct: BTreeSet<&String> = ids.iter().collect();
                assert_eq!(distinct.len(), ids.len(), "{day}: {ids:?}");
            }
        }
    }

    #[test]
    fn questions_rotate_within_each_driver() {
        let bank = builtin_questions();
        let mut times: BTreeMap<String, usize> = BTreeMap::new();
        for (_, ids) in simulate(date(2025, 1, 6), 52, 5) {
            for id in ids {
                *times.entry(id).or_default() += 1;
            }
        }
        for driver in Driver::ALL {
            let counts: Vec<usize> = bank
                .iter()
                .filter(|q| q.driver == driver)
                .map(|q| times.get(&q.id).copied().unwrap_or(0))
                .collect();
            let (min, max) = (counts.iter().min(), counts.iter().max());
            assert!(
                matches!((min, max), (Some(lo), Some(hi)) if hi - lo <= 1 && *lo > 0),
                "{}: {counts:?}",
                driver.as_str()
            );
        }
    }

    #[test]
    fn drivers_take_turns_at_every_count_even_below_three() {
        let bank = builtin_questions();
        for count in 1..=6 {
            for start in starts() {
                let mut totals: BTreeMap<Driver, usize> = BTreeMap::new();
                for (_, ids) in simulate(start, 52, count) {
                    for id in ids {
                        *totals.entry(driver_of(&bank, &id)).or_default() += 1;
                    }
                }
                let totals: Vec<usize> = agreement_drivers()
                    .iter()
                    .map(|d| totals.get(d).copied().unwrap_or(0))
                    .collect();
                let (min, max) = (totals.iter().min(), totals.iter().max());
                assert!(
                    matches!((min, max), (Some(lo), Some(hi)) if hi - lo <= 1 && *lo > 0),
                    "count {count}, start {start}: {totals:?}"
                );
            }
        }
    }

    #[test]
    fn two_questions_a_round_cannot_cover_ten_drivers_in_four_weeks() {
        let bank = builtin_questions();
        let mut last_seen: BTreeMap<Driver, NaiveDate> = BTreeMap::new();
        let mut longest_gap = 0;
        for (day, ids) in simulate(date(2025, 1, 6), 52, 2) {
            for id in ids {
                if let Some(before) = last_seen.insert(driver_of(&bank, &id), day) {
                    longest_gap = longest_gap.max((day - before).num_days());
                }
            }
        }
        assert!(longest_gap > 28, "the documented limit: {longest_gap} days");
    }

    #[test]
    fn the_most_overdue_driver_comes_first() {
        let bank = builtin_questions();
        let round = date(2025, 6, 16);
        let mut history: Vec<AskedBefore> = agreement_drivers()
            .into_iter()
            .map(|d| AskedBefore {
                question_id: format!("{}-1", d.as_str()),
                driver: d,
                date: date(2025, 6, 9),
            })
            .collect();
        for entry in &mut history {
            if entry.driver == Driver::Wellbeing {
                entry.date = date(2025, 5, 19);
            }
            if entry.driver == Driver::Growth {
                entry.date = date(2025, 5, 26);
            }
        }
        history.push(AskedBefore {
            question_id: "enps-1".into(),
            driver: Driver::Enps,
            date: date(2025, 6, 2),
        });
        let ids = choose_questions(&bank, &history, round, 3);
        assert_eq!(ids, ["wellbeing-2", "growth-2", "recognition-2"]);
    }

    #[test]
    fn a_new_month_brings_the_least_recently_asked_enps_question() {
        let bank = builtin_questions();
        let history = vec![
            AskedBefore {
                question_id: "enps-1".into(),
                driver: Driver::Enps,
                date: date(2025, 5, 5),
            },
            AskedBefore {
                question_id: "enps-2".into(),
                driver: Driver::Enps,
                date: date(2025, 6, 2),
            },
        ];
        let same_month = choose_questions(&bank, &history, date(2025, 6, 30), 5);
        assert!(!same_month.iter().any(|id| id.starts_with("enps")));
        let next_month = choose_questions(&bank, &history, date(2025, 7, 7), 5);
        assert_eq!(next_month.last().map(String::as_str), Some("enps-1"));
        assert_eq!(next_month.len(), 5);
    }

    #[test]
    fn history_on_or_after_the_round_date_is_ignored() {
        let bank = builtin_questions();
        let day = date(2025, 3, 3);
        let first = choose_questions(&bank, &[], day, 5);
        let retried: Vec<AskedBefore> = first
            .iter()
            .map(|id| AskedBefore {
                question_id: id.clone(),
                driver: driver_of(&bank, id),
                date: day,
            })
            .collect();
        assert_eq!(choose_questions(&bank, &retried, day, 5), first);
    }

    #[test]
    fn one_question_per_driver_before_any_driver_gets_a_second() {
        let bank = builtin_questions();
        let ids = choose_questions(&bank, &[], date(2025, 1, 6), 12);
        assert_eq!(ids.len(), 12);
        let first_ten: BTreeSet<Driver> = ids[..10].iter().map(|id| driver_of(&bank, id)).collect();
        assert_eq!(first_ten.len(), 10);
        assert!(!first_ten.contains(&Driver::Enps));
        assert_eq!(ids[10], "recognition-2");
        assert_eq!(ids[11], "enps-1");
    }

    #[test]
    fn a_small_bank_gives_what_it_has() {
        let bank = builtin_questions();
        let all = choose_questions(&bank, &[], date(2025, 1, 6), 100);
        assert_eq!(
            all.len(),
            bank.len() - 1,
            "every question but the second eNPS"
        );
        let distinct: BTreeSet<&String> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
        assert!(choose_questions(&bank, &[], date(2025, 1, 6), 0).is_empty());
        assert!(choose_questions(&[], &[], date(2025, 1, 6), 5).is_empty());
    }

    #[test]
    fn the_same_inputs_give_the_same_choice() {
        assert_eq!(
            simulate(date(2025, 1, 6), 20, 4),
            simulate(date(2025, 1, 6), 20, 4)
        );
    }
}
