//! Writes the generated Strong export the benchmarks import (`benches/support`: about 25
//! sets a workout over five lifts), for the desktop benchmark that imports it through the
//! app (`ui/e2e/beside.keychain.bench.mjs`).
//!
//! Usage: `cargo run --release --example strong_export -- ROWS PATH`

#[path = "../benches/support/mod.rs"]
#[allow(dead_code)] // only the export is used here
mod support;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: strong_export ROWS PATH";
    let rows: usize = args.next().ok_or(usage)?.parse()?;
    let path = args.next().ok_or(usage)?;
    std::fs::write(&path, support::strong_csv(rows))?;
    println!("{rows} rows of a Strong export in {path}");
    Ok(())
}
