//! The vault's retention policy: how many daily, weekly and monthly automatic backups
//! pruning keeps.
//!
//! The policy is stored in `vault_meta`, so the app's Backups screen and `ironkeep backup
//! prune` without flags agree on it; until it is set it is 7 daily, 4 weekly and 12
//! monthly backups. Counts are bounded (ten years of each period) and checked before
//! anything is stored or deleted.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::BackupError;
use crate::vault::Vault;

/// The `vault_meta` key holding the retention policy, as `daily,weekly,monthly`.
const SETTING: &str = "backup_retention";

/// The most daily backups a policy keeps (about ten years).
pub const MAX_DAILY: u32 = 3650;
/// The most weekly backups a policy keeps (about ten years).
pub const MAX_WEEKLY: u32 = 520;
/// The most monthly backups a policy keeps (a hundred years).
pub const MAX_MONTHLY: u32 = 1200;

/// Retention for automatic backups: how many daily, weekly and monthly ones to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Retention {
    /// The newest backup of each of the last N days that have one.
    pub daily: u32,
    /// The newest backup of each of the last N ISO weeks that have one.
    pub weekly: u32,
    /// The newest backup of each of the last N months that have one.
    pub monthly: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

impl Retention {
    /// Refuses a count above its bound ([`MAX_DAILY`], [`MAX_WEEKLY`], [`MAX_MONTHLY`]).
    pub fn check(&self) -> Result<(), BackupError> {
        for (period, count, max) in [
            ("daily", self.daily, MAX_DAILY),
            ("weekly", self.weekly, MAX_WEEKLY),
            ("monthly", self.monthly, MAX_MONTHLY),
        ] {
            if count > max {
                return Err(BackupError::InvalidRetention { period, count, max });
            }
        }
        Ok(())
    }

    fn to_setting(self) -> String {
        format!("{},{},{}", self.daily, self.weekly, self.monthly)
    }

    /// Parses a stored policy; `None` for anything this version did not write.
    fn from_setting(text: &str) -> Option<Self> {
        let mut counts = text.split(',').map(|n| n.parse::<u32>().ok());
        let policy = Self {
            daily: counts.next()??,
            weekly: counts.next()??,
            monthly: counts.next()??,
        };
        (counts.next().is_none() && policy.check().is_ok()).then_some(policy)
    }
}

/// The retention policy stored in the vault behind `conn` (the default until one is set,
/// or if the stored one is unreadable).
fn stored(conn: &Connection) -> Result<Retention, BackupError> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [SETTING], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(text
        .as_deref()
        .and_then(Retention::from_setting)
        .unwrap_or_default())
}

impl Vault {
    /// The vault's retention policy: what pruning keeps unless told otherwise.
    pub fn retention_policy(&self) -> Result<Retention, BackupError> {
        stored(&self.conn)
    }

    /// Stores the vault's retention policy; an invalid one is refused and nothing changes.
    pub fn set_retention_policy(&self, policy: Retention) -> Result<(), BackupError> {
        policy.check()?;
        self.conn.execute(
            "INSERT INTO vault_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SETTING, policy.to_setting()),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Retention;

    #[test]
    fn a_stored_policy_reads_back_and_anything_else_is_not_a_policy() {
        let policy = Retention {
            daily: 3,
            weekly: 0,
            monthly: 1200,
        };
        assert_eq!(Retention::from_setting(&policy.to_setting()), Some(policy));
        for junk in ["", "1,2", "1,2,3,4", "a,2,3", "-1,2,3", "1,2,1201", "3651,0,0"] {
            assert_eq!(Retention::from_setting(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn counts_above_their_bound_are_refused() {
        assert!(Retention::default().check().is_ok());
        let too_many = Retention {
            weekly: 521,
            ..Retention::default()
        };
        let err = too_many.check().unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().contains("520"), "{err}");
    }
}
