#!/usr/bin/env bash
# Builds the Debian package build/package/magtreg_VERSION_ARCH.deb (issue #20, deployment): the server
# binary, the app it serves, a configuration file, the systemd service and the daily backup timer.
# Install it with `apt install ./build/package/magtreg_*.deb` on Debian bookworm (docs/operations.md).
# Prints the package's path as its last line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ "${1:-}" == --no-build ]] || bash scripts/build.sh >/dev/null

BIN=build/native/magtreg
[[ -x "$BIN" && -f build/wasm/app/magtreg.wasm ]] || { echo "package: build first (scripts/build.sh)" >&2; exit 1; }
VERSION="$("$BIN" version | awk '{print $2}')"
ARCH="$(dpkg --print-architecture)"
OUT="build/package"
STAGE="$OUT/root"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN"

install -D -m 0755 "$BIN" "$STAGE/usr/bin/magtreg"
strip --strip-unneeded "$STAGE/usr/bin/magtreg"
install -d "$STAGE/usr/share/magtreg/public" "$STAGE/usr/share/magtreg/app"
install -m 0644 public/* "$STAGE/usr/share/magtreg/public/"
install -m 0644 build/wasm/app/* "$STAGE/usr/share/magtreg/app/"
install -D -m 0640 packaging/magtreg.toml "$STAGE/etc/magtreg/magtreg.toml"
for unit in packaging/systemd/*; do install -D -m 0644 "$unit" "$STAGE/lib/systemd/system/$(basename "$unit")"; done
install -D -m 0644 docs/operations.md "$STAGE/usr/share/doc/magtreg/operations.md"
install -m 0644 docs/security.md "$STAGE/usr/share/doc/magtreg/security.md"
for script in postinst prerm postrm; do install -m 0755 "packaging/debian/$script" "$STAGE/DEBIAN/$script"; done
echo /etc/magtreg/magtreg.toml >"$STAGE/DEBIAN/conffiles"

# Depends: the Debian packages that hold the shared libraries the binary loads (SQLite is built in).
packages=(adduser)
for lib in $(ldd "$BIN" | awk '$3 ~ /^\// {print $3}'); do
  pkg="$(dpkg -S "$lib" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true)"
  pkg="$(head -n1 <<<"$pkg" | cut -d: -f1)"
  [[ -n "$pkg" ]] || { echo "package: no Debian package holds $lib" >&2; exit 1; }
  packages+=("$pkg")
done
depends="$(printf '%s\n' "${packages[@]}" | sort -u | paste -sd, | sed 's/,/, /g')"

cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: magtreg
Version: $VERSION
Architecture: $ARCH
Maintainer: Magtreg <drift@magtreg.invalid>
Section: misc
Priority: optional
Depends: $depends
Installed-Size: $(du -sk "$STAGE" --exclude=DEBIAN | cut -f1)
Homepage: https://magtreg.invalid/
Description: registration, approval and reporting of use of force in Danish social care
 Magtreg's server: care staff register uses of force (magtanvendelse) on tablets that work offline;
 leaders lock and report them; the municipality's committee decides and reviews; management gets
 statistics. Serves the tablet app and its sync API from one origin, with a keyed audit log.
 Runs as the systemd service magtreg.service (configuration /etc/magtreg/magtreg.toml) with a
 daily backup timer.
CONTROL

DEB="$OUT/magtreg_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
echo "$DEB"
