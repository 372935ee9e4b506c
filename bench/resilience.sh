#!/usr/bin/env bash
# The long variant of the event-delivery resilience tests (issue "Event delivery that never stalls"):
# survey down while 300 tickets are taken, workflow down for 60 s while 200 are, and kill -9 of every app in
# turn while 500 flow. CI runs the same tests with smaller numbers. Prints the figures the tests report.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Ticketing.sln -nologo -v q
TICKETING_RESILIENCE=long dotnet test tests/Ticketing.SystemTests --no-build \
  --filter "FullyQualifiedName~ResilienceTests" --logger "console;verbosity=normal" | grep -E "Passed |Failed |kill -9|Error|Total"
