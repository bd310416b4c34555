import SCIMCore
import SCIMServer
import SCIMServerSQLite
import Testing

@Suite("PATCH on users")
struct UserPatchTests {
    static let enterprise = SCIMURN.enterpriseUser

    /// Runs `body` with a fresh U1 (and its manager U2) on a server with `profile`.
    static func withU1(
        profile: ServerProfile = .compatible, store: (any SCIMStore)? = nil,
        _ body: @Sendable (TestHTTPClient, _ u1: JSONValue, _ u2: JSONValue) async throws -> Void
    ) async throws {
        try await TestServer.with(store: store, configure: { $0.profile = profile }) { client in
            let u2 = try client.created(try await client.post("/Users", json: Fixtures.u2Body()))
            let u1 = try client.created(try await client.post("/Users", json: Fixtures.u1Body(managerID: u2.id)))
            try await body(client, u1, u2)
        }
    }

    @Test("Okta's deactivate: path-less replace {active:false}, lowercase op; 200 with the user (okta §5.1, PATCH-24)")
    func oktaDeactivate() async throws {
        try await Self.withU1 { client, u1, _ in
            let body = """
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{
                        "op": "replace",
                        "value": {
                            "active": false
                        }
                    }]
                }
                """
            let response = try await client.send(
                "PATCH", "/Users/\(u1.id)", body: body, contentType: "application/scim+json; charset=utf-8")
            #expect(response.status == 200, "\(response.text)")
            let user = try #require(response.json)
            #expect(user["active"] == false)
            #expect(user["userName"] == "bjensen", "everything else is kept")
            #expect(user["name"] == u1["name"])
            #expect(user["password"] == nil)
            #expect(response.header("ETag") == user["meta"]?["version"]?.stringValue)
            #expect(user["meta"]?["version"] != u1["meta"]?["version"])
            let before = try #require(u1["meta"]?["lastModified"]?.stringValue)
            let after = try #require(user["meta"]?["lastModified"]?.stringValue)
            #expect(after > before, "lastModified moves on (PATCH-41)")
            #expect(user["meta"]?["created"] == u1["meta"]?["created"])
            #expect(try await client.resource("/Users/\(u1.id)") == user)
            let listed = try await client.get("/Users?filter=" + queryEncoded("active eq false"))
            #expect(listed.json?.resourceIDs == [u1.id], "deactivated users stay listed (DEL-06)")

            // Reactivation (okta §5.2, inferred shape).
            let reactivated = try await client.patch(
                "/Users/\(u1.id)", [["op": "replace", "value": ["active": true]]])
            #expect(reactivated.json?["active"] == true)
        }
    }

    @Test("Okta's password sync PATCH stores a new hash and echoes nothing (okta §6, SCH-13, changePassword)")
    func passwordSync() async throws {
        let store = try SQLiteSCIMStore(path: ":memory:")
        try await Self.withU1(store: store) { client, u1, _ in
            let response = try await client.patch(
                "/Users/\(u1.id)", [["op": "replace", "value": ["password": "n3w-Pa$$word"]]])
            #expect(response.status == 200)
            #expect(response.text.contains("n3w-Pa$$word") == false)
            let hash = try #require(try await store.user(id: u1.id)?.passwordHash)
            #expect(PasswordHasher.verify("n3w-Pa$$word", against: hash))
            let byPath = try await client.patch(
                "/Users/\(u1.id)", [["op": "replace", "path": "password", "value": "other"]])
            #expect(byPath.status == 200)
            #expect(
                PasswordHasher.verify("other", against: try #require(try await store.user(id: u1.id)?.passwordHash)))
            let projected = try await client.get("/Users/\(u1.id)?attributes=password,userName")
            #expect(projected.json?["password"] == nil, "never returned, even when asked (ATTR-08)")
        }
    }

    @Test("Entra's shapes: capitalised ops, string booleans, dotted and URN keys (IOP-E01, IOP-E02, IOP-E04)")
    func entraShapes() async throws {
        try await Self.withU1 { client, u1, _ in
            let disable = try await client.patch(
                "/Users/\(u1.id)", [["op": "Replace", "path": "active", "value": "False"]])
            #expect(disable.status == 200, "\(disable.text)")
            #expect(disable.json?["active"] == false, "a JSON boolean is stored and returned (SCH-06)")
            let enable = try await client.patch(
                "/Users/\(u1.id)", [["op": "Replace", "path": "active", "value": "True"]])
            #expect(enable.json?["active"] == true)

            let batch: JSONValue = [
                "op": "Replace",
                "value": .object(
                    JSONObject([
                        ("displayName", "Kkom Jensen"), ("name.givenName", "Kkom"), ("name.familyName", "Jensen2"),
                        ("\(Self.enterprise):employeeNumber", "Aklq"),
                    ])),
            ]
            let replaced = try await client.patch("/Users/\(u1.id)", [batch])
            #expect(replaced.status == 200, "\(replaced.text)")
            let user = try #require(replaced.json)
            #expect(user["name"]?["givenName"] == "Kkom")
            #expect(user["name"]?["familyName"] == "Jensen2")
            #expect(user["name"]?["formatted"] == "Ms. Barbara J Jensen III", "other sub-attributes are kept")
            #expect(user[Self.enterprise]?["employeeNumber"] == "Aklq")
            #expect(user[Self.enterprise]?["department"] == "Tour Operations")
            #expect(user["name.givenName"] == nil, "never a literal dotted key")

            let add = try await client.patch(
                "/Users/\(u1.id)", [["op": "Add", "path": "externalId", "value": "new-ext"]])
            #expect(add.json?["externalId"] == "new-ext")

            // The legacy `.` separator after the extension URN (IOP-E08).
            let dotted = try await client.patch(
                "/Users/\(u1.id)",
                [["op": "Replace", "path": .string("\(Self.enterprise).employeeNumber"), "value": "42"]])
            #expect(dotted.json?[Self.enterprise]?["employeeNumber"] == "42", "\(dotted.text)")
        }
    }

    @Test("Entra's value-path add creates the element; manager as a string and removal by filter (IOP-E05-E07)")
    func entraValuePaths() async throws {
        try await TestServer.with { client in
            let u3 = try client.created(try await client.post("/Users", json: Fixtures.u3Body()))
            let u2 = try client.created(try await client.post("/Users", json: Fixtures.u2Body()))
            let created = try await client.patch(
                "/Users/\(u2.id)",
                [
                    ["op": "Add", "path": "emails[type eq \"home\"].value", "value": "h@x.io"],
                    ["op": "Replace", "path": "emails[type eq \"work\"].value", "value": "jsmith@example.net"],
                    ["op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0100"],
                ])
            #expect(created.status == 200, "\(created.text)")
            let emails = try #require(created.json?["emails"]?.arrayValue)
            #expect(emails.count == 2)
            #expect(emails.contains(["type": "home", "value": "h@x.io"]))
            #expect(emails.contains(["value": "jsmith@example.net", "type": "work"]))
            #expect(created.json?["phoneNumbers"] == [["type": "mobile", "value": "+1 555 0100"]])

            let manager = try await client.patch(
                "/Users/\(u2.id)",
                [["op": "Add", "path": .string("\(Self.enterprise):manager"), "value": .string(u3.id)]])
            #expect(manager.json?[Self.enterprise]?["manager"] == ["value": .string(u3.id)], "always complex on output")
            let removed = try await client.patch(
                "/Users/\(u2.id)",
                [["op": "Remove", "path": .string("\(Self.enterprise):manager[value eq \"\(u3.id)\"]")]])
            #expect(removed.status == 200)
            #expect(removed.json?[Self.enterprise] == nil, "the manager is gone, and with it the empty extension")
            #expect(removed.json?["schemas"] == [.string(SCIMURN.coreUser)])

            // The older form: remove with the manager as the value; another id leaves it in place.
            _ = try await client.patch(
                "/Users/\(u2.id)",
                [["op": "Add", "path": .string("\(Self.enterprise):manager"), "value": ["value": .string(u3.id)]]])
            let other = try await client.patch(
                "/Users/\(u2.id)",
                [["op": "Remove", "path": .string("\(Self.enterprise):manager"), "value": [["value": "someone-else"]]]])
            #expect(other.json?[Self.enterprise]?["manager"] == ["value": .string(u3.id)])
            let byValue = try await client.patch(
                "/Users/\(u2.id)",
                [["op": "Remove", "path": .string("\(Self.enterprise):manager"), "value": [["value": .string(u3.id)]]]])
            #expect(byValue.json?[Self.enterprise] == nil)
        }
    }

    @Test("The rfc-strict profile refuses what only the compatible profile accepts (§21.1)")
    func strictProfile() async throws {
        try await Self.withU1(profile: .rfcStrict) { client, u1, u2 in
            let cases: [(JSONValue, String)] = [
                (["op": "replace", "path": "active", "value": "False"], "invalidValue"),
                (["op": "remove", "path": "emails", "value": [["value": "babs@jensen.org"]]], "invalidValue"),
                (["op": "replace", "value": ["name.givenName": "X"]], "invalidPath"),
                (["op": "replace", "path": "emails[type eq \"fax\"].value", "value": "x@y.z"], "noTarget"),
                (["op": "replace", "value": ["id": "other-id", "displayName": "X"]], "mutability"),
                (["op": "replace", "path": "nosuchattr", "value": "x"], "invalidPath"),
                (["op": "replace", "path": .string("\(Self.enterprise).employeeNumber"), "value": "4"], "invalidPath"),
                (
                    ["op": "add", "path": .string("\(Self.enterprise):manager"), "value": .string(u2.id)],
                    "invalidValue"
                ),
            ]
            for (operation, scimType) in cases {
                let response = try await client.patch("/Users/\(u1.id)", [operation])
                expectSCIMError(response, status: 400, scimType: scimType)
            }
            // Still accepted in the strict profile: capitalised ops (the RFC never makes op case-sensitive) and a
            // path-less replace whose read-only id equals the current one (PATCH-42).
            let capitalised = try await client.patch(
                "/Users/\(u1.id)", [["op": "Replace", "path": "title", "value": "T"]])
            #expect(capitalised.status == 200)
            let sameID = try await client.patch(
                "/Users/\(u1.id)", [["op": "replace", "value": ["id": .string(u1.id), "nickName": "Babs"]]])
            #expect(sameID.json?["nickName"] == "Babs", "\(sameID.text)")
            let noSchemas = try await client.send(
                "PATCH", "/Users/\(u1.id)", body: "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"title\":\"x\"}}]}")
            expectSCIMError(noSchemas, status: 400, scimType: "invalidSyntax")
            let charset = try await client.send(
                "PATCH", "/Users/\(u1.id)", body: "{}", contentType: "application/scim+json; charset=utf-8")
            expectSCIMError(charset, status: 415)
        }
    }

    @Test("A PATCH is atomic: a failing later operation leaves the resource unchanged (PATCH-06)")
    func atomicity() async throws {
        try await Self.withU1 { client, u1, u2 in
            let failing: [[JSONValue]] = [
                [
                    ["op": "replace", "path": "displayName", "value": "ZZZ"],
                    ["op": "replace", "path": "id", "value": "x"],
                ],
                [["op": "replace", "path": "displayName", "value": "ZZZ"], ["op": "remove", "path": "userName"]],
                [
                    ["op": "add", "path": "nickName", "value": "N"],
                    ["op": "replace", "path": "active", "value": "maybe"],
                ],
                [
                    ["op": "replace", "path": "title", "value": "T"],
                    ["op": "replace", "path": "userName", "value": "JSMITH"],
                ],
                [["op": "add", "path": "title", "value": "T"], ["op": "move", "path": "title"]],
            ]
            let before = try await client.resource("/Users/\(u1.id)")
            for operations in failing {
                let response = try await client.patch("/Users/\(u1.id)", operations)
                #expect((400..<500).contains(response.status), "\(response.text)")
                #expect(try await client.resource("/Users/\(u1.id)") == before, "\(operations)")
            }
            // PATCH-40 / UNQ-04: the rename into an existing userName is 409 uniqueness.
            let rename = try await client.patch(
                "/Users/\(u1.id)", [["op": "replace", "path": "userName", "value": "JSmith"]])
            expectSCIMError(rename, status: 409, scimType: "uniqueness")
            #expect(u2["userName"] == "jsmith")
        }
    }

    @Test("Operations apply in order; add and replace semantics (PATCH-05, PATCH-09 to PATCH-14, PATCH-23 to 30)")
    func semantics() async throws {
        try await Self.withU1 { client, u1, _ in
            let path = "/Users/\(u1.id)"
            var user = try #require(
                try await client.patch(
                    path,
                    [["op": "add", "path": "title", "value": "A"], ["op": "replace", "path": "title", "value": "B"]]
                ).json)
            #expect(user["title"] == "B")

            user = try #require(
                try await client.patch(
                    path,
                    [
                        [
                            "op": "add",
                            "value": ["emails": [["value": "j2@example.net", "type": "other"]], "nickName": "Jo"],
                        ]
                    ]
                ).json)
            #expect(user["emails"]?.arrayValue?.count == 3, "add appends to a multi-valued attribute")
            #expect(user["nickName"] == "Jo")

            let twice = try await client.patch(
                path, [["op": "add", "path": "emails", "value": [["value": "j2@example.net", "type": "other"]]]])
            #expect(twice.json?["emails"]?.arrayValue?.count == 3, "adding a present value is a no-op (PATCH-10)")
            #expect(twice.json?["meta"] == user["meta"], "and changes neither lastModified nor version")

            user = try #require(
                try await client.patch(path, [["op": "add", "path": "name", "value": ["middleName": "Jane"]]]).json)
            #expect(user["name"]?["middleName"] == "Jane")
            #expect(user["name"]?["familyName"] == "Jensen", "add merges sub-attributes (PATCH-12)")

            user = try #require(
                try await client.patch(path, [["op": "replace", "path": "NAME.GIVENNAME", "value": "Babs"]]).json)
            #expect(user["name"]?["givenName"] == "Babs", "paths are case-insensitive (PATCH-37)")

            user = try #require(
                try await client.patch(
                    path,
                    [
                        [
                            "op": "replace",
                            "value": ["emails": [["value": "only@example.com", "type": "work", "primary": true]]],
                        ]
                    ]
                ).json)
            #expect(user["emails"]?.arrayValue?.count == 1, "replace without path replaces all values (PATCH-23)")
            #expect(user["name"]?["givenName"] == "Babs")

            user = try #require(
                try await client.patch(
                    path,
                    [
                        [
                            "op": "replace", "path": "addresses[type eq \"work\"]",
                            "value": ["type": "work", "streetAddress": "911 Universal City Plaza", "country": "US"],
                        ]
                    ]
                ).json)
            #expect(
                user["addresses"] == [["type": "work", "streetAddress": "911 Universal City Plaza", "country": "US"]])

            user = try #require(
                try await client.patch(
                    path,
                    [
                        ["op": "add", "path": "emails", "value": [["value": "home@example.com", "type": "home"]]],
                        ["op": "replace", "path": "emails[type eq \"home\"].primary", "value": true],
                    ]
                ).json)
            let emails = try #require(user["emails"]?.arrayValue)
            #expect(emails.filter { $0["primary"] == true }.count == 1, "exactly one primary (PATCH-32)")
            #expect(emails.first { $0["type"] == "home" }?["primary"] == true)

            user = try #require(
                try await client.patch(
                    path,
                    [
                        [
                            "op": "add",
                            "path": .string("urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User:userType"),
                            "value": "technician",
                        ]
                    ]
                ).json)
            #expect(user[SCIMURN.ninjaOneUser]?["userType"] == "technician")
            #expect(user["schemas"]?.arrayValue?.contains(.string(SCIMURN.ninjaOneUser)) == true, "PATCH-14")

            user = try #require(
                try await client.patch(
                    path,
                    [
                        [
                            "op": "replace", "path": "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:NINJAONE:2.0:USER",
                            "value": ["organizationId": "12,31"],
                        ],
                        ["op": "replace", "path": .string("\(Self.enterprise):department"), "value": nil],
                    ]
                ).json)
            #expect(user[SCIMURN.ninjaOneUser] == ["userType": "technician", "organizationId": "12,31"], "PATCH-38")
            #expect(user[Self.enterprise]?["department"] == nil, "replace with null unassigns (PATCH-39)")
            #expect(user[Self.enterprise]?["employeeNumber"] == "701984")
        }
    }

    @Test("Remove semantics: single, sub-attribute, filtered, whole extension (PATCH-16, PATCH-21, PATCH-22, PATCH-38)")
    func removals() async throws {
        try await Self.withU1 { client, u1, _ in
            let path = "/Users/\(u1.id)"
            var user = try #require(try await client.patch(path, [["op": "remove", "path": "title"]]).json)
            #expect(user["title"] == nil)
            let titled = try await client.get("/Users?filter=" + queryEncoded("title pr"))
            #expect(titled.json?["totalResults"] == .int(0))

            user = try #require(
                try await client.patch(path, [["op": "remove", "path": "addresses[type eq \"work\"].streetAddress"]])
                    .json)
            #expect(user["addresses"]?[0]?["streetAddress"] == nil)
            #expect(user["addresses"]?[0]?["locality"] == "Hollywood")

            user = try #require(
                try await client.patch(
                    path, [["op": "remove", "path": "emails[type eq \"work\" and value ew \"example.com\"]"]]
                ).json)
            #expect(user["emails"] == [["value": "babs@jensen.org", "type": "home"]])

            user = try #require(
                try await client.patch(path, [["op": "remove", "path": .string(Self.enterprise)]]).json)
            #expect(user[Self.enterprise] == nil)
            #expect(user["schemas"] == [.string(SCIMURN.coreUser)])

            let missing = try await client.patch(path, [["op": "remove", "path": "emails[type eq \"fax\"]"]])
            #expect(missing.status == 200, "a filter that matches nothing removes nothing")
        }
    }

    @Test("Errors: noTarget, invalidPath, invalidFilter, mutability, invalidValue, invalidSyntax (PATCH-02-36)")
    func errors() async throws {
        try await Self.withU1 { client, u1, _ in
            let path = "/Users/\(u1.id)"
            let cases: [(JSONValue, String)] = [
                (["op": "remove"], "noTarget"),
                (["op": "add", "path": "title"], "invalidValue"),
                (["op": "add", "path": "title", "value": nil], "invalidValue"),
                (["op": "move", "path": "title", "value": "x"], "invalidValue"),
                (["path": "title", "value": "x"], "invalidValue"),
                (["op": "replace", "value": "not an object"], "invalidValue"),
                (["op": "replace", "path": "name..familyName", "value": "x"], "invalidPath"),
                (["op": "replace", "path": "emails[type eq \"work\"", "value": "x"], "invalidFilter"),
                (["op": "replace", "path": "emails[value zz \"x\"]", "value": "x"], "invalidFilter"),
                (["op": "replace", "path": "name.nosuch", "value": "x"], "invalidPath"),
                (["op": "replace", "path": 42, "value": "x"], "invalidPath"),
                (["op": "remove", "path": "userName"], "mutability"),
                (["op": "remove", "path": "meta"], "mutability"),
                (["op": "replace", "path": "meta.created", "value": "2000-01-01T00:00:00Z"], "mutability"),
                (["op": "replace", "path": "id", "value": "x"], "mutability"),
                (["op": "remove", "path": "schemas"], "mutability"),
                (["op": "replace", "path": "active", "value": "notabool"], "invalidValue"),
                (["op": "replace", "path": "emails", "value": "not-an-array-of-objects"], "invalidValue"),
                (["op": "add", "path": "name.givenName", "value": 42], "invalidValue"),
                (
                    [
                        "op": "replace", "path": "emails",
                        "value": [["value": "a@b.c", "primary": true], ["value": "d@b.c", "primary": true]],
                    ], "invalidValue"
                ),
            ]
            for (operation, scimType) in cases {
                let response = try await client.patch(path, [operation])
                #expect(response.status == 400, "\(operation.serialized())")
                expectSCIMError(response, status: 400, scimType: scimType)
            }
            let bodies = [
                "{}", "{\"schemas\":[\"\(SCIMURN.patchOp)\"]}",
                "{\"schemas\":[\"\(SCIMURN.patchOp)\"],\"Operations\":[]}",
                "{\"schemas\":[\"\(SCIMURN.patchOp)\"],\"Operations\":{}}",
                "{\"schemas\":[\"\(SCIMURN.patchOp)\"],\"Operations\":[42]}", "[]", "{",
            ]
            for body in bodies {
                expectSCIMError(
                    try await client.send("PATCH", path, body: body), status: 400, scimType: "invalidSyntax")
            }
            let lowercaseKey = try await client.send(
                "PATCH", path,
                body: "{\"schemas\":[\"\(SCIMURN.patchOp)\"],\"operations\":[{\"OP\":\"replace\",\"Path\":\"title\","
                    + "\"Value\":\"T\"}]}")
            #expect(lowercaseKey.json?["title"] == "T", "member names are case-insensitive (PATCH-03)")
            expectSCIMError(
                try await client.patch(
                    "/Users/00000000-0000-0000-0000-000000000000", [["op": "remove", "path": "title"]]),
                status: 404)
        }
    }
}
