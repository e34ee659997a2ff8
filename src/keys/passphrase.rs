//! Passphrase mode: the database key wrapped with an age scrypt passphrase.
//!
//! For machines without a usable keychain the user may choose, explicitly, to type a
//! passphrase at every open. The key is then wrapped with age's scrypt recipient in
//! `key.passphrase.age`. Weak passphrases are refused with a real strength estimate
//! (zxcvbn), not a length rule, because an offline attacker holding the file can guess
//! at scrypt speed forever.

use chrono::{DateTime, Datelike, Utc};
use secrecy::{ExposeSecret, SecretString};

use super::DbKey;

/// The lowest zxcvbn score accepted for a passphrase: 4 of 4 ("very unguessable"), since
/// every passphrase Ironkeep takes (the vault's, a backup's) guards a file an attacker can
/// copy and attack offline, without any rate limit.
pub const MIN_SCORE: u8 = 4;

/// Words a guesser tries first against a lifter's passphrase, added to every check's
/// context (zxcvbn then scores them like dictionary words). The current and previous
/// years are added too.
const DOMAIN_WORDS: &[&str] = &[
    "ironkeep",
    "iron",
    "keep",
    "vault",
    "backup",
    "lifting",
    "lift",
    "lifter",
    "gym",
    "gymrat",
    "squat",
    "bench",
    "benchpress",
    "deadlift",
    "press",
    "overhead",
    "barbell",
    "dumbbell",
    "kettlebell",
    "plate",
    "rack",
    "reps",
    "sets",
    "pr",
    "max",
    "strength",
    "strong",
    "power",
    "powerlifting",
    "workout",
    "training",
    "muscle",
    "gains",
    "beast",
    "whoop",
    "hevy",
    "fitnotes",
];

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
/// would try first besides the domain's own (e.g. the vault id); `now` gives the years.
pub fn check_strength(
    passphrase: &SecretString,
    context: &[&str],
    now: DateTime<Utc>,
) -> Result<(), PassphraseError> {
    let years = [now.year().to_string(), (now.year() - 1).to_string()];
    let words: Vec<&str> = DOMAIN_WORDS
        .iter()
        .copied()
        .chain(years.iter().map(String::as_str))
        .chain(context.iter().copied())
        .collect();
    let estimate = zxcvbn::zxcvbn(passphrase.expose_secret(), &words);
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

    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn weak_passphrases_are_refused_and_strong_ones_accepted() {
        for weak in ["password1!", "ironkeep2024", "aaaaaaaaaaaaaaaa", "letmein123"] {
            let err = check_strength(&SecretString::from(weak), &["ironkeep"], now())
                .expect_err(&format!("{weak} must be refused"));
            assert!(
                !err.to_string().contains(weak),
                "the error must not echo the passphrase"
            );
        }
        // The strong passphrases the integration and end-to-end tests use must stay valid.
        for strong in [
            "correct horse battery staple orbit",
            "plank orbit velvet cactus meadow",
            "granite lantern oboe tundra pepper",
            "harbor violet anvil seventeen kettle drum",
            "copper meadow lantern ninety orbit",
            "quartz lantern otter mapped 91 velvet",
        ] {
            check_strength(&SecretString::from(strong), &[], now())
                .unwrap_or_else(|e| panic!("{strong} must be accepted: {e}"));
        }
    }

    #[test]
    fn a_lifters_usual_passphrases_are_refused() {
        for weak in ["Squat2024!", "gymrat4life", "Deadlift#2024"] {
            assert!(
                check_strength(&SecretString::from(weak), &[], now()).is_err(),
                "{weak} is among the first guesses against a lifter's files"
            );
        }
    }

    #[test]
    fn three_of_four_is_not_enough() {
        // zxcvbn scores these 3 of 4 even with the lifting words as context: strong enough
        // against online guessing, not against a copied file attacked offline.
        for almost in ["Squat2024!Bench", "orbit velvet"] {
            let score = zxcvbn::zxcvbn(almost, DOMAIN_WORDS).score();
            assert_eq!(
                u8::from(score),
                MIN_SCORE - 1,
                "{almost} scores just below the bar"
            );
            assert!(
                check_strength(&SecretString::from(almost), &[], now()).is_err(),
                "{almost} scores 3 of 4 and must be refused"
            );
        }
    }
}
