#!/usr/bin/env bash
# Starts (start) or stops and removes (stop) a throwaway PostgreSQL cluster on this machine with the
# settings a production server of its size would have — a quarter of the memory as shared buffers,
# room for WAL between checkpoints — next to the machine's stock one (which keeps 128 MB of shared
# buffers and checkpoints after every 1 GB of WAL). Durability settings stay as they are
# (fsync, synchronous_commit, full_page_writes on). Then run a benchmark against it, e.g.
#   PGPORT=5433 bench/order-import.sh 10000000
# Environment: GUANXI_BENCH_PGDATA (/tmp/guanxi-bench-pgdata), GUANXI_BENCH_PGPORT (5433),
# GUANXI_BENCH_SHARED_BUFFERS (a quarter of the memory).
set -euo pipefail
DIR=${GUANXI_BENCH_PGDATA:-/tmp/guanxi-bench-pgdata}
PORT=${GUANXI_BENCH_PGPORT:-5433}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
memory_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 ))
BUFFERS=${GUANXI_BENCH_SHARED_BUFFERS:-$(( memory_mb / 4 ))MB}
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
case "${1:-start}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      chown postgres "$DIR"
      as_postgres "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
      cat >> "$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
shared_buffers = $BUFFERS
effective_cache_size = $(( memory_mb / 2 ))MB
maintenance_work_mem = 512MB
max_wal_size = 16GB
checkpoint_timeout = 15min
CONF
    fi
    as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w start > /dev/null
    echo "PostgreSQL on 127.0.0.1:$PORT, shared_buffers $BUFFERS, max_wal_size 16GB, checkpoint_timeout 15min"
    ;;
  stop)
    [ ! -f "$DIR/PG_VERSION" ] || as_postgres "$BIN/pg_ctl" -D "$DIR" -w -m fast stop > /dev/null || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
