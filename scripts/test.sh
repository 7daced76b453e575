#!/usr/bin/env bash
# Runs every test: starts Azurite if it is not running, then `dotnet test`. Extra arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

pid=$(bash scripts/azurite.sh)
if [ -n "$pid" ]; then
  trap 'kill "$pid" 2>/dev/null || true' EXIT
fi

dotnet test EvalReports.Tests/EvalReports.Tests.csproj -c Release "$@"
