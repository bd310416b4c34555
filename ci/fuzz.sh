#!/usr/bin/env bash
# Fuzzes the reference server's filter and PATCH parsers (SCIMFilter, FilterCompiler/CompiledFilter, PatchPath,
# PatchRequest, PatchEngine) with libFuzzer and AddressSanitizer, seeded from the hostile-request corpus.
#
# Usage: ci/fuzz.sh [SECONDS] [extra libFuzzer flags…]     (default 600 seconds)
# Builds Sources/SCIMServerFuzz (declared only when SCIMCHECK_FUZZ=1) in .build-fuzz, then runs it; the corpus it
# grows stays in .build-fuzz/corpus (reused by the next run), crashes go to .build-fuzz/artifacts/. Exits non-zero
# when libFuzzer finds a crash, a trap, a sanitizer report or an input slower than 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
scratch=.build-fuzz
mkdir -p "$scratch/seeds" "$scratch/corpus" "$scratch/artifacts"

echo "fuzz: building SCIMServerFuzz (debug, -sanitize=fuzzer,address) in $scratch"
SCIMCHECK_FUZZ=1 swift build --scratch-path "$scratch" --product SCIMServerFuzz >"$scratch/build.log" 2>&1 \
  || { tail -40 "$scratch/build.log"; exit 1; }
binary="$scratch/debug/SCIMServerFuzz"

# Seeds: every filter, PATCH path, PATCH body and attribute path of the hostile corpus, behind the selector byte
# the entry point reads (0 filter, 1 PATCH path, 2 PATCH body, 3 attribute path), plus a dictionary of tokens.
python3 - "$scratch" <<'PY'
import glob, hashlib, json, os, sys, urllib.parse
scratch = sys.argv[1]
seeds = set()
def add(selector, text):
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(data) <= 4096:
        seeds.add(bytes([selector]) + data)
for path in glob.glob("Tests/SCIMServerTests/Fixtures/hostile/*.jsonl"):
    for line in open(path, encoding="utf-8"):
        case = json.loads(line)
        if "fill" in case or case.get("bytes"):
            continue
        query = urllib.parse.urlsplit(case["target"]).query
        for name, value in urllib.parse.parse_qsl(query, keep_blank_values=True):
            if name == "filter": add(0, value)
            if name in ("attributes", "excludedAttributes", "sortBy"): add(3, value)
        body = case.get("body")
        if body is None:
            continue
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        if case["method"] == "PATCH":
            add(2, body)
            for op in (parsed or {}).get("Operations", []) if isinstance(parsed, dict) and isinstance(parsed.get("Operations"), list) else []:
                if isinstance(op, dict) and isinstance(op.get("path"), str): add(1, op["path"])
        if isinstance(parsed, dict) and isinstance(parsed.get("filter"), str): add(0, parsed["filter"])
for seed in seeds:
    with open(os.path.join(scratch, "seeds", hashlib.sha1(seed).hexdigest()), "wb") as out:
        out.write(seed)
tokens = ['" eq "', '" ne "', '" co "', '" sw "', '" ew "', '" gt "', '" ge "', '" lt "', '" le "', '" pr"',
          '" and "', '" or "', '"not ("', '"["', '"]"', '"("', '")"', '"\\""', '"."', '":"', '"urn:ietf:params:scim:schemas:core:2.0:User:"',
          '"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"', '"emails"', '"members"', '"value"',
          '"type"', '"primary"', '"userName"', '"name.givenName"', '"meta.lastModified"', '"active"', '"true"',
          '"null"', '"\\"op\\":\\"add\\""', '"\\"op\\":\\"remove\\""', '"\\"op\\":\\"replace\\""', '"\\"path\\":"',
          '"\\"value\\":"', '"\\"Operations\\":["', '"urn:ietf:params:scim:api:messages:2.0:PatchOp"',
          '"2024-05-01T10:20:30Z"', '"\\\\u00"']
with open(os.path.join(scratch, "fuzz.dict"), "w") as out:
    out.write("\n".join(tokens) + "\n")
print(f"fuzz: {len(seeds)} seeds from the hostile corpus")
PY

echo "fuzz: running for ${seconds}s"
set +e
"$binary" "$scratch/corpus" "$scratch/seeds" -dict="$scratch/fuzz.dict" -max_total_time="$seconds" -max_len=4096 \
  -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$scratch/artifacts/" "$@" \
  2>&1 | tee "$scratch/fuzz.log" | grep -E "^(#[0-9]+[[:space:]]+(INITED|DONE|pulse)|Done|stat::|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)"
status=${PIPESTATUS[0]}
set -e
echo "fuzz: libFuzzer exited $status; full log in $scratch/fuzz.log"
exit "$status"
