import Foundation
import GRDB
import SCIMCore
import SCIMServer
import SCIMServerSQLite
import Testing

@testable import SCIMServerSQLite

@Suite("SQLite storage")
struct StorageTests {
    @Test("A file database uses WAL, keeps data across a reopen, and stores passwords only hashed (SEC-10)")
    func fileDatabase() async throws {
        let path = try TestServer.temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let password = "t1meMa$heen-cleartext"
        let id: String
        do {
            let store = try SQLiteSCIMStore(path: path)
            #expect(try await store.journalMode() == "wal")
            #expect(try await store.synchronousLevel() == 1, "synchronous=NORMAL by default (DESIGN §8.13)")
            id = try await TestServer.with(store: store) { client in
                let body: JSONValue = [
                    "schemas": [.string(SCIMURN.coreUser)], "userName": "persisted", "password": .string(password),
                ]
                let response = try await client.post("/Users", json: body)
                #expect(response.status == 201)
                #expect(response.text.contains(password) == false)
                return try #require(response.json?["id"]?.stringValue)
            }
            let record = try #require(try await store.user(id: id))
            let hash = try #require(record.passwordHash)
            #expect(hash.hasPrefix("$sha256$"))
            #expect(hash.contains(password) == false)
            #expect(PasswordHasher.verify(password, against: hash))
            #expect(PasswordHasher.verify("wrong", against: hash) == false)
            #expect(record.resource["password"] == nil)
        }
        // Nothing on disk holds the cleartext: neither the database nor its WAL.
        let directory = (path as NSString).deletingLastPathComponent
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file))
            #expect(data.range(of: Data(password.utf8)) == nil, "\(file) holds the cleartext password")
        }

        let reopened = try SQLiteSCIMStore(path: path, synchronous: .full)
        #expect(try await reopened.synchronousLevel() == 2)
        let record = try #require(try await reopened.user(id: id))
        #expect(record.userName == "persisted")
        try await TestServer.with(store: reopened) { client in
            let read = try await client.get("/Users/\(id)")
            #expect(read.status == 200)
            #expect(read.json?["userName"] == "persisted")
            let duplicate: JSONValue = ["schemas": [.string(SCIMURN.coreUser)], "userName": "PERSISTED"]
            expectSCIMError(try await client.post("/Users", json: duplicate), status: 409, scimType: "uniqueness")
        }
    }

    @Test("The store enforces userName uniqueness itself and pages in creation order")
    func storeContract() async throws {
        let store = try SQLiteSCIMStore(path: ":memory:")
        #expect(try await store.journalMode() == "memory")
        func record(_ id: String, _ userName: String, at millis: Int64) -> UserRecord {
            let time = SCIMTimestamp(millisecondsSince1970: millis)
            return UserRecord(
                id: id, userName: userName, userNameKey: userName.lowercased(), externalId: nil, displayName: nil,
                active: true, created: time, lastModified: time, version: 1,
                resource: JSONObject([("userName", .string(userName))]), passwordHash: nil)
        }
        // Same creation time: creation order still decides, not the id.
        try await store.insertUser(record("b", "second", at: 1000))
        try await store.insertUser(record("a", "first-by-id", at: 1000))
        try await store.insertUser(record("c", "third", at: 2000))
        await #expect(throws: SCIMStoreError.uniqueness(attribute: "userName")) {
            try await store.insertUser(record("d", "SECOND", at: 3000))
        }
        await #expect(throws: SCIMStoreError.uniqueness(attribute: "id")) {
            try await store.insertUser(record("a", "other", at: 3000))
        }
        let page = try await store.users(matching: UserQuery(offset: 0, limit: 10))
        #expect(page.totalResults == 3)
        #expect(page.users.map(\.id) == ["b", "a", "c"])
        #expect(page.users.first == record("b", "second", at: 1000), "what was stored comes back")
        let second = try await store.users(matching: UserQuery(offset: 1, limit: 1))
        #expect(second.users.map(\.id) == ["a"])
        let byName = try await store.users(matching: UserQuery(criterion: .userNameKey("third"), limit: 10))
        #expect(byName.users.map(\.id) == ["c"])
        #expect(try await store.deleteUser(id: "a"))
        #expect(try await store.deleteUser(id: "a") == false)
        #expect(try await store.user(id: "a") == nil)
    }

    @Test("Migration v2 upgrades a v1 database in place: users kept, groups added (DESIGN §8.13)")
    func migrationUpgrade() async throws {
        let path = try TestServer.temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let time = SCIMTimestamp(millisecondsSince1970: 1000)
        let user = UserRecord(
            id: "u1", userName: "kept", userNameKey: "kept", externalId: nil, displayName: nil, active: true,
            created: time, lastModified: time, version: 1, resource: JSONObject([("userName", "kept")]),
            passwordHash: nil)
        do {
            // A database as version 1 left it (the v1 store code did not know groups).
            let old = try SQLiteSCIMStore(path: path, synchronous: .normal, migratingUpTo: "v1")
            #expect(try await old.appliedMigrations() == ["v1"])
            try await old.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (id, seq, user_name, user_name_key, external_id, display_name, active,
                                           created, last_modified, version, resource, password_hash)
                        VALUES ('u1', 1, 'kept', 'kept', NULL, NULL, 1, ?, ?, 1, '{"userName":"kept"}', NULL)
                        """,
                    arguments: [time.rfc3339, time.rfc3339])
            }
        }
        let upgraded = try SQLiteSCIMStore(path: path)
        #expect(try await upgraded.appliedMigrations() == ["v1", "v2", "v3", "v4"])
        #expect(try await upgraded.user(id: "u1") == user)
        let group = GroupRecord(
            id: "g1", displayName: "G", displayNameKey: "g", externalId: nil, created: time, lastModified: time,
            version: 1, resource: JSONObject(), members: [GroupMember(value: "u1")])
        let stored = try await upgraded.insertGroup(group)
        #expect(stored.members == [GroupMember(value: "u1", kind: .user, display: "kept")])
        #expect(
            try await upgraded.user(id: "u1")?.groups == [
                UserGroupMembership(groupID: "g1", display: "G", direct: true)
            ])
    }

    @Test("The store keeps group members consistent: types, order, unknown ids, versions, deletes")
    func groupContract() async throws {
        let store = try SQLiteSCIMStore(path: ":memory:")
        let time = SCIMTimestamp(millisecondsSince1970: 1000)
        for id in ["a", "b", "c"] {
            try await store.insertUser(
                UserRecord(
                    id: id, userName: id, userNameKey: id, externalId: nil, displayName: id == "b" ? "Bee" : nil,
                    active: true, created: time, lastModified: time, version: 1,
                    resource: JSONObject([("userName", .string(id))]), passwordHash: nil))
        }
        func group(_ id: String, _ members: [String], version: Int = 1) -> GroupRecord {
            GroupRecord(
                id: id, displayName: id.uppercased(), displayNameKey: id, externalId: "ext-\(id)", created: time,
                lastModified: time, version: version, resource: JSONObject([("displayName", .string(id.uppercased()))]),
                members: members.map { GroupMember(value: $0) })
        }
        let inner = try await store.insertGroup(group("inner", ["b", "a"]))
        #expect(inner.members.map(\.value) == ["b", "a"], "the order members were added in")
        #expect(inner.members.map(\.display) == ["Bee", "a"])
        let outer = try await store.insertGroup(group("outer", ["inner", "c"]))
        #expect(outer.members.map(\.kind) == [.group, .user])
        await #expect(throws: SCIMStoreError.unknownMember(id: "zz")) {
            _ = try await store.insertGroup(group("bad", ["a", "zz"]))
        }
        #expect(try await store.group(id: "bad") == nil, "nothing was written")
        await #expect(throws: SCIMStoreError.uniqueness(attribute: "id")) {
            _ = try await store.insertGroup(group("a", []))
        }
        await #expect(throws: SCIMStoreError.selfMembership(id: "inner")) {
            _ = try await store.replaceGroup(group("inner", ["a", "inner"], version: 2), expectedVersion: 1)
        }
        let replaced = try await store.replaceGroup(group("inner", ["a", "c"], version: 2), expectedVersion: 1)
        #expect(replaced.members.map(\.value) == ["a", "c"])
        await #expect(throws: SCIMStoreError.versionMismatch(current: 2)) {
            _ = try await store.replaceGroup(group("inner", [], version: 2), expectedVersion: 1)
        }
        await #expect(throws: SCIMStoreError.notFound) {
            _ = try await store.replaceGroup(group("nope", [], version: 2), expectedVersion: 1)
        }
        let byMember = try await store.groups(matching: GroupQuery(criterion: .member("c"), limit: 10))
        #expect(Set(byMember.groups.map(\.id)) == ["inner", "outer"])
        let byName = try await store.groups(matching: GroupQuery(criterion: .displayNameKey("outer"), limit: 10))
        #expect(byName.groups.map(\.id) == ["outer"])
        let lean = try await store.groups(
            matching: GroupQuery(order: .displayName, descending: true, limit: 10, includeMembers: false))
        #expect(lean.groups.map(\.id) == ["outer", "inner"])
        #expect(lean.groups.allSatisfy { $0.members.isEmpty })
        let c = try #require(try await store.user(id: "c"))
        #expect(Set(c.groups.map(\.groupID)) == ["inner", "outer"])
        let a = try #require(try await store.user(id: "a"))
        #expect(
            a.groups == [
                UserGroupMembership(groupID: "inner", display: "INNER", direct: true),
                UserGroupMembership(groupID: "outer", display: "OUTER", direct: false),
            ])

        await #expect(throws: SCIMStoreError.versionMismatch(current: 1)) {
            _ = try await store.deleteUser(id: "c", expectedVersion: 7)
        }
        #expect(try await store.deleteUser(id: "c", expectedVersion: 1))
        let afterDelete = try #require(try await store.group(id: "inner"))
        #expect(afterDelete.members.map(\.value) == ["a"], "DEL-05")
        #expect(afterDelete.version == 3, "the group changed")
        #expect(try await store.deleteGroup(id: "inner", expectedVersion: nil))
        #expect(try await store.group(id: "outer")?.members.map(\.value) == [])
        #expect(try await store.user(id: "a")?.groups == [])
        #expect(try await store.deleteGroup(id: "inner", expectedVersion: nil) == false)
    }

    @Test("withRunning stops the server when its body returns")
    func stopsAfterBody() async throws {
        let base = try await TestServer.with { client in client.base }
        let client = TestHTTPClient(base: base, token: TestServer.token)
        await #expect(throws: (any Error).self) {
            _ = try await client.get("/ServiceProviderConfig")
        }
    }

    @Test("withRunning reports a port that cannot be bound instead of hanging")
    func bindFailure() async throws {
        try await TestServer.with { client in
            let port = try #require(URLComponents(string: client.base)?.port)
            var configuration = SCIMServerConfiguration(scimToken: "t")
            configuration.port = port
            let second = ReferenceServer(
                configuration: configuration, store: try SQLiteSCIMStore(path: ":memory:"), logger: TestServer.logger)
            await #expect(throws: (any Error).self) {
                try await second.withRunning { _ in }
            }
        }
    }
}
