import Foundation
import SCIMCore
import Testing

@Suite("Creating and reading users")
struct UserCreateTests {
    static func isRFC3339(_ text: String) -> Bool {
        text.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/#) != nil
    }

    @Test("POST gives 201, Location = meta.location, complete meta and no password (CRT-01 to CRT-17)")
    func create() async throws {
        try await TestServer.with { client in
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.coreUser)],
                "id": "client-chosen",
                "userName": "test.user@okta.local",
                "name": ["givenName": "Test", "familyName": "User"],
                "emails": [["primary": true, "value": "test.user@okta.local", "type": "work"]],
                "displayName": "Test User",
                "locale": "en-US",
                "externalId": "00ujl29u0le5T6Aj10h7",
                "groups": [["value": "some-group"]],
                "password": "1mz050nq",
                "meta": ["created": "2000-01-01T00:00:00Z", "location": "http://evil/"],
            ]
            let response = try await client.post("/Users", json: body)
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == SCIMMediaType.scim)
            let user = try #require(response.json)
            let id = try #require(user["id"]?.stringValue)
            #expect(id != "client-chosen")
            #expect(UUID(uuidString: id) != nil)
            #expect(user["schemas"] == [.string(SCIMURN.coreUser)])
            #expect(user["userName"] == "test.user@okta.local")
            #expect(user["name"]?["familyName"] == "User")
            #expect(user["emails"]?[0]?["primary"] == true)
            #expect(user["externalId"] == "00ujl29u0le5T6Aj10h7")
            #expect(user["active"] == true, "active defaults to true")
            #expect(user["groups"] == [], "groups is readOnly: ignored on input")
            #expect(user["password"] == nil)
            #expect(response.text.contains("1mz050nq") == false, "the password appears nowhere")

            let meta = try #require(user["meta"])
            let location = try #require(meta["location"]?.stringValue)
            #expect(location == "\(client.base)/Users/\(id)")
            #expect(response.header("Location") == location)
            #expect(meta["resourceType"] == "User")
            let created = try #require(meta["created"]?.stringValue)
            #expect(Self.isRFC3339(created))
            #expect(created != "2000-01-01T00:00:00Z")
            #expect(meta["lastModified"]?.stringValue == created)
            // etag.supported is true: meta.version is the weak ETag header (ETAG-01, ETAG-02).
            let version = try #require(meta["version"]?.stringValue)
            #expect(version.hasPrefix("W/\""))
            #expect(response.header("ETag") == version)

            let read = try await client.get("/Users/\(id)")
            #expect(read.status == 200)
            #expect(read.json == user, "GET returns what POST returned")
            let again = try await client.get(location.replacingOccurrences(of: client.base, with: ""))
            #expect(again.json?["id"] == .string(id), "meta.location dereferences (GET-05)")
        }
    }

    @Test("Unknown ids and odd ids get 404 with a SCIM body (GET-02, ERR-15)")
    func unknownIDs() async throws {
        try await TestServer.with { client in
            expectSCIMError(try await client.get("/Users/00000000-0000-0000-0000-000000000000"), status: 404)
            expectSCIMError(try await client.get("/Users/010101001010101011001010101011"), status: 404)
            let user = try await client.createUser("case.id")
            let id = try #require(user["id"]?.stringValue)
            expectSCIMError(try await client.get("/Users/\(id.uppercased())"), status: 404, detailContains: "not found")
        }
    }

    @Test("A duplicate userName, in any letter case, is 409 uniqueness (UNQ-01, UNQ-02)")
    func uniqueness() async throws {
        try await TestServer.with { client in
            _ = try await client.createUser("bjensen")
            for variant in ["bjensen", "BJensen", "BJENSEN"] {
                let body: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": .string(variant)]
                expectSCIMError(try await client.post("/Users", json: body), status: 409, scimType: "uniqueness")
            }
            let list = try await client.get("/Users")
            #expect(list.json?["totalResults"] == .int(1))
            _ = try await client.createUser("bjensen2", extra: JSONObject([("externalId", "same")]))
            _ = try await client.createUser("bjensen3", extra: JSONObject([("externalId", "same")]))
        }
    }

    @Test("Concurrent creates of one userName in different cases: exactly one wins, the rest get 409")
    func concurrentDuplicates() async throws {
        try await TestServer.with { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    let userName = index.isMultiple(of: 2) ? "race.user" : "RACE.user"
                    group.addTask {
                        let body: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": .string(userName)]
                        return try await client.post("/Users", json: body).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 7)
        }
    }

    @Test("Attribute names are case-insensitive on input and come back canonical (GEN-10)")
    func caseInsensitiveNames() async throws {
        try await TestServer.with { client in
            let body = """
                {"Schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"UserName":"caseuser","Active":false,
                 "EMAILS":[{"Value":"c@x.io","Primary":true,"TYPE":"work"}],"name":{"GIVENNAME":"C"}}
                """
            let response = try await client.send("POST", "/Users", body: body)
            #expect(response.status == 201, "\(response.text)")
            let user = try #require(response.json)
            #expect(user["userName"] == "caseuser")
            #expect(user["active"] == false)
            #expect(user["emails"] == [["value": "c@x.io", "primary": true, "type": "work"]])
            #expect(user["name"] == ["givenName": "C"])
        }
    }

    @Test("UTF-8 userName round-trips byte for byte (GEN-01)")
    func utf8() async throws {
        try await TestServer.with { client in
            let created = try await client.createUser("ütf-测试-🙂")
            let id = try #require(created["id"]?.stringValue)
            let read = try await client.get("/Users/\(id)")
            #expect(read.json?["userName"] == "ütf-测试-🙂")
            #expect(read.text.contains("ütf-测试-🙂"), "sent as UTF-8, not escaped")
            let found = try await client.get("/Users?filter=" + queryEncoded("userName eq \"ÜTF-测试-🙂\""))
            #expect(found.json?["totalResults"] == .int(1))
        }
    }

    @Test("NinjaOne and other extension objects are kept exactly as provisioned")
    func extensions() async throws {
        try await TestServer.with { client in
            let ninja: JSONValue = ["userType": "technician", "organizationId": "12,31"]
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.coreUser), .string(SCIMURN.ninjaOneUser), .string(SCIMURN.enterpriseUser)],
                "userName": "tech@example.com",
                "active": nil,
                SCIMURN.ninjaOneUser: ninja,
                "urn:example:custom:2.0:User": ["favourite": ["colour": "red"], "n": 1.5],
            ]
            let response = try await client.post("/Users", json: body)
            #expect(response.status == 201, "\(response.text)")
            let user = try #require(response.json)
            #expect(user[SCIMURN.ninjaOneUser] == ninja)
            #expect(user["urn:example:custom:2.0:User"] == ["favourite": ["colour": "red"], "n": 1.5])
            let schemas = try #require(user["schemas"]?.arrayValue)
            #expect(schemas.contains(.string(SCIMURN.ninjaOneUser)))
            #expect(schemas.contains(.string(SCIMURN.enterpriseUser)) == false, "listed without data: dropped")
            #expect(schemas.contains("urn:example:custom:2.0:User"), "an extension with data is listed (SCH-02)")
            #expect(user["active"] == true)

            let core: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": "enduser@example.com"]
            let arrayForm = core.withKey(
                "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:NINJAONE:2.0:USER",
                ["userType": "endUser", "organizationId": ["12", "31"]])
            let second = try await client.post("/Users", json: arrayForm)
            #expect(second.status == 201, "\(second.text)")
            #expect(second.json?[SCIMURN.ninjaOneUser] == ["userType": "endUser", "organizationId": ["12", "31"]])
            #expect(second.json?["schemas"] == [.string(SCIMURN.coreUser), .string(SCIMURN.ninjaOneUser)])
        }
    }

    @Test("Bad bodies get 400 invalidSyntax or invalidValue, never a 5xx (ERR-05, ERR-06)")
    func badBodies() async throws {
        try await TestServer.with { client in
            let syntax = [
                "{\"userName\":\"x\"", "{", "[]", "\"text\"", "{\"a\":1,\"a\":2}", "", "{} trailing",
                String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
                "{\"schemas\":[\"\(SCIMURN.coreUser)\"],\"userName\":\"x\",\"USERNAME\":\"y\"}",
                "{\"schemas\":[\"\(SCIMURN.coreUser)\"],\"userName\":\"x\",\"bad name\":1}",
            ]
            for text in syntax {
                expectSCIMError(
                    try await client.send("POST", "/Users", body: text), status: 400, scimType: "invalidSyntax")
            }
            let core = "\"schemas\":[\"\(SCIMURN.coreUser)\"]"
            let invalid = [
                "{\(core)}",
                "{\(core),\"userName\":\"\"}",
                "{\(core),\"userName\":\"   \"}",
                "{\(core),\"userName\":null}",
                "{\(core),\"userName\":42}",
                "{\"userName\":\"noschemas\"}",
                "{\"schemas\":[\"\(SCIMURN.enterpriseUser)\"],\"userName\":\"x\"}",
                "{\"schemas\":\"\(SCIMURN.coreUser)\",\"userName\":\"x\"}",
                "{\(core),\"userName\":\"x\",\"active\":\"maybe\"}",
                "{\(core),\"userName\":\"x\",\"emails\":{\"value\":\"a@b.c\"}}",
                "{\(core),\"userName\":\"x\",\"emails\":[\"a@b.c\"]}",
                "{\(core),\"userName\":\"x\",\"emails\":[{\"value\":\"a@b.c\",\"primary\":true},"
                    + "{\"value\":\"d@b.c\",\"primary\":true}]}",
                "{\(core),\"userName\":\"x\",\"name\":\"Barbara\"}",
                "{\(core),\"userName\":\"x\",\"externalId\":7}",
                "{\(core),\"userName\":\"x\",\"password\":12345}",
                "{\(core),\"userName\":\"x\",\"\(SCIMURN.ninjaOneUser)\":\"technician\"}",
                "{\(core),\"userName\":\"x\",\"x509Certificates\":[{\"value\":\"not base64!\"}]}",
            ]
            for text in invalid {
                let response = try await client.send("POST", "/Users", body: text)
                expectSCIMError(response, status: 400, scimType: "invalidValue")
            }
            let list = try await client.get("/Users")
            #expect(list.json?["totalResults"] == .int(0), "nothing was created")
        }
    }

    @Test("Media types: SCIM and JSON with charset accepted, others 415 (GEN-06, ERR-16)")
    func mediaTypes() async throws {
        try await TestServer.with { client in
            let body = "{\"schemas\":[\"\(SCIMURN.coreUser)\"],\"userName\":\"USER\"}"
            let accepted = [
                "application/scim+json", "application/scim+json; charset=utf-8", "application/json",
                "Application/JSON;charset=UTF-8",
            ]
            for (index, contentType) in accepted.enumerated() {
                let response = try await client.send(
                    "POST", "/Users", body: body.replacingOccurrences(of: "USER", with: "media\(index)"),
                    contentType: contentType)
                #expect(response.status == 201, "\(contentType): \(response.text)")
            }
            for contentType in ["text/plain", "application/xml", "application/scim+json; charset=iso-8859-1"] {
                let response = try await client.send("POST", "/Users", body: body, contentType: contentType)
                expectSCIMError(response, status: 415)
            }
        }
    }

    @Test("A body over the limit gets 413 with a SCIM body")
    func tooLarge() async throws {
        try await TestServer.with { client in
            let padding = String(repeating: "a", count: 1 << 20)
            let body = "{\"schemas\":[\"\(SCIMURN.coreUser)\"],\"userName\":\"big\",\"nickName\":\"\(padding)\"}"
            expectSCIMError(try await client.send("POST", "/Users", body: body), status: 413)
            let after = try await client.get("/Users")
            #expect(after.status == 200, "the server still answers")
        }
    }

    @Test("DELETE gives 204 without a body, then 404 everywhere (DEL-01 to DEL-04)")
    func delete() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("to.delete")
            let id = try #require(user["id"]?.stringValue)
            let deleted = try await client.delete("/Users/\(id)")
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            expectSCIMError(try await client.get("/Users/\(id)"), status: 404)
            expectSCIMError(try await client.delete("/Users/\(id)"), status: 404)
            let search = try await client.get("/Users?filter=" + queryEncoded("userName eq \"to.delete\""))
            #expect(search.json?["totalResults"] == .int(0))
            _ = try await client.createUser("to.delete")  // no longer counted for uniqueness
        }
    }
}

extension JSONValue {
    /// This object with `value` under `key` (for keys that are not string literals, such as URNs).
    func withKey(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object[key] = value
        return .object(object)
    }
}
