//! Requests signed the way Slack signs them, for sending events, commands and interactions to a
//! running `serve`: `X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))` and
//! `X-Slack-Request-Timestamp: {ts}` over the exact body bytes.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;

/// The signing secret tests give `serve` (`SLACK_SIGNING_SECRET`) and sign with.
pub const SIGNING_SECRET: &str = "fake-signing-secret-0123456789ab";

/// A request body with the content type Slack sends it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlackBody {
    /// `application/x-www-form-urlencoded` or `application/json`.
    pub content_type: &'static str,
    /// The exact bytes that are signed and sent.
    pub text: String,
}

impl SlackBody {
    /// A form body (slash commands; interactions as `payload=…`).
    pub fn form(text: String) -> Self {
        Self {
            content_type: "application/x-www-form-urlencoded",
            text,
        }
    }

    /// A JSON body (Events API).
    pub fn json(value: &Value) -> Self {
        Self {
            content_type: "application/json",
            text: value.to_string(),
        }
    }
}

/// `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` keyed with `secret`'s bytes.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(format!("v0:{timestamp}:").as_bytes());
    mac.update(body);
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

/// Seconds since the epoch, as Slack puts in `X-Slack-Request-Timestamp`.
pub fn unix_now() -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970");
    i64::try_from(now.as_secs()).expect("seconds fit in i64")
}

/// A POST of `body` to `url`, signed now with [`SIGNING_SECRET`].
pub fn signed_request(
    client: &reqwest::Client,
    url: &str,
    body: &SlackBody,
) -> reqwest::RequestBuilder {
    signed_request_at(client, url, body, SIGNING_SECRET, unix_now())
}

/// A POST of `body` to `url` signed with `secret` at `timestamp`, for forged and stale requests.
pub fn signed_request_at(
    client: &reqwest::Client,
    url: &str,
    body: &SlackBody,
    secret: &str,
    timestamp: i64,
) -> reqwest::RequestBuilder {
    client
        .post(url)
        .header("Content-Type", body.content_type)
        .header("X-Slack-Request-Timestamp", timestamp.to_string())
        .header(
            "X-Slack-Signature",
            sign(secret, timestamp, body.text.as_bytes()),
        )
        .body(body.text.clone())
}
