#!/usr/bin/env bash
# The test command: installs what is missing, builds, starts a private Azurite, runs every
# test project of Functions.sln against it, and closes with one line:
#   tests: N passed, M failed
# (skipped tests, if any, are counted on the line before it, so the closing line keeps CI's exact format)
#
# Usage: ./scripts/test.sh [--filter <expr>] [-- <extra dotnet test args>]
#   --filter <expr>   passed to `dotnet test --filter` (e.g. "FullyQualifiedName~Sessions")
#
# Exit code: 0 only when the build succeeded, dotnet test succeeded, at least one test ran
# and none failed. Azurite and every child process are stopped on exit, failure or Ctrl+C.
# Environment: TEST_HANG_TIMEOUT (default 10m) aborts a test host that stops making progress.
#              TEST_RESULTS_DIR keeps the TRX files (with per-test durations) in a run-<time> folder there.
#              TEST_PARALLEL_SUITES: test assemblies run at once (default 2).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/deps.sh
source scripts/lib/deps.sh
# shellcheck source=scripts/lib/proc.sh
source scripts/lib/proc.sh
# shellcheck source=scripts/lib/azurite.sh
source scripts/lib/azurite.sh

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

filter=""
extra=()
while (($#)); do
  case "$1" in
    --filter) [[ $# -ge 2 ]] || { echo "test.sh: --filter needs an expression" >&2; exit 2; }
              filter="$2"; shift 2 ;;
    --filter=*) filter="${1#--filter=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "test.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done


work="$(mktemp -d "${TMPDIR:-/tmp}/infusionaudit-test.XXXXXX")"
npm_pid=""
passed=0 failed=0 skipped=0
final_rc=""

# shellcheck disable=SC2317  # invoked by the EXIT trap
finish() {
  local rc=$?
  # A second Ctrl+C (or timeout's signal to the whole group) must not cut the clean-up short.
  trap - EXIT
  trap '' INT TERM
  set +e
  [[ -n "$final_rc" ]] && rc="$final_rc"
  [[ -n "$PROC_CHILD" ]] && proc_stop "$PROC_CHILD" 5
  [[ -n "$npm_pid" ]] && proc_stop "$npm_pid" 2
  azurite_stop
  rm -rf -- "$work"
  ((skipped > 0)) && echo "test.sh: ${skipped} skipped (see the Skip reasons in the test output)"
  echo "tests: ${passed} passed, ${failed} failed"
  exit "$rc"
}
trap finish EXIT
trap 'trap "" INT TERM; echo "test.sh: interrupted" >&2; exit 130' INT
trap 'trap "" INT TERM; echo "test.sh: terminated" >&2; exit 143' TERM

# ---- dependencies ------------------------------------------------------------------------
# npm ci (network and disk) runs in the background while dotnet restores and builds (CPU).
# Chromium (apt-get, for the console's browser tests) in the same background job: also network and disk.
proc_spawn "$work/npm.pid" bash -c 'source scripts/lib/deps.sh && ensure_chromium && ensure_node_modules' >"$work/npm.log" 2>&1
npm_pid="$PROC_PID"
ensure_dotnet_restore || { echo "test.sh: dotnet restore failed" >&2; exit 1; }

# ---- build -------------------------------------------------------------------------------
echo "test.sh: building Functions.sln (Release)..." >&2
build_start=$SECONDS
build_rc=0
proc_run "$work/child.pid" "$work/build.log" \
  dotnet build Functions.sln -c Release --no-restore -nologo -tl:off -v minimal || build_rc=$?
if ((build_rc != 0)); then
  echo "test.sh: BUILD FAILED (exit $build_rc) after $((SECONDS - build_start))s" >&2
  if grep -qE ': error [A-Za-z]*[0-9]+' "$work/build.log"; then
    grep -E ': error [A-Za-z]*[0-9]+' "$work/build.log" | sort -u >&2
    tail -n 4 "$work/build.log" >&2
  else
    echo "test.sh: --- last lines of the build output ---" >&2
    tail -n 40 "$work/build.log" >&2
  fi
  exit 1
fi
warnings="$(grep -cE ': warning [A-Za-z]*[0-9]+' "$work/build.log" || true)"
echo "test.sh: build ok in $((SECONDS - build_start))s (${warnings} warning lines)" >&2

# ---- Azurite -----------------------------------------------------------------------------
npm_rc=0
wait "$npm_pid" || npm_rc=$?
npm_pid=""
cat "$work/npm.log" >&2
if ((npm_rc != 0)); then
  echo "test.sh: installing Azurite failed (npm ci exit $npm_rc)" >&2
  exit 1
fi
azurite_start || { echo "test.sh: could not start Azurite" >&2; exit 1; }

# ---- tests -------------------------------------------------------------------------------
# A fresh folder per run, so an earlier run's TRX files are never counted again.
trx_dir="${TEST_RESULTS_DIR:-$work/trx}/run-$(date -u +%Y%m%dT%H%M%SZ)"
# Two test assemblies at once (one per core; a third only made every suite slower), the longest first in Functions.sln
# (Hosts, Application, Infra, Simulator, Http) so the two lanes end together. TEST_PARALLEL_SUITES overrides.
# Tiered PGO off: a dozen test processes and the hosts they start each live minutes, too short for its instrumented
# tier to pay back the JIT work it adds (measured once, on a loaded machine: a fresh local host used 35 s of CPU for its
# first 20,000 events without it, 43-45 s with it).
export DOTNET_TieredPGO=0
test_args=(test Functions.sln -c Release --no-build --no-restore -nologo "-maxcpucount:${TEST_PARALLEL_SUITES:-2}"
  --results-directory "$trx_dir"
  --logger "trx;LogFilePrefix=tests"
  --logger "console;verbosity=minimal"
  --blame-hang-timeout "${TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none)
[[ -n "$filter" ]] && test_args+=(--filter "$filter")
((${#extra[@]})) && test_args+=("${extra[@]}")

echo "test.sh: dotnet ${test_args[*]}" >&2
test_start=$SECONDS
test_rc=0
proc_run "$work/child.pid" - dotnet "${test_args[@]}" || test_rc=$?
echo "test.sh: dotnet test exited $test_rc after $((SECONDS - test_start))s" >&2

# ---- results -----------------------------------------------------------------------------
shopt -s nullglob globstar
trx_files=("$trx_dir"/**/*.trx)
shopt -u globstar
if ((${#trx_files[@]} == 0)); then
  echo "test.sh: no TRX result file was produced" >&2
  exit 1
fi
# Sums the <Counters> of every TRX; skipped = results with outcome NotExecuted.
read -r passed failed skipped < <(node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const file of process.argv.slice(1)) {
    const xml = fs.readFileSync(file, "utf8");
    const counters = (xml.match(/<Counters\b[^>]*>/) || [""])[0];
    const n = name => Number((counters.match(new RegExp("\\b" + name + "=\"(\\d+)\"")) || [0, 0])[1]);
    passed += n("passed") + n("passedButRunAborted");
    failed += n("failed") + n("error") + n("timeout") + n("aborted");
    const notRun = (xml.match(/<UnitTestResult\b[^>]*\boutcome="NotExecuted"/g) || []).length;
    skipped += Math.max(notRun, n("notExecuted"));
  }
  console.log(passed, failed, skipped);
' "${trx_files[@]}")

if ((failed > 0)); then
  echo "test.sh: FAILED: $failed test(s) failed" >&2
  final_rc=1
elif ((test_rc != 0)); then
  echo "test.sh: FAILED: dotnet test exited $test_rc" >&2
  final_rc=$test_rc
elif ((passed + failed == 0)); then
  echo "test.sh: FAILED: no test ran" >&2
  final_rc=1
else
  final_rc=0
fi
exit "$final_rc"
