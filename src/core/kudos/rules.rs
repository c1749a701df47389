//! The rules a kudos must pass, and the daily allowance.

use chrono::{DateTime, Days, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::KudosError;

/// The organisation's kudos settings, from config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KudosPolicy {
    /// The company's values, lower-case, without `#`.
    pub values: Vec<String>,
    /// The shortest message accepted, in characters.
    pub min_message_chars: usize,
    /// Recipients a person may thank per local day.
    pub daily_allowance: u32,
    /// Extra recipients per direct report, so a manager can thank a whole team.
    pub bonus_per_direct_report: u32,
}

impl KudosPolicy {
    /// Checks the message and values; returns the values to store.
    pub fn check_content(&self, message: &str, values: &[String]) -> Result<(), KudosError> {
        let actual = message.trim().chars().count();
        if actual == 0 {
            return Err(KudosError::MessageMissing);
        }
        if actual < self.min_message_chars {
            return Err(KudosError::MessageTooShort {
                min: self.min_message_chars,
                actual,
            });
        }
        if let Some(unknown) = values.iter().find(|v| !self.values.contains(v)) {
            return Err(KudosError::UnknownValue {
                value: unknown.clone(),
                valid: self.values.clone(),
            });
        }
        Ok(())
    }

    /// How many recipients this person may thank per day.
    pub fn allowance_for(&self, direct_reports: u32) -> u32 {
        self.daily_allowance
            .saturating_add(self.bonus_per_direct_report.saturating_mul(direct_reports))
    }
}

/// Today's allowance for one giver, in their own time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    /// Recipients allowed per day.
    pub allowance: u32,
    /// Recipients already thanked since local midnight.
    pub used: u32,
    /// The next local midnight, when `used` goes back to zero.
    pub resets_at: DateTime<Utc>,
    /// The giver's time zone.
    pub tz: Tz,
}

impl Allowance {
    /// Recipients still available today; never negative.
    pub fn remaining(&self) -> u32 {
        self.allowance.saturating_sub(self.used)
    }

    /// Refuses a kudos to `asked` recipients when it would go over the allowance.
    pub fn check(&self, asked: u32) -> Result<(), KudosError> {
        if asked > self.remaining() {
            return Err(KudosError::AllowanceExhausted {
                allowance: self.allowance,
                used: self.used,
                asked,
                resets_at: self.resets_at,
                tz: self.tz,
            });
        }
        Ok(())
    }
}

/// The start of the giver's local day and the start of the next one, in UTC.
///
/// Midnight does not exist on some daylight-saving days in a few zones; the day then starts at
/// the first instant that does exist.
pub fn local_day(now: DateTime<Utc>, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = now.with_timezone(&tz).date_naive();
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    (start_of(today, tz), start_of(tomorrow, tz))
}

fn start_of(date: chrono::NaiveDate, tz: Tz) -> DateTime<Utc> {
    // Try midnight, then every quarter hour after it: the gap of a DST jump is at most 2 hours.
    for minutes in (0..=180).step_by(15) {
        let t = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN);
        if let Some(dt) = tz.from_local_datetime(&date.and_time(t)).earliest() {
            return dt.with_timezone(&Utc);
        }
    }
    date.and_time(NaiveTime::MIN).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> KudosPolicy {
        KudosPolicy {
            values: vec!["customer-first".into(), "empathy".into()],
            min_message_chars: 20,
            daily_allowance: 5,
            bonus_per_direct_report: 1,
        }
    }

    #[test]
    fn a_short_message_is_refused_with_the_minimum() {
        assert_eq!(
            policy().check_content("nice", &[]),
            Err(KudosError::MessageTooShort { min: 20, actual: 4 })
        );
    }

    #[test]
    fn an_unknown_value_is_refused_with_the_valid_list() {
        let err = policy()
            .check_content("stayed late to help a customer", &["speed".into()])
            .expect_err("refused");
        assert_eq!(
            err,
            KudosError::UnknownValue {
                value: "speed".into(),
                valid: vec!["customer-first".into(), "empathy".into()]
            }
        );
    }

    #[test]
    fn managers_get_one_extra_recipient_per_direct_report() {
        assert_eq!(policy().allowance_for(0), 5);
        assert_eq!(policy().allowance_for(7), 12);
    }

    #[test]
    fn the_allowance_resets_at_midnight_in_the_givers_zone() {
        // 23:30 UTC on 24 Nov is 01:30 on 25 Nov in Athens (UTC+2).
        let now = Utc
            .with_ymd_and_hms(2026, 11, 24, 23, 30, 0)
            .single()
            .expect("valid");
        let (start, reset) = local_day(now, chrono_tz::Europe::Athens);
        assert_eq!(
            start,
            Utc.with_ymd_and_hms(2026, 11, 24, 22, 0, 0)
                .single()
                .expect("valid")
        );
        assert_eq!(
            reset,
            Utc.with_ymd_and_hms(2026, 11, 25, 22, 0, 0)
                .single()
                .expect("valid")
        );
    }

    #[test]
    fn a_day_without_a_midnight_starts_at_its_first_real_instant() {
        // Santiago skipped from 00:00 to 01:00 on 2026-09-06.
        let now = Utc
            .with_ymd_and_hms(2026, 9, 6, 12, 0, 0)
            .single()
            .expect("valid");
        let (start, _) = local_day(now, chrono_tz::America::Santiago);
        assert_eq!(
            start,
            Utc.with_ymd_and_hms(2026, 9, 6, 4, 0, 0)
                .single()
                .expect("valid")
        );
    }

    #[test]
    fn the_allowance_never_goes_negative_and_refuses_overdraw() {
        let a = Allowance {
            allowance: 5,
            used: 7,
            resets_at: Utc::now(),
            tz: chrono_tz::UTC,
        };
        assert_eq!(a.remaining(), 0);
        assert!(matches!(
            a.check(1),
            Err(KudosError::AllowanceExhausted { .. })
        ));
        let b = Allowance { used: 3, ..a };
        assert!(b.check(2).is_ok());
        assert!(b.check(3).is_err());
    }
}
