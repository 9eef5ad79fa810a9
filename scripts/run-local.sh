#!/usr/bin/env bash
# Runs the whole system locally: Azurite, the local host (same handlers as the Functions
# app, on the WebJobs SDK + ASP.NET Core) and, unless --no-sim, a simulated clinic day.
# Prints where to look, then follows the host log until Ctrl+C, which stops everything.
#
# Usage: ./scripts/run-local.sh [--no-sim] [--port N]
#   --no-sim    start Azurite and the host only
#   --port N    host port (default: $PORT or 7071)
#
# Logs: .run/host.log and .run/simulator.log (kept after exit, replaced on the next run).
# Dev keys (override by exporting them first): INFUSIONAUDIT_PRODUCER_KEY, _AUDITOR_KEY,
# _ADMIN_KEY, _ONCALL_KEY and INFUSIONAUDIT_PATIENT_HASH_KEY.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/deps.sh
source scripts/lib/deps.sh
# shellcheck source=scripts/lib/proc.sh
source scripts/lib/proc.sh
# shellcheck source=scripts/lib/azurite.sh
source scripts/lib/azurite.sh

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

port="${PORT:-7071}"
simulate=1
while (($#)); do
  case "$1" in
    --no-sim) simulate=0; shift ;;
    --port) [[ $# -ge 2 ]] || { echo "run-local.sh: --port needs a number" >&2; exit 2; }
            port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-local.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  echo "run-local.sh: invalid port '$port'" >&2
  exit 2
fi
base_url="http://127.0.0.1:${port}"


# Dev keys: the names the scripts and the simulator use ...
export INFUSIONAUDIT_PRODUCER_KEY="${INFUSIONAUDIT_PRODUCER_KEY:-dev-producer-key}"
export INFUSIONAUDIT_AUDITOR_KEY="${INFUSIONAUDIT_AUDITOR_KEY:-dev-auditor-key}"
export INFUSIONAUDIT_ADMIN_KEY="${INFUSIONAUDIT_ADMIN_KEY:-dev-admin-key}"
export INFUSIONAUDIT_ONCALL_KEY="${INFUSIONAUDIT_ONCALL_KEY:-dev-oncall-key}"
export INFUSIONAUDIT_PATIENT_HASH_KEY="${INFUSIONAUDIT_PATIENT_HASH_KEY:-0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6}"
# ... and the host's configuration keys (section InfusionAudit, see InfusionAuditOptions).
export InfusionAudit__Keys__Producer="$INFUSIONAUDIT_PRODUCER_KEY"
export InfusionAudit__Keys__Auditor="$INFUSIONAUDIT_AUDITOR_KEY"
export InfusionAudit__Keys__Admin="$INFUSIONAUDIT_ADMIN_KEY"
export InfusionAudit__Keys__OnCall="$INFUSIONAUDIT_ONCALL_KEY"
export InfusionAudit__PatientHashKey="$INFUSIONAUDIT_PATIENT_HASH_KEY"
# The demo escalates an unacknowledged alert after 30 s (production default 5 min), so that the day shows one.
export InfusionAudit__Alerts__EscalationDeadline="${InfusionAudit__Alerts__EscalationDeadline:-${RUN_LOCAL_ESCALATION_DEADLINE:-00:00:30}}"

logs="$ROOT/.run"
mkdir -p "$logs"
work="$(mktemp -d "${TMPDIR:-/tmp}/infusionaudit-run.XXXXXX")"
host_pid=""

# shellcheck disable=SC2317  # invoked by the EXIT trap
finish() {
  local rc=$?
  # A second Ctrl+C (or timeout's signal to the whole group) must not cut the clean-up short.
  trap - EXIT
  trap '' INT TERM
  set +e
  echo >&2
  echo "run-local.sh: stopping..." >&2
  [[ -n "$PROC_CHILD" ]] && proc_stop "$PROC_CHILD" 3
  [[ -n "$host_pid" ]] && proc_stop "$host_pid" 10
  azurite_stop
  rm -rf -- "$work"
  echo "run-local.sh: stopped (logs in .run/)" >&2
  exit "$rc"
}
trap finish EXIT
trap 'trap "" INT TERM; exit 130' INT
trap 'trap "" INT TERM; exit 143' TERM

# http_get URL [KEY]: prints "STATUS BODY" (node's fetch: no curl needed).
http_get() {
  node -e '
    const [url, key] = process.argv.slice(1);
    fetch(url, { headers: key ? { "x-functions-key": key } : {}, signal: AbortSignal.timeout(5000) })
      .then(async r => console.log(r.status, await r.text()))
      .catch(e => console.log(0, e.cause?.code ?? e.message));
  ' "$@"
}

# ---- dependencies and build --------------------------------------------------------------
ensure_node_modules
ensure_dotnet_restore
echo "run-local.sh: building Functions.sln (Release)..." >&2
if ! proc_run "$work/child.pid" "$logs/build.log" dotnet build Functions.sln -c Release --no-restore -nologo -tl:off -v minimal; then
  echo "run-local.sh: BUILD FAILED" >&2
  grep -E ': error [A-Za-z]*[0-9]+' "$logs/build.log" | sort -u >&2 || tail -n 40 "$logs/build.log" >&2
  exit 1
fi

# ---- Azurite -----------------------------------------------------------------------------
AZURITE_PREFER_DEFAULT_PORTS=1 azurite_start

# ---- local host --------------------------------------------------------------------------
if port_open "$port"; then
  echo "run-local.sh: port $port is already in use; pick another with --port N" >&2
  exit 1
fi
echo "run-local.sh: starting the local host on $base_url ..." >&2
# Run from the project folder, as `dotnet run` is used to: its appsettings.json is the
# content root's. The launch profile is skipped so that --urls and the environment here win.
proc_spawn "$work/host.pid" env -C "$ROOT/src/InfusionAudit.LocalHost" \
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}" \
  ASPNETCORE_URLS="$base_url" \
  dotnet run --no-build -c Release --project "$ROOT/src/InfusionAudit.LocalHost" --no-launch-profile \
  -- --urls "$base_url" >"$logs/host.log" 2>&1
host_pid="$PROC_PID"

deadline=$((SECONDS + 90))
health=""
while :; do
  if ! proc_running "$host_pid"; then
    echo "run-local.sh: the host exited during start-up; last lines of .run/host.log:" >&2
    tail -n 40 "$logs/host.log" >&2
    exit 1
  fi
  health="$(http_get "$base_url/health")"
  [[ "${health%% *}" == "200" ]] && break
  if ((SECONDS >= deadline)); then
    echo "run-local.sh: GET $base_url/health did not answer 200 within 90 s (last: ${health:0:200})" >&2
    echo "run-local.sh: last lines of .run/host.log:" >&2
    tail -n 40 "$logs/host.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "run-local.sh: host is up" >&2

# ---- simulated clinic day ----------------------------------------------------------------
session_ids=()
if ((simulate)); then
  echo "run-local.sh: simulating a clinic day (12 sessions, with faults, over the queue)..." >&2
  sim_rc=0
  seed_base=4200
  proc_run "$work/child.pid" "$logs/simulator.log" env -C "$ROOT" \
    dotnet run --no-build -c Release --project src/InfusionAudit.Simulator -- \
    simulate --clinic abq-01 --sessions 12 --seed 42 --faults --transport queue --url "$base_url" || sim_rc=$?
  # The safety net (catalogue v2), one session each so that every one of them shows: a whole 0.5 mg/kg in 10 min
  # ended "other", a pump clock at 1970, a critical desaturation just before a completed end, a patient's later
  # session arriving before the earlier one. Not PumpRunsOn: the day is sent a day late, and a pump stream that late is
  # projected in its own time (a backlog must not page while its stop is still in transit), so it would page only after
  # the simulated hour has passed in real time; DoseProjectionTests and the clock tests prove it instead.
  # And one of each critical vital sign and adverse effect, so that the day shows several kinds of critical alerts
  # (a hypertensive crisis, a severe adverse effect, the desaturation above), whatever the faulty day drew.
  for scenario in FastInfusion PumpClock1970 CriticalAtCompletion LaterSessionFirst HypertensiveCrisis SevereAdverseEffect; do
    seed=$((seed_base += 1))
    echo "run-local.sh: safety scenario $scenario (seed $seed)..." >&2
    proc_run "$work/child.pid" "$logs/simulator-$scenario.log" env -C "$ROOT" \
      dotnet run --no-build -c Release --project src/InfusionAudit.Simulator -- \
      simulate --clinic abq-01 --sessions 1 --seed "$seed" --scenarios "$scenario" --transport queue --url "$base_url" || sim_rc=$?
    cat "$logs/simulator-$scenario.log" >>"$logs/simulator.log"
  done
  # One patient's eight-week esketamine course (induction, then weekly), with its faults: printed at the end.
  echo "run-local.sh: one patient's esketamine course (8 weeks, with faults)..." >&2
  proc_run "$work/child.pid" "$logs/simulator-course.log" env -C "$ROOT" \
    dotnet run --no-build -c Release --project src/InfusionAudit.Simulator -- \
    course --clinic abq-01 --weeks 8 --seed 7 --transport queue --url "$base_url" || sim_rc=$?
  cat "$logs/simulator-course.log" >>"$logs/simulator.log"
  cat "$logs/simulator.log"
  if ((sim_rc != 0)); then
    echo "run-local.sh: the simulator exited with $sim_rc (see .run/simulator.log); the host keeps running" >&2
  fi
  # The simulator prints one line "session: <id>" per session; failing that, the first
  # column of its "session id" table.
  mapfile -t session_ids < <(sed -n 's/^[[:space:]]*session:[[:space:]]*\([^[:space:]]\{1,\}\).*$/\1/p' "$logs/simulator.log")
  if ((${#session_ids[@]} == 0)); then
    mapfile -t session_ids < <(awk -F'|' '
      /\| *session id *\|/ { table = 1; next }
      table && /^[+]/ { table = 0 }
      table && NF > 2 { id = $2; gsub(/ /, "", id); if (id ~ /^[A-Za-z0-9._:-]+$/ && id !~ /^-+$/) print id }
    ' "$logs/simulator.log")
  fi
  echo "run-local.sh: letting the host work through the queue..." >&2
  sleep "${RUN_LOCAL_SETTLE_SECONDS:-5}"
  # Nobody acknowledges the demo's alerts: wait for the first escalation (deadline above + one alert timer period).
  echo "run-local.sh: waiting for an unacknowledged alert to escalate (after $InfusionAudit__Alerts__EscalationDeadline)..." >&2
  escalation_deadline=$((SECONDS + ${RUN_LOCAL_ESCALATION_WAIT_SECONDS:-90}))
  while ((SECONDS < escalation_deadline)); do
    escalated="$(http_get "$base_url/api/alerts?clinicId=abq-01&escalated=true&pageSize=1" "$INFUSIONAUDIT_ONCALL_KEY")"
    [[ "$escalated" == 200*'"alertId"'* ]] && break
    sleep 2
  done
fi

# ---- where to look -----------------------------------------------------------------------
echo
echo "InfusionAudit is running locally."
echo "  health:    $base_url/health"
echo "  storage:   Azurite, blob $AZURITE_BLOB_PORT / queue $AZURITE_QUEUE_PORT / table $AZURITE_TABLE_PORT (in memory)"
echo "  host log:  .run/host.log"
echo "  keys:      producer $INFUSIONAUDIT_PRODUCER_KEY, auditor $INFUSIONAUDIT_AUDITOR_KEY, admin $INFUSIONAUDIT_ADMIN_KEY, on-call $INFUSIONAUDIT_ONCALL_KEY"
echo "  connection string (for Azure Storage Explorer or the simulator's --storage):"
echo "    $AZURITE_CONNECTION_STRING"
if ((simulate)); then
  echo
  if ((${#session_ids[@]})); then
    echo "Sessions of the simulated day:"
    for id in "${session_ids[@]}"; do
      echo "  curl -H \"x-functions-key: $INFUSIONAUDIT_AUDITOR_KEY\" $base_url/api/sessions/$id"
    done
  else
    echo "Sessions (ids in the simulator output above):"
    echo "  curl -H \"x-functions-key: $INFUSIONAUDIT_AUDITOR_KEY\" $base_url/api/sessions/<session id>"
  fi
fi
echo
echo "Findings of the simulated day (active; withdrawn ones are kept with retractedAt):"
for id in "${session_ids[@]}"; do
  reply="$(http_get "$base_url/api/sessions/$id" "$INFUSIONAUDIT_AUDITOR_KEY")"
  # The first session with findings is the one the console link below opens.
  [[ -z "${findings_session:-}" && "$reply" == *'"ruleId"'* ]] && findings_session="$id"
  node -e '
    const [id, reply] = process.argv.slice(1);
    const body = reply.slice(reply.indexOf(" ") + 1);
    try {
      const s = JSON.parse(body);
      const f = s.findings.filter(x => !x.retractedAt).map(x => `${x.ruleId} (${x.severity})`);
      console.log(`  ${id}  ${s.state.status}  ${f.length ? f.join(", ") : "no findings"}`);
    } catch { console.log(`  ${id}  ${reply.slice(0, 120)}`); }
  ' "$id" "$reply"
done
echo
echo "Alerts raised for the on-call clinician (GET /api/alerts?clinicId=abq-01):"
alerts="$(http_get "$base_url/api/alerts?clinicId=abq-01&pageSize=200" "$INFUSIONAUDIT_ONCALL_KEY")"
node -e '
  const reply = process.argv[1];
  try {
    const items = JSON.parse(reply.slice(reply.indexOf(" ") + 1)).items;
    if (!items.length) console.log("  none");
    for (const { alert: a } of items) {
      const marks = [a.escalatedAt ? "ESCALATED" : "", a.arrivedLate ? "arrived late" : ""].filter(Boolean).join(", ");
      console.log(`  ${a.severity.padEnd(8)} ${a.ruleId.padEnd(26)} ${a.state.padEnd(12)} occurred ${a.occurredAt ?? "?"}  detected ${a.detectedAt}${marks ? "  (" + marks + ")" : ""}`);
    }
    const critical = new Set(items.filter(i => i.alert.severity === "critical").map(i => i.alert.ruleId));
    const escalated = items.filter(i => i.alert.escalatedAt).length;
    console.log(`  ${items.length} alerts: ${critical.size} different critical rules (${[...critical].sort().join(", ")}), ${escalated} escalated`);
  } catch { console.log(`  (${reply.slice(0, 160)})`); }
' "$alerts"
echo "  (the day is sent a day late, so every alert is marked arrived late: its event occurred long before its receipt)"
echo "  only critical, escalated: curl -H \"x-functions-key: $INFUSIONAUDIT_ONCALL_KEY\" \"$base_url/api/alerts?clinicId=abq-01&severity=critical&escalated=true\""
echo "  acknowledge: curl -X POST -H \"x-functions-key: $INFUSIONAUDIT_ONCALL_KEY\" $base_url/api/alerts/<alertId>/acknowledge"
echo "  notifications as sent: the storage queue alerts-outbound"
echo
if ((simulate)); then
  echo "One patient's esketamine course (GET /api/patients/{patientHash}/course; the hash is the patientRefHash of a session):"
  course_session="$(sed -n 's/^[[:space:]]*day[[:space:]]*0[[:space:]]\{1,\}\([^[:space:]]\{1,\}\).*$/\1/p' "$logs/simulator-course.log" | head -n 1)"
  first="$(http_get "$base_url/api/sessions/$course_session?clinicId=abq-01&eventsLimit=1&findingsLimit=1" "$INFUSIONAUDIT_AUDITOR_KEY")"
  hash="$(node -e 'try { const r = process.argv[1]; console.log(JSON.parse(r.slice(r.indexOf(" ") + 1)).state.patientRefHash ?? ""); } catch { console.log(""); }' "$first")"
  if [[ -n "$hash" ]]; then
    course_url="$base_url/api/patients/$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$hash")/course"
    course="$(http_get "$course_url" "$INFUSIONAUDIT_AUDITOR_KEY")"
    node -e '
      const reply = process.argv[1];
      try {
        const c = JSON.parse(reply.slice(reply.indexOf(" ") + 1));
        for (const s of c.sessions) {
          const f = s.findings.filter(x => x.severity !== "info").map(x => x.ruleId);
          console.log(`  day ${String(s.dayOfCourse).padStart(2)}  ${s.sessionId.padEnd(18)} ${String(s.prescribedMg ?? "?").padStart(3)} mg  ${(s.phase ?? "").padEnd(11)} ${f.length ? f.join(", ") : "-"}`);
        }
        for (const k of c.courses) console.log(`  ${k.protocolId}: ${k.sessions} sessions from ${k.firstSessionAt}, now ${k.phase ?? "-"}, ${k.courseFindings} course findings`);
      } catch { console.log(`  (${reply.slice(0, 160)})`); }
    ' "$course"
    echo "  again: curl -H \"x-functions-key: $INFUSIONAUDIT_AUDITOR_KEY\" \"$course_url\""
  else
    echo "  (the course's first session $course_session was not found: see .run/simulator-course.log)"
  fi
  echo
fi
echo "Watch alerts as they arrive (new, escalated, acknowledged, resolved; every 2 s), in another terminal:"
echo "  ./scripts/watch-alerts.sh --url $base_url --clinic abq-01     # on-call key, one clinic"
echo "  ./scripts/watch-alerts.sh --url $base_url                     # admin key, every clinic"
echo "  then send more, e.g.: dotnet run --project src/InfusionAudit.Simulator -- simulate --clinic abq-01 --sessions 3 --scenarios HypertensiveCrisis,SevereAdverseEffect,CriticalAtCompletion --run-id \"more\$RANDOM\" --url $base_url"
echo
echo "Counters (GET /api/diagnostics/counters):"
counters="$(http_get "$base_url/api/diagnostics/counters" "$INFUSIONAUDIT_ADMIN_KEY")"
if [[ "${counters%% *}" == "200" ]]; then
  node -e 'try { console.log(JSON.stringify(JSON.parse(process.argv[1]), null, 2)); } catch { console.log(process.argv[1]); }' \
    "${counters#* }" | sed 's/^/  /'
else
  echo "  (HTTP ${counters%% *}: ${counters#* })"
fi
echo "  again: curl -H \"x-functions-key: $INFUSIONAUDIT_ADMIN_KEY\" $base_url/api/diagnostics/counters"
echo
echo "Web console (sign in with a key above and clinic abq-01; the key is kept for the browser tab only):"
echo "  on call:     $base_url/#/alerts      (key $INFUSIONAUDIT_ONCALL_KEY)"
echo "  auditor:     $base_url/#/audit       (key $INFUSIONAUDIT_AUDITOR_KEY)"
if [[ -n "${findings_session:-}" ]]; then
  echo "  a session with findings: $base_url/#/sessions/abq-01/$findings_session"
fi
echo
echo "Following .run/host.log. Press Ctrl+C to stop the host and Azurite."
echo

# ---- until Ctrl+C ------------------------------------------------------------------------
proc_spawn "$work/tail.pid" tail -n 0 -F "$logs/host.log"
PROC_CHILD="$PROC_PID"
while proc_running "$host_pid"; do
  sleep 1 &
  wait $! || true
done
echo "run-local.sh: the host exited on its own; last lines of .run/host.log:" >&2
tail -n 20 "$logs/host.log" >&2
exit 1
