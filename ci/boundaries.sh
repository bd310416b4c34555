#!/usr/bin/env bash
# Fails when a module imports something its layer may not (DESIGN.md §3): the kit never sees curl, the
# server or Hummingbird; the server never sees the kit; the CLI executable stays thin.
# Each module has an allow-list; toolchain modules (Foundation, Dispatch, Synchronization, Glibc…) are
# allowed everywhere. `ci/boundaries.sh --self-test` proves the check fails on a forbidden import.
set -euo pipefail
cd "$(dirname "$0")/.."

system="Foundation FoundationEssentials FoundationNetworking Dispatch Synchronization Glibc Musl Darwin Testing XCTest"
declare -A allowed=(
  [Sources/SCIMCore]=""
  [Sources/SCIMCheckHTTP]="SCIMCore"
  [Sources/CurlTransport]="CCurl SCIMCheckHTTP SCIMCore"
  [Sources/SCIMCheckKit]="SCIMCore SCIMCheckHTTP Logging"
  [Sources/OktaSimulator]="SCIMCheckKit SCIMCheckHTTP SCIMCore"
  [Scenarios]="SCIMCheckKit OktaSimulator SCIMCheckHTTP SCIMCore"
  [Sources/SCIMCheckReports]="SCIMCheckKit SCIMCheckHTTP SCIMCore"
  [Sources/SCIMServer]="SCIMCore Hummingbird HummingbirdCore HummingbirdTLS HTTPTypes NIOCore NIOPosix NIOSSL Logging ServiceLifecycle"
  [Sources/SCIMServerSQLite]="SCIMServer SCIMCore GRDB Logging"
  [Sources/SCIMServerFuzz]="SCIMServer SCIMCore"
  [Sources/SCIMCheckCLI]="SCIMCheckKit OktaSimulator SCIMCheckReports CurlTransport SCIMCheckHTTP SCIMServer SCIMServerSQLite SCIMCore ArgumentParser Logging"
  [Sources/scimcheck]="SCIMCheckCLI SCIMCheckScenarios"
  [Examples/CustomScenarios]="SCIMCheckCLI SCIMCheckKit OktaSimulator SCIMCheckScenarios SCIMCheckHTTP SCIMCore"
  [Tests/Support]="SCIMCheckKit SCIMCheckHTTP SCIMServer SCIMServerSQLite Logging"
  [Benchmarks/ServerBenchmark]="CurlTransport SCIMCheckHTTP SCIMCheckKit OktaSimulator SCIMCore SCIMServer SCIMServerSQLite SCIMCheckTestSupport ArgumentParser"
)

check_tree() {
  local root=$1 failures=0
  for dir in "${!allowed[@]}"; do
    [ -d "$root/$dir" ] || continue
    local permitted=" $system ${allowed[$dir]} "
    while IFS=: read -r file line text; do
      module=$(sed -E 's/^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*((public|package|internal|private|fileprivate)[[:space:]]+)?import[[:space:]]+((struct|class|enum|protocol|func|var|let|typealias)[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*).*/\6/' <<<"$text")
      if [[ "$permitted" != *" $module "* ]]; then
        echo "boundary violation: $file:$line imports $module (allowed in $dir: ${allowed[$dir]:-nothing but the toolchain})"
        failures=$((failures + 1))
      fi
    done < <(grep -rnE '^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*((public|package|internal|private|fileprivate)[[:space:]]+)?import[[:space:]]' "$root/$dir" --include='*.swift' | sed "s|^$root/||")
  done
  return $((failures > 0))
}

if [ "${1:-}" = "--self-test" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/Sources/SCIMCheckKit"
  echo "import SCIMCheckHTTP" > "$scratch/Sources/SCIMCheckKit/Good.swift"
  check_tree "$scratch" >/dev/null || { echo "self-test: an allowed import was refused"; exit 1; }
  echo "@testable public import Hummingbird" > "$scratch/Sources/SCIMCheckKit/Bad.swift"
  if check_tree "$scratch" >/dev/null; then echo "self-test: a forbidden import passed"; exit 1; fi
  echo "boundaries self-test: ok"
  exit 0
fi

check_tree .
echo "boundaries: ok"
