import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// Steps 5–12 of Okta's "SCIM 2.0 SPEC Test" (okta-behavior §14.1): the random user's life, the Groups
/// endpoint, and the 401 and 404 error bodies, each step with the harness's headers and assertions.
///
/// The steps hand values to each other through ``Session/suite`` as the harness does through its
/// variables (`randomUsername`, `idUserOne`); the users created here are removed after the suite.
enum OktaOINSpecSteps {
    /// Suite key of the harness's random variables (given name, family name).
    static let variablesKey = "oin-spec.variables"
    /// Suite key of `idUserOne`, the id step 6 created.
    static let createdUserKey = "oin-spec.idUserOne"
    /// Suite key of the id a wrongly accepted duplicate create (step 8) returned.
    static let duplicateUserKey = "oin-spec.duplicate"

    /// The harness's random variables, drawn once per run. The family name is `Scimcheck` and three digits,
    /// which keeps the harness's shape (one capital, eight lowercase letters, three digits) and marks the user
    /// as the kit's.
    static func variables(_ s: Session) -> OktaSpecTest.Variables {
        if let stored = s.suite[variablesKey]?.arrayValue, stored.count == 2,
            let given = stored[0].stringValue, let family = stored[1].stringValue
        {
            return OktaSpecTest.Variables(givenName: given, familyName: family)
        }
        var generator = SystemRandomNumberGenerator()
        var drawn = OktaSpecTest.Variables.random(using: &generator)
        drawn.familyName = "Scimcheck" + String(drawn.familyName.suffix(3))
        s.suite[variablesKey] = [.string(drawn.givenName), .string(drawn.familyName)]
        return drawn
    }

    /// The body of step 6 (and step 8): the harness's "realistic values" user.
    static func createBody(_ v: OktaSpecTest.Variables) -> JSONValue {
        [
            "schemas": [.string(SCIMURN.coreUser)], "userName": .string(v.email),
            "name": ["givenName": .string(v.givenName), "familyName": .string(v.familyName)],
            "emails": [["primary": true, "value": .string(v.email), "type": "work"]],
            "displayName": .string("\(v.givenName) \(v.familyName)"), "active": true,
        ]
    }

    /// `idUserOne`, or a skip when step 6 did not create the user.
    static func createdUserID(_ s: Session) throws -> String {
        guard let id = s.suite[createdUserKey]?.stringValue else {
            try s.skip("step 6 created no user (idUserOne) to work with")
        }
        return id
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "okta.oin-spec.05-random-user-absent", "Required Test: Make sure random user doesn't exist",
            .spec(.oktaSpecTest(step: 5)), .spec(.rfc7644("3.4.2")), .spec(.checklist("LST-03")),
            .tags("okta", "oin-spec", "users", "filter")
        ) { s in
            let v = variables(s)
            try await s.send(
                OktaSpecTest.request(
                    "GET", "/Users", query: [("filter", "userName eq \"\(v.email)\"")], context: s.context)
            ) {
                Status(200).because("Okta's existence check reads anything but 200 here as a broken lookup")
                JSON("/totalResults", equals: 0)
                    .hint("an unmatched userName filter answers 200 with totalResults 0 (RFC 7644 §3.4.2)")
                JSON("/schemas").contains(.string(SCIMURN.listResponse))
            }
        },
        Scenario(
            "okta.oin-spec.06-create-user", "Required Test: Create Okta user with realistic values",
            .spec(.oktaSpecTest(step: 6)), .spec(.rfc7644("3.3")), .spec(.checklist("CRT-01")),
            .tags("okta", "oin-spec", "users", "create"), .writes,
            .note("sent with the harness's POST headers: Content-Type application/json")
        ) { s in
            let v = variables(s)
            let response = try await s.send(
                OktaSpecTest.request("POST", "/Users", json: createBody(v), context: s.context)
            ) {
                Status(201)
                    .because("Okta's create task fails on anything but 201 with the user")
                    .hint("answer a created user with 201 Created and the resource; accept application/json bodies")
                JSON("/active", equals: true)
                JSON("/id").nonEmpty().because("Okta stores id as the app user's External ID")
                JSON("/name/familyName", equals: .string(v.familyName))
                JSON("/name/givenName", equals: .string(v.givenName))
                JSON("/schemas").contains(.string(SCIMURN.coreUser))
                JSON("/userName", equals: .string(v.email))
            }
            if let id = response.json?["id"]?.stringValue, (200..<300).contains(response.status) {
                s.suite[createdUserKey] = .string(id)
            }
        },
        Scenario(
            "okta.oin-spec.07-verify-created-user", "Required Test: Verify that user was created",
            .spec(.oktaSpecTest(step: 7)), .spec(.rfc7644("3.4.1")), .spec(.checklist("GET-01")),
            .tags("okta", "oin-spec", "users")
        ) { s in
            let v = variables(s)
            let id = try createdUserID(s)
            try await s.send(OktaSpecTest.request("GET", "/Users/\(URLPathSegment.encode(id))", context: s.context)) {
                Status(200).hint("serve GET /Users/{id} for the id the create returned")
                JSON("/userName", equals: .string(v.email))
                JSON("/name/familyName", equals: .string(v.familyName))
                JSON("/name/givenName", equals: .string(v.givenName))
            }
        },
        Scenario(
            "okta.oin-spec.08-duplicate-create-conflicts",
            "Required Test: Expect failure when recreating user with same values",
            .spec(.oktaSpecTest(step: 8)), .spec(.rfc7644("3.3")), .spec(.checklist("UNQ-01")),
            .tags("okta", "oin-spec", "users", "uniqueness"), .writes
        ) { s in
            let v = variables(s)
            _ = try createdUserID(s)
            let response = try await s.send(
                OktaSpecTest.request("POST", "/Users", json: createBody(v), context: s.context)
            ) {
                Status(409)
                    .because("implementers keep failing this step of the OIN submission (grokability/snipe-it #13854)")
                    .hint("refuse a second user with the same userName: 409 with scimType uniqueness (RFC 7644 §3.3)")
            }
            if (200..<300).contains(response.status), let id = response.json?["id"]?.stringValue {
                s.suite[duplicateUserKey] = .string(id)
            }
        },
        Scenario(
            "okta.oin-spec.09-username-case", "Required Test: Username Case Sensitivity Check",
            .spec(.oktaSpecTest(step: 9)), .spec(.rfc7643("4.1.1")), .spec(.checklist("UNQ-08")),
            .tags("okta", "oin-spec", "users", "filter"),
            .note("the harness checks only the status; okta.users.lookup-ignores-case checks the match")
        ) { s in
            let v = variables(s)
            _ = try createdUserID(s)
            try await s.send(
                OktaSpecTest.request(
                    "GET", "/Users", query: [("filter", "userName eq \"\(v.emailUppercased)\"")], context: s.context)
            ) {
                Status(200).hint("a userName filter with another letter case answers 200 (userName is caseExact false)")
            }
        },
        Scenario(
            "okta.oin-spec.10-groups-endpoint", "Optional Test: Verify Groups endpoint",
            .spec(.oktaSpecTest(step: 10)), .spec(.rfc7644("3.4.2")), .tags("okta", "oin-spec", "groups"),
            .level(.should), .note("optional in the harness: a failure here is a warning unless --strict")
        ) { s in
            let response = try await s.send(OktaSpecTest.request("GET", "/Groups", context: s.context)) {
                Status(200).because("Okta's Push Groups lists and looks up groups on /Groups")
                ListResponse().hint("answer GET /Groups with a ListResponse, Resources an array")
            }
            let milliseconds = response.exchange.timings.total / 1000
            s.verify(
                "the response arrived in under 600 ms", milliseconds < 600, expected: "< 600 ms",
                actual: milliseconds < 600 ? "under 600 ms (the exchange has the timings)" : "\(milliseconds) ms",
                specs: [.oktaSpecTest(step: 10)],
                fixHint: "answer an unfiltered GET /Groups quickly (page it; do not expand every member)")
        },
        Scenario(
            "okta.oin-spec.11-status-401", "Required Test: Check status 401",
            .spec(.oktaSpecTest(step: 11)), .spec(.rfc7644("3.12")), .spec(.checklist("SEC-01")),
            .tags("okta", "oin-spec", "errors", "auth"),
            .note("the harness compares status loosely: the string \"401\" (RFC) and the number 401 both pass here")
        ) { s in
            let v = variables(s)
            try await s.send(
                OktaSpecTest.request(
                    "GET", "/Users", query: [("filter", "userName eq \"\(v.emailUppercased)\"")], context: s.context,
                    authorization: "non-token")
            ) {
                Status(401)
                    .because("Okta shows \"Error authenticating\" only when a bad token gets 401")
                    .hint(
                        "reject a malformed Authorization header with 401, not 400, 403 or a redirect to a login page")
                JSON("/detail").nonEmpty()
                    .because("Okta's Jackson parser needs a JSON error body to show the cause (Metatavu #100)")
                JSON("/status", oneOf: ["401", 401]).hint(
                    "answer {\"schemas\":[Error URN],\"status\":\"401\",\"detail\":…}")
                JSON("/schemas").contains(.string(SCIMURN.error))
            }
        },
        Scenario(
            "okta.oin-spec.12-status-404", "Required Test: Check status 404",
            .spec(.oktaSpecTest(step: 12)), .spec(.rfc7644("3.12")), .spec(.checklist("ERR-15")),
            .tags("okta", "oin-spec", "errors"),
            .note("the harness compares status loosely: the string \"404\" (RFC) and the number 404 both pass here")
        ) { s in
            try await s.send(
                OktaSpecTest.request("GET", "/Users/\(OktaSpecTest.unknownUserID)", context: s.context)
            ) {
                Status(404).hint("an unknown id answers 404 with a SCIM error body")
                JSON("/detail").nonEmpty()
                JSON("/status", oneOf: ["404", 404])
                JSON("/schemas").contains(.string(SCIMURN.error))
            }
        },
    ]
}
