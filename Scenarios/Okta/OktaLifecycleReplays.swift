import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// Okta's lifecycle flows beyond the basics: the OIN CRUD test without its pauses, unassign and reassign,
/// a create that conflicts (no auto-link), import paging, and the field replays of okta-behavior.md
/// simulator requirement 26.
enum OktaLifecycleReplays {
    /// The server's copy of a user, read with the kit's own headers.
    @discardableResult
    static func read(
        _ s: Session, _ id: String, @CheckBuilder checks: () -> [any Check] = { [] }
    ) async throws
        -> Response
    {
        try await s.get("/Users/\(URLPathSegment.encode(id))", checks: checks)
    }

    /// How many `method` requests to a path ending in `suffix` Okta (not the kit) has sent in the scenario.
    static func count(_ s: Session, _ method: String, _ suffix: String) -> Int {
        s.exchanges.filter { exchange in
            let path = exchange.request.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
            return exchange.request.method == method && path.hasSuffix(suffix)
                && exchange.request.headers.first(named: "User-Agent") == OktaHeaders.userAgent
        }.count
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "okta.users.crud-test-flow", "Okta's CRUD test: assign, update, deactivate, reactivate, unassign",
            .spec(.okta("14.2")), .spec(.okta("15")), .spec(.rfc7644("3.5.2")), .tags("okta", "users", "lifecycle"),
            .writes, .note("replays Okta's SCIM 2.0 CRUD Test locally, without its 20–40 s pauses")
        ) { s in
            let user = OktaUserLifecycle.newUser(s, "crud")
            let id = try await OktaUserLifecycle.provision(s, user)
            try await s.get(
                "/Users", query: URLQuery.string([("filter", "userName eq \"\(user.login)\"")])
            ) {
                ListResponse(totalResults: 1).because("the CRUD test finds the user by userName after the assignment")
                JSON("/Resources/0/userName", equals: .string(user.login))
                JSON("/Resources/0/emails/0/value", equals: .string(user.login))
                JSON("/Resources/0/name/familyName", equals: "Crud")
                JSON("/Resources/0/name/givenName", equals: "Okta")
            }
            let update = await s.okta.updateProfile(user, JSONObject([("firstName", "Updated")]))
            s.verify(
                "Okta pushes the new first name", update?.succeeded == true, expected: "a succeeded task",
                actual: update?.message ?? "no task", specs: [.okta("4.1")])
            try await read(s, id) {
                JSON("/name/givenName", equals: "Updated").hint("apply name.givenName from Okta's PUT")
            }
            let deactivation = await s.okta.deactivate(user)
            s.verify(
                "Okta deactivates the app user", deactivation?.succeeded == true, expected: "a succeeded task",
                actual: deactivation?.message ?? "no task", specs: [.okta("5.1")])
            try await read(s, id) {
                JSON("/active", equals: false).because("the user keeps access to the app after leaving Okta")
            }
            await s.okta.reactivate(user)
            let reassignment = await s.okta.assign(user)
            s.verify(
                "Okta reactivates and reassigns the user", reassignment.succeeded, expected: "a succeeded task",
                actual: reassignment.message, specs: [.okta("5.2")])
            try await read(s, id) {
                JSON("/active", equals: true).because("the returning employee cannot sign in to the app")
            }
            let unassignment = await s.okta.unassign(user)
            s.verify(
                "Okta deactivates the unassigned user", unassignment?.succeeded == true, expected: "a succeeded task",
                actual: unassignment?.message ?? "no task")
            try await read(s, id) {
                Status(200).because("Okta never deletes users; the CRUD test reads the user after the unassignment")
                JSON("/active", equals: false)
            }
        },
        Scenario(
            "okta.users.reassign-same-resource", "Unassign then reassign reuses the same user; nothing is created",
            .spec(.okta("5.2")), .spec(.okta("15")), .spec(.checklist("DEL-06")), .tags("okta", "users", "lifecycle"),
            .requires(.patch), .writes
        ) { s in
            let user = OktaUserLifecycle.newUser(s, "reassign")
            let id = try await OktaUserLifecycle.provision(s, user)
            await s.okta.unassign(user)
            let task = await s.okta.assign(user)
            s.verify(
                "Okta reactivates the reassigned user", task.succeeded, expected: "a succeeded task",
                actual: task.message, specs: [.okta("5.2")])
            s.verify(
                "the reassignment sent no second POST /Users", count(s, "POST", "/Users") == 1,
                expected: "1 POST /Users", actual: "\(count(s, "POST", "/Users")) POST /Users",
                oktaConsequence: "a second create would make Okta fail the task or own two accounts for one person")
            try await s.get(
                "/Users", query: URLQuery.string([("filter", "userName eq \"\(user.login)\"")])
            ) {
                ListResponse(totalResults: 1)
                    .because("a duplicate account would keep the old one's access around")
                    .hint("reactivate the existing user on PATCH active:true; never create a second one")
                JSON("/Resources/0/id", equals: .string(id))
                JSON("/Resources/0/active", equals: true)
            }
        },
        Scenario(
            "okta.users.create-conflict-not-linked",
            "Okta's create for a userName that exists answers 409 uniqueness and changes nothing",
            .spec(.okta("2.5")), .spec(.okta("12")), .spec(.rfc7644("3.3")), .spec(.checklist("UNQ-01")),
            .tags("okta", "users", "uniqueness"), .writes,
            .note("Okta never links on 409: the task fails with the server's detail (okta-behavior §12.10)")
        ) { s in
            let user = OktaUserLifecycle.newUser(s, "conflict")
            let (existingID, _) = try await RFCFixtures.createUser(
                s, "conflict-existing", userName: user.login, givenName: "Existing")
            let mapper = OktaProfileMapper(app: s.okta.app, org: s.okta.org, settings: s.okta.settings)
            let body = mapper.createBody(
                for: user, values: try mapper.values(for: user, creating: true), password: "Sc1mcheck!pw")
            let response = try await s.send(s.okta.client.request("POST", "/Users", json: .object(body))) {
                Status(409)
                    .because("Okta would store a second id for a user that exists, or lose the link to the first")
                    .hint("refuse a duplicate userName with 409; never upsert or return the existing user on POST")
                SCIMError(status: 409, scimType: .uniqueness)
                JSON("/detail").nonEmpty().level(.should).spec(.rfc7644("3.12"))
                    .because("Okta's failed task shows \"Errors reported by remote server: <detail>\" to the admin")
                    .hint("say which attribute collided in detail")
            }
            if (200..<300).contains(response.status), let id = response.json?["id"]?.stringValue, id != existingID {
                s.onCleanup { try await $0.removeCreatedUser(id: id) }
            }
            try await read(s, existingID) {
                Status(200)
                JSON("/name/givenName", equals: "Existing")
                    .because("a conflicting create must not overwrite the existing account")
                JSON("/externalId").absent().level(.should)
                    .hint("a refused create changes nothing on the existing user")
            }
        },
        Scenario(
            "okta.users.lookup-miss-conflict",
            "A pre-existing user whose userName differs in case is found and linked, not POSTed into a 409",
            .spec(.okta("12")), .spec(.okta("2.6")), .spec(.rfc7643("4.1.1")), .spec(.checklist("UNQ-08")),
            .tags("okta", "users", "link", "filter"), .writes,
            .note(
                "replays okta-behavior.md requirement 26: a case-sensitive lookup misses, Okta POSTs, the server 409s")
        ) { s in
            let (existingID, existingName) = try await RFCFixtures.createUser(
                s, "lookupmiss", givenName: "Existing")
            let user = OktaUserLifecycle.newUser(s, "lookupmiss", login: existingName.uppercased())
            let task = await s.okta.assign(user)
            s.verify(
                "Okta links the existing user", task.succeeded, expected: "a succeeded task", actual: task.message,
                specs: [.okta("12")],
                oktaConsequence: "the assignment fails with \"Conflict\" and the admin has to link the user by hand",
                fixHint: "match userName case-insensitively in filters, as uniqueness already does (caseExact false)")
            s.verify(
                "Okta sent no POST /Users", count(s, "POST", "/Users") == 0, expected: "no POST /Users",
                actual: "\(count(s, "POST", "/Users")) POST /Users", specs: [.okta("15")])
            s.verify(
                "the External ID is the existing user's id", s.okta.appUser(user)?.externalID == existingID,
                expected: existingID, actual: s.okta.appUser(user)?.externalID ?? "none")
        },
        Scenario(
            "okta.users.stale-deactivate-put",
            "A stale active:false PUT after a quick reactivate is applied as sent, and the server says so",
            .spec(.okta("4.1")), .spec(.okta("12")), .spec(.rfc7644("3.5.1")), .tags("okta", "users", "put"),
            .requires(.patch), .writes,
            .note(
                "replays okta-behavior.md requirement 26 (devforum 14380): PATCH active:true, then a PUT built "
                    + "before it with active:false"),
            .oktaInferred("the PUT's body is the resource Okta read before the reactivation, as in the field report")
        ) { s in
            let user = OktaUserLifecycle.newUser(s, "stale")
            let id = try await OktaUserLifecycle.provision(s, user)
            await s.okta.unassign(user)
            let stale = try await read(s, id) { JSON("/active", equals: false) }
            let staleBody = try s.require(stale.json, "the deactivated user reads back as JSON")
            let reassignment = await s.okta.assign(user)
            s.verify(
                "Okta reactivates the user", reassignment.succeeded, expected: "a succeeded task",
                actual: reassignment.message)
            let path = "/Users/\(URLPathSegment.encode(id))"
            try await s.send(s.okta.client.request("PUT", path, json: staleBody)) {
                Status(200).because("Okta requires 200 with the user for a PUT")
                JSON("/active", equals: false)
                    .spec(.rfc7644("3.5.1"))
                    .because("AIW apps deactivate with PUT active:false; a server that ignores it never deactivates")
                    .hint("PUT replaces every attribute it carries, active included, in the order requests arrive")
            }
            try await read(s, id) {
                JSON("/active", equals: false)
                    .because(
                        "the PUT's answer must be what the server stored, or Okta's view and the app's drift apart")
            }
            try await s.send(
                s.okta.client.request(
                    "PATCH", path,
                    json: [
                        "schemas": [.string(SCIMURN.patchOp)],
                        "Operations": [["op": "replace", "value": ["active": true]]],
                    ])
            ) {
                Status(oneOf: 200, 204).hint("accept Okta's path-less reactivation after a PUT deactivated the user")
            }
            try await read(s, id) { JSON("/active", equals: true) }
        },
        Scenario(
            "okta.import.paging", "Okta's import pages with count=100 and stops; a page past the end is empty",
            .spec(.okta("3")), .spec(.rfc7644("3.4.2.4")), .spec(.checklist("LST-10")), .spec(.checklist("LST-11")),
            .spec(.checklist("LST-13")), .tags("okta", "import", "paging"), .writes,
            .note(
                "NinjaOne's app does not import (okta-behavior §13); this turns import on, as an app built on "
                    + "Okta's SCIM template has it, because the paging rules hold for every Okta app")
        ) { s in
            s.okta.configure { $0.provisioning.importEnabled = true }
            for name in ["import-a", "import-b", "import-c"] { _ = try await RFCFixtures.createUser(s, name) }
            let imported = await s.okta.importUsers()
            s.verify(
                "Okta's import succeeds", imported.task.succeeded, expected: "a succeeded task",
                actual: imported.task.message, specs: [.okta("3")])
            let ids = imported.resources.compactMap { $0["id"]?.stringValue }
            s.verify(
                "the import saw every user once", Set(ids).count == ids.count && ids.count >= 3,
                expected: "distinct ids, at least the 3 created",
                actual: "\(ids.count) ids, \(Set(ids).count) distinct",
                specs: [.checklist("LST-13")],
                oktaConsequence: "duplicates or gaps across pages make Okta import the same user twice or miss one",
                fixHint: "order list results by a stable key (id or creation) whatever count and startIndex are")
            let first = try await s.send(
                s.okta.client.request("GET", "/Users", query: [("startIndex", "1"), ("count", "2")])
            ) {
                ListResponse(maxItems: 2)
            }
            let total = try s.require(first.json?["totalResults"]?.intValue, "totalResults is a number")
            try await s.send(
                s.okta.client.request("GET", "/Users", query: [("startIndex", "2"), ("count", "1")])
            ) {
                JSON("/Resources/0/id", equals: first.json?["Resources"]?[1]?["id"] ?? .null)
                    .spec(.checklist("LST-05"))
                    .because("Okta requires the same ordering whatever count and startIndex are")
            }
            let pastEnd = try await s.send(
                s.okta.client.request("GET", "/Users", query: [("startIndex", String(total + 1)), ("count", "100")])
            ) {
                Status(200).spec(.checklist("LST-11"))
                ListResponse(maxItems: 0)
            }
            let itemsPerPage = pastEnd.json?["itemsPerPage"]
            s.verify(
                "itemsPerPage of the page past the end is 0 (or absent)", itemsPerPage == nil || itemsPerPage == 0,
                expected: "0", actual: itemsPerPage?.serialized() ?? "absent", specs: [.checklist("LST-10")],
                oktaConsequence: "Okta's QA stopped an integration whose past-the-end page said itemsPerPage 100 "
                    + "(ory/polis #4054)",
                fixHint: "itemsPerPage is the number of Resources in this page, not the count asked for")
        },
    ]
}
