import Foundation
import SCIMCore
import SCIMServerSQLite
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    /// Okta's membership shapes (okta-behavior.md §7.5): one `add` on `members` with `{value, display}`, and one
    /// `remove` per member with the filtered path `members[value eq "…"]`.
    static func add(_ id: String, display: String) -> JSONValue {
        ["op": "add", "path": "members", "value": [["value": .string(id), "display": .string(display)]]]
    }

    static func remove(_ id: String) -> JSONValue {
        ["op": "remove", "path": .string("members[value eq \"\(id)\"]")]
    }

    @Test("200 concurrent membership PATCHes to one group over HTTP lose nothing (okta §7.5, ETAG-08, PATCH-07)")
    func concurrentMembershipPatches() async throws {
        let path = try TestServer.temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try await TestServer.with(store: try SQLiteSCIMStore(path: path)) { shared in
            let client = shared.withConnections(200, timeout: 300)
            let userNames = (0..<250).map { "member\($0)@concurrency.example" }
            let ids = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for (index, userName) in userNames.enumerated() {
                    group.addTask { (index, try await client.createUser(userName).id) }
                }
                var ids = [String](repeating: "", count: userNames.count)
                for try await (index, id) in group { ids[index] = id }
                return ids
            }
            // The group starts with users 0..<150; 100 PATCHes remove users 0..<100 while 100 others add 150..<250.
            let group = try await client.createGroup("Concurrent pushes", members: Array(ids[0..<150]))
            let groupPath = "/Groups/\(group.id)"
            let statuses = try await withThrowingTaskGroup(of: (String, Int, String).self) { tasks in
                for index in 0..<100 {
                    tasks.addTask {
                        let response = try await client.patch(groupPath, [Self.remove(ids[index])])
                        return ("remove \(index)", response.status, response.text)
                    }
                    tasks.addTask {
                        let response = try await client.patch(
                            groupPath, [Self.add(ids[150 + index], display: userNames[150 + index])])
                        return ("add \(150 + index)", response.status, response.text)
                    }
                }
                var results: [(String, Int, String)] = []
                for try await result in tasks { results.append(result) }
                return results
            }
            #expect(statuses.count == 200)
            for (operation, status, text) in statuses where status != 204 {
                Issue.record("\(operation) answered \(status): \(text)")
            }
            let final = try await client.resource(groupPath)
            let expected = Set(ids[100..<250])
            #expect(final.values(of: "members") == expected, "lost or extra members")
            #expect(final["members"]?.arrayValue?.count == expected.count, "each member once")
            // The other side of the relation agrees (RFC 7643 §4.1.2 `groups`).
            let removedUser = try await client.resource("/Users/\(ids[0])")
            #expect(removedUser.values(of: "groups").isEmpty)
            let addedUser = try await client.resource("/Users/\(ids[249])")
            #expect(addedUser.values(of: "groups") == [group.id])
        }
    }

    @Test("100 concurrent PATCHes to one user over HTTP each apply once, none refused (ETAG-08, PATCH-06)")
    func concurrentUserPatches() async throws {
        try await TestServer.with(store: try SQLiteSCIMStore(path: ":memory:")) { shared in
            let client = shared.withConnections(100, timeout: 300)
            let user = try await client.createUser("contended@concurrency.example")
            let userPath = "/Users/\(user.id)"
            let addresses = (0..<100).map { "alias\($0)@concurrency.example" }
            let statuses = try await withThrowingTaskGroup(of: (String, Int, String).self) { tasks in
                for address in addresses {
                    tasks.addTask {
                        let add: JSONValue = [
                            "op": "add", "path": "emails", "value": [["value": .string(address), "type": "other"]],
                        ]
                        let response = try await client.patch(userPath, [add])
                        return (address, response.status, response.text)
                    }
                }
                var results: [(String, Int, String)] = []
                for try await result in tasks { results.append(result) }
                return results
            }
            for (address, status, text) in statuses where status != 200 {
                Issue.record("adding \(address) answered \(status): \(text)")
            }
            let final = try await client.resource(userPath)
            #expect(final.values(of: "emails").isSuperset(of: addresses), "lost emails")
            let version = try #require(final["meta"]?["version"]?.stringValue)
            let created = try #require(user["meta"]?["version"]?.stringValue)
            #expect(version != created)
            #expect(final["emails"]?.arrayValue?.count == addresses.count + user.values(of: "emails").count)
        }
    }
}
