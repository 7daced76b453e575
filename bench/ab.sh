#!/usr/bin/env bash
# Compares two builds of the benchmark (e.g. before and after a change) on a busy machine: the same tables, the same
# measurements, the builds alternated so that both see the same load. Usage:
#   bash bench/ab.sh BEFORE/EvalReports.Benchmarks.dll AFTER/EvalReports.Benchmarks.dll [rounds]
# Prints one JSON line per measurement, labelled. The tables (prefix benchab…) are deleted at the end.
set -euo pipefail
before=$1 after=$2 rounds=${3:-2}
export DOTNET_PROCESSOR_COUNT="${DOTNET_PROCESSOR_COUNT:-10}"
prefix="benchab$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
trap 'dotnet "$after" delete-tables "$prefix" >/dev/null 2>&1 || true' EXIT
echo "import $(dotnet "$after" ab-import --prefix "$prefix" --runs 1000 --responses 200 | tail -1)"
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    dll=$before; [ "$side" = after ] && dll=$after
    echo "$round $side scale1000 $(dotnet "$dll" ab-scale --prefix "$prefix" --runs 1000 2>/dev/null | tail -1)"
    echo "$round $side scale500 $(dotnet "$dll" ab-scale --prefix "$prefix" --runs 500 2>/dev/null | tail -1)"
    echo "$round $side accept500 $(dotnet "$dll" ab-accept --prefix "$prefix" --runs 500 2>/dev/null | tail -1)"
    echo "$round $side auth $(dotnet "$dll" ab-auth --prefix "$prefix" 2>/dev/null | tail -1)"
  done
done
