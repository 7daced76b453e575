#!/usr/bin/env bash
# Runs the service locally: Azurite + the Functions host (`func start`) on http://localhost:7071.
set -euo pipefail
cd "$(dirname "$0")/.."

# Azure Functions Core Tools: the installed `func`, else the npm package (downloaded on first use).
if command -v func >/dev/null 2>&1; then
  func=(func)
else
  func=(npx --yes azure-functions-core-tools@4)
fi

[ -f EvalReports.Functions/local.settings.json ] || cp local.settings.sample.json EvalReports.Functions/local.settings.json

pid=$(bash scripts/azurite.sh)
if [ -n "$pid" ]; then
  trap 'kill "$pid" 2>/dev/null || true' EXIT
fi

cd EvalReports.Functions
"${func[@]}" start "$@"
