# shellcheck shell=bash
# Installs what the scripts need from the package registries (npm, NuGet). Sourced.
#
#   ensure_node_modules     npm ci when node_modules/.bin/azurite is missing or the lockfile is newer
#   ensure_dotnet_restore   dotnet restore Functions.sln
#   ensure_chromium         the Debian package chromium, for the console's browser tests (apt-get, as root)

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

# The console's browser tests drive the system Chromium (Playwright never downloads a browser here). CI runs as root
# with Debian's packages: install it when missing. Elsewhere say how, and let the browser tests name what is missing.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [[ -n "${CHROMIUM_PATH:-}" ]]; then
    return 0
  fi
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: no chromium; install it (Debian: apt-get install chromium) or set CHROMIUM_PATH for the console tests" >&2
    return 0
  fi
  echo "deps: installing chromium (apt-get) for the console's browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }; } \
    || echo "deps: apt-get could not install chromium; the console's browser tests will fail" >&2
  return 0
}
