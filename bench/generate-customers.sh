#!/usr/bin/env bash
# Fills a fresh PostgreSQL database with N generated customers (default 1,000,000) through the
# bulk path (COPY) and prints how long it took. Usage: bench/generate-customers.sh [N]
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), GUANXI_BENCH_DB (guanxi_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/privacy-keys.sh
N=${1:-1000000}
DB=${GUANXI_BENCH_DB:-guanxi_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

jar=$(ls target/guanxi-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true
  jar=$(ls target/guanxi-*.jar | grep -v original | head -n 1)
fi

psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
start=$(date +%s.%N)
GUANXI_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" GUANXI_DB_USER="$PGUSER" GUANXI_ADMIN_PASSWORD=bench-admin-pw \
  java -Xmx1g -jar "$jar" --spring.profiles.active=postgres --server.port=0 \
  --guanxi.demo.generate-customers="$N" --guanxi.demo.exit-after-generate=true 2>&1 | grep -E 'GENERATED|ERROR' || true
end=$(date +%s.%N)
rows=$(psql -d "$DB" -tAc "SELECT COUNT(*) FROM customer")
printf 'customers in %s: %s\n' "$DB" "$rows"
printf 'wall time including start-up and migrations: %.1f s\n' "$(echo "$end - $start" | bc)"
printf 'command: bench/generate-customers.sh %s (%s cores, %s)\n' "$N" "$(nproc)" "$(java -version 2>&1 | head -n 1)"
[ "$rows" -ge "$N" ]
