# shellcheck shell=bash
# Start and stop a private Azurite (blob, queue, table) on loopback, on free ports.
#
#   source scripts/lib/azurite.sh
#   azurite_start            # exports AZURITE_CONNECTION_STRING and AzureWebJobsStorage
#   ...
#   azurite_stop             # idempotent; also safe to call from a trap
#
# azurite_start installs no trap of its own: callers (scripts/test.sh, scripts/run-local.sh)
# call azurite_stop from their EXIT trap. When sourced by hand, azurite_start sets an EXIT
# trap only if none exists, so closing the shell still stops Azurite.
#
# Options (environment):
#   AZURITE_PREFER_DEFAULT_PORTS=1  use 10000-10002 when all three are free (run-local.sh)
#   AZURITE_START_TIMEOUT=60        seconds to wait for the table and queue ports
#   AZURITE_SPLIT_SERVICES=1        run blob, queue and table as three Node processes (azurite-blob, azurite-queue,
#                                   azurite-table) in one process group, as Azure runs them as separate services: one
#                                   Azurite serves all three on one core (Node is single-threaded), and under a steady
#                                   load the table store's work crowds out the queue's (scripts/soak.sh)

AZURITE_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/proc.sh
source "$AZURITE_REPO_ROOT/scripts/lib/proc.sh"
AZURITE_DEV_ACCOUNT="devstoreaccount1"
AZURITE_DEV_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

_azurite_pid=""
_azurite_dir=""

# Prints "blob queue table": 10000 10001 10002 if asked for and free, else three free
# ports chosen by the kernel (all three listeners are open at once, so they differ).
_azurite_pick_ports() {
  if [[ "${AZURITE_PREFER_DEFAULT_PORTS:-0}" == "1" ]] \
    && ! port_open 10000 && ! port_open 10001 && ! port_open 10002; then
    echo "10000 10001 10002"
    return 0
  fi
  node -e '
    const net = require("net");
    const servers = [0, 1, 2].map(() => net.createServer());
    Promise.all(servers.map(s => new Promise((ok, fail) => {
      s.once("error", fail);
      s.listen(0, "127.0.0.1", () => ok(s.address().port));
    }))).then(ports => {
      process.stdout.write(ports.join(" ") + "\n");
      servers.forEach(s => s.close());
    }, err => { console.error(err.message); process.exit(1); });
  '
}

_azurite_alive() {
  proc_running "$_azurite_pid"
}

# Prints the ids of Azurite's processes (one, or three with AZURITE_SPLIT_SERVICES=1), one per line.
azurite_pids() {
  [[ -n "$_azurite_pid" ]] || return 1
  pgrep -g "$_azurite_pid" -x node || echo "$_azurite_pid"
}

azurite_start() {
  if _azurite_alive; then
    echo "azurite: already running (pid $_azurite_pid)" >&2
    return 0
  fi
  local bin="$AZURITE_REPO_ROOT/node_modules/.bin/azurite"
  if [[ ! -x "$bin" ]]; then
    echo "azurite: $bin not found; run 'npm ci' in $AZURITE_REPO_ROOT (or source scripts/lib/deps.sh; ensure_node_modules)" >&2
    return 1
  fi
  if ! command -v setsid >/dev/null 2>&1; then
    echo "azurite: 'setsid' (util-linux) is required" >&2
    return 1
  fi

  local timeout="${AZURITE_START_TIMEOUT:-60}" attempt ports blob queue table
  for attempt in 1 2 3; do
    ports="$(_azurite_pick_ports)" || { echo "azurite: could not pick free ports" >&2; return 1; }
    read -r blob queue table <<<"$ports"

    _azurite_dir="$(mktemp -d "${TMPDIR:-/tmp}/azurite.XXXXXX")"
    # In-memory persistence; the temp dir is Azurite's working directory and holds its log.
    # Its own process group: a terminal Ctrl+C reaches only the caller's trap, and
    # azurite_stop takes the whole group.
    local common=(--inMemoryPersistence --silent --skipApiVersionCheck --loose --disableTelemetry)
    if [[ "${AZURITE_SPLIT_SERVICES:-0}" == "1" ]]; then
      # One group: the shell starts blob and queue, then becomes the table service; azurite_stop takes all three.
      proc_spawn "$_azurite_dir/pid" env -C "$_azurite_dir" bash -c '
        bin="$1"; blob="$2"; queue="$3"; table="$4"; shift 4
        "$bin-blob" --blobHost 127.0.0.1 --blobPort "$blob" "$@" &
        "$bin-queue" --queueHost 127.0.0.1 --queuePort "$queue" "$@" &
        exec "$bin-table" --tableHost 127.0.0.1 --tablePort "$table" "$@"' \
        azurite "$bin" "$blob" "$queue" "$table" "${common[@]}" \
        >"$_azurite_dir/azurite.log" 2>&1 || { azurite_stop; return 1; }
    else
      proc_spawn "$_azurite_dir/pid" env -C "$_azurite_dir" "$bin" \
        --blobHost 127.0.0.1 --blobPort "$blob" \
        --queueHost 127.0.0.1 --queuePort "$queue" \
        --tableHost 127.0.0.1 --tablePort "$table" \
        "${common[@]}" \
        >"$_azurite_dir/azurite.log" 2>&1 || { azurite_stop; return 1; }
    fi
    _azurite_pid="$PROC_PID"

    local deadline=$((SECONDS + timeout)) started=0
    while ((SECONDS < deadline)); do
      if ! _azurite_alive; then break; fi
      if port_open "$table" && port_open "$queue" && port_open "$blob"; then
        started=1
        break
      fi
      sleep 0.2
    done

    if ((started)); then
      export AZURITE_BLOB_PORT="$blob" AZURITE_QUEUE_PORT="$queue" AZURITE_TABLE_PORT="$table"
      export AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=${AZURITE_DEV_ACCOUNT};AccountKey=${AZURITE_DEV_KEY};BlobEndpoint=http://127.0.0.1:${blob}/${AZURITE_DEV_ACCOUNT};QueueEndpoint=http://127.0.0.1:${queue}/${AZURITE_DEV_ACCOUNT};TableEndpoint=http://127.0.0.1:${table}/${AZURITE_DEV_ACCOUNT};"
      export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
      echo "azurite: ready (pid $_azurite_pid; blob $blob, queue $queue, table $table; log $_azurite_dir/azurite.log)" >&2
      if [[ $- == *i* && -z "$(trap -p EXIT)" ]]; then
        trap azurite_stop EXIT
      fi
      return 0
    fi

    if _azurite_alive; then
      echo "azurite: table/queue ports not accepting connections after ${timeout}s" >&2
      echo "azurite: --- last lines of $_azurite_dir/azurite.log ---" >&2
      tail -n 30 "$_azurite_dir/azurite.log" >&2 || true
      azurite_stop
      return 1
    fi
    # The process died. A port taken between picking and binding is worth a retry.
    echo "azurite: exited during start-up (attempt $attempt/3); last lines of its log:" >&2
    tail -n 30 "$_azurite_dir/azurite.log" >&2 || true
    if ! grep -q EADDRINUSE "$_azurite_dir/azurite.log" 2>/dev/null; then
      azurite_stop
      break
    fi
    azurite_stop
  done
  echo "azurite: failed to start" >&2
  return 1
}

azurite_stop() {
  local pid="$_azurite_pid" dir="$_azurite_dir"
  _azurite_pid=""
  _azurite_dir=""
  proc_stop "$pid" 5
  if [[ -n "$dir" && -d "$dir" ]]; then
    rm -rf -- "$dir"
  fi
  unset AZURITE_CONNECTION_STRING AzureWebJobsStorage AZURITE_BLOB_PORT AZURITE_QUEUE_PORT AZURITE_TABLE_PORT
  return 0
}
