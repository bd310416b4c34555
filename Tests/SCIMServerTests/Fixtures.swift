import SCIMCore
import Testing

/// The users and groups of rfc-checklist §0.4, created over HTTP.
struct Fixtures: Sendable {
    var u1: JSONValue
    var u2: JSONValue
    var u3: JSONValue
    var g1: JSONValue
    var g2: JSONValue

    static let enterprise = SCIMURN.enterpriseUser

    /// U2 `jsmith`.
    static func u2Body(_ userName: String = "jsmith") -> JSONValue {
        [
            "schemas": [.string(SCIMURN.coreUser)], "userName": .string(userName), "userType": "Intern",
            "active": true, "emails": [["value": "jsmith@example.org", "type": "work"]],
        ]
    }

    /// U1 `bjensen`, whose manager is `managerID`.
    static func u1Body(_ userName: String = "bjensen", managerID: String) -> JSONValue {
        let base: JSONValue = [
            "schemas": [.string(SCIMURN.coreUser), .string(enterprise)],
            "userName": .string(userName),
            "externalId": "bjensen-EXT",
            "name": ["formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara"],
            "displayName": "Babs Jensen",
            "title": "Tour Guide",
            "userType": "Employee",
            "active": true,
            "emails": [
                ["value": "bjensen@example.com", "type": "work", "primary": true],
                ["value": "babs@jensen.org", "type": "home"],
            ],
            "addresses": [
                [
                    "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                    "region": "CA", "postalCode": "91608", "country": "US", "primary": true,
                ]
            ],
            "password": "t1meMa$heen",
        ]
        return base.withKey(
            enterprise,
            ["employeeNumber": "701984", "department": "Tour Operations", "manager": ["value": .string(managerID)]])
    }

    /// U3 `mmouse`: the trap for same-value `[...]` filters.
    static func u3Body(_ userName: String = "mmouse") -> JSONValue {
        [
            "schemas": [.string(SCIMURN.coreUser)], "userName": .string(userName), "active": true,
            "emails": [["type": "work", "value": "mm@other.org"], ["type": "home", "value": "mickey@example.com"]],
        ]
    }

    /// Creates U2, U1, U3 (in that order, as §0.4 says), then G1 {U1} and G2 {U2}.
    static func create(_ client: TestHTTPClient) async throws -> Fixtures {
        let u2 = try client.created(try await client.post("/Users", json: u2Body()))
        let u1 = try client.created(try await client.post("/Users", json: u1Body(managerID: u2.id)))
        let u3 = try client.created(try await client.post("/Users", json: u3Body()))
        let g1 = try await client.createGroup("Tour Guides", members: [u1.id])
        let g2 = try await client.createGroup("Interns", members: [u2.id])
        return Fixtures(u1: u1, u2: u2, u3: u3, g1: g1, g2: g2)
    }

    /// The fixture user named `name` (`U1`, `U2`, `U3`) or group (`G1`, `G2`).
    func id(_ name: String) -> String {
        switch name {
        case "U1": u1.id
        case "U2": u2.id
        case "U3": u3.id
        case "G1": g1.id
        default: g2.id
        }
    }
}

extension TestHTTPClient {
    /// The JSON of a 201 response; throws otherwise.
    func created(_ response: TestResponse) throws -> JSONValue {
        guard response.status == 201, let json = response.json else {
            throw TestFailure("expected 201, got \(response.status): \(response.text)")
        }
        return json
    }
}
