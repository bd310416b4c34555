import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// Resources the RFC scenarios create, each marked with the run tag and removed afterwards.
enum RFCFixtures {
    /// A minimal user body with a run-unique `userName` (or `userName` as given, for a scenario that needs
    /// one it chose, itself run-unique).
    static func userBody(
        _ s: Session, _ name: String, userName: String? = nil, givenName: String = "Rfc",
        extra: JSONObject = JSONObject()
    ) -> (String, JSONValue) {
        let userName = userName ?? s.unique(name) + "@example.test"
        var body = JSONObject([
            ("schemas", [.string(SCIMURN.coreUser)]), ("userName", .string(userName)),
            ("name", ["givenName": .string(givenName), "familyName": .string(name)]),
            ("emails", [["value": .string(userName), "type": "work", "primary": true]]), ("active", true),
        ])
        for (key, value) in extra { body[key] = value }
        return (userName, .object(body))
    }

    /// Creates a user (requiring a 2xx and an id: the status itself is judged by the scenarios about creating)
    /// and registers its removal.
    static func createUser(
        _ s: Session, _ name: String, userName: String? = nil, givenName: String = "Rfc",
        extra: JSONObject = JSONObject()
    ) async throws
        -> (id: String, userName: String)
    {
        let (userName, body) = userBody(s, name, userName: userName, givenName: givenName, extra: extra)
        let response = try await s.post("/Users", json: body) { Status(in: 200..<300) }
        let id = try s.require(response.json?["id"]?.stringValue, "the created user has an id")
        s.onCleanup { try await $0.removeCreatedUser(id: id) }
        return (id, userName)
    }

    /// `/Users/{id}` with the id encoded.
    static func user(_ id: String) -> String { "/Users/\(URLPathSegment.encode(id))" }

    /// A `filter` query, percent-encoded.
    static func filter(_ expression: String, _ extra: [(name: String, value: String)] = []) -> String {
        URLQuery.string([("filter", expression)] + extra)
    }
}
