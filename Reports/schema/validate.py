#!/usr/bin/env python3
"""Validates scimcheck JSON reports (or baselines) against the committed JSON Schema (draft 2020-12).

    python3 Reports/schema/validate.py Reports/runs/latest/report.json
    python3 Reports/schema/validate.py --schema Reports/schema/baseline-v1.schema.json scimcheck-baseline.json
    python3 Reports/schema/validate.py --strict report.json   # also refuse members the schema does not name

--strict is what scimcheck's own tests use: a member the writer adds without documenting it in the schema
fails, so the schema and the writer stay in step. Consumers should validate without it (readers must ignore
members they do not know). Needs `jsonschema` from PyPI. Exit codes: 0 valid, 1 invalid, 2 usage.
"""
import argparse
import copy
import json
import os
import sys


def tighten(node):
    """Adds additionalProperties: false to every object schema that lists properties and allows extras."""
    if isinstance(node, dict):
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            tighten(value)
    elif isinstance(node, list):
        for value in node:
            tighten(value)
    return node


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schema", default=os.path.join(here, "report-v1.schema.json"))
    parser.add_argument("--strict", action="store_true", help="refuse members the schema does not name")
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    try:
        import jsonschema
    except ImportError:
        print("validate.py: needs jsonschema (python3 -m pip install jsonschema)", file=sys.stderr)
        return 2
    with open(arguments.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    if arguments.strict:
        schema = tighten(copy.deepcopy(schema))
    validator_class = jsonschema.Draft202012Validator
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    failures = 0
    for path in arguments.files:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        for error in errors[:20]:
            location = "/" + "/".join(str(part) for part in error.absolute_path)
            print(f"{path}: {location}: {error.message}", file=sys.stderr)
        if errors:
            failures += 1
            print(f"{path}: INVALID ({len(errors)} error(s)) against {os.path.basename(arguments.schema)}")
        else:
            print(f"{path}: valid against {os.path.basename(arguments.schema)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
