#!/usr/bin/env bash
# Times order ingestion through the API (POST /api/v1/orders with an Idempotency-Key, 3 lines,
# points earned, every other order spending points) on PostgreSQL with demo data, N orders sent
# by C parallel clients. Prints orders/s and lines/s, then checks the ledger.
# Usage: bench/order-ingestion.sh [orders] [clients]
# GUANXI_BENCH_URL (default jdbc:postgresql://127.0.0.1:5432/guanxi_bench_orders) names an empty
# database or schema; it is filled with the demo business on start.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/privacy-keys.sh
N=${1:-2000}
C=${2:-4}
URL=${GUANXI_BENCH_URL:-jdbc:postgresql://127.0.0.1:5432/guanxi_bench_orders}
PGUSER=${PGUSER:-postgres}
PORT=${GUANXI_BENCH_PORT:-18081}
jar=$(ls target/guanxi-*.jar | grep -v original | head -n 1)
psqlurl=$(echo "$URL" | sed -e 's/^jdbc://' -e 's/?currentSchema=/?options=-csearch_path%3D/')

GUANXI_DB_URL="$URL" GUANXI_DB_USER="$PGUSER" GUANXI_ADMIN_PASSWORD=bench-admin-pw \
  java -Xmx1g -jar "$jar" --spring.profiles.active=postgres --server.port="$PORT" \
  --guanxi.demo.enabled=true --guanxi.demo.customers=2000 > /tmp/guanxi-bench-orders.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
token=$(curl -sf -X POST "localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
post() { curl -sf -o /dev/null -X POST "localhost:$PORT$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "${@:3}" -d "$2"; }
for p in "WASH SERVICE 68.00" "OIL SERVICE 399.00" "TYRE PARTS 560.00" "WIPER PARTS 89.00" "COFFEE FOOD 28.00"; do
  set -- $p
  post /api/v1/products "{\"sku\":\"B-$1\",\"name\":\"$1\",\"categoryCode\":\"$2\",\"price\":{\"amount\":\"$3\",\"currency\":\"CNY\"}}" || true
done
store=$(psql "$psqlurl" -U "$PGUSER" -tAc "SELECT MIN(id) FROM store")
psql "$psqlurl" -U "$PGUSER" -tAc "SELECT id FROM customer ORDER BY id LIMIT 500" > /tmp/bench-customers
work=$(mktemp -d)
for i in $(seq 1 "$N"); do
  c=$(sed -n "$(( (i % 500) + 1 ))p" /tmp/bench-customers)
  pts=$(( i % 2 == 0 ? 100 : 0 ))
  echo "{\"customerId\":$c,\"storeId\":$store,\"channel\":\"STORE\",\"pointsToRedeem\":$pts,\"lines\":[{\"sku\":\"B-WASH\",\"quantity\":1},{\"sku\":\"B-COFFEE\",\"quantity\":2},{\"sku\":\"B-WIPER\",\"quantity\":1}]}" > "$work/$i.json"
done
# customers need points to spend: one adjustment each
while read -r c; do post "/api/v1/customers/$c/points/adjustments" '{"points":100000,"reason":"bench"}'; done < /tmp/bench-customers
send() { curl -s -o /dev/null -w '%{http_code}\n' -X POST "localhost:$PORT/api/v1/orders" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: bench-$1" --data-binary "@$work/$1.json"; }
export -f send; export PORT token work
start=$(date +%s.%N)
seq 1 "$N" | xargs -P "$C" -I{} bash -c 'send {}' > "$work/codes"
end=$(date +%s.%N)
ok=$(grep -c '^201$' "$work/codes" || true)
secs=$(echo "$end - $start" | bc -l)
printf 'orders: %d of %d created in %.1f s = %.0f orders/s, %.0f lines/s (%d clients, %s cores)\n' \
  "$ok" "$N" "$secs" "$(echo "$ok / $secs" | bc -l)" "$(echo "3 * $ok / $secs" | bc -l)" "$C" "$(nproc)"
psql "$psqlurl" -U "$PGUSER" -tAc "SELECT 'ledger consistent: ' || bool_and(a.balance = m.total) FROM points_account a
  JOIN (SELECT customer_id, SUM(points) AS total FROM points_movement GROUP BY customer_id) m USING (customer_id)"
printf 'command: bench/order-ingestion.sh %s %s\n' "$N" "$C"
