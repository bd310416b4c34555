import SCIMCore
import Testing

@Suite("Authentication and discovery")
struct AuthAndDiscoveryTests {
    @Test("A request without Authorization gets 401 with a SCIM body and a Bearer challenge (SEC-01)")
    func missingToken() async throws {
        try await TestServer.with { client in
            let response = try await client.get("/Users", authorized: false)
            expectSCIMError(response, status: 401)
            #expect(response.header("WWW-Authenticate") == "Bearer realm=\"scimcheck\"")
        }
    }

    @Test("A wrong or non-Bearer token gets 401 (SEC-02)")
    func wrongToken() async throws {
        try await TestServer.with { client in
            var wrong = client
            wrong.token = "not-the-token"
            let response = try await wrong.get("/Users")
            expectSCIMError(response, status: 401)
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer realm=\"scimcheck\"") == true)
            #expect(response.text.contains("not-the-token") == false, "the token is never echoed")

            let basic = try await client.send(
                "GET", "/Users", headers: ["Authorization": "Basic dXNlcjpwYXNz"], authorized: false)
            expectSCIMError(basic, status: 401)
            let raw = try await client.send(
                "GET", "/Users", headers: ["Authorization": TestServer.token], authorized: false)
            expectSCIMError(raw, status: 401)

            let lowercaseScheme = try await client.send(
                "GET", "/Users", headers: ["Authorization": "bearer \(TestServer.token)"], authorized: false)
            #expect(lowercaseScheme.status == 200, "the scheme name is case-insensitive (RFC 7235)")
        }
    }

    @Test("Unknown paths are protected too: 401 without a token, 404 with one")
    func unknownPathsRequireAuth() async throws {
        try await TestServer.with { client in
            expectSCIMError(try await client.get("/Widgets", authorized: false), status: 401)
            expectSCIMError(try await client.get("//Users", authorized: false), status: 401)
            expectSCIMError(try await client.get("/Widgets"), status: 404, detailContains: "/scim/v2/Widgets")
        }
    }

    @Test("ServiceProviderConfig is readable without auth and tells the truth (SEC-11, DISC-01/02)")
    func serviceProviderConfig() async throws {
        try await TestServer.with(configure: { $0.maxPageSize = 50 }) { client in
            let response = try await client.get("/ServiceProviderConfig", authorized: false)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == SCIMMediaType.scim)
            let json = try #require(response.json)
            #expect(json["schemas"] == [.string(SCIMURN.serviceProviderConfig)])
            #expect(json["patch"]?["supported"] == true)
            #expect(json["bulk"]?["supported"] == true)
            #expect(json["bulk"]?["maxOperations"] == .int(1000))
            #expect(json["bulk"]?["maxPayloadSize"] == .int(1 << 20))
            #expect(json["filter"]?["supported"] == true)
            #expect(json["filter"]?["maxResults"] == .int(50))
            #expect(json["changePassword"]?["supported"] == true)
            #expect(json["sort"]?["supported"] == true)
            #expect(json["etag"]?["supported"] == true)
            let schemes = try #require(json["authenticationSchemes"]?.arrayValue)
            #expect(schemes.count == 1)
            #expect(schemes.first?["type"] == "oauthbearertoken")
            #expect(schemes.first?["name"]?.stringValue?.isEmpty == false)
            #expect(schemes.first?["description"]?.stringValue?.isEmpty == false)
            #expect(json["meta"]?["resourceType"] == "ServiceProviderConfig")
            #expect(json["meta"]?["location"] == .string(client.base + "/ServiceProviderConfig"))

            let again = try await client.get("/ServiceProviderConfig")
            #expect(again.body == response.body, "the same answer with or without a token (DISC-14)")

            let filtered = try await client.get("/ServiceProviderConfig?filter=" + queryEncoded("patch pr"))
            expectSCIMError(filtered, status: 403)
        }
    }

    @Test("Wrong methods: 405 with Allow for never, 501 for /Me (ERR-16, ERR-17, ME-01)")
    func methods() async throws {
        try await TestServer.with { client in
            let deleteCollection = try await client.delete("/Users")
            expectSCIMError(deleteCollection, status: 405)
            #expect(deleteCollection.header("Allow") == "GET, POST")

            let postConfig = try await client.send("POST", "/ServiceProviderConfig", body: "{}")
            expectSCIMError(postConfig, status: 405)
            #expect(postConfig.header("Allow") == "GET")

            let user = try await client.createUser("methods.user")
            let id = try #require(user["id"]?.stringValue)
            expectSCIMError(try await client.send("POST", "/Users/\(id)", body: "{}"), status: 405)
            let searchGet = try await client.get("/Users/.search")
            expectSCIMError(searchGet, status: 405)
            #expect(searchGet.header("Allow") == "POST", "SRCH-07")
            expectSCIMError(try await client.send("POST", "/Groups/\(id)", body: "{}"), status: 405)
            let getBulk = try await client.get("/Bulk")
            expectSCIMError(getBulk, status: 405)
            #expect(getBulk.header("Allow") == "POST")
            expectSCIMError(try await client.get("/Me"), status: 501)

            let head = try await client.send("HEAD", "/Users")
            #expect(head.status == 405)
            #expect(head.body.isEmpty)
        }
    }
}
