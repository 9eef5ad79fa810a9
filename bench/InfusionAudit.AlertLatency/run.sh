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
source scripts/lib/bench-host.sh

port=7182
# The background sessions never end; the session clock would re-judge all of them every minute on top of the load.
export LocalHost__Clock=off
# The alert timer stays on: it closes group windows and retries dispatch, part of what this benchmark measures.
export LocalHost__AlertClock=on
export Logging__LogLevel__Default=Warning

bench_begin infusionaudit-alert-bench
work="$BENCH_WORK"

ensure_node_modules
dotnet build src/InfusionAudit.LocalHost -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
dotnet build bench/InfusionAudit.AlertLatency -c Release -nologo -v quiet >>"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
azurite_start

bench_host_start "$port" "$work"

dotnet bench/InfusionAudit.AlertLatency/bin/Release/net10.0/InfusionAudit.AlertLatency.dll --storage "$AZURITE_CONNECTION_STRING" "$@"
