#!/usr/bin/env bash
# The project's test command. Installs what the tests need when it can (root + apt), starts a throwaway
# PostgreSQL cluster, builds once, runs every test project on SQLite and PostgreSQL, and prints the total
# over all projects as its last line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

readonly CONFIGURATION=Release
readonly CHROMIUM=/usr/bin/chromium
started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/g2g-test.XXXXXX")
results="$work/results"
pg_dir=""
pg_bin=""

log() { echo "test.sh: $*"; }
is_root() { [[ $(id -u) -eq 0 ]]; }
as_postgres() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
find_pg_bin() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -printf '%h\n' 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir ]] && echo "$dir"
}

cleanup() {
  if [[ -n $pg_dir && -f $pg_dir/data/postmaster.pid ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [[ -n $pg_dir ]] && rm -rf "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing_packages() {
  local missing=()
  find_pg_bin >/dev/null || missing+=(postgresql)
  [[ -x $CHROMIUM ]] || missing+=(chromium)
  command -v npm >/dev/null || missing+=(nodejs npm) # the web project's build runs npm ci
  # The fonts of printed documents (Documents:Fonts, docs/documents.md): TrueType CJK faces PDFsharp can embed.
  [[ -f /usr/share/fonts/truetype/arphic/uming.ttc ]] || missing+=(fonts-arphic-uming)
  [[ -f /usr/share/fonts/truetype/arphic/ukai.ttc ]] || missing+=(fonts-arphic-ukai)
  [[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || missing+=(fonts-wqy-microhei)
  ((${#missing[@]})) || return 0
  if ! is_root || ! command -v apt-get >/dev/null; then
    log "missing ${missing[*]} and cannot install without root and apt; the tests that need them are skipped."
    return 0
  fi
  log "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${missing[@]}" >"$work/apt.log" 2>&1; then
    { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } >>"$work/apt.log" 2>&1 \
      || { tail -n 20 "$work/apt.log"; log "could not install ${missing[*]}; the tests that need them are skipped."; }
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null && return
  local port
  for port in $(shuf -i 20000-40000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

# A private cluster in a temp dir, on 127.0.0.1 only, trusting local connections, without fsync.
start_postgres() {
  pg_bin=$(find_pg_bin) || { log "PostgreSQL server binaries not found; PostgreSQL tests are skipped."; return 0; }
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/g2g-pg.XXXXXX")
  if is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$pg_dir" --shell /usr/sbin/nologin postgres
    chown postgres: "$pg_dir"
  fi
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
    >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; log "initdb failed; PostgreSQL tests are skipped."; return 0; }
  local attempt port
  for attempt in 1 2 3; do
    port=$(free_port) || break
    if as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      local waited
      for waited in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p "$port" && break
        sleep 1
      done
      export G2G_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (attempt $attempt)"
      return 0
    fi
  done
  tail -n 20 "$pg_dir/server.log" 2>/dev/null || true
  log "PostgreSQL did not start; PostgreSQL tests are skipped."
}

# Adds the TRX counters of one project to the totals.
count() {
  local counters
  counters=$(grep -o '<Counters [^>]*>' "$1" | head -n 1)
  attr() { local v; v=$(grep -o " $1=\"[0-9]*\"" <<<"$counters" | grep -o '[0-9]*'); echo "${v:-0}"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  # VSTest's TRX leaves notExecuted at 0 for skipped xunit tests; they are the ones counted but not executed.
  skipped=$((skipped + $(attr total) - $(attr executed)))
}

passed=0 failed=0 skipped=0 broken=0
summary() {
  log "finished in $((SECONDS - started)) s"
  echo "$passed passed, $failed failed, $skipped skipped"
}

install_missing_packages
if [[ -n ${G2G_TEST_POSTGRES:-} ]]; then
  log "using the PostgreSQL server given by G2G_TEST_POSTGRES"
else
  start_postgres
fi

log "building ($CONFIGURATION)"
if ! dotnet build G2G.sln -c "$CONFIGURATION" -nologo -v quiet; then
  log "build failed"
  summary
  exit 1
fi

mkdir -p "$results"
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  log "testing $name"
  rc=0 failed_before=$failed
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || rc=$?
  [[ -f $results/$name.trx ]] && count "$results/$name.trx"
  # A non-zero exit that no failed test explains means the project did not run properly (crash, bad build).
  if ((rc != 0 && failed == failed_before)); then
    log "$name did not run properly (exit code $rc)"
    broken=$((broken + 1))
  fi
done

summary
((failed == 0 && broken == 0))
