# Sourced by the benchmark runners (bench/runtime/run.sh, bench/http/run.sh), which set -euo pipefail:
#
#   bench_parse_args "$@"           --quick, --out DIR, -h and "-- <program args>" into quick, out, extra; --mode M
#                                   into mode where the runner defined mode before
#   bench_postgres_start PREFIX     a private PostgreSQL cluster with DURABLE default settings (fsync on,
#                                   synchronous_commit on, full_page_writes on) on a free loopback port, in a temp
#                                   folder g2g-PREFIX-pg.XXXXXX; exports G2G_BENCH_POSTGRES (its admin connection
#                                   string) and stops it again on exit, whatever happens
#   bench_run PROJECT ARGS...       builds bench/PROJECT in Release and runs it on both databases with ARGS,
#                                   the parsed options and the extra arguments

log() { echo "run.sh: $*"; }

bench_parse_args() {
  quick=()
  out=""
  extra=()
  while (($#)); do
    case $1 in
      --quick) quick=(--quick) ;;
      --out) out=$2; shift ;;
      --mode) [[ -v mode ]] || { echo "run.sh: unknown option $1" >&2; exit 2; }; mode=$2; shift ;;
      --) shift; extra=("$@"); break ;;
      -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
      *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
  done
}

bench_run() {
  local project=$1
  shift
  log "building (Release)"
  dotnet build "bench/$project" -c Release -nologo -v quiet >/dev/null
  local out_args=() started=$SECONDS
  [[ -n $out ]] && out_args=(--out "$out")
  dotnet run -c Release --no-build --project "bench/$project" -- "$@" --providers sqlite,postgres "${quick[@]}" "${out_args[@]}" "${extra[@]}"
  log "finished in $((SECONDS - started)) s"
}

is_root() { [[ $(id -u) -eq 0 ]]; }
as_postgres() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

bench_postgres_start() {
  pg_bin=/usr/lib/postgresql/15/bin
  [[ -x $pg_bin/initdb ]] || pg_bin=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -printf '%h\n' 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $pg_bin || ! -x $pg_bin/initdb ]]; then
    if is_root && command -v apt-get >/dev/null; then
      log "installing postgresql with apt-get"
      { apt-get install -y --no-install-recommends postgresql || { apt-get update && apt-get install -y --no-install-recommends postgresql; }; } >/dev/null
      pg_bin=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -printf '%h\n' | sort -V | tail -n 1)
    else
      echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
      exit 1
    fi
  fi

  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/g2g-$1-pg.XXXXXX")
  pg_started=""
  trap bench_postgres_stop EXIT
  trap 'exit 130' INT TERM

  local fs
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
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c max_connections=200" start >/dev/null \
    || { tail -n 20 "$pg_dir/server.log"; exit 1; }
  pg_started=1
  export G2G_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $pg_dir ($fs)," \
    "$(as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atc \
      "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method')")"
}

bench_postgres_stop() {
  if [[ -n ${pg_started:-} ]]; then
    log "stopping PostgreSQL"
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 \
      || as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [[ -n ${pg_dir:-} ]] && rm -rf "$pg_dir"
}
