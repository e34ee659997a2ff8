//! A change log file as it lies in the sync folder: one sealed batch of one device, with
//! the family, the device, its sequence number, the schema that wrote it and the hash of
//! the device's previous file, deflated, followed by an HMAC-SHA256 keyed from the recovery
//! kit, the whole encrypted with age to the kit's recipient.
//!
//! age alone proves nothing about the writer (anyone can encrypt to a public recipient);
//! the MAC proves a holder of the kit wrote it, which is as much as can be proved when
//! every device holds the same kit. A file is untrusted input: bounded before and after
//! inflating, and refused with a typed error when it does not decrypt, its MAC is wrong or
//! its content does not parse.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::change::Change;
use super::clock::Hlc;
use super::seal::Sealed;
use crate::keys::kit::RecoveryKit;

/// The largest log file read (encrypted), and the most its changes may inflate to.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;
const MAGIC: &[u8] = b"ironkeep-sync 1\n";
const MAC_BYTES: usize = 32;

/// One log file's content.
#[derive(Debug, Clone, PartialEq)]
pub struct LogFile {
    /// The family of devices it belongs to.
    pub family: [u8; 16],
    /// Its number among the files of the device that wrote it, from 1.
    pub sequence: u64,
    /// The schema version of the vault that wrote it.
    pub schema: u32,
    /// SHA-256 of the same device's previous file, `None` for its first.
    pub previous: Option<[u8; 32]>,
    /// The changes, with their device and clock.
    pub batch: Sealed,
}

/// Why a log file was refused. Nothing was applied when one is returned.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum LogFileError {
    /// It is larger than any log file Ironkeep writes.
    #[error("the file is larger than a sync log file can be")]
    TooLarge,
    /// It does not decrypt with this family's kit: another family's, damaged, or not age.
    #[error("the file does not open with this vault's recovery kit")]
    NotForThisKit,
    /// It decrypts, but its MAC is wrong: not written by a holder of the kit, or altered.
    #[error("the file was not written by a device holding the recovery kit, or was altered")]
    BadMac,
    /// Its content is not a log file this version reads.
    #[error("the file is not a sync log file this version reads: {0}")]
    Malformed(&'static str),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    #[serde(with = "hex::serde")]
    family: [u8; 16],
    #[serde(with = "hex::serde")]
    device: [u8; 16],
    sequence: u64,
    schema: u32,
    clock: u64,
    previous: Option<String>,
    changes: Vec<Change>,
}

/// What a MAC keyed from the kit proves a kit holder wrote: a log file, or a snapshot.
#[derive(Debug, Clone, Copy)]
pub(crate) enum MacPurpose {
    LogFile,
    Snapshot,
}

/// A MAC keyed by HKDF-SHA256 of the kit's secret, one key per purpose.
pub(crate) fn mac(kit: &RecoveryKit, purpose: MacPurpose) -> Hmac<Sha256> {
    let secret = kit.secret();
    let hkdf = hkdf::Hkdf::<Sha256>::new(Some(b"ironkeep sync"), secret.expose_secret().as_bytes());
    let mut key = Zeroizing::new([0u8; 32]);
    let info: &[u8] = match purpose {
        MacPurpose::LogFile => b"log file mac v1",
        MacPurpose::Snapshot => b"snapshot mac v1",
    };
    hkdf.expand(info, key.as_mut())
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    <Hmac<Sha256> as Mac>::new_from_slice(key.as_ref()).expect("HMAC takes a 32-byte key")
}

/// The bytes of the age file for `file`, encrypted to the kit's recipient.
pub fn write(file: &LogFile, kit: &RecoveryKit) -> Vec<u8> {
    let body = Body {
        family: file.family,
        device: file.batch.device,
        sequence: file.sequence,
        schema: file.schema,
        clock: file.batch.clock.to_u64(),
        previous: file.previous.map(hex::encode),
        changes: file.batch.changes.clone(),
    };
    let json = serde_json::to_vec(&body).expect("changes always serialize");
    let mut plain = MAGIC.to_vec();
    let mut deflate = DeflateEncoder::new(&mut plain, Compression::default());
    deflate.write_all(&json).expect("writing to memory cannot fail");
    deflate.finish().expect("writing to memory cannot fail");
    let mut mac = mac(kit, MacPurpose::LogFile);
    mac.update(&plain);
    plain.extend_from_slice(&mac.finalize().into_bytes());
    let recipient: age::x25519::Recipient = kit.recipient().parse().expect("a kit's recipient parses");
    age::encrypt(&recipient, &plain).expect("encrypting to memory cannot fail")
}

/// Reads a log file written by [`write()`] with the same kit.
pub fn read(bytes: &[u8], kit: &RecoveryKit) -> Result<LogFile, LogFileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LogFileError::TooLarge);
    }
    let identity: age::x25519::Identity = kit
        .secret()
        .expose_secret()
        .parse()
        .map_err(|_| LogFileError::NotForThisKit)?;
    let plain = Zeroizing::new(age::decrypt(&identity, bytes).map_err(|_| LogFileError::NotForThisKit)?);
    let Some(split) = plain.len().checked_sub(MAC_BYTES) else {
        return Err(LogFileError::BadMac);
    };
    let (signed, tag) = plain.split_at(split);
    let mut mac = mac(kit, MacPurpose::LogFile);
    mac.update(signed);
    mac.verify_slice(tag).map_err(|_| LogFileError::BadMac)?;
    let compressed = signed
        .strip_prefix(MAGIC)
        .ok_or(LogFileError::Malformed("it does not start as a log file"))?;
    let mut json = Vec::new();
    DeflateDecoder::new(compressed)
        .take(MAX_INFLATED_BYTES + 1)
        .read_to_end(&mut json)
        .map_err(|_| LogFileError::Malformed("its changes do not inflate"))?;
    if json.len() as u64 > MAX_INFLATED_BYTES {
        return Err(LogFileError::TooLarge);
    }
    let body: Body =
        serde_json::from_slice(&json).map_err(|_| LogFileError::Malformed("its changes do not parse"))?;
    let previous = match body.previous {
        None => None,
        Some(text) => {
            let mut hash = [0u8; 32];
            hex::decode_to_slice(text, &mut hash)
                .map_err(|_| LogFileError::Malformed("a bad previous-file hash"))?;
            Some(hash)
        }
    };
    Ok(LogFile {
        family: body.family,
        sequence: body.sequence,
        schema: body.schema,
        previous,
        batch: Sealed {
            device: body.device,
            clock: Hlc::from_u64(body.clock),
            changes: body.changes,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An age file holding `content` with a valid MAC, as only a kit holder can make.
    fn signed(kit: &RecoveryKit, content: &[u8]) -> Vec<u8> {
        let mut plain = MAGIC.to_vec();
        plain.extend_from_slice(content);
        let mut mac = mac(kit, MacPurpose::LogFile);
        mac.update(&plain);
        plain.extend_from_slice(&mac.finalize().into_bytes());
        let recipient: age::x25519::Recipient = kit.recipient().parse().unwrap();
        age::encrypt(&recipient, &plain).unwrap()
    }

    fn deflated(bytes: &[u8]) -> Vec<u8> {
        let mut out = DeflateEncoder::new(Vec::new(), Compression::default());
        out.write_all(bytes).unwrap();
        out.finish().unwrap()
    }

    #[test]
    fn a_kit_holders_file_that_is_not_a_log_is_malformed() {
        let kit = RecoveryKit::generate();
        assert_eq!(
            read(&signed(&kit, b"not deflate"), &kit),
            Err(LogFileError::Malformed("its changes do not inflate"))
        );
        assert_eq!(
            read(&signed(&kit, &deflated(br#"{"family":"00"}"#)), &kit),
            Err(LogFileError::Malformed("its changes do not parse"))
        );
    }

    #[test]
    fn changes_that_inflate_past_the_bound_are_refused() {
        let kit = RecoveryKit::generate();
        let bomb = deflated(&vec![b' '; MAX_INFLATED_BYTES as usize + 1]);
        assert!(bomb.len() < 1024 * 1024, "a small file");
        assert_eq!(read(&signed(&kit, &bomb), &kit), Err(LogFileError::TooLarge));
    }
}
