#!/usr/bin/env bash
# Runs the benchmark (bench/EvalReports.Benchmarks) in-process against Azurite, which it starts if it is not running.
# Arguments go to the benchmark: --smoke (tiny sizes, for CI), --reps N, --p3-samples N, --only import,p1,p2,p3,p4.
set -euo pipefail
cd "$(dirname "$0")/.."

pid=$(bash scripts/azurite.sh)
if [ -n "$pid" ]; then
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  export EVALREPORTS_BENCH_AZURITE_PID="$pid"   # P1 then counts Azurite's CPU time too
fi

# The in-process Durable backend runs at most Environment.ProcessorCount activities at once; the app is deployed with
# host.json's maxConcurrentActivityFunctions = 10. Sizing the harness the same keeps a 2-core machine from capping the
# fan-out at 2. It changes no thread's CPU: the machine's real cores are still all the work gets.
export DOTNET_PROCESSOR_COUNT="${DOTNET_PROCESSOR_COUNT:-10}"

dotnet build bench/EvalReports.Benchmarks/EvalReports.Benchmarks.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet bench/EvalReports.Benchmarks/bin/Release/net10.0/EvalReports.Benchmarks.dll "$@"
