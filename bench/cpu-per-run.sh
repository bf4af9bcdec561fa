#!/usr/bin/env bash
# CPU time of one run of a fixed-work scenario of G2G.Benchmarks (--repeat), measured with perf stat:
# (task-clock of N runs − task-clock of 0 runs) / N, each the best of 3 processes. CPU time drifts far
# less than elapsed time on a shared machine; use it to compare two builds of the engine.
#
#   bench/cpu-per-run.sh [DLL] SCENARIO N
#   e.g. bench/cpu-per-run.sh countersign-start1000 50
#        bench/cpu-per-run.sh /tmp/other/bench/G2G.Benchmarks/bin/Release/net10.0/G2G.Benchmarks.dll countersign-start1000 50
# Scenarios: parse200 approval approval-json countersign100 countersign1000 countersign-start1000 advance10k
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -eq 3 ]]; then DLL="$1"; shift; else DLL="$HERE/G2G.Benchmarks/bin/Release/net10.0/G2G.Benchmarks.dll"; fi
SCENARIO="$1"; N="$2"
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
[[ -f $DLL ]] || { echo "$DLL not built: dotnet build bench/G2G.Benchmarks -c Release" >&2; exit 2; }

best_ms() {
  local best="" value
  for _ in 1 2 3; do
    value="$(perf stat -x, -e task-clock dotnet "$DLL" --repeat "$SCENARIO" "$1" 2>&1 >/dev/null | awk -F, '/task-clock/ { print $1 }')"
    best="$(awk -v a="${best:-$value}" -v b="$value" 'BEGIN { print (b < a) ? b : a }')"
  done
  echo "$best"
}

empty="$(best_ms 0)"
full="$(best_ms "$N")"
awk -v a="$empty" -v b="$full" -v n="$N" -v s="$SCENARIO" 'BEGIN { printf "%s: %.1f µs CPU per run (%d runs)\n", s, (b - a) * 1000 / n, n }'
