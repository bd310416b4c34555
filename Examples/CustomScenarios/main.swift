// An example of scenarios written outside the built-in catalog (DESIGN §8.8), run with the same command
// line as `scimcheck`: `swift run custom-scenarios run --suite acme-custom`, `… list`, `… explain ID`.
// README "Writing your own scenarios" shows the same code in a package of its own.
import OktaSimulator
import SCIMCheckCLI
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckScenarios
import SCIMCore

extension Suite {
    /// Checks an imaginary Acme app needs beyond the built-in catalog.
    static let acmeCustom = Suite("acme-custom", "Acme's own SCIM checks") {
        Scenario(
            "acme.users.display-name-round-trip", "displayName comes back exactly as sent",
            .spec(.rfc7643("4.1.1")), .tags("acme", "users"), .writes
        ) { s in
            let userName = s.unique("acme-display") + "@example.test"
            let created = try await s.post(
                "/Users",
                json: [
                    "schemas": [.string(SCIMURN.coreUser)], "userName": .string(userName),
                    "displayName": "Zoë Ångström-Nakamura",
                ]
            ) {
                Status(201)
            }
            let id = try s.require(created.json?["id"]?.stringValue, "the created user has an id")
            s.onCleanup { try await $0.removeCreatedUser(id: id) }
            try await s.get("/Users/\(URLPathSegment.encode(id))") {
                Status(200)
                JSON("/displayName", equals: "Zoë Ångström-Nakamura").hint("store displayName as UTF-8, unchanged")
            }
        }
        Scenario(
            "acme.okta.unassign-keeps-user", "Okta's unassign deactivates the user; the user is still there",
            .spec(.okta("5.1")), .tags("acme", "okta"), .requires(.patch), .writes
        ) { s in
            let login = s.unique("acme-okta") + "@example.test"
            let user = s.okta.createUser(login: login, firstName: "Ada", lastName: "Acme")
            s.onCleanup { session in
                if let id = session.okta.appUser(user)?.externalID { try await session.removeCreatedUser(id: id) }
            }
            let assigned = await s.okta.assign(user)
            s.verify(
                "Okta provisions the user", assigned.succeeded, expected: "a succeeded task", actual: assigned.message)
            let id = try s.require(s.okta.appUser(user)?.externalID, "Okta stored the server's id")
            let unassigned = await s.okta.unassign(user)
            s.verify(
                "Okta deactivates the user", unassigned?.succeeded == true, expected: "a succeeded task",
                actual: unassigned?.message ?? "no task")
            try await s.get("/Users/\(URLPathSegment.encode(id))") {
                Status(200).because("Okta never deletes users; Acme's audit trail needs them")
                JSON("/active", equals: false)
            }
        }
        Scenario(
            "acme.groups.unknown-name-is-empty", "Filtering groups by an unknown name answers an empty list",
            .spec(.rfc7644("3.4.2.2")), .tags("acme", "groups", "filter"), .requires(.filter)
        ) { s in
            try await s.get("/Groups", query: URLQuery.string([("filter", "displayName eq \"\(s.unique("nobody"))\"")]))
            {
                Status(200)
                ListResponse(totalResults: 0)
            }
        }
    }
}

// The built-in catalog followed by Acme's suite; `Catalog { Suite.acmeCustom }` runs Acme's alone.
await SCIMCheckCommand.main(catalog: Catalog.builtIn.merged(with: Catalog { Suite.acmeCustom }))
