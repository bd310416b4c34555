import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// rfc-core's PATCH matrix (rfc-checklist.md §17, testers-survey.md §4 checks 25–29 and 31): add, replace and
/// remove with and without a path, on simple, complex and multi-valued attributes and through value paths, each
/// verified by the next GET; then the errors Table 9 names, which must leave the user as it was.
enum RFCPatchMatrix {
    /// PATCHes user `id` with `operations` (any success: 200 with the resource or 204), then GETs it and runs `checks`.
    static func patchThenRead(
        _ s: Session, _ id: String, _ operations: [JSONValue], @CheckBuilder checks: () -> [any Check]
    ) async throws -> Response {
        try await s.patch(RFCFixtures.user(id), json: RFCCoreProtocol.patchOp(operations)) {
            Status(oneOf: 200, 204).hint("apply every RFC 7644 §3.5.2 operation form")
        }
        return try await s.get(RFCFixtures.user(id), checks: checks)
    }

    /// Sends a PATCH that must fail with 400 (and `scimType` when given).
    static func refuse(
        _ s: Session, _ id: String, _ operations: [JSONValue], scimType: SCIMErrorType?, _ checklist: String,
        hint: String
    ) async throws {
        try await s.patch(RFCFixtures.user(id), json: RFCCoreProtocol.patchOp(operations)) {
            Status(400).spec(.checklist(checklist)).hint(hint)
            SCIMError(status: 400, scimType: scimType).spec(.checklist(checklist))
        }
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "rfc.patch.attribute-matrix",
            "PATCH add, replace and remove on simple, complex and multi-valued attributes, with and without paths",
            .spec(.rfc7644("3.5.2.1")), .spec(.rfc7644("3.5.2.2")), .spec(.rfc7644("3.5.2.3")),
            .spec(.checklist("PATCH-05")), .spec(.checklist("PATCH-09")), .spec(.checklist("PATCH-11")),
            .spec(.checklist("PATCH-12")), .spec(.checklist("PATCH-21")), .spec(.checklist("PATCH-22")),
            .spec(.checklist("PATCH-23")), .spec(.checklist("PATCH-24")), .spec(.checklist("PATCH-25")),
            .spec(.checklist("PATCH-26")), .spec(.checklist("PATCH-28")), .spec(.checklist("PATCH-29")),
            .spec(.checklist("PATCH-30")), .spec(.checklist("PATCH-32")), .spec(.checklist("PATCH-37")),
            .spec(.checklist("PATCH-39")), .tags("rfc", "patch"), .requires(.patch), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(
                s, "patch-matrix",
                extra: JSONObject([
                    ("title", "T0"),
                    (
                        "emails",
                        [
                            ["value": "work@example.com", "type": "work", "primary": true],
                            ["value": "home@example.com", "type": "home"],
                        ]
                    ),
                    (
                        "addresses",
                        [["type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood"]]
                    ),
                ]))
            try await patchThenRead(
                s, id,
                [
                    ["op": "add", "path": "title", "value": "A"], ["op": "replace", "path": "title", "value": "B"],
                    ["op": "add", "path": "nickName", "value": "Babs"],
                    ["op": "replace", "path": "displayName", "value": "Shown"],
                    ["op": "replace", "path": "active", "value": false],
                    ["op": "replace", "path": "NAME.GIVENNAME", "value": "Upper"],
                ]
            ) {
                JSON("/title", equals: "B").spec(.checklist("PATCH-05")).hint("apply operations in order")
                JSON("/nickName", equals: "Babs").spec(.checklist("PATCH-11"))
                JSON("/displayName", equals: "Shown").spec(.checklist("PATCH-26"))
                    .hint("replace on an unassigned attribute adds it")
                JSON("/active", equals: false).spec(.checklist("PATCH-25"))
                JSON("/name/givenName", equals: "Upper").spec(.checklist("PATCH-37"))
                    .hint("attribute paths are case-insensitive (RFC 7644 §3.10)")
                JSON("/name/familyName", equals: "patch-matrix")
            }
            try await patchThenRead(
                s, id,
                [
                    ["op": "replace", "value": ["active": true]],
                    ["op": "add", "path": "name", "value": ["middleName": "Jane"]],
                    ["op": "replace", "path": "name", "value": ["honorificPrefix": "Dr."]],
                    ["op": "replace", "path": "title", "value": .null],
                ]
            ) {
                JSON("/active", equals: true).spec(.checklist("PATCH-24"))
                    .because("Okta deactivates and reactivates with a path-less replace")
                JSON("/name/honorificPrefix", equals: "Dr.").spec(.checklist("PATCH-28"))
                JSON("/name/familyName", equals: "patch-matrix").spec(.checklist("PATCH-28"))
                    .hint("replace on a complex attribute leaves the sub-attributes it does not name")
                JSON("/name/middleName", equals: "Jane").spec(.checklist("PATCH-12"))
                JSON("/title").absent().spec(.checklist("PATCH-39")).hint("a null value unassigns the attribute")
            }
            try await patchThenRead(
                s, id,
                [
                    [
                        "op": "add",
                        "value": ["emails": [["value": "other@example.com", "type": "other"]], "nickName": "Jo"],
                    ]
                ]
            ) {
                JSON("/emails/2/value", equals: "other@example.com").spec(.checklist("PATCH-09"))
                    .hint("a path-less add appends to multi-valued attributes")
                JSON("/nickName", equals: "Jo").spec(.checklist("PATCH-09"))
            }
            let read = try await patchThenRead(
                s, id,
                [
                    ["op": "replace", "path": "emails[type eq \"work\"].value", "value": "work2@example.com"],
                    [
                        "op": "replace", "path": "addresses[type eq \"work\"]",
                        "value": [
                            "type": "work", "streetAddress": "911 Universal City Plaza", "locality": "Hollywood",
                            "region": "CA",
                        ],
                    ],
                    ["op": "remove", "path": "addresses[type eq \"work\"].locality"],
                    ["op": "replace", "path": "emails[type eq \"home\"].primary", "value": true],
                    ["op": "remove", "path": "emails[type eq \"other\"]"],
                ]
            ) {
                JSON("/addresses/0/streetAddress", equals: "911 Universal City Plaza").spec(.checklist("PATCH-29"))
                JSON("/addresses/0/region", equals: "CA").spec(.checklist("PATCH-22"))
                JSON("/addresses/0/locality").absent().spec(.checklist("PATCH-22"))
                JSON("/emails/2").absent().spec(.checklist("PATCH-21"))
                    .hint("remove with a value filter removes the matching values only")
            }
            let emails = read.json?["emails"]?.arrayValue ?? []
            let work = emails.first { $0["type"] == "work" }
            let home = emails.first { $0["type"] == "home" }
            s.verify(
                "emails[type eq \"work\"].value changed the work email only",
                work?["value"] == "work2@example.com" && home?["value"] == "home@example.com",
                expected: "work2@example.com and home@example.com",
                actual: emails.map { $0["value"]?.serialized() ?? "?" }.joined(separator: ", "),
                specs: [.checklist("PATCH-30")])
            let primaries = emails.filter { $0["primary"] == true }
            s.verify(
                "setting primary on the home email clears it on the work one",
                primaries.count == 1 && home?["primary"] == true, expected: "exactly one primary: home",
                actual: "\(primaries.count) primary: \(primaries.map { $0["type"]?.serialized() ?? "?" })",
                specs: [.checklist("PATCH-32")])
            try await patchThenRead(
                s, id, [["op": "replace", "value": ["emails": [["value": .string(userName), "type": "work"]]]]]
            ) {
                JSON("/emails/0/value", equals: .string(userName)).spec(.checklist("PATCH-23"))
                JSON("/emails/1").absent().spec(.checklist("PATCH-23"))
                    .hint("a path-less replace replaces all values of a multi-valued attribute")
                JSON("/name/givenName", equals: "Upper")
            }
        },
        Scenario(
            "rfc.patch.errors",
            "Invalid PATCH requests answer 400 with the Table 9 scimType and change nothing",
            .spec(.rfc7644("3.5.2")), .spec(.rfc7644("3.12")), .spec(.checklist("ERR-10")),
            .spec(.checklist("ERR-11")), .spec(.checklist("ERR-12")), .spec(.checklist("PATCH-03")),
            .spec(.checklist("PATCH-04")), .spec(.checklist("PATCH-08")), .spec(.checklist("PATCH-15")),
            .spec(.checklist("PATCH-17")), .spec(.checklist("PATCH-33")),
            .spec(.checklist("PATCH-34")), .spec(.checklist("PATCH-35")), .spec(.checklist("PATCH-36")),
            .spec(.checklist("PATCH-40")), .spec(.checklist("UNQ-04")), .spec(.checklist("SCH-15")),
            .tags("rfc", "patch", "errors"),
            .requires(.patch), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(
                s, "patch-errors", extra: JSONObject([("title", "Keep")]))
            try await s.patch(RFCFixtures.user(id), json: RFCCoreProtocol.patchOp([])) {
                Status(400).spec(.checklist("PATCH-03")).hint("Operations holds one or more operations")
                SCIMError(status: 400)
            }
            try await refuse(
                s, id, [["op": "move", "path": "title", "value": "X"]], scimType: nil, "PATCH-04",
                hint: "op is one of add, remove, replace")
            try await refuse(
                s, id, [["op": "add", "path": "title"]], scimType: nil, "PATCH-08", hint: "add carries a value")
            try await refuse(
                s, id, [["op": "remove"]], scimType: .noTarget, "PATCH-15", hint: "remove without a path is noTarget")
            try await refuse(
                s, id, [["op": "remove", "path": "userName"]], scimType: .mutability, "PATCH-17",
                hint: "a required attribute cannot be removed")
            try await refuse(
                s, id, [["op": "replace", "path": "meta.created", "value": "2000-01-01T00:00:00Z"]],
                scimType: .mutability, "PATCH-33", hint: "readOnly attributes cannot be modified")
            try await refuse(
                s, id, [["op": "add", "path": "groups", "value": [["value": "2819c223-7f76-453a-919d-413861904646"]]]],
                scimType: .mutability, "SCH-15",
                hint: "User groups is readOnly: membership changes go through the Group")
            try await refuse(
                s, id, [["op": "replace", "path": "name..familyName", "value": "X"]], scimType: .invalidPath,
                "PATCH-34",
                hint: "a malformed path is invalidPath")
            let badFilter = try await s.patch(
                RFCFixtures.user(id),
                json: RFCCoreProtocol.patchOp([["op": "replace", "path": "emails[value zz \"x\"].value", "value": "y"]])
            ) {
                Status(400).spec(.checklist("PATCH-35"))
                SCIMError(status: 400)
            }
            let scimType = badFilter.json?["scimType"]?.stringValue
            s.verify(
                "a bad filter in a path is invalidFilter (or invalidPath)",
                scimType == "invalidFilter" || scimType == "invalidPath", expected: "invalidFilter or invalidPath",
                actual: scimType ?? "no scimType", specs: [.checklist("PATCH-35")])
            try await refuse(
                s, id, [["op": "replace", "path": "active", "value": "notabool"]], scimType: .invalidValue, "PATCH-36",
                hint: "a value of the wrong type is invalidValue")
            let (_, takenName) = try await RFCFixtures.createUser(s, "patch-taken")
            let rename = try await s.patch(
                RFCFixtures.user(id),
                json: RFCCoreProtocol.patchOp([["op": "replace", "path": "userName", "value": .string(takenName)]])
            ) {
                Status(oneOf: 409, 400).spec(.checklist("PATCH-40")).hint("a rename into a taken userName is 409")
            }
            try s.checkLast("PATCH", "/Users/\(id)") {
                SCIMError(status: rename.status == 400 ? 400 : 409, scimType: .uniqueness).spec(.checklist("UNQ-04"))
                Status(409).level(.should).spec(.checklist("RFCX-1"))
            }
            try await s.get(RFCFixtures.user(id)) {
                JSON("/title", equals: "Keep").hint("a refused PATCH leaves the resource as it was")
                JSON("/userName", equals: .string(userName))
                JSON("/active", equals: true)
            }
        },
        Scenario(
            "rfc.groups.members-patch-matrix",
            "Group members: add is idempotent, replace replaces the list, remove without a filter empties it",
            .spec(.rfc7644("3.5.2")), .spec(.checklist("PATCH-10")), .spec(.checklist("PATCH-18")),
            .spec(.checklist("PATCH-27")), .tags("rfc", "groups", "patch"), .requires(.patch), .writes
        ) { s in
            let (first, _) = try await RFCFixtures.createUser(s, "members-a")
            let (second, _) = try await RFCFixtures.createUser(s, "members-b")
            let groupID = try await RFCCoreProtocol.createGroup(s, "members-matrix", members: [first])
            let path = "/Groups/\(URLPathSegment.encode(groupID))"
            let steps: [(JSONValue, [String], String, String)] = [
                (
                    [
                        "op": "add", "path": "members",
                        "value": [["value": .string(first)], ["value": .string(second)]],
                    ],
                    [first, second], "PATCH-10", "adding a member already there keeps one copy of it"
                ),
                (
                    ["op": "replace", "path": "members", "value": [["value": .string(second)]]], [second], "PATCH-27",
                    "replace on members replaces the whole list (Okta's full push)"
                ),
                (["op": "remove", "path": "members"], [], "PATCH-18", "remove on members without a filter empties it"),
            ]
            for (operation, expected, checklist, hint) in steps {
                try await s.patch(path, json: RFCCoreProtocol.patchOp([operation])) { Status(oneOf: 200, 204) }
                let read = try await s.get(path) { Status(200) }
                let values = read.json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
                let members = Set(values)
                let count = values.count
                s.verify(
                    "after \(operation["op"]?.stringValue ?? "?"), the members are as expected",
                    members == Set(expected) && count == expected.count,
                    expected: expected.isEmpty
                        ? "no members" : RFCCoreProtocol.describe(Set(expected), inOrder: [first, second]),
                    actual: "\(count) entries: " + RFCCoreProtocol.describe(members, inOrder: [first, second]),
                    specs: [.checklist(checklist)], fixHint: hint)
            }
        },
    ]
}
