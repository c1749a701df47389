//! Planning a round: when each person gets it, when it closes, when reminders go out.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
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

/// Plans a scheduled round that starts at `trigger`, the schedule's time in the zone that
/// reaches it first. Everyone is asked on the same local date, at the schedule's time in their
/// own zone; someone whose time on that date had already passed when the round started (the bot
/// was down, or was started late in the day) is asked at once rather than a week later.
pub fn plan_scheduled(
    schedule: &CronSchedule,
    trigger: DateTime<Utc>,
    trigger_zone: Tz,
    people: &[(PersonId, Tz)],
    remind_after: Duration,
    answer_window: Duration,
) -> RoundPlan {
    let date = trigger.with_timezone(&trigger_zone).date_naive();
    let deliveries = people
        .iter()
        .map(|(person, tz)| {
            let local_midnight = tz
                .from_local_datetime(&date.and_time(NaiveTime::MIN))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(trigger);
            let deliver_at = schedule
                .next_after(local_midnight - Duration::seconds(1), *tz)
                .unwrap_or(trigger)
                .max(trigger);
            PlannedDelivery {
                person: *person,
                deliver_at,
                remind_at: deliver_at + remind_after,
            }
        })
        .collect();
    finish(deliveries, trigger, answer_window)
}

/// The zone whose schedule time is `trigger` (the first to reach it), among `zones`.
pub fn trigger_zone(schedule: &CronSchedule, trigger: DateTime<Utc>, zones: &[Tz]) -> Option<Tz> {
    zones
        .iter()
        .copied()
        .find(|tz| schedule.next_after(trigger - Duration::seconds(1), *tz) == Some(trigger))
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
        let wed = Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .single()
            .expect("valid");
        let zones = [chrono_tz::Europe::Athens, chrono_tz::America::New_York];
        let trigger = next_trigger(&s, wed, &zones).expect("a trigger");
        // Athens (UTC+2) comes first: Monday 08:00 UTC.
        assert_eq!(
            trigger,
            Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0)
                .single()
                .expect("valid")
        );
        let plan = plan_scheduled(
            &s,
            trigger,
            zones[0],
            &[(PersonId(1), zones[0]), (PersonId(2), zones[1])],
            Duration::hours(24),
            Duration::hours(72),
        );
        assert_eq!(plan.deliveries[0].deliver_at, trigger);
        // New York (UTC-5): 15:00 UTC the same Monday.
        let ny = Utc
            .with_ymd_and_hms(2026, 11, 30, 15, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(plan.deliveries[1].deliver_at, ny);
        assert_eq!(plan.deliveries[1].remind_at, ny + Duration::hours(24));
        assert_eq!(plan.closes_at, ny + Duration::hours(72));
    }

    #[test]
    fn people_whose_time_had_passed_are_asked_at_once_not_a_week_later() {
        let s = CronSchedule::parse("0 0 10 * * Mon").expect("valid");
        // Started on Monday at 17:00 UTC: only Los Angeles (10:00 = 18:00 UTC) is still ahead.
        let trigger = Utc
            .with_ymd_and_hms(2026, 11, 30, 18, 0, 0)
            .single()
            .expect("valid");
        let la = chrono_tz::America::Los_Angeles;
        let athens = chrono_tz::Europe::Athens;
        assert_eq!(trigger_zone(&s, trigger, &[athens, la]), Some(la));
        let plan = plan_scheduled(
            &s,
            trigger,
            la,
            &[(PersonId(1), athens), (PersonId(2), la)],
            Duration::hours(24),
            Duration::hours(72),
        );
        assert_eq!(
            plan.deliveries[0].deliver_at, trigger,
            "Athens is asked at once"
        );
        assert_eq!(plan.deliveries[1].deliver_at, trigger);
        assert_eq!(plan.closes_at, trigger + Duration::hours(72));
    }
}
