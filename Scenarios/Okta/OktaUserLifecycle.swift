import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// Okta's user lifecycle against the target: create on assign, link on match, profile push,
/// deactivate and reactivate (okta-behavior §2, §4, §5; DESIGN §4).
enum OktaUserLifecycle {
    /// A new Okta user with a run-unique login (or `login`, itself run-unique), whose server copy is removed
    /// after the scenario.
    static func newUser(
        _ s: Session, _ name: String, login: String? = nil, extra: JSONObject = JSONObject()
    ) -> OktaUser {
        let login = login ?? s.unique(name) + "@example.test"
        let user = s.okta.createUser(login: login, firstName: "Okta", lastName: name.capitalized, extra: extra)
        s.onCleanup { session in
            if let id = session.okta.appUser(user)?.externalID { try await session.removeCreatedUser(id: id) }
        }
        return user
    }

    /// Assigns `user` and requires the create to have succeeded.
    static func provision(_ s: Session, _ user: OktaUser) async throws -> String {
        let task = await s.okta.assign(user)
        s.verify(
            "Okta provisions the assigned user", task.succeeded, expected: "a succeeded task", actual: task.message,
            specs: [.okta("2.5")])
        return try s.require(s.okta.appUser(user)?.externalID, "Okta stored the server's id as the External ID")
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "okta.users.create-on-assign", "Assigning a new user: existence check, then POST with Okta's body",
            .spec(.okta("2.2")), .spec(.okta("2.4")), .spec(.okta("2.5")), .spec(.rfc7644("3.3")),
            .spec(.checklist("LST-03")), .tags("okta", "users", "create"), .writes
        ) { s in
            let user = newUser(s, "create")
            let id = try await provision(s, user)
            try s.checkLast("GET", "/Users") {
                Status(200).because("a 404 or error here makes Okta fail or skip the create")
                ListResponse(totalResults: 0)
                    .hint("an unmatched userName filter answers 200 with totalResults 0 (RFC 7644 §3.4.2)")
            }
            try s.checkLast("POST", "/Users") {
                Status(201).because("Okta's create task fails on anything but 201 with the user")
                JSON("/id").nonEmpty().because("Okta stores id as the app user's External ID")
                JSON("/userName", equals: .string(user.login))
                JSON("/password").absent().spec(.rfc7643("4.1.1"))
                Header("Location").level(.should).spec(.rfc7644("3.3"))
            }
            try await s.get("/Users/\(URLPathSegment.encode(id))") {
                Status(200)
                JSON("/userName", equals: .string(user.login))
                JSON("/active", equals: true)
                JSON("/externalId", equals: .string(user.id)).level(.should)
                    .because("Okta sends its user id as externalId and may rely on it")
                JSON("/name/givenName", equals: "Okta")
                JSON("/emails/0/value", equals: .string(user.login))
            }
        },
        Scenario(
            "okta.users.lookup-ignores-case", "Okta's existence check finds a user whatever the userName's case",
            .spec(.okta("12")), .spec(.checklist("UNQ-08")), .spec(.rfc7643("4.1.1")), .tags("okta", "users", "filter"),
            .writes
        ) { s in
            let user = newUser(s, "case")
            let id = try await provision(s, user)
            try await s.get(
                "/Users", query: URLQuery.string([("filter", "userName eq \"\(user.login.uppercased())\"")])
            ) {
                Status(200)
                ListResponse(totalResults: 1)
                    .because("a case-sensitive filter makes Okta POST a user that exists, get 409, and fail the task")
                    .hint("compare userName case-insensitively in filters (caseExact false)")
                JSON("/Resources/0/id", equals: .string(id))
            }
        },
        Scenario(
            "okta.users.deactivate-pathless", "Unassigning deactivates with Okta's path-less PATCH; nothing is deleted",
            .spec(.okta("5.1")), .spec(.rfc7644("3.5.2")), .spec(.checklist("DEL-06")), .tags("okta", "users", "patch"),
            .requires(.patch), .writes
        ) { s in
            let user = newUser(s, "deactivate")
            let id = try await provision(s, user)
            let task = await s.okta.unassign(user)
            s.verifySucceeded(task, "Okta deactivates the unassigned user", specs: [.okta("5.1")])
            // OIN apps send the path-less PATCH; AIW apps (--okta-app aiw) GET then PUT (okta-behavior §5.1).
            try s.checkLast(s.okta.settings.app == .oin ? "PATCH" : "PUT", "/Users/\(id)") {
                Status(oneOf: 200, 204)
                    .because("Okta accepts 200 with the user or 204; anything else leaves the user active in the app")
                    .hint("accept a PATCH operation without path whose value is an object: {\"active\":false}")
            }
            try await s.get("/Users/\(URLPathSegment.encode(id))") {
                Status(200).because("deactivated users stay; Okta never deletes users")
                JSON("/active", equals: false)
            }
        },
        Scenario(
            "okta.users.reactivate", "Reassigning a deactivated user reactivates it",
            .spec(.okta("5.2")), .tags("okta", "users", "patch"), .requires(.patch), .writes,
            .oktaInferred("the reactivation PATCH body is not printed by Okta; scimcheck sends {\"active\":true}")
        ) { s in
            let user = newUser(s, "reactivate")
            let id = try await provision(s, user)
            await s.okta.unassign(user)
            let task = await s.okta.assign(user)
            s.verify(
                "Okta reactivates the reassigned user", task.succeeded, expected: "a succeeded task",
                actual: task.message)
            try await s.get("/Users/\(URLPathSegment.encode(id))") {
                Status(200)
                JSON("/active", equals: true)
            }
        },
        Scenario(
            "okta.users.profile-push", "A profile change is pushed with GET, then PUT of the returned resource",
            .spec(.okta("4.1")), .spec(.rfc7644("3.5.1")), .tags("okta", "users", "put"), .writes
        ) { s in
            let user = newUser(s, "profile")
            let id = try await provision(s, user)
            let task = await s.okta.updateProfile(user, JSONObject([("firstName", "Renamed")]))
            s.verifySucceeded(task, "Okta pushes the profile change")
            try s.checkLast("PUT", "/Users/\(id)") {
                Status(200).because("Okta requires 200 with the updated user")
                JSON("/name/givenName", equals: "Renamed")
                JSON("/id", equals: .string(id))
            }
            try await s.get("/Users/\(URLPathSegment.encode(id))") {
                JSON("/name/givenName", equals: "Renamed")
                JSON("/active", equals: true).because("a PUT that drops active would suspend the user (Okta AIW risk)")
            }
        },
        Scenario(
            "okta.users.link-on-match", "A user already on the server is linked (GET then PUT), never created twice",
            .spec(.okta("2.6")), .tags("okta", "users", "link"), .writes
        ) { s in
            let user = newUser(s, "link")
            let existing = try await s.post(
                "/Users",
                json: [
                    "schemas": [.string(SCIMURN.coreUser)], "userName": .string(user.login),
                    "name": ["givenName": "Before", "familyName": "Link"],
                    "emails": [["value": .string(user.login), "primary": true]],
                ]
            ) { Status(in: 200..<300) }
            let id = try s.require(existing.json?["id"]?.stringValue, "the pre-existing user has an id")
            s.onCleanup { try await $0.removeCreatedUser(id: id) }
            let task = await s.okta.assign(user)
            s.verify("Okta links the existing user", task.succeeded, expected: "a succeeded task", actual: task.message)
            s.verify(
                "the External ID is the existing user's id", s.okta.appUser(user)?.externalID == id,
                expected: id, actual: s.okta.appUser(user)?.externalID ?? "none")
            try s.checkLast("PUT", "/Users/\(id)") {
                Status(200)
                JSON("/name/givenName", equals: "Okta")
            }
        },
    ]
}
