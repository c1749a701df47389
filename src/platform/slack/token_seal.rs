//! Bot tokens at rest: sealed with ChaCha20-Poly1305 under a key from the environment.
//!
//! An OAuth install hands us a bot token that can read and post in a whole workspace; a copy
//! of the database (a backup, a leaked volume) must not hand it to anyone else. The key lives
//! only in `AMBASSADOR_TOKEN_KEY` (32 random bytes, base64 or hex), never in the database.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chacha20poly1305::aead::Aead;
use chacha20poly1305::{ChaCha20Poly1305, Key, KeyInit, Nonce};

const NONCE_LEN: usize = 12;

/// The key that seals bot tokens.
#[derive(Clone)]
pub struct TokenKey(Key);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(…)")
    }
}

/// Why a key or a sealed token could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The key is not 32 bytes in base64 or hex.
    #[error(
        "AMBASSADOR_TOKEN_KEY must be 32 random bytes written as base64 (44 characters) or hex (64 characters); generate one with `openssl rand -base64 32`"
    )]
    BadKey,
    /// The sealed token was made with another key or was altered.
    #[error(
        "a stored bot token could not be opened: it was sealed with another AMBASSADOR_TOKEN_KEY or altered"
    )]
    CannotOpen,
    /// The system's random source failed.
    #[error("no randomness available to seal a token")]
    NoRandomness,
}

impl TokenKey {
    /// Reads a key written as base64 or hex.
    pub fn parse(text: &str) -> Result<TokenKey, SealError> {
        let text = text.trim();
        let bytes = if text.len() == 64 && text.chars().all(|c| c.is_ascii_hexdigit()) {
            hex::decode(text).map_err(|_| SealError::BadKey)?
        } else {
            BASE64.decode(text).map_err(|_| SealError::BadKey)?
        };
        if bytes.len() != 32 {
            return Err(SealError::BadKey);
        }
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| SealError::BadKey)?;
        Ok(TokenKey(Key::from(bytes)))
    }

    /// Seals a token: base64 of a random nonce followed by the ciphertext and tag.
    pub fn seal(&self, token: &str) -> Result<String, SealError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|_| SealError::NoRandomness)?;
        let cipher = ChaCha20Poly1305::new(&self.0);
        let sealed = cipher
            .encrypt(&Nonce::from(nonce), token.as_bytes())
            .map_err(|_| SealError::CannotOpen)?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(BASE64.encode(out))
    }

    /// Opens a sealed token.
    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let bytes = BASE64.decode(sealed).map_err(|_| SealError::CannotOpen)?;
        if bytes.len() <= NONCE_LEN {
            return Err(SealError::CannotOpen);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SealError::CannotOpen)?;
        let cipher = ChaCha20Poly1305::new(&self.0);
        let plain = cipher
            .decrypt(&Nonce::from(nonce), ciphertext)
            .map_err(|_| SealError::CannotOpen)?;
        String::from_utf8(plain).map_err(|_| SealError::CannotOpen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_B64: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    #[test]
    fn a_sealed_token_opens_with_its_key_only() {
        let key = TokenKey::parse(KEY_B64).expect("key");
        let sealed = key.seal("xoxb-1-secret").expect("seal");
        assert!(
            !sealed.contains("xoxb"),
            "the token must not be readable: {sealed}"
        );
        assert_eq!(key.open(&sealed).expect("open"), "xoxb-1-secret");
        let other = TokenKey::parse(&"ab".repeat(32)).expect("hex key");
        assert_eq!(other.open(&sealed), Err(SealError::CannotOpen));
    }

    #[test]
    fn sealing_twice_gives_different_texts() {
        let key = TokenKey::parse(KEY_B64).expect("key");
        assert_ne!(key.seal("t").expect("seal"), key.seal("t").expect("seal"));
    }

    #[test]
    fn bad_keys_and_altered_tokens_are_refused() {
        assert_eq!(TokenKey::parse("short").err(), Some(SealError::BadKey));
        assert_eq!(
            TokenKey::parse(&"ab".repeat(16)).err(),
            Some(SealError::BadKey)
        );
        let key = TokenKey::parse(KEY_B64).expect("key");
        let mut sealed = key.seal("xoxb-1").expect("seal").into_bytes();
        let last = sealed.len() - 3;
        sealed[last] = if sealed[last] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(sealed).expect("ascii");
        assert_eq!(key.open(&altered), Err(SealError::CannotOpen));
        assert_eq!(key.open("!!"), Err(SealError::CannotOpen));
    }
}
