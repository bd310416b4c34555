import SCIMCore
import Testing

@Suite("Listing and filtering users")
struct UserListTests {
    /// Creates `names` in order and returns their ids.
    static func seed(_ client: TestHTTPClient, _ names: [String]) async throws -> [String] {
        var ids: [String] = []
        for name in names {
            let user = try await client.createUser(name)
            ids.append(try #require(user["id"]?.stringValue))
        }
        return ids
    }

    static func ids(_ response: TestResponse) -> [String] {
        response.json?["Resources"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test("An empty collection is a ListResponse with integers and Resources [] (LST-01 to LST-04)")
    func empty() async throws {
        try await TestServer.with { client in
            let response = try await client.get("/Users")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == SCIMMediaType.scim)
            let json = try #require(response.json)
            #expect(json["schemas"] == [.string(SCIMURN.listResponse)])
            #expect(json["totalResults"] == .int(0))
            #expect(json["itemsPerPage"] == .int(0))
            #expect(json["startIndex"] == .int(1))
            #expect(json["Resources"] == [])
            #expect(response.text.contains("\"totalResults\":0"), "numbers are JSON integers")

            for accept in ["application/json", "*/*"] {
                let other = try await client.send("GET", "/Users", headers: ["Accept": accept])
                #expect(other.status == 200, "Accept: \(accept) (GEN-03, GEN-04)")
                #expect(other.header("Content-Type") == SCIMMediaType.scim)
            }
        }
    }

    @Test("userName eq matches case-insensitively; a miss is 200 with totalResults 0 (FILT-02, FILT-06, LST-03)")
    func userNameFilter() async throws {
        try await TestServer.with { client in
            let ids = try await Self.seed(client, ["bjensen", "jsmith", "test.user@okta.local"])
            for filter in [
                "userName eq \"bjensen\"", "USERNAME Eq \"BJensen\"", "userName  eq  \"BJENSEN\"",
                "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bjensen\"", "(userName eq \"bjensen\")",
            ] {
                let response = try await client.get("/Users?filter=\(queryEncoded(filter))&startIndex=1&count=100")
                #expect(response.status == 200, "\(filter): \(response.text)")
                #expect(response.json?["totalResults"] == .int(1), "\(filter)")
                #expect(Self.ids(response) == [ids[0]], "\(filter)")
            }
            // Okta's existence check, with %40 for @ and, in the 2018 form, + for spaces (okta-behavior §2.2).
            let okta = try await client.get(
                "/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100")
            #expect(Self.ids(okta) == [ids[2]])
            let formEncoded = try await client.get("/Users?filter=userName+eq+%22TEST.USER%40okta.local%22")
            #expect(Self.ids(formEncoded) == [ids[2]])

            let miss = try await client.get("/Users?filter=" + queryEncoded("userName eq \"nobody-8c1f\""))
            #expect(miss.status == 200)
            let json = try #require(miss.json)
            #expect(json["totalResults"] == .int(0))
            #expect(json["Resources"] == [])
            #expect(json["startIndex"] == .int(1))
            #expect(json["itemsPerPage"] == .int(0))
        }
    }

    @Test("Filters the server cannot evaluate and malformed ones are 400 invalidFilter naming why (FILT-05, FILT-34)")
    func unsupportedAndMalformedFilters() async throws {
        try await TestServer.with { client in
            _ = try await Self.seed(client, ["bjensen"])
            let unsupported = [
                ("nosuchattr eq \"x\"", "nosuchattr"), ("userName eq 42", "string"), ("name eq \"x\"", "complex"),
                ("active gt true", "boolean"), ("password eq \"x\"", "never returned"),
                ("meta.created gt \"yesterday\"", "xsd:dateTime"), ("urn:example:x:2.0:User:foo pr", "foo"),
                ("emails[nosub eq \"x\"]", "nosub"), ("userName gt null", "null"),
            ]
            for (filter, named) in unsupported {
                let response = try await client.get("/Users?filter=" + queryEncoded(filter))
                expectSCIMError(response, status: 400, scimType: "invalidFilter", detailContains: named)
            }
            let malformed = [
                "", " ", "userName eq", "userName eq \"x", "userName \"x\"", "(userName eq \"x\"",
                "userName eq \"x\")", "userName eq \"x\" and", "userName eq bjensen", "userName regex \"j\"",
                "emails[type eq \"work\" and emails[value pr]]", "userName eq \"x\" \"y\"",
            ]
            for filter in malformed {
                let response = try await client.get("/Users?filter=" + queryEncoded(filter))
                expectSCIMError(response, status: 400, scimType: "invalidFilter", detailContains: "malformed")
            }
            let invalidUTF8 = try await client.get("/Users?filter=userName%20eq%20%22%FF%22")
            expectSCIMError(invalidUTF8, status: 400, scimType: "invalidFilter")
        }
    }

    @Test("Paging: 1-based, startIndex < 1 is 1, count 0 and negative give no resources (LST-05 to LST-12)")
    func paging() async throws {
        try await TestServer.with { client in
            let ids = try await Self.seed(client, ["u1", "u2", "u3", "u4"])
            let all = try await client.get("/Users")
            #expect(Self.ids(all) == ids, "creation order")
            #expect(all.json?["itemsPerPage"] == .int(4))

            for query in ["startIndex=0&count=1", "startIndex=-5&count=1", "startIndex=1&count=1"] {
                let response = try await client.get("/Users?\(query)")
                #expect(Self.ids(response) == [ids[0]], "\(query)")
                #expect(response.json?["startIndex"] == .int(1), "\(query)")
                #expect(response.json?["totalResults"] == .int(4), "\(query)")
                #expect(response.json?["itemsPerPage"] == .int(1), "\(query)")
            }
            let second = try await client.get("/Users?startIndex=2&count=2")
            #expect(Self.ids(second) == [ids[1], ids[2]])

            for count in ["0", "-1", "-99999999999999999999999"] {
                let response = try await client.get("/Users?count=\(count)")
                #expect(response.status == 200)
                #expect(response.json?["totalResults"] == .int(4), "count=\(count)")
                #expect(response.json?["Resources"] == [], "count=\(count)")
                #expect(response.json?["itemsPerPage"] == .int(0), "count=\(count)")
            }
            let past = try await client.get("/Users?startIndex=10000")
            #expect(past.json?["totalResults"] == .int(4))
            #expect(past.json?["Resources"] == [])
            #expect(past.json?["startIndex"] == .int(10000))

            var walked: [String] = []
            for start in 1...5 {
                let page = try await client.get("/Users?startIndex=\(start)&count=1")
                walked += Self.ids(page)
            }
            #expect(walked == ids, "count=1 pages: no duplicates, no gaps (LST-13)")

            for query in ["count=abc", "startIndex=x", "count=", "count=1.5", "startIndex=1e3"] {
                let response = try await client.get("/Users?\(query)")
                expectSCIMError(response, status: 400, scimType: "invalidValue")
            }
            let unknown = try await client.get("/Users?foo=bar&aadOptscim062020")
            #expect(Self.ids(unknown) == ids, "unknown parameters are ignored (GEN-07)")
        }
    }

    @Test("The page size defaults to the server's choice and never exceeds maxResults (LST-07, LST-09)")
    func pageSizeLimits() async throws {
        try await TestServer.with(configure: {
            $0.defaultPageSize = 2
            $0.maxPageSize = 3
        }) { client in
            let ids = try await Self.seed(client, ["p1", "p2", "p3", "p4", "p5"])
            let defaultPage = try await client.get("/Users")
            #expect(Self.ids(defaultPage) == Array(ids.prefix(2)))
            #expect(defaultPage.json?["totalResults"] == .int(5))
            let capped = try await client.get("/Users?count=100")
            #expect(Self.ids(capped) == Array(ids.prefix(3)))
            #expect(capped.json?["itemsPerPage"] == .int(3))
        }
    }
}
