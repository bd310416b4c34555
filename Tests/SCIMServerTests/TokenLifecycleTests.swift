import Foundation
import SCIMCore
import SCIMServer
import SCIMServerSQLite
import Testing

/// The admin credential and the SCIM token lifecycle: separate tokens, generate / rotate / revoke, six-month
/// expiry, SCIM enabled or disabled (DESIGN §5, §8.2; okta-behavior.md §13).
@Suite("SCIM token lifecycle and the admin credential")
struct TokenLifecycleTests {
    @Test("The admin token never opens SCIM and the SCIM token never opens the admin API (DESIGN §8.2)")
    func separateCredentials() async throws {
        try await TestServer.with { client in
            #expect(try await client.get("/Users").status == 200)
            #expect(try await client.admin.get("/accounts").status == 200)
            let scimOnAdmin = try await client.admin.with(token: TestServer.token).get("/accounts")
            #expect(scimOnAdmin.status == 401)
            #expect(scimOnAdmin.json?["message"]?.stringValue?.isEmpty == false)
            #expect(scimOnAdmin.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            let adminOnSCIM = try await client.with(token: TestServer.adminToken).get("/Users")
            expectSCIMError(adminOnSCIM, status: 401)
            #expect(try await client.admin.get("/accounts", authorized: false).status == 401)
            // Unknown admin paths are protected too, then 404 in JSON.
            #expect(try await client.admin.get("/nothing-here", authorized: false).status == 401)
        }
        // The server refuses to start with one token for both.
        await #expect(throws: ReferenceServerError.adminTokenIsSCIMToken) {
            try await TestServer.with(configure: { $0.adminToken = TestServer.token }) { _ in }
        }
    }

    @Test("Without an admin token the admin API is off: 403 JSON (DESIGN §8.2)")
    func adminOff() async throws {
        try await TestServer.with(configure: { $0.adminToken = nil }) { client in
            let response = try await client.admin.get("/accounts")
            #expect(response.status == 403)
            #expect(response.json?["message"]?.stringValue?.contains("admin API is off") == true)
            #expect(try await client.get("/Users").status == 200)
        }
    }

    @Test("Generate: shown once, 256-bit, replaces the configured token; rotate rejects the old one at once (okta §13)")
    func generateAndRotate() async throws {
        try await TestServer.with { client in
            let status = try await client.adminJSON("GET", "/scim/token")
            #expect(status["source"] == "configured")
            #expect(status["valid"] == true)
            #expect(status["token"] == nil)
            let generated = try await client.adminJSON("POST", "/scim/token", expect: 201)
            let first = try #require(generated["token"]?.stringValue)
            #expect(first.count == 43)  // 32 random bytes, base64url without padding
            #expect(generated["source"] == "generated")
            #expect(generated["expiresAt"]?.stringValue != nil)
            // The configured token is replaced; the generated one works.
            expectSCIMError(try await client.get("/Users"), status: 401)
            #expect(try await client.with(token: first).get("/Users").status == 200)
            // Never shown again.
            let after = try await client.adminJSON("GET", "/scim/token")
            #expect(after["token"] == nil)
            #expect(!after.serialized().contains(first))
            // Rotate: the old token is rejected at once, the new one works.
            let rotated = try await client.adminJSON("POST", "/scim/token/rotate")
            let second = try #require(rotated["token"]?.stringValue)
            #expect(second != first)
            expectSCIMError(try await client.with(token: first).get("/Users"), status: 401)
            #expect(try await client.with(token: second).get("/Users").status == 200)
            // The admin token is unaffected.
            #expect(try await client.admin.get("/accounts").status == 200)
        }
    }

    @Test("Revoke: every SCIM request gets 401 until a new token is generated (okta §13)")
    func revoke() async throws {
        try await TestServer.with { client in
            let token = try #require(
                try await client.adminJSON("POST", "/scim/token", expect: 201)["token"]?.stringValue)
            let revoked = try await client.adminJSON("DELETE", "/scim/token")
            #expect(revoked["source"] == "revoked")
            #expect(revoked["valid"] == false)
            #expect(revoked["revokedAt"]?.stringValue != nil)
            expectSCIMError(try await client.with(token: token).get("/Users"), status: 401)
            expectSCIMError(try await client.get("/Users"), status: 401)
            let fresh = try #require(
                try await client.adminJSON("POST", "/scim/token", expect: 201)["token"]?.stringValue)
            #expect(try await client.with(token: fresh).get("/Users").status == 200)
        }
    }

    @Test("A generated token expires six months after generation, by the injectable clock (okta §13)")
    func expiry() async throws {
        let clock = TestClock()
        try await TestServer.with(configure: { $0.clock = { clock.now() } }) { client in
            let generated = try await client.adminJSON("POST", "/scim/token", expect: 201)
            let token = try #require(generated["token"]?.stringValue)
            #expect(generated["generatedAt"] == "2026-01-15T00:00:00.000Z")
            #expect(generated["expiresAt"] == "2026-07-15T00:00:00.000Z")
            clock.set(try #require(SCIMTimestamp(rfc3339: "2026-07-14T23:59:59.999Z")))
            #expect(try await client.with(token: token).get("/Users").status == 200)
            clock.set(try #require(SCIMTimestamp(rfc3339: "2026-07-15T00:00:00.000Z")))
            let expired = try await client.with(token: token).get("/Users")
            expectSCIMError(expired, status: 401, detailContains: "expired")
            let status = try await client.adminJSON("GET", "/scim/token")
            #expect(status["expired"] == true)
            #expect(status["valid"] == false)
            // Rotation gives a token valid for six more months.
            let rotated = try #require(try await client.adminJSON("POST", "/scim/token/rotate")["token"]?.stringValue)
            #expect(try await client.with(token: rotated).get("/Users").status == 200)
        }
    }

    @Test("SCIM disabled: every SCIM request gets 403 with a SCIM error saying so, until enabled (okta §13)")
    func disabled() async throws {
        try await TestServer.with { client in
            let state = try await client.adminJSON("POST", "/scim/disable")
            #expect(state["enabled"] == false)
            for path in ["/Users", "/Groups", "/ServiceProviderConfig", "/Users/x"] {
                expectSCIMError(try await client.get(path), status: 403, detailContains: "disabled")
            }
            expectSCIMError(
                try await client.post("/Users", json: Fixtures.u2Body()), status: 403, detailContains: "disabled")
            expectSCIMError(try await client.get("/Users", authorized: false), status: 403, detailContains: "disabled")
            // The admin API keeps working.
            #expect(try await client.adminJSON("GET", "/scim")["enabled"] == false)
            #expect(try await client.adminJSON("POST", "/scim/enable")["enabled"] == true)
            #expect(try await client.get("/Users").status == 200)
        }
    }

    @Test("Token and SCIM state survive a restart, stored only as a digest (DESIGN §8.13)")
    func persisted() async throws {
        let path = try TestServer.temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let token = try await TestServer.with(store: try SQLiteSCIMStore(path: path)) { client in
            try await client.adminJSON("POST", "/scim/disable")
            return try #require(try await client.adminJSON("POST", "/scim/token", expect: 201)["token"]?.stringValue)
        }
        try await TestServer.with(store: try SQLiteSCIMStore(path: path)) { client in
            expectSCIMError(try await client.with(token: token).get("/Users"), status: 403)
            try await client.adminJSON("POST", "/scim/enable")
            #expect(try await client.with(token: token).get("/Users").status == 200)
            expectSCIMError(try await client.get("/Users"), status: 401)
        }
        let directory = (path as NSString).deletingLastPathComponent
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(file))
            #expect(bytes.range(of: Data(token.utf8)) == nil, "\(file) holds the token")
        }
    }
}
