//! Respondent keys: how an open round recognises a person's own answers without storing who
//! they are.
//!
//! While a round is open, each answer row carries `HMAC-SHA256(round secret, person id)`. The
//! person's next click computes the same key and finds their answers to change them; nobody can
//! go from a key back to a person without the secret. When the round closes, the secret is
//! erased and the keys are cleared, so the answers become unlinkable for good.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::core::ids::PersonId;

/// The respondent key of `person` in the round whose secret is `secret` (hex).
pub fn respondent_key(secret: &str, person: PersonId) -> String {
    let key = hex::decode(secret).unwrap_or_else(|_| secret.as_bytes().to_vec());
    let mut mac = match <Hmac<Sha256> as KeyInit>::new_from_slice(&key) {
        Ok(mac) => mac,
        // HMAC accepts keys of any length; this arm only satisfies the type.
        Err(_) => return String::new(),
    };
    mac.update(&person.0.to_be_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_gets_the_same_key_within_a_round_only() {
        let a = respondent_key("00ff10", PersonId(7));
        assert_eq!(a, respondent_key("00ff10", PersonId(7)));
        assert_ne!(
            a,
            respondent_key("00ff11", PersonId(7)),
            "another round, another key"
        );
        assert_ne!(a, respondent_key("00ff10", PersonId(8)));
        assert_eq!(a.len(), 64);
    }
}
