//! The company the fault run works on: an org chart of N people (departments, teams, managers,
//! time zones, languages, one admin) written as the CSV `ambassador org import` reads, and the
//! same people as Slack members with the same emails, so the directory matches them up.

use std::fmt::Write as _;

use chrono::{Offset, TimeZone, Utc};
use serde_json::{Value, json};

/// Top-level departments; each has a head reporting to the chief executive, and teams.
const DEPARTMENTS: [&str; 5] = ["Operations", "Engineering", "Sales", "Marketing", "Finance"];

/// Time zones, with the language most people there speak (Slack's locale, and the CSV's).
const ZONES: [(&str, &str, &str); 11] = [
    ("Europe/London", "en-GB", "en"),
    ("Europe/Lisbon", "en-GB", "en"),
    ("Europe/Athens", "el-GR", "el"),
    ("Europe/Warsaw", "pl-PL", "pl"),
    ("America/New_York", "en-US", "en"),
    ("America/Chicago", "en-US", "en"),
    ("America/Los_Angeles", "en-US", "en"),
    ("America/Sao_Paulo", "en-US", "en"),
    ("Asia/Kolkata", "en-GB", "en"),
    ("Asia/Tokyo", "en-US", "en"),
    ("Australia/Sydney", "en-GB", "en"),
];

/// One person, in the org chart and in the Slack workspace.
#[derive(Debug, Clone)]
pub struct Person {
    /// Their Slack user id.
    pub user_id: String,
    pub email: String,
    pub name: String,
    /// A department path (`Sales/Team 3`).
    pub department: String,
    /// Index of their manager in the list.
    pub manager: Option<usize>,
    pub timezone: &'static str,
    /// Slack's locale (`en-GB`).
    pub slack_locale: &'static str,
    /// The bot's language code (`en`).
    pub locale: &'static str,
    pub admin: bool,
}

/// `n` people (at least 2): the chief executive (an admin) first, then the department heads,
/// the team leads and everyone else, spread over teams of about 200.
pub fn generate(n: usize) -> Vec<Person> {
    let n = n.max(2);
    let heads = DEPARTMENTS.len().min(n - 1);
    let teams_per_department = (n / 1_000).clamp(1, 10);
    let teams = heads * teams_per_department;
    let leads = teams.min(n - 1 - heads);
    let person = |i: usize, department: String, manager: Option<usize>, admin: bool| {
        let (timezone, slack_locale, locale) = ZONES[i % ZONES.len()];
        Person {
            user_id: format!("U{:08}", i + 1),
            email: format!("p{:06}@fault.example", i + 1),
            name: format!("Person {}", i + 1),
            department,
            manager,
            timezone,
            slack_locale,
            locale,
            admin,
        }
    };
    let mut people = Vec::with_capacity(n);
    people.push(person(0, "Executive".into(), None, true));
    for (d, department) in DEPARTMENTS.iter().enumerate().take(heads) {
        people.push(person(1 + d, (*department).into(), Some(0), false));
    }
    // Team t belongs to department t % heads; its lead reports to that department's head.
    let team_name = |t: usize| format!("{}/Team {}", DEPARTMENTS[t % heads], t / heads + 1);
    for t in 0..leads {
        let i = 1 + heads + t;
        people.push(person(i, team_name(t), Some(1 + t % heads), false));
    }
    for i in (1 + heads + leads)..n {
        if leads == 0 {
            people.push(person(i, DEPARTMENTS[0].into(), Some(1), false));
            continue;
        }
        let t = i % leads;
        people.push(person(i, team_name(t), Some(1 + heads + t), false));
    }
    people
}

/// The org chart CSV, in the shape of `src/demo/org.csv`.
pub fn csv(people: &[Person]) -> String {
    let mut out =
        String::from("email,name,department,manager_email,timezone,locale,admin,active\n");
    for p in people {
        let manager = p.manager.map(|m| people[m].email.as_str()).unwrap_or("");
        let admin = if p.admin { "yes" } else { "no" };
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},yes",
            p.email, p.name, p.department, manager, p.timezone, p.locale, admin
        );
    }
    out
}

/// The member object `users.list` and `users.info` answer for `p`.
pub fn member_json(p: &Person, team_id: &str, include_locale: bool) -> Value {
    let tz_offset = p
        .timezone
        .parse::<chrono_tz::Tz>()
        .map(|tz| {
            tz.offset_from_utc_datetime(&Utc::now().naive_utc())
                .fix()
                .local_minus_utc()
        })
        .unwrap_or(0);
    let mut user = json!({
        "id": p.user_id,
        "team_id": team_id,
        "name": p.email.split('@').next().unwrap_or_default(),
        "deleted": false,
        "real_name": p.name,
        "tz": p.timezone,
        "tz_label": p.timezone,
        "tz_offset": tz_offset,
        "is_admin": false,
        "is_owner": false,
        "is_bot": false,
        "is_app_user": false,
        "updated": 1_700_000_000,
        "profile": {
            "real_name": p.name,
            "real_name_normalized": p.name,
            "display_name": p.name,
            "display_name_normalized": p.name,
            "email": p.email,
            "team": team_id,
        },
    });
    if include_locale {
        user["locale"] = json!(p.slack_locale);
    }
    user
}
