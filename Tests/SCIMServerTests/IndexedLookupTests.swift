import Foundation
import GRDB
import SCIMCore
import SCIMServer
import Testing

@testable import SCIMServerSQLite

/// The store's lookups stay index probes at any number of users (issue: indexes for `userName`, `externalId` and
/// `displayName` filters and pagination at 100k users); the benchmark measures the times, these prove the plans.
@Suite("Indexed lookups")
struct IndexedLookupTests {
    static let time = SCIMTimestamp(millisecondsSince1970: 1000)

    static func user(_ id: String, displayName: String? = nil) -> UserRecord {
        UserRecord(
            id: id, userName: id, userNameKey: id.lowercased(), externalId: "ext-\(id)", displayName: displayName,
            active: true, created: time, lastModified: time, version: 1,
            resource: JSONObject([("userName", .string(id))]), passwordHash: nil)
    }

    static func account(_ user: UserRecord) -> NinjaOneAccount {
        NinjaOneAccountPolicy.account(for: user, previous: nil, knownOrganizations: [], now: time)
    }

    @Test("Every user and group criterion is an index search, and pages need no sort (FILT-02, LST-13)")
    func queryPlans() async throws {
        let store = try SQLiteSCIMStore(path: ":memory:")
        let userCriteria: [UserQuery.Criterion] = [.userNameKey("a"), .externalId("a"), .displayNameKey("a"), .id("a")]
        let groupCriteria: [GroupQuery.Criterion] = [.displayNameKey("a"), .externalId("a"), .id("a"), .member("a")]
        let lookups =
            userCriteria.map { ("users", SQLiteSCIMStore.userSelect(UserQuery(criterion: $0, limit: 100))) }
            + groupCriteria.map { ("groups", SQLiteSCIMStore.groupSelect(GroupQuery(criterion: $0, limit: 100))) }
        let pages =
            [UserQuery.Order.creation, .userName].map {
                SQLiteSCIMStore.userSelect(UserQuery(order: $0, offset: 99_900, limit: 100))
            }
            + [GroupQuery.Order.creation, .displayName].map {
                SQLiteSCIMStore.groupSelect(GroupQuery(order: $0, offset: 99_900, limit: 100))
            }
        try await store.database.read { db in
            func plan(_ sql: String, _ arguments: StatementArguments) throws -> String {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: "; ")
            }
            for (table, select) in lookups {
                for sql in [select.count, select.page] {
                    let detail = try plan(sql, select.arguments + (sql == select.page ? [100, 0] : []))
                    #expect(detail.contains("SEARCH \(table) USING"), "\(sql): \(detail)")
                    #expect(!detail.contains("SCAN \(table)"), "\(sql): \(detail)")
                }
            }
            for select in pages {
                let detail = try plan(select.page, [100, 99_900])
                #expect(!detail.contains("TEMP B-TREE"), "pages walk an index in order: \(detail)")
                #expect(detail.contains("USING INDEX"), "\(detail)")
            }
        }
    }

    @Test("Migration v4 indexes the case-folded displayName of existing users (DESIGN §8.13)")
    func migrationFoldsDisplayNames() async throws {
        let path = try TestServer.temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        do {
            let old = try SQLiteSCIMStore(path: path, synchronous: .normal, migratingUpTo: "v3")
            try await old.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (id, seq, user_name, user_name_key, external_id, display_name, active,
                                           created, last_modified, version, resource, password_hash)
                        VALUES ('u1', 1, 'bob', 'bob', NULL, 'Ünïcode BOB', 1, ?, ?, 1,
                                '{"userName":"bob","displayName":"Ünïcode BOB"}', NULL),
                               ('u2', 2, 'ann', 'ann', NULL, NULL, 1, ?, ?, 1, '{"userName":"ann"}', NULL)
                        """,
                    arguments: [Self.time.rfc3339, Self.time.rfc3339, Self.time.rfc3339, Self.time.rfc3339])
            }
        }
        let upgraded = try SQLiteSCIMStore(path: path)
        #expect(try await upgraded.appliedMigrations() == ["v1", "v2", "v3", "v4"])
        let key = UserRecord.displayNameKey("üNÏCODE bob")
        #expect(key == "ünïcode bob", "folded beyond ASCII, as the filter compares (FILT-06)")
        let found = try await upgraded.users(matching: UserQuery(criterion: .displayNameKey(key), limit: 10))
        #expect(found.users.map(\.id) == ["u1"])
        #expect(found.totalResults == 1)
    }

    @Test("A bulk insert stores every user and account, or none of them")
    func bulkInsert() async throws {
        let store = try SQLiteSCIMStore(path: ":memory:")
        let first = [Self.user("a", displayName: "Alpha"), Self.user("b")]
        try await store.insertUsers(first.map { (user: $0, account: Self.account($0)) })
        #expect(try await store.user(id: "a")?.displayName == "Alpha")
        #expect(try await store.account(id: "b")?.userName == "b")
        let clash = [Self.user("c"), Self.user("A")]  // "A" folds to the key of "a"
        await #expect(throws: SCIMStoreError.uniqueness(attribute: "userName")) {
            try await store.insertUsers(clash.map { (user: $0, account: Self.account($0)) })
        }
        #expect(try await store.user(id: "c") == nil, "nothing of a failed batch is stored")
        #expect(try await store.account(id: "c") == nil)
        #expect(try await store.users(matching: UserQuery(limit: 0)).totalResults == 2)
    }

    @Test("displayName eq on /Users is case-insensitive and follows renames (FILT-06, RFC 7643 §4.1.1)")
    func displayNameOverHTTP() async throws {
        try await TestServer.with { client in
            let bob = try await client.createUser("bob", extra: JSONObject([("displayName", "Ünïcode BOB")]))
            _ = try await client.createUser("ann", extra: JSONObject([("displayName", "Ann")]))
            let query = "/Users?filter=" + queryEncoded("displayName eq \"üNÏCODE bob\"")
            #expect(try await client.resource(query).resourceIDs == [bob.id])
            let renamed = try await client.patch(
                "/Users/\(bob.id)", [["op": "replace", "path": "displayName", "value": "Robert"]])
            #expect(renamed.status == 200)
            #expect(try await client.resource(query).resourceIDs == [])
            let byNewName = "/Users?filter=" + queryEncoded("displayName eq \"robert\"")
            #expect(try await client.resource(byNewName).resourceIDs == [bob.id])
        }
    }
}
