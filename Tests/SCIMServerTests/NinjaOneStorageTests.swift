import Foundation
import GRDB
import SCIMCore
import SCIMServer
import Testing

@testable import SCIMServerSQLite

/// Migration v3 and the NinjaOne tables (DESIGN §8.13).
@Suite("NinjaOne storage")
struct NinjaOneStorageTests {
    @Test("Migration v3 gives every user of a v2 database its account, derived from the stored resource (§8.13)")
    func migrationBackfillsAccounts() async throws {
        let path = try TestServer.temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let time = SCIMTimestamp(millisecondsSince1970: 1000)
        do {
            let old = try SQLiteSCIMStore(path: path, synchronous: .normal, migratingUpTo: "v2")
            let resource =
                #"{"userName":"tech","active":false,"urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User":{"userType":"Technician"},"emails":[{"value":"t@example.com","primary":true}]}"#
            try await old.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (id, seq, user_name, user_name_key, external_id, display_name, active,
                                           created, last_modified, version, resource, password_hash)
                        VALUES ('u1', 1, 'tech', 'tech', NULL, NULL, 0, ?, ?, 1, ?, NULL)
                        """,
                    arguments: [time.rfc3339, time.rfc3339, resource])
            }
        }
        let upgraded = try SQLiteSCIMStore(path: path)
        #expect(try await upgraded.appliedMigrations() == ["v1", "v2", "v3", "v4"])
        let account = try #require(try await upgraded.account(id: "u1"))
        #expect(account.accountType == .technician)
        #expect(account.status == .inactive)
        #expect(account.email == "t@example.com")
        #expect(account.scimManaged)
        #expect(account.provisionedUserType == "Technician")
        #expect(account.created == time)
        #expect(try await upgraded.identityProvider() == .initial)
    }

    @Test("Organizations and roles get the next numeric id; the identity provider round-trips (§8.13)")
    func tables() async throws {
        let store = try SQLiteSCIMStore(path: ":memory:")
        let time = SCIMTimestamp(millisecondsSince1970: 5000)
        #expect(try await store.insertOrganization(id: "40", name: "A", created: time).id == "40")
        #expect(try await store.insertOrganization(id: nil, name: "B", created: time).id == "41")
        await #expect(throws: SCIMStoreError.uniqueness(attribute: "name")) {
            try await store.insertOrganization(id: nil, name: "b", created: time)
        }
        #expect(try await store.insertRole(name: "R", kind: .technician, created: time).id == "1")
        #expect(try await store.insertRole(name: "R", kind: .endUser, created: time).id == "2")
        let state = IdentityProviderState(
            scimEnabled: false, tokenSource: .generated, tokenDigest: [0, 1, 0xFE, 0xFF], tokenGenerated: time,
            tokenExpires: time, tokenRevoked: nil)
        try await store.saveIdentityProvider(state)
        #expect(try await store.identityProvider() == state)
    }
}
