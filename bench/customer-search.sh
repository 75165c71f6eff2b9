#!/usr/bin/env bash
# Times customer searches through the API on the database filled by bench/generate-customers.sh:
# name prefixes in characters, pinyin and initials, phones typed with spaces and dashes, emails, and
# external ids where the customers have them (GUANXI_BENCH_DB=guanxi_import_bench after
# GUANXI_BENCH_KEEP=1 bench/customer-import.sh 1000000).
# Prints p50 and p95 per kind and overall. Usage: bench/customer-search.sh [queries-per-kind]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/privacy-keys.sh
N=${1:-200}
DB=${GUANXI_BENCH_DB:-guanxi_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${GUANXI_BENCH_PORT:-18080}
jar=$(ls target/guanxi-*.jar | grep -v original | head -n 1)

GUANXI_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" GUANXI_DB_USER="$PGUSER" GUANXI_ADMIN_PASSWORD=bench-admin-pw \
  java -Xmx1g -jar "$jar" --spring.profiles.active=postgres --server.port="$PORT" > /tmp/guanxi-bench.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
token=$(curl -sf -X POST "localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')

work=$(mktemp -d)
sample() { psql -d "$DB" -tAc "$1" > "$work/$2"; }
sample "SELECT left(display_name, 2) FROM customer WHERE party_type = 'PERSON' ORDER BY random() LIMIT $N" name
sample "SELECT left(name_pinyin, 7) FROM customer WHERE party_type = 'PERSON' ORDER BY random() LIMIT $N" pinyin
sample "SELECT name_initials FROM customer WHERE party_type = 'PERSON' ORDER BY random() LIMIT $N" initials
# ids in the customers' source systems, where the data has them (an imported file does, generated data not)
sample "SELECT external_id FROM customer_external_id ORDER BY random() LIMIT $N" external
kinds="name pinyin initials phone email"
[ -s "$work/external" ] && kinds="$kinds external"
# phones and emails are encrypted at rest: read random customers through the API (as admin, unmasked)
field() { sed -n 's/.*"'"$1"'":"\([^"]*\)".*/\1/p'; }
sample "SELECT id FROM customer WHERE phone IS NOT NULL ORDER BY random() LIMIT $N" phone_ids
sample "SELECT id FROM customer WHERE email IS NOT NULL ORDER BY random() LIMIT $N" email_ids
while read -r id; do
  p=$(curl -sf "localhost:$PORT/api/v1/customers/$id" -H "Authorization: Bearer $token" | field phone)
  p=${p#+86}; echo "${p:0:3} ${p:3:4}-${p:7}"
done < "$work/phone_ids" > "$work/phone"
while read -r id; do
  # the answer ends without a newline, and so would sed's line
  echo "$(curl -sf "localhost:$PORT/api/v1/customers/$id" -H "Authorization: Bearer $token" | field email)"
done < "$work/email_ids" > "$work/email"

# warm-up
while read -r q; do curl -s -o /dev/null -G "localhost:$PORT/api/v1/customers" --data-urlencode "q=$q" -H "Authorization: Bearer $token"; done < <(head -n 20 "$work/name")

for kind in $kinds; do
  while read -r q; do
    curl -s -o /dev/null -w '%{time_total}\n' -G "localhost:$PORT/api/v1/customers" --data-urlencode "q=$q" \
      -H "Authorization: Bearer $token" >> "$work/$kind.times"
  done < "$work/$kind"
  cat "$work/$kind.times" >> "$work/all.times"
done
pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int(NR*p+0.999); if(i<1)i=1; printf "%.1f", a[i]*1000}'; }
for kind in $kinds all; do
  printf '%-9s n=%-5s p50 %6s ms   p95 %6s ms\n' "$kind" "$(wc -l < "$work/$kind.times")" "$(pct "$work/$kind.times" 0.5)" "$(pct "$work/$kind.times" 0.95)"
done
echo "customers: $(psql -d "$DB" -tAc 'SELECT COUNT(*) FROM customer')"
printf 'command: bench/customer-search.sh %s (%s cores; time is the whole HTTP request on loopback, first page of 20 with its total)\n' "$N" "$(nproc)"
