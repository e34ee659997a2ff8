#!/bin/sh
# End-to-end tests of the real desktop app, driven through WebDriver.
#
# Builds the app with the `e2e` feature (file dialogs are then answered from files in
# $IRONKEEP_E2E_DIALOGS instead of native dialogs; see src-tauri/src/dialogs.rs), copies
# the binary aside (so a concurrent build cannot swap it mid-run), then runs each test
# file in this folder against a fresh tauri-driver under a virtual X display, each in its
# own empty stage folder (data dir, dialog answers, kit path):
#   - *.keychain.test.mjs inside a private D-Bus session with a fresh, unlocked
#     gnome-keyring, so the app uses a real Secret Service keychain that lives only as
#     long as this run;
#   - *.nokeychain.test.mjs with no D-Bus session at all, as on a headless machine.
# Everything started here is stopped on exit; HOME is left alone.
#
# Needs: Xvfb, dbus-run-session, gnome-keyring-daemon, dunst, ImageMagick (screenshots), pkill, python3 with
# libX11 (wm-close.py, a window manager's close request), WebKitWebDriver (webkit2gtk-driver),
# tauri-driver (`cargo install tauri-driver --locked`), curl, and `npm ci` done in ui/.
# Environment: CARGO_TARGET_DIR (default: <repo>/target); IRONKEEP_E2E_SKIP_BUILD=1 reuses
# the last e2e build; IRONKEEP_E2E_ONLY=TEXT runs only the files whose name contains TEXT;
# IRONKEEP_E2E_DRIVER_PORT (default 4444; WebKitWebDriver gets the next port, so two runs
# with ports two apart can share the machine); IRONKEEP_E2E_SCREENSHOTS=DIR saves screenshots.
# Each test process gets IRONKEEP_E2E_APP and IRONKEEP_E2E_CLI (copies of the app and the
# `ironkeep` CLI), IRONKEEP_DATA_DIR, IRONKEEP_E2E_STAGE (its folder),
# IRONKEEP_E2E_DIALOGS and IRONKEEP_E2E_KIT_PATH (the first-run kit answer).
set -eu

here=$(cd "$(dirname "$0")" && pwd)

# Whether something answers HTTP on a loopback port.
answers() {
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" 2>/dev/null
}

# Stops the tauri-driver of the last file and the WebKitWebDriver it started (which would
# otherwise keep the native port for a moment after its parent is gone).
stop_driver() {
  pkill -P "$driver_pid" 2>/dev/null || true
  kill "$driver_pid" 2>/dev/null || true
  wait "$driver_pid" 2>/dev/null || true
}

# Runs one test file against a fresh tauri-driver, in a fresh stage folder.
run_file() {
  file=$1
  stem=$(basename "$file" .mjs)
  stem=${stem%.test}
  stage="$E2E_WORK/${stem%.bench}"
  mkdir -m 700 "$stage" "$stage/dialogs"
  printf '%s' "$stage/kit.txt" >"$stage/dialogs/save-kit"
  IRONKEEP_DATA_DIR="$stage/data"
  IRONKEEP_E2E_STAGE="$stage"
  IRONKEEP_E2E_DIALOGS="$stage/dialogs"
  IRONKEEP_E2E_KIT_PATH="$stage/kit.txt"
  export IRONKEEP_DATA_DIR IRONKEEP_E2E_STAGE IRONKEEP_E2E_DIALOGS IRONKEEP_E2E_KIT_PATH
  driver_log="$stage/driver.log"
  # The previous file's drivers must have let go of both ports first.
  tries=0
  while answers "$IRONKEEP_E2E_DRIVER_PORT" || answers "$((IRONKEEP_E2E_DRIVER_PORT + 1))"; do
    tries=$((tries + 1))
    [ "$tries" -gt 50 ] && { echo "the driver ports are still taken"; return 1; }
    sleep 0.2
  done
  tauri-driver --port "$IRONKEEP_E2E_DRIVER_PORT" --native-port "$((IRONKEEP_E2E_DRIVER_PORT + 1))" \
    --native-driver "$(command -v WebKitWebDriver)" \
    >"$driver_log" 2>&1 &
  driver_pid=$!
  tries=0
  until curl -fs "http://127.0.0.1:$IRONKEEP_E2E_DRIVER_PORT/status" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 50 ]; then
      echo "tauri-driver did not start:"
      cat "$driver_log"
      stop_driver
      return 1
    fi
    sleep 0.2
  done
  rc=0
  node --test --test-reporter=spec "$file" || rc=$?
  stop_driver
  [ "$rc" -eq 0 ] || { echo "--- tauri-driver and app output ($file) ---"; tail -n 60 "$driver_log"; }
  return "$rc"
}

# Runs every test file with the given suffix (keychain / nokeychain) that the filter keeps;
# with IRONKEEP_E2E_BENCH=1, the benchmark files (*.bench.mjs) instead of the tests.
run_all() {
  failed=0
  kind=test
  [ "${IRONKEEP_E2E_BENCH:-}" = 1 ] && kind=bench
  for file in "$here"/*."$1".$kind.mjs; do
    [ -e "$file" ] || continue
    case "$(basename "$file")" in *"${IRONKEEP_E2E_ONLY:-}"*) ;; *) continue ;; esac
    echo "-- $(basename "$file")"
    run_file "$file" || failed=1
  done
  return "$failed"
}

if [ "${1:-}" = "--with-keychain" ]; then
  # Inside `dbus-run-session`: start an unlocked keyring, then run the keychain tests.
  printf '%s' "e2e-keyring-password" |
    gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring_pid=$!
  trap 'kill "$keyring_pid" 2>/dev/null || true' EXIT INT TERM
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q "boolean true"; do
    tries=$((tries + 1))
    [ "$tries" -gt 50 ] && { echo "gnome-keyring did not start"; exit 1; }
    sleep 0.2
  done
  run_all keychain
  exit $?
fi

ui=$(dirname "$here")
repo=$(dirname "$ui")
: "${CARGO_TARGET_DIR:=$repo/target}"
: "${IRONKEEP_E2E_DRIVER_PORT:=4444}"
export CARGO_TARGET_DIR IRONKEEP_E2E_DRIVER_PORT
# The fake WHOOP (examples/fake_whoop.rs) listens two ports above the driver when a test
# starts it; the app accepts only loopback base URLs, so this is harmless otherwise.
IRONKEEP_WHOOP_BASE_URL="http://127.0.0.1:$((IRONKEEP_E2E_DRIVER_PORT + 2))"
export IRONKEEP_WHOOP_BASE_URL
# The locale of minimal systems and containers, on purpose: WebKit turns "C.UTF-8" into
# the language tag "C", which Intl rejects; the app must still format numbers and draw its
# charts (src-tauri/src/webview.rs tells the web view "en-US" then).
LC_ALL=C.UTF-8
export LC_ALL

if [ "${IRONKEEP_E2E_SKIP_BUILD:-}" != 1 ]; then
  # The fake WHOOP server and the CLI, for tests that need WHOOP or a training history
  # (built first, so the app binary is copied aside as soon as it is built).
  (cd "$repo" && cargo build --example fake_whoop --bin ironkeep)
  (cd "$ui" && npm run tauri -- build --debug --no-bundle --features e2e)
fi
built="$CARGO_TARGET_DIR/debug/ironkeep-desktop"
[ -x "$built" ] || { echo "no app at $built" >&2; exit 1; }

E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/ironkeep-e2e.XXXXXX")
export E2E_WORK
IRONKEEP_E2E_APP="$E2E_WORK/ironkeep-desktop"
cp "$built" "$IRONKEEP_E2E_APP"
export IRONKEEP_E2E_APP
IRONKEEP_E2E_FAKE_WHOOP="$E2E_WORK/fake_whoop"
IRONKEEP_E2E_CLI="$E2E_WORK/ironkeep"
cp "$CARGO_TARGET_DIR/debug/examples/fake_whoop" "$IRONKEEP_E2E_FAKE_WHOOP"
cp "$CARGO_TARGET_DIR/debug/ironkeep" "$IRONKEEP_E2E_CLI"
export IRONKEEP_E2E_FAKE_WHOOP IRONKEEP_E2E_CLI
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$E2E_WORK"
}
trap cleanup EXIT INT TERM

# A throwaway keyring and runtime dir for this run.
mkdir -m 700 "$E2E_WORK/xdg-data" "$E2E_WORK/runtime"
export XDG_DATA_HOME="$E2E_WORK/xdg-data"
export XDG_RUNTIME_DIR="$E2E_WORK/runtime"

# Xvfb picks a free display number and writes it to fd 3 once it accepts connections.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$E2E_WORK/display" 2>"$E2E_WORK/xvfb.log" &
xvfb_pid=$!
tries=0
until [ -s "$E2E_WORK/display" ]; do
  tries=$((tries + 1))
  [ "$tries" -gt 50 ] && { echo "Xvfb did not start:" >&2; cat "$E2E_WORK/xvfb.log" >&2; exit 1; }
  sleep 0.2
done
DISPLAY=":$(cat "$E2E_WORK/display")"
export DISPLAY

status=0
echo "== with a keychain (private D-Bus session, unlocked gnome-keyring)"
# dbus-daemon logs every service it activates to stderr: keep that in a file.
dbus-run-session -- sh "$here/run.sh" --with-keychain 2>"$E2E_WORK/dbus.log" || {
  status=$?
  echo "--- D-Bus session log ---"
  tail -n 40 "$E2E_WORK/dbus.log"
}

echo "== without a keychain (no D-Bus session bus to reach)"
DBUS_SESSION_BUS_ADDRESS="unix:path=$E2E_WORK/no-session-bus" run_all nokeychain || status=$?

exit "$status"
