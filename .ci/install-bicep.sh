#!/usr/bin/env bash
# Installs the Bicep CLI (linux-x64) from the NuGet package Azure.Bicep.CommandLine.linux-x64
# via a restore-only project (tools/bicep/bicep.csproj), then copies the binary to
# <repo>/.tools/bicep (git-ignored). Prints the binary's path on the last line of stdout.
# Idempotent: if .tools/bicep already reports the pinned version it does nothing else.
set -euo pipefail

BICEP_VERSION="0.49.2"
PACKAGE_ID="azure.bicep.commandline.linux-x64"   # NuGet global folder uses lower-case ids

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${repo_root}/.tools"
target="${tools_dir}/bicep"

if [[ -x "${target}" ]] && "${target}" --version 2>/dev/null | grep -q "${BICEP_VERSION}"; then
  echo "bicep ${BICEP_VERSION} already installed" >&2
  echo "${target}"
  exit 0
fi

# Restore in a scratch copy under .tools/ so no obj/ folder is left in the tracked tree.
restore_dir="${tools_dir}/bicep-restore"
mkdir -p "${restore_dir}"
cp "${repo_root}/tools/bicep/bicep.csproj" "${restore_dir}/bicep.csproj"
dotnet restore "${restore_dir}/bicep.csproj" --nologo >&2

packages_dir="$(dotnet nuget locals global-packages --list | sed -E 's/^[^:]*global-packages:[[:space:]]*//' | tr -d '\r')"
packages_dir="${packages_dir%/}"
source_bin="${packages_dir}/${PACKAGE_ID}/${BICEP_VERSION}/tools/bicep"
if [[ ! -f "${source_bin}" ]]; then
  echo "bicep binary not found at ${source_bin}" >&2
  exit 1
fi
chmod +x "${source_bin}" || true

cp "${source_bin}" "${target}"
chmod +x "${target}"
"${target}" --version >&2
echo "${target}"
