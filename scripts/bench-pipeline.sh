#!/usr/bin/env bash
# Pipeline benchmark: Azurite + the local host (Release) + the load generator, for 100 and for 1 event(s) per
# message. Appends one row per run to docs/benchmarks.md ("Pipeline throughput"). Stops everything it started.
#
#   ./scripts/bench-pipeline.sh [EVENTS_AT_100 [EVENTS_AT_1]] [-- LOAD_OPTIONS...]     defaults: 20000 and 2000
#
# LOAD_OPTIONS go to both `infusion-sim load` runs, e.g. the dense clinic profile:
#   ./scripts/bench-pipeline.sh 20000 2000 -- --monitor-every 60 --chairs 20
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/deps.sh
source scripts/lib/proc.sh
source scripts/lib/azurite.sh
source scripts/lib/bench-host.sh

load_options=()
positional=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; load_options=("$@"); break; fi
  positional+=("$1"); shift
done
events_batched="${positional[0]:-20000}"
events_single="${positional[1]:-2000}"
port=7181
base_url="http://127.0.0.1:$port"
# The benchmark measures ingestion: bench-host.sh starts the host with both timers off, whose requests would count too.

bench_begin infusionaudit-bench
work="$BENCH_WORK"

bench_prepare

bench_host_start "$port" "$work"

sim=(dotnet src/InfusionAudit.Simulator/bin/Release/net10.0/InfusionAudit.Simulator.dll)
label="$(nproc) cores, Azurite $(node -p 'require("./node_modules/azurite/package.json").version'), local host (Release)"
"${sim[@]}" load --events "$events_batched" --batch 100 --transport queue --url "$base_url" --read-key bench-auditor \
  --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label" "${load_options[@]}"
# Where the batched run's requests went (the host's counters since it started: table creation and the run above).
echo "storage requests by operation since the host started:"
curl -fsS -H "x-functions-key: bench-auditor" "$base_url/api/diagnostics/counters" | node -e '
  const c = JSON.parse(require("fs").readFileSync(0, "utf8")).storageRequestsByOperation;
  for (const [op, n] of Object.entries(c).sort((a, b) => b[1] - a[1])) console.log(String(n).padStart(8) + "  " + op);'
"${sim[@]}" load --events "$events_single" --batch 1 --transport queue --url "$base_url" --read-key bench-auditor \
  --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label" "${load_options[@]}"
