#!/usr/bin/env bash
# Runtime benchmarks (docs/benchmarks.md, "Runtime"). Starts a private PostgreSQL cluster with DURABLE
# default settings (fsync on, synchronous_commit on, full_page_writes on; bench/run-common.sh), runs every
# measurement on SQLite and PostgreSQL, prints the summary tables and stops the cluster again, whatever happens.
#
#   bench/runtime/run.sh              full run (about 6 minutes on a 2-core machine)
#   bench/runtime/run.sh --quick      short run (about 2 minutes)
#   bench/runtime/run.sh --out DIR    keep results.json and summary.md in DIR
#   bench/runtime/run.sh -- <args>    anything after -- goes to the program (e.g. -- --workers 1,4,8)
#   bench/runtime/run.sh --mode inbox run one mode: throughput, roundtrips, inbox or all (default)
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../run-common.sh
source bench/run-common.sh
mode=all
bench_parse_args "$@"
bench_postgres_start rbench
bench_run G2G.Runtime.Benchmarks "$mode"
