#!/usr/bin/env bash
# The province under load (docs/benchmarks.md, "Province under load"). Builds G2G.Web and the driver (Release), starts
# a private PostgreSQL cluster with default durability (bench/run-common.sh), then for each configuration starts G2G
# nodes as real `dotnet` processes on free ports against a fresh database, signs the demo province's people in, and
# drives them over HTTP: one node on SQLite, one node on PostgreSQL, two nodes on one PostgreSQL. Prints the tables
# (and the two-node ÷ one-node ratio) and stops the nodes and the cluster again, whatever happens.
#
#   bench/load/run.sh                 full run: 50 people, 15 s warm-up, 120 s measured per configuration (about 13 minutes here)
#   bench/load/run.sh --quick         20 people, 3 s warm-up, 10 s measured (about 6 minutes, mostly the nodes' first start)
#   bench/load/run.sh --mode volume   1,160,000 tasks of 100,000 people, 500 people with think time, 10 minutes, on PostgreSQL (about 20 minutes)
#   bench/load/run.sh --mode all      both, one after the other (about 21 minutes on a quiet machine; with --out DIR, DIR/province and DIR/volume): the rerun of docs/benchmarks.md
#   bench/load/run.sh --out DIR       keep results.json and summary.md in DIR
#   bench/load/run.sh -- <args>       anything after -- goes to the driver (e.g. -- --configs postgres --users 100 --record writes.jsonl)
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../run-common.sh
source bench/run-common.sh
mode=province
bench_parse_args "$@"
bench_postgres_start load

log "building G2G.Web and the driver (Release)"
dotnet build src/G2G.Web -c Release -nologo -v quiet >/dev/null
dotnet build bench/G2G.Load -c Release -nologo -v quiet >/dev/null
out_args=()
[[ -n $out ]] && out_args=(--out "$out")
started=$SECONDS
modes=("$mode")
[[ $mode == all ]] && modes=(province volume)
for m in "${modes[@]}"; do
  [[ -n $out && $mode == all ]] && out_args=(--out "$out/$m")
  dotnet run -c Release --no-build --project bench/G2G.Load -- --mode "$m" "${quick[@]}" "${out_args[@]}" "${extra[@]}"
done
log "finished in $((SECONDS - started)) s"
