#!/usr/bin/env bash
# Builds the desktop app's installable bundles: a .deb and an AppImage (release build,
# no devtools, no test seams), with the app icon and a desktop entry.
#
#   scripts/package.sh            # both bundles
#   scripts/package.sh deb        # only the .deb
#
#   scripts/package.sh appimage   # only the AppImage
#
# The bundles land in $CARGO_TARGET_DIR/release/bundle/{deb,appimage}/. The .deb comes
# from the Tauri bundler; the AppImage from scripts/appimage.sh (Tauri's AppImage tools
# are downloaded from GitHub, which this project's machines cannot reach).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
: "${CARGO_TARGET_DIR:=$repo/target}"
export CARGO_TARGET_DIR
"$repo/scripts/setup.sh" --package

bundles=("${@:-deb appimage}")
read -r -a bundles <<<"${bundles[*]}"
status=0
for bundle in "${bundles[@]}"; do
  echo "== building the $bundle bundle"
  case "$bundle" in
    deb) (cd "$repo/ui" && npm run -s tauri -- build --bundles deb) || status=1 ;;
    appimage) "$repo/scripts/appimage.sh" || status=1 ;;
    *) echo "package: unknown bundle '$bundle' (deb, appimage)" >&2; status=1 ;;
  esac
done
find "$CARGO_TARGET_DIR/release/bundle" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.AppImage' \) -printf '%p\n' 2>/dev/null || true
exit "$status"
