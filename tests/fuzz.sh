#!/usr/bin/env bash
# The long fuzz run (docs/reliability.md). The test command runs every fuzz property briefly (a few thousand cases in all);
# this runs each with G2G_FUZZ_CASES cases, 100,000 by default, and prints each property's cases, time, slowest case and
# largest allocation. A failure prints the shrunk input and its seed: rerun with G2G_FUZZ_SEED=<seed> to replay it.
#
#   tests/fuzz.sh                   100,000 cases per property (about half an hour on a loaded 2-core machine)
#   G2G_FUZZ_CASES=20000 tests/fuzz.sh
#   tests/fuzz.sh Bpmn              only the properties whose test name contains "Bpmn"
set -uo pipefail
cd "$(dirname "$0")/.."
export G2G_FUZZ_CASES="${G2G_FUZZ_CASES:-100000}"
filter="FullyQualifiedName~Fuzz${1:+&FullyQualifiedName~$1}"
status=0
for project in tests/G2G.Engine.Tests tests/G2G.Runtime.Tests; do
    dotnet build "$project" -c Release -v quiet --nologo >/dev/null || { echo "build of $project failed"; exit 1; }
    dotnet test "$project" -c Release --no-build --filter "$filter" --logger "console;verbosity=detailed" \
        | grep -E "cases in|^  (Passed|Failed) |Error Message|Set seed|^---- |Passed!|Failed!|No test matches"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
exit "$status"
