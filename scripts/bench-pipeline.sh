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

events_batched="${1:-20000}"
events_single="${2:-2000}"
port=7181
base_url="http://127.0.0.1:$port"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export InfusionAudit__Keys__Producer=bench-producer InfusionAudit__Keys__Auditor=bench-auditor
export InfusionAudit__PatientHashKey=b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf
# The benchmark measures ingestion; the two timers (clock check, alert timer) would add their own requests to the count.
export LocalHost__Clock=off LocalHost__AlertClock=off

work="$(mktemp -d "${TMPDIR:-/tmp}/infusionaudit-bench.XXXXXX")"
host_pid=""
finish() {
  trap - EXIT INT TERM
  set +e
  [[ -n "$host_pid" ]] && proc_stop "$host_pid" 10
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

proc_spawn "$work/host.pid" dotnet src/InfusionAudit.LocalHost/bin/Release/net10.0/InfusionAudit.LocalHost.dll --urls "$base_url" >"$work/host.log" 2>&1
host_pid="$PROC_PID"
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.5
done

sim=(dotnet src/InfusionAudit.Simulator/bin/Release/net10.0/InfusionAudit.Simulator.dll)
label="$(nproc) cores, Azurite $(node -p 'require("./node_modules/azurite/package.json").version'), local host (Release)"
"${sim[@]}" load --events "$events_batched" --batch 100 --transport queue --url "$base_url" --key bench-auditor \
  --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label"
"${sim[@]}" load --events "$events_single" --batch 1 --transport queue --url "$base_url" --key bench-auditor \
  --storage "$AZURITE_CONNECTION_STRING" --timeout 600 --markdown docs/benchmarks.md --label "$label"
