//! Key material: the database key, where it is kept, and how it is recovered.
//!
//! The database key is 32 random bytes from the OS CSPRNG, applied to SQLCipher as a raw
//! key so opening costs no KDF. It is stored in the OS keychain ([`keychain`]), wrapped to
//! the user's recovery kit as an age file beside the database ([`kit`]), and in passphrase
//! mode wrapped with an age scrypt passphrase instead of the keychain ([`passphrase`]).
//! None of these types can be printed, serialized or left behind in freed memory.

pub mod keychain;
pub mod kit;
pub mod passphrase;

use secrecy::{ExposeSecret, SecretBox, SecretString};
use zeroize::Zeroizing;

/// Why key material could not be produced or read back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The operating system's random number generator failed.
    #[error("the system random number generator is unavailable")]
    Random,
    /// A stored key is not 64 lowercase hex characters.
    #[error("a stored database key is malformed (expected 64 hex characters)")]
    Malformed,
}

/// The 32-byte SQLCipher key. Redacted in `Debug`, never serialized, zeroized on drop.
pub struct DbKey(SecretBox<[u8; 32]>);

impl DbKey {
    /// A fresh key from the OS CSPRNG.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = Box::new([0u8; 32]);
        getrandom::fill(bytes.as_mut_slice()).map_err(|_| KeyError::Random)?;
        Ok(Self(SecretBox::new(bytes)))
    }

    /// Parses the lowercase hex form kept in the keychain and in wrapped-key files.
    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if text.len() != 64 {
            return Err(KeyError::Malformed);
        }
        let mut bytes = Box::new([0u8; 32]);
        hex::decode_to_slice(text, bytes.as_mut_slice()).map_err(|_| KeyError::Malformed)?;
        Ok(Self(SecretBox::new(bytes)))
    }

    /// A second copy, for another connection to the same database (zeroized on drop too).
    pub(crate) fn duplicate(&self) -> Self {
        Self(SecretBox::new(Box::new(*self.0.expose_secret())))
    }

    /// The lowercase hex form (what the keychain stores).
    pub fn to_hex(&self) -> SecretString {
        SecretString::from(hex::encode(self.0.expose_secret()))
    }

    /// The value for `PRAGMA key` / `PRAGMA rekey`: a raw key, `x'…'`, quoted.
    pub(crate) fn pragma_literal(&self) -> Zeroizing<String> {
        let hex = self.to_hex();
        Zeroizing::new(format!("\"x'{}'\"", hex.expose_secret()))
    }

    /// Whether two keys are the same, compared in constant time.
    pub fn same_as(&self, other: &DbKey) -> bool {
        let (a, b) = (self.0.expose_secret(), other.0.expose_secret());
        a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}

/// Random bytes as lowercase hex, for identifiers (not secrets).
pub(crate) fn random_hex(len: usize) -> Result<String, KeyError> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|_| KeyError::Random)?;
    Ok(hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_redacted_debug() {
        let key = DbKey::generate().unwrap();
        let hex = key.to_hex();
        assert_eq!(hex.expose_secret().len(), 64);
        let back = DbKey::from_hex(hex.expose_secret()).unwrap();
        assert!(back.same_as(&key), "parsing the hex form must give the same key");
        assert!(
            !format!("{key:?}").contains(hex.expose_secret()),
            "Debug must not show the key"
        );
        assert!(DbKey::from_hex("abc").is_err(), "short keys are malformed");
        assert!(
            DbKey::from_hex(&"zz".repeat(32)).is_err(),
            "non-hex keys are malformed"
        );
    }

    #[test]
    fn generated_keys_differ() {
        let (a, b) = (DbKey::generate().unwrap(), DbKey::generate().unwrap());
        assert!(!a.same_as(&b), "two generated keys must not be equal");
    }
}
