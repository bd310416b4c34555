#!/usr/bin/env bash
# Regenerates Reports/examples/: the whole catalog run against the embedded reference server, in all four
# formats (report.json, junit.xml, report.html, summary.md), with the values that change from run to run —
# times, durations, run id and tag, the ephemeral port, server-assigned UUIDs, random Okta ids — replaced by
# fixed placeholders (`scimcheck report --normalize`). A change in scenario, server or report output then
# shows up as a diff in review.
#
#   ci/examples.sh           regenerate (commit the result)
#   ci/examples.sh --check   regenerate and fail when Reports/examples differs from the commit (.ci/run)
#
# SWIFT (default swift) and SCRATCH (a --scratch-path) choose the build.
set -euo pipefail
cd "$(dirname "$0")/.."

swift_build=("${SWIFT:-swift}" build)
[ -n "${SCRATCH:-}" ] && swift_build+=(--scratch-path "$SCRATCH")
bin="$("${swift_build[@]}" --show-bin-path)/scimcheck"
[ -x "$bin" ] || "${swift_build[@]}" --product scimcheck

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The run's own exit code is part of the example (summary.md shows it), not a reason to stop here.
status=0
NO_COLOR=1 GITHUB_STEP_SUMMARY='' "$bin" run --report-dir "$scratch" --format json -q || status=$?
if [ ! -f "$scratch/latest/report.json" ]; then
  echo "examples: the run wrote no report (exit $status)" >&2
  exit 1
fi
rm -rf Reports/examples/report.json Reports/examples/junit.xml Reports/examples/report.html Reports/examples/summary.md
"$bin" report --from "$scratch/latest/report.json" --normalize --format json,junit,html,md --output Reports/examples \
  >/dev/null
echo "examples: regenerated Reports/examples (run exit code $status)"

if [ "${1:-}" = "--check" ]; then
  changes=$(git status --porcelain -- Reports/examples)
  if [ -n "$changes" ]; then
    echo "examples: Reports/examples differs from the commit — run ci/examples.sh and commit the result:" >&2
    echo "$changes" >&2
    git --no-pager diff --stat -- Reports/examples >&2
    git --no-pager diff -- Reports/examples | head -n 200 >&2
    exit 1
  fi
  echo "examples: up to date"
fi
