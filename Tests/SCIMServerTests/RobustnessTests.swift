import SCIMCore
import SCIMServer
import Testing

@Suite("Malformed input is a 4xx SCIM error, never a 5xx")
struct RobustnessTests {
    static let paths: [JSONValue] = [
        "", " ", "[", "]", "emails[", "emails[]", "emails[type eq]", "emails[type eq \"work\"]]", "a.b.c", "urn:",
        "urn:x:", ":", "$ref", "members[value eq \"x\"].value.x", "emails[type eq \"work\"].", "name.", ".name",
        "emails[type eq \"work\"][value pr]", "emails[emails[value pr]]", "\u{0}",
        .string(String(repeating: "a.", count: 3000)),
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:", "urn:ietf:params:scim:schemas:core:2.0:User",
        "groups[value pr]", "meta[resourceType eq \"User\"]", "userName[value pr]", "members.value", "id.x", "schemas",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.nosuch", "members[type eq 1]", nil, 5,
        [], [:],
    ]
    static let values: [JSONValue?] = [
        nil, .null, true, 0, 1.5, "", "x", [], [nil], [1, 2], [:], ["value": nil], ["value": 1], [["value": []]],
        ["a.b": 1, "urn:x": [:]], .string(String(repeating: "z", count: 10_000)),
    ]

    @Test("Over a thousand odd PATCH operations on users and groups: each a 2xx or a 4xx SCIM error")
    func patchFuzz() async throws {
        for profile in [ServerProfile.compatible, .rfcStrict] {
            try await TestServer.with(configure: { $0.profile = profile }) { client in
                let user = try await client.createUser("fuzz.user")
                let group = try await client.createGroup("Fuzz", members: [user.id])
                let ops = ["add", "Replace", "remove"]
                for target in ["/Users/\(user.id)", "/Groups/\(group.id)"] {
                    for (pathIndex, path) in Self.paths.enumerated() {
                        for (valueIndex, value) in Self.values.enumerated() {
                            let op = ops[(pathIndex + valueIndex) % ops.count]
                            var operation = JSONObject([("op", .string(op))])
                            if path != .null { operation["path"] = path }
                            if let value { operation["value"] = value }
                            let response = try await client.patch(target, [.object(operation)])
                            #expect(response.status < 500, "\(op) \(path.serialized()) \(value?.serialized() ?? "-")")
                            if response.status >= 400 {
                                #expect(response.json?["schemas"] == [.string(SCIMURN.error)])
                            }
                        }
                    }
                }
                #expect(try await client.get("/Users/\(user.id)").status == 200, "the server still answers")
            }
        }
    }

    @Test("Odd filters, sorts and projections on every query endpoint: 200 or 400, never 5xx")
    func queryFuzz() async throws {
        let filters = [
            "a eq \"x\" or", "(((((", "not", "not ()", "emails[", "emails[type eq \"x\"", "x[y[z pr]]", "meta pr",
            "meta.version eq \"W/\\\"1\\\"\"", "members[value pr] and members pr", "schemas[value sw \"urn\"]",
            "id gt 5", "active ge false", "x509Certificates.value lt \"AA==\"", "urn:a:b:c:d eq 1",
            "emails.value eq 1e400", "userName eq \"\\ud800\"", "userName eq \"a\" and", "\"x\" eq userName",
            "groups.type eq \"direct\"", "meta.created eq \"2024-02-30T00:00:00Z\"", "name[givenName pr]",
            String(repeating: "(", count: 40) + "userName pr" + String(repeating: ")", count: 40),
        ]
        try await TestServer.with { client in
            _ = try await Fixtures.create(client)
            for endpoint in ["/Users", "/Groups", ""] {
                for filter in filters {
                    let response = try await client.get("\(endpoint)?filter=\(queryEncoded(filter))")
                    #expect([200, 400].contains(response.status), "\(endpoint) \(filter): \(response.text)")
                }
                for query in [
                    "sortBy=", "sortBy=%5B", "attributes=,,,", "excludedAttributes=%5B%5D", "attributes=urn:x",
                    "sortBy=meta&sortOrder=ascending", "count=99999999999999999999", "startIndex=-1&count=-1",
                ] {
                    let response = try await client.get("\(endpoint)?\(query)")
                    #expect([200, 400].contains(response.status), "\(endpoint) \(query): \(response.text)")
                }
            }
        }
    }

    @Test("Odd POST and PUT bodies for groups and users: 4xx SCIM errors (ERR-05, ERR-06)")
    func bodyFuzz() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("body.user")
            let group = try await client.createGroup("Body")
            let core = "\"schemas\":[\"\(SCIMURN.coreGroup)\"]"
            let groupBodies = [
                "{\(core)}", "{\(core),\"displayName\":\"\"}", "{\(core),\"displayName\":7}",
                "{\(core),\"displayName\":\"x\",\"members\":{}}", "{\(core),\"displayName\":\"x\",\"members\":[1]}",
                "{\(core),\"displayName\":\"x\",\"members\":[{\"value\":1}]}",
                "{\(core),\"displayName\":\"x\",\"members\":[{\"value\":\"\(user.id)\",\"type\":\"Robot\"}]}",
                "{\"schemas\":[\"\(SCIMURN.coreUser)\"],\"displayName\":\"x\"}", "{\"displayName\":\"x\"}", "[]", "{",
            ]
            for body in groupBodies {
                for (method, path) in [("POST", "/Groups"), ("PUT", "/Groups/\(group.id)")] {
                    let response = try await client.send(method, path, body: body)
                    #expect((400..<500).contains(response.status), "\(method) \(body): \(response.text)")
                    #expect(response.json?["schemas"] == [.string(SCIMURN.error)])
                }
            }
            let searchBodies = [
                "{}", "{\"schemas\":\"x\"}", "{\"schemas\":[\"\(SCIMURN.searchRequest)\"],\"attributes\":[1]}",
                "{\"schemas\":[\"\(SCIMURN.searchRequest)\"],\"sortOrder\":\"up\"}",
                "{\"schemas\":[\"\(SCIMURN.searchRequest)\"],\"startIndex\":1.5}",
            ]
            for body in searchBodies {
                for path in ["/Users/.search", "/Groups/.search", "/.search"] {
                    let response = try await client.send("POST", path, body: body)
                    #expect(response.status == 400, "\(path) \(body): \(response.text)")
                }
            }
        }
    }
}
