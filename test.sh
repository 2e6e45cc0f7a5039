#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped".
# Installs what the tests need when it is missing (the .NET SDK is expected on the machine).
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
# The sandbox tests drive the real kubectl against the simulated API server.
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubernetes-client)
# The Prometheus end-to-end tests run a real Prometheus server (each test starts its own on a free loopback port).
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
# The PostgreSQL tests run against a private throwaway server (tests/tools/postgres.sh) on a free loopback port.
tests/tools/postgres.sh bindir >/dev/null 2>&1 || need_apt+=(postgresql)
# The dashboard tests drive Debian's Chromium through Playwright (never a browser Playwright downloads).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# The Teams end-to-end tests drive the Agents Playground (npm, pinned in tests/tools/agentsplayground).
if ! tests/tools/install.sh; then
  echo "Installing the test tools failed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build ChatOpsRelease.sln -nologo -v quiet; then
  echo "The build failed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

results=$(mktemp -d)
pg_dir=$(mktemp -u "${TMPDIR:-/tmp}/chatops-pg-XXXXXX")
trap 'rm -rf "$results"; tests/tools/postgres.sh stop "$pg_dir"' EXIT
# One PostgreSQL server for the run; each test makes a database of its own on it (CHATOPS_TEST_POSTGRES).
if ! CHATOPS_TEST_POSTGRES=$(tests/tools/postgres.sh start "$pg_dir" $$); then
  echo "Starting PostgreSQL failed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
export CHATOPS_TEST_POSTGRES
passed=0 failed=0 skipped=0 status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  if ! dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results"; then
    status=1
  fi
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "$name produced no results."
    failed=$((failed + 1)) status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(count total) p=$(count passed) f=$(count failed)
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + total - p - f))
done

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
