#!/usr/bin/env bash
# Prints alerts as they arrive: polls GET /api/alerts every 2 s and prints each new alert, and each
# escalation, acknowledgement or resolve of one, on one line. Ctrl+C stops it.
#
# Usage: ./scripts/watch-alerts.sh [--url URL] [--clinic ID]
#   --url URL     host root (default: http://127.0.0.1:7071)
#   --clinic ID   one clinic, with the on-call key; without it, every clinic with the admin key
# Keys: INFUSIONAUDIT_ONCALL_KEY (default dev-oncall-key), INFUSIONAUDIT_ADMIN_KEY (default dev-admin-key),
# as scripts/run-local.sh sets them.
set -euo pipefail

url="http://127.0.0.1:7071"
clinic=""
while (($#)); do
  case "$1" in
    --url) [[ $# -ge 2 ]] || { echo "watch-alerts.sh: --url needs a value" >&2; exit 2; }; url="$2"; shift 2 ;;
    --clinic) [[ $# -ge 2 ]] || { echo "watch-alerts.sh: --clinic needs a value" >&2; exit 2; }; clinic="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "watch-alerts.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -n "$clinic" ]]; then
  key="${INFUSIONAUDIT_ONCALL_KEY:-dev-oncall-key}"
  query="clinicId=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$clinic")&"
else
  key="${INFUSIONAUDIT_ADMIN_KEY:-dev-admin-key}"
  query=""
fi

exec node -e '
  const [url, key, query] = process.argv.slice(1);
  const seen = new Map();
  const line = (what, a) => {
    const late = a.arrivedLate ? " ARRIVED LATE" : "";
    console.log(`${new Date().toISOString()}  ${what.padEnd(12)} ${a.severity.toUpperCase().padEnd(8)} ${a.clinicId}  ${a.sessionId}  ${a.ruleId}: ${a.evidence}  (occurred ${a.occurredAt ?? "?"}, detected ${a.detectedAt}${late})  ${a.alertId}`);
  };
  const poll = async () => {
    try {
      const r = await fetch(`${url}/api/alerts?${query}pageSize=200`, { headers: { "x-functions-key": key }, signal: AbortSignal.timeout(5000) });
      if (!r.ok) { console.error(`GET /api/alerts: ${r.status} ${await r.text()}`); return; }
      const { items } = await r.json();
      for (const { alert: a } of items.slice().reverse()) {
        const state = `${a.state}${a.escalatedAt ? "/escalated" : ""}`;
        const before = seen.get(a.alertId);
        if (before === state) continue;
        seen.set(a.alertId, state);
        if (before === undefined && first) continue;
        line(before === undefined ? "NEW" : a.escalatedAt && !before.endsWith("escalated") ? "ESCALATED" : a.state.toUpperCase(), a);
      }
      if (first) { console.log(`watching ${url}/api/alerts${query ? "?" + query.slice(0, -1) : " (every clinic)"}: ${seen.size} alerts so far; new ones follow.`); first = false; }
    } catch (e) { console.error(`GET /api/alerts: ${e.cause?.code ?? e.message}`); }
  };
  let first = true;
  poll(); setInterval(poll, 2000);
' "$url" "$key" "$query"
