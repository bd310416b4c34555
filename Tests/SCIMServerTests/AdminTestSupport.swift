import Foundation
import SCIMCore
import SCIMServer
import Synchronization
import Testing

extension TestHTTPClient {
    /// A client of the same server's admin API (`/admin/v1`) with the admin token.
    var admin: TestHTTPClient {
        TestHTTPClient(base: serverRoot + "/admin/v1", token: TestServer.adminToken)
    }

    /// The server's root URL, such as `http://127.0.0.1:PORT`.
    var serverRoot: String {
        base.hasSuffix("/scim/v2") ? String(base.dropLast("/scim/v2".count)) : base
    }

    /// The same client with another bearer token.
    func with(token: String?) -> TestHTTPClient {
        TestHTTPClient(base: base, token: token)
    }

    /// Sends an admin request and returns its JSON; throws unless the status is `expect`.
    @discardableResult
    func adminJSON(
        _ method: String, _ path: String, _ body: JSONValue? = nil, expect: Int = 200
    ) async throws -> JSONValue {
        let response = try await admin.send(method, path, body: body?.serialized(), contentType: "application/json")
        guard response.status == expect else {
            throw TestFailure("\(method) /admin/v1\(path) answered \(response.status), not \(expect): \(response.text)")
        }
        return response.json ?? .null
    }

    /// The admin API's view of account `id`.
    func account(_ id: String) async throws -> JSONValue {
        try await adminJSON("GET", "/accounts/\(id)")
    }

    /// Creates organization `id` named `name` through the admin API.
    func createOrganization(_ id: String, _ name: String) async throws {
        try await adminJSON("POST", "/organizations", ["id": .string(id), "name": .string(name)], expect: 201)
    }

    /// Creates a SCIM user with the NinjaOne extension holding `userType` and `organizationId` when given.
    func createNinjaOneUser(
        _ userName: String, userType: JSONValue? = nil, organizationID: JSONValue? = nil, email: String? = nil
    ) async throws -> JSONValue {
        try created(try await post("/Users", json: ninjaOneUserBody(userName, userType, organizationID, email)))
    }

    /// A User body with the NinjaOne extension.
    func ninjaOneUserBody(
        _ userName: String, _ userType: JSONValue?, _ organizationID: JSONValue?, _ email: String? = nil
    ) -> JSONValue {
        var extensionValues = JSONObject()
        if let userType { extensionValues["userType"] = userType }
        if let organizationID { extensionValues["organizationId"] = organizationID }
        var object = JSONObject([
            ("schemas", [.string(SCIMURN.coreUser), .string(SCIMURN.ninjaOneUser)]), ("userName", .string(userName)),
            ("name", ["givenName": "Pat", "familyName": "Doe"]),
            ("emails", [["value": .string(email ?? userName), "type": "work", "primary": true]]),
            ("active", true),
        ])
        if !extensionValues.isEmpty { object[SCIMURN.ninjaOneUser] = .object(extensionValues) }
        return .object(object)
    }
}

extension JSONValue {
    /// The strings of an array member, such as an account's `organizations`.
    func strings(_ key: String) -> [String] {
        self[key]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The role names of an account.
    var roleNames: [String] {
        self["roles"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }
}

/// A clock tests move by hand, for the token lifecycle.
final class TestClock: Sendable {
    private let milliseconds: Mutex<Int64>

    /// Starts at `start` (2026-01-15T00:00:00Z by default).
    init(start: SCIMTimestamp = SCIMTimestamp(rfc3339: "2026-01-15T00:00:00.000Z") ?? .now()) {
        milliseconds = Mutex(start.millisecondsSince1970)
    }

    /// The current time of the clock.
    func now() -> SCIMTimestamp {
        SCIMTimestamp(millisecondsSince1970: milliseconds.withLock { $0 })
    }

    /// Moves the clock to `time`.
    func set(_ time: SCIMTimestamp) {
        milliseconds.withLock { $0 = time.millisecondsSince1970 }
    }
}
