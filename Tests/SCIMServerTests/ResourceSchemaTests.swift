import Foundation
import SCIMCore
import Testing

/// Resource representations and the data model over HTTP (rfc-checklist §7 GET, §10 SCH, §11 UNQ; FILT-35, PATCH-43).
@Suite("Resource schema and data model")
struct ResourceSchemaTests {
    @Test("GET: 200 with the resource; Content-Location, when sent, equals meta.location (GET-01, GET-03, GET-04)")
    func read() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            for path in ["/Users/\(fixtures.u1.id)", "/Groups/\(fixtures.g1.id)"] {
                let response = try await client.get(path)
                #expect(response.status == 200)
                let json = try #require(response.json)
                if let contentLocation = response.header("Content-Location") {
                    #expect(json["meta"]?["location"] == .string(contentLocation))
                }
                #expect(json["meta"]?["location"] == .string(client.base + path))
            }
            let u1 = try await client.resource("/Users/\(fixtures.u1.id)")
            #expect(u1.id == fixtures.u1.id)
            #expect(u1["schemas"]?.arrayValue?.contains(.string(SCIMURN.coreUser)) == true)
            #expect(u1["password"] == nil, "returned never")
        }
    }

    @Test("ids are server-assigned, unique across Users and Groups, and stable (CRT-04, SCH-03)")
    func identifiers() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let ids = ["U1", "U2", "U3", "G1", "G2"].map(fixtures.id)
            #expect(Set(ids).count == 5)
            #expect(ids.allSatisfy { !$0.isEmpty })
            #expect(try await client.resource("/Users/\(ids[0])").id == ids[0])
            #expect(try await client.resource("/Users/\(ids[0])?attributes=userName").id == ids[0], "returned always")
            expectSCIMError(try await client.get("/Users/\(ids[3])"), status: 404, detailContains: "User")
            expectSCIMError(try await client.get("/Groups/\(ids[0])"), status: 404, detailContains: "Group")
        }
    }

    @Test("schemas: a set of the type's URNs, extensions listed only when present, order free (SCH-01, SCH-02)")
    func schemas() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let u1 = try await client.resource("/Users/\(fixtures.u1.id)")
            let schemas = u1["schemas"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(Set(schemas) == [SCIMURN.coreUser, SCIMURN.enterpriseUser])
            #expect(schemas.count == Set(schemas).count, "no duplicates")
            #expect(try await client.resource("/Users/\(fixtures.u2.id)")["schemas"] == [.string(SCIMURN.coreUser)])
            let reversed = try await client.post(
                "/Users",
                json: [
                    "schemas": [.string(SCIMURN.enterpriseUser), .string(SCIMURN.coreUser), .string(SCIMURN.coreUser)],
                    "userName": "reversed", SCIMURN.enterpriseUser: ["department": "D"],
                ])
            #expect(reversed.status == 201, "\(reversed.text)")
            let stored = reversed.json?["schemas"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(Set(stored) == [SCIMURN.coreUser, SCIMURN.enterpriseUser])
            #expect(stored.count == 2)
        }
    }

    @Test("Booleans are JSON booleans; a missing primary reads as absent, never true (SCH-06, SCH-09)")
    func booleans() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let u1 = try await client.resource("/Users/\(fixtures.u1.id)")
            #expect(u1["active"]?.boolValue == true)
            #expect(u1["emails"]?[0]?["primary"]?.boolValue == true)
            let second = u1["emails"]?[1]?["primary"]
            #expect(second == nil || second == false)
        }
    }

    @Test("Binary values are base64, and at most one value is primary (SCH-07, SCH-08)")
    func valueRules() async throws {
        try await TestServer.with { client in
            let der = Data("certificate".utf8).base64EncodedString()
            let user = try await client.createUser(
                "cert.user", fields: ["x509Certificates": [["value": .string(der)]]])
            #expect(user["x509Certificates"]?[0]?["value"] == .string(der))
            let bad = try await client.post(
                "/Users",
                json: Fixtures.u2Body("cert.bad").withKey("x509Certificates", [["value": "not base64!"]]))
            expectSCIMError(bad, status: 400, scimType: "invalidValue")
            let twoPrimaries = try await client.post(
                "/Users",
                json: Fixtures.u2Body("primary.two").withKey(
                    "emails",
                    [["value": "a@x.io", "primary": true], ["value": "b@x.io", "primary": true]]))
            expectSCIMError(twoPrimaries, status: 400, scimType: "invalidValue")
            let listed = try await client.resource("/Users?filter=" + queryEncoded("userName eq \"primary.two\""))
            #expect(listed["totalResults"] == 0, "nothing stored with two primaries")
        }
    }

    @Test("The same (type, value) twice is stored once (SCH-10)")
    func duplicateValues() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser(
                "dup.values",
                fields: ["emails": [["type": "work", "value": "a@x.io"], ["type": "work", "value": "a@x.io"]]])
            #expect(user["emails"] == [["type": "work", "value": "a@x.io"]])
        }
    }

    @Test("RFC 7643 §8.2's full user round-trips every declared attribute (SCH-12)")
    func fullUser() async throws {
        try await TestServer.with { client in
            let manager = try await client.createUser("full.manager")
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.coreUser), .string(SCIMURN.enterpriseUser)],
                "externalId": "701984", "userName": "bjensen@example.com",
                "name": [
                    "formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara",
                    "middleName": "Jane", "honorificPrefix": "Ms.", "honorificSuffix": "III",
                ],
                "displayName": "Babs Jensen", "nickName": "Babs", "profileUrl": "https://login.example.com/bjensen",
                "emails": [
                    ["value": "bjensen@example.com", "type": "work", "primary": true],
                    ["value": "babs@jensen.org", "type": "home"],
                ],
                "addresses": [
                    [
                        "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                        "region": "CA", "postalCode": "91608", "country": "US",
                        "formatted": "100 Universal City Plaza\nHollywood, CA 91608 US", "primary": true,
                    ],
                    [
                        "type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood",
                        "region": "CA", "postalCode": "91608", "country": "US",
                        "formatted": "456 Hollywood Blvd\nHollywood, CA 91608 US",
                    ],
                ],
                "phoneNumbers": [
                    ["value": "555-555-5555", "type": "work"], ["value": "555-555-4444", "type": "mobile"],
                ],
                "ims": [["value": "someaimhandle", "type": "aim"]],
                "photos": [["value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"]],
                "userType": "Employee", "title": "Tour Guide", "preferredLanguage": "en-US", "locale": "en-US",
                "timezone": "America/Los_Angeles", "active": true, "password": "t1meMa$heen",
                "x509Certificates": [["value": .string(Data("cert".utf8).base64EncodedString())]],
                "entitlements": [["value": "ent-1"]], "roles": [["value": "role-1"]],
                SCIMURN.enterpriseUser: [
                    "employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
                    "division": "Theme Park", "department": "Tour Operations",
                    "manager": ["value": .string(manager.id)],
                ],
            ]
            let created = try client.created(try await client.post("/Users", json: body))
            let read = try await client.resource("/Users/\(created.id)")
            for (key, value) in body.objectValue ?? JSONObject()
            where !["password", "schemas", SCIMURN.enterpriseUser].contains(key) {
                #expect(read[key] == value, "\(key)")
            }
            let enterprise = try #require(read[SCIMURN.enterpriseUser])
            for key in ["employeeNumber", "costCenter", "organization", "division", "department"] {
                #expect(enterprise[key] == body[SCIMURN.enterpriseUser]?[key], "\(key)")
            }
            #expect(enterprise["manager"]?["value"] == .string(manager.id))
            #expect(read["password"] == nil)
        }
    }

    @Test("manager is complex with a read-only displayName; input displayName is ignored (SCH-18)")
    func manager() async throws {
        try await TestServer.with { client in
            let boss = try await client.createUser("boss", fields: ["displayName": "The Boss"])
            let user = try await client.createUser(
                "employee",
                fields: [
                    "schemas": [.string(SCIMURN.coreUser), .string(SCIMURN.enterpriseUser)],
                    SCIMURN.enterpriseUser: ["manager": ["value": .string(boss.id), "displayName": "Forged"]],
                ])
            let manager = try #require(user[SCIMURN.enterpriseUser]?["manager"])
            #expect(manager.objectValue != nil, "always an object (IOP-E06)")
            #expect(manager["value"] == .string(boss.id))
            #expect(manager["displayName"] != "Forged")
        }
    }

    @Test("No complex attribute has complex sub-attributes in /Schemas (SCH-22)")
    func noNestedComplex() async throws {
        try await TestServer.with { client in
            let schemas = try await client.resource("/Schemas")
            var checked = 0
            for schema in schemas["Resources"]?.arrayValue ?? [] {
                for attribute in schema["attributes"]?.arrayValue ?? [] {
                    for sub in attribute["subAttributes"]?.arrayValue ?? [] {
                        #expect(sub["type"] != "complex", "\(schema.id) \(attribute["name"] ?? nil)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 20)
        }
    }

    @Test("externalId is not unique: two users may share one (UNQ-05)")
    func sharedExternalId() async throws {
        try await TestServer.with { client in
            let first = try await client.createUser("ext.one", fields: ["externalId": "same"])
            let second = try await client.createUser("ext.two", fields: ["externalId": "same"])
            #expect(first.id != second.id)
        }
    }

    @Test("A defaulted attribute filters by the value returned: active defaults to true (FILT-35)")
    func defaultedFilter() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("defaulted")
            #expect(user["active"] == true)
            let found = try await client.resource("/Users?filter=" + queryEncoded("active eq true"))
            #expect(found.resourceIDs == [user.id])
        }
    }

    @Test(
        "schemas follows the data: a PATCH replacing it alone changes nothing and keeps the two consistent (PATCH-43)")
    func patchSchemas() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let before = try await client.resource("/Users/\(fixtures.u1.id)")
            let response = try await client.patch(
                "/Users/\(fixtures.u1.id)",
                [["op": "replace", "path": "schemas", "value": [.string(SCIMURN.coreUser)]]])
            #expect(response.status == 200, "\(response.text)")
            let read = try await client.resource("/Users/\(fixtures.u1.id)")
            #expect(read == before, "the extension data stays, so its URN stays listed (SCH-02)")
            let dropped = try await client.patch(
                "/Users/\(fixtures.u1.id)", [["op": "remove", "path": .string(SCIMURN.enterpriseUser)]])
            #expect(dropped.status == 200)
            #expect(dropped.json?["schemas"] == [.string(SCIMURN.coreUser)], "removing the data removes the URN")
        }
    }
}
