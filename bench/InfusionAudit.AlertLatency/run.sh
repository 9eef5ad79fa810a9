#!/usr/bin/env bash
# Alert latency benchmark: Azurite + the local host (Release) + the load/probe program in this folder.
#
#   bench/InfusionAudit.AlertLatency/run.sh [--rate 200] [--seconds 120] [--batch 20] [--per-session 4]
#
# Prints p50/p90/p99 of the time from enqueueing a critical event to its alert on alerts-outbound. Stops what it started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/lib/deps.sh
source scripts/lib/proc.sh
source scripts/lib/azurite.sh

port=7182
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export InfusionAudit__Keys__Producer=bench-producer InfusionAudit__Keys__Auditor=bench-auditor
export InfusionAudit__PatientHashKey=b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf
# The background sessions never end; the session clock would re-judge all of them every minute on top of the load.
export LocalHost__Clock=off
export Logging__LogLevel__Default=Warning

work="$(mktemp -d "${TMPDIR:-/tmp}/infusionaudit-alert-bench.XXXXXX")"
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
dotnet build src/InfusionAudit.LocalHost -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
dotnet build bench/InfusionAudit.AlertLatency -c Release -nologo -v quiet >>"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
azurite_start

proc_spawn "$work/host.pid" dotnet src/InfusionAudit.LocalHost/bin/Release/net10.0/InfusionAudit.LocalHost.dll --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1
host_pid="$PROC_PID"
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.5
done

dotnet bench/InfusionAudit.AlertLatency/bin/Release/net10.0/InfusionAudit.AlertLatency.dll --storage "$AZURITE_CONNECTION_STRING" "$@"
