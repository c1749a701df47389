//! The token check against a local key server playing the Bot Connector's, with tokens signed
//! by the fixture keys in `fixtures/keys/` and time on a manual clock.

use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::TimeZone;
use jsonwebtoken::{EncodingKey, Header};
use serde_json::json;
use tokio::sync::Notify;

use super::*;
use crate::core::clock::ManualClock;

const APP_ID: &str = "8d1a3f52-6c1e-4b57-9a0b-2f4c8e7d9a61";
const SERVICE_URL: &str = "https://smba.trafficmanager.net/amer/";
const TEAMS: &str = "msteams";

/// A fixture key pair: the private PEM signs, the JWK is what the key server publishes.
struct TestKey {
    kid: &'static str,
    pem: &'static str,
    jwk: &'static str,
}

const KEY_A: TestKey = TestKey {
    kid: "test-key-a",
    pem: include_str!("../fixtures/keys/key-a.pem"),
    jwk: include_str!("../fixtures/keys/key-a.json"),
};
const KEY_B: TestKey = TestKey {
    kid: "test-key-b",
    pem: include_str!("../fixtures/keys/key-b.pem"),
    jwk: include_str!("../fixtures/keys/key-b.json"),
};
const KEY_C: TestKey = TestKey {
    kid: "test-key-c",
    pem: include_str!("../fixtures/keys/key-c.pem"),
    jwk: include_str!("../fixtures/keys/key-c.json"),
};

impl TestKey {
    /// The key as the JWKS publishes it, with `endorsements` only when some are given.
    fn published(&self, endorsements: &[&str]) -> Value {
        let mut jwk: Value = serde_json::from_str(self.jwk).expect("fixture JWK is JSON");
        jwk["use"] = json!("sig");
        if !endorsements.is_empty() {
            jwk["endorsements"] = json!(endorsements);
        }
        jwk
    }

    fn encoding_key(&self) -> EncodingKey {
        // A PKCS#1 PEM's body is the DER the RSA signer takes.
        let body: String = self
            .pem
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("fixture PEM is base64");
        EncodingKey::from_rsa_der(&der)
    }

    /// The public modulus' bytes: what an attacker would feed an HMAC as the "secret".
    fn public_modulus(&self) -> Vec<u8> {
        let jwk = self.published(&[]);
        let n = jwk["n"].as_str().expect("fixture JWK has n");
        URL_SAFE_NO_PAD.decode(n).expect("n is base64url")
    }

    /// A token with `claims`, signed by this key with `alg`, its header naming `kid`.
    fn sign_as(&self, alg: Algorithm, kid: &str, claims: &Value) -> String {
        let mut header = Header::new(alg);
        header.kid = Some(kid.to_string());
        jsonwebtoken::encode(&header, claims, &self.encoding_key()).expect("signs")
    }

    fn sign(&self, claims: &Value) -> String {
        self.sign_as(Algorithm::RS256, self.kid, claims)
    }
}

/// The Bot Connector's OpenID metadata and JWKS, served on 127.0.0.1, counting requests.
struct KeyServer {
    base: String,
    keys: StdMutex<Vec<Value>>,
    metadata_requests: AtomicUsize,
    key_set_requests: AtomicUsize,
    down: AtomicBool,
    /// While set, a metadata request waits for `release` (a slow key server).
    holding: AtomicBool,
    release: Notify,
    /// Signalled when a metadata request arrives while holding.
    arrived: Notify,
}

impl KeyServer {
    async fn start(keys: Vec<Value>) -> Arc<KeyServer> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let address = listener.local_addr().expect("has an address");
        let server = Arc::new(KeyServer {
            base: format!("http://{address}"),
            keys: StdMutex::new(keys),
            metadata_requests: AtomicUsize::new(0),
            key_set_requests: AtomicUsize::new(0),
            down: AtomicBool::new(false),
            holding: AtomicBool::new(false),
            release: Notify::new(),
            arrived: Notify::new(),
        });
        let app = Router::new()
            .route("/v1/.well-known/openidconfiguration", get(metadata))
            .route("/v1/.well-known/keys", get(key_set))
            .with_state(server.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        server
    }

    fn metadata_url(&self) -> String {
        format!("{}/v1/.well-known/openidconfiguration", self.base)
    }

    /// Publishes a new key set (a rollover).
    fn publish(&self, keys: Vec<Value>) {
        *self.keys.lock().expect("not poisoned") = keys;
    }

    /// How many times the keys were fetched (a fetch reads the metadata, then the key set).
    fn fetches(&self) -> usize {
        self.metadata_requests.load(Ordering::SeqCst)
    }

    fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// Makes metadata requests wait until [`KeyServer::stop_holding`].
    fn hold_requests(&self) {
        self.holding.store(true, Ordering::SeqCst);
    }

    fn stop_holding(&self) {
        self.holding.store(false, Ordering::SeqCst);
        self.release.notify_waiters();
    }
}

async fn metadata(State(server): State<Arc<KeyServer>>) -> Response {
    server.metadata_requests.fetch_add(1, Ordering::SeqCst);
    if server.holding.load(Ordering::SeqCst) {
        let released = server.release.notified();
        server.arrived.notify_one();
        released.await;
    }
    if server.down.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    // The shape login.botframework.com publishes.
    Json(json!({
        "issuer": ISSUER,
        "authorization_endpoint": "https://invalid.botframework.com",
        "jwks_uri": format!("{}/v1/.well-known/keys", server.base),
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
    }))
    .into_response()
}

async fn key_set(State(server): State<Arc<KeyServer>>) -> Response {
    server.key_set_requests.fetch_add(1, Ordering::SeqCst);
    if server.down.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let keys = server.keys.lock().expect("not poisoned").clone();
    Json(json!({ "keys": keys })).into_response()
}

/// A verifier wired to a fresh key server and a manual clock.
struct Harness {
    server: Arc<KeyServer>,
    clock: Arc<ManualClock>,
    auth: BotFrameworkAuth,
}

impl Harness {
    async fn publishing(keys: Vec<Value>) -> Harness {
        let server = KeyServer::start(keys).await;
        let start = Utc
            .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .expect("valid instant");
        let clock = Arc::new(ManualClock::new(start));
        let auth = BotFrameworkAuth::new(
            reqwest::Client::new(),
            server.metadata_url(),
            APP_ID.to_string(),
            clock.clone(),
        );
        Harness {
            server,
            clock,
            auth,
        }
    }

    fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }

    /// The claims the Connector sends: valid for an hour from a minute ago.
    fn claims(&self) -> Value {
        json!({
            "iss": ISSUER,
            "aud": APP_ID,
            "nbf": self.now() - 60,
            "exp": self.now() + 3600,
            "serviceurl": SERVICE_URL,
        })
    }

    /// The usual claims with `changes` laid over them (a `null` removes the claim).
    fn claims_with(&self, changes: Value) -> Value {
        let mut claims = self.claims();
        let object = claims.as_object_mut().expect("an object");
        for (name, value) in changes.as_object().expect("an object") {
            if value.is_null() {
                object.remove(name);
            } else {
                object.insert(name.clone(), value.clone());
            }
        }
        claims
    }

    async fn verify(&self, token: &str) -> Result<Claims, AuthError> {
        let header = format!("Bearer {token}");
        self.auth.verify(Some(&header), SERVICE_URL, TEAMS).await
    }

    fn advance(&self, seconds: i64) {
        self.clock.advance(Duration::seconds(seconds));
    }
}

fn unsigned_token(header: Value, claims: &Value) -> String {
    let part = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string());
    format!("{}.{}.", part(&header), part(claims))
}

#[tokio::test]
async fn a_token_signed_by_a_published_key_is_accepted_with_its_claims() {
    // Arrange
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let token = KEY_A.sign(&harness.claims());

    // Act
    let claims = harness.verify(&token).await.expect("accepted");

    // Assert
    assert_eq!(claims.service_url, SERVICE_URL);
    assert_eq!(claims.audience, APP_ID);
    assert_eq!(claims.key_id, "test-key-a");
    assert_eq!(claims.expires_at.timestamp(), harness.now() + 3600);
    assert_eq!(harness.server.fetches(), 1);
    assert_eq!(harness.server.key_set_requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn keys_are_cached_for_a_day_then_fetched_again() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    harness
        .verify(&KEY_A.sign(&harness.claims()))
        .await
        .expect("first accepted");

    harness.advance(KEY_CACHE_SECONDS - 1);
    harness
        .verify(&KEY_A.sign(&harness.claims()))
        .await
        .expect("accepted from the cache");
    assert_eq!(
        harness.server.fetches(),
        1,
        "a fresh cache is not refetched"
    );

    harness.advance(1);
    harness
        .verify(&KEY_A.sign(&harness.claims()))
        .await
        .expect("accepted after the daily refresh");
    assert_eq!(harness.server.fetches(), 2, "a day-old cache is refetched");
}

#[tokio::test]
async fn concurrent_verifications_share_one_fetch() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let token = KEY_A.sign(&harness.claims());

    let results = futures_util::future::join_all((0..8).map(|_| harness.verify(&token))).await;

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(harness.server.fetches(), 1);
}

#[tokio::test]
async fn the_key_server_down_with_no_keys_held_is_a_keys_error() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    harness.server.set_down(true);

    let result = harness.verify(&KEY_A.sign(&harness.claims())).await;

    assert!(matches!(result, Err(AuthError::Keys(_))), "{result:?}");
}

#[tokio::test]
async fn the_key_server_down_at_refresh_time_keeps_the_keys_held() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    harness
        .verify(&KEY_A.sign(&harness.claims()))
        .await
        .expect("first accepted");
    harness.server.set_down(true);
    harness.advance(KEY_CACHE_SECONDS + 3600);

    let result = harness.verify(&KEY_A.sign(&harness.claims())).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(harness.server.fetches(), 2, "the refresh was tried");
}

#[tokio::test]
async fn a_refresh_in_flight_does_not_hold_up_tokens_signed_by_a_key_already_held() {
    // Arrange: a day later the key server is slow to answer the refresh.
    let harness = Arc::new(Harness::publishing(vec![KEY_A.published(&[])]).await);
    harness
        .verify(&KEY_A.sign(&harness.claims()))
        .await
        .expect("first accepted");
    harness.advance(KEY_CACHE_SECONDS + 60);
    harness.server.hold_requests();
    let refreshing = tokio::spawn({
        let harness = harness.clone();
        async move { harness.verify(&KEY_A.sign(&harness.claims())).await }
    });
    tokio::time::timeout(
        std::time::Duration::from_secs(4),
        harness.server.arrived.notified(),
    )
    .await
    .expect("the refresh reached the key server");

    // Act: another token arrives while the refresh waits on the key server.
    let meanwhile = tokio::time::timeout(
        std::time::Duration::from_secs(4),
        harness.verify(&KEY_A.sign(&harness.claims())),
    )
    .await
    .expect("not held up by the refresh");

    // Assert
    assert!(meanwhile.is_ok(), "{meanwhile:?}");
    harness.server.stop_holding();
    let refreshed = refreshing.await.expect("the refreshing task ends");
    assert!(refreshed.is_ok(), "{refreshed:?}");
    assert_eq!(harness.server.fetches(), 2);
}

#[tokio::test]
async fn a_key_server_that_never_answers_is_a_keys_error_not_a_hang() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    harness.server.hold_requests();
    let auth = BotFrameworkAuth::new(
        reqwest::Client::new(),
        harness.server.metadata_url(),
        APP_ID.to_string(),
        harness.clock.clone(),
    )
    .with_fetch_timeout(std::time::Duration::from_millis(200));
    let header = format!("Bearer {}", KEY_A.sign(&harness.claims()));

    let result = auth.verify(Some(&header), SERVICE_URL, TEAMS).await;

    assert!(matches!(result, Err(AuthError::Keys(_))), "{result:?}");
}

#[tokio::test]
async fn an_unknown_kid_fetches_the_keys_once_and_finds_a_rolled_over_key() {
    // Arrange: keys fetched, then the Connector publishes key B and signs with it.
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    harness
        .verify(&KEY_A.sign(&harness.claims()))
        .await
        .expect("key A accepted");
    harness.advance(600);
    harness
        .server
        .publish(vec![KEY_A.published(&[]), KEY_B.published(&[])]);

    // Act
    let first = harness.verify(&KEY_B.sign(&harness.claims())).await;
    let second = harness.verify(&KEY_B.sign(&harness.claims())).await;

    // Assert
    assert_eq!(first.expect("key B accepted").key_id, "test-key-b");
    assert!(second.is_ok(), "{second:?}");
    assert_eq!(harness.server.fetches(), 2, "exactly one refetch");
}

#[tokio::test]
async fn forged_kids_make_at_most_one_fetch_per_thirty_seconds() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    harness
        .verify(&KEY_A.sign(&harness.claims()))
        .await
        .expect("key A accepted");
    harness.advance(60);

    let first = harness.verify(&KEY_C.sign(&harness.claims())).await;
    assert!(
        matches!(&first, Err(AuthError::UnknownKey(kid)) if kid == "test-key-c"),
        "{first:?}"
    );
    assert_eq!(
        harness.server.fetches(),
        2,
        "one refetch for the unknown kid"
    );

    harness.advance(UNKNOWN_KEY_REFETCH_SECONDS - 1);
    let forged = KEY_C.sign_as(Algorithm::RS256, "forged-kid", &harness.claims());
    let second = harness.verify(&forged).await;
    assert!(
        matches!(second, Err(AuthError::UnknownKey(_))),
        "{second:?}"
    );
    assert_eq!(harness.server.fetches(), 2, "no fetch within 30 s");

    harness.advance(1);
    let third = harness.verify(&forged).await;
    assert!(matches!(third, Err(AuthError::UnknownKey(_))), "{third:?}");
    assert_eq!(harness.server.fetches(), 3, "one more fetch after 30 s");
}

#[tokio::test]
async fn a_wrong_issuer_is_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let claims = harness.claims_with(json!({ "iss": "https://sts.windows.net/evil/" }));

    let result = harness.verify(&KEY_A.sign(&claims)).await;

    assert!(matches!(result, Err(AuthError::Issuer)), "{result:?}");
}

#[tokio::test]
async fn a_token_for_another_app_is_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let other_app = harness.claims_with(json!({ "aud": "0b7f1c1e-0000-4000-8000-000000000000" }));
    let no_aud = harness.claims_with(json!({ "aud": null }));

    let other = harness.verify(&KEY_A.sign(&other_app)).await;
    let missing = harness.verify(&KEY_A.sign(&no_aud)).await;

    assert!(matches!(other, Err(AuthError::Audience)), "{other:?}");
    assert!(matches!(missing, Err(AuthError::Audience)), "{missing:?}");
}

#[tokio::test]
async fn the_app_id_matches_in_any_case() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let claims = harness.claims_with(json!({ "aud": APP_ID.to_uppercase() }));

    let result = harness.verify(&KEY_A.sign(&claims)).await;

    assert_eq!(result.expect("accepted").audience, APP_ID.to_uppercase());
}

#[tokio::test]
async fn a_token_expired_within_the_clock_skew_is_accepted_and_beyond_it_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let recently = harness.claims_with(json!({ "exp": harness.now() - 200 }));
    let too_long_ago = harness.claims_with(json!({ "exp": harness.now() - 301 }));

    let accepted = harness.verify(&KEY_A.sign(&recently)).await;
    let refused = harness.verify(&KEY_A.sign(&too_long_ago)).await;

    assert!(accepted.is_ok(), "{accepted:?}");
    assert!(matches!(refused, Err(AuthError::Expired)), "{refused:?}");
}

#[tokio::test]
async fn a_token_without_exp_is_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let claims = harness.claims_with(json!({ "exp": null }));

    let result = harness.verify(&KEY_A.sign(&claims)).await;

    assert!(matches!(result, Err(AuthError::Malformed(_))), "{result:?}");
}

#[tokio::test]
async fn a_token_valid_only_in_the_future_is_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let soon = harness.claims_with(json!({ "nbf": harness.now() + 200 }));
    let later = harness.claims_with(json!({
        "nbf": harness.now() + 3600,
        "exp": harness.now() + 7200,
    }));

    let within_skew = harness.verify(&KEY_A.sign(&soon)).await;
    let refused = harness.verify(&KEY_A.sign(&later)).await;

    assert!(within_skew.is_ok(), "{within_skew:?}");
    assert!(
        matches!(refused, Err(AuthError::NotYetValid)),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_key_endorsed_only_for_another_channel_is_refused_for_teams() {
    let harness = Harness::publishing(vec![KEY_A.published(&["slack"])]).await;

    let result = harness.verify(&KEY_A.sign(&harness.claims())).await;

    assert!(
        matches!(&result, Err(AuthError::NotEndorsed { channel_id }) if channel_id == TEAMS),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_key_endorsed_for_teams_or_not_endorsed_at_all_is_accepted() {
    let harness = Harness::publishing(vec![
        KEY_A.published(&["msteams", "skype"]),
        KEY_B.published(&[]),
    ])
    .await;

    let endorsed = harness.verify(&KEY_A.sign(&harness.claims())).await;
    let unendorsed = harness.verify(&KEY_B.sign(&harness.claims())).await;

    assert!(endorsed.is_ok(), "{endorsed:?}");
    assert!(unendorsed.is_ok(), "{unendorsed:?}");
}

#[tokio::test]
async fn the_service_url_claim_must_match_the_activity() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let elsewhere = harness.claims_with(json!({ "serviceurl": "https://attacker.example/" }));
    let missing = harness.claims_with(json!({ "serviceurl": null }));

    let mismatch = harness.verify(&KEY_A.sign(&elsewhere)).await;
    let absent = harness.verify(&KEY_A.sign(&missing)).await;

    assert!(
        matches!(mismatch, Err(AuthError::ServiceUrl)),
        "{mismatch:?}"
    );
    assert!(matches!(absent, Err(AuthError::ServiceUrl)), "{absent:?}");
}

#[tokio::test]
async fn the_service_url_claim_may_be_spelled_as_the_docs_do_and_differ_by_a_trailing_slash() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let camel_case = harness.claims_with(json!({
        "serviceurl": null,
        "serviceUrl": SERVICE_URL.trim_end_matches('/'),
    }));

    let result = harness.verify(&KEY_A.sign(&camel_case)).await;

    assert_eq!(
        result.expect("accepted").service_url,
        "https://smba.trafficmanager.net/amer"
    );
}

#[tokio::test]
async fn an_unsigned_token_is_refused_before_any_key_is_fetched() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let header = json!({ "alg": "none", "typ": "JWT", "kid": "test-key-a" });
    let token = unsigned_token(header, &harness.claims());

    let result = harness.verify(&token).await;

    assert!(
        matches!(&result, Err(AuthError::Algorithm(alg)) if alg == "none"),
        "{result:?}"
    );
    assert_eq!(harness.server.fetches(), 0);
}

#[tokio::test]
async fn an_hmac_token_keyed_with_the_public_key_is_refused() {
    // The algorithm-confusion attack: HS256 with the published modulus as the shared secret.
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(KEY_A.kid.to_string());
    let secret = EncodingKey::from_secret(&KEY_A.public_modulus());
    let token = jsonwebtoken::encode(&header, &harness.claims(), &secret).expect("signs");

    let result = harness.verify(&token).await;

    assert!(
        matches!(&result, Err(AuthError::Algorithm(alg)) if alg == "HS256"),
        "{result:?}"
    );
    assert_eq!(harness.server.fetches(), 0);
}

#[tokio::test]
async fn an_rs384_token_is_refused_even_from_a_published_key() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let token = KEY_A.sign_as(Algorithm::RS384, KEY_A.kid, &harness.claims());

    let result = harness.verify(&token).await;

    assert!(
        matches!(&result, Err(AuthError::Algorithm(alg)) if alg == "RS384"),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_token_signed_by_another_key_than_its_kid_names_is_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let token = KEY_B.sign_as(Algorithm::RS256, KEY_A.kid, &harness.claims());

    let result = harness.verify(&token).await;

    assert!(matches!(result, Err(AuthError::BadSignature)), "{result:?}");
}

#[tokio::test]
async fn a_token_whose_claims_were_altered_after_signing_is_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let token = KEY_A.sign(&harness.claims());
    let altered = harness.claims_with(json!({ "serviceurl": "https://attacker.example/" }));
    let mut parts: Vec<&str> = token.split('.').collect();
    let altered_payload = URL_SAFE_NO_PAD.encode(altered.to_string());
    parts[1] = &altered_payload;

    let result = harness.verify(&parts.join(".")).await;

    assert!(matches!(result, Err(AuthError::BadSignature)), "{result:?}");
}

#[tokio::test]
async fn requests_without_a_bearer_jwt_are_refused() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let verify = |header: Option<&'static str>| harness.auth.verify(header, SERVICE_URL, TEAMS);

    let missing = verify(None).await;
    let blank = verify(Some("  ")).await;
    let basic = verify(Some("Basic xyz")).await;
    let empty_bearer = verify(Some("Bearer ")).await;
    let garbage = verify(Some("Bearer not-a-jwt")).await;
    let not_base64 = verify(Some("Bearer a$b.c.d")).await;
    let four_parts = verify(Some("Bearer a.b.c.d")).await;

    assert!(
        matches!(missing, Err(AuthError::MissingHeader)),
        "{missing:?}"
    );
    assert!(matches!(blank, Err(AuthError::MissingHeader)), "{blank:?}");
    assert!(matches!(basic, Err(AuthError::NotBearer)), "{basic:?}");
    for result in [empty_bearer, garbage, not_base64, four_parts] {
        assert!(matches!(result, Err(AuthError::Malformed(_))), "{result:?}");
    }
    assert_eq!(harness.server.fetches(), 0);
}

#[tokio::test]
async fn the_bearer_scheme_is_matched_in_any_case() {
    let harness = Harness::publishing(vec![KEY_A.published(&[])]).await;
    let header = format!("bearer {}", KEY_A.sign(&harness.claims()));

    let result = harness.auth.verify(Some(&header), SERVICE_URL, TEAMS).await;

    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn every_refusal_has_its_own_snake_case_reason() {
    let errors = [
        AuthError::MissingHeader,
        AuthError::NotBearer,
        AuthError::Malformed(String::new()),
        AuthError::Algorithm(String::new()),
        AuthError::UnknownKey(String::new()),
        AuthError::BadSignature,
        AuthError::Issuer,
        AuthError::Audience,
        AuthError::Expired,
        AuthError::NotYetValid,
        AuthError::NotEndorsed {
            channel_id: String::new(),
        },
        AuthError::ServiceUrl,
        AuthError::Keys(String::new()),
    ];
    let reasons: std::collections::HashSet<_> = errors.iter().map(AuthError::reason).collect();
    assert_eq!(reasons.len(), errors.len());
    assert!(
        reasons
            .iter()
            .all(|r| r.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    );
}
