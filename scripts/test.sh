#!/usr/bin/env bash
# Runs every test: installs what the tests need (Azurite from the lockfile, the Bicep CLI from NuGet), starts Azurite
# if it is not running, then `dotnet test`. Extra arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${BICEP_PATH:-}" ]; then
  BICEP_PATH=$(bash .ci/install-bicep.sh | tail -n 1)
  export BICEP_PATH
fi

pid=$(bash scripts/azurite.sh)
if [ -n "$pid" ]; then
  trap 'kill "$pid" 2>/dev/null || true' EXIT
fi

# The in-process Durable test backend runs Environment.ProcessorCount orchestrations and activities at once and polls
# every 500 ms when those slots are full; the Functions host runs 10 of each (host.json). Give the tests the host's 10.
export DOTNET_PROCESSOR_COUNT="${DOTNET_PROCESSOR_COUNT:-10}"
dotnet test EvalReports.Tests/EvalReports.Tests.csproj -c Release "$@"
