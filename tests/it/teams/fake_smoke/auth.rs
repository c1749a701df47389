//! The fake's login service and its tokens, checked the way `chat-protocols.md` section 9 says
//! a bot must check them, by a small reference verifier built on jsonwebtoken: a valid token
//! passes, each forgery fails at the check it targets (and only there), and a key roll-over
//! needs a fresh key set.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

use super::super::fake::{APP_ID, CHANNEL_ID, FakeBotFramework, Forgery, ISSUER};

/// Why the reference verifier refused a token.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    NoHeader,
    NotBearer,
    UnreadableHeader,
    NotRs256,
    UnknownKid,
    NotEndorsed,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    NotYetValid,
    ServiceUrlMismatch,
    Other(String),
}

/// The key set as the bot finds it: metadata first, then its `jwks_uri`.
async fn fetch_key_set(fake: &FakeBotFramework) -> Value {
    let metadata: Value = reqwest::get(fake.openid_metadata_url())
        .await
        .expect("openid metadata")
        .json()
        .await
        .expect("metadata JSON");
    let jwks_uri = metadata["jwks_uri"].as_str().expect("jwks_uri");
    reqwest::get(jwks_uri)
        .await
        .expect("key set")
        .json()
        .await
        .expect("key set JSON")
}

/// The checks of section 9, in order, against `keys`.
fn verify(keys: &Value, authorization: Option<&str>, activity: &Value) -> Result<(), Refusal> {
    let header_value = authorization.ok_or(Refusal::NoHeader)?;
    let token = header_value
        .strip_prefix("Bearer ")
        .ok_or(Refusal::NotBearer)?;
    let header = jsonwebtoken::decode_header(token).map_err(|_| Refusal::UnreadableHeader)?;
    if header.alg != Algorithm::RS256 {
        return Err(Refusal::NotRs256);
    }
    let kid = header.kid.ok_or(Refusal::UnknownKid)?;
    let key = keys["keys"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|k| k["kid"] == kid.as_str())
        .ok_or(Refusal::UnknownKid)?;
    let endorsed = key["endorsements"].as_array().is_some_and(|e| {
        e.iter()
            .any(|c| c == activity["channelId"].as_str().unwrap_or(""))
    });
    if !endorsed {
        return Err(Refusal::NotEndorsed);
    }
    let n = key["n"].as_str().unwrap_or_default();
    let e = key["e"].as_str().unwrap_or_default();
    let decoding =
        DecodingKey::from_rsa_components(n, e).map_err(|e| Refusal::Other(e.to_string()))?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[APP_ID]);
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud"]);
    validation.validate_nbf = true;
    validation.leeway = 300;
    let claims = jsonwebtoken::decode::<Value>(token, &decoding, &validation)
        .map_err(|error| match error.kind() {
            ErrorKind::InvalidSignature => Refusal::BadSignature,
            ErrorKind::InvalidIssuer => Refusal::WrongIssuer,
            ErrorKind::InvalidAudience => Refusal::WrongAudience,
            ErrorKind::ExpiredSignature => Refusal::Expired,
            ErrorKind::ImmatureSignature => Refusal::NotYetValid,
            other => Refusal::Other(format!("{other:?}")),
        })?
        .claims;
    if claims["serviceurl"] != activity["serviceUrl"] {
        return Err(Refusal::ServiceUrlMismatch);
    }
    Ok(())
}

/// The check each forgery is built to fail.
fn expected_refusal(forgery: Forgery) -> Refusal {
    match forgery {
        Forgery::WrongIssuer => Refusal::WrongIssuer,
        Forgery::WrongAudience => Refusal::WrongAudience,
        Forgery::Expired => Refusal::Expired,
        Forgery::NotYetValid => Refusal::NotYetValid,
        Forgery::UnknownKid => Refusal::UnknownKid,
        Forgery::NotEndorsedForTeams => Refusal::NotEndorsed,
        Forgery::ServiceUrlMismatch => Refusal::ServiceUrlMismatch,
        // jsonwebtoken has no "none" algorithm: such a header does not even parse.
        Forgery::AlgNone => Refusal::UnreadableHeader,
        Forgery::Hs256WithPublicKey => Refusal::NotRs256,
        Forgery::MissingHeader => Refusal::NoHeader,
        Forgery::NotBearer => Refusal::NotBearer,
    }
}

#[tokio::test]
async fn the_metadata_points_at_a_key_set_with_endorsements() {
    let fake = FakeBotFramework::start().await;
    let metadata: Value = reqwest::get(fake.openid_metadata_url())
        .await
        .expect("metadata")
        .json()
        .await
        .expect("JSON");
    assert_eq!(metadata["issuer"], "https://api.botframework.com");
    assert_eq!(
        metadata["jwks_uri"],
        format!("{}/v1/.well-known/keys", fake.url())
    );
    assert_eq!(
        metadata["id_token_signing_alg_values_supported"],
        serde_json::json!(["RS256"])
    );

    let keys = fetch_key_set(&fake).await;
    let listed = keys["keys"].as_array().expect("keys");
    assert_eq!(listed.len(), 2, "the Teams key and another channel's");
    let teams = &listed[0];
    assert_eq!(teams["kid"], fake.signing_kid().as_str());
    for field in ["kty", "use", "kid", "x5t", "n", "e"] {
        assert!(teams[field].is_string(), "{field} in {teams}");
    }
    assert_eq!(
        (teams["kty"].as_str(), teams["use"].as_str()),
        (Some("RSA"), Some("sig"))
    );
    assert_eq!(teams["endorsements"], serde_json::json!([CHANNEL_ID]));
    assert_eq!(listed[1]["endorsements"], serde_json::json!(["webchat"]));
    assert_eq!((fake.openid_fetches(), fake.key_fetches()), (2, 1));
}

#[tokio::test]
async fn a_signed_token_verifies_and_each_forgery_fails_for_its_own_reason() {
    let fake = FakeBotFramework::start().await;
    let client = fake.teams_client();
    let ana = fake.person("ana@acme.example");
    let activity = client.personal_message(&ana, "hello");
    let keys = fetch_key_set(&fake).await;

    let valid = client.authorization(&activity);
    assert!(valid.starts_with("Bearer ey"));
    assert_eq!(verify(&keys, Some(&valid), &activity), Ok(()));

    for forgery in Forgery::ALL {
        let forged = client.forged_authorization(&activity, forgery);
        assert_eq!(
            verify(&keys, forged.as_deref(), &activity),
            Err(expected_refusal(forgery)),
            "{forgery:?}"
        );
    }
}

#[tokio::test]
async fn a_rolled_over_key_verifies_only_against_a_fresh_key_set() {
    let fake = FakeBotFramework::start().await;
    let client = fake.teams_client();
    let ana = fake.person("ana@acme.example");
    let activity = client.personal_message(&ana, "hello");
    let old_keys = fetch_key_set(&fake).await;
    let old_token = client.authorization(&activity);
    let old_kid = fake.signing_kid();

    let new_kid = fake.rotate_keys(true);
    assert_ne!(new_kid, old_kid);
    let new_token = client.authorization(&activity);
    assert_eq!(
        verify(&old_keys, Some(&new_token), &activity),
        Err(Refusal::UnknownKid),
        "a key set fetched before the roll-over does not know the new key"
    );
    let keys = fetch_key_set(&fake).await;
    assert_eq!(verify(&keys, Some(&new_token), &activity), Ok(()));
    assert_eq!(
        verify(&keys, Some(&old_token), &activity),
        Ok(()),
        "old key kept"
    );

    assert_eq!(fake.rotate_keys(false), old_kid);
    let keys = fetch_key_set(&fake).await;
    assert_eq!(
        verify(&keys, Some(&new_token), &activity),
        Err(Refusal::UnknownKid)
    );
    assert_eq!(
        verify(&keys, Some(&client.authorization(&activity)), &activity),
        Ok(())
    );
    assert_eq!(fake.key_fetches(), 3);
}
