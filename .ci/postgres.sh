#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage tests, from Debian's packages, on loopback only.
#   .ci/postgres.sh start DIR PORT   install if missing, initdb DIR, start; prints the URL
#   .ci/postgres.sh stop DIR         stop the server started in DIR, by the PID it wrote
# Run as root (CI) it runs the server as the postgres user; otherwise as the caller.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a data folder}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$action" = stop ]; then
  pid_file="$dir/data/postmaster.pid"
  [ -f "$pid_file" ] || exit 0
  pid=$(head -1 "$pid_file")
  kill -INT "$pid" 2>/dev/null || true  # "fast" shutdown
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.2; done
  echo "postgres $pid did not stop" >&2
  exit 1
fi

port=${3:?a port}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null
fi
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$dir/data" -U newsmetrics --auth=trust -E UTF8 >/dev/null
fi
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U newsmetrics newsmetrics 2>/dev/null || true
echo "postgresql://newsmetrics@127.0.0.1:$port/newsmetrics"
