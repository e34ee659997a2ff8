//! The OS keychain, behind a deadline.
//!
//! Ironkeep keeps each vault's key in the persistent native store of the OS (Secret
//! Service on Linux, Keychain on macOS, Credential Manager on Windows) through
//! `keyring-core`. Entries are namespaced per vault: service `ironkeep`, account
//! `vault-<id>` (and `vault-<id>-pending` while a key rotation is under way). A locked
//! collection can make the store wait for an unlock prompt that never comes on a headless
//! machine, so every call runs on a helper thread and gives up after [`DEADLINE`] with a
//! clear error instead of hanging.

use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use keyring_core::{Entry, Error as StoreError};
use secrecy::{ExposeSecret, SecretString};

/// How long one keychain call may take before Ironkeep stops waiting.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The keychain service name every Ironkeep entry lives under.
pub const SERVICE: &str = "ironkeep";

/// Why the keychain could not be used.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum KeychainError {
    /// No keychain service answered (for example no D-Bus session bus, or no Secret Service).
    #[error(
        "no OS keychain is available ({cause}); start a Secret Service such as gnome-keyring, \
         or create the vault in passphrase mode with `ironkeep init --passphrase`"
    )]
    Unavailable {
        /// What the platform reported.
        cause: String,
    },
    /// The keychain answered but its collection is locked.
    #[error(
        "the OS keychain is locked; unlock it (for example by logging in to your desktop \
         session) and try again"
    )]
    Locked,
    /// The keychain did not answer before the deadline, usually while waiting for an unlock prompt.
    #[error(
        "the OS keychain did not answer within {} seconds (it may be locked and waiting for a \
         prompt); unlock it and try again", DEADLINE.as_secs()
    )]
    Timeout,
    /// The keychain failed in another way.
    #[error("the OS keychain failed: {cause}")]
    Failed {
        /// What the platform reported.
        cause: String,
    },
}

/// The keychain entries of one vault.
#[derive(Debug, Clone)]
pub struct VaultKeychain {
    vault_id: String,
}

/// Which of a vault's two entries to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The key that opens the database.
    Current,
    /// A new key written before `PRAGMA rekey`, promoted once the rekey is done.
    Pending,
}

impl VaultKeychain {
    /// The entries for the vault with this id.
    pub fn new(vault_id: &str) -> Self {
        Self {
            vault_id: vault_id.to_owned(),
        }
    }

    /// The account name of a slot (what `secret-tool lookup service ironkeep username …` takes).
    pub fn account(&self, slot: Slot) -> String {
        match slot {
            Slot::Current => format!("vault-{}", self.vault_id),
            Slot::Pending => format!("vault-{}-pending", self.vault_id),
        }
    }

    /// Reads a slot; `None` when it holds nothing.
    pub fn get(&self, slot: Slot) -> Result<Option<SecretString>, KeychainError> {
        let account = self.account(slot);
        with_deadline(move || match entry(&account)?.get_password() {
            Ok(secret) => Ok(Some(SecretString::from(secret))),
            Err(StoreError::NoEntry) => Ok(None),
            Err(err) => Err(classify(err)),
        })
    }

    /// Writes a slot, replacing what it held.
    pub fn set(&self, slot: Slot, secret: &SecretString) -> Result<(), KeychainError> {
        let account = self.account(slot);
        let secret = secret.clone();
        with_deadline(move || {
            entry(&account)?
                .set_password(secret.expose_secret())
                .map_err(classify)
        })
    }

    /// Empties a slot; emptying an empty slot is not an error.
    pub fn delete(&self, slot: Slot) -> Result<(), KeychainError> {
        let account = self.account(slot);
        with_deadline(move || match entry(&account)?.delete_credential() {
            Ok(()) | Err(StoreError::NoEntry) => Ok(()),
            Err(err) => Err(classify(err)),
        })
    }
}

/// Checks that a keychain answers, without writing anything.
pub fn probe() -> Result<(), KeychainError> {
    VaultKeychain::new("probe").get(Slot::Current).map(|_| ())
}

fn entry(account: &str) -> Result<Entry, KeychainError> {
    store()?;
    Entry::new(SERVICE, account).map_err(classify)
}

/// Installs the native store once per process; a failure is reported on every call.
fn store() -> Result<(), KeychainError> {
    static STORE: OnceLock<Result<(), KeychainError>> = OnceLock::new();
    STORE.get_or_init(|| native_store().map_err(classify)).clone()
}

#[cfg(target_os = "linux")]
fn native_store() -> keyring_core::Result<()> {
    keyring_core::set_default_store(zbus_secret_service_keyring_store::Store::new()?);
    Ok(())
}

#[cfg(target_os = "macos")]
fn native_store() -> keyring_core::Result<()> {
    keyring_core::set_default_store(apple_native_keyring_store::keychain::Store::new()?);
    Ok(())
}

#[cfg(target_os = "windows")]
fn native_store() -> keyring_core::Result<()> {
    keyring_core::set_default_store(windows_native_keyring_store::Store::new()?);
    Ok(())
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn native_store() -> keyring_core::Result<()> {
    Err(StoreError::NotSupportedByStore(
        "this operating system has no supported keychain".into(),
    ))
}

fn classify(err: StoreError) -> KeychainError {
    let cause = err.to_string();
    let lowered = cause.to_lowercase();
    match err {
        StoreError::NoStorageAccess(_) if lowered.contains("lock") || lowered.contains("prompt") => {
            KeychainError::Locked
        }
        StoreError::NoStorageAccess(_) | StoreError::NotSupportedByStore(_) => {
            KeychainError::Unavailable { cause }
        }
        StoreError::PlatformFailure(_)
            if lowered.contains("dbus") || lowered.contains("d-bus") || lowered.contains("bus") =>
        {
            KeychainError::Unavailable { cause }
        }
        _ => KeychainError::Failed { cause },
    }
}

/// Runs a keychain call on its own thread and stops waiting after [`DEADLINE`].
fn with_deadline<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, KeychainError> + Send + 'static,
) -> Result<T, KeychainError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("keychain".into())
        .spawn(move || {
            let _ = tx.send(call());
        })
        .map_err(|e| KeychainError::Failed { cause: e.to_string() })?;
    rx.recv_timeout(DEADLINE).unwrap_or(Err(KeychainError::Timeout))
}
