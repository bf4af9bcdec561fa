#!/usr/bin/env bash
# Side-by-side single-threaded throughput: bpmn-engine@25 (npm, Node.js) vs G2G.Engine on the same
# BPMN file (bench/models/approval-5.bpmn: start, five user tasks, end).
#
#   bench/peer/run-side-by-side.sh [SECONDS] [WARMUP_SECONDS] [ROUNDS]     (defaults: 10 2 2)
#
# Each engine parses the file once, then runs as many instances as it can for SECONDS on one thread
# (start -> each user task completed/signalled as it is created -> end), after WARMUP_SECONDS that
# are not counted. The engines alternate (bpmn-engine, G2G, bpmn-engine, G2G, ...) so drift on a
# shared machine hits both. bpmn-engine is installed into a temporary folder that is removed
# afterwards; nothing from npm lands in the repository.
set -euo pipefail

SECONDS_PER_RUN="${1:-10}"
WARMUP="${2:-2}"
ROUNDS="${3:-2}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MODEL="$REPO/bench/models/approval-5.bpmn"
TASKS=5

TMP="$(mktemp -d "${TMPDIR:-/tmp}/g2g-peer.XXXXXX")"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== node $(node --version), dotnet $(dotnet --version)"

echo "== installing bpmn-engine@25 into $TMP"
npm install --prefix "$TMP" --no-audit --no-fund --loglevel=error bpmn-engine@25 >/dev/null
PEER_VERSION="$(node -p "require('$TMP/node_modules/bpmn-engine/package.json').version")"
echo "   bpmn-engine $PEER_VERSION"
# The script must sit next to node_modules so its imports resolve.
cp "$HERE/bpmn-engine-throughput.mjs" "$TMP/"

PEER_MODEL="$MODEL"
if ! (cd "$TMP" && node bpmn-engine-throughput.mjs --model "$MODEL" --seconds 0.2 --warmup 0 --tasks "$TASKS" >/dev/null 2>"$TMP/check.err"); then
  # bpmn-engine ignores unknown attributes; should it ever reject the file, run it on a copy
  # without the g2g: attributes and namespace, and say so.
  echo "   bpmn-engine rejected approval-5.bpmn ($(head -c 300 "$TMP/check.err")); using a copy without g2g: attributes"
  PEER_MODEL="$TMP/approval-5.stripped.bpmn"
  sed -E -e 's/ g2g:[A-Za-z]+="[^"]*"//g' -e 's/ xmlns:g2g="[^"]*"//' "$MODEL" >"$PEER_MODEL"
else
  echo "   bpmn-engine runs approval-5.bpmn as it is (the g2g: attributes are ignored)"
fi

echo "== building G2G.Benchmarks (Release)"
dotnet build "$REPO/bench/G2G.Benchmarks/G2G.Benchmarks.csproj" -c Release --nologo -v quiet >/dev/null
G2G_DLL="$REPO/bench/G2G.Benchmarks/bin/Release/net10.0/G2G.Benchmarks.dll"

field() { sed -n "s/^RESULT .*$1=\([0-9.]*\).*/\1/p"; }

declare -a ROWS=()
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: bpmn-engine, ${SECONDS_PER_RUN} s (+${WARMUP} s warm-up)"
  peer_out="$(cd "$TMP" && node bpmn-engine-throughput.mjs --model "$PEER_MODEL" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" --tasks "$TASKS")"
  echo "$peer_out" | grep -v '^RESULT' | sed 's/^/   /'
  echo "== round $round: G2G.Engine, ${SECONDS_PER_RUN} s (+${WARMUP} s warm-up)"
  g2g_out="$(dotnet "$G2G_DLL" --throughput --model "$MODEL" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP")"
  echo "$g2g_out" | grep -v '^RESULT' | sed 's/^/   /'
  peer_rate="$(echo "$peer_out" | field instances_per_sec)"
  peer_cpu="$(echo "$peer_out" | field instances_per_cpu_sec)"
  g2g_rate="$(echo "$g2g_out" | field instances_per_sec)"
  g2g_cpu="$(echo "$g2g_out" | field instances_per_cpu_sec)"
  ROWS+=("$(awk -v r="$round" -v p="$peer_rate" -v g="$g2g_rate" -v pc="$peer_cpu" -v gc="$g2g_cpu" \
    'BEGIN { printf "| %s | %.0f | %.0f | %.0f× | %.0f | %.0f | %.0f× |", r, p, g, g / p, pc, gc, gc / pc }')")
done

echo
echo "== approval-5, single thread, ${SECONDS_PER_RUN} s per run, bpmn-engine $PEER_VERSION vs G2G.Engine"
echo "| round | bpmn-engine instances/s | G2G instances/s | ratio | bpmn-engine instances/CPU-s | G2G instances/CPU-s | ratio (CPU) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
echo "(wall-clock rates drift with the machine's load; per-CPU-second rates divide by each process's own CPU time)"
