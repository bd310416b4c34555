import Foundation
import SCIMCore
import SCIMServer
import SCIMServerSQLite
import Testing

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
            #expect(hash.hasPrefix("$pbkdf2-sha256$"))
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
