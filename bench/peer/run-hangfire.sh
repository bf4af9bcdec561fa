#!/usr/bin/env bash
# Hangfire beside the runtime's job executor (docs/benchmarks.md, "Timers: Hangfire beside the job executor"): the
# runtime's timer reliability test — 10,000 due timers, two worker processes on one PostgreSQL, one killed with SIGKILL
# a third of the way through — once with each scheduler, on a private durable PostgreSQL cluster (bench/run-common.sh).
#
#   bench/peer/run-hangfire.sh                    both schedulers, 10,000 timers, one Hangfire worker per process
#   bench/peer/run-hangfire.sh -- --hangfire-workers 10     Hangfire's default worker count on 2 cores
#   bench/peer/run-hangfire.sh -- --timers 2000 --schedulers hangfire
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../run-common.sh
source bench/run-common.sh
bench_parse_args "$@"
bench_postgres_start hangfire
log "building (Release)"
dotnet build bench/peer/G2G.Hangfire.Peer -c Release -nologo -v quiet >/dev/null
started=$SECONDS
dotnet bench/peer/G2G.Hangfire.Peer/bin/Release/net10.0/G2G.Hangfire.Peer.dll "${extra[@]}"
log "finished in $((SECONDS - started)) s"
