#!/usr/bin/env bash
# Times the customer page (客户360) of one customer with a long timeline, on the database filled by
# bench/generate-customers.sh: gives a customer in the middle of the table E timeline entries through
# the bulk path (COPY), then requests, N times each, the whole customer page (profile and first
# timeline page with the type counts), older entries from random positions (the htmx fragment),
# the section filtered to two types, and the API (50 entries from a random position, all types or
# two). Prints p50 and p95 per kind and overall, and for reference the account page (the same
# session, security and layout without customer data).
# Usage: bench/customer-timeline.sh [requests-per-kind] [entries]
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), GUANXI_BENCH_DB (guanxi_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/privacy-keys.sh
N=${1:-200}
E=${2:-10000}
DB=${GUANXI_BENCH_DB:-guanxi_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${GUANXI_BENCH_PORT:-18080}
jar=$(ls target/guanxi-*.jar | grep -v original | head -n 1)
run() {
  GUANXI_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" GUANXI_DB_USER="$PGUSER" GUANXI_ADMIN_PASSWORD=bench-admin-pw \
    exec java -Xmx1g -jar "$jar" --spring.profiles.active=postgres "$@"
}

customer=$(psql -d "$DB" -tAc "SELECT id FROM customer WHERE merged_into IS NULL ORDER BY id
  OFFSET (SELECT COUNT(*) / 2 FROM customer) LIMIT 1")
run --server.port=0 --guanxi.demo.timeline-entries="$E" --guanxi.demo.timeline-customer="$customer" \
  --guanxi.demo.exit-after-generate=true 2>&1 | grep -E 'GENERATED|ERROR' || true
entries=$(psql -d "$DB" -tAc "SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = $customer")

# the application also measures its own server time per route (percentiles over the whole run)
run --server.port="$PORT" --management.metrics.distribution.percentiles.http.server.requests=0.5,0.95 \
  --management.metrics.distribution.expiry.http.server.requests=30m > /tmp/guanxi-bench.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
token=$(curl -sf -X POST "localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')

work=$(mktemp -d)
# cursors at random positions of the timeline (instant~id, as the pages write them)
psql -d "$DB" -tAc "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || '~' || id
  FROM customer_timeline_entry WHERE customer_id = $customer ORDER BY random() LIMIT $N" > "$work/cursors"
base="localhost:$PORT"
# pages as a browser sees them: signed in once, then with the session cookie
csrf=$(curl -s -c "$work/cookies" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -o /dev/null -b "$work/cookies" -c "$work/cookies" --data-urlencode username=admin \
  --data-urlencode password=bench-admin-pw --data-urlencode "_csrf=$csrf" "$base/login"
time_page() { curl -s -o /dev/null -w '%{time_total}\n' -b "$work/cookies" "$@"; }
time_get() { curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$@"; }
page=$(curl -s -b "$work/cookies" "$base/customers/$customer")
[[ $page == *'class="entry"'* ]] || { echo "the customer page shows no timeline (not signed in?)" >&2; exit 1; }
for _ in $(seq 1 20); do time_page "$base/customers/$customer" >/dev/null; time_get "$base/api/v1/customers/$customer/timeline" >/dev/null; done

for _ in $(seq 1 "$N"); do time_page "$base/customers/$customer"; done > "$work/page.times"
# the same path for a page without customer data (session, security, layout), to read the figures against
for _ in $(seq 1 "$N"); do time_page "$base/account"; done > "$work/account.times"
while read -r c; do time_page -H 'HX-Request: true' -G "$base/customers/$customer/timeline" --data-urlencode "before=$c"; done < "$work/cursors" > "$work/older.times"
for _ in $(seq 1 "$N"); do time_page -H 'HX-Request: true' "$base/customers/$customer/timeline?type=CALL&type=TICKET"; done > "$work/filter.times"
while read -r c; do time_get -G "$base/api/v1/customers/$customer/timeline" --data-urlencode "before=$c" -d size=50; done < "$work/cursors" > "$work/api.times"
while read -r c; do time_get -G "$base/api/v1/customers/$customer/timeline" --data-urlencode "before=$c" -d size=50 -d type=ORDER -d type=CALL; done < "$work/cursors" > "$work/api-types.times"
cat "$work"/{page,older,filter,api,api-types}.times > "$work/all.times"

pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int(NR*p+0.999); if(i<1)i=1; printf "%.1f", a[i]*1000}'; }
for kind in page older filter api api-types all account; do
  printf '%-9s n=%-5s p50 %6s ms   p95 %6s ms\n' "$kind" "$(wc -l < "$work/$kind.times")" "$(pct "$work/$kind.times" 0.5)" "$(pct "$work/$kind.times" 0.95)"
done
echo "server time as the application measured it (all requests of the run, warm-up included):"
curl -s -H "Authorization: Bearer $token" "$base/actuator/prometheus" | awk '
  /^http_server_requests_seconds\{/ && /quantile=/ && /method="GET"/ && /status="200"/ {
    match($0, /uri="[^"]*"/); uri = substr($0, RSTART + 5, RLENGTH - 6)
    match($0, /quantile="[^"]*"/); q = substr($0, RSTART + 10, RLENGTH - 11)
    if (uri ~ /customers\/\{id\}|account/) t[uri] = t[uri] sprintf("  p%s %6.1f ms", q * 100, $NF * 1000)
  }
  END { for (u in t) printf "  %-36s%s\n", u, t[u] }'
echo "customer $customer: $entries timeline entries; customers: $(psql -d "$DB" -tAc 'SELECT COUNT(*) FROM customer'); all entries: $(psql -d "$DB" -tAc 'SELECT COUNT(*) FROM customer_timeline_entry')"
printf 'command: bench/customer-timeline.sh %s %s (%s cores; time is the whole HTTP request on loopback, as admin: pages with a session cookie, the API with a token)\n' "$N" "$E" "$(nproc)"
