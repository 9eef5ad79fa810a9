#!/usr/bin/env bash
# Pipeline benchmark: Azurite + the local host (Release) + the load generator, for 100 and for 1 event(s) per
# message (the first on a fresh host, then again on the warm host). Appends one row per run to docs/benchmarks.md
# ("Pipeline throughput"). Stops everything it started.
#
#   ./scripts/bench-pipeline.sh [EVENTS_AT_100 [EVENTS_AT_1]] [-- LOAD_OPTIONS...]     defaults: 20000 and 2000
#   ./scripts/bench-pipeline.sh --hl7 [EVENTS] [-- LOAD_OPTIONS...]                     default: 20000
#
# --hl7: the HL7 route beside the JSON one, both over HTTP at 100 events per message and from the same generated
# events (same seed): first all JSON to POST /api/events, then the pumps' and monitors' events as HL7 v2 (PCD-01 /
# PCD-10, MLLP-framed bodies) to POST /api/hl7v2 with the tablet's as JSON (`--device-format hl7`).
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
hl7=false
while [ $# -gt 0 ]; do
  if [ "$1" = "--hl7" ]; then hl7=true; shift; continue; fi
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
if [ "$hl7" = true ]; then
  # Same seed, same events, same batches; each run its own ids (the run id), so the second never meets the first's sessions.
  for format in json hl7; do
    "${sim[@]}" load --events "$events_batched" --batch 100 --transport http --device-format "$format" --url "$base_url" \
      --key bench-producer --read-key bench-auditor --timeout 600 --markdown docs/benchmarks.md --label "$label" "${load_options[@]}"
  done
  exit 0
fi
# Twice on the same host: the first run pays the host's JIT (a fresh host compiles about 10,000 methods in its first
# minute under this load: 44 s of host CPU for the first 20,000 events, 13-17 s for the next), the second is the steady
# state of a host that has been running. Both rows are recorded.
for phase in "cold host" "warm host"; do
  "${sim[@]}" load --events "$events_batched" --batch 100 --transport queue --url "$base_url" --read-key bench-auditor \
    --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label, $phase" "${load_options[@]}"
done
# Where the batched runs' requests went (the host's counters since it started: table creation and the two runs above;
# a transaction is counted with its table, "POST $batch Sessions").
echo "storage requests by operation since the host started:"
curl -fsS -H "x-functions-key: bench-auditor" "$base_url/api/diagnostics/counters" | node -e '
  const c = JSON.parse(require("fs").readFileSync(0, "utf8")).storageRequestsByOperation;
  for (const [op, n] of Object.entries(c).sort((a, b) => b[1] - a[1])) console.log(String(n).padStart(8) + "  " + op);'
"${sim[@]}" load --events "$events_single" --batch 1 --transport queue --url "$base_url" --read-key bench-auditor \
  --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label" "${load_options[@]}"
