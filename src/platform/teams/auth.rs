//! The check on every activity POSTed to `/teams/messages`: is it really from the Bot Connector?
//!
//! The Connector sends `Authorization: Bearer <JWT>`, signed RS256 with a key it publishes as
//! a JWKS behind its OpenID metadata. [`BotFrameworkAuth::verify`] runs the checks the Bot
//! Framework documents, in this order, and names the first that fails ([`AuthError`]):
//!
//! 1. the scheme is `Bearer` and the value has a JWT's three parts;
//! 2. the header's `alg` is exactly `RS256`, checked before any key is looked at, so `none`,
//!    `HS256` signed with the public key as a secret, and the rest never reach a verifier;
//! 3. the header's `kid` is a published key, fetched again once if unknown (key rollover);
//! 4. the signature verifies with that key;
//! 5. `iss` is [`ISSUER`], `aud` is the bot's app id;
//! 6. `exp` (required) and `nbf` hold by the injected [`Clock`], give or take
//!    [`CLOCK_SKEW_SECONDS`];
//! 7. a key that lists `endorsements` lists the activity's `channelId`;
//! 8. the `serviceurl` claim is the activity's `serviceUrl`, so a reply only ever goes where
//!    the Connector itself said.
//!
//! Keys are cached for [`KEY_CACHE_SECONDS`]. The key server is asked at most once per
//! [`UNKNOWN_KEY_REFETCH_SECONDS`] whatever the reason (a forged `kid`, a refresh that failed),
//! and by one task at a time: the others wait for its answer instead of asking too (or, while
//! a daily refresh is in flight, go on with the key they already hold). A failed refresh keeps
//! the keys already held.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::Mutex;

use crate::core::clock::Clock;

/// Where the Bot Connector publishes its OpenID metadata (and through it, its signing keys).
/// Configurable so tests can serve their own keys.
pub const DEFAULT_OPENID_METADATA_URL: &str =
    "https://login.botframework.com/v1/.well-known/openidconfiguration";

/// The `iss` of every token the Bot Connector sends to a bot.
pub const ISSUER: &str = "https://api.botframework.com";

/// How far `exp` and `nbf` may be off, as the Bot Framework SDKs allow ("industry-standard
/// clock skew is 5 minutes").
pub const CLOCK_SKEW_SECONDS: i64 = 300;

/// How long fetched keys are trusted before they are fetched again: keys refreshed daily.
pub const KEY_CACHE_SECONDS: i64 = 24 * 3600;

/// The least time between two contacts with the key server, so tokens with made-up `kid`s
/// cannot make the bot hammer it.
pub const UNKNOWN_KEY_REFETCH_SECONDS: i64 = 30;

/// How long fetching the metadata and the key set may take together: tokens waiting on the
/// keys wait this long at most, well within the Connector's 15 s for an answer.
const FETCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// How much of a value taken from a token goes into an error (and so into the logs).
const ECHO_LIMIT: usize = 64;

/// Verifies the Bot Connector's tokens; one per app, shared by the adapter's handlers.
pub struct BotFrameworkAuth {
    http: reqwest::Client,
    openid_metadata_url: String,
    app_id: String,
    clock: Arc<dyn Clock>,
    /// The keys last fetched; read without waiting on a fetch in progress.
    keys: RwLock<Option<Arc<KeySet>>>,
    /// When the key server was last asked. Held across a fetch, so one task fetches at a time.
    last_fetch: Mutex<Option<DateTime<Utc>>>,
    fetch_timeout: std::time::Duration,
}

/// What a verified token says, for the adapter to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// The Connector's address for replies, as the token vouches for it.
    pub service_url: String,
    /// The `aud` that matched the bot's app id.
    pub audience: String,
    /// When the token stops being accepted (before the clock skew).
    pub expires_at: DateTime<Utc>,
    /// The published key that signed the token.
    pub key_id: String,
}

/// Why a request was refused; every variant is answered 401 and changes nothing.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No `Authorization` header.
    #[error("no Authorization header")]
    MissingHeader,
    /// The header is not `Bearer <token>`.
    #[error("the Authorization header is not a Bearer token")]
    NotBearer,
    /// The token is not a JWT this check can read.
    #[error("the token is not a well-formed JWT: {0}")]
    Malformed(String),
    /// The header's `alg` is not RS256 (the value it gave).
    #[error("the token says it is signed with {0:?}; only RS256 is accepted")]
    Algorithm(String),
    /// No published key has the token's `kid`, even after fetching the keys again.
    #[error("no published signing key has the kid {0:?}")]
    UnknownKey(String),
    /// The signature does not verify with the key the token names.
    #[error("the token's signature does not verify")]
    BadSignature,
    /// `iss` is missing or not the Bot Framework.
    #[error("the token was not issued by the Bot Framework")]
    Issuer,
    /// `aud` is missing or not this bot's app id.
    #[error("the token is not addressed to this bot's app id")]
    Audience,
    /// `exp` passed more than the clock skew ago.
    #[error("the token has expired")]
    Expired,
    /// `nbf` is more than the clock skew ahead.
    #[error("the token is not valid yet")]
    NotYetValid,
    /// The signing key is endorsed for other channels only.
    #[error("the signing key is not endorsed for the channel {channel_id:?}")]
    NotEndorsed {
        /// The activity's `channelId`.
        channel_id: String,
    },
    /// The `serviceurl` claim is missing or is not the activity's `serviceUrl`.
    #[error("the token's serviceurl claim is missing or differs from the activity's serviceUrl")]
    ServiceUrl,
    /// The metadata or key set could not be fetched or read, and no keys are held.
    #[error("could not get the Bot Framework signing keys: {0}")]
    Keys(String),
}

impl AuthError {
    /// A short snake_case label for logs and metrics (never carries token content).
    pub fn reason(&self) -> &'static str {
        match self {
            AuthError::MissingHeader => "missing_header",
            AuthError::NotBearer => "not_bearer",
            AuthError::Malformed(_) => "malformed",
            AuthError::Algorithm(_) => "algorithm",
            AuthError::UnknownKey(_) => "unknown_key",
            AuthError::BadSignature => "bad_signature",
            AuthError::Issuer => "issuer",
            AuthError::Audience => "audience",
            AuthError::Expired => "expired",
            AuthError::NotYetValid => "not_yet_valid",
            AuthError::NotEndorsed { .. } => "not_endorsed",
            AuthError::ServiceUrl => "service_url",
            AuthError::Keys(_) => "keys",
        }
    }
}

/// The published keys, by `kid`, and when they were fetched.
struct KeySet {
    fetched_at: DateTime<Utc>,
    keys: HashMap<String, Arc<SigningKey>>,
}

impl KeySet {
    fn is_fresh(&self, now: DateTime<Utc>) -> bool {
        now < self.fetched_at + Duration::seconds(KEY_CACHE_SECONDS)
    }
}

/// One published key and the channels it may sign for (empty: any).
struct SigningKey {
    key: DecodingKey,
    endorsements: Vec<String>,
}

/// The part of the OpenID metadata the check uses.
#[derive(Deserialize)]
struct OpenIdMetadata {
    jwks_uri: String,
}

/// One JWKS entry (RFC 7517) with the Bot Framework's `endorsements`.
#[derive(Deserialize)]
struct PublishedKey {
    kid: String,
    kty: String,
    n: String,
    e: String,
    #[serde(rename = "use", default)]
    usage: Option<String>,
    #[serde(default)]
    endorsements: Vec<String>,
}

/// The JWT header fields read before any key is used.
#[derive(Deserialize)]
struct TokenHeader {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
}

/// The JWT claims the check reads; others are ignored.
#[derive(Deserialize)]
struct TokenClaims {
    #[serde(default)]
    iss: Option<String>,
    /// A string, or a list of them (RFC 7519 allows both).
    #[serde(default)]
    aud: Option<Value>,
    #[serde(default)]
    exp: Option<f64>,
    #[serde(default)]
    nbf: Option<f64>,
    /// The SDKs' spelling.
    #[serde(default)]
    serviceurl: Option<String>,
    /// The docs' spelling.
    #[serde(default, rename = "serviceUrl")]
    service_url: Option<String>,
}

impl BotFrameworkAuth {
    /// A verifier for `app_id`'s tokens, fetching keys through `openid_metadata_url`
    /// (normally [`DEFAULT_OPENID_METADATA_URL`]); nothing is fetched until the first token.
    pub fn new(
        http: reqwest::Client,
        openid_metadata_url: String,
        app_id: String,
        clock: Arc<dyn Clock>,
    ) -> Self {
        BotFrameworkAuth {
            http,
            openid_metadata_url,
            app_id,
            clock,
            keys: RwLock::new(None),
            last_fetch: Mutex::new(None),
            fetch_timeout: FETCH_TIMEOUT,
        }
    }

    /// Shortens the fetch deadline, so a test of a silent key server ends quickly.
    #[cfg(test)]
    fn with_fetch_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.fetch_timeout = timeout;
        self
    }

    /// Checks an inbound request: `authorization` is the raw `Authorization` header (None if
    /// absent); `service_url` and `channel_id` come from the activity in the body.
    pub async fn verify(
        &self,
        authorization: Option<&str>,
        service_url: &str,
        channel_id: &str,
    ) -> Result<Claims, AuthError> {
        let token = bearer_token(authorization)?;
        let key_id = rs256_key_id(token)?;
        let signing_key = self.signing_key(&key_id).await?;
        let claims = verified_claims(token, &signing_key.key)?;

        if claims.iss.as_deref() != Some(ISSUER) {
            return Err(AuthError::Issuer);
        }
        let audience = self.matching_audience(claims.aud.as_ref())?;

        let now = self.clock.now();
        let skew = Duration::seconds(CLOCK_SKEW_SECONDS);
        let expires_at = claims
            .exp
            .ok_or_else(|| AuthError::Malformed("the token has no exp claim".into()))
            .and_then(|exp| instant("exp", exp))?;
        if expires_at + skew < now {
            return Err(AuthError::Expired);
        }
        if let Some(nbf) = claims.nbf
            && instant("nbf", nbf)? - skew > now
        {
            return Err(AuthError::NotYetValid);
        }

        let endorsements = &signing_key.endorsements;
        if !endorsements.is_empty() && !endorsements.iter().any(|e| e == channel_id) {
            return Err(AuthError::NotEndorsed {
                channel_id: echo(channel_id),
            });
        }

        let claimed_url = claims.serviceurl.or(claims.service_url);
        match claimed_url {
            Some(claimed) if same_service_url(&claimed, service_url) => Ok(Claims {
                service_url: claimed,
                audience,
                expires_at,
                key_id,
            }),
            _ => Err(AuthError::ServiceUrl),
        }
    }

    /// The `aud` value naming this bot (app ids are GUIDs: compared without case).
    fn matching_audience(&self, aud: Option<&Value>) -> Result<String, AuthError> {
        let names_this_bot =
            |value: &&str| !self.app_id.is_empty() && value.eq_ignore_ascii_case(&self.app_id);
        let found = match aud {
            Some(Value::String(single)) => Some(single.as_str()).filter(names_this_bot),
            Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).find(names_this_bot),
            _ => None,
        };
        found.map(str::to_string).ok_or(AuthError::Audience)
    }

    /// The published key `kid`, from the cache while it is fresh; otherwise the key server is
    /// asked, unless it was asked less than [`UNKNOWN_KEY_REFETCH_SECONDS`] ago.
    async fn signing_key(&self, kid: &str) -> Result<Arc<SigningKey>, AuthError> {
        if let Some(key) = self.fresh_key(kid) {
            return Ok(key);
        }
        // One task at a time past this point: the others wait, then find what it fetched;
        // except that while a refresh is in flight, a key already held serves as it is.
        let mut last_fetch = match self.last_fetch.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                let held = self.held_keys();
                if let Some(key) = held.as_ref().and_then(|set| set.keys.get(kid)) {
                    return Ok(key.clone());
                }
                self.last_fetch.lock().await
            }
        };
        if let Some(key) = self.fresh_key(kid) {
            return Ok(key);
        }
        let now = self.clock.now();
        let held = self.held_keys();
        let asked_recently = last_fetch.is_some_and(|at| {
            now >= at && now - at < Duration::seconds(UNKNOWN_KEY_REFETCH_SECONDS)
        });
        let set = if asked_recently {
            held.ok_or_else(|| {
                AuthError::Keys("the last fetch failed moments ago; not asking again yet".into())
            })?
        } else {
            *last_fetch = Some(now);
            let deadline = self.fetch_timeout;
            let fetched = tokio::time::timeout(deadline, self.fetch_keys(now)).await;
            match fetched.unwrap_or_else(|_| Err(format!("no answer within {deadline:?}"))) {
                Ok(fetched) => {
                    let fetched = Arc::new(fetched);
                    *self.keys.write().unwrap_or_else(|e| e.into_inner()) = Some(fetched.clone());
                    fetched
                }
                Err(problem) => match held {
                    Some(held) => {
                        tracing::warn!(%problem, "could not refresh the Bot Framework signing keys; keeping the ones held");
                        held
                    }
                    None => return Err(AuthError::Keys(problem)),
                },
            }
        };
        set.keys
            .get(kid)
            .cloned()
            .ok_or_else(|| AuthError::UnknownKey(echo(kid)))
    }

    fn held_keys(&self) -> Option<Arc<KeySet>> {
        self.keys.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn fresh_key(&self, kid: &str) -> Option<Arc<SigningKey>> {
        let set = self.held_keys()?;
        if !set.is_fresh(self.clock.now()) {
            return None;
        }
        set.keys.get(kid).cloned()
    }

    /// The metadata, then the key set it points to. Keys that are not RSA signing keys, or
    /// that do not parse, are skipped; a set left with none is a failure.
    async fn fetch_keys(&self, now: DateTime<Utc>) -> Result<KeySet, String> {
        let metadata: OpenIdMetadata = self.get_json(&self.openid_metadata_url).await?;
        let document: Value = self.get_json(&metadata.jwks_uri).await?;
        let listed = document.get("keys").and_then(Value::as_array);
        let mut keys = HashMap::new();
        for entry in listed.into_iter().flatten() {
            let Ok(published) = serde_json::from_value::<PublishedKey>(entry.clone()) else {
                continue;
            };
            if published.kty != "RSA" || published.usage.as_deref().is_some_and(|u| u != "sig") {
                continue;
            }
            match DecodingKey::from_rsa_components(&published.n, &published.e) {
                Ok(key) => {
                    let endorsements = published.endorsements;
                    keys.insert(published.kid, Arc::new(SigningKey { key, endorsements }));
                }
                Err(e) => {
                    tracing::warn!(kid = %published.kid, error = %e, "skipping an unreadable published key")
                }
            }
        }
        if keys.is_empty() {
            return Err(format!(
                "{} lists no usable RSA signing key",
                metadata.jwks_uri
            ));
        }
        Ok(KeySet {
            fetched_at: now,
            keys,
        })
    }

    async fn get_json<T: DeserializeOwned>(&self, url: &str) -> Result<T, String> {
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| format!("GET {url}: {e}"))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("GET {url} answered {status}"));
        }
        response
            .json()
            .await
            .map_err(|e| format!("GET {url}: unreadable answer: {e}"))
    }
}

/// The token from `Bearer <token>` (the scheme in any case).
fn bearer_token(authorization: Option<&str>) -> Result<&str, AuthError> {
    let value = authorization
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .ok_or(AuthError::MissingHeader)?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::NotBearer);
    }
    match token.trim() {
        "" => Err(AuthError::Malformed("the Bearer token is empty".into())),
        token => Ok(token),
    }
}

/// The `kid` of a token whose header says RS256; any other `alg` is refused here, before a
/// key is fetched or used.
fn rs256_key_id(token: &str) -> Result<String, AuthError> {
    let mut parts = token.split('.');
    let (Some(header), Some(_), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(AuthError::Malformed(
            "a JWT has three dot-separated parts".into(),
        ));
    };
    let header = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| AuthError::Malformed("the header is not base64url".into()))?;
    let header: TokenHeader = serde_json::from_slice(&header)
        .map_err(|_| AuthError::Malformed("the header is not a JSON object with an alg".into()))?;
    if header.alg != "RS256" {
        return Err(AuthError::Algorithm(echo(&header.alg)));
    }
    header
        .kid
        .filter(|kid| !kid.is_empty())
        .ok_or_else(|| AuthError::Malformed("the header names no signing key (kid)".into()))
}

/// The claims of a token whose RS256 signature verifies with `key`. Time, issuer and audience
/// are checked by the caller: `exp` against the injected clock, not the system's.
fn verified_claims(token: &str, key: &DecodingKey) -> Result<TokenClaims, AuthError> {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    jsonwebtoken::decode::<TokenClaims>(token, key, &validation)
        .map(|data| data.claims)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidSignature => AuthError::BadSignature,
            ErrorKind::InvalidRsaKey(_) | ErrorKind::InvalidKeyFormat => {
                AuthError::Keys(format!("a published key is unusable: {e}"))
            }
            _ => AuthError::Malformed(e.to_string()),
        })
}

/// A NumericDate claim as an instant.
fn instant(claim: &str, seconds: f64) -> Result<DateTime<Utc>, AuthError> {
    // `as` saturates, and the range check below refuses the saturated values.
    DateTime::from_timestamp(seconds.floor() as i64, 0)
        .ok_or_else(|| AuthError::Malformed(format!("the {claim} claim is out of range")))
}

/// Whether the token's `serviceurl` is the activity's. Exact, trailing slashes aside: the
/// Connector client trims them before appending paths, so both spellings reach the same place.
fn same_service_url(claimed: &str, activity: &str) -> bool {
    claimed == activity || claimed.trim_end_matches('/') == activity.trim_end_matches('/')
}

/// A value from a token, cut short for errors and logs.
fn echo(value: &str) -> String {
    value.chars().take(ECHO_LIMIT).collect()
}

#[cfg(test)]
mod tests;
