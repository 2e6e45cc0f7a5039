#!/usr/bin/env bash
# A private, throwaway PostgreSQL server for the tests: its own cluster in a fresh folder, trust authentication,
# listening only on 127.0.0.1 on a free port. Nothing outside the folder is touched.
#
#   postgres.sh bindir              prints the folder of the newest installed server binaries (exit 1 when none)
#   postgres.sh start DIR [PID]     creates the cluster in DIR (must not exist), starts it and prints its connection
#                                   string; with PID, the server is stopped and DIR removed once that process ends
#   postgres.sh stop DIR            stops the server of DIR and removes DIR
#
# initdb and postgres refuse to run as root; as root, they run as the user postgres (DIR is handed to it).
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    found=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  fi
  [ -x "$found/initdb" ] || return 1
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local dir=$1 watch=${2:-}
  local bin
  bin=$(bindir) || { echo "postgres.sh: no PostgreSQL server binaries found (Debian: apt-get install postgresql)." >&2; exit 1; }
  [ -e "$dir" ] && { echo "postgres.sh: $dir already exists." >&2; exit 1; }
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }

  local port attempt
  for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 30000))
    port_in_use "$port" && continue
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s start -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      if [ -n "$watch" ]; then
        # Stops the server once the process that asked for it has gone, however it ended.
        nohup bash -c "while kill -0 $watch 2>/dev/null; do sleep 2; done; '$self' stop '$dir'" >/dev/null 2>&1 &
      fi
      echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      return 0
    fi
  done
  echo "postgres.sh: the server did not start; its log:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
}

stop() {
  local dir=$1 bin
  [ -d "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ] && bin=$(bindir); then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -s stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  bindir) bindir ;;
  start) [ $# -ge 2 ] || { echo "usage: $0 start DIR [PID]" >&2; exit 2; }; start "$2" "${3:-}" ;;
  stop) [ $# -eq 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop "$2" ;;
  *) echo "usage: $0 bindir | start DIR [PID] | stop DIR" >&2; exit 2 ;;
esac
