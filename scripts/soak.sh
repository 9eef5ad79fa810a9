#!/usr/bin/env bash
# Soak (not part of CI): Azurite + the local host (Release, both clock timers on, as in production) + a steady event
# rate over the queue for minutes. Writes the figures to docs/reliability.md (section "Soak") and the chart to
# docs/soak.svg, the samples to docs/soak.csv. Exits 4 when the host misses a target (see `infusion-sim soak --help`).
# Stops everything it started, also on Ctrl+C.
#
#   ./scripts/soak.sh [--minutes 10] [--rate 1000] [-- SOAK_OPTIONS...]
#
# Run it on a quiet machine: anything else using the cores is measured too.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib/deps.sh
source scripts/lib/proc.sh
source scripts/lib/azurite.sh
source scripts/lib/bench-host.sh

minutes=10
rate=1000
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "soak.sh: unknown option $1 (see the header of this script)" >&2; exit 2 ;;
  esac
done
port=7183
base_url="http://127.0.0.1:$port"

bench_begin infusionaudit-soak
work="$BENCH_WORK"

# Azurite's blob, queue and table services as three Node processes (see scripts/lib/azurite.sh): in one process the
# table store's growing work crowds out the queue on one core, which measures the emulator, not the host.
export AZURITE_SPLIT_SERVICES=1
bench_prepare

# The timers are on: the session clock walks every open session each minute, which is part of the steady load.
export LocalHost__Clock=on LocalHost__AlertClock=on
bench_host_start "$port" "$work"

storage_pids=()
while read -r pid; do storage_pids+=(--storage-pid "$pid"); done < <(azurite_pids)
label="$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, Azurite $(node -p 'require("./node_modules/azurite/package.json").version') (blob, queue, table as 3 processes), local host (Release), timers on"
rc=0
dotnet src/InfusionAudit.Simulator/bin/Release/net10.0/InfusionAudit.Simulator.dll soak \
  --rate "$rate" --minutes "$minutes" --url "$base_url" --read-key bench-auditor --storage "$AZURITE_CONNECTION_STRING" \
  --host-pid "$BENCH_HOST_PID" "${storage_pids[@]}" \
  --svg docs/soak.svg --csv docs/soak.csv --markdown docs/reliability.md --label "$label" "${extra[@]}" || rc=$?
# Where the requests went (the host's counters since it started), before the host stops.
echo "storage requests by operation, and the session cache, since the host started:"
curl -fsS -H "x-functions-key: bench-auditor" "$base_url/api/diagnostics/counters" | node -e '
  const all = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const [op, n] of Object.entries(all.storageRequestsByOperation).sort((a, b) => b[1] - a[1])) console.log(String(n).padStart(8) + "  " + op);
  const s = all.sessionCache, mib = b => (b / 1048576).toFixed(1);
  // Reads near messages x sessions per message: the open sessions outgrew the cache (docs/operations.md).
  if (s) console.log(`session cache: ${s.hits} writes served from memory, ${s.reads} read from storage first; ${s.sessions} sessions, ${mib(s.bytes)} of ${mib(s.limitBytes)} MiB; ${s.declined} not let in (cache full of sessions in use)`);' || true
if ((rc != 0)); then
  echo "soak.sh: the soak exited with $rc; host log tail:" >&2
  tail -n 20 "$work/host.log" >&2
fi
exit "$rc"
