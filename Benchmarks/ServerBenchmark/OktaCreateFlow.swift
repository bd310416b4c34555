import Foundation
import SCIMCore

/// Okta's create flow (okta-behavior.md §2): the existence check `GET /Users?filter=userName eq "…"` with
/// `startIndex=1&count=100`, then `POST /Users` with Okta's body, including the placeholder password, the Okta
/// user id as `externalId`, `groups: []` and the NinjaOne extension (§13).
struct OktaCreateFlow: Sendable {
    /// What one measured run achieved.
    struct Result: Sendable {
        var users: Int
        var seconds: Double
        var usersPerSecond: Double { Double(users) / seconds }
    }

    let client: BenchClient
    /// Whether the POST body carries the NinjaOne extension (a server without that schema would refuse it).
    let ninjaOneExtension: Bool

    /// Okta's POST body for `userName`.
    func body(userName: String, oktaID: String) -> [UInt8] {
        var schemas: [JSONValue] = [.string(SCIMURN.coreUser)]
        if ninjaOneExtension { schemas.append(.string(SCIMURN.ninjaOneUser)) }
        var object = JSONObject([
            ("schemas", .array(schemas)), ("userName", .string(userName)),
            ("name", ["givenName": "Test", "familyName": "User"]),
            ("emails", [["primary": true, "value": .string(userName), "type": "work"]]),
            ("displayName", "Test User"), ("locale", "en-US"), ("externalId", .string(oktaID)), ("groups", []),
            ("password", "1mz050nq"), ("active", true),
        ])
        if ninjaOneExtension { object[SCIMURN.ninjaOneUser] = ["userType": "endUser", "organizationId": "All"] }
        return Array(JSONValue.object(object).serialized().utf8)
    }

    /// Provisions one user: the filter must find nothing, the POST must answer 201.
    func provision(userName: String, oktaID: String) async throws {
        let encoded = userName.replacingOccurrences(of: "@", with: "%40")
        let check = try await client.get("/Users?filter=userName%20eq%20%22\(encoded)%22&startIndex=1&count=100")
        guard check.status == 200, (try? JSONValue.parse(check.body))?["totalResults"] == 0 else {
            throw BenchClient.Failure(
                description: "existence check for \(userName) answered \(check.status): \(Self.excerpt(check.body))")
        }
        let created = try await client.post("/Users", body: body(userName: userName, oktaID: oktaID))
        guard created.status == 201 else {
            throw BenchClient.Failure(
                description: "POST \(userName) answered \(created.status): \(Self.excerpt(created.body))")
        }
    }

    /// Provisions `count` users with each of `clients` concurrent clients, untimed (connections, caches).
    func warmUp(label: String, clients: Int, count: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask {
                    for number in 0..<count {
                        try await provision(
                            userName: "warm-\(label)-\(client)-\(number)@example.com", oktaID: "00uwarm")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Runs `clients` concurrent Okta clients for `duration`; counts the users provisioned completely within it.
    func measure(label: String, clients: Int, duration: Duration) async throws -> Result {
        let deadline = ContinuousClock.now + duration
        let users = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var done = 0
                    while ContinuousClock.now < deadline {
                        let userName = "okta-\(label)-\(client)-\(done)@example.com"
                        try await provision(userName: userName, oktaID: "00u\(label)\(client)x\(done)")
                        if ContinuousClock.now <= deadline { done += 1 }
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        return Result(users: users, seconds: Self.seconds(duration))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func excerpt(_ body: [UInt8]) -> String {
        String(decoding: body.prefix(300), as: UTF8.self)
    }
}
