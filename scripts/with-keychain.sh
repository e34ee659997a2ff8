#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a real, unlocked gnome-keyring whose
# keyrings live in a temporary XDG_DATA_HOME: tests use the real Secret Service without
# touching the user's own keychain. HOME is left alone (the rustup proxy needs it).
set -euo pipefail
xdg=$(mktemp -d)
trap 'rm -rf "$xdg"' EXIT
export XDG_DATA_HOME="$xdg"
exec dbus-run-session -- bash -c '
  echo -n ironkeep-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' bash "$@"
