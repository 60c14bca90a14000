#!/usr/bin/env bash
# Usage: test_package.sh BUILD_DIR SAMPLES_DIR
# Builds the .deb with CPack, unpacks it with dpkg-deb -x into a temporary root and checks
# what a Debian user would get from `apt-get install ./vigil_*.deb`.
set -euo pipefail
build=$1 samples=$2
work=$(mktemp -d /tmp/vigil-package.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB > cpack.log 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/vigil_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no vigil_*.deb written"
echo "package: $(basename "$deb")"

# Dependencies come from dpkg-shlibdeps: the Qt libraries the binaries link must be there.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6widgets6 libqt6charts6 libqt6svg6 libc6; do
  grep -q "$lib" <<< "$depends" || fail "Depends lacks $lib"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/vigil usr/libexec/vigil/vigil-gui usr/libexec/vigil/vigil-loki.so usr/share/applications/vigil.desktop \
         usr/share/metainfo/io.github.vigil.Vigil.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/vigil.svg usr/share/man/man1/vigil.1 \
         usr/share/doc/vigil/user-guide.md; do
  [ -e "$root/$f" ] || fail "missing /$f"
done

desktop-file-validate "$root/usr/share/applications/vigil.desktop" | grep -v '^.*: hint:' && fail "desktop entry" || true
desktop-file-validate "$root/usr/share/applications/vigil.desktop" > /dev/null || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.vigil.Vigil.metainfo.xml" || fail "appstreamcli validate"
grep -q '^Icon=vigil$' "$root/usr/share/applications/vigil.desktop" || fail "desktop entry names another icon"
grep -q '^Exec=vigil ' "$root/usr/share/applications/vigil.desktop" || fail "desktop entry runs another program"

# The unpacked program runs headless: no display, no GUI library loaded.
env -u DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/vigil" --version | grep -q '^vigil [0-9]' || fail "vigil --version"
env -u DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/vigil" --help | grep -q 'show' || fail "vigil --help"
ldd "$root/usr/bin/vigil" | grep -q 'libQt6Widgets' && fail "vigil (the command) links the GUI libraries"
ldd "$root/usr/bin/vigil" | grep -q 'libQt6Network' && fail "vigil (the command) links the network libraries"
# A loki:// root loads the Loki reader from libexec: with nothing listening, the server is
# what cannot be reached, not the reader.
loki=$(env -u DISPLAY "$root/usr/bin/vigil" scan loki://127.0.0.1:9 2>&1 || true)
grep -q 'cannot reach the server' <<< "$loki" || fail "vigil scan loki://: $loki"
entries=$(env -u DISPLAY "$root/usr/bin/vigil" scan "$samples/deployment" --json |
          python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])')
expected=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entries"])' "$samples/EXPECTED.json")
[ "$entries" = "$expected" ] || fail "vigil scan read $entries entries, the samples hold $expected"
env -u DISPLAY "$root/usr/bin/vigil" --bogus > /dev/null 2>&1 && fail "vigil --bogus accepted"
# The installed vigil finds its window program under libexec and the window stays up.
status=0
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" QT_QPA_PLATFORM=offscreen \
  timeout 8 "$root/usr/bin/vigil" "$samples/deployment" > "$work/window.log" 2>&1 || status=$?
[ "$status" = 124 ] || { cat "$work/window.log"; fail "the window ended with status $status"; }
echo "package ok: $entries entries scanned by the unpacked vigil"
