#!/usr/bin/env bash
# Pipeline benchmark: Azurite + the local host (Release) + the load generator, for 100 and for 1 event(s) per
# message. Appends one row per run to docs/benchmarks.md ("Pipeline throughput"). Stops everything it started.
#
#   ./scripts/bench-pipeline.sh [EVENTS_AT_100 [EVENTS_AT_1]]     defaults: 20000 and 2000
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/deps.sh
source scripts/lib/proc.sh
source scripts/lib/azurite.sh
source scripts/lib/bench-host.sh

events_batched="${1:-20000}"
events_single="${2:-2000}"
port=7181
base_url="http://127.0.0.1:$port"
# The benchmark measures ingestion: bench-host.sh starts the host with both timers off, whose requests would count too.

work="$(mktemp -d "${TMPDIR:-/tmp}/infusionaudit-bench.XXXXXX")"
finish() {
  trap - EXIT INT TERM
  set +e
  bench_host_stop
  azurite_stop
  rm -rf -- "$work"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_node_modules
ensure_dotnet_restore
dotnet build Functions.sln -c Release --no-restore -nologo -v quiet >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
azurite_start

bench_host_start "$port" "$work"

sim=(dotnet src/InfusionAudit.Simulator/bin/Release/net10.0/InfusionAudit.Simulator.dll)
label="$(nproc) cores, Azurite $(node -p 'require("./node_modules/azurite/package.json").version'), local host (Release)"
"${sim[@]}" load --events "$events_batched" --batch 100 --transport queue --url "$base_url" --key bench-auditor \
  --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label"
"${sim[@]}" load --events "$events_single" --batch 1 --transport queue --url "$base_url" --key bench-auditor \
  --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label"
