#!/usr/bin/env bash
# Times a full duplicate scan through the API on the database filled by bench/generate-customers.sh.
# Usage: bench/generate-customers.sh 1000000 && bench/duplicate-scan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/privacy-keys.sh
DB=${GUANXI_BENCH_DB:-guanxi_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${GUANXI_BENCH_PORT:-18080}
jar=$(ls target/guanxi-*.jar | grep -v original | head -n 1)

GUANXI_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" GUANXI_DB_USER="$PGUSER" GUANXI_ADMIN_PASSWORD=bench-admin-pw \
  java ${GUANXI_BENCH_JAVA_OPTS:--Xmx2g} -jar "$jar" --spring.profiles.active=postgres --server.port="$PORT" > /tmp/guanxi-bench.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done

token=$(curl -sf -X POST "localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
status=$(curl -sf -X POST "localhost:$PORT/api/v1/customers/duplicates/scan" -H "Authorization: Bearer $token" -D - -o /dev/null | tr -d '\r' | sed -n 's/^Location: //p')
while true; do
  body=$(curl -sf "localhost:$PORT$status" -H "Authorization: Bearer $token")
  case "$body" in *'"status":"RUNNING"'*) sleep 1 ;; *) break ;; esac
done
echo "$body"
psql -d "$DB" -tAc "SELECT 'scan of ' || customers || ' customers: ' || round(EXTRACT(EPOCH FROM finished_at - started_at)::numeric, 1) || ' s, ' || pairs_compared || ' pairs scored, ' || candidates || ' candidates' FROM duplicate_scan ORDER BY id DESC LIMIT 1"
grep -E 'Duplicate scan' /tmp/guanxi-bench.log | tail -n 1 | sed 's/.*Duplicate scan/Duplicate scan/'
printf 'command: bench/duplicate-scan.sh (%s cores, heap %s)\n' "$(nproc)" "${GUANXI_BENCH_JAVA_OPTS:--Xmx2g}"
