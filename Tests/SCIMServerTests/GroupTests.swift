import SCIMCore
import Testing

@Suite("Groups")
struct GroupTests {
    @Test("Okta's group create with members [] gives 201, Location, ETag and members [] (okta §7.3, CRT-01, CRT-07)")
    func oktaCreate() async throws {
        try await TestServer.with { client in
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": "Test SCIMv2", "members": [],
                "meta": ["resourceType": "User"],
            ]
            let response = try await client.post("/Groups", json: body)
            #expect(response.status == 201, "\(response.text)")
            let group = try #require(response.json)
            #expect(group["schemas"] == [.string(SCIMURN.coreGroup)])
            #expect(group["displayName"] == "Test SCIMv2")
            #expect(group["members"] == [])
            #expect(group["meta"]?["resourceType"] == "Group", "set from the endpoint, not the body")
            #expect(response.header("Location") == group["meta"]?["location"]?.stringValue)
            #expect(response.header("ETag") == group["meta"]?["version"]?.stringValue)
            #expect(try await client.resource("/Groups/\(group.id)") == group, "GET returns what POST returned")
        }
    }

    @Test("Members: value, $ref, display, type derived; unknown ids 400 invalidValue (SCH-16, SCH-17, IOP-O03)")
    func members() async throws {
        try await TestServer.with { client in
            let steve = try await client.createUser("steve@ad.oktatest.com")
            let bob = try await client.createUser(
                "bob@ad.oktatest.com", extra: JSONObject([("displayName", "Bob Builder")]))
            // The 2018 inline form: members with value and display, no type (okta §7.3).
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": "Example Group",
                "members": [
                    ["value": .string(steve.id), "display": "steve@ad.oktatest.com"],
                    ["value": .string(bob.id), "display": "whatever the client says", "type": "User"],
                ],
            ]
            let response = try await client.post("/Groups", json: body)
            #expect(response.status == 201, "\(response.text)")
            let group = try #require(response.json)
            let members = try #require(group["members"]?.arrayValue)
            #expect(members.count == 2)
            #expect(members[0]["value"] == .string(steve.id))
            #expect(members[0]["type"] == "User", "type defaults to User when the client omits it")
            #expect(members[0]["display"] == "steve@ad.oktatest.com", "display is the userName without displayName")
            #expect(members[0]["$ref"] == .string("\(client.base)/Users/\(steve.id)"))
            #expect(members[1]["display"] == "Bob Builder", "display is derived, not echoed")
            let referenced = try await client.get(
                try #require(members[0]["$ref"]?.stringValue).replacingOccurrences(of: client.base, with: ""))
            #expect(referenced.json?.id == steve.id, "$ref resolves (GET-06)")

            let unknown: JSONValue = [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": "Bad",
                "members": [["value": .string(steve.id)], ["value": "no-such-id"]],
            ]
            expectSCIMError(
                try await client.post("/Groups", json: unknown), status: 400, scimType: "invalidValue",
                detailContains: "no-such-id")
            let noValue: JSONValue = [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": "Bad", "members": [["display": "x"]],
            ]
            expectSCIMError(try await client.post("/Groups", json: noValue), status: 400, scimType: "invalidValue")
            let list = try await client.get("/Groups")
            #expect(list.json?["totalResults"] == .int(1), "nothing was created by the failed requests")
        }
    }

    @Test("displayName is required; duplicate names are allowed (CRT-11, UNQ-06)")
    func displayName() async throws {
        try await TestServer.with { client in
            let missing: JSONValue = ["schemas": [.string(SCIMURN.coreGroup)]]
            expectSCIMError(try await client.post("/Groups", json: missing), status: 400, scimType: "invalidValue")
            let first = try await client.createGroup("Tour Guides")
            let second = try await client.createGroup("Tour Guides")
            #expect(first.id != second.id)
            let schema = try await client.resource("/Schemas/\(SCIMURN.coreGroup)")
            let attribute = schema["attributes"]?.arrayValue?.first { $0["name"] == "displayName" }
            #expect(attribute?["uniqueness"] == "none", "the schema says so")
            let user = try await client.createUser("ids.user")
            #expect(Set([first.id, second.id, user.id]).count == 3, "ids unique across types (CRT-04)")
        }
    }

    @Test("Okta's link-or-create lookup: displayName eq, case-insensitive, paged (okta §7.2, FILT-02)")
    func displayNameLookup() async throws {
        try await TestServer.with { client in
            let group = try await client.createGroup("Test SCIMv2")
            _ = try await client.createGroup("Other")
            let found = try await client.get(
                "/Groups?filter=displayName%20eq%20%22test%20scimv2%22&startIndex=1&count=100")
            #expect(found.json?.resourceIDs == [group.id])
            let miss = try await client.get("/Groups?filter=" + queryEncoded("displayName eq \"nope\""))
            #expect(miss.json?["totalResults"] == .int(0))
            #expect(miss.json?["Resources"] == [])
        }
    }

    @Test("Okta's membership PATCH: one remove per member by filter, one add; re-sent it is a no-op (okta §7.5)")
    func oktaMembershipPatch() async throws {
        try await TestServer.with { client in
            let first = try await client.createUser("first@okta.local")
            let second = try await client.createUser("test.user@okta.local")
            let third = try await client.createUser("third@okta.local")
            let group = try await client.createGroup("Test SCIMv2", members: [first.id, third.id])
            let body = """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "remove",
                        "path": "members[value eq \\"\(first.id)\\"]"
                        },
                        {
                        "op": "remove",
                        "path": "members[value eq \\"\(third.id)\\"]"
                        },
                        {
                        "op": "add",
                        "path": "members",
                        "value": [{
                            "value": "\(second.id)",
                            "display": "test.user@okta.local"
                        }]
                    }]
                }
                """
            let response = try await client.send(
                "PATCH", "/Groups/\(group.id)", body: body, contentType: "application/scim+json; charset=utf-8")
            #expect(response.status == 204, "\(response.text)")
            #expect(response.body.isEmpty)
            let etag = try #require(response.header("ETag"))
            let after = try await client.resource("/Groups/\(group.id)")
            #expect(after.values(of: "members") == [second.id])
            #expect(after["meta"]?["version"] == .string(etag))

            let again = try await client.send("PATCH", "/Groups/\(group.id)", body: body)
            #expect(again.status == 204, "removing absent members and re-adding a member succeed (PATCH-20)")
            let unchanged = try await client.resource("/Groups/\(group.id)")
            #expect(unchanged.values(of: "members") == [second.id])
            #expect(unchanged["meta"] == after["meta"], "a no-op changes neither lastModified nor version (PATCH-10)")
        }
    }

    @Test("Okta's rename PATCH carries the group id in the value (okta §7.4, PATCH-42, IOP-O02)")
    func oktaRename() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("member@okta.local")
            let group = try await client.createGroup("Old name", members: [user.id])
            let rename: JSONValue = [
                "op": "replace", "value": ["id": .string(group.id), "displayName": "Test SCIMv2"],
            ]
            let response = try await client.patch("/Groups/\(group.id)", [rename])
            #expect(response.status == 204, "\(response.text)")
            let after = try await client.resource("/Groups/\(group.id)")
            #expect(after["displayName"] == "Test SCIMv2")
            #expect(after.id == group.id)
            #expect(after.values(of: "members") == [user.id], "a rename keeps the members")
            let member = try await client.resource("/Users/\(user.id)")
            #expect(member["groups"]?[0]?["display"] == "Test SCIMv2", "the user's groups follow the rename")

            // Okta re-sends the rename after every membership change, with the name unchanged: a no-op.
            let again = try await client.patch("/Groups/\(group.id)", [rename])
            #expect(again.status == 204)
            #expect(try await client.resource("/Groups/\(group.id)")["meta"] == after["meta"])

            // With ?attributes, PATCH answers 200 with the projected group (PATCH-07, ATTR-10).
            let projected = try await client.patch(
                "/Groups/\(group.id)?attributes=displayName",
                [["op": "replace", "path": "displayName", "value": "Renamed"]])
            #expect(projected.status == 200)
            #expect(projected.json?["displayName"] == "Renamed")
            #expect(projected.json?["members"] == nil, "\(projected.text)")
        }
    }

    @Test("Okta's full push replaces all members; PUT (AIW) replaces too and without members clears (PUT-10)")
    func replaceMembers() async throws {
        try await TestServer.with { client in
            let users = try await UserListTests.seed(client, ["a@x.io", "b@x.io", "c@x.io"])
            let group = try await client.createGroup("Test SCIMv2", members: [users[0]])
            let push: JSONValue = [
                "op": "replace", "path": "members",
                "value": [
                    ["value": .string(users[1]), "display": "b@x.io"],
                    ["value": .string(users[2]), "display": "c@x.io"],
                ],
            ]
            #expect(try await client.patch("/Groups/\(group.id)", [push]).status == 204)
            #expect(try await client.resource("/Groups/\(group.id)").values(of: "members") == [users[1], users[2]])

            // okta §7.6: AIW pushes the whole group with PUT.
            let put: JSONValue = [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": "Test SCIMv2",
                "members": [["value": .string(users[0]), "display": "a@x.io"]],
            ]
            let replaced = try await client.put("/Groups/\(group.id)", json: put)
            #expect(replaced.status == 200, "\(replaced.text)")
            #expect(replaced.json?.values(of: "members") == [users[0]])
            #expect(replaced.header("ETag") == replaced.json?["meta"]?["version"]?.stringValue)

            let withoutMembers: JSONValue = [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": "Renamed", "id": "ignored",
            ]
            let cleared = try await client.put("/Groups/\(group.id)", json: withoutMembers)
            #expect(cleared.status == 200)
            #expect(cleared.json?["members"] == [])
            #expect(cleared.json?.id == group.id, "readOnly id in the body is ignored (PUT-06)")
            let unknownMember = put.withKey("members", [["value": "no-such-user"]])
            expectSCIMError(
                try await client.put("/Groups/\(group.id)", json: unknownMember), status: 400, scimType: "invalidValue")
            expectSCIMError(
                try await client.put("/Groups/00000000-0000-0000-0000-000000000000", json: put), status: 404,
                detailContains: "not found")
        }
    }

    @Test("Entra removes members by value and adds in batches; both are idempotent (IOP-E03, IOP-E13)")
    func entraMembers() async throws {
        try await TestServer.with { client in
            let users = try await UserListTests.seed(client, ["u1", "u2", "u3"])
            let group = try await client.createGroup("Entra group", members: [users[0], users[1]])
            let add: JSONValue = [
                "op": "Add", "path": "members",
                "value": [["value": .string(users[1]), "$ref": nil], ["value": .string(users[2]), "$ref": nil]],
            ]
            #expect(try await client.patch("/Groups/\(group.id)", [add]).status == 204)
            #expect(try await client.resource("/Groups/\(group.id)").values(of: "members") == Set(users))

            let remove: JSONValue = [
                "op": "Remove", "path": "members", "value": [["value": .string(users[0]), "$ref": nil]],
            ]
            #expect(try await client.patch("/Groups/\(group.id)", [remove]).status == 204)
            let after = try await client.resource("/Groups/\(group.id)")
            #expect(after.values(of: "members") == [users[1], users[2]], "only the listed member, never a wipe")
            #expect(try await client.patch("/Groups/\(group.id)", [remove]).status == 204, "removing it again")

            // Entra's membership check and its group reads without members (IOP-E10, ATTR-07, FILT-21).
            let check = try await client.get(
                "/Groups?filter=" + queryEncoded("id eq \"\(group.id)\" and members eq \"\(users[1])\"")
                    + "&attributes=id")
            #expect(check.json?.resourceIDs == [group.id])
            #expect(check.json?["Resources"]?[0] == ["id": .string(group.id), "schemas": [.string(SCIMURN.coreGroup)]])
            let notMember = try await client.get(
                "/Groups?filter=" + queryEncoded("id eq \"\(group.id)\" and members eq \"\(users[0])\""))
            #expect(notMember.json?["totalResults"] == .int(0))
            let lean = try await client.get(
                "/Groups?excludedAttributes=members&filter=" + queryEncoded("displayName eq \"Entra group\""))
            #expect(lean.json?["Resources"]?[0]?["members"] == nil)
            #expect(lean.json?["Resources"]?[0]?["displayName"] == "Entra group")
            let single = try await client.get("/Groups/\(group.id)?excludedAttributes=members")
            #expect(single.json?["members"] == nil)
            #expect(single.json?["meta"]?["version"] == after["meta"]?["version"], "same version either way")
        }
    }

    @Test("A user's groups are derived from memberships, direct and indirect, and are readOnly (SCH-15)")
    func userGroups() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("bjensen")
            let inner = try await client.createGroup("Inner", members: [user.id])
            let outer = try await client.createGroup("Outer", members: [inner.id])
            let read = try await client.resource("/Users/\(user.id)")
            let groups = try #require(read["groups"]?.arrayValue)
            #expect(groups.count == 2)
            #expect(
                groups.first { $0["value"] == .string(inner.id) }
                    == [
                        "value": .string(inner.id), "$ref": .string("\(client.base)/Groups/\(inner.id)"),
                        "display": "Inner", "type": "direct",
                    ])
            #expect(groups.first { $0["value"] == .string(outer.id) }?["type"] == "indirect")
            let outerRead = try await client.resource("/Groups/\(outer.id)")
            #expect(outerRead["members"]?[0]?["type"] == "Group")
            #expect(outerRead["members"]?[0]?["$ref"] == .string("\(client.base)/Groups/\(inner.id)"))

            let attempt = try await client.patch(
                "/Users/\(user.id)", [["op": "add", "path": "groups", "value": [["value": .string(outer.id)]]]])
            expectSCIMError(attempt, status: 400, scimType: "mutability")
            let byGroup = try await client.get("/Users?filter=" + queryEncoded("groups.value eq \"\(outer.id)\""))
            #expect(byGroup.json?.resourceIDs == [user.id])
            let selfMember = try await client.patch(
                "/Groups/\(outer.id)", [["op": "add", "path": "members", "value": [["value": .string(outer.id)]]]])
            expectSCIMError(selfMember, status: 400, scimType: "invalidValue")
        }
    }

    @Test("Deleting a user removes it from groups; deleting a group gives 204 then 404 (DEL-01, DEL-02, DEL-05)")
    func deletes() async throws {
        try await TestServer.with { client in
            let users = try await UserListTests.seed(client, ["stays", "goes"])
            let group = try await client.createGroup("Tour Guides", members: users)
            let before = try await client.resource("/Groups/\(group.id)")
            #expect(try await client.delete("/Users/\(users[1])").status == 204)
            let after = try await client.resource("/Groups/\(group.id)")
            #expect(after.values(of: "members") == [users[0]])
            #expect(after["meta"]?["version"] != before["meta"]?["version"], "the group changed")

            let nested = try await client.createGroup("Nested")
            let parent = try await client.createGroup("Parent", members: [nested.id, users[0]])
            let deleted = try await client.delete("/Groups/\(nested.id)")
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            for method in ["GET", "DELETE"] {
                expectSCIMError(try await client.send(method, "/Groups/\(nested.id)"), status: 404)
            }
            expectSCIMError(
                try await client.patch("/Groups/\(nested.id)", [["op": "remove", "path": "members"]]), status: 404)
            #expect(try await client.resource("/Groups/\(parent.id)").values(of: "members") == [users[0]])
            let user = try await client.resource("/Users/\(users[0])")
            #expect(user.values(of: "groups") == [group.id, parent.id])
        }
    }

    @Test("Group PATCH edge cases: remove all, no-op remove, member sub-attributes immutable (PATCH-18, PATCH-33)")
    func patchEdges() async throws {
        try await TestServer.with { client in
            let users = try await UserListTests.seed(client, ["e1", "e2"])
            let group = try await client.createGroup("Edges", members: users)
            let immutable = try await client.patch(
                "/Groups/\(group.id)",
                [
                    [
                        "op": "replace", "path": .string("members[value eq \"\(users[0])\"].value"),
                        "value": .string(users[1]),
                    ]
                ])
            expectSCIMError(immutable, status: 400, scimType: "mutability")
            let display = try await client.patch(
                "/Groups/\(group.id)", [["op": "replace", "path": "members.display", "value": "x"]])
            expectSCIMError(display, status: 400, scimType: "mutability")
            let required = try await client.patch("/Groups/\(group.id)", [["op": "remove", "path": "displayName"]])
            expectSCIMError(required, status: 400, scimType: "mutability")
            #expect(try await client.resource("/Groups/\(group.id)").values(of: "members") == Set(users))

            #expect(try await client.patch("/Groups/\(group.id)", [["op": "remove", "path": "members"]]).status == 204)
            let emptied = try await client.resource("/Groups/\(group.id)")
            #expect(emptied["members"] == [])
            let missing = try await client.patch(
                "/Groups/\(group.id)", [["op": "remove", "path": .string("members[value eq \"\(users[0])\"]")]])
            #expect(missing.status == 204, "removing an absent member succeeds (PATCH-20, RFCX-12)")
            let unknown = try await client.patch(
                "/Groups/\(group.id)", [["op": "add", "path": "members", "value": [["value": "ghost"]]]])
            expectSCIMError(unknown, status: 400, scimType: "invalidValue", detailContains: "ghost")
            #expect(try await client.resource("/Groups/\(group.id)")["meta"] == emptied["meta"], "unchanged")
        }
    }
}
