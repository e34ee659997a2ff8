#!/usr/bin/env bash
# Sets up, builds and launches the Ironkeep desktop app (release build: no devtools).
# Uses the embedded defaults: the OS data directory (IRONKEEP_DATA_DIR overrides it) and
# the OS keychain.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
: "${CARGO_TARGET_DIR:=$repo/target}"
export CARGO_TARGET_DIR
"$repo/scripts/setup.sh" --app
(cd "$repo/ui" && npm run -s tauri -- build --no-bundle)
exec "$CARGO_TARGET_DIR/release/ironkeep-desktop" "$@"
