//! Discord's signature on what it posts to an interactions endpoint, and the forgeries a bot
//! must refuse.
//!
//! From discord-api-docs `interactions/overview.mdx` (`chat-protocols.md` section 11):
//! `X-Signature-Ed25519` is the hex Ed25519 signature of `X-Signature-Timestamp + raw body`
//! under the application's key; a bad one must get 401. The key is RFC 8032 section 7.1
//! TEST 1; the doc's Discord-shaped vector (`1700000000` + `{"type":1}` →
//! `1695961a…0f`) is checked in the smoke tests. Discord documents no freshness window; the
//! bot's own is 5 minutes, so [`Forgery::StaleTimestamp`] and [`Forgery::FutureTimestamp`]
//! sign validly 10 minutes away.

use ed25519_dalek::{Signer, SigningKey};
use serde_json::Value;

/// The application's secret key (hex), RFC 8032 section 7.1 TEST 1; its public key is
/// [`super::PUBLIC_KEY`].
pub const SECRET_KEY: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

/// Another key (RFC 8032 section 7.1 TEST 2's secret): a signature Discord never made.
const OTHER_SECRET_KEY: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

/// How far from now the stale and future forgeries are stamped.
const SKEW_SECS: i64 = 600;

fn key(hex_secret: &str) -> SigningKey {
    let bytes: [u8; 32] = hex::decode(hex_secret)
        .expect("a hex secret key")
        .try_into()
        .expect("a 32-byte secret key");
    SigningKey::from_bytes(&bytes)
}

/// The hex signature Discord sends for `body` stamped `timestamp`, under [`SECRET_KEY`].
pub fn sign(timestamp: &str, body: &[u8]) -> String {
    sign_with(SECRET_KEY, timestamp, body)
}

fn sign_with(hex_secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut message = timestamp.as_bytes().to_vec();
    message.extend_from_slice(body);
    hex::encode(key(hex_secret).sign(&message).to_bytes())
}

/// One way a delivery can be wrong; each must make the bot answer 401 and do nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forgery {
    /// Signed with a key that is not the application's.
    WrongKey,
    /// Validly signed, then one byte of the body changed.
    TamperedBody,
    /// Validly signed, then the timestamp header changed.
    TamperedTimestamp,
    /// No `X-Signature-Ed25519` header.
    MissingSignature,
    /// No `X-Signature-Timestamp` header.
    MissingTimestamp,
    /// A signature that is not hex.
    GarbledSignature,
    /// Validly signed, stamped 10 minutes ago (a replay).
    StaleTimestamp,
    /// Validly signed, stamped 10 minutes from now.
    FutureTimestamp,
}

impl Forgery {
    /// Every forgery, for tests that try them all.
    pub const ALL: [Forgery; 8] = [
        Forgery::WrongKey,
        Forgery::TamperedBody,
        Forgery::TamperedTimestamp,
        Forgery::MissingSignature,
        Forgery::MissingTimestamp,
        Forgery::GarbledSignature,
        Forgery::StaleTimestamp,
        Forgery::FutureTimestamp,
    ];
}

/// The bot's answer to a delivery.
#[derive(Debug, Clone)]
pub struct BotAnswer {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// The body parsed as JSON (`Null` when not JSON).
    pub body: Value,
    /// The body as text.
    pub text: String,
}

/// What to send: `(body, timestamp header, signature header)`.
pub(super) fn forge(
    body: &[u8],
    now: i64,
    forgery: Option<Forgery>,
) -> (Vec<u8>, Option<String>, Option<String>) {
    let timestamp = now.to_string();
    let mut body = body.to_vec();
    let valid = |ts: &str, b: &[u8]| Some(sign(ts, b));
    match forgery {
        None => {
            let signature = valid(&timestamp, &body);
            (body, Some(timestamp), signature)
        }
        Some(Forgery::WrongKey) => {
            let signature = Some(sign_with(OTHER_SECRET_KEY, &timestamp, &body));
            (body, Some(timestamp), signature)
        }
        Some(Forgery::TamperedBody) => {
            let signature = valid(&timestamp, &body);
            // Change one character inside the JSON, keeping it JSON: the first digit of the id
            // or, failing that, append a space.
            match body.iter().position(u8::is_ascii_digit) {
                Some(at) => body[at] = if body[at] == b'9' { b'8' } else { body[at] + 1 },
                None => body.push(b' '),
            }
            (body, Some(timestamp), signature)
        }
        Some(Forgery::TamperedTimestamp) => {
            let signature = valid(&timestamp, &body);
            (body, Some((now - 1).to_string()), signature)
        }
        Some(Forgery::MissingSignature) => (body, Some(timestamp), None),
        Some(Forgery::MissingTimestamp) => {
            let signature = valid(&timestamp, &body);
            (body, None, signature)
        }
        Some(Forgery::GarbledSignature) => (body, Some(timestamp), Some("not-a-signature".into())),
        Some(Forgery::StaleTimestamp) => {
            let stamp = (now - SKEW_SECS).to_string();
            let signature = valid(&stamp, &body);
            (body, Some(stamp), signature)
        }
        Some(Forgery::FutureTimestamp) => {
            let stamp = (now + SKEW_SECS).to_string();
            let signature = valid(&stamp, &body);
            (body, Some(stamp), signature)
        }
    }
}

/// Posts `body` to the bot's endpoint with these headers, as Discord does
/// (`Content-Type: application/json`, `User-Agent: Discord-Interactions/1.0`).
pub(super) async fn post(
    endpoint: &str,
    body: Vec<u8>,
    timestamp: Option<String>,
    signature: Option<String>,
) -> BotAnswer {
    let mut request = reqwest::Client::new()
        .post(endpoint)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(
            reqwest::header::USER_AGENT,
            "Discord-Interactions/1.0 (+https://discord.com)",
        )
        .body(body);
    if let Some(timestamp) = timestamp {
        request = request.header("X-Signature-Timestamp", timestamp);
    }
    if let Some(signature) = signature {
        request = request.header("X-Signature-Ed25519", signature);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("post an interaction to {endpoint}: {e}"));
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let text = response.text().await.unwrap_or_default();
    BotAnswer {
        status,
        content_type,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    }
}
