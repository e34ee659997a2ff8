//! The age layer: sealing an image to recipients or a passphrase, opening it again, and
//! reading the header's stanzas without decrypting (for `backup list`).
//!
//! Decryption is bounded: the plaintext buffer is reserved once (so no partial copy is
//! left behind by a reallocation) and reading stops past [`MAX_IMAGE_BYTES`]. Passphrase
//! backups are written with a fixed scrypt work factor (log N = 18); one above log N = 20
//! (1 GiB of memory) is refused before any scrypt work, unless raised for one command
//! with `IRONKEEP_MAX_SCRYPT_LOG_N` (at most 22). Age's authentication is the only
//! integrity check: a truncated or altered file fails here, before SQLite sees a byte.

use std::io::{Read, Write};

use secrecy::ExposeSecret;
use zeroize::Zeroizing;

use super::{BackupError, BackupKey, MAX_IMAGE_BYTES};

/// The scrypt work factor (log2 N) every passphrase backup is written with: 256 MiB of
/// memory, well under a second on a laptop, the same on every machine.
pub(crate) const WRITE_SCRYPT_LOG_N: u8 = 18;
/// The largest work factor read (1 GiB of memory); a hostile header can otherwise ask for
/// 4 GiB and more. Backups written by other age tools with a higher factor need
/// [`MAX_SCRYPT_ENV`].
pub const MAX_SCRYPT_LOG_N: u8 = 20;
/// The environment variable that raises [`MAX_SCRYPT_LOG_N`] for one command, up to 22
/// (4 GiB of memory).
pub const MAX_SCRYPT_ENV: &str = "IRONKEEP_MAX_SCRYPT_LOG_N";
/// The highest work factor any override allows (4 GiB of memory).
const SCRYPT_OVERRIDE_CEILING: u8 = 22;
/// How much of a file is read to parse its header.
const HEADER_LIMIT: usize = 64 * 1024;
/// The most header stanzas accepted (recipients plus grease).
const MAX_STANZAS: usize = 64;
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
const BINARY_MAGIC: &[u8] = b"age-encryption.org/";

/// How a backup is sealed.
pub(crate) enum Seal<'a> {
    /// To these X25519 recipients.
    Recipients(&'a [age::x25519::Recipient]),
    /// With a passphrase alone (scrypt).
    Passphrase(&'a secrecy::SecretString),
}

/// Encrypts `plain` into `out`, armored if asked.
pub(crate) fn seal<W: Write>(plain: &[u8], seal: Seal<'_>, armor: bool, out: W) -> Result<W, BackupError> {
    let encryptor = match seal {
        Seal::Recipients(list) => {
            age::Encryptor::with_recipients(list.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| BackupError::Encrypt(e.to_string()))?
        }
        Seal::Passphrase(pass) => {
            let mut recipient = age::scrypt::Recipient::new(pass.clone());
            recipient.set_work_factor(WRITE_SCRYPT_LOG_N);
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| BackupError::Encrypt(e.to_string()))?
        }
    };
    let format = if armor {
        age::armor::Format::AsciiArmor
    } else {
        age::armor::Format::Binary
    };
    let enc_err = |e: std::io::Error| BackupError::Encrypt(e.to_string());
    let armored = age::armor::ArmoredWriter::wrap_output(out, format).map_err(enc_err)?;
    let mut writer = encryptor.wrap_output(armored).map_err(enc_err)?;
    writer.write_all(plain).map_err(enc_err)?;
    writer.finish().and_then(|a| a.finish()).map_err(enc_err)
}

/// The work-factor cap in force: [`MAX_SCRYPT_LOG_N`], or what [`MAX_SCRYPT_ENV`] says
/// (a number from 1 up to [`SCRYPT_OVERRIDE_CEILING`]; anything else is ignored).
fn max_scrypt_log_n() -> u8 {
    std::env::var(MAX_SCRYPT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|v| (1..=SCRYPT_OVERRIDE_CEILING).contains(v))
        .unwrap_or(MAX_SCRYPT_LOG_N)
}

/// Whether `bytes` start like an age file (binary or armored).
fn looks_like_age(bytes: &[u8]) -> bool {
    let trimmed = bytes.trim_ascii_start();
    trimmed.starts_with(BINARY_MAGIC) || trimmed.starts_with(ARMOR_BEGIN)
}

/// Decrypts a backup, bounded by [`MAX_IMAGE_BYTES`].
pub(crate) fn decrypt(bytes: &[u8], key: &BackupKey) -> Result<Zeroizing<Vec<u8>>, BackupError> {
    // Bounds the header before age parses it: a header without its end within
    // HEADER_LIMIT bytes is refused here (age's own parser is slow on huge headers).
    read_header(bytes)?;
    let reader = age::armor::ArmoredReader::new(bytes);
    let decryptor = age::Decryptor::new_buffered(reader).map_err(|e| match e {
        age::DecryptError::UnknownFormat => BackupError::NotABackup,
        _ => BackupError::Damaged,
    })?;
    let scrypt = decryptor.is_scrypt();
    let stream = match key {
        BackupKey::Kits(kits) => {
            if scrypt {
                return Err(BackupError::NeedsPassphrase);
            }
            let identities = kits
                .iter()
                .map(|kit| kit.secret().expose_secret().parse::<age::x25519::Identity>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| BackupError::WrongKey)?;
            decryptor
                .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
                .map_err(|e| match e {
                    age::DecryptError::NoMatchingKeys => BackupError::WrongKey,
                    _ => BackupError::Damaged,
                })?
        }
        BackupKey::Passphrase(pass) => {
            if !scrypt {
                return Err(BackupError::NotPassphrase);
            }
            let mut identity = age::scrypt::Identity::new(pass.clone());
            let max = max_scrypt_log_n();
            identity.set_max_work_factor(max);
            decryptor
                .decrypt(std::iter::once(&identity as &dyn age::Identity))
                .map_err(|e| match e {
                    age::DecryptError::ExcessiveWork { required, .. } => {
                        BackupError::ExcessiveWork { log_n: required, max }
                    }
                    age::DecryptError::InvalidHeader | age::DecryptError::Io(_) => BackupError::Damaged,
                    _ => BackupError::WrongPassphrase,
                })?
        }
    };
    let mut plain = Zeroizing::new(Vec::with_capacity(bytes.len().min(MAX_IMAGE_BYTES + 1)));
    stream
        .take(MAX_IMAGE_BYTES as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|_| BackupError::Damaged)?;
    if plain.len() > MAX_IMAGE_BYTES {
        return Err(BackupError::TooLarge {
            limit: MAX_IMAGE_BYTES,
        });
    }
    Ok(plain)
}

/// What an age header says, read without decrypting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HeaderInfo {
    /// How many recipient stanzas (0 for a passphrase backup).
    pub recipients: u32,
    /// Whether it is a passphrase (scrypt) backup.
    pub passphrase: bool,
    /// Whether the file is ASCII-armored.
    pub armored: bool,
}

/// Reads the recipient stanzas of an age header (bounded; no decryption).
pub fn read_header(bytes: &[u8]) -> Result<HeaderInfo, BackupError> {
    if !looks_like_age(bytes) {
        return Err(BackupError::NotABackup);
    }
    let armored = bytes.trim_ascii_start().starts_with(ARMOR_BEGIN);
    let mut head = Vec::with_capacity(HEADER_LIMIT);
    age::armor::ArmoredReader::new(bytes)
        .take(HEADER_LIMIT as u64)
        .read_to_end(&mut head)
        .map_err(|_| BackupError::Damaged)?;
    let mut lines = head.split(|b| *b == b'\n');
    let mut stanzas = 0usize;
    if lines.next() != Some(b"age-encryption.org/v1".as_slice()) {
        return Err(BackupError::NotABackup);
    }
    let (mut recipients, mut passphrase) = (0u32, false);
    for line in lines {
        if line.starts_with(b"---") {
            return Ok(HeaderInfo {
                recipients: if passphrase { 0 } else { recipients },
                passphrase,
                armored,
            });
        }
        if let Some(stanza) = line.strip_prefix(b"-> ") {
            stanzas += 1;
            if stanzas > MAX_STANZAS {
                return Err(BackupError::Damaged);
            }
            let tag = stanza.split(|b| *b == b' ').next().unwrap_or_default();
            if !tag.ends_with(b"-grease") {
                recipients += 1;
            }
            passphrase |= stanza.starts_with(b"scrypt ");
        }
    }
    Err(BackupError::Damaged)
}
