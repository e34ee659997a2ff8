#!/usr/bin/env bash
# The whole test suite, as CI runs it: setup, formatting, lints, docs, dependency policy,
# generated-bindings drift, the UI's lint and build, the Rust tests against the real
# SQLCipher and a real gnome-keyring, and the end-to-end test of the real app.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
: "${CARGO_TARGET_DIR:=$repo/target}"
export CARGO_TARGET_DIR
export IRONKEEP_TEST_PYTHON=${IRONKEEP_PY_VENV:-$HOME/.cache/ironkeep/test-venv}/bin/python

step() { printf '\n== %s\n' "$*"; }

step setup
scripts/setup.sh

step "cargo fmt"
cargo fmt --all --check

step "cargo clippy (default, all, and no features)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p ironkeep --all-targets --all-features --locked -- -D warnings
cargo clippy -p ironkeep --all-targets --no-default-features --locked -- -D warnings

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc -p ironkeep --no-deps --document-private-items --locked

step "cargo deny (bans, licenses, sources)"
cargo deny --locked check bans licenses sources

step "generated IPC bindings are up to date"
cargo run -q -p ironkeep-desktop --example export-bindings --locked
git diff --exit-code -- ui/src/bindings.ts

step "fuzz targets build (nightly, sanitizers)"
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz" cargo +nightly fuzz build -O

step "UI lint and build"
(cd ui && npm run -s lint && npm run -s build)

step "end-to-end: the real app under Xvfb, through tauri-driver"
sh ui/e2e/run.sh

step "Rust tests (real SQLCipher, real gnome-keyring)"
scripts/with-keychain.sh cargo nextest run --workspace --locked --no-fail-fast
