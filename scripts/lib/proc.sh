# shellcheck shell=bash
# Background processes in their own process group, so that a stop takes the whole tree
# (dotnet test -> testhost, dotnet run -> app, node) and nothing is left behind. Sourced.
#
#   proc_spawn PIDFILE CMD [ARGS...]    start CMD in the background in a new session and
#                                       process group; sets PROC_PID (= its process group id)
#   proc_running PID                    true while PID exists and is not a zombie
#   proc_stop PID [GRACE_SECONDS]       SIGTERM the group, SIGKILL what is left after the
#                                       grace period (default 5 s), reap it; idempotent
#   proc_run PIDFILE LOG|- CMD [ARGS...] run CMD in its own process group (output to LOG, or
#                                       to ours for -) and wait for it; PROC_CHILD holds its
#                                       group id meanwhile, for an EXIT trap to proc_stop
#   port_open PORT                      true when something accepts TCP on 127.0.0.1:PORT
#
# Redirect the output where you call proc_spawn: `proc_spawn "$f" cmd >"$log" 2>&1`.
# stdin of the command is /dev/null.

PROC_PID=""
PROC_CHILD=""

proc_spawn() {
  local pidfile="$1"
  shift
  rm -f -- "$pidfile"
  # In a script (no job control) a background job is not a process group leader, so plain
  # setsid turns it into one without forking: it stays our child and `wait` reaps it and
  # returns its exit code. In an interactive shell a background job already leads a group,
  # and setsid must fork (-f). Either way the inner shell records its pid, then execs CMD.
  # Where it stays our child, setpriv --pdeathsig also sends it SIGTERM should this shell
  # die without running its traps (SIGKILL), so not even then is it left behind.
  local launcher=(setsid)
  if [[ $- == *m* ]]; then
    launcher+=(-f)
  elif command -v setpriv >/dev/null 2>&1; then
    launcher+=(setpriv --pdeathsig TERM)
  fi
  # shellcheck disable=SC2016  # $$ and $@ belong to the inner shell
  "${launcher[@]}" bash -c 'echo $$ >"$0"; exec "$@" </dev/null' "$pidfile" "$@" &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$pidfile" ]] && break
    sleep 0.05
  done
  PROC_PID="$(cat -- "$pidfile" 2>/dev/null || true)"
  if [[ -z "$PROC_PID" ]]; then
    echo "proc: could not start: $*" >&2
    return 1
  fi
}

proc_running() {
  local stat
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat%% *}" != "Z" ]]
}

# True while any process of process group $1 is alive (zombies excluded).
_proc_group_alive() {
  local f stat fields
  for f in /proc/[0-9]*/stat; do
    stat="$(cat "$f" 2>/dev/null)" || continue
    stat="${stat##*) }"
    # fields after "comm)": state ppid pgrp ...
    read -r -a fields <<<"$stat"
    [[ "${fields[2]:-}" == "$1" && "${fields[0]:-}" != "Z" ]] && return 0
  done
  return 1
}

proc_stop() {
  local pid="${1:-}" grace="${2:-5}" i
  [[ -n "$pid" ]] || return 0
  if proc_running "$pid" || _proc_group_alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      _proc_group_alive "$pid" || break
      sleep 0.1
    done
  fi
  # Whatever is left in the group goes now (no-op when the group is empty). The leader is
  # reaped only after this, so its id cannot have been reused for another group.
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 0
}

# Ctrl+C/TERM reach the caller's trap at once (wait is interruptible), and the trap stops the
# whole group through PROC_CHILD. The redirection stays on the spawn alone: a trap firing
# inside a redirected function would write its own output into the log.
proc_run() {
  local pidfile="$1" log="$2" rc=0
  shift 2
  if [[ "$log" == "-" ]]; then
    proc_spawn "$pidfile" "$@" || return 1
  else
    proc_spawn "$pidfile" "$@" >"$log" 2>&1 || return 1
  fi
  PROC_CHILD="$PROC_PID"
  wait "$PROC_CHILD" || rc=$?
  proc_stop "$PROC_CHILD" 2   # stragglers of the group, if any
  PROC_CHILD=""
  return "$rc"
}

# Pure bash, no nc/curl.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
