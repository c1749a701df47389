//! Checking that an HTTP interaction comes from Discord: an Ed25519 signature over
//! `X-Signature-Timestamp + body` with the application's public key (serenity's verifier), and
//! our own replay window, since Discord sets none: a signed request captured once must not be
//! replayable for ever.

use chrono::{DateTime, Utc};
use serenity::interactions_endpoint::Verifier;

/// The header carrying the hex signature.
pub const SIGNATURE_HEADER: &str = "x-signature-ed25519";
/// The header carrying the signed timestamp (Unix seconds).
pub const TIMESTAMP_HEADER: &str = "x-signature-timestamp";

/// Why a request was refused; each is answered with the same bare 401, the reason goes to the
/// log and the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A header is missing or not text.
    #[error("no signature or timestamp header")]
    Missing,
    /// The timestamp is not a number of seconds.
    #[error("the timestamp is not Unix seconds")]
    BadTimestamp,
    /// The timestamp is further from now than the replay window.
    #[error("the timestamp is outside the replay window")]
    Stale,
    /// The signature does not verify.
    #[error("the signature does not verify")]
    BadSignature,
}

impl Refusal {
    /// A short label for metrics.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Missing => "missing",
            Refusal::BadTimestamp => "bad_timestamp",
            Refusal::Stale => "stale",
            Refusal::BadSignature => "bad_signature",
        }
    }
}

/// The application's public key and the replay window.
pub struct InteractionVerifier {
    verifier: Verifier,
    window_seconds: i64,
}

impl std::fmt::Debug for InteractionVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InteractionVerifier")
            .field("window_seconds", &self.window_seconds)
            .finish()
    }
}

impl InteractionVerifier {
    /// A verifier for `public_key` (64 hex digits, checked by the config); `None` when it does
    /// not decode to a key.
    pub fn new(public_key: &str, window_seconds: u32) -> Option<InteractionVerifier> {
        let bytes = hex::decode(public_key).ok()?;
        if bytes.len() != 32 {
            return None;
        }
        // serenity's constructor panics on a bad key; the length and hex are checked above,
        // and a point that is not on the curve is caught here instead of at the first request.
        let verifier = std::panic::catch_unwind(|| Verifier::new(public_key)).ok()?;
        Some(InteractionVerifier {
            verifier,
            window_seconds: i64::from(window_seconds),
        })
    }

    /// Checks a request's headers and body at `now`: the timestamp first (cheap), then the
    /// signature.
    pub fn verify(
        &self,
        signature: Option<&str>,
        timestamp: Option<&str>,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
            return Err(Refusal::Missing);
        };
        let seconds: i64 = timestamp
            .trim()
            .parse()
            .map_err(|_| Refusal::BadTimestamp)?;
        if (now.timestamp() - seconds).abs() > self.window_seconds {
            return Err(Refusal::Stale);
        }
        if signature.len() != 128 || !signature.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Refusal::BadSignature);
        }
        self.verifier
            .verify(signature, timestamp, body)
            .map_err(|()| Refusal::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// RFC 8032 §7.1 TEST 1's public key, and a Discord-shaped vector signed with its secret
    /// (`chat-protocols.md` §11).
    const PUBLIC_KEY: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const SIGNATURE: &str = "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f";
    const TIMESTAMP: &str = "1700000000";
    const BODY: &[u8] = br#"{"type":1}"#;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(seconds, 0).single().expect("a time")
    }

    fn verifier() -> InteractionVerifier {
        InteractionVerifier::new(PUBLIC_KEY, 300).expect("the RFC key")
    }

    #[test]
    fn the_documented_vector_verifies_within_the_window() {
        let v = verifier();
        assert_eq!(
            v.verify(Some(SIGNATURE), Some(TIMESTAMP), BODY, at(1_700_000_000)),
            Ok(())
        );
        assert_eq!(
            v.verify(Some(SIGNATURE), Some(TIMESTAMP), BODY, at(1_700_000_299)),
            Ok(())
        );
    }

    #[test]
    fn a_replay_after_five_minutes_is_refused_even_with_a_valid_signature() {
        let v = verifier();
        assert_eq!(
            v.verify(Some(SIGNATURE), Some(TIMESTAMP), BODY, at(1_700_000_301)),
            Err(Refusal::Stale)
        );
        assert_eq!(
            v.verify(Some(SIGNATURE), Some(TIMESTAMP), BODY, at(1_699_999_600)),
            Err(Refusal::Stale)
        );
    }

    #[test]
    fn a_tampered_body_or_timestamp_is_refused() {
        let v = verifier();
        let now = at(1_700_000_000);
        assert_eq!(
            v.verify(Some(SIGNATURE), Some(TIMESTAMP), br#"{"type":2}"#, now),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            v.verify(Some(SIGNATURE), Some("1700000001"), BODY, now),
            Err(Refusal::BadSignature)
        );
    }

    #[test]
    fn missing_or_malformed_headers_are_refused_without_a_panic() {
        let v = verifier();
        let now = at(1_700_000_000);
        assert_eq!(
            v.verify(None, Some(TIMESTAMP), BODY, now),
            Err(Refusal::Missing)
        );
        assert_eq!(
            v.verify(Some(SIGNATURE), Some("yesterday"), BODY, now),
            Err(Refusal::BadTimestamp)
        );
        assert_eq!(
            v.verify(Some("zz"), Some(TIMESTAMP), BODY, now),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            v.verify(Some(&"g".repeat(128)), Some(TIMESTAMP), BODY, now),
            Err(Refusal::BadSignature)
        );
    }

    #[test]
    fn a_key_that_is_not_hex_or_32_bytes_builds_no_verifier() {
        assert!(InteractionVerifier::new("abcd", 300).is_none());
        assert!(InteractionVerifier::new(&"x".repeat(64), 300).is_none());
    }
}
