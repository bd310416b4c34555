#!/usr/bin/env python3
"""Writes the hostile-request corpus (*.jsonl beside this file) that HostileCorpusTests replays.

Run it after editing a list below: `python3 Tests/SCIMServerTests/Fixtures/hostile/generate.py`.
The output is committed; README.md beside this file describes the case format.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
NINJA = "urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"

files = {}
serial = [0]


def case(file, id, probe, method="GET", target="{base}/Users", body=None, **extra):
    """Adds one case to `file`; ids are unique across the corpus."""
    entry = {"id": f"{file}.{id}", "probe": probe, "method": method, "target": target}
    if body is not None:
        entry["body"] = body
    entry.update(extra)
    files.setdefault(file, []).append(entry)


def user_name():
    serial[0] += 1
    return f"hostile.{serial[0]}"


def user_body(**attributes):
    body = {"schemas": [USER], "userName": user_name()}
    body.update(attributes)
    return json.dumps(body, ensure_ascii=False)


def patch_body(*operations):
    return json.dumps({"schemas": [PATCH], "Operations": list(operations)}, ensure_ascii=False)


def q(text):
    """Percent-encodes a query value (RFC 3986 unreserved kept)."""
    out = []
    for byte in text.encode("utf-8", "surrogatepass"):
        char = chr(byte)
        out.append(char if char.isascii() and (char.isalnum() or char in "-._~") else f"%{byte:02X}")
    return "".join(out)


# 1. Broken JSON, sent to every endpoint that reads a body.
VALID = '{"schemas":["' + USER + '"],"userName":"truncated.user","name":{"givenName":"A"},"emails":[{"value":"a@x"}]}'
broken = [
    ("empty", "an empty body", ""),
    ("whitespace", "only whitespace", " \r\n\t "),
    ("open-brace", "a lone '{'", "{"),
    ("close-brace", "a lone '}'", "}"),
    ("open-bracket", "a lone '['", "["),
    ("key-only", "a member name with no value", '{"schemas":'),
    ("no-colon", "a member without ':'", '{"userName" "x"}'),
    ("truncated-quarter", "a valid user cut at a quarter", VALID[: len(VALID) // 4]),
    ("truncated-half", "a valid user cut in the middle", VALID[: len(VALID) // 2]),
    ("truncated-last", "a valid user without its final '}'", VALID[:-1]),
    ("truncated-in-string", "cut inside a string", '{"userName":"abc'),
    ("truncated-escape", "cut inside an escape", '{"userName":"abc\\'),
    ("truncated-unicode-escape", "cut inside a \\u escape", '{"userName":"\\u00'),
    ("trailing-garbage", "a valid object then text", VALID + "xyz"),
    ("trailing-object", "two objects in a row", VALID + "{}"),
    ("trailing-comma-after", "a valid object then ','", VALID + ","),
    ("trailing-comma-member", "a trailing comma inside an object", '{"userName":"a",}'),
    ("trailing-comma-array", "a trailing comma inside an array", '{"schemas":["' + USER + '",]}'),
    ("bad-escape-x", "the escape \\x", '{"userName":"a\\x41"}'),
    ("bad-escape-u-short", "a \\u escape with three digits", '{"userName":"\\u123"}'),
    ("bad-escape-u-hex", "a \\u escape with non-hex digits", '{"userName":"\\uZZZZ"}'),
    ("bad-escape-apostrophe", "the escape \\'", '{"userName":"\\\'"}'),
    ("lone-high-surrogate", "the escape \\ud800 alone", '{"userName":"\\ud800"}'),
    ("lone-low-surrogate", "the escape \\udc00 alone", '{"userName":"\\udc00"}'),
    ("reversed-surrogates", "a low surrogate before a high one", '{"userName":"\\udc00\\ud800"}'),
    ("surrogate-then-letter", "a high surrogate followed by \\u0041", '{"userName":"\\ud800\\u0041"}'),
    ("raw-newline", "an unescaped newline in a string", '{"userName":"a\nb"}'),
    ("raw-tab", "an unescaped tab in a string", '{"userName":"a\tb"}'),
    ("single-quotes", "single-quoted strings", "{'userName':'a'}"),
    ("unquoted-key", "an unquoted member name", '{userName:"a"}'),
    ("comment", "a JavaScript comment", '{/* c */"userName":"a"}'),
    ("nan", "NaN as a value", '{"userName":"a","active":NaN}'),
    ("infinity", "Infinity as a value", '{"userName":"a","active":Infinity}'),
    ("minus-infinity", "-Infinity as a value", '{"userName":"a","active":-Infinity}'),
    ("huge-exponent", "a number out of double range", '{"userName":"a","active":1e999}'),
    ("huge-negative-exponent", "a negative number out of range", '{"userName":"a","active":-1e999}'),
    ("leading-zero", "a number with a leading zero", '{"userName":"a","active":0123}'),
    ("plus-sign", "a number with a '+' sign", '{"userName":"a","active":+1}'),
    ("bare-fraction", "a number starting with '.'", '{"userName":"a","active":.5}'),
    ("dangling-point", "a number ending with '.'", '{"userName":"a","active":1.}'),
    ("hex-number", "a hexadecimal number", '{"userName":"a","active":0x10}'),
    ("bad-literal", "a misspelt literal", '{"userName":"a","active":tru}'),
    ("capital-literal", "True instead of true", '{"userName":"a","active":True}'),
    ("duplicate-key", "a member name twice", '{"schemas":["' + USER + '"],"userName":"a","userName":"b"}'),
    ("duplicate-schemas", "schemas twice", '{"schemas":[],"schemas":["' + USER + '"],"userName":"dup"}'),
    ("top-array", "an array instead of an object", "[]"),
    ("top-string", "a string instead of an object", '"x"'),
    ("top-number", "a number instead of an object", "42"),
    ("top-null", "null instead of an object", "null"),
    ("top-true", "true instead of an object", "true"),
]
byte_bodies = [
    ("bom", "a UTF-8 byte order mark before the object", "\\xEF\\xBB\\xBF" + VALID),
    ("invalid-utf8-ff", "the byte 0xFF in a string", '{"userName":"a\\xFFb"}'),
    ("invalid-utf8-overlong-slash", "an overlong '/' (C0 AF)", '{"userName":"a\\xC0\\xAFb"}'),
    ("invalid-utf8-overlong-nul", "an overlong NUL (C0 80)", '{"userName":"a\\xC0\\x80b"}'),
    ("invalid-utf8-surrogate", "a UTF-8 encoded surrogate (ED A0 80)", '{"userName":"a\\xED\\xA0\\x80b"}'),
    ("invalid-utf8-truncated", "a truncated three-byte sequence", '{"userName":"a\\xE2\\x82"}'),
    ("invalid-utf8-continuation", "a stray continuation byte", '{"userName":"\\x80"}'),
    ("invalid-utf8-key", "invalid UTF-8 in a member name", '{"user\\xFEName":"a"}'),
    ("raw-nul-in-string", "a raw NUL byte in a string", '{"userName":"a\\x00b"}'),
    ("raw-nul-outside", "a raw NUL byte between tokens", '{"userName":"a"\\x00}'),
    ("utf16", "the body in UTF-16LE", "{\\x00}\\x00"),
]
body_endpoints = [
    ("post-users", "POST", "{base}/Users"),
    ("put-user", "PUT", "{base}/Users/{user}"),
    ("patch-user", "PATCH", "{base}/Users/{user}"),
    ("post-groups", "POST", "{base}/Groups"),
    ("search", "POST", "{base}/.search"),
]
for endpoint, method, target in body_endpoints:
    for name, probe, body in broken:
        case("json", f"{endpoint}.{name}", f"{probe}, to {method} {target}", method, target, body, status=400)
    for name, probe, body in byte_bodies:
        case("json", f"{endpoint}.{name}", f"{probe}, to {method} {target}", method, target, body, bytes=True,
             status=400)

# 2. Wrong types for every attribute of User, Group and PatchOp.
STRING = ["userName", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale",
          "timezone", "password", "externalId"]
NAME_PARTS = ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"]
MULTI = ["emails", "phoneNumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509Certificates"]
ENTERPRISE_STRINGS = ["employeeNumber", "costCenter", "organization", "division", "department"]
wrong_for_string = [("number", 7), ("decimal", 1.5), ("true", True), ("object", {"a": "b"}), ("array-of-number", [1])]
wrong_for_bool = [("number", 1), ("object", {}), ("array", [True]), ("word", "yes")]
wrong_for_multi = [("string", "x"), ("number", 3), ("object-of-objects", {"value": {"a": 1}}),
                   ("array-of-numbers", [1, 2]), ("array-of-arrays", [["x"]]), ("value-object", [{"value": {}}]),
                   ("value-array", [{"value": [1]}]), ("primary-string", [{"value": "x", "primary": "maybe"}]),
                   ("type-number", [{"value": "x", "type": 5}])]
wrong_for_complex = [("string", "x"), ("number", 1), ("array", [{"givenName": "x"}]), ("bool", True)]


def user_with(path, value):
    """A user body whose attribute `path` (dotted, maybe URN-prefixed) is `value`."""
    body = {"schemas": [USER, ENTERPRISE, NINJA], "userName": user_name()}
    if ":" in path:
        urn, name = path.rsplit(":", 1)
        parts = name.split(".")
        container = body.setdefault(urn, {})
    else:
        parts = path.split(".")
        container = body
    for part in parts[:-1]:
        container = container.setdefault(part, {})
    container[parts[-1]] = value
    return json.dumps(body)


def wrong_type(attribute, values, resource="user"):
    for label, value in values:
        if resource == "user":
            case("types", f"post-user.{attribute}.{label}", f"{attribute} as {label} in POST /Users", "POST",
                 "{base}/Users", user_with(attribute, value), status=400)
            case("types", f"patch-user.{attribute}.{label}", f"replace {attribute} with {label} in PATCH",
                 "PATCH", "{base}/Users/{user}", patch_body({"op": "replace", "path": attribute, "value": value}),
                 status=400)
        else:
            body = {"schemas": [GROUP], "displayName": f"hostile group {label}"}
            body[attribute] = value
            case("types", f"post-group.{attribute}.{label}", f"{attribute} as {label} in POST /Groups", "POST",
                 "{base}/Groups", json.dumps(body), status=400)
            case("types", f"patch-group.{attribute}.{label}", f"replace {attribute} with {label} in PATCH",
                 "PATCH", "{base}/Groups/{group}", patch_body({"op": "replace", "path": attribute, "value": value}),
                 status=400)


for attribute in STRING:
    wrong_type(attribute, wrong_for_string)
for part in NAME_PARTS:
    wrong_type(f"name.{part}", wrong_for_string[:3])
wrong_type("name", wrong_for_complex)
wrong_type("active", wrong_for_bool)
for attribute in MULTI:
    # addresses has no `value` sub-attribute (an unknown one is kept by the compatible profile): use streetAddress.
    key = "streetAddress" if attribute == "addresses" else "value"
    wrong_type(attribute, [(label, json.loads(json.dumps(value).replace('"value"', f'"{key}"')))
                           for label, value in wrong_for_multi])
for attribute in ENTERPRISE_STRINGS:
    wrong_type(f"{ENTERPRISE}:{attribute}", wrong_for_string[:3])
wrong_type(f"{ENTERPRISE}:manager", [("number", 1), ("array", [{"value": "x"}]), ("value-number", {"value": 5})])
case("types", "post-user.manager-as-string", "manager as a string, accepted by the compatible profile "
     "(schema.managerAsString)", "POST", "{base}/Users", user_with(f"{ENTERPRISE}:manager", "x"), expect="accept")
wrong_type(f"{NINJA}:userType", wrong_for_string[:3])
wrong_type(f"{NINJA}:organizationId", [("number", 12), ("object", {"id": "12"}), ("array-of-numbers", [12])])
wrong_type("displayName", wrong_for_string, resource="group")
group_bodies = [
    ("no-display-name", "a group without displayName", '{"schemas":["' + GROUP + '"]}'),
    ("empty-display-name", "an empty displayName", '{"schemas":["' + GROUP + '"],"displayName":""}'),
    ("no-schemas", "a group without schemas", '{"displayName":"x"}'),
    ("members-object", "members as an object", '{"schemas":["' + GROUP + '"],"displayName":"x","members":{}}'),
    ("members-robot", "a member of type Robot",
     '{"schemas":["' + GROUP + '"],"displayName":"x","members":[{"value":"{user}","type":"Robot"}]}'),
    ("user-schema", "a group declaring the User schema", '{"schemas":["' + USER + '"],"displayName":"x"}'),
]
for name, probe, body in group_bodies:
    for method, target in [("POST", "{base}/Groups"), ("PUT", "{base}/Groups/{group}")]:
        case("types", f"{method.lower()}-group.{name}", f"{probe}, {method}", method, target, body, status=400)
wrong_type("externalId", wrong_for_string[:3], resource="group")
wrong_type("members", [("string", "x"), ("object", {"value": "x"}), ("numbers", [1]), ("value-number", [{"value": 1}]),
                       ("value-object", [{"value": {}}]), ("type-robot", [{"value": "{user}", "type": "Robot"}])],
           resource="group")
for label, schemas in [("string", '"' + USER + '"'), ("number", "1"), ("object", "{}"), ("numbers", "[1]"),
                       ("empty", "[]"), ("unknown", '["urn:example:nope"]'), ("group-urn", '["' + GROUP + '"]')]:
    case("types", f"post-user.schemas.{label}", f"schemas as {label} in POST /Users", "POST", "{base}/Users",
         '{"schemas":' + schemas + ',"userName":"' + user_name() + '"}', status=400)
    case("types", f"post-group.schemas.{label}", f"schemas as {label} in POST /Groups", "POST", "{base}/Groups",
         '{"schemas":' + schemas.replace(GROUP, USER) + ',"displayName":"hostile schemas"}', status=400)
patch_shapes = [
    ("schemas-string", "PatchOp schemas as a string", '{"schemas":"' + PATCH + '","Operations":[]}'),
    ("operations-missing", "no Operations", '{"schemas":["' + PATCH + '"]}'),
    ("operations-object", "Operations as an object", '{"schemas":["' + PATCH + '"],"Operations":{"op":"add"}}'),
    ("operations-string", "Operations as a string", '{"schemas":["' + PATCH + '"],"Operations":"add"}'),
    ("operations-null", "Operations null", '{"schemas":["' + PATCH + '"],"Operations":null}'),
    ("operations-empty", "Operations empty", '{"schemas":["' + PATCH + '"],"Operations":[]}'),
    ("operation-number", "an operation that is a number", '{"schemas":["' + PATCH + '"],"Operations":[1]}'),
    ("operation-array", "an operation that is an array", '{"schemas":["' + PATCH + '"],"Operations":[[]]}'),
    ("operation-null", "an operation that is null", '{"schemas":["' + PATCH + '"],"Operations":[null]}'),
    ("op-missing", "an operation without op", patch_body({"path": "title", "value": "x"})),
    ("op-number", "op as a number", patch_body({"op": 1, "path": "title", "value": "x"})),
    ("op-array", "op as an array", patch_body({"op": ["add"], "path": "title", "value": "x"})),
    ("op-null", "op null", patch_body({"op": None, "path": "title", "value": "x"})),
    ("op-unknown", "op 'move'", patch_body({"op": "move", "path": "title", "value": "x"})),
    ("op-copy", "op 'copy' (JSON Patch, not SCIM)", patch_body({"op": "copy", "from": "title", "path": "nickName"})),
    ("op-test", "op 'test' (JSON Patch, not SCIM)", patch_body({"op": "test", "path": "title", "value": "x"})),
    ("op-empty", "op ''", patch_body({"op": "", "path": "title", "value": "x"})),
    ("op-padded", "op ' add '", patch_body({"op": " add ", "path": "title", "value": "x"})),
    ("op-nul", "op with a NUL", patch_body({"op": "add\u0000", "path": "title", "value": "x"})),
    ("path-number", "path as a number", patch_body({"op": "add", "path": 5, "value": "x"})),
    ("path-object", "path as an object", patch_body({"op": "add", "path": {"a": 1}, "value": "x"})),
    ("path-array", "path as an array", patch_body({"op": "add", "path": ["title"], "value": "x"})),
    ("path-bool", "path as a boolean", patch_body({"op": "add", "path": True, "value": "x"})),
    ("add-no-value", "add without value", patch_body({"op": "add", "path": "title"})),
    ("add-null", "add with null", patch_body({"op": "add", "path": "title", "value": None})),
    ("replace-no-value", "replace without value", patch_body({"op": "replace", "path": "title"})),
    ("remove-no-path", "remove without path", patch_body({"op": "remove"})),
    ("pathless-string", "a path-less add whose value is a string", patch_body({"op": "add", "value": "x"})),
    ("pathless-array", "a path-less replace whose value is an array", patch_body({"op": "replace", "value": [1]})),
    ("pathless-number", "a path-less add whose value is a number", patch_body({"op": "add", "value": 3})),
    ("pathless-bad-key", "a path-less value with a key that is no attribute path",
     patch_body({"op": "add", "value": {"[bad]": 1}})),
    ("pathless-wrong-type", "a path-less value with a wrongly typed attribute",
     patch_body({"op": "replace", "value": {"active": {"x": 1}}})),
    ("remove-userName", "remove the required userName", patch_body({"op": "remove", "path": "userName"})),
    ("replace-id", "replace the read-only id", patch_body({"op": "replace", "path": "id", "value": "other"})),
    ("replace-meta", "replace the read-only meta", patch_body({"op": "replace", "path": "meta", "value": {}})),
    ("replace-groups", "replace the read-only groups",
     patch_body({"op": "replace", "path": "groups", "value": [{"value": "{group}"}]})),
    ("many-errors", "one good operation then a bad one (atomic)",
     patch_body({"op": "replace", "path": "title", "value": "ok"}, {"op": "replace", "path": "active", "value": []})),
]
for name, probe, body in patch_shapes:
    case("types", f"patchop.{name}", probe, "PATCH", "{base}/Users/{user}", body, status=400)
case("types", "patchop.schemas-wrong-urn", "a PatchOp declaring the User schema (patch.schemasOptional: accepted)",
     "PATCH", "{base}/Users/{user}",
     '{"schemas":["' + USER + '"],"Operations":[{"op":"add","path":"title","value":"x"}]}', expect="accept")

# 3. Deep nesting and 4. bodies too large.
for depth in [33, 100, 1000, 100000]:
    case("nesting", f"array-{depth}", f"the user's emails nested {depth} arrays deep", "POST", "{base}/Users",
         '{"schemas":["' + USER + '"],"userName":"deep","emails":{fill}1' + "]" * depth + "}",
         fill={"text": "[", "count": depth}, status=400)
    case("nesting", f"object-{depth}", f"an extension nested {depth} objects deep", "POST", "{base}/Users",
         '{"schemas":["' + USER + '"],"userName":"deep","x":{fill}1' + "}" * (depth + 1),
         fill={"text": '{"a":', "count": depth}, status=400)
    case("nesting", f"patch-value-{depth}", f"a PATCH value nested {depth} arrays deep", "PATCH",
         "{base}/Users/{user}", '{"schemas":["' + PATCH + '"],"Operations":[{"op":"add","path":"title","value":{fill}'
         + "]" * depth + "}]}", fill={"text": "[", "count": depth}, status=400)
case("nesting", "brackets-1e6", "a million '[' and nothing else", "POST", "{base}/Users", "{fill}",
     fill={"text": "[", "count": 1000000}, status=400)
case("nesting", "braces-unclosed-1e5", "a hundred thousand unclosed '{\"a\":'", "PATCH", "{base}/Users/{user}",
     "{fill}", fill={"text": '{"a":', "count": 100000}, status=400)
case("nesting", "search-filter-array", "a .search whose filter is a deep array", "POST", "{base}/.search",
     '{"schemas":["' + SEARCH + '"],"filter":{fill}' + "]" * 500 + "}", fill={"text": "[", "count": 500}, status=400)
case("size", "ten-mb-of-a", "10 MB of 'a'", "POST", "{base}/Users", "{fill}", fill={"text": "a", "count": 10 << 20},
     status=413)
case("size", "ten-mb-username", "a valid user whose userName is 10 MB", "POST", "{base}/Users",
     '{"schemas":["' + USER + '"],"userName":"{fill}"}', fill={"text": "u", "count": 10 << 20}, status=413)
case("size", "ten-mb-patch", "a PATCH whose value is 10 MB", "PATCH", "{base}/Users/{user}",
     '{"schemas":["' + PATCH + '"],"Operations":[{"op":"add","path":"title","value":"{fill}"}]}',
     fill={"text": "t", "count": 10 << 20}, status=413)
case("size", "ten-mb-put-group", "a PUT of a group with 10 MB of members", "PUT", "{base}/Groups/{group}",
     '{"schemas":["' + GROUP + '"],"displayName":"big","members":[{fill}{"value":"x"}]}',
     fill={"text": '{"value":"x"},', "count": 800000}, status=413)
case("size", "ten-mb-chunked", "10 MB sent chunked, without Content-Length", "POST", "{base}/Users", "{fill}",
     fill={"text": "a", "count": 10 << 20}, chunked=True, status=413)
case("size", "declared-ten-mb", "Content-Length 10 MB announced, 2 bytes sent", "POST", "{base}/Users", "{}",
     headers=[["Content-Length", "10485760"]], status=413)
case("size", "just-over-limit", "one byte over the 1 MiB limit", "POST", "{base}/Users",
     '{"schemas":["' + USER + '"],"userName":"{fill}"}', fill={"text": "v", "count": (1 << 20) - 60}, status=413)
case("size", "under-limit-many-members", "a group with 40,000 members, under the size limit", "POST",
     "{base}/Groups", '{"schemas":["' + GROUP + '"],"displayName":"many","members":[{fill}{"value":"x"}]}',
     fill={"text": '{"value":"x"},', "count": 40000}, status=400)
case("size", "under-limit-long-string", "a 900 kB userName under the size limit, then a wrongly typed active (the "
     "whole body is read; no giant user is left to slow every later list)", "POST", "{base}/Users",
     '{"schemas":["' + USER + '"],"userName":"{fill}","active":"maybe"}', fill={"text": "w", "count": 900000},
     status=400)
case("size", "many-patch-operations", "a PATCH with 20,000 operations", "PATCH", "{base}/Users/{user}",
     '{"schemas":["' + PATCH + '"],"Operations":[{fill}{"op":"remove","path":"nope["}]}',
     fill={"text": '{"op":"add","path":"title","value":"x"},', "count": 20000}, status=400)
case("size", "repeated-member-name", "50,000 repeats of one member name", "POST", "{base}/Users",
     '{"schemas":["' + USER + '"],{fill}"userName":"keys"}', fill={"text": '"k":1,', "count": 50000}, status=400)

# 5. Invalid filters.
filters = [
    ("empty", "an empty filter", ""),
    ("spaces", "only spaces", "   "),
    ("dangling-or", "an 'or' with nothing after it", 'userName eq "x" or'),
    ("dangling-and", "an 'and' with nothing after it", 'userName eq "a" and'),
    ("leading-and", "a filter starting with 'and'", 'and userName eq "a"'),
    ("open-parens", "five '(' only", "((((("),
    ("unbalanced-open", "a '(' never closed", '(userName eq "a"'),
    ("unbalanced-close", "a ')' never opened", 'userName eq "a")'),
    ("empty-parens", "'()'", "()"),
    ("not-alone", "'not' alone", "not"),
    ("not-empty", "'not ()'", "not ()"),
    ("not-without-parens", "'not' without parentheses", 'not userName eq "a"'),
    ("nested-parens-40", "40 nested parentheses", "(" * 40 + "userName pr" + ")" * 40),
    ("nested-not-40", "40 nested 'not ('", "not (" * 40 + "userName pr" + ")" * 40),
    ("unknown-op", "the operator 'like'", 'userName like "a"'),
    ("unknown-op-eqq", "the operator 'eqq'", 'userName eqq "a"'),
    ("symbol-op", "the operator '='", 'userName = "a"'),
    ("symbol-op-ne", "the operator '!='", 'userName != "a"'),
    ("missing-op", "no operator", 'userName "a"'),
    ("missing-value", "no value", "userName eq"),
    ("missing-value-space", "no value after a space", "userName eq "),
    ("pr-with-value", "'pr' followed by a value", 'userName pr "a"'),
    ("reversed", "the value before the attribute", '"x" eq userName'),
    ("unquoted-string", "an unquoted string value", "userName eq bjensen"),
    ("single-quoted", "a single-quoted value", "userName eq 'a'"),
    ("unterminated", "an unterminated string", 'userName eq "abc'),
    ("bad-escape", "a bad escape in the value", 'userName eq "\\q"'),
    ("lone-surrogate", "an escaped lone surrogate", 'userName eq "\\ud800"'),
    ("number-huge", "a number out of range", "emails.value eq 1e400"),
    ("number-malformed", "a malformed number", "meta.version eq 1.2.3"),
    ("bool-on-string", "true compared to a string attribute", "userName eq true"),
    ("gt-boolean", "gt on a boolean", "active gt false"),
    ("ge-boolean", "ge on a boolean", "active ge false"),
    ("co-boolean", "co on a boolean", 'active co "t"'),
    ("string-on-boolean", "a string compared to a boolean (strict meaning)", 'active eq "maybe"'),
    ("number-on-date", "a number compared to a dateTime", "meta.created gt 5"),
    ("bad-date", "an impossible date", 'meta.lastModified gt "2024-02-30T00:00:00Z"'),
    ("not-a-date", "a dateTime that is not one", 'meta.created eq "yesterday"'),
    ("unknown-attribute", "an attribute the User schema does not have", 'nosuch eq "a"'),
    ("unknown-sub", "a sub-attribute that does not exist", 'name.nosuch eq "a"'),
    ("three-levels", "three path levels", 'name.givenName.x eq "a"'),
    ("password", "the never-returned password", 'password eq "secret"'),
    ("complex-compared", "a single-valued complex attribute compared", 'name eq "a"'),
    ("gt-null", "gt null", "userName gt null"),
    ("bad-urn", "a URN with nothing after the colon", "urn:ietf:params:scim:schemas:core:2.0:User: eq 1"),
    ("urn-only", "'urn:' alone", 'urn: eq "a"'),
    ("unknown-urn", "an unknown schema URN", 'urn:example:nope:attr eq "a"'),
    ("urn-numbers", "an all-number URN", "urn:a:b:c:d eq 1"),
    ("colon-attr", "a colon in a bare name", 'user:Name eq "a"'),
    ("enterprise-unknown", "an unknown enterprise attribute", ENTERPRISE + ':nosuch eq "a"'),
    ("valuepath-open", "an unclosed value filter", 'emails[type eq "work"'),
    ("valuepath-empty", "an empty value filter", "emails[]"),
    ("valuepath-double-close", "']]'", 'emails[type eq "work"]]'),
    ("valuepath-nested", "a value filter inside a value filter", "emails[emails[value pr]]"),
    ("valuepath-in-sub", "a value filter after a sub-attribute", 'name.givenName[value eq "a"]'),
    ("valuepath-single", "a value filter on a single-valued attribute", 'userName[value eq "a"]'),
    ("valuepath-unknown-sub", "an unknown sub-attribute in a value filter", 'emails[nosuch eq "x"]'),
    ("valuepath-type-mismatch", "a number compared to emails.type", "emails[type eq 1]"),
    ("valuepath-urn", "a URN inside a value filter", 'emails[' + USER + ':userName eq "x"]'),
    ("bracket-only", "'['", "["),
    ("bracket-close-only", "']'", "]"),
    ("operator-only", "'eq'", "eq"),
    ("keyword-only", "'and'", "and"),
    ("digit-attr", "an attribute name starting with a digit", '1userName eq "a"'),
    ("dollar-attr", "an attribute name starting with '$'", '$ref eq "a"'),
    ("hyphen-start", "an attribute name starting with '-'", '-a eq "b"'),
    ("unicode-attr", "a non-ASCII attribute name", 'üserName eq "a"'),
    ("unicode-op", "a non-ASCII operator", 'userName éq "a"'),
    ("nul", "a NUL in the filter", 'userName eq "a\u0000"'),
    ("nul-attr", "a NUL in the attribute name", 'user\u0000Name eq "a"'),
    ("rtl-override", "a right-to-left override around the operator", 'userName \u202eqe\u202c "a"'),
    ("fullwidth-quote", "full-width quotation marks", 'userName eq \uff02a\uff02'),
    ("tab-separated", "tabs instead of spaces (strict meaning)", 'userName\teq\t"a"x'),
    ("no-space-and", "'and' without spaces", 'userName pr and(title pr)'),
    ("or-prefix", "'or' glued to the next attribute", 'userName pr orx pr'),
    ("huge-4097", "4,097 characters", "userName eq \"{fill}\""),
    ("many-parens", "1,000 '('", "(" * 1000 + "userName pr"),
    ("many-nots", "500 'not('", "not(" * 500 + "userName pr"),
    ("many-brackets", "1,000 '['", "emails" + "[" * 1000),
]
for name, probe, text in filters:
    fill = {"text": "a", "count": 4085} if name == "huge-4097" else None
    for endpoint in ["Users", "Groups"]:
        extra = {"fill": fill} if fill else {}
        case("filters", f"{endpoint.lower()}.{name}", f"{probe}, GET /{endpoint}", "GET",
             "{base}/" + endpoint + "?filter=" + q(text).replace("%7Bfill%7D", "{fill}"), status=400, **extra)
    extra = {"fill": fill} if fill else {}
    body = json.dumps({"schemas": [SEARCH], "filter": text}, ensure_ascii=False).replace("{fill}", "{fill}")
    case("filters", f"search.{name}", f"{probe}, POST /.search", "POST", "{base}/Users/.search", body, status=400,
         **extra)
accepted_filters = [
    ("unicode-value", "a Hebrew value", 'userName eq "\u05e9\u05dc\u05d5\u05dd"'),
    ("emoji-value", "an emoji value", 'displayName co "\U0001F600"'),
    ("rtl-value", "a right-to-left override in the value", 'userName eq "\u202eabc"'),
    ("escaped-nul-value", "an escaped NUL in the value", 'userName eq "a\\u0000b"'),
    ("case-keywords", "upper-case operators and keywords", 'USERNAME EQ "a" OR NOT (TITLE PR)'),
    ("valuepath-ok", "a value filter", 'emails[type eq "work" and value co "@"]'),
    ("unknown-in-root", "attribute unknown to Groups searched across types", 'members pr'),
    ("deep-and-ok", "30 nested parentheses", "(" * 30 + "userName pr" + ")" * 30),
    ("valuepath-dot-compare", "Entra's attr[filter].sub op value, accepted by the compatible profile (FILT-38)",
     'emails[type eq "work"].value eq "x"'),
    ("huge-and-chain", "a 4,011-character chain of 'and' (under the 4,096 limit)",
     ("userName pr and " * 250) + "userName pr"),
    ("percent-literal", "a literal '%' sequence in a value", 'userName eq "%zz"'),
]
for name, probe, text in accepted_filters:
    target = "{base}/Users" if name != "unknown-in-root" else "{base}"
    case("filters", f"accepted.{name}", f"{probe} (valid: 200)", "GET", target + "?filter=" + q(text),
         expect="accept")
# Filters that are well-formed but odd for some resource type: 200, or 400 where the type cannot evaluate them.
odd_filters = [
    ("meta-pr", "meta pr"), ("meta-version", 'meta.version eq "W/\\"1\\""'),
    ("members-and", "members[value pr] and members pr"), ("schemas-valuepath", 'schemas[value sw "urn"]'),
    ("id-gt-number", "id gt 5"), ("binary-lt", 'x509Certificates.value lt "AA=="'),
    ("groups-type", 'groups.type eq "direct"'), ("name-valuepath", "name[givenName pr]"),
    ("nested-unknown", "x[y[z pr]]"),
]
for name, text in odd_filters:
    for endpoint in ["/Users", "/Groups", ""]:
        label = endpoint.strip("/").lower() or "root"
        case("filters", f"odd.{label}.{name}", f"the filter {text!r} on GET {endpoint or '/'}", "GET",
             "{base}" + endpoint + "?filter=" + q(text), expect="accept")
search_bodies = [
    ("empty-object", "an empty SearchRequest", "{}"),
    ("schemas-string", "schemas as a string", '{"schemas":"x"}'),
    ("attributes-number", "attributes as [1]", '{"schemas":["' + SEARCH + '"],"attributes":[1]}'),
    ("sort-order-up", "sortOrder 'up'", '{"schemas":["' + SEARCH + '"],"sortOrder":"up"}'),
    ("start-fraction", "startIndex 1.5", '{"schemas":["' + SEARCH + '"],"startIndex":1.5}'),
    ("start-string", "startIndex as a string", '{"schemas":["' + SEARCH + '"],"startIndex":"1"}'),
    ("count-object", "count as an object", '{"schemas":["' + SEARCH + '"],"count":{}}'),
    ("count-huge", "count 1e30", '{"schemas":["' + SEARCH + '"],"count":1e30}'),
    ("filter-number", "filter as a number", '{"schemas":["' + SEARCH + '"],"filter":5}'),
    ("sortby-array", "sortBy as an array", '{"schemas":["' + SEARCH + '"],"sortBy":["userName"]}'),
]
case("filters", "search-body.attributes-malformed", "attributes naming a malformed path (ignored, ATTR-12)", "POST",
     "{base}/.search", '{"schemas":["' + SEARCH + '"],"attributes":"[x"}', expect="accept")
for name, probe, body in search_bodies:
    for path in ["/Users/.search", "/Groups/.search", "/.search"]:
        case("filters", f"search-body{path.replace('/', '.').lower()}.{name}", f"{probe}, POST {path}", "POST",
             "{base}" + path, body, status=400)

# 6. Invalid PATCH paths (operations with malformed or impossible paths).
patch_paths = [
    ("empty", ""), ("space", " "), ("bracket", "["), ("close-bracket", "]"), ("open-filter", "emails["),
    ("empty-filter", "emails[]"), ("filter-no-value", "emails[type eq]"), ("double-close", 'emails[type eq "work"]]'),
    ("three-levels", "a.b.c"), ("urn-colon", "urn:"), ("urn-short", "urn:x:"), ("colon", ":"),
    ("trailing-dot", 'emails[type eq "work"].'), ("name-dot", "name."), ("dot-name", ".name"),
    ("two-filters", 'emails[type eq "work"][value pr]'), ("nested-filter", "emails[emails[value pr]]"),
    ("nul", "\u0000"), ("dots-3000", "a." * 3000), ("long-name", "x" * 5000),
    ("unknown", "nosuch"), ("unknown-sub", "name.nosuch"), ("unknown-urn", "urn:example:nope:title"),
    ("core-urn-only", USER), ("filter-on-single", 'userName[value pr]'), ("filter-on-name", 'name[givenName pr]'),
    ("meta-filter", 'meta[resourceType eq "User"]'), ("sub-after-filter-unknown", 'emails[type eq "work"].nosuch'),
    ("filter-type-mismatch", "emails[primary eq \"yes\"]"), ("filter-unknown-op", 'emails[type like "w"]'),
    ("rtl", "\u202etitle"), ("emoji", "\U0001F600"), ("space-inside", "name. givenName"),
    ("quote", '"title"'), ("json-pointer", "/title"), ("dollar-only", "$"),
]
# The compatible profile keeps unknown attributes and URNs (schema.keepUnknownAttributes,
# schema.ignoreUnknownSchemaUris) and allows a value filter on a single-valued complex attribute (FILT-23).
lenient_paths = {"unknown", "unknown-urn", "filter-on-name"}
for name, path in patch_paths:
    for op in ["add", "replace", "remove"]:
        operation = {"op": op, "path": path}
        if op != "remove":
            operation["value"] = "x"
        extra = {"expect": "accept"} if name in lenient_paths else {"status": 400}
        case("patch", f"{op}.{name}", f"{op} at the malformed or unknown path {path[:40]!r}", "PATCH",
             "{base}/Users/{user}", patch_body(operation), **extra)
case("patch", "group.replace-member-value", "changing an immutable members.value", "PATCH", "{base}/Groups/{group}",
     patch_body({"op": "add", "path": "members", "value": [{"value": "{user}"}]},
                {"op": "replace", "path": 'members[value eq "{user}"]', "value": {"value": "other"}}), status=400)
case("patch", "group.add-unknown-member", "adding a member that does not exist", "PATCH", "{base}/Groups/{group}",
     patch_body({"op": "add", "path": "members", "value": [{"value": "does-not-exist"}]}), status=400)
case("patch", "group.members-filter-miss", "replace in a members filter that matches nothing (strict meaning)",
     "PATCH", "{base}/Groups/{group}",
     patch_body({"op": "replace", "path": 'members[value eq "x"].display', "value": "y"}), expect="accept")
case("patch", "user.system-admin", "a NinjaOne userType that is refused", "PATCH", "{base}/Users/{user}",
     patch_body({"op": "replace", "path": f"{NINJA}:userType", "value": "systemAdministrator"}), expect="accept")

# 7. Unicode edge cases in values, paths, ids and headers.
unicode_names = [
    ("escaped-nul", "an escaped NUL in userName", "a\u0000b", "accept"),
    ("rtl-override", "a right-to-left override", "\u202eresu", "accept"),
    ("zero-width", "zero-width joiners", "a\u200d\u200db", "accept"),
    ("combining", "a combining character sequence", "e\u0301\u0301\u0301", "accept"),
    ("emoji", "an emoji with a skin tone", "\U0001F44D\U0001F3FD", "accept"),
    ("noncharacter", "the noncharacter U+FFFF", "a\uffff", "accept"),
    ("bom-inside", "a byte order mark inside the value", "\ufeffadmin", "accept"),
    ("line-separator", "U+2028", "a\u2028b", "accept"),
    ("cjk", "CJK characters", "\u7528\u6237", "accept"),
    ("astral", "a character outside the BMP", "\U00010348", "accept"),
    ("only-spaces", "only spaces as userName", "   ", "error"),
    ("empty", "an empty userName", "", "error"),
]
for name, probe, value, expect in unicode_names:
    body = json.dumps({"schemas": [USER], "userName": value + f".{name}" if value.strip() else value})
    extra = {"status": 400} if expect == "error" else {"expect": "accept"}
    case("unicode", f"post-user.{name}", probe, "POST", "{base}/Users", body, **extra)
    case("unicode", f"patch-user.{name}", f"{probe}, in a PATCH", "PATCH", "{base}/Users/{user}",
         patch_body({"op": "replace", "path": "displayName", "value": value}), expect="accept")
unicode_escapes = [
    ("lone-high", "\\ud800"), ("lone-low", "\\udfff"), ("high-high", "\\ud800\\ud800"),
    ("high-then-escape", "\\ud83d\\n"),
]
for name, escape in unicode_escapes:
    case("unicode", f"escape.{name}", f"the escape {escape} in userName", "POST", "{base}/Users",
         '{"schemas":["' + USER + '"],"userName":"x' + escape + '"}', status=400)
unicode_targets = [
    ("id-nul", "{base}/Users/%00", 404), ("id-overlong", "{base}/Users/%C0%80", 404),
    ("id-surrogate", "{base}/Users/%ED%A0%80", 404), ("id-ff", "{base}/Users/%FF", 404),
    ("id-rtl", "{base}/Users/%E2%80%AEabc", 404), ("id-emoji", "{base}/Users/%F0%9F%98%80", 404),
    ("group-id-nul", "{base}/Groups/%00", 404), ("filter-invalid-utf8", "{base}/Users?filter=userName%20eq%20%22%FF%22", 400),
    ("filter-overlong", "{base}/Users?filter=userName%20eq%20%22%C0%AF%22", 400),
    ("attributes-invalid-utf8", "{base}/Users?attributes=%FF", 400),
    ("sortby-invalid-utf8", "{base}/Users?sortBy=%ED%A0%80", 400),
    ("count-invalid-utf8", "{base}/Users?count=%FF", 400),
]
for name, target, status in unicode_targets:
    case("unicode", f"target.{name}", f"invalid or odd UTF-8 in {target}", "GET", target, status=status)
case("unicode", "raw-utf8-in-target", "raw (unescaped) UTF-8 bytes in the request target", "GET",
     "{base}/Users/\\xC3\\xA9", bytes=True, expect="http")
case("unicode", "raw-invalid-utf8-in-target", "a raw 0xFF byte in the request target", "GET",
     "{base}/Users/\\xFF", bytes=True, expect="http")
case("unicode", "utf8-header-value", "UTF-8 in a header value", "GET", "{base}/Users",
     headers=[["X-Note", "\\xC3\\xA9t\\xC3\\xA9"]], bytes=True, expect="accept")

# 8. Header abuse.
content_types = [
    ("text-plain", "text/plain", 415), ("xml", "application/xml", 415), ("form", "application/x-www-form-urlencoded", 415),
    ("multipart", "multipart/form-data; boundary=x", 415), ("latin1", "application/scim+json; charset=latin1", 415),
    ("utf16", "application/json; charset=utf-16", 415), ("empty", "", 415), ("semicolons", ";;;", 415),
    ("star", "*/*", 415), ("scim-typo", "application/scim-json", 415), ("json-patch", "application/json-patch+json", 415),
    ("nul", "application/json\\x00", None), ("huge", "application/scim+json; x={fill}", None),
]
for name, value, status in content_types:
    extra = {"status": status} if status else {"expect": "http"}
    if "{fill}" in value:
        extra["fill"] = {"text": "p", "count": 9000}
    if "\\x" in value:
        extra["bytes"] = True
    case("headers", f"content-type.{name}", f"Content-Type {value[:30]!r} on POST /Users", "POST", "{base}/Users",
         user_body(), headers=[["Content-Type", value]], **extra)
for name, value in [("quoted-charset", 'application/scim+json; charset="utf-8"'), ("upper", "APPLICATION/SCIM+JSON"),
                    ("json-utf8", "application/json;charset=UTF-8"), ("extra-param", "application/scim+json; v=2")]:
    case("headers", f"content-type-ok.{name}", f"Content-Type {value!r} (valid: 201)", "POST", "{base}/Users",
         user_body(), headers=[["Content-Type", value]], expect="accept")
case("headers", "content-type.duplicate", "two Content-Type headers, one unsupported", "POST", "{base}/Users",
     user_body(), headers=[["Content-Type", "text/plain"], ["Content-Type", "application/scim+json"]], status=415)
authorizations = [
    ("none", None, 401), ("empty", "", 401), ("bearer-only", "Bearer", 401), ("bearer-space", "Bearer ", 401),
    ("basic", "Basic dXNlcjpwYXNz", 401), ("wrong-token", "Bearer wrong", 401),
    ("token-prefix", "Bearer {token}x", 401), ("token-truncated", "Bearer test-token", 401),
    ("token-nul", "Bearer {token}\\x00", None), ("token-unicode", "Bearer t\\xC3\\xA9st", 401),
    ("huge-token", "Bearer {fill}", 401), ("scheme-only-junk", "Negotiate abc", 401),
    ("no-scheme", "{token}", 401), ("two-tokens", "Bearer {token} {token}", 401),
]
for name, value, status in authorizations:
    extra = {"status": status} if status else {"expect": "http"}
    if value and "{fill}" in value:
        extra["fill"] = {"text": "t", "count": 8000}
    if value and "\\x" in value:
        extra["bytes"] = True
    case("headers", f"authorization.{name}", f"Authorization {str(value)[:30]!r}", "GET", "{base}/Users",
         headers=[["Authorization", value]], **extra)
case("headers", "authorization.duplicate-bad-first", "two Authorization headers, the wrong one first", "GET",
     "{base}/Users", headers=[["Authorization", "Bearer wrong"], ["Authorization", "Bearer {token}"]], status=401)
case("headers", "authorization.duplicate-good-first", "two Authorization headers, the right one first", "GET",
     "{base}/Users", headers=[["Authorization", "Bearer {token}"], ["Authorization", "Bearer wrong"]], status=401)
case("headers", "authorization.lowercase-scheme", "'bearer' in lower case (valid: 200)", "GET", "{base}/Users",
     headers=[["Authorization", "bearer {token}"]], expect="accept")
for name, value in [("garbage", "garbage"), ("weak-only", "W/"), ("unterminated", '"abc'), ("list-garbage", 'W/"1", junk'),
                    ("empty", ""), ("huge", '"{fill}"'), ("stale", 'W/"0"'), ("comma-only", ",,,")]:
    extra = {"fill": {"text": "e", "count": 8000}} if "{fill}" in value else {}
    for method, body in [("PUT", user_body()), ("PATCH", patch_body({"op": "replace", "path": "title", "value": "t"})),
                         ("DELETE", None)]:
        case("headers", f"if-match.{method.lower()}.{name}", f"If-Match {value[:20]!r} on {method}", method,
             "{base}/Users/{user}", body, headers=[["If-Match", value]], status=412, **extra)
for name, value in [("garbage", "garbage"), ("unterminated", '"abc')]:
    case("headers", f"if-none-match.{name}", f"If-None-Match {value!r} on GET (no match: 200)", "GET",
         "{base}/Users/{user}", headers=[["If-None-Match", value]], expect="accept")
http_level = [
    ("content-length-negative", "Content-Length -1", [["Content-Length", "-1"]]),
    ("content-length-text", "Content-Length abc", [["Content-Length", "abc"]]),
    ("content-length-two", "two different Content-Length", [["Content-Length", "2"], ["Content-Length", "3"]]),
    ("content-length-and-chunked", "Content-Length with Transfer-Encoding chunked",
     [["Content-Length", "2"], ["Transfer-Encoding", "chunked"]]),
    ("transfer-encoding-unknown", "Transfer-Encoding gzip", [["Transfer-Encoding", "gzip"]]),
    ("huge-header", "a 100 kB header", [["X-Huge", "{fill}"]]),
]
for name, probe, headers in http_level:
    extra = {"fill": {"text": "h", "count": 100000}} if name == "huge-header" else {}
    case("headers", f"http.{name}", probe, "POST", "{base}/Users", "{}", headers=headers, expect="http", **extra)
case("headers", "http.thousand-headers", "1,000 header fields", "GET", "{base}/Users",
     headers=[[f"X-H{i}", "v"] for i in range(1000)], expect="http")
case("headers", "content-encoding-gzip", "Content-Encoding gzip over a plain body", "POST", "{base}/Users",
     user_body(), headers=[["Content-Encoding", "gzip"]], status=415)
case("headers", "expect-continue", "Expect: 100-continue with a body (valid)", "POST", "{base}/Users", user_body(),
     headers=[["Expect", "100-continue"]], expect="accept")
case("headers", "method-override", "X-HTTP-Method-Override DELETE on a GET (ignored: 200)", "GET",
     "{base}/Users/{user}", headers=[["X-HTTP-Method-Override", "DELETE"]], expect="accept")
case("headers", "accept-html", "Accept text/html only", "GET", "{base}/Users", headers=[["Accept", "text/html"]],
     expect="accept")
case("headers", "no-host", "no Host header", "GET", "{base}/Users", headers=[["Host", None]], expect="http")

# 9. Bad query parameters.
queries = [
    ("count-negative", "count=-1", "accept"), ("count-text", "count=abc", 400), ("count-empty", "count=", 400),
    ("count-float", "count=1.5", 400), ("count-exp", "count=1e3", 400), ("count-huge", "count=99999999999999999999", "accept"),
    ("count-min", "count=-9223372036854775808", "accept"), ("count-plus", "count=+5", "accept"),
    ("count-hex", "count=0x10", 400), ("count-space", "count=%201", "accept"), ("count-nul", "count=1%00", 400),
    ("start-text", "startIndex=abc", 400), ("start-zero", "startIndex=0", "accept"), ("start-negative", "startIndex=-1", "accept"),
    ("start-huge", "startIndex=9223372036854775807&count=10", "accept"), ("start-overflow", "startIndex=99999999999999999999999", "accept"),
    ("start-empty", "startIndex=", 400), ("both-negative", "startIndex=-1&count=-1", "accept"),
    ("sortby-empty", "sortBy=", "accept"), ("sortby-bracket", "sortBy=%5B", 400), ("sortby-unknown", "sortBy=nosuch", "accept"),
    ("sortby-password", "sortBy=password", "accept"), ("sortby-meta", "sortBy=meta&sortOrder=ascending", "accept"),
    ("sortorder-bad", "sortBy=userName&sortOrder=sideways", 400), ("sortorder-alone", "sortOrder=descending", "accept"),
    ("attributes-commas", "attributes=,,,", "accept"), ("attributes-bracket", "attributes=emails%5Btype", "accept"),
    ("attributes-urn", "attributes=urn:x", "accept"), ("attributes-dots", "attributes=a.b.c", "accept"),
    ("excluded-brackets", "excludedAttributes=%5B%5D", "accept"), ("both-projections", "attributes=userName&excludedAttributes=title", 400),
    ("attributes-long", "attributes={fill}", "accept"), ("filter-twice", "filter=userName%20pr&filter=%28", "accept"),
    ("bad-percent", "filter=%zz", 400), ("percent-at-end", "filter=userName%20eq%20%22a%", 400),
    ("no-equals", "filter", 400), ("ampersands", "&&&&", "accept"), ("many-params", "{fill}", "accept"),
    ("unknown-param", "foo=bar", "accept"), ("semicolon", "count=1;startIndex=2", 400),
]
for name, query, expect in queries:
    extra = {}
    if "{fill}" in query:
        extra["fill"] = {"text": "userName," if name == "attributes-long" else "x=1&", "count": 2000}
    if expect == "accept":
        extra["expect"] = "accept"
    else:
        extra["status"] = expect
    for endpoint in ["Users", "Groups"]:
        case("query", f"{endpoint.lower()}.{name}", f"?{query[:40]} on GET /{endpoint}", "GET",
             "{base}/" + endpoint + "?" + query, **extra)
# Malformed names in attributes/excludedAttributes are ignored like unknown ones (ATTR-12).
for name, query in [("attributes-bracket", "attributes=%5B"), ("excluded-bad", "excludedAttributes=a.b.c")]:
    case("query", f"user-read.{name}", f"?{query} on GET /Users/{{id}}", "GET", "{base}/Users/{user}?" + query,
         expect="accept")

# 10. Unknown methods and paths.
for method in ["PROPFIND", "TRACE", "CONNECT", "FOO", "get", "MKCOL", "M" * 100, "LINK"]:
    case("methods", f"method.{method[:12].lower()}", f"the method {method[:20]}", method, "{base}/Users",
         expect="http")
paths = [
    ("trailing-slash", "GET", "{base}/Users/", "accept"), ("double-slash", "GET", "{base}//Users", "accept"),
    ("dot-dot", "GET", "{base}/Users/../Groups", "accept"), ("encoded-dot-dot", "GET", "{base}/Users/%2e%2e/Groups", 404),
    ("extra-segment", "GET", "{base}/Users/{user}/extra", 404), ("lowercase", "GET", "{base}/users", 404),
    ("v1", "GET", "/scim/v1/Users", 400), ("root", "GET", "/", 404), ("no-base", "GET", "/Users", 404),
    ("long-id", "GET", "{base}/Users/{fill}", 404), ("unknown-id", "GET", "{base}/Users/2819c223-nope", 404),
    ("unknown-group", "GET", "{base}/Groups/nope", 404), ("delete-unknown", "DELETE", "{base}/Users/nope", 404),
 ("bad-schema", "GET", "{base}/Schemas/urn:bad", 404),
    ("bad-resource-type", "GET", "{base}/ResourceTypes/Nope", 404),
    ("put-spc", "PUT", "{base}/ServiceProviderConfig", 405), ("post-schemas", "POST", "{base}/Schemas", 405),
    ("delete-users", "DELETE", "{base}/Users", 405), ("post-user-id", "POST", "{base}/Users/{user}", 405),
    ("put-groups", "PUT", "{base}/Groups", 405), ("get-search", "GET", "{base}/.search", 405),
    ("patch-resource-types", "PATCH", "{base}/ResourceTypes", 405),
    ("admin-with-scim-token", "GET", "/admin/v1/accounts", "http"), ("admin-unknown", "GET", "/admin/v1/nope", "http"),
    ("absolute-form", "GET", "http://evil.example/scim/v2/Users", "http"), ("asterisk", "OPTIONS", "*", "http"),
    ("no-leading-slash", "GET", "scim/v2/Users", "http"), ("fragment", "GET", "{base}/Users#x", "http"),
    ("query-only", "GET", "?filter=x", "http"), ("nul-raw", "GET", "{base}/Users/\\x00", "http"),
    ("space-in-target", "GET", "{base}/Us ers", "http"), ("huge-target", "GET", "{base}/Users?filter={fill}", "http"),
]
for name, method, target, expect in paths:
    extra = {}
    if "{fill}" in target:
        extra["fill"] = {"text": "i", "count": 10000 if name == "long-id" else 200000}
    if "\\x" in target:
        extra["bytes"] = True
    if isinstance(expect, int):
        extra["status"] = expect
    else:
        extra["expect"] = expect
    case("methods", f"path.{name}", f"{method} {target[:40]}", method, target, **extra)
case("methods", "path.patch-unknown", "PATCH of a group that does not exist", "PATCH", "{base}/Groups/nope",
     patch_body({"op": "replace", "path": "displayName", "value": "x"}), status=404)
raw_requests = [
    ("garbage", "a line that is not HTTP", "GARBAGE\r\n\r\n"),
    ("http09", "an HTTP/0.9 request line", "GET /scim/v2/Users\r\n\r\n"),
    ("http-version-9", "HTTP/9.9", "GET /scim/v2/Users HTTP/9.9\r\nHost: x\r\n\r\n"),
    ("http2-preface", "the HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
    ("lf-only", "bare LF line endings", "GET /scim/v2/Users HTTP/1.1\nHost: x\n\n"),
    ("no-version", "no HTTP version", "GET /scim/v2/Users\r\nHost: x\r\n\r\n"),
    ("tls-hello", "a TLS ClientHello", "\\x16\\x03\\x01\\x00\\xa5\\x01\\x00\\x00\\xa1\\x03\\x03"),
    ("binary", "binary noise", "\\x00\\x01\\x02\\x03\\xff\\xfe\\r\\n\\r\\n"),
    ("obs-fold", "an obsolete folded header", "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n"),
    ("space-before-colon", "a space before ':'", "GET /scim/v2/Users HTTP/1.1\r\nHost : x\r\n\r\n"),
    ("smuggle-cl-te", "CL.TE smuggling", "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n"
     "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nG"),
    ("bad-chunk-size", "a chunk size that is not hex", "POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\n"
     "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
    ("header-no-colon", "a header line without ':'", "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"),
    ("head-never-ends", "a head that never ends (the client then half-closes)", "GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\n"),
    ("empty-lines", "empty lines only", "\r\n\r\n\r\n"),
]
for name, probe, raw in raw_requests:
    case("methods", f"raw.{name}", probe, "RAW", "", raw=raw, bytes=True, expect="http")

# Writes one file per area.
for name, entries in files.items():
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
    with open(os.path.join(HERE, f"{name}.jsonl"), "w", encoding="utf-8") as out:
        for entry in entries:
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
print(sum(len(entries) for entries in files.values()), "cases in", len(files), "files")
