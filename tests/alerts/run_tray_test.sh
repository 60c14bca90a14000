#!/bin/sh
# Runs the alerts GUI test with a real system tray: a private Xvfb display with trayer
# as the tray. When no X server can be started the test runs anyway and skips, saying why.
BIN="$1"
TMP=$(mktemp -d)
chmod 700 "$TMP"
cleanup() {
  [ -n "$TRAYER" ] && kill "$TRAYER" 2>/dev/null
  [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
export VIGIL_TRAY_TEST=1
export XDG_RUNTIME_DIR="$TMP"
unset QT_QPA_PLATFORM
for tool in Xvfb trayer; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    VIGIL_NO_X_REASON="$tool is not installed (packaging/install-deps.sh installs it)" QT_QPA_PLATFORM=offscreen "$BIN"
    exit $?
  fi
done
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$TMP/display" 2>"$TMP/xvfb.log" &
XVFB=$!
i=0
while [ ! -s "$TMP/display" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$TMP/display" ]; then
  VIGIL_NO_X_REASON="Xvfb did not start: $(tail -n 3 "$TMP/xvfb.log" | tr '\n' ' ')" QT_QPA_PLATFORM=offscreen "$BIN"
  exit $?
fi
export DISPLAY=":$(head -n 1 "$TMP/display")"
trayer --edge bottom --align right --widthtype pixel --width 120 --height 32 \
  --transparent false --tint 0x808080 >"$TMP/trayer.log" 2>&1 &
TRAYER=$!
sleep 1.5
QT_QPA_PLATFORM=xcb "$BIN"
