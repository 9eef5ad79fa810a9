# shellcheck shell=bash
# Installs what the scripts need from the package registries (npm, NuGet). Sourced.
#
#   ensure_node_modules     npm ci when node_modules/.bin/azurite is missing or the lockfile is newer
#   ensure_dotnet_restore   dotnet restore Functions.sln

DEPS_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Leave no build servers behind: no MSBuild node reuse, no MSBuild server, no shared
# compiler server (VBCSCompiler). Costs a few seconds of build time.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

ensure_node_modules() {
  local bin="$DEPS_REPO_ROOT/node_modules/.bin/azurite"
  local lock="$DEPS_REPO_ROOT/package-lock.json"
  # npm ci writes node_modules/.package-lock.json last: it marks a complete install.
  local marker="$DEPS_REPO_ROOT/node_modules/.package-lock.json"
  if [[ -x "$bin" && -f "$marker" && ! "$lock" -nt "$marker" ]]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "deps: npm not found; install Node.js 20+ (it brings npm)" >&2
    return 1
  fi
  echo "deps: installing Azurite (npm ci)..." >&2
  (cd "$DEPS_REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error) >&2
}

ensure_dotnet_restore() {
  echo "deps: dotnet restore Functions.sln..." >&2
  (cd "$DEPS_REPO_ROOT" && dotnet restore Functions.sln --nologo -v quiet -nodeReuse:false)
}
