//! Small formatting helpers shared by the bot's messages and the web dashboard's pages.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::core::directory::Person;
use crate::core::message::UserRef;

/// A date as people read it everywhere: `2026-11-23`.
pub fn date(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

/// A local time with the date: `2026-11-23 09:30`.
pub fn date_time(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// A person as a mention target.
pub fn user_ref(person: &Person) -> UserRef {
    UserRef {
        platform_user_id: person
            .platform_user_id
            .clone()
            .unwrap_or_else(|| person.handle.clone()),
        display_name: person.display_name.clone(),
    }
}

/// Value tags as shown: `#customer-first, #empathy`.
pub fn value_tags(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("#{v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
