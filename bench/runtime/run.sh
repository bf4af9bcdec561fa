#!/usr/bin/env bash
# Runtime benchmarks (docs/benchmarks.md, "Runtime"). Starts a private PostgreSQL cluster with DURABLE
# default settings (fsync on, synchronous_commit on, full_page_writes on), runs every measurement on
# SQLite and PostgreSQL, prints the summary tables and stops the cluster again, whatever happens.
#
#   bench/runtime/run.sh              full run (about 6 minutes on a 2-core machine)
#   bench/runtime/run.sh --quick      short run (about 2 minutes)
#   bench/runtime/run.sh --out DIR    keep results.json and summary.md in DIR
#   bench/runtime/run.sh -- <args>    anything after -- goes to the program (e.g. -- --workers 1,4,8)
#   bench/runtime/run.sh --mode inbox run one mode: throughput, roundtrips, inbox or all (default)
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=all
quick=()
out=""
extra=()
while (($#)); do
  case $1 in
    --quick) quick=(--quick) ;;
    --out) out=$2; shift ;;
    --mode) mode=$2; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "run.sh: $*"; }
is_root() { [[ $(id -u) -eq 0 ]]; }
as_postgres() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin=/usr/lib/postgresql/15/bin
[[ -x $pg_bin/initdb ]] || pg_bin=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -printf '%h\n' 2>/dev/null | sort -V | tail -n 1)
if [[ -z $pg_bin || ! -x $pg_bin/initdb ]]; then
  if is_root && command -v apt-get >/dev/null; then
    log "installing postgresql with apt-get"
    { apt-get install -y --no-install-recommends postgresql || { apt-get update && apt-get install -y --no-install-recommends postgresql; }; } >/dev/null
    pg_bin=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -printf '%h\n' | sort -V | tail -n 1)
  else
    echo "run.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
  fi
fi

pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/g2g-rbench-pg.XXXXXX")
pg_started=""
cleanup() {
  if [[ -n $pg_started ]]; then
    log "stopping PostgreSQL"
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 \
      || as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fs=$(stat -f -c %T "$pg_dir")
if [[ $fs == tmpfs || $fs == ramfs ]]; then
  log "WARNING: $pg_dir is on $fs, where fsync costs nothing; set TMPDIR to a folder on disk for honest numbers"
fi
if is_root; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$pg_dir" --shell /usr/sbin/nologin postgres
  chown postgres: "$pg_dir"
fi

# Default durability: no -c fsync/synchronous_commit/full_page_writes overrides (the test clusters turn them off).
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; exit 1; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c max_connections=200" start >/dev/null \
  || { tail -n 20 "$pg_dir/server.log"; exit 1; }
pg_started=1
export G2G_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $pg_dir ($fs)," \
  "$(as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atc \
    "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method')")"

log "building (Release)"
dotnet build bench/G2G.Runtime.Benchmarks -c Release -nologo -v quiet >/dev/null

out_args=()
[[ -n $out ]] && out_args=(--out "$out")
started=$SECONDS
dotnet run -c Release --no-build --project bench/G2G.Runtime.Benchmarks -- \
  "$mode" --providers sqlite,postgres "${quick[@]}" "${out_args[@]}" "${extra[@]}"
log "finished in $((SECONDS - started)) s"
