#!/usr/bin/env bash
# The reference server's benchmark (README "Benchmarks"): builds scimcheck and scimcheck-server-bench in release
# mode and runs the benchmark, which starts `scimcheck serve` on file databases and loads it over loopback HTTP.
# Not a test and not run in CI: it takes a few minutes and its figures depend on the machine.
# Okta's create flow is driven by wrk (installed from Debian when missing) with Benchmarks/wrk/okta-create-flow.lua;
# --curl drives it with the benchmark's own libcurl clients instead (they cost the machine about 0.3 ms per user).
# Other arguments go to the benchmark: --runs N --clients N --seconds N --users N --samples N --skip-scim2-server.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
load=(--wrk-script "$PWD/Benchmarks/wrk/okta-create-flow.lua")
for argument in "$@"; do
  if [[ $argument == --curl ]]; then load=(); else args+=("$argument"); fi
done
if [[ ${#load[@]} -gt 0 ]] && ! command -v wrk >/dev/null; then
  apt-get install -y wrk
fi
[[ ${#load[@]} -gt 0 ]] && load+=(--wrk "$(command -v wrk)")
if [[ " ${args[*]-} " != *" --skip-scim2-server "* ]] && ! command -v scim2-server >/dev/null; then
  python3 -m pip install --quiet scim2-server
fi
swift build -c release --product scimcheck
swift build -c release --product scimcheck-server-bench
bin=$(swift build -c release --show-bin-path)
if [[ " ${args[*]-} " != *" --skip-scim2-server "* ]]; then
  echo "scim2-server $(python3 -m pip show scim2-server 2>/dev/null | sed -n 's/^Version: //p') (PyPI), $(python3 --version)"
fi
[[ ${#load[@]} -gt 0 ]] && echo "$(wrk --version 2>&1 | head -1)"
"$bin/scimcheck-server-bench" --server "$bin/scimcheck" "${load[@]}" "${args[@]}"
