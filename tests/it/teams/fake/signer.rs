//! The `Authorization` header the Bot Connector puts on what it sends to a bot, and the forged
//! ones the bot must refuse.
//!
//! A valid token (`chat-protocols.md` section 9, from bot-docs
//! `bot-framework-rest-connector-authentication.md`): header
//! `{"typ":"JWT","alg":"RS256","x5t":kid,"kid":kid}`, claims `{"aud":<app id>,
//! "iss":"https://api.botframework.com","nbf":…,"exp":…,"serviceurl":<activity.serviceUrl>}`,
//! RS256 with a published key endorsed for `msteams`. Each [`Forgery`] breaks exactly one of
//! the checks the bot must run (the same section, and its "Implications" list).

use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use super::activities::TeamsClient;
use super::keys::{KEYS, OTHER_CHANNEL_KEY, TestKey};
use super::{APP_ID, ISSUER};

/// How long a valid token lives.
const TOKEN_LIFETIME_SECS: i64 = 3600;

/// One way a token can be wrong; each must make the bot answer 401 (or 403) and do nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forgery {
    /// `iss` is the Bot Framework Emulator's issuer, not the channel's.
    WrongIssuer,
    /// `aud` is another bot's app id: a token replayed from elsewhere.
    WrongAudience,
    /// Expired 10 minutes ago, beyond the 5 minutes of clock skew allowed.
    Expired,
    /// Valid only from 10 minutes from now, beyond the allowed skew.
    NotYetValid,
    /// Signed by a real key but naming a `kid` the key set does not list.
    UnknownKid,
    /// Signed by a published key endorsed only for another channel, not `msteams`.
    NotEndorsedForTeams,
    /// The `serviceurl` claim names another serviceUrl than the activity's.
    ServiceUrlMismatch,
    /// `alg: none`, no signature.
    AlgNone,
    /// HS256, "signed" with the public key as the HMAC secret (algorithm confusion).
    Hs256WithPublicKey,
    /// No `Authorization` header at all.
    MissingHeader,
    /// A valid token under another scheme (`Basic`).
    NotBearer,
}

impl Forgery {
    /// Every forgery, for tests that try them all.
    pub const ALL: [Forgery; 11] = [
        Forgery::WrongIssuer,
        Forgery::WrongAudience,
        Forgery::Expired,
        Forgery::NotYetValid,
        Forgery::UnknownKid,
        Forgery::NotEndorsedForTeams,
        Forgery::ServiceUrlMismatch,
        Forgery::AlgNone,
        Forgery::Hs256WithPublicKey,
        Forgery::MissingHeader,
        Forgery::NotBearer,
    ];
}

/// The Bot Framework Emulator's token issuer: real, but not for channel traffic.
const EMULATOR_ISSUER: &str = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
/// Another bot's app id.
const OTHER_APP_ID: &str = "0e1d2c3b-4a59-4687-b7c6-d5e4f3a2b1c0";
/// A real serviceUrl that is not the fake's.
const OTHER_SERVICE_URL: &str = "https://smba.trafficmanager.net/amer/";

/// The claims of a valid token for an activity sent from `service_url`, issued at `now`
/// (seconds since the epoch).
fn valid_claims(service_url: &str, now: i64) -> Value {
    json!({
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": now + TOKEN_LIFETIME_SECS,
        "iss": ISSUER,
        "aud": APP_ID,
    })
}

/// An RS256 JWT over `claims`, naming `kid` in its header and signed by `key`.
fn rs256(key: &TestKey, kid: &str, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.to_owned());
    header.x5t = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, &key.encoding_key()).expect("sign a test token")
}

/// base64url without padding of a JSON value, as JWT parts are.
fn b64_json(value: &Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

impl TeamsClient {
    /// A valid `Authorization` header value for `activity` (`Bearer <jwt>`), signed with the
    /// key that signs now and bound to the activity's `serviceUrl`.
    pub fn authorization(&self, activity: &Value) -> String {
        self.authorization_at(activity, chrono::Utc::now())
    }

    /// [`TeamsClient::authorization`] as the Connector would have signed it at `now`: its
    /// `nbf` and `exp` around that time. For a bot whose clock a test moves (a `ManualClock`
    /// days away from the real time), which checks them against its own now.
    pub fn authorization_at(&self, activity: &Value, now: chrono::DateTime<chrono::Utc>) -> String {
        let key = self.inner.lock().keys.signing();
        let service_url = activity["serviceUrl"].as_str().unwrap_or_default();
        let claims = valid_claims(service_url, now.timestamp());
        format!("Bearer {}", rs256(key, &key.kid, &claims))
    }

    /// The `Authorization` header value `forgery` describes for `activity`; `None` for
    /// [`Forgery::MissingHeader`].
    pub fn forged_authorization(&self, activity: &Value, forgery: Forgery) -> Option<String> {
        let key = self.inner.lock().keys.signing();
        let service_url = activity["serviceUrl"].as_str().unwrap_or_default();
        let now = chrono::Utc::now().timestamp();
        let mut claims = valid_claims(service_url, now);
        let token = match forgery {
            Forgery::MissingHeader => return None,
            Forgery::NotBearer => {
                return Some(format!("Basic {}", rs256(key, &key.kid, &claims)));
            }
            Forgery::WrongIssuer => {
                claims["iss"] = json!(EMULATOR_ISSUER);
                rs256(key, &key.kid, &claims)
            }
            Forgery::WrongAudience => {
                claims["aud"] = json!(OTHER_APP_ID);
                rs256(key, &key.kid, &claims)
            }
            Forgery::Expired => {
                claims["nbf"] = json!(now - 600 - TOKEN_LIFETIME_SECS);
                claims["exp"] = json!(now - 600);
                rs256(key, &key.kid, &claims)
            }
            Forgery::NotYetValid => {
                claims["nbf"] = json!(now + 600);
                claims["exp"] = json!(now + 600 + TOKEN_LIFETIME_SECS);
                rs256(key, &key.kid, &claims)
            }
            Forgery::UnknownKid => rs256(key, "kid-the-key-set-does-not-list", &claims),
            Forgery::NotEndorsedForTeams => {
                let other = &KEYS[OTHER_CHANNEL_KEY];
                rs256(other, &other.kid, &claims)
            }
            Forgery::ServiceUrlMismatch => {
                claims["serviceurl"] = json!(OTHER_SERVICE_URL);
                rs256(key, &key.kid, &claims)
            }
            Forgery::AlgNone => {
                let header = json!({"typ": "JWT", "alg": "none", "kid": key.kid});
                format!("{}.{}.", b64_json(&header), b64_json(&claims))
            }
            Forgery::Hs256WithPublicKey => {
                let mut header = Header::new(Algorithm::HS256);
                header.kid = Some(key.kid.clone());
                let secret = EncodingKey::from_secret(key.public_pem.as_bytes());
                jsonwebtoken::encode(&header, &claims, &secret).expect("sign an HS256 forgery")
            }
        };
        Some(format!("Bearer {token}"))
    }
}
