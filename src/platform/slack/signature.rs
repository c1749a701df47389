//! Slack's request signing (v0): the only proof that a request really comes from Slack.
//!
//! Slack signs `v0:{timestamp}:{raw body}` with the app's signing secret (HMAC-SHA256) and
//! sends the result as `X-Slack-Signature: v0=<hex>` with `X-Slack-Request-Timestamp`. We
//! check it before the body is parsed or stored, compare in constant time, and refuse
//! timestamps more than five minutes away from now so a captured request cannot be replayed
//! later. The clock is a parameter so the documented worked example can be tested.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Requests further than this from now, either way, are refused.
pub const MAX_AGE_SECONDS: i64 = 5 * 60;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "x-slack-signature";
/// The header carrying the signing time.
pub const TIMESTAMP_HEADER: &str = "x-slack-request-timestamp";

/// Why a request was refused; logged, never shown to the caller beyond a 401.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// A header is missing.
    #[error("the request carries no {0} header")]
    Missing(&'static str),
    /// A header is not in Slack's format.
    #[error("the {0} header is malformed")]
    Malformed(&'static str),
    /// The timestamp is outside the five-minute window: stale, or a replay.
    #[error("the request was signed {0} s away from now, outside the 5-minute window")]
    Stale(i64),
    /// The signature does not match: forged, tampered with, or signed with another secret.
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Checks a request's signature against the signing secret at time `now` (Unix seconds).
pub fn verify(
    signing_secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<(), SignatureError> {
    let timestamp = timestamp.ok_or(SignatureError::Missing(TIMESTAMP_HEADER))?;
    let signature = signature.ok_or(SignatureError::Missing(SIGNATURE_HEADER))?;
    let signed_at: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| SignatureError::Malformed(TIMESTAMP_HEADER))?;
    let skew = now.saturating_sub(signed_at);
    if skew.abs() > MAX_AGE_SECONDS {
        return Err(SignatureError::Stale(skew));
    }
    let hex_part = signature
        .trim()
        .strip_prefix("v0=")
        .ok_or(SignatureError::Malformed(SIGNATURE_HEADER))?;
    let expected =
        hex::decode(hex_part).map_err(|_| SignatureError::Malformed(SIGNATURE_HEADER))?;
    let mut mac = mac_for(signing_secret);
    mac.update(b"v0:");
    mac.update(timestamp.trim().as_bytes());
    mac.update(b":");
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&expected)
        .map_err(|_| SignatureError::Mismatch)
}

/// The `X-Slack-Signature` value for a body: what Slack computes, used by the tests and the
/// load generator to send genuine requests.
pub fn sign(signing_secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = mac_for(signing_secret);
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

fn mac_for(secret: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this cannot fail.
    <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The worked example from Slack's "Verifying requests from Slack" page.
    const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
    const TS: &str = "1531420618";
    const BODY: &str = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const EXPECTED: &str = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    const AT: i64 = 1531420618 + 10;

    #[test]
    fn slacks_worked_example_signs_and_verifies() {
        assert_eq!(sign(SECRET, TS, BODY.as_bytes()), EXPECTED);
        assert_eq!(
            verify(SECRET, Some(TS), Some(EXPECTED), BODY.as_bytes(), AT),
            Ok(())
        );
    }

    #[test]
    fn a_tampered_body_is_refused() {
        let body = format!("{BODY}------");
        assert_eq!(
            verify(SECRET, Some(TS), Some(EXPECTED), body.as_bytes(), AT),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn another_secret_is_refused() {
        assert_eq!(
            verify(
                "not-the-secret",
                Some(TS),
                Some(EXPECTED),
                BODY.as_bytes(),
                AT
            ),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn the_real_clock_finds_the_example_stale() {
        let now = 1531420618 + 301;
        assert!(matches!(
            verify(SECRET, Some(TS), Some(EXPECTED), BODY.as_bytes(), now),
            Err(SignatureError::Stale(301))
        ));
        // The window is symmetric: five minutes in the future is still accepted, six is not.
        assert_eq!(
            verify(
                SECRET,
                Some(TS),
                Some(EXPECTED),
                BODY.as_bytes(),
                1531420618 - 300
            ),
            Ok(())
        );
        assert!(
            verify(
                SECRET,
                Some(TS),
                Some(EXPECTED),
                BODY.as_bytes(),
                1531420618 - 360
            )
            .is_err()
        );
    }

    #[test]
    fn missing_or_malformed_headers_are_refused() {
        let b = BODY.as_bytes();
        assert_eq!(
            verify(SECRET, None, Some(EXPECTED), b, AT),
            Err(SignatureError::Missing(TIMESTAMP_HEADER))
        );
        assert_eq!(
            verify(SECRET, Some(TS), None, b, AT),
            Err(SignatureError::Missing(SIGNATURE_HEADER))
        );
        assert_eq!(
            verify(SECRET, Some("yesterday"), Some(EXPECTED), b, AT),
            Err(SignatureError::Malformed(TIMESTAMP_HEADER))
        );
        assert_eq!(
            verify(SECRET, Some(TS), Some("a2114d57"), b, AT),
            Err(SignatureError::Malformed(SIGNATURE_HEADER))
        );
        assert_eq!(
            verify(SECRET, Some(TS), Some("v0=zz"), b, AT),
            Err(SignatureError::Malformed(SIGNATURE_HEADER))
        );
        assert_eq!(
            verify(SECRET, Some(TS), Some("v0=a2114d"), b, AT),
            Err(SignatureError::Mismatch)
        );
    }
}
