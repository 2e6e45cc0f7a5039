#!/usr/bin/env bash
# Installs the tools the end-to-end tests drive, from the lock files committed beside them.
# Idempotent: does nothing when what is installed matches the lock file.
#   tests/tools/agentsplayground: the Microsoft 365 Agents Playground (an offline Teams channel emulator), via npm ci.
set -euo pipefail
cd "$(dirname "$0")"

install_npm_tool() {
  local dir=$1
  local lock="$dir/package-lock.json"
  local stamp="$dir/node_modules/.installed-lock.sha256"
  local want
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -d "$dir/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "install.sh: Node.js and npm are needed for $dir (the Teams end-to-end tests); install Node.js 20 or later." >&2
    return 1
  fi
  echo "Installing $dir (npm ci)"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "install.sh: npm ci failed in $dir." >&2
    return 1
  fi
  echo "$want" > "$stamp"
}

install_npm_tool agentsplayground
