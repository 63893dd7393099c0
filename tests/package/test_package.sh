#!/usr/bin/env bash
# Issue #20, deployment: the Debian package on this machine, as root. It installs (its user, folders and
# configuration made), its units verify, the service's own command line starts as the service's user from
# the installed configuration, an administrator made with the command line logs in over HTTP and the app
# loads, the backup timer's command writes a backup, and the package removes and purges while the data
# stays. Without systemd running (a container), the unit's ExecStart and User are run as systemd would run
# them, with --port 0 added so the test never collides with a server already on 8080.
# Prints "ok NAME" / "FAIL NAME" per check and ends with "package: N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
passed=0; failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1${2:+: $2}"; failed=$((failed + 1)); }
check() { local name="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi; }
finish() { echo "package: $passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit $?; }

[[ $EUID -eq 0 ]] || { bad "runs as root" "dpkg needs root"; finish; }
MARK=/var/lib/magtreg/.magtreg-package-test
if dpkg-query -W -f='${Status}' magtreg 2>/dev/null | grep -q "install ok installed" && [[ ! -e $MARK ]]; then
  bad "no magtreg installed here before" "a magtreg package not installed by this test is present; not touching it"
  finish
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  dpkg -P magtreg >/dev/null 2>&1
  # The package leaves the data and the user (on purpose); this test's own are removed.
  rm -rf /var/lib/magtreg /var/log/magtreg /etc/magtreg
  getent passwd magtreg >/dev/null && deluser --quiet magtreg >/dev/null 2>&1
  getent group magtreg >/dev/null && delgroup --quiet magtreg >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
cleanup_before() { [[ -e $MARK ]] && cleanup; WORK="$(mktemp -d)"; }
cleanup_before

DEB="$(bash scripts/package.sh --no-build | tail -n1)"
[[ -f "$DEB" ]] || { bad "package builds"; finish; }
ok "package builds ($DEB)"

if apt-get install -y -qq --no-install-recommends "$ROOT/$DEB" >"$WORK/install.log" 2>&1; then ok "installs with apt"
else bad "installs with apt" "$(tail -n 5 "$WORK/install.log")"; finish; fi
touch "$MARK"

check "the service's user exists, with no login shell" bash -c 'getent passwd magtreg | grep -q ":/var/lib/magtreg:/usr/sbin/nologin$"'
check "its state folder is its own, 0750" bash -c '[[ "$(stat -c "%U %a" /var/lib/magtreg)" == "magtreg 750" ]]'
check "its log folder is its own" bash -c '[[ "$(stat -c "%U" /var/log/magtreg)" == magtreg ]]'
check "the configuration is root:magtreg 0640" bash -c '[[ "$(stat -c "%U:%G %a" /etc/magtreg/magtreg.toml)" == "root:magtreg 640" ]]'
check "the configuration is a conffile" bash -c 'dpkg-query -W -f="\${Conffiles}" magtreg | grep -q /etc/magtreg/magtreg.toml'
check "the installed configuration checks as the service's user" \
  runuser -u magtreg -- /usr/bin/magtreg config --config /etc/magtreg/magtreg.toml
if command -v systemd-analyze >/dev/null; then
  out="$(systemd-analyze verify /lib/systemd/system/magtreg.service /lib/systemd/system/magtreg-backup.service \
    /lib/systemd/system/magtreg-backup.timer 2>&1)"
  if [[ -z "$out" ]]; then ok "the units verify (systemd-analyze)"; else bad "the units verify (systemd-analyze)" "$out"; fi
else
  bad "the units verify (systemd-analyze)" "systemd-analyze missing (scripts/setup.sh installs systemd)"
fi

# The unit's command line and user, run as systemd runs them.
unit_value() { sed -n "s/^$2=//p" "/lib/systemd/system/$1" | head -n1; }
USER_NAME="$(unit_value magtreg.service User)"
EXEC="$(unit_value magtreg.service ExecStart)"
[[ "$USER_NAME" == magtreg && "$EXEC" == "/usr/bin/magtreg serve --config /etc/magtreg/magtreg.toml" ]] \
  && ok "the unit runs 'magtreg serve --config' as magtreg" || bad "the unit runs 'magtreg serve --config' as magtreg" "$USER_NAME: $EXEC"

# The municipality and the first administrator, as postinst tells the operator (the password on stdin).
CONF=(--config /etc/magtreg/magtreg.toml)
check "the municipality is made with --config" runuser -u magtreg -- /usr/bin/magtreg municipality add "Testrup Kommune" \
  --region "Region Syddanmark" --socialtilsyn "Socialtilsyn Syd" "${CONF[@]}"
check "an institution is made with --config" runuser -u magtreg -- /usr/bin/magtreg institution add "Bostedet Lærkely" \
  --kind botilbud --department "Handicap og Psykiatri" --target handicap "${CONF[@]}"
PASSWORD="Pakke-test-kodeord-2026-Egebo"
if printf '%s\n' "$PASSWORD" | runuser -u magtreg -- /usr/bin/magtreg user add drift1 --role admin \
  --name "Drift Testesen" --config /etc/magtreg/magtreg.toml >"$WORK/user.log" 2>&1; then ok "an administrator is made with --config"
else bad "an administrator is made with --config" "$(cat "$WORK/user.log")"; fi

if [[ -d /run/systemd/system ]]; then
  systemctl start magtreg.service
  PORT=8080
  sleep 1
else
  # shellcheck disable=SC2086
  (cd / && exec setpriv --reuid="$USER_NAME" --regid="$USER_NAME" --init-groups -- $EXEC --port 0 >"$WORK/serve.log" 2>&1) &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 100); do
    PORT="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9]*\)/.*#\1#p' "$WORK/serve.log" | head -n1)"
    [[ -n "$PORT" ]] && break
    sleep 0.1
  done
fi
if [[ -n "$PORT" ]]; then ok "the service starts and listens"; else bad "the service starts and listens" "$(cat "$WORK/serve.log")"; fi
check "the service runs as magtreg" bash -c '[[ "$(ps -o user= -C magtreg | sort -u | head -n1)" == magtreg ]]'
check "the database is made in /var/lib/magtreg, owned by magtreg" \
  bash -c '[[ "$(stat -c %U /var/lib/magtreg/magtreg.db)" == magtreg && "$(stat -c %a /var/lib/magtreg/magtreg.db.audit-key)" == 600 ]]'

BASE="http://127.0.0.1:$PORT"
login="$(curl -s -o "$WORK/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"username\":\"drift1\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/login")"
if [[ "$login" == 200 ]] && grep -q '"token"' "$WORK/login.json"; then ok "the administrator logs in"
else bad "the administrator logs in" "HTTP $login $(cat "$WORK/login.json" 2>/dev/null)"; fi
check "the app's page is served from /usr/share/magtreg" bash -c "curl -sf '$BASE/' | grep -q 'lang=\"da\"'"
check "the app's WebAssembly is served" bash -c "[[ \"\$(curl -s -o /dev/null -w '%{http_code} %{content_type}' '$BASE/magtreg.wasm')\" == '200 application/wasm' ]]"
check "the request log is written where the configuration says" bash -c 'grep -q "\"route\":\"/api/v1/login\"" /var/log/magtreg/access.log'

BACKUP_EXEC="$(unit_value magtreg-backup.service ExecStart)"
# shellcheck disable=SC2086
check "the backup timer's command writes a backup" bash -c "cd / && runuser -u magtreg -- $BACKUP_EXEC && ls /var/lib/magtreg/backups/magtreg-*.db"

if [[ -n "$SERVER_PID" ]]; then
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; rc=$?; SERVER_PID=""
  [[ $rc -eq 0 ]] && ok "SIGTERM stops the service cleanly" || bad "SIGTERM stops the service cleanly" "exit $rc"
else
  systemctl stop magtreg.service && ok "the service stops" || bad "the service stops"
fi

check "it removes" dpkg -r magtreg
check "the binary is gone after removal" test ! -e /usr/bin/magtreg
check "the data stays after removal" test -s /var/lib/magtreg/magtreg.db
check "it purges" dpkg -P magtreg
check "the configuration is gone after purge" test ! -e /etc/magtreg/magtreg.toml
check "the data stays even after purge" test -s /var/lib/magtreg/magtreg.db
finish
