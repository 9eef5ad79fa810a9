#!/usr/bin/env bash
# Installs the simulator as the local dotnet tool `infusion-sim` of this clone, so that
#   dotnet infusion-sim simulate --queue ...   (or any other command of docs/simulator.md)
# works from anywhere in the repository. Run it again after changing the simulator.
#
# Usage: ./scripts/sim-tool.sh
#
# How: packs src/InfusionAudit.Simulator (PackAsTool) into .tools/packages, the folder feed that
# nuget.config names, drops the previous build of the same version from the NuGet package cache
# (a local tool keeps one version, 0.0.0-local, and NuGet would otherwise reuse the cached copy),
# then runs `dotnet tool restore`, which installs what .config/dotnet-tools.json lists.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

package=infusionaudit.simulator
version="$(sed -n 's/.*"version": "\([^"]*\)".*/\1/p' .config/dotnet-tools.json | tail -n 1)"
feed=.tools/packages

mkdir -p "$feed"
rm -f "$feed"/*.nupkg
dotnet pack src/InfusionAudit.Simulator -c Release -o "$feed" -p:Version="$version" --nologo -v quiet
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}/$package/$version"
rm -rf "$cache"
dotnet tool restore
echo "sim-tool.sh: installed; try: dotnet infusion-sim --help"
