//! Planning a round: when each person gets it, when it closes, when reminders go out.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::core::ids::PersonId;
use crate::core::schedule::CronSchedule;

/// When one person is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedDelivery {
    /// Who.
    pub person: PersonId,
    /// The schedule's local time in their zone.
    pub deliver_at: DateTime<Utc>,
    /// When to remind them if they have not answered.
    pub remind_at: DateTime<Utc>,
}

/// A round's timetable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundPlan {
    /// Per person.
    pub deliveries: Vec<PlannedDelivery>,
    /// The first delivery.
    pub opens_at: DateTime<Utc>,
    /// Answers are accepted until then: the last delivery plus the answer window.
    pub closes_at: DateTime<Utc>,
}

/// The next instant the schedule fires for anyone: the round starts with the person whose
/// local time comes first (the east of the world).
pub fn next_trigger(
    schedule: &CronSchedule,
    after: DateTime<Utc>,
    zones: &[Tz],
) -> Option<DateTime<Utc>> {
    zones
        .iter()
        .filter_map(|tz| schedule.next_after(after, *tz))
        .min()
}

/// Plans a scheduled round that starts at `trigger`: each person gets it at the schedule's
/// local time in their zone, the first such time at or after the trigger.
pub fn plan_scheduled(
    schedule: &CronSchedule,
    trigger: DateTime<Utc>,
    people: &[(PersonId, Tz)],
    remind_after: Duration,
    answer_window: Duration,
) -> RoundPlan {
    let just_before = trigger - Duration::seconds(1);
    let deliveries = people
        .iter()
        .map(|(person, tz)| {
            let deliver_at = schedule.next_after(just_before, *tz).unwrap_or(trigger);
            PlannedDelivery {
                person: *person,
                deliver_at,
                remind_at: deliver_at + remind_after,
            }
        })
        .collect();
    finish(deliveries, trigger, answer_window)
}

/// Plans a round an admin starts now: everyone gets it at once.
pub fn plan_now(
    now: DateTime<Utc>,
    people: &[PersonId],
    remind_after: Duration,
    answer_window: Duration,
) -> RoundPlan {
    let deliveries = people
        .iter()
        .map(|person| PlannedDelivery {
            person: *person,
            deliver_at: now,
            remind_at: now + remind_after,
        })
        .collect();
    finish(deliveries, now, answer_window)
}

fn finish(
    deliveries: Vec<PlannedDelivery>,
    start: DateTime<Utc>,
    answer_window: Duration,
) -> RoundPlan {
    let opens_at = deliveries
        .iter()
        .map(|d| d.deliver_at)
        .min()
        .unwrap_or(start);
    let last = deliveries
        .iter()
        .map(|d| d.deliver_at)
        .max()
        .unwrap_or(start);
    RoundPlan {
        deliveries,
        opens_at,
        closes_at: last + answer_window,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn each_person_is_asked_at_ten_in_their_own_zone() {
        let s = CronSchedule::parse("0 0 10 * * Mon").expect("valid");
        let wed = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).single().expect("valid");
        let zones = [chrono_tz::Europe::Athens, chrono_tz::America::New_York];
        let trigger = next_trigger(&s, wed, &zones).expect("a trigger");
        // Athens (UTC+2) comes first: Monday 08:00 UTC.
        assert_eq!(trigger, Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).single().expect("valid"));
        let plan = plan_scheduled(
            &s,
            trigger,
            &[(PersonId(1), zones[0]), (PersonId(2), zones[1])],
            Duration::hours(24),
            Duration::hours(72),
        );
        assert_eq!(plan.deliveries[0].deliver_at, trigger);
        // New York (UTC-5): 15:00 UTC the same Monday.
        let ny = Utc.with_ymd_and_hms(2026, 11, 30, 15, 0, 0).single().expect("valid");
        assert_eq!(plan.deliveries[1].deliver_at, ny);
        assert_eq!(plan.deliveries[1].remind_at, ny + Duration::hours(24));
        assert_eq!(plan.closes_at, ny + Duration::hours(72));
    }
}
