//! The rules of signing in to the web dashboard from chat.
//!
//! A person never types a password: the bot sends them a link in chat, which proves they are
//! the person the chat platform says they are. The link is a bearer secret, so it works once and
//! only for minutes; the session it opens lasts `web.session_hours`.

use chrono::{DateTime, Duration, Utc};

/// How long a sign-in link works after it is sent.
pub const SIGN_IN_LINK_MINUTES: i64 = 10;

/// When a link made at `now` stops working.
pub fn link_expires(now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::minutes(SIGN_IN_LINK_MINUTES)
}

/// When a session opened at `now` ends.
pub fn session_ends(now: DateTime<Utc>, session_hours: u32) -> DateTime<Utc> {
    now + Duration::hours(i64::from(session_hours))
}

/// Whether `token` has the shape of the secrets the bot makes (64 hex digits), so anything
/// else is refused before the database is asked.
pub fn is_token_shaped(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_64_hex_digits_look_like_a_token() {
        assert!(is_token_shaped(&"a1".repeat(32)));
        assert!(!is_token_shaped(&"a1".repeat(31)));
        assert!(!is_token_shaped(&format!("{}zz", "a1".repeat(31))));
        assert!(!is_token_shaped("../../etc/passwd"));
    }

    #[test]
    fn a_link_lasts_ten_minutes_and_a_session_its_hours() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        assert_eq!(link_expires(now) - now, Duration::minutes(10));
        assert_eq!(session_ends(now, 12) - now, Duration::hours(12));
    }
}
