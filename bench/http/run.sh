#!/usr/bin/env bash
# HTTP benchmark of the inbox and supervision endpoints (docs/benchmarks.md, "HTTP"). Starts a private
# PostgreSQL cluster with default durability (bench/run-common.sh), then on SQLite and PostgreSQL: loads the data
# set, starts the web host on Kestrel in-process, signs the users in, drives 50 concurrent clients per series
# over HTTP and the same queries in-process, prints the tables, and stops the cluster again, whatever happens.
#
#   bench/http/run.sh              full run: 1,000,000 tasks, 3 rounds of 5 s per side and series (about 25 minutes here)
#   bench/http/run.sh --quick      100,000 tasks, one round of 2 s (about 5 minutes)
#   bench/http/run.sh --out DIR    keep results.json and summary.md in DIR
#   bench/http/run.sh -- <args>    anything after -- goes to the program (e.g. -- --series todo --clients 20)
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../run-common.sh
source bench/run-common.sh
bench_parse_args "$@"
bench_postgres_start hbench
bench_run G2G.Http.Benchmarks
