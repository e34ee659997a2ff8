//! Global ids: the random 128-bit `gid` every row of user data carries beside its local
//! id, written as 32 hex digits in exports. Reading one back is shared here; each caller
//! turns a bad one into its own typed error.

/// The 16 bytes of a global id written as 32 hex digits, or `None` if it is not one.
pub(crate) fn parse(text: &str) -> Option<[u8; 16]> {
    let mut bytes = [0u8; 16];
    hex::decode_to_slice(text, &mut bytes).ok()?;
    Some(bytes)
}
