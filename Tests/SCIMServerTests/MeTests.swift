import SCIMCore
import Testing

/// `/Me` (RFC 7644 §3.11; rfc-checklist §20): the token is not a User, so every method is 501.
@Suite("/Me")
struct MeTests {
    @Test("/Me answers 501 with a SCIM error for every method, after authentication, never a user (ME-01, ME-04)")
    func notImplemented() async throws {
        try await TestServer.with { client in
            _ = try await client.createUser("me.someone")
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
                let body = method == "GET" || method == "DELETE" ? nil : #"{"schemas":["\#(SCIMURN.coreUser)"]}"#
                let response = try await client.send(method, "/Me", body: body)
                expectSCIMError(response, status: 501, detailContains: "RFC 7644 §3.11")
                #expect(response.header("Location") == nil, "no resource is aliased (ME-03)")
                #expect(!response.text.contains("me.someone"), "never another user's data (ME-04)")
            }
            expectSCIMError(try await client.get("/Me?attributes=userName"), status: 501)
            expectSCIMError(try await client.get("/Me", authorized: false), status: 401)
        }
    }
}
