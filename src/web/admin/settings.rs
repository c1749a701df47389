//! `/web/admin/settings`: the schedules in force with their next runs in the org's time zone,
//! the answer window, the reminder, questions per round, and k with what it protects.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};

use super::{Admin, Section, frame};
use crate::bot::format::date_time;
use crate::core::schedule::CronSchedule;
use crate::web::layout::{RegionName, scroll_region};
use crate::web::{Page, WebError};

/// When `schedule` next fires after `now`, read in `tz`, as the org reads a clock.
fn next_run(schedule: &CronSchedule, now: DateTime<Utc>, tz: Tz) -> Option<String> {
    schedule
        .next_after(now, tz)
        .map(|at| format!("{} ({})", date_time(at, tz), tz.name()))
}

/// `GET /web/admin/settings`.
pub(super) async fn page(Admin(page): Admin) -> Result<Markup, WebError> {
    let config = page.bot.config();
    let pulse = &config.settings.pulse;
    let tz = page.viewer.org.timezone;
    let now = page.bot.now();
    let k = config.min_group_size;
    let schedules = [
        (
            page.t("web-admin-settings-pulse", &[]),
            &config.pulse_schedule,
            page.t("web-admin-settings-pulse-about", &[]),
        ),
        (
            page.t("web-admin-settings-digest", &[]),
            &config.digest_schedule,
            page.t("web-admin-settings-digest-about", &[]),
        ),
        (
            page.t("web-admin-settings-moment", &[]),
            &config.moment_schedule,
            page.t(
                "web-admin-settings-moment-about",
                &[("channel", config.settings.narrative.channel.clone().into())],
            ),
        ),
    ];
    Ok(frame(
        &page,
        Section::Settings,
        html! {
            p {
                (page.t("web-admin-settings-zone", &[
                    ("timezone", tz.name().into()),
                    ("language", page.viewer.org.locale.code().into()),
                ]))
            }
            h2 #schedules { (page.t("web-admin-settings-schedules", &[])) }
            (scroll_region(RegionName::LabelledBy("schedules"), html! {
                table.settings aria-labelledby="schedules" {
                    thead {
                        tr {
                            th scope="col" { (page.t("web-admin-settings-what", &[])) }
                            th scope="col" { (page.t("web-admin-settings-expression", &[])) }
                            th scope="col" { (page.t("web-admin-settings-next", &[])) }
                        }
                    }
                    tbody {
                        @for (name, schedule, about) in &schedules {
                            tr {
                                th scope="row" { (name) p.note { (about) } }
                                td { code { (schedule.expression()) } }
                                td { (next_run(schedule, now, tz).unwrap_or_else(|| page.t("web-admin-settings-never", &[]))) }
                            }
                        }
                    }
                }
            }))
            h2 #rounds { (page.t("web-admin-settings-rounds", &[])) }
            (round_settings(&page, pulse))
            h2 #k { (page.t("web-admin-settings-k-title", &[])) }
            p.k-value { strong { (page.t("web-admin-settings-k", &[("k", k.into())])) } }
            p { (page.t("web-admin-settings-k-about", &[("k", k.into())])) }
            p.note { (page.t("web-admin-settings-how-to-change", &[])) }
        },
    ))
}

fn round_settings(page: &Page, pulse: &crate::config::PulseSettings) -> Markup {
    let rows = [
        (
            page.t("web-admin-settings-window", &[]),
            page.t(
                "web-admin-settings-hours",
                &[("hours", pulse.answer_window_hours.into())],
            ),
        ),
        (
            page.t("web-admin-settings-reminder", &[]),
            page.t(
                "web-admin-settings-hours",
                &[("hours", pulse.remind_after_hours.into())],
            ),
        ),
        (
            page.t("web-admin-settings-per-round", &[]),
            pulse.questions_per_round.to_string(),
        ),
    ];
    html! {
        (scroll_region(RegionName::LabelledBy("rounds"), html! {
            table.settings aria-labelledby="rounds" {
                tbody {
                    @for (name, value) in &rows {
                        tr {
                            th scope="row" { (name) }
                            td { (value) }
                        }
                    }
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_next_run_is_read_on_the_orgs_clock() {
        let schedule = CronSchedule::parse("0 0 10 * * Mon").expect("valid");
        let wednesday = Utc
            .with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(
            next_run(&schedule, wednesday, chrono_tz::Europe::Athens).as_deref(),
            Some("2026-11-30 10:00 (Europe/Athens)")
        );
    }
}
