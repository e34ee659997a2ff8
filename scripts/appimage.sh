#!/usr/bin/env bash
# Builds Ironkeep's AppImage from the release app, without Tauri's AppImage bundler.
#
#   scripts/appimage.sh          (normally through scripts/package.sh appimage)
#
# Tauri bundles AppImages with linuxdeploy and an AppRun that it downloads from GitHub on
# first use; this machine's network reaches only the package registries. So the AppImage
# is assembled here from parts that come from those registries:
#   - the AppImage runtime (the ELF that mounts the image with FUSE, or extracts it with
#     --appimage-extract-and-run) is the one shipped inside the `appimage` crate on
#     crates.io (AppImageKit's runtime, MIT), pinned by the crate's SHA-256;
#   - the image is a squashfs made by Debian's mksquashfs.
# Unlike Tauri's, this AppImage does not carry its own copy of WebKitGTK: it runs where
# libwebkit2gtk-4.1 is installed (Debian 12+, Ubuntu 22.04+, Fedora 39+), and, to mount
# itself, libfuse2 (without it: --appimage-extract-and-run). The README says so.
#
# Output: $CARGO_TARGET_DIR/release/bundle/appimage/Ironkeep_<version>_amd64.AppImage
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
: "${CARGO_TARGET_DIR:=$repo/target}"

runtime_crate=appimage-0.4.0
runtime_crate_sha256=567a4da6b94a2ac20a27620933c80fc14cf475b5fe7d7b137d20eb237d6b1920
runtime_sha256=328e0d745c5c6817048c27bc3e8314871703f8f47ffa81a37cb06cd95a94b323

[ "$(uname -m)" = x86_64 ] || { echo "appimage: only x86_64 is built here" >&2; exit 1; }
command -v mksquashfs >/dev/null || { echo "appimage: mksquashfs is missing (scripts/setup.sh --package)" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -n 1)
app="$CARGO_TARGET_DIR/release/ironkeep-desktop"
out_dir="$CARGO_TARGET_DIR/release/bundle/appimage"
out="$out_dir/Ironkeep_${version}_amd64.AppImage"

echo "== the release app (UI embedded)"
(cd "$repo/ui" && npm run -s tauri -- build --no-bundle)
[ -x "$app" ] || { echo "appimage: no release app at $app" >&2; exit 1; }

echo "== the AppImage runtime, from crates.io ($runtime_crate)"
cache="$CARGO_TARGET_DIR/appimage-cache"
mkdir -p "$cache"
crate="$cache/$runtime_crate.crate"
if ! echo "$runtime_crate_sha256  $crate" | sha256sum -c --status 2>/dev/null; then
  curl -fsSL -o "$crate.part" "https://static.crates.io/crates/${runtime_crate%-*}/$runtime_crate.crate"
  echo "$runtime_crate_sha256  $crate.part" | sha256sum -c --status ||
    { echo "appimage: $runtime_crate.crate does not match its pinned SHA-256" >&2; rm -f "$crate.part"; exit 1; }
  mv "$crate.part" "$crate"
fi
runtime="$cache/runtime-x86_64"
tar -xzf "$crate" -O "$runtime_crate/assets/runtime-x86_64" >"$runtime"
echo "$runtime_sha256  $runtime" | sha256sum -c --status ||
  { echo "appimage: the runtime in $runtime_crate does not match its pinned SHA-256" >&2; exit 1; }

echo "== the AppDir"
work=$(mktemp -d "${TMPDIR:-/tmp}/ironkeep-appimage.XXXXXX")
trap 'rm -rf "$work"' EXIT
appdir="$work/Ironkeep.AppDir"
install -D -m 755 "$app" "$appdir/usr/bin/ironkeep-desktop"
install -D -m 644 "$repo/icons/128x128.png" "$appdir/usr/share/icons/hicolor/128x128/apps/ironkeep.png"
install -D -m 644 "$repo/icons/32x32.png" "$appdir/usr/share/icons/hicolor/32x32/apps/ironkeep.png"
# The desktop entry is the .deb's template (src-tauri/ironkeep.desktop) filled in.
sed -e 's/{{name}}/Ironkeep/' -e 's/{{comment}}/Private, offline training log with WHOOP data and encrypted backups/' \
  -e 's/{{exec}}/ironkeep-desktop/' -e 's/{{icon}}/ironkeep/' \
  "$repo/src-tauri/ironkeep.desktop" >"$work/ironkeep.desktop"
grep -q '{{' "$work/ironkeep.desktop" && { echo "appimage: unfilled field in the desktop entry" >&2; exit 1; }
install -D -m 644 "$work/ironkeep.desktop" "$appdir/usr/share/applications/ironkeep.desktop"
# The AppImage format wants the entry, the icon and AppRun at the top of the AppDir.
ln -s usr/share/applications/ironkeep.desktop "$appdir/ironkeep.desktop"
ln -s usr/share/icons/hicolor/128x128/apps/ironkeep.png "$appdir/ironkeep.png"
ln -s ironkeep.png "$appdir/.DirIcon"
ln -s usr/bin/ironkeep-desktop "$appdir/AppRun"

echo "== the image"
mksquashfs "$appdir" "$work/image.squashfs" -root-owned -noappend -comp gzip -quiet >/dev/null
mkdir -p "$out_dir"
cat "$runtime" "$work/image.squashfs" >"$out.part"
chmod 755 "$out.part"
mv "$out.part" "$out"

echo "== checking it"
# The runtime finds the image right after itself, and extracting gives back our files.
offset=$("$out" --appimage-offset)
[ "$offset" -eq "$(stat -c %s "$runtime")" ] || { echo "appimage: the runtime reports offset $offset" >&2; exit 1; }
(cd "$work" && "$out" --appimage-extract >/dev/null)
cmp "$work/squashfs-root/usr/bin/ironkeep-desktop" "$app"
[ "$(readlink "$work/squashfs-root/AppRun")" = usr/bin/ironkeep-desktop ]
# And it starts: under a virtual display, with a throwaway data dir and no keychain, the
# Ironkeep window must appear (extract-and-run into $work, so the check needs no FUSE).
echo "== launching it"
TMPDIR="$work" IRONKEEP_DATA_DIR="$work/data" APPIMAGE_EXTRACT_AND_RUN=1 DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" \
  xvfb-run -a sh -c '
    "$1" >"$2/app.log" 2>&1 &
    app=$!
    for _ in $(seq 60); do
      if xwininfo -root -tree 2>/dev/null | grep -q "\"Ironkeep\""; then kill "$app"; exit 0; fi
      sleep 0.5
    done
    kill "$app" 2>/dev/null
    exit 1' sh "$out" "$work" ||
  { echo "appimage: the Ironkeep window did not appear within 30 s:" >&2; tail -n 20 "$work/app.log" >&2; exit 1; }
echo "built $out ($(du -h "$out" | cut -f1))"
