import SCIMCore
import SCIMServer
import Testing

/// Each injected quirk changes what goes over the wire, and only when configured (DESIGN §5, §7).
@Suite("Quirks for self-tests")
struct QuirkTests {
    private func with<T: Sendable>(
        _ quirks: Set<Quirk>, _ body: @Sendable (TestHTTPClient) async throws -> T
    ) async throws -> T {
        try await TestServer.with(configure: { $0.quirks = quirks }, body)
    }

    @Test("Quirks are off by default and only set in code (DESIGN §5)")
    func offByDefault() {
        #expect(SCIMServerConfiguration(scimToken: "t").quirks.isEmpty)
        #expect(Quirk.allCases.count == 15)
    }

    @Test("createReturns200: POST /Users and /Groups answer 200 instead of 201 (RFC 7644 §3.3)")
    func createReturns200() async throws {
        try await with([.createReturns200]) { client in
            let user = try await client.post("/Users", json: Fixtures.u2Body())
            #expect(user.status == 200)
            #expect(user.json?["userName"] == "jsmith")
            let group = try await client.post(
                "/Groups", json: ["schemas": [.string(SCIMURN.coreGroup)], "displayName": "G"])
            #expect(group.status == 200)
            // The admin API is not affected.
            try await client.adminJSON("POST", "/organizations", ["name": "Acme"], expect: 201)
        }
    }

    @Test("omitLocationHeader: a created resource comes without Location (RFC 7644 §3.3)")
    func omitLocationHeader() async throws {
        try await with([.omitLocationHeader]) { client in
            let response = try await client.post("/Users", json: Fixtures.u2Body())
            #expect(response.status == 201)
            #expect(response.header("Location") == nil)
            #expect(response.json?["meta"]?["location"]?.stringValue != nil)
        }
        try await TestServer.with { client in
            let response = try await client.post("/Users", json: Fixtures.u2Body())
            #expect(response.header("Location") != nil)
        }
    }

    @Test("ignoreFilter: GET /Users lists everything whatever the filter (RFC 7644 §3.4.2.2)")
    func ignoreFilter() async throws {
        try await with([.ignoreFilter]) { client in
            _ = try await client.createUser("a@example.com")
            _ = try await client.createUser("b@example.com")
            let filter = queryEncoded("userName eq \"a@example.com\"")
            let response = try await client.get("/Users?filter=\(filter)&count=10")
            #expect(response.json?["totalResults"] == 2)
            #expect(try await client.get("/Groups?filter=\(queryEncoded("displayName eq \"x\""))").status == 200)
        }
    }

    @Test("caseSensitiveUserName: userName case variants neither collide nor match (RFC 7643 §4.1.1)")
    func caseSensitiveUserName() async throws {
        try await with([.caseSensitiveUserName]) { client in
            _ = try await client.createUser("Alice@example.com")
            let twin = try await client.post(
                "/Users", json: ["schemas": [.string(SCIMURN.coreUser)], "userName": "alice@example.com"])
            #expect(twin.status == 201)
            let upper = try await client.get("/Users?filter=" + queryEncoded("userName eq \"ALICE@EXAMPLE.COM\""))
            #expect(upper.json?["totalResults"] == 0)
            let exact = try await client.get("/Users?filter=" + queryEncoded("userName eq \"Alice@example.com\""))
            #expect(exact.json?["totalResults"] == 1)
        }
    }

    @Test("pathlessPatchIgnored: a path-less PATCH answers 200 and changes nothing (RFC 7644 §3.5.2.3)")
    func pathlessPatchIgnored() async throws {
        try await with([.pathlessPatchIgnored]) { client in
            let user = try await client.createUser("p@example.com")
            let ignored = try await client.patch("/Users/\(user.id)", [["op": "replace", "value": ["active": false]]])
            #expect(ignored.status == 200)
            #expect(ignored.json?["active"] == true)
            #expect(try await client.resource("/Users/\(user.id)")["active"] == true)
            let withPath = try await client.patch(
                "/Users/\(user.id)", [["op": "replace", "path": "active", "value": false]])
            #expect(withPath.json?["active"] == false)
        }
    }

    @Test("numbersAsStrings: ListResponse numbers are JSON strings (RFC 7644 §3.4.2)")
    func numbersAsStrings() async throws {
        try await with([.numbersAsStrings]) { client in
            let list = try await client.get("/Users?count=1")
            #expect(list.json?["totalResults"] == "0")
            #expect(list.json?["itemsPerPage"] == "0")
            #expect(list.json?["startIndex"] == "1")
        }
    }

    @Test("errorStatusAsNumber: error bodies carry status as a number (RFC 7644 §3.12)")
    func errorStatusAsNumber() async throws {
        try await with([.errorStatusAsNumber]) { client in
            let missing = try await client.get("/Users/missing")
            #expect(missing.json?["status"] == 404)
            let anonymous = try await client.get("/Users", authorized: false)
            #expect(anonymous.json?["status"] == 401)
        }
    }

    @Test("patchNotImplemented: PATCH on users and groups is 501, after authentication (RFC 7644 §3.5.2)")
    func patchNotImplemented() async throws {
        try await with([.patchNotImplemented]) { client in
            let user = try await client.createUser("n@example.com")
            let group = try await client.createGroup("G")
            let userPatch = try await client.patch(
                "/Users/\(user.id)", [["op": "replace", "path": "active", "value": false]])
            expectSCIMError(userPatch, status: 501)
            expectSCIMError(
                try await client.patch("/Groups/\(group.id)", [["op": "remove", "path": "members"]]), status: 501)
            let anonymous = try await client.send("PATCH", "/Users/\(user.id)", body: "{}", authorized: false)
            #expect(anonymous.status == 401)
            #expect(try await client.resource("/Users/\(user.id)")["active"] == true)
        }
    }
}
