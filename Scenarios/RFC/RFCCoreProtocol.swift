import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// More of rfc-core: discovery, media types, PUT and DELETE edges, PATCH semantics, group membership and
/// filter errors (rfc-checklist.md IDs in the traits; testers-survey.md §4 checks 3–5, 7–8, 18, 22, 26–31, 37).
enum RFCCoreProtocol {
    /// A PatchOp body with `operations`.
    static func patchOp(_ operations: [JSONValue]) -> JSONValue {
        ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
    }

    /// Creates a group with a run-unique name and `members`, registering its removal; returns its id.
    static func createGroup(_ s: Session, _ name: String, members: [String] = []) async throws -> String {
        let response = try await s.post(
            "/Groups",
            json: [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(s.unique(name)),
                "members": .array(members.map { ["value": .string($0)] }),
            ]
        ) { Status(in: 200..<300) }
        let id = try s.require(response.json?["id"]?.stringValue, "the created group has an id")
        s.onCleanup { try await $0.removeCreatedGroup(id: id) }
        return id
    }

    /// The member ids a group reads back with.
    static func memberIDs(_ s: Session, _ groupID: String) async throws -> Set<String> {
        let response = try await s.get("/Groups/\(URLPathSegment.encode(groupID))") { Status(200) }
        return Set(response.json?["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? [])
    }

    /// `ids` as text, the `known` ones first in their order (so reports do not depend on random ids), then the rest.
    static func describe(_ ids: Set<String>, inOrder known: [String]) -> String {
        (known.filter(ids.contains) + ids.subtracting(known).sorted()).joined(separator: ", ")
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "rfc.discovery.resource-types-and-schemas",
            "ResourceTypes lists User and Group; every schema they name is served at /Schemas/{urn}",
            .spec(.rfc7644("4")), .spec(.rfc7643("6")), .spec(.checklist("DISC-05")), .spec(.checklist("DISC-06")),
            .spec(.checklist("DISC-08")), .spec(.checklist("DISC-09")), .tags("rfc", "discovery")
        ) { s in
            let types = try await s.get("/ResourceTypes") {
                Status(200)
                ListResponse(nonEmpty: true).hint("answer GET /ResourceTypes with a ListResponse of ResourceType")
            }
            let resources = types.json?["Resources"]?.arrayValue ?? []
            let names = Set(resources.compactMap { $0["name"]?.stringValue })
            s.verify(
                "User and Group are listed", names.isSuperset(of: ["User", "Group"]), expected: "User, Group",
                actual: names.sorted().joined(separator: ", "), specs: [.checklist("DISC-05")])
            var schemas: [String] = []
            for resource in resources {
                if let schema = resource["schema"]?.stringValue { schemas.append(schema) }
                for ext in resource["schemaExtensions"]?.arrayValue ?? [] {
                    if let schema = ext["schema"]?.stringValue { schemas.append(schema) }
                }
            }
            for schema in schemas {
                try await s.get("/Schemas/\(URLPathSegment.encode(schema))") {
                    Status(200).hint("serve every schema a ResourceType names at /Schemas/{its URN}")
                    JSON("/id", equals: .string(schema)).spec(.checklist("DISC-06"))
                    JSON("/attributes").array()
                }
            }
            try await s.get("/ResourceTypes/User") {
                Status(200).spec(.checklist("DISC-08"))
                JSON("/name", equals: "User")
            }
        },
        Scenario(
            "rfc.media.scim-json",
            "Responses, errors included, are application/scim+json; application/json is accepted",
            .spec(.rfc7644("8.1")), .spec(.rfc7644("3.8")), .spec(.checklist("GEN-03")), .spec(.checklist("GEN-05")),
            .tags("rfc", "media-type"), .level(.should), .writes
        ) { s in
            try await s.get("/Users", query: "count=1") {
                Header("Content-Type", contains: SCIMMediaType.scim).hint("send Content-Type: application/scim+json")
            }
            try await s.get("/Users/2819c223-7f76-453a-919d-fffffffffffe") {
                Status(404)
                Header("Content-Type", contains: SCIMMediaType.scim)
                    .because("Okta's SPEC test posts and reads SCIM JSON; an HTML error page hides the cause")
            }
            let (userName, body) = RFCFixtures.userBody(s, "plain-json")
            let created = try await s.request(
                "POST", "/Users", json: body, headers: [HTTPHeader("Content-Type", SCIMMediaType.json)]
            ) {
                Status(201)
                    .because("Okta's SPEC test creates its user with Content-Type: application/json (step 6)")
                    .hint("accept application/json request bodies as well as application/scim+json")
                JSON("/userName", equals: .string(userName))
            }
            if let id = created.json?["id"]?.stringValue { s.onCleanup { try await $0.removeCreatedUser(id: id) } }
        },
        Scenario(
            "rfc.users.put-unknown", "PUT to an unknown id answers 404 and creates nothing",
            .spec(.rfc7644("3.5.1")), .spec(.checklist("PUT-02")), .tags("rfc", "users", "put"), .writes
        ) { s in
            let (userName, body) = RFCFixtures.userBody(s, "put-unknown")
            try await s.put("/Users/2819c223-7f76-453a-919d-fffffffffffd", json: body) {
                Status(404).hint("PUT never creates a resource (RFC 7644 §3.5.1)")
                SCIMError(status: 404)
            }
            try await s.get("/Users", query: RFCFixtures.filter("userName eq \"\(userName)\"")) {
                ListResponse(totalResults: 0).spec(.checklist("PUT-02"))
            }
        },
        Scenario(
            "rfc.users.put-readonly-id", "A PUT whose body carries another id is applied to the URL's resource",
            .spec(.rfc7644("3.5.1")), .spec(.checklist("PUT-06")), .spec(.checklist("RFCX-3")),
            .tags("rfc", "users", "put"),
            .writes, .note("400 mutability is the RFC's own §3.12 example, so it is a warning, not a failure (RFCX-3)")
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "put-id")
            let response = try await s.put(
                RFCFixtures.user(id),
                json: [
                    "schemas": [.string(SCIMURN.coreUser)], "id": "not-the-real-id", "userName": .string(userName),
                    "displayName": "Put With Id",
                ]
            ) {
                Status(oneOf: 200, 400)
            }
            if response.status == 200 {
                s.verify(
                    "the id stays the URL's", response.json?["id"]?.stringValue == id, expected: id,
                    actual: response.json?["id"]?.serialized() ?? "none", specs: [.checklist("PUT-06")],
                    fixHint: "ignore readOnly attributes such as id in a PUT body (RFC 7644 §3.5.1)")
            } else {
                try s.checkLast("PUT", "/Users/\(id)") {
                    SCIMError(status: 400, scimType: .mutability).level(.should).spec(.checklist("RFCX-3"))
                        .hint("ignoring readOnly values is what §3.5.1 says; Okta's GET-then-PUT always carries id")
                        .because("Okta's profile push sends the id it read; a 400 here fails every profile update")
                }
            }
            try await s.get(RFCFixtures.user(id)) { Status(200) }
        },
        Scenario(
            "rfc.users.delete-twice", "A second DELETE answers 404",
            .spec(.rfc7644("3.6")), .spec(.checklist("DEL-02")), .tags("rfc", "users", "delete"), .writes
        ) { s in
            let (id, _) = try await RFCFixtures.createUser(s, "delete-twice")
            try await s.delete(RFCFixtures.user(id)) { Status(204) }
            try await s.delete(RFCFixtures.user(id)) {
                Status(404).hint("a deleted resource is gone for every method")
                SCIMError(status: 404)
            }
        },
        Scenario(
            "rfc.patch.atomic", "A PATCH whose second operation fails changes nothing",
            .spec(.rfc7644("3.5.2")), .spec(.checklist("PATCH-06")), .tags("rfc", "patch"), .requires(.patch), .writes
        ) { s in
            let (id, _) = try await RFCFixtures.createUser(s, "atomic", extra: JSONObject([("displayName", "Before")]))
            try await s.patch(
                RFCFixtures.user(id),
                json: RFCCoreProtocol.patchOp([
                    ["op": "replace", "path": "displayName", "value": "After"],
                    ["op": "replace", "path": "name[givenName", "value": "Broken"],
                ])
            ) {
                Status(400).hint("answer a PATCH with an unparsable path with 400 invalidPath")
                SCIMError(status: 400).spec(.rfc7644("3.12"))
            }
            try await s.get(RFCFixtures.user(id)) {
                JSON("/displayName", equals: "Before")
                    .because("a half-applied PATCH leaves Okta's view and the app's apart")
                    .hint("apply PATCH operations to a copy and store it only when every operation succeeded")
            }
        },
        Scenario(
            "rfc.patch.value-path-and-remove",
            "PATCH replace emails[type eq \"work\"].value, then remove title: each shows on the next GET",
            .spec(.rfc7644("3.5.2.2")), .spec(.rfc7644("3.5.2.3")), .spec(.checklist("PATCH-16")),
            .tags("rfc", "patch"), .requires(.patch), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(
                s, "valuepath", extra: JSONObject([("title", "Boss")]))
            let changed = "changed-" + userName
            try await s.patch(
                RFCFixtures.user(id),
                json: RFCCoreProtocol.patchOp([
                    ["op": "replace", "path": "emails[type eq \"work\"].value", "value": .string(changed)]
                ])
            ) {
                Status(oneOf: 200, 204).spec(.checklist("PATCH-07"))
            }
            try await s.patch(RFCFixtures.user(id), json: RFCCoreProtocol.patchOp([["op": "remove", "path": "title"]]))
            {
                Status(oneOf: 200, 204)
            }
            try await s.get(RFCFixtures.user(id)) {
                JSON("/emails/0/value", equals: .string(changed)).hint("support value filters in PATCH paths")
                JSON("/title").absent().spec(.checklist("PATCH-16"))
            }
        },
        Scenario(
            "rfc.groups.membership-patch", "PATCH adds a member, then removes it with members[value eq \"…\"]",
            .spec(.rfc7644("3.5.2.1")), .spec(.rfc7644("3.5.2.2")), .spec(.checklist("PATCH-19")),
            .tags("rfc", "groups", "patch"), .requires(.patch), .writes
        ) { s in
            let (first, _) = try await RFCFixtures.createUser(s, "member-one")
            let (second, _) = try await RFCFixtures.createUser(s, "member-two")
            let groupID = try await RFCCoreProtocol.createGroup(s, "membership", members: [first])
            let path = "/Groups/\(URLPathSegment.encode(groupID))"
            try await s.patch(
                path,
                json: RFCCoreProtocol.patchOp([["op": "add", "path": "members", "value": [["value": .string(second)]]]])
            ) { Status(oneOf: 200, 204) }
            let afterAdd = try await RFCCoreProtocol.memberIDs(s, groupID)
            s.verify(
                "both members are in the group", afterAdd == [first, second], expected: "\(first), \(second)",
                actual: RFCCoreProtocol.describe(afterAdd, inOrder: [first, second]), specs: [.rfc7644("3.5.2.1")])
            try await s.patch(
                path,
                json: RFCCoreProtocol.patchOp([["op": "remove", "path": .string("members[value eq \"\(first)\"]")]])
            ) { Status(oneOf: 200, 204) }
            let afterRemove = try await RFCCoreProtocol.memberIDs(s, groupID)
            s.verify(
                "only the second member remains", afterRemove == [second], expected: second,
                actual: RFCCoreProtocol.describe(afterRemove, inOrder: [first, second]),
                specs: [.checklist("PATCH-19")],
                fixHint: "remove only the members the value filter matches")
        },
        Scenario(
            "rfc.users.enterprise-extension",
            "The enterprise extension round-trips, and PATCH sets and removes its manager",
            .spec(.rfc7643("4.3")), .spec(.rfc7644("3.5.2")), .spec(.checklist("PATCH-14")),
            .spec(.checklist("PATCH-38")), .spec(.checklist("SCH-02")), .spec(.checklist("SCH-18")),
            .spec(.checklist("ATTR-04")),
            .tags("rfc", "users", "extension"), .requires(.patch), .writes,
            .note("skipped when /ResourceTypes/User does not list the enterprise extension")
        ) { s in
            let type = try await s.get("/ResourceTypes/User") { Status(200) }
            let extensions = type.json?["schemaExtensions"]?.arrayValue?.compactMap { $0["schema"]?.stringValue } ?? []
            guard extensions.contains(SCIMURN.enterpriseUser) else {
                try s.skip("the target does not declare the enterprise User extension")
            }
            let (managerID, _) = try await RFCFixtures.createUser(s, "manager")
            let (id, _) = try await RFCFixtures.createUser(
                s, "employee",
                extra: JSONObject([
                    ("schemas", [.string(SCIMURN.coreUser), .string(SCIMURN.enterpriseUser)]),
                    (SCIMURN.enterpriseUser, ["employeeNumber": "701984", "department": "Tour Operations"]),
                ]))
            let pointer = "/\(SCIMURN.enterpriseUser)"
            try await s.get(RFCFixtures.user(id)) {
                JSON("\(pointer)/employeeNumber", equals: "701984").hint("store extension attributes under their URN")
                JSON("/schemas").contains(.string(SCIMURN.enterpriseUser)).spec(.checklist("SCH-02"))
            }
            try await s.get(RFCFixtures.user(id), query: "attributes=\(SCIMURN.enterpriseUser):employeeNumber") {
                JSON("\(pointer)/employeeNumber", equals: "701984").spec(.checklist("ATTR-04"))
                    .hint("accept URN-qualified names in attributes (RFC 7644 §3.10)")
                JSON("\(pointer)/department").absent().spec(.checklist("ATTR-04"))
                JSON("/id", equals: .string(id))
            }
            try await s.patch(
                RFCFixtures.user(id),
                json: RFCCoreProtocol.patchOp([
                    [
                        "op": "add", "path": .string("\(SCIMURN.enterpriseUser):manager"),
                        "value": ["value": .string(managerID)],
                    ]
                ])
            ) { Status(oneOf: 200, 204) }
            try await s.get(RFCFixtures.user(id)) {
                JSON("\(pointer)/manager/value", equals: .string(managerID)).spec(.checklist("SCH-18"))
                    .hint("accept URN-qualified PATCH paths (RFC 7644 §3.10)")
            }
            try await s.patch(
                RFCFixtures.user(id),
                json: RFCCoreProtocol.patchOp([["op": "remove", "path": .string("\(SCIMURN.enterpriseUser):manager")]])
            ) { Status(oneOf: 200, 204) }
            try await s.get(RFCFixtures.user(id)) {
                JSON("\(pointer)/manager").absent()
                JSON("\(pointer)/employeeNumber", equals: "701984")
            }
        },
        Scenario(
            "rfc.filter.invalid", "A malformed filter answers 400 invalidFilter",
            .spec(.rfc7644("3.4.2.2")), .spec(.rfc7644("3.12")), .spec(.checklist("FILT-04")),
            .spec(.checklist("FILT-05")), .spec(.checklist("FILT-14")), .spec(.checklist("FILT-33")),
            .spec(.checklist("ERR-07")), .tags("rfc", "filter"),
            .requires(.filter)
        ) { s in
            for (filter, checklist) in [
                ("userName zz \"x\"", "FILT-33"), ("userName like \"b%\"", "FILT-33"), ("userName eq", "FILT-05"),
                ("(userName eq \"x\"", "FILT-05"), ("active gt true", "FILT-14"),
            ] {
                try await s.get("/Users", query: RFCFixtures.filter(filter)) {
                    Status(400).spec(.checklist(checklist))
                        .hint("reject a malformed filter with 400, never 500 or an unfiltered list")
                        .because("an ignored filter makes Okta's existence check find a stranger")
                    SCIMError(status: 400, scimType: .invalidFilter).spec(.checklist("ERR-07"))
                }
            }
        },
    ]
}
