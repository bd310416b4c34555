#!/usr/bin/env bash
# Benchmarks the kit (not a unit test; README "Benchmarks" quotes its output):
#
#  1. Wall time of the full default catalog against the embedded reference server (`scimcheck run`, release
#     build, JSON report only), with hyperfine (installed from Debian when missing and allowed) or a plain loop.
#  2. The kit's CPU time per request. The server runs as its own process (`scimcheck serve`), so the client's
#     CPU (user + sys of the `scimcheck run` process, from getrusage via GNU time) holds no server work. Process
#     start, catalog set-up and report writing are taken out by difference: a run of the whole catalog minus a
#     run that selects no scenario (it still sends the credentials preflight and discovery), divided by the
#     difference in requests (counted in the reports). That leaves what each request costs the kit: building
#     it, libcurl, recording the exchange, parsing the JSON answer, evaluating checks, redaction, console.
#  3. No scenario waits: every scenario's duration in the run, the slowest listed, and every sleep in the
#     catalog and the Okta engine listed, so a Retry-After wait longer than 1 s shows.
#
#   ci/bench-catalog.sh            (RUNS=10 by default; SWIFT, SCRATCH choose the build as in ci/examples.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-10}
swift_build=("${SWIFT:-swift}" build -c release)
[ -n "${SCRATCH:-}" ] && swift_build+=(--scratch-path "$SCRATCH")
"${swift_build[@]}" --product scimcheck >/dev/null 2>&1 || "${swift_build[@]}" --product scimcheck
bin="$("${swift_build[@]}" --show-bin-path 2>/dev/null)/scimcheck"

if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
fi
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null 2>&1; } || true

scratch=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg); $("${SWIFT:-swift}" --version 2>&1 | head -1)"

# 1. Wall time of the full catalog, embedded server included.
embedded=("$bin" run --report-dir "$scratch/embedded" --format json -q)
scenarios=$("$bin" list | wc -l)
echo "== 1. full default catalog ($scenarios scenarios) against the embedded server, $runs runs"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$scratch/hyperfine.json" \
    "$(printf '%q ' "${embedded[@]}")" | grep -E "Time|Range"
else
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    "${embedded[@]}" >/dev/null
    echo "$(date +%s.%N) - $start" | bc
  done | sort -n | awk '{ t[NR] = $1 } END { printf "  median %.3f s, min %.3f s, max %.3f s (no hyperfine)\n", t[int((NR + 1) / 2)], t[1], t[NR] }'
fi

# 2. The kit's CPU per request, against a separate server process.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
"$bin" serve --port "$port" --token "$token" --admin-token "admin-$token" --db ":memory:" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
target=(--target "http://127.0.0.1:$port/scim/v2" --format json -q)

# CPU seconds (user + sys) of one run and the requests it sent, as "cpu requests".
measure() {
  local dir="$scratch/cpu-$RANDOM$RANDOM"
  SCIM_TOKEN=$token /usr/bin/time -f "%U %S" -o "$dir.time" "$bin" run "${target[@]}" --report-dir "$dir" "$@" \
    >/dev/null || true
  python3 - "$dir/latest/report.json" "$dir.time" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
user, system = map(float, open(sys.argv[2]).read().split()[-2:])
requests = len((report.get("preflight") or {}).get("exchanges", []))
for suite in report["suites"]:
    requests += len(suite.get("setupExchanges", []))
    for scenario in suite["scenarios"]:
        requests += len(scenario.get("exchanges", [])) + len(scenario.get("cleanupExchanges", []))
print(f"{user + system:.4f} {requests + 1}")  # + 1: GET /ServiceProviderConfig, not kept as evidence
EOF
}
echo "== 2. kit CPU per request (server in its own process; full run minus an empty run; median of $runs pairs)"
for _ in $(seq "$runs"); do
  read -r full_cpu full_requests < <(measure)
  read -r empty_cpu empty_requests < <(measure --only 'no.such.scenario')
  python3 -c "print(($full_cpu - $empty_cpu) / ($full_requests - $empty_requests) * 1e6, $full_requests, $full_cpu, $empty_cpu)"
done | sort -n | awk '{ v[NR] = $1; r = $2; f[NR] = $3; e[NR] = $4 } END {
  m = int((NR + 1) / 2)
  printf "  %d requests per run; client CPU %.3f s full, %.3f s empty; median %.0f µs of kit CPU per request (min %.0f, max %.0f)\n", r, f[m], e[m], v[m], v[1], v[NR] }'

# 3. Waits: the slowest scenarios of the last embedded run, and every sleep in the catalog and the engine.
echo "== 3. slowest scenarios (embedded run) and sleeps in Scenarios/ and Sources/OktaSimulator/"
python3 - "$scratch/embedded/latest/report.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
rows = sorted(((s["durationMicroseconds"], s["id"]) for suite in report["suites"] for s in suite["scenarios"]), reverse=True)
for micros, name in rows[:3]:
    print(f"  {micros / 1000:8.1f} ms  {name}")
slow = [name for micros, name in rows if micros > 1_000_000]
if slow:
    sys.exit(f"bench: scenarios over 1 s: {', '.join(slow)}")
EOF
grep -rnE 'sleep|Retry-After|RetryAfter' Scenarios Sources/OktaSimulator --include='*.swift' | sed 's/^/  /' || true
