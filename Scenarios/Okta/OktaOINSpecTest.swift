import OktaSimulator
import SCIMCheckKit
import SCIMCore

extension Suite {
    /// `okta-oin-spec`: Okta's "SCIM 2.0 SPEC Test" step by step, with the harness's own headers.
    ///
    /// Okta's precondition asks for at least one user on the server; the suite creates one (marked as the
    /// kit's, removed afterwards) when writes are allowed.
    public static let oktaOINSpec = Suite(
        "okta-oin-spec", "Okta SCIM 2.0 SPEC Test (OIN submission)", serialized: true,
        setUp: createPreconditionUser
    ) {
        Scenario(
            "okta.oin-spec.01-test-users-endpoint", "Required Test: Test Users endpoint",
            .spec(.oktaSpecTest(step: 1)), .spec(.rfc7644("3.4.2")), .tags("okta", "oin-spec", "users"),
            .note("replayed without the harness's 5-second pauses")
        ) { s in
            let response = try await s.send(
                OktaSpecTest.request("GET", "/Users", query: [("count", "1"), ("startIndex", "1")], context: s.context)
            ) {
                Status(200)
                JSON("/Resources").nonEmpty()
                    .hint("the SPEC test needs at least one user on the server (Okta's precondition)")
                JSON("/schemas").contains(.string(SCIMURN.listResponse))
                JSON("/itemsPerPage").integer().spec(.checklist("LST-04"))
                JSON("/startIndex").integer().spec(.checklist("LST-04"))
                JSON("/totalResults").integer().spec(.checklist("LST-04"))
                JSON("/Resources/0/id").nonEmpty()
                JSON("/Resources/0/name/familyName").nonEmpty()
                JSON("/Resources/0/name/givenName").nonEmpty()
                JSON("/Resources/0/userName").nonEmpty()
                JSON("/Resources/0/active").nonEmpty()
                JSON("/Resources/0/emails/0/value").nonEmpty()
            }
            s.suite["ISVUserid"] = response.json?["Resources"]?[0]?["id"]
        }
        Scenario(
            "okta.oin-spec.02-get-user-by-id", "Required Test: Get Users/{{id}}",
            .spec(.oktaSpecTest(step: 2)), .spec(.rfc7644("3.4.1")), .tags("okta", "oin-spec", "users")
        ) { s in
            guard let id = s.suite["ISVUserid"]?.stringValue, !id.isEmpty else {
                try s.skip("step 1 found no user id (ISVUserid) to read")
            }
            try await s.send(
                OktaSpecTest.request("GET", "/Users/\(URLPathSegment.encode(id))", context: s.context)
            ) {
                Status(200)
                JSON("/id", equals: .string(id))
                JSON("/name/familyName").nonEmpty()
                JSON("/name/givenName").nonEmpty()
                JSON("/userName").nonEmpty()
                JSON("/active").nonEmpty()
                JSON("/emails/0/value").nonEmpty()
            }
        }
        Scenario(
            "okta.oin-spec.03-invalid-user-by-username", "Required Test: Test invalid User by username",
            .spec(.oktaSpecTest(step: 3)), .spec(.rfc7644("3.4.2")), .spec(.checklist("LST-03")),
            .tags("okta", "oin-spec", "users", "filter"),
            .oktaInferred("the harness stores the filter unencoded; scimcheck sends it percent-encoded with %20")
        ) { s in
            try await s.send(
                OktaSpecTest.request(
                    "GET", "/Users", query: [("filter", "userName eq \"\(OktaSpecTest.invalidUserEmail)\"")],
                    context: s.context)
            ) {
                Status(200)
                    .because("Okta's existence check reads a 404 or error here as a broken lookup")
                JSON("/schemas").contains(.string(SCIMURN.listResponse))
                JSON("/totalResults", equals: 0)
                    .hint("an unmatched filter answers 200 with totalResults 0, not 404 (RFC 7644 §3.4.2)")
            }
        }
        Scenario(
            "okta.oin-spec.04-invalid-user-by-id", "Required Test: Test invalid User by ID",
            .spec(.oktaSpecTest(step: 4)), .spec(.rfc7644("3.12")), .spec(.checklist("ERR-15")),
            .tags("okta", "oin-spec", "users", "errors")
        ) { s in
            try await s.send(
                OktaSpecTest.request("GET", "/Users/\(OktaSpecTest.userIDThatDoesNotExist)", context: s.context)
            ) {
                Status(404)
                    .hint("an unknown id answers 404 with a SCIM error body, never 400 or 500")
                JSON("/detail").nonEmpty()
                JSON("/schemas").contains(.string(SCIMURN.error))
            }
        }
        OktaOINSpecSteps.scenarios
    }

    /// Creates the user Okta's SPEC-test precondition asks for, marked with the run tag, and registers
    /// its removal (DESIGN §8.10), and the removal of the users steps 6 and 8 create, after the last step.
    /// Without write permission the target must already hold a user.
    @Sendable
    static func createPreconditionUser(_ s: Session) async throws {
        s.onCleanup { session in
            for key in [OktaOINSpecSteps.createdUserKey, OktaOINSpecSteps.duplicateUserKey] {
                if let id = session.suite[key]?.stringValue { try await session.removeCreatedUser(id: id) }
            }
        }
        guard s.context.writesAllowed else { return }
        let userName = s.unique("spec-precondition") + "@example.test"
        let response = try await s.post(
            "/Users",
            json: [
                "schemas": [.string(SCIMURN.coreUser)],
                "userName": .string(userName),
                "externalId": .string(s.unique("spec-precondition")),
                "name": ["givenName": "Scimcheck", "familyName": "Precondition"],
                "displayName": "Scimcheck Precondition",
                "emails": [["primary": true, "value": .string(userName), "type": "work"]],
                "active": true,
            ])
        guard (200..<300).contains(response.status), let id = response.json?["id"]?.stringValue else {
            throw HarnessError(
                .scenario,
                "could not create the user the SPEC test's precondition needs: POST /Users answered \(response.status)"
                    + (response.status == 201 ? ", id: \(response.value(at: "/id").summary)" : ""))
        }
        s.onCleanup { try await $0.removeCreatedUser(id: id) }
    }
}
