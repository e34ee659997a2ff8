//! Coach → athlete: a program sealed with age to the athlete's recipient, and opened with
//! the athlete's kit.
//!
//! The file is the program's JSON document encrypted to one `age1…` recipient (armored,
//! so it survives e-mail). Age authenticates the content to the key it was sealed to, not
//! the sender, so the author an opened program states is shown as not verified. Opening is
//! bounded like every untrusted input: the file, the header and the plaintext have limits
//! before the program parser (itself strict and bounded) sees a byte.

use std::io::{Read, Write};

use secrecy::ExposeSecret;

use super::error::ProgramError;
use super::format::{MAX_BYTES, Program};
use crate::RecoveryKit;

/// The largest program file read: the largest document, armored and sealed, with room.
pub const MAX_FILE_BYTES: usize = 2 * MAX_BYTES;

/// Why a program file could not be sealed or opened.
fn refused(what: &'static str) -> ProgramError {
    ProgramError::Refused(what)
}

/// Seals `program` to the athlete's `recipient` (`age1…`), armored.
pub fn seal(program: &Program, recipient: &str) -> Result<Vec<u8>, ProgramError> {
    program.check()?;
    let recipient: age::x25519::Recipient = recipient
        .trim()
        .parse()
        .map_err(|_| refused("the recipient is not an age X25519 recipient (age1…)"))?;
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|_| refused("the program could not be encrypted"))?;
    let armored = age::armor::ArmoredWriter::wrap_output(Vec::new(), age::armor::Format::AsciiArmor)
        .map_err(|_| refused("the program could not be encrypted"))?;
    let mut writer = encryptor
        .wrap_output(armored)
        .map_err(|_| refused("the program could not be encrypted"))?;
    writer
        .write_all(program.to_json().as_bytes())
        .and_then(|()| writer.finish())
        .and_then(|armored| armored.finish())
        .map_err(|_| refused("the program could not be encrypted"))
}

/// Whether `bytes` look like an age file (armored or binary) rather than a plain program
/// document: a plain program is JSON and starts with `{`.
pub fn is_sealed(bytes: &[u8]) -> bool {
    let start = bytes.trim_ascii_start();
    start.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----") || start.starts_with(b"age-encryption.org/")
}

/// Opens a program file sealed to `kit`'s recipient and checks the program inside.
pub fn open(bytes: &[u8], kit: &RecoveryKit) -> Result<Program, ProgramError> {
    open_with_any(bytes, std::slice::from_ref(kit))
}

/// Opens a program file sealed to the recipient of any of `kits` (a vault's current and
/// earlier kits) and checks the program inside.
pub fn open_with_any(bytes: &[u8], kits: &[RecoveryKit]) -> Result<Program, ProgramError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ProgramError::TooLarge { max: MAX_FILE_BYTES });
    }
    let identities = kits
        .iter()
        .map(|kit| kit.secret().expose_secret().parse::<age::x25519::Identity>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| refused("the kit holds no age identity"))?;
    let reader = age::armor::ArmoredReader::new(bytes);
    let decryptor = age::Decryptor::new_buffered(reader)
        .map_err(|_| refused("this is not an age-encrypted program file"))?;
    if decryptor.is_scrypt() {
        return Err(refused(
            "this program file is sealed with a passphrase, not to your recipient",
        ));
    }
    let stream = decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => {
                refused("this program file was not sealed to your recipient")
            }
            _ => refused("this program file is damaged"),
        })?;
    let mut plain = Vec::new();
    stream
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|_| refused("this program file is damaged"))?;
    Program::parse(&plain)
}
