//! Recurring schedules: cron expressions read in a time zone.
//!
//! The `cron` crate wants six or seven fields (seconds first) and numbers weekdays from Sunday = 1,
//! so config files use day names (`0 30 9 * * Mon`). A local time that does not exist on a
//! daylight-saving change is skipped, and one that happens twice is used once (the scheduler keys
//! jobs by their UTC fire time, and we take only the first after "now").

use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A validated cron expression.
#[derive(Debug, Clone)]
pub struct CronSchedule {
    expression: String,
    schedule: cron::Schedule,
}

impl CronSchedule {
    /// Parses an expression, returning the parser's complaint on error.
    pub fn parse(expression: &str) -> Result<Self, String> {
        let schedule = cron::Schedule::from_str(expression.trim()).map_err(|e| {
            // The parser's message may draw a caret under the expression on extra lines; the
            // first line is the part worth showing in a one-line configuration error.
            let message = e.to_string();
            let first = message
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            if first.is_empty() || first == expression.trim() {
                "the fields could not be read".to_string()
            } else {
                first
            }
        })?;
        Ok(Self {
            expression: expression.trim().to_string(),
            schedule,
        })
    }

    /// The expression as written.
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The first fire time strictly after `after`, reading the expression in `tz`.
    pub fn next_after(&self, after: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        self.schedule
            .after(&after.with_timezone(&tz))
            .next()
            .map(|t| t.with_timezone(&Utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn monday_half_past_nine_in_athens_is_found_in_utc() {
        let s = CronSchedule::parse("0 30 9 * * Mon").expect("valid");
        let wed = Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .single()
            .expect("valid");
        let next = s
            .next_after(wed, chrono_tz::Europe::Athens)
            .expect("a next time");
        assert_eq!(
            next,
            Utc.with_ymd_and_hms(2026, 11, 30, 7, 30, 0)
                .single()
                .expect("valid")
        );
    }

    #[test]
    fn five_field_unix_cron_is_refused_with_a_reason() {
        assert!(CronSchedule::parse("30 9 * * 1").is_err());
    }
}
