#!/usr/bin/env bash
# Runs every test of DeepSQL on a fresh Debian machine with the .NET SDK.
# Installs what the tests need (Debian packages, sample photos, the Fashion-MNIST demo data), builds the solution,
# runs each test project and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
TESTDATA="$ROOT/.testdata"
mkdir -p "$TESTDATA" artifacts

log() { printf '\n== %s\n' "$*"; }

# ---- Debian packages --------------------------------------------------------------------------------------------
# Clients the conformance tests drive (psql is on the machine; SQLAlchemy as BI tools use it; PostgreSQL 15 server
# for the differential tests), chromium for the admin-page browser tests, and the Fashion-MNIST demo data set.
PACKAGES=(dataset-fashion-mnist chromium libpostgresql-jdbc-java python3-psycopg2 python3-sqlalchemy odbc-postgresql
          unixodbc postgresql-15 postgresql-client-15 openjdk-17-jre-headless)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "warning: apt-get install failed for some of: ${missing[*]}"
fi

# ---- real photographs (not installed: only unpacked) ------------------------------------------------------------
PHOTOS="$TESTDATA/photos"
if [ ! -f "$PHOTOS/.complete" ]; then
  log "fetching test photographs (python3-skimage, darknet)"
  rm -rf "$TESTDATA/debs" "$TESTDATA/unpacked" "$PHOTOS"
  mkdir -p "$TESTDATA/debs" "$TESTDATA/unpacked" "$PHOTOS"
  (cd "$TESTDATA/debs" && apt-get download python3-skimage darknet >/dev/null 2>&1) \
    || { apt-get update -qq && (cd "$TESTDATA/debs" && apt-get download python3-skimage darknet >/dev/null); }
  for deb in "$TESTDATA"/debs/*.deb; do dpkg -x "$deb" "$TESTDATA/unpacked"; done
  SK="$TESTDATA/unpacked/usr/lib/python3/dist-packages/skimage/data"
  for f in chelsea.png coffee.png astronaut.png rocket.jpg motorcycle_left.png hubble_deep_field.jpg retina.jpg \
           camera.png horse.png coins.png; do
    [ -f "$SK/$f" ] && cp "$SK/$f" "$PHOTOS/"
  done
  cp "$TESTDATA"/unpacked/usr/share/darknet/data/*.jpg "$PHOTOS/" 2>/dev/null
  rm -rf "$TESTDATA/debs" "$TESTDATA/unpacked"
  touch "$PHOTOS/.complete"
fi
export DEEPSQL_TEST_PHOTOS="$PHOTOS"
export DEEPSQL_FASHION_MNIST="${DEEPSQL_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
echo "photos: $(ls "$PHOTOS" | wc -l) files in $PHOTOS"

# ---- node-postgres (npm registry; the build copies tests/clients/node with its node_modules next to the tests) ---
if command -v npm >/dev/null 2>&1; then
  log "npm install (tests/clients/node)"
  (cd tests/clients/node && npm install --no-audit --no-fund --loglevel=error) \
    || echo "warning: npm install failed in tests/clients/node: NodePostgresTests will fail"
else
  echo "npm not found: skipping node-postgres install (NodePostgresTests will fail with the step to take)"
fi

# ---- build and test ---------------------------------------------------------------------------------------------
log "building"
dotnet build Service.sln -c Release -nologo -v quiet 2>&1 | tail -n 20
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  grep -q "<IsTestProject>true</IsTestProject>" "$proj" || continue
  log "testing $name"
  trx="$ROOT/artifacts/test-results/$name.trx"
  rm -f "$trx"
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" 2>&1 | tee "artifacts/$name.log" | \
    grep -E "^\s+(Passed|Failed|Skipped) |error|Total tests|Passed!|Failed!" | grep -v "^\s*Passed " | tail -n 60
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  else
    echo "$name: no results (the test host crashed?)"
    failed=$((failed + 1))
  fi
done

echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
