//! The fake's RSA keys (made by `keys/make-keys.sh`, see `keys/README.md`): which one signs,
//! which are published, and the key set document the bot verifies tokens with.
//!
//! The key set has the shape of the Bot Framework's (`chat-protocols.md` section 9): an
//! RFC 7517 set whose RSA keys carry `kty`, `use`, `kid`, `x5t`, `n`, `e`, `x5c`, and the Bot
//! Framework's own `endorsements`, the channels a key may sign for.

use std::sync::LazyLock;

use base64::Engine;
use jsonwebtoken::EncodingKey;
use serde::Deserialize;
use serde_json::{Value, json};

use super::FakeBotFramework;

/// One test key: its public half as published, and its private half for signing.
#[derive(Debug)]
pub(super) struct TestKey {
    pub kid: String,
    pub x5t: String,
    pub n: String,
    pub e: String,
    pub x5c: Vec<String>,
    /// The public key in PEM, only for the HS256 key-confusion forgery.
    pub public_pem: String,
    /// PKCS#1 DER of the private key.
    private_der: Vec<u8>,
    /// The channels the published key is endorsed for.
    pub endorsements: &'static [&'static str],
}

/// The public half as `keys/key-X.json` stores it.
#[derive(Deserialize)]
struct PublicHalf {
    kid: String,
    x5t: String,
    n: String,
    e: String,
    x5c: Vec<String>,
    public_pem: String,
}

impl TestKey {
    fn load(private_pem: &str, public_json: &str, endorsements: &'static [&'static str]) -> Self {
        let public: PublicHalf =
            serde_json::from_str(public_json).expect("a test key's public half (keys/*.json)");
        Self {
            kid: public.kid,
            x5t: public.x5t,
            n: public.n,
            e: public.e,
            x5c: public.x5c,
            public_pem: public.public_pem,
            private_der: pem_to_der(private_pem),
            endorsements,
        }
    }

    /// The key for jsonwebtoken's RS256 signer.
    pub fn encoding_key(&self) -> EncodingKey {
        EncodingKey::from_rsa_der(&self.private_der)
    }

    /// The key as the key set publishes it.
    pub fn to_jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "x5t": self.x5t,
            "n": self.n,
            "e": self.e,
            "x5c": self.x5c,
            "endorsements": self.endorsements,
        })
    }
}

/// The DER inside a PEM block (jsonwebtoken is built without its PEM feature).
fn pem_to_der(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("a test key's PEM body")
}

/// The first Teams key, signing from the start.
pub(super) const TEAMS_KEY: usize = 0;
/// The second Teams key, signing after a rotation.
pub(super) const ROTATED_KEY: usize = 1;
/// The published key endorsed only for another channel.
pub(super) const OTHER_CHANNEL_KEY: usize = 2;

/// The three test keys, parsed once.
pub(super) static KEYS: LazyLock<[TestKey; 3]> = LazyLock::new(|| {
    [
        TestKey::load(
            include_str!("../keys/key-a.pem"),
            include_str!("../keys/key-a.json"),
            &["msteams"],
        ),
        TestKey::load(
            include_str!("../keys/key-b.pem"),
            include_str!("../keys/key-b.json"),
            &["msteams"],
        ),
        TestKey::load(
            include_str!("../keys/key-c.pem"),
            include_str!("../keys/key-c.json"),
            &["webchat"],
        ),
    ]
});

/// Which key signs and which Teams keys the key set lists.
#[derive(Debug)]
pub(super) struct KeyState {
    signing: usize,
    published: Vec<usize>,
}

impl Default for KeyState {
    /// The first key signs and is the only Teams key published.
    fn default() -> Self {
        Self {
            signing: TEAMS_KEY,
            published: vec![TEAMS_KEY],
        }
    }
}

impl KeyState {
    /// The key that signs now.
    pub fn signing(&self) -> &'static TestKey {
        &KEYS[self.signing]
    }

    /// The `kid` of the key that signs now.
    pub fn signing_kid(&self) -> String {
        self.signing().kid.clone()
    }

    /// Switches signing to the other Teams key and publishes it; the old one stays published
    /// only if `keep_old`. Returns the new `kid`.
    pub fn rotate(&mut self, keep_old: bool) -> String {
        let old = self.signing;
        self.signing = if old == TEAMS_KEY {
            ROTATED_KEY
        } else {
            TEAMS_KEY
        };
        if !keep_old {
            self.published.retain(|k| *k != old);
        }
        if !self.published.contains(&self.signing) {
            self.published.push(self.signing);
        }
        self.signing_kid()
    }

    /// The key set document: the published Teams keys, then the other channel's key.
    pub fn jwks(&self) -> Value {
        let keys: Vec<Value> = self
            .published
            .iter()
            .chain(std::iter::once(&OTHER_CHANNEL_KEY))
            .map(|k| KEYS[*k].to_jwk())
            .collect();
        json!({"keys": keys})
    }
}

impl FakeBotFramework {
    /// Rolls the signing key over, as the Bot Framework does from time to time: the other
    /// Teams key signs from now on and is published; the old one stays published only if
    /// `keep_old` (a roll-over in progress) and is gone otherwise. Returns the new `kid`.
    pub fn rotate_keys(&self, keep_old: bool) -> String {
        let kid = self.inner.lock().keys.rotate(keep_old);
        self.inner.changed.notify_waiters();
        kid
    }

    /// The `kid` tokens are signed with now.
    pub fn signing_kid(&self) -> String {
        self.inner.lock().keys.signing_kid()
    }
}
