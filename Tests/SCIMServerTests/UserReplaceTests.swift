import SCIMCore
import SCIMServer
import SCIMServerSQLite
import Testing

@Suite("PUT on users")
struct UserReplaceTests {
    @Test("Okta's GET-then-PUT: the returned resource, modified, comes back as the updated user (okta §4.1, PUT-01)")
    func oktaGetThenPut() async throws {
        try await TestServer.with { client in
            let created = try await client.createUser(
                "test.user@okta.local",
                extra: JSONObject([
                    ("name", ["givenName": "Test", "familyName": "User"]),
                    ("emails", [["primary": true, "value": "test.user@okta.local", "type": "work"]]),
                ]))
            let group = try await client.createGroup("Pushed", members: [created.id])
            // Okta modifies the attributes that changed on what GET returned and PUTs it all back, readOnly
            // parts (id, groups, meta) and server-side fields (emails[].display) included.
            guard case .object(var resource) = try await client.resource("/Users/\(created.id)") else {
                throw TestFailure("not an object")
            }
            resource["name"] = ["givenName": "Another", "middleName": "Excited", "familyName": "User"]
            resource["emails"] = [
                ["primary": true, "value": "test.user@okta.local", "type": "work", "display": "test.user@okta.local"]
            ]
            resource["meta"] = ["resourceType": "User"]
            let response = try await client.put("/Users/\(created.id)", json: .object(resource))
            #expect(response.status == 200, "\(response.text)")
            let user = try #require(response.json)
            #expect(user["name"]?["middleName"] == "Excited")
            #expect(user["emails"]?[0]?["display"] == "test.user@okta.local")
            #expect(user.values(of: "groups") == [group.id], "groups is readOnly: the PUT leaves it alone")
            #expect(user["meta"]?["created"] == created["meta"]?["created"])
            #expect(user["meta"]?["location"] == created["meta"]?["location"])
            #expect(response.header("ETag") == user["meta"]?["version"]?.stringValue)
            #expect(try await client.resource("/Users/\(created.id)") == user)
        }
    }

    @Test("PUT replaces: omitted attributes cleared, active defaults to true, readOnly ignored (PUT-03-PUT-08)")
    func replaceSemantics() async throws {
        try await TestServer.with { client in
            let u2 = try client.created(try await client.post("/Users", json: Fixtures.u2Body()))
            let u1 = try client.created(try await client.post("/Users", json: Fixtures.u1Body(managerID: u2.id)))
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.coreUser)], "id": "other", "userName": "bjensen",
                "emails": [["value": "new@example.com", "type": "work"]],
                "meta": ["created": "2000-01-01T00:00:00Z"], "groups": [["value": "x"]],
            ]
            let response = try await client.put("/Users/\(u1.id)", json: body)
            #expect(response.status == 200, "\(response.text)")
            let user = try #require(response.json)
            #expect(user.id == u1.id, "a different id in the body is ignored (PUT-06, RFCX-3)")
            #expect(user["meta"]?["created"] == u1["meta"]?["created"])
            #expect(
                user["emails"] == [["value": "new@example.com", "type": "work"]], "a replace, not a merge (PUT-03)")
            #expect(user["title"] == nil, "omitted attributes are cleared (PUT-04)")
            #expect(user[SCIMURN.enterpriseUser] == nil)
            #expect(user["schemas"] == [.string(SCIMURN.coreUser)])
            #expect(user["active"] == true, "active defaults to true when omitted (PUT-04, IOP-O07)")
            let before = try #require(u1["meta"]?["lastModified"]?.stringValue)
            #expect(try #require(user["meta"]?["lastModified"]?.stringValue) > before, "PUT-08")
            #expect(user["meta"]?["version"] != u1["meta"]?["version"])

            let same = try await client.put("/Users/\(u1.id)", json: body)
            #expect(same.json?["meta"] == user["meta"], "an identical PUT changes nothing (ETAG-03)")

            let deactivate = try await client.put("/Users/\(u1.id)", json: body.withKey("active", false))
            #expect(deactivate.json?["active"] == false, "AIW deactivates with a PUT (okta §5.1)")
            let caseChange = try await client.put("/Users/\(u1.id)", json: body.withKey("userName", "BJensen"))
            #expect(caseChange.json?["userName"] == "BJensen", "a user may change the case of its own userName")
        }
    }

    @Test("PUT errors: required userName, 409 on a taken userName, 404 never creates (PUT-02, PUT-07, PUT-09)")
    func errors() async throws {
        try await TestServer.with { client in
            let u1 = try await client.createUser("bjensen")
            let u2 = try await client.createUser("jsmith")
            let noName: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "displayName": "x"]
            expectSCIMError(
                try await client.put("/Users/\(u2.id)", json: noName), status: 400, scimType: "invalidValue")
            let taken: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": "BJENSEN"]
            expectSCIMError(try await client.put("/Users/\(u2.id)", json: taken), status: 409, scimType: "uniqueness")
            let unknown = "11111111-2222-3333-4444-555555555555"
            let body: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": "new"]
            expectSCIMError(try await client.put("/Users/\(unknown)", json: body), status: 404)
            expectSCIMError(try await client.get("/Users/\(unknown)"), status: 404)
            expectSCIMError(
                try await client.send("PUT", "/Users/\(u1.id)", body: "{"), status: 400, scimType: "invalidSyntax")
            #expect(try await client.resource("/Users/\(u2.id)")["userName"] == "jsmith")
        }
    }

    @Test("password is write-only: an omitted one is kept, a sent one replaces it (PUT-03, SEC-10)")
    func password() async throws {
        let store = try SQLiteSCIMStore(path: ":memory:")
        try await TestServer.with(store: store) { client in
            let user = try await client.createUser("pw.user", extra: JSONObject([("password", "first-Pa55")]))
            let body: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": "pw.user", "nickName": "P"]
            #expect(try await client.put("/Users/\(user.id)", json: body).status == 200)
            let kept = try #require(try await store.user(id: user.id)?.passwordHash)
            #expect(PasswordHasher.verify("first-Pa55", against: kept))

            let changed = try await client.put("/Users/\(user.id)", json: body.withKey("password", "second-Pa55"))
            #expect(changed.status == 200)
            #expect(changed.text.contains("second-Pa55") == false)
            let replaced = try #require(try await store.user(id: user.id)?.passwordHash)
            #expect(PasswordHasher.verify("second-Pa55", against: replaced))

            let again = try await client.put("/Users/\(user.id)", json: body.withKey("password", "second-Pa55"))
            #expect(again.json?["meta"] == changed.json?["meta"], "the same password again is no change")
        }
    }
}
