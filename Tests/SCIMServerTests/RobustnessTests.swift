import SCIMCore
import SCIMServer
import Testing

/// PATCH operations as a matrix of paths × values × ops, in both profiles. Single malformed requests (bodies,
/// filters, query parameters, headers, unicode, sizes) are cases of the hostile corpus (HostileCorpusTests).
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
}
