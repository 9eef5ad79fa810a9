# shellcheck shell=bash
# The Release local host for benchmarks, with throwaway keys, started in its own process group. Sourced after
# scripts/lib/proc.sh and an azurite_start (it uses AzureWebJobsStorage from there).
#
#   bench_begin NAME                 make BENCH_WORK, a temp dir for logs, and trap the script's exit (also Ctrl+C and
#                                    TERM) to stop the host and Azurite and remove BENCH_WORK
#   bench_host_start PORT WORKDIR    start, wait for GET /health; on failure print the log tail and return 1
#   bench_host_stop                  idempotent; bench_begin's trap calls it
#   bench_prepare                    install npm/NuGet deps, build Functions.sln (Release) into BENCH_WORK/build.log
#                                    (its tail on failure), start Azurite
#
# Keys: producer bench-producer, auditor bench-auditor. Both timers are off unless the caller exports otherwise.

BENCH_HOST_PID=""
BENCH_WORK=""

bench_begin() {
  BENCH_WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  trap _bench_finish EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
_bench_finish() {
  trap - EXIT INT TERM
  set +e
  bench_host_stop
  azurite_stop
  rm -rf -- "$BENCH_WORK"
}

bench_host_start() {
  local port="$1" work="$2" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  export InfusionAudit__Keys__Producer="${InfusionAudit__Keys__Producer:-bench-producer}"
  export InfusionAudit__Keys__Auditor="${InfusionAudit__Keys__Auditor:-bench-auditor}"
  export InfusionAudit__PatientHashKey="${InfusionAudit__PatientHashKey:-b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf}"
  export LocalHost__Clock="${LocalHost__Clock:-off}" LocalHost__AlertClock="${LocalHost__AlertClock:-off}"

  proc_spawn "$work/host.pid" dotnet "$root/src/InfusionAudit.LocalHost/bin/Release/net10.0/InfusionAudit.LocalHost.dll" \
    --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 || return 1
  BENCH_HOST_PID="$PROC_PID"
  local _
  for _ in $(seq 1 180); do
    if ! proc_running "$BENCH_HOST_PID"; then
      break
    fi
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$port/health" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "bench-host: the local host did not answer GET /health on port $port; last lines of its log:" >&2
  tail -n 40 "$work/host.log" >&2
  return 1
}

bench_host_stop() {
  [[ -n "$BENCH_HOST_PID" ]] && proc_stop "$BENCH_HOST_PID" 10
  BENCH_HOST_PID=""
}

bench_prepare() {
  ensure_node_modules
  ensure_dotnet_restore
  dotnet build Functions.sln -c Release --no-restore -nologo -v quiet >"$BENCH_WORK/build.log" 2>&1 || { tail -n 40 "$BENCH_WORK/build.log"; return 1; }
  azurite_start
}
