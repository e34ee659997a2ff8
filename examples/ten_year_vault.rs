//! Fills an existing keychain vault with the generated ten-year training history (3,000
//! sessions, 75,000 sets), for the desktop benchmarks (`ui/e2e/startup.keychain.bench.mjs`).
//!
//! Usage: `IRONKEEP_DATA_DIR=DIR cargo run --release --example ten_year_vault`

use chrono::{TimeZone, Utc};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::{DataDir, Unlock, Vault};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = DataDir::resolve(None)?;
    let vault = Vault::open(&dir, Unlock::Keychain, Utc::now())?;
    let start = Utc
        .with_ymd_and_hms(2016, 1, 4, 7, 0, 0)
        .single()
        .ok_or("no such start time")?;
    let (sessions, sets) = generate::history(vault.conn(), HistoryShape::ten_years(start))?;
    println!("{sessions} sessions, {sets} sets");
    Ok(())
}
