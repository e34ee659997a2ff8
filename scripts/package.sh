#!/usr/bin/env bash
# Builds the desktop app's installable bundles: a .deb and an AppImage (release build,
# no devtools, no test seams), with the app icon and a desktop entry.
#
#   scripts/package.sh            # both bundles
#   scripts/package.sh deb        # only the .deb
#
# The bundles land in $CARGO_TARGET_DIR/release/bundle/{deb,appimage}/. The AppImage
# step needs Tauri's linuxdeploy tools, which the Tauri CLI downloads from GitHub on first
# use (into ~/.cache/tauri); on a machine that cannot reach GitHub only the .deb is built
# and the script says so.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
: "${CARGO_TARGET_DIR:=$repo/target}"
export CARGO_TARGET_DIR
"$repo/scripts/setup.sh" --app

bundles=("${@:-deb appimage}")
read -r -a bundles <<<"${bundles[*]}"
status=0
for bundle in "${bundles[@]}"; do
  echo "== building the $bundle bundle"
  if ! (cd "$repo/ui" && npm run -s tauri -- build --bundles "$bundle"); then
    if [ "$bundle" = appimage ]; then
      echo "The AppImage could not be built (its linuxdeploy tools come from GitHub; see above)." >&2
    fi
    status=1
  fi
done
find "$CARGO_TARGET_DIR/release/bundle" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.AppImage' \) -printf '%p\n' 2>/dev/null || true
exit "$status"
