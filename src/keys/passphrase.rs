//! Passphrase mode: the database key wrapped with an age scrypt passphrase.
//!
//! For machines without a usable keychain the user may choose, explicitly, to type a
//! passphrase at every open. The key is then wrapped with age's scrypt recipient in
//! `key.passphrase.age`. Weak passphrases are refused with a real strength estimate
//! (zxcvbn), not a length rule, because an offline attacker holding the file can guess
//! at scrypt speed forever.

use secrecy::{ExposeSecret, SecretString};

use super::DbKey;

/// The lowest zxcvbn score accepted for a passphrase (3 of 4: "safely unguessable").
pub const MIN_SCORE: u8 = 3;

/// Why a passphrase was refused or could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PassphraseError {
    /// The passphrase is too easy to guess.
    #[error("this passphrase is too easy to guess ({feedback}); use four or more random words")]
    Weak {
        /// zxcvbn's advice, without the passphrase itself.
        feedback: String,
    },
    /// The passphrase does not unwrap the key.
    #[error("wrong passphrase")]
    Wrong,
    /// age failed to wrap the key.
    #[error("could not wrap the key with the passphrase: {0}")]
    Wrap(String),
}

/// Refuses passphrases zxcvbn scores below [`MIN_SCORE`]; `context` holds words a guesser
/// would try first (the app name, the vault id).
pub fn check_strength(passphrase: &SecretString, context: &[&str]) -> Result<(), PassphraseError> {
    let estimate = zxcvbn::zxcvbn(passphrase.expose_secret(), context);
    if u8::from(estimate.score()) >= MIN_SCORE {
        return Ok(());
    }
    let feedback = estimate
        .feedback()
        .map(|fb| {
            let mut parts: Vec<String> = fb.warning().map(|w| w.to_string()).into_iter().collect();
            parts.extend(fb.suggestions().iter().map(|s| s.to_string()));
            parts.join(" ")
        })
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| "it would be guessed quickly".to_owned());
    Err(PassphraseError::Weak { feedback })
}

/// Wraps the key with the passphrase (age scrypt).
pub fn wrap(key: &DbKey, passphrase: &SecretString) -> Result<Vec<u8>, PassphraseError> {
    let recipient = age::scrypt::Recipient::new(age::secrecy::SecretString::from(
        passphrase.expose_secret().to_owned(),
    ));
    let hex = key.to_hex();
    age::encrypt(&recipient, hex.expose_secret().as_bytes()).map_err(|e| PassphraseError::Wrap(e.to_string()))
}

/// Unwraps a key wrapped by [`wrap`].
pub fn unwrap(wrapped: &[u8], passphrase: &SecretString) -> Result<DbKey, PassphraseError> {
    let identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(
        passphrase.expose_secret().to_owned(),
    ));
    let plain =
        zeroize::Zeroizing::new(age::decrypt(&identity, wrapped).map_err(|_| PassphraseError::Wrong)?);
    let text = std::str::from_utf8(&plain).map_err(|_| PassphraseError::Wrong)?;
    DbKey::from_hex(text).map_err(|_| PassphraseError::Wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passphrases_are_refused_and_strong_ones_accepted() {
        for weak in ["password1!", "ironkeep2024", "aaaaaaaaaaaaaaaa", "letmein123"] {
            let err = check_strength(&SecretString::from(weak), &["ironkeep"])
                .expect_err(&format!("{weak} must be refused"));
            assert!(
                !err.to_string().contains(weak),
                "the error must not echo the passphrase"
            );
        }
        check_strength(&SecretString::from("correct horse battery staple orbit"), &[]).unwrap();
    }
}
