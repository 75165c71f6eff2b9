#!/usr/bin/env bash
# Imports a generated customer CSV of N rows (default 1,000,000) into a fresh PostgreSQL database
# through the API, with the application held to -Xmx512m, then imports the same file again (every
# row unchanged). Prints rows per second of each run as the server measured it (first to last
# batch) and the whole time including the upload. Usage: bench/customer-import.sh [N]
# GUANXI_BENCH_PG_PROFILE=1 logs every statement of the benchmark database and sums their time at the end.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), GUANXI_BENCH_DB (guanxi_import_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/privacy-keys.sh
N=${1:-1000000}
DB=${GUANXI_BENCH_DB:-guanxi_import_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${GUANXI_BENCH_PORT:-18081}
HEAP=${GUANXI_BENCH_HEAP:-512m}

jar=$(ls target/guanxi-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true
  jar=$(ls target/guanxi-*.jar | grep -v original | head -n 1)
fi

work=$(mktemp -d)
file="$work/customers.csv"
python3 - "$N" "$file" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
family = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国晓梅欣怡子涵浩然宇轩雨泽梓萱一诺思远嘉怡"
cities = [("浙江省", "杭州市", "西湖区"), ("上海市", "上海市", "浦东新区"), ("北京市", "北京市", "朝阳区"),
          ("广东省", "广州市", "天河区"), ("广东省", "深圳市", "南山区"), ("四川省", "成都市", "武侯区")]
roads = "文三路 中山路 人民路 解放路 建设路 和平路 长江路 黄河路 南京路 延安路".split()
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("会员号,姓名,性别,生日,手机,邮箱,省份,城市,区县,详细地址,邮编,来源\n")
    for i in range(n):
        name = rnd.choice(family) + "".join(rnd.choice(given) for _ in range(rnd.choice((1, 2))))
        province, city, district = rnd.choice(cities)
        phone = "1%d%09d" % (rnd.choice((3, 5, 8, 9)), rnd.randrange(10**9))
        if rnd.random() < 0.5:
            phone = phone[:3] + " " + phone[3:7] + " " + phone[7:]
        email = "m%d@example.com" % i if rnd.random() < 0.4 else ""
        birthday = "%d-%02d-%02d" % (rnd.randrange(1950, 2005), rnd.randrange(1, 13), rnd.randrange(1, 29))
        street = "%s%d号" % (rnd.choice(roads), rnd.randrange(1, 999))
        f.write("M%08d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%06d,门店\n" % (
            i, name, rnd.choice("男女"), birthday, phone, email, province, city, district, street, rnd.randrange(100000, 999999)))
PY
size=$(du -h "$file" | cut -f1)

psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
pglog=$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -n 1 || true)
if [ "${GUANXI_BENCH_PG_PROFILE:-0}" = 1 ]; then
  psql -d postgres -qc "ALTER DATABASE $DB SET log_min_duration_statement = 0" -c "ALTER DATABASE $DB SET log_parameter_max_length = 0"
  pglines=$(wc -l < "$pglog")
fi
GUANXI_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" GUANXI_DB_USER="$PGUSER" GUANXI_ADMIN_PASSWORD=bench-admin-pw \
  java -Xmx"$HEAP" ${GUANXI_BENCH_JAVA_OPTS:-} -jar "$jar" --spring.profiles.active=postgres --server.port="$PORT" > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
token=$(curl -sf -X POST "localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-admin-pw"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')

run() {
  local start id state
  start=$(date +%s.%N)
  id=$(curl -sf -H "Authorization: Bearer $token" -F "file=@$file" -F recordType=customer -F source=bench \
    -F dryRun=false "localhost:$PORT/api/v1/imports" | sed 's/^{"id":\([0-9]*\).*/\1/')
  while true; do
    state=$(psql -d "$DB" -tAc "SELECT state FROM import_job WHERE id = $id")
    [ "$state" = DONE ] || [ "$state" = FAILED ] && break
    sleep 1
  done
  local end; end=$(date +%s.%N)
  psql -d "$DB" -tAc "SELECT format('%s: %s rows, created %s, updated %s, unchanged %s, rejected %s; server %s s = %s rows/s',
      state, rows_read, created_count, updated_count, unchanged_count, rejected_count,
      round(extract(epoch FROM finished_at - started_at)::numeric, 1),
      round(rows_read / extract(epoch FROM finished_at - started_at))) FROM import_job WHERE id = $id"
  printf '  wall time with the upload: %.1f s\n' "$(echo "$end - $start" | bc)"
}
echo "file: $N rows, $size"
echo "first import:"; run
echo "same file again:"; run
echo "customers: $(psql -d "$DB" -tAc 'SELECT COUNT(*) FROM customer')"
grep -E 'OutOfMemory|ERROR' "$work/app.log" | head -n 5 || true
[ "${GUANXI_BENCH_PG_PROFILE:-0}" != 1 ] || tail -n +"$pglines" "$pglog" | python3 bench/pg-statements.py - 30
printf 'command: bench/customer-import.sh %s (%s cores, -Xmx%s, %s)\n' "$N" "$(nproc)" "$HEAP" "$(java -version 2>&1 | head -n 1)"
