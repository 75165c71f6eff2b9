#!/usr/bin/env bash
# Imports a generated order-lines CSV of N lines (default 1,000,000) into a fresh PostgreSQL
# database through the import API, with the application held to -Xmx512m: every order priced,
# its points earned, purchase aggregates, customer figures, rule tags and timeline entries written
# in each batch's transaction. The demo business (six stores, rule tags) and N/20 customers with
# member numbers are loaded first (the customers through the customer import); 1 % of the orders
# name an unknown member and create a customer. Then the same file is imported again (every line
# unchanged). Prints lines per second as the server measured it (first to last batch), the wall
# time including the upload, the CPU time PostgreSQL and the application used (a steadier measure of
# the work than the rate on a shared machine), and checks the ledger. Usage: bench/order-import.sh [N]
# GUANXI_BENCH_PG_PROFILE=1 logs every statement of the benchmark database and sums their time at the end.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), GUANXI_BENCH_DB
# (guanxi_order_import_bench), GUANXI_BENCH_HEAP (512m), GUANXI_BENCH_KEEP=1 keeps the database,
# GUANXI_BENCH_JAR runs that jar instead of target's (to compare two builds), GUANXI_BENCH_LOG=file keeps the application log (with GUANXI_BENCH_JAVA_OPTS=-Dlogging.level.io.guanxi.order.domain=DEBUG
# it times the stages of every batch).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/privacy-keys.sh
N=${1:-1000000}
DB=${GUANXI_BENCH_DB:-guanxi_order_import_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${GUANXI_BENCH_PORT:-18082}
HEAP=${GUANXI_BENCH_HEAP:-512m}

jar=${GUANXI_BENCH_JAR:-$(ls target/guanxi-*.jar 2>/dev/null | grep -v original | head -n 1 || true)}
if [ -z "$jar" ]; then
  ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true
  jar=$(ls target/guanxi-*.jar | grep -v original | head -n 1)
fi

work=$(mktemp -d)
skus=""
categories=(SERVICE PARTS FOOD CARE TYRES OIL ACCESSORY GIFT)
for i in $(seq 1 40); do
  skus="$skus${skus:+,}B-$i=$(( 20 + (i * 37) % 580 )).$(( (i * 13) % 100 ))"
done
python3 bench/generate-order-lines.py "$N" "$work/customers.csv" "$work/orders.csv" SH,BJ,GZ,SZ,CD,HZ "$skus"
size=$(du -h "$work/orders.csv" | cut -f1)

psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
pglog=$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -n 1 || true)
if [ "${GUANXI_BENCH_PG_PROFILE:-0}" = 1 ]; then
  psql -d postgres -qc "ALTER DATABASE $DB SET log_min_duration_statement = 0" -c "ALTER DATABASE $DB SET log_parameter_max_length = 0"
  pglines=$(wc -l < "$pglog")
fi
GUANXI_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" GUANXI_DB_USER="$PGUSER" GUANXI_ADMIN_PASSWORD=bench-admin-pw \
  java -Xmx"$HEAP" ${GUANXI_BENCH_JAVA_OPTS:-} -jar "$jar" --spring.profiles.active=postgres --server.port="$PORT" \
  --guanxi.demo.enabled=true --guanxi.demo.customers=0 > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
token=$(curl -sf -X POST "localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
IFS=, read -ra list <<< "$skus"
for i in "${!list[@]}"; do
  sku=${list[$i]%%=*}; price=${list[$i]#*=}
  curl -sf -o /dev/null -X POST "localhost:$PORT/api/v1/products" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d "{\"sku\":\"$sku\",\"name\":\"$sku\",\"categoryCode\":\"${categories[$(( i % 8 ))]}\",\"price\":{\"amount\":\"$price\",\"currency\":\"CNY\"}}"
done

# CPU seconds used so far by every PostgreSQL process (with the backends that have exited) and by the application.
cpu() {
  local tck; tck=$(getconf CLK_TCK)
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v tck="$tck" -v app="$app" '
    $2 == "(postgres)" { pg += $14 + $15 + $16 + $17 }
    $1 == app { java += $14 + $15 }
    END { printf "%.1f %.1f\n", pg / tck, java / tck }'
}

run() {
  local type=$1 file=$2 start id state end cpu0 cpu1
  cpu0=$(cpu)
  start=$(date +%s.%N)
  id=$(curl -sf -H "Authorization: Bearer $token" -F "file=@$file" -F recordType="$type" -F source=bench \
    -F dryRun=false "localhost:$PORT/api/v1/imports" | sed 's/^{"id":\([0-9]*\).*/\1/')
  while true; do
    state=$(psql -d "$DB" -tAc "SELECT state FROM import_job WHERE id = $id")
    [ "$state" = DONE ] || [ "$state" = FAILED ] && break
    sleep 1
  done
  end=$(date +%s.%N)
  psql -d "$DB" -tAc "SELECT format('%s: %s rows, created %s, unchanged %s, rejected %s; server %s s = %s rows/s',
      state, rows_read, created_count, unchanged_count, rejected_count,
      round(extract(epoch FROM finished_at - started_at)::numeric, 1),
      round(rows_read / extract(epoch FROM finished_at - started_at))) FROM import_job WHERE id = $id"
  printf '  wall time with the upload: %.1f s\n' "$(echo "$end - $start" | bc)"
  cpu1=$(cpu)
  read -r pg0 java0 <<< "$cpu0"; read -r pg1 java1 <<< "$cpu1"
  rows=$(psql -d "$DB" -tAc "SELECT rows_read FROM import_job WHERE id = $id")
  echo "  CPU: PostgreSQL $(echo "$pg1 - $pg0" | bc) s, application $(echo "$java1 - $java0" | bc) s;" \
    "$(echo "scale=1; ($pg1 - $pg0 + $java1 - $java0) * 1000000 / $rows" | bc) ms per 1,000 rows"
}
echo "files: $(wc -l < "$work/customers.csv") customers; $N order lines, $size"
echo "customers (customer import):"; run customer "$work/customers.csv"
echo "order lines, first import:"; run order "$work/orders.csv"
echo "order lines, same file again:"; run order "$work/orders.csv"
psql -d "$DB" -tAc "SELECT 'orders ' || (SELECT COUNT(*) FROM customer_order) || ', lines ' || (SELECT COUNT(*) FROM order_line)
  || ', customers ' || (SELECT COUNT(*) FROM customer) || ', points movements ' || (SELECT COUNT(*) FROM points_movement)
  || ', timeline entries ' || (SELECT COUNT(*) FROM customer_timeline_entry)"
psql -d "$DB" -tAc "SELECT 'ledger consistent: ' || bool_and(a.balance = m.total) FROM points_account a
  JOIN (SELECT customer_id, SUM(points) AS total FROM points_movement GROUP BY customer_id) m USING (customer_id)"
psql -d "$DB" -tAc "SELECT 'aggregates consistent: ' || bool_and(s.order_count = o.n AND s.spend = o.paid
  AND s.visit_count = cardinality(s.visit_days) AND s.visit_count = (SELECT COUNT(DISTINCT business_date) FROM customer_order x WHERE x.customer_id = s.customer_id AND x.channel = 'STORE'))
  FROM customer_purchase_summary s
  JOIN (SELECT customer_id, COUNT(*) AS n, SUM(payable) AS paid FROM customer_order GROUP BY customer_id) o USING (customer_id)"
grep -E 'OutOfMemory|ERROR' "$work/app.log" | head -n 5 || true
kill $app 2>/dev/null || true
wait $app 2>/dev/null || true
[ "${GUANXI_BENCH_PG_PROFILE:-0}" != 1 ] || tail -n +"$pglines" "$pglog" | python3 bench/pg-statements.py - 30
[ -z "${GUANXI_BENCH_LOG:-}" ] || cp "$work/app.log" "$GUANXI_BENCH_LOG"
[ "${GUANXI_BENCH_KEEP:-0}" = 1 ] || psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" || true
rm -rf "$work"
printf 'command: bench/order-import.sh %s (%s cores, -Xmx%s, %s)\n' "$N" "$(nproc)" "$HEAP" "$(java -version 2>&1 | head -n 1)"
