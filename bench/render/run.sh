#!/usr/bin/env bash
# Render benchmark of the browser pages /inbox and /supervision (docs/benchmarks.md, "Browser pages"). Starts a private
# PostgreSQL cluster with default durability (bench/run-common.sh), then on SQLite and PostgreSQL: loads the inbox data set,
# starts the web host on Kestrel in-process, opens each page in Debian's Chromium (/usr/bin/chromium) signed in as a heavy
# user, busy users, a supervisor and the administrator, beside the same data over the REST API and in-process; then keeps
# --circuits pages open and reads the host's memory per circuit; prints the tables and stops the cluster, whatever happens.
#
#   bench/render/run.sh              100,000 tasks, 5 rounds, 50 circuits (about 10 minutes on a quiet machine)
#   bench/render/run.sh --full       the issue's volume: 1,000,000 tasks, 10 rounds, 100 circuits
#   bench/render/run.sh --out DIR    keep results.json and summary.md in DIR
#   bench/render/run.sh -- <args>    anything after -- goes to the program (e.g. -- --providers sqlite --series inbox)
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../run-common.sh
source bench/run-common.sh
full=()
args=()
while (($#)); do
  case $1 in
    --full) full=(--full) ;;
    --) args+=("$@"); break ;;
    *) args+=("$1") ;;
  esac
  shift
done
bench_parse_args "${args[@]}"
[[ -n ${quick[*]} ]] && { echo "run.sh: the render benchmark's default run is the quick one; --full is the volume" >&2; exit 2; }
bench_postgres_start render
extra=("${full[@]}" "${extra[@]}")
bench_run G2G.Render.Benchmarks
