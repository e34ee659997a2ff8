#!/usr/bin/env bash
# Installs what Ironkeep needs on Debian/Ubuntu, idempotently: a second run installs nothing.
#   scripts/setup.sh          everything: the app's build dependencies and the test tools
#   scripts/setup.sh --app    only what building and running the desktop app needs
#   scripts/setup.sh --package the app's needs plus the bundling tools (scripts/package.sh)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-all}

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

app_packages=(build-essential pkg-config curl libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev
  libayatana-appindicator3-dev gnome-keyring)
test_packages=(xvfb webkit2gtk-driver dbus-x11 libsecret-tools age sqlite3 iproute2 dunst imagemagick
  python3 python3-venv procps)
package_packages=(squashfs-tools xvfb x11-utils)
packages=("${app_packages[@]}")
case "$mode" in
  --app) ;;
  --package) packages+=("${package_packages[@]}") ;;
  *) packages+=("${test_packages[@]}") ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The toolchain pinned in rust-toolchain.toml; where stable already is that version, link it
# instead of downloading it again.
pinned=$(sed -n 's/^channel = "\(.*\)"/\1/p' "$repo/rust-toolchain.toml")
if ! rustup toolchain list | grep -q "^$pinned"; then
  stable_dir=$(rustup run stable rustc --print sysroot 2>/dev/null || true)
  if [ -n "$stable_dir" ] && rustup run stable rustc --version | grep -q " $pinned "; then
    rustup toolchain link "$pinned" "$stable_dir"
  else
    rustup toolchain install "$pinned" --profile minimal -c rustfmt,clippy
  fi
fi

# The UI's packages, from the lockfile; skipped when node_modules already matches it.
stamp="$repo/ui/node_modules/.ironkeep-lock"
if ! cmp -s "$repo/ui/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$repo/ui" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$repo/ui/package-lock.json" "$stamp"
fi

[ "$mode" = all ] || exit 0

install_tool() { # binary crate version
  if ! "$1" --version 2>/dev/null | grep -q "$3"; then
    cargo install "$2" --locked --version "$3"
  fi
}
command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
install_tool cargo-deny cargo-deny 0.20.2
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0
install_tool cargo-fuzz cargo-fuzz 0.13.2
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal

# Python with a stock SQLCipher binding, for the outside check of the database format.
venv=${IRONKEEP_PY_VENV:-$HOME/.cache/ironkeep/test-venv}
if ! "$venv/bin/python" -c "import sqlcipher3" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "sqlcipher3-binary==0.6.0"
fi
