import SCIMCore
import Testing

@Suite("ETags and versions")
struct ETagTests {
    @Test("ETag equals meta.version on POST, GET, PUT and PATCH; weak; changes only on change (ETAG-01 to ETAG-03)")
    func headers() async throws {
        try await TestServer.with { client in
            let created = try await client.post(
                "/Users", json: ["schemas": [.string(SCIMURN.coreUser)], "userName": "etag.user"])
            let first = try #require(created.header("ETag"))
            #expect(first.hasPrefix("W/\""))
            #expect(created.json?["meta"]?["version"] == .string(first))
            let id = try #require(created.json?.id)
            let read = try await client.get("/Users/\(id)")
            #expect(read.header("ETag") == first)
            #expect(try await client.get("/Users/\(id)").header("ETag") == first, "stable while nothing changes")
            let patched = try await client.patch("/Users/\(id)", [["op": "replace", "path": "title", "value": "T"]])
            let second = try #require(patched.header("ETag"))
            #expect(second != first)
            #expect(patched.json?["meta"]?["version"] == .string(second))
            let put = try await client.put(
                "/Users/\(id)", json: ["schemas": [.string(SCIMURN.coreUser)], "userName": "etag.user"])
            #expect(put.header("ETag") == put.json?["meta"]?["version"]?.stringValue)
            #expect(put.header("ETag") != second)

            let listed = try await client.get("/Users")
            #expect(listed.json?["Resources"]?[0]?["meta"]?["version"] == .string(try #require(put.header("ETag"))))
            let spc = try await client.resource("/ServiceProviderConfig")
            #expect(spc["etag"]?["supported"] == true, "advertised together with the headers (IOP-G14)")
        }
    }

    @Test("If-None-Match on GET gives 304 with no body; a stale tag gives 200 (ETAG-04)")
    func notModified() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("cached")
            let etag = try #require(user["meta"]?["version"]?.stringValue)
            let cached = try await client.send("GET", "/Users/\(user.id)", headers: ["If-None-Match": etag])
            #expect(cached.status == 304)
            #expect(cached.body.isEmpty)
            #expect(cached.header("ETag") == etag)
            let list = try await client.send(
                "GET", "/Users/\(user.id)", headers: ["If-None-Match": "W/\"stale\", \(etag)"])
            #expect(list.status == 304)
            let stale = try await client.send("GET", "/Users/\(user.id)", headers: ["If-None-Match": "W/\"stale\""])
            #expect(stale.status == 200)
            let group = try await client.createGroup("Cached")
            let groupTag = try #require(group["meta"]?["version"]?.stringValue)
            let groupCached = try await client.send("GET", "/Groups/\(group.id)", headers: ["If-None-Match": groupTag])
            #expect(groupCached.status == 304)
        }
    }

    @Test("If-Match: stale gives 412 and no change; current, weak or *, proceeds (ETAG-05 to ETAG-07, ETAG-10)")
    func ifMatch() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("guarded")
            let etag = try #require(user["meta"]?["version"]?.stringValue)
            let stale = ["If-Match": "W/\"stale\""]
            let replace: [JSONValue] = [["op": "replace", "path": "title", "value": "T"]]
            expectSCIMError(try await client.patch("/Users/\(user.id)", replace, headers: stale), status: 412)
            let body: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": "guarded", "title": "P"]
            expectSCIMError(try await client.put("/Users/\(user.id)", json: body, headers: stale), status: 412)
            expectSCIMError(try await client.delete("/Users/\(user.id)", headers: stale), status: 412)
            #expect(try await client.resource("/Users/\(user.id)") == user, "nothing changed")

            let strongForm = etag.replacingOccurrences(of: "W/", with: "")
            let patched = try await client.patch("/Users/\(user.id)", replace, headers: ["If-Match": strongForm])
            #expect(patched.status == 200, "the opaque tag is compared, weak or not (RFCX-14)")
            expectSCIMError(
                try await client.patch("/Users/\(user.id)", replace, headers: ["If-Match": etag]), status: 412,
                detailContains: "does not match")
            let any = try await client.put("/Users/\(user.id)", json: body, headers: ["If-Match": "*"])
            #expect(any.status == 200)
            #expect(try await client.delete("/Users/\(user.id)", headers: ["If-Match": "*"]).status == 204)

            let group = try await client.createGroup("Guarded")
            let groupStale = try await client.patch(
                "/Groups/\(group.id)", [["op": "replace", "path": "displayName", "value": "X"]], headers: stale)
            expectSCIMError(groupStale, status: 412)
            let groupTag = try #require(group["meta"]?["version"]?.stringValue)
            #expect(try await client.delete("/Groups/\(group.id)", headers: ["If-Match": groupTag]).status == 204)
        }
    }

    @Test("Two concurrent PATCHes with the same If-Match: exactly one wins, the other gets 412 (ETAG-08)")
    func concurrentWriters() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("contended")
            let etag = try #require(user["meta"]?["version"]?.stringValue)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        try await client.patch(
                            "/Users/\(user.id)", [["op": "replace", "path": "title", "value": .string("T\(index)")]],
                            headers: ["If-Match": etag]
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 412 }.count == 5, "\(statuses)")

            // Without If-Match, concurrent changes are all applied (no lost update).
            let group = try await client.createGroup("Concurrent")
            let users = try await UserListTests.seed(client, (0..<6).map { "member\($0)" })
            try await withThrowingTaskGroup(of: Int.self) { tasks in
                for id in users {
                    tasks.addTask {
                        try await client.patch(
                            "/Groups/\(group.id)",
                            [["op": "add", "path": "members", "value": [["value": .string(id)]]]]
                        ).status
                    }
                }
                for try await status in tasks { #expect(status == 204) }
            }
            #expect(try await client.resource("/Groups/\(group.id)").values(of: "members") == Set(users))
        }
    }

    @Test("A membership change gives the member a new ETag: its groups changed")
    func membershipChangesUserTag() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("member")
            let before = try #require(user["meta"]?["version"]?.stringValue)
            _ = try await client.createGroup("G", members: [user.id])
            let after = try await client.get("/Users/\(user.id)")
            #expect(after.header("ETag") != before)
            let cached = try await client.send("GET", "/Users/\(user.id)", headers: ["If-None-Match": before])
            #expect(cached.status == 200, "a cached copy without the group is stale")
        }
    }
}
