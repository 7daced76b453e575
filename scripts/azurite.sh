#!/usr/bin/env bash
# Starts Azurite (pinned in package.json) on 127.0.0.1:10000-10002 unless something already listens there.
# Prints the PID it started (empty if it reused a running one). Data lives in memory: nothing to clean up.
set -euo pipefail
cd "$(dirname "$0")/.."

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_open 10002 && port_open 10001 && port_open 10000; then
  exit 0
fi

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error >&2

log="${TMPDIR:-/tmp}/evalreports-azurite.log"
nohup node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --inMemoryPersistence \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if port_open 10000 && port_open 10001 && port_open 10002; then
    echo "$pid"
    exit 0
  fi
  sleep 0.5
done
echo "Azurite did not start; see $log" >&2
kill "$pid" 2>/dev/null || true
exit 1
