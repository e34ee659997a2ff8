//! The release app with the end-to-end dialog seam (`--features e2e-release`), for the one
//! benchmark that needs a file chosen in an optimised build: the latency at the app's IPC
//! boundary while an import or a backup runs (`ui/e2e/beside.keychain.bench.mjs`). Built
//! apart from the app (`release/examples/bench_app`), so the release app the other
//! benchmarks measure stays the one without the seam.

fn main() -> tauri::Result<()> {
    ironkeep_desktop::run()
}
