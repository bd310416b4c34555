import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension Suite {
    /// `ninjaone`: what NinjaOne makes of what Okta provisions, read back through the reference server's admin
    /// API (DESIGN §5, §8.2–8.4; okta-behavior §13). Every scenario needs the admin API, so against any other
    /// target they are `unsupported`. The token lifecycle ends the run's SCIM token, so it comes last.
    public static let ninjaOne = Suite("ninjaone", "NinjaOne semantics (reference server, admin API)") {
        Scenario(
            "ninjaone.users.user-types",
            "userType: technician in any case makes a technician; endUser, a wrong case or nothing an end user",
            .spec(.okta("13")), .tags("ninjaone", "users"), .adminAPI, .writes,
            .note("a wrong value falls back to an end user, and the admin API says why")
        ) { s in
            let cases: [(value: JSONValue?, type: String, fallback: Bool)] = [
                ("technician", "technician", false), ("Technician", "technician", false),
                ("endUser", "endUser", false), ("enduser", "endUser", true), (nil, "endUser", false),
            ]
            for (index, entry) in cases.enumerated() {
                let id = try await NinjaOneSteps.provision(
                    s, "type\(index)", entry.value.map { ["ninja_group_userType": $0] } ?? [:])
                try await NinjaOneSteps.account(s, id) {
                    JSON("/accountType", equals: .string(entry.type))
                        .because("the person gets the wrong NinjaOne seat: technician rights or none")
                    if entry.fallback {
                        JSON("/fallbackReasons/0").nonEmpty().hint("record why a userType was not accepted")
                    } else {
                        JSON("/fallbackReasons", equals: [])
                    }
                }
                try await OktaLifecycleReplays.read(s, id) {
                    if let value = entry.value {
                        JSON("/\(SCIMURN.ninjaOneUser)/userType", equals: value)
                            .hint("read back userType exactly as provisioned; the effective type is the admin API's")
                    } else {
                        JSON("/\(SCIMURN.ninjaOneUser)/userType").absent()
                    }
                }
            }
        }
        Scenario(
            "ninjaone.users.organizations",
            "organizationId: All, one id, several ids, an unknown id (global, with a reason), ignored for technicians",
            .spec(.okta("13")), .tags("ninjaone", "users", "organizations"), .adminAPI, .writes
        ) { s in
            let first = try await NinjaOneSteps.organization(s, "org-a")
            let second = try await NinjaOneSteps.organization(s, "org-b")
            let cases: [(values: [String: JSONValue], global: Bool, organizations: [String], fallback: Bool)] = [
                (["ninja_group_organizationId": "All"], true, [], false),
                (["ninja_group_organizationId": .string(first)], false, [first], false),
                (["ninja_group_organizationId": .string("\(first),\(second)")], false, [first, second], false),
                (["ninja_group_organizationId": "scimcheck-no-such-org"], true, [], true),
                (
                    ["ninja_group_userType": "technician", "ninja_group_organizationId": .string(first)], false, [],
                    false
                ),
            ]
            for (index, entry) in cases.enumerated() {
                let id = try await NinjaOneSteps.provision(s, "org\(index)", entry.values)
                try await NinjaOneSteps.account(s, id) {
                    JSON("/globalEndUser", equals: .bool(entry.global))
                        .because("an end user sees every organization's devices, or none of the right ones")
                    JSON("/organizations", equals: .array(entry.organizations.map(JSONValue.string)))
                    if entry.fallback {
                        JSON("/fallbackReasons/0").nonEmpty()
                            .hint("say that the organization id is unknown and the account fell back to global")
                    } else {
                        JSON("/fallbackReasons", equals: [])
                    }
                }
            }
        }
        Scenario(
            "ninjaone.users.organizations-combined-across-groups",
            "\"Combine values across groups\" sends every group's organization, and the end user gets them all",
            .spec(.okta("11")), .spec(.okta("13")), .tags("ninjaone", "users", "organizations", "assignments"),
            .adminAPI, .writes,
            .oktaInferred("an array-typed ninja_group_organizationId; NinjaOne's seed documents a single string")
        ) { s in
            let first = try await NinjaOneSteps.organization(s, "org-first")
            let second = try await NinjaOneSteps.organization(s, "org-second")
            s.okta.configure { app in
                app.provisioning.pushGroups = false
                app.profile.attributes.removeAll { $0.variableName == "ninja_group_organizationId" }
                app.profile.attributes.append(
                    OktaAppAttribute(
                        "ninja_group_organizationId", externalName: "organizationId", namespace: SCIMURN.ninjaOneUser,
                        scope: .group, groupValues: .combine))
            }
            let user = OktaUserLifecycle.newUser(s, "combined")
            let groups = [s.okta.createGroup(name: s.unique("first")), s.okta.createGroup(name: s.unique("second"))]
            for group in groups { await s.okta.addToGroup(user, group) }
            await s.okta.assign(group: groups[0], values: ["ninja_group_organizationId": [.string(first)]])
            await s.okta.assign(group: groups[1], values: ["ninja_group_organizationId": [.string(second)]])
            let id = try s.require(s.okta.appUser(user)?.externalID, "Okta provisioned the group member")
            OktaMappingChecks.sent(
                s, "PUT", "/Users/\(id)", "/\(SCIMURN.ninjaOneUser)/organizationId",
                equals: [.string(first), .string(second)])
            try await NinjaOneSteps.account(s, id) {
                JSON("/organizations", equals: [.string(first), .string(second)])
                    .because("the end user would miss the devices of one of its groups' organizations")
                    .hint("accept organizationId as a JSON array of ids as well as a comma-separated string")
                JSON("/globalEndUser", equals: false)
            }
        }
        Scenario(
            "ninjaone.roles.group-mapping",
            "A pushed group mapped to roles gives each member the role of its type, and takes it back on removal",
            .spec(.okta("13")), .spec(.okta("7.5")), .tags("ninjaone", "groups", "roles"), .adminAPI, .writes,
            .requires(.patch)
        ) { s in
            let technicianRole = try await NinjaOneSteps.role(s, "tech-role", kind: "technician")
            let endUserRole = try await NinjaOneSteps.role(s, "end-user-role", kind: "endUser")
            let technician = OktaUserLifecycle.newUser(s, "roletech")
            let endUser = OktaUserLifecycle.newUser(s, "roleend")
            await s.okta.assign(technician, overrides: ["ninja_group_userType": "technician"])
            await s.okta.assign(endUser)
            let technicianID = try s.require(s.okta.appUser(technician)?.externalID, "the technician is provisioned")
            let endUserID = try s.require(s.okta.appUser(endUser)?.externalID, "the end user is provisioned")
            let group = s.okta.createGroup(name: s.unique("role-group"))
            await s.okta.addToGroup(technician, group)
            await s.okta.addToGroup(endUser, group)
            let groupID = try OktaPushGroups.requirePushed(s, group, await s.okta.pushGroup(group))
            let mapping = "/group-role-mappings/\(URLPathSegment.encode(groupID))"
            try await s.admin(
                "PUT", mapping, json: ["technicianRole": .string(technicianRole), "endUserRole": .string(endUserRole)]
            ) { Status(200) }
            s.onCleanup { try await $0.admin("DELETE", mapping) }
            try await NinjaOneSteps.account(s, technicianID) {
                JSON("/roles/0/id", equals: .string(technicianRole))
                    .because("Okta group membership is how NinjaOne admins hand out technician roles")
                JSON("/roles/1").absent()
            }
            try await NinjaOneSteps.account(s, endUserID) { JSON("/roles/0/id", equals: .string(endUserRole)) }
            await s.okta.removeFromGroup(endUser, group)
            try await NinjaOneSteps.account(s, endUserID) {
                JSON("/roles/0").absent().because("a user removed from the Okta group would keep the group's role")
            }
        }
        Scenario(
            "ninjaone.users.deactivate-keeps-account", "Deactivation keeps the NinjaOne account, marked inactive",
            .spec(.okta("13")), .spec(.okta("5.1")), .tags("ninjaone", "users", "lifecycle"), .adminAPI, .writes,
            .requires(.patch)
        ) { s in
            let user = OktaUserLifecycle.newUser(s, "keep")
            let id = try await OktaUserLifecycle.provision(s, user)
            await s.okta.unassign(user)
            try await NinjaOneSteps.account(s, id) {
                JSON("/status", equals: "inactive")
                    .because("a deleted account loses its history; NinjaOne keeps deactivated accounts")
                JSON("/deprovisioned", equals: false)
                JSON("/active", equals: false)
            }
            let reassignment = await s.okta.assign(user)
            s.verify(
                "Okta reactivates the user", reassignment.succeeded, expected: "a succeeded task",
                actual: reassignment.message)
            try await NinjaOneSteps.account(s, id) { JSON("/status", equals: "active") }
        }
        Scenario(
            "ninjaone.scim.disable-enable",
            "Disabling SCIM refuses provisioning with a SCIM error; enabling restores it",
            .spec(.okta("13")), .spec(.rfc7644("3.12")), .tags("ninjaone", "admin"), .adminAPI
        ) { s in
            s.onCleanup { try await $0.admin("POST", "/scim/enable") }
            try await s.admin("POST", "/scim/disable") { JSON("/enabled", equals: false) }
            try await s.get("/Users", query: "count=1") {
                Status(403).because("Okta shows the refusal on its task; a 5xx would make it retry")
                SCIMError(status: 403)
            }
            try await s.admin("POST", "/scim/enable") { JSON("/enabled", equals: true) }
            try await s.get("/Users", query: "count=1") { Status(200) }
        }
        Scenario(
            "ninjaone.token.lifecycle",
            "The SCIM token: generated and shown once, rotated (old one refused at once), revoked",
            .spec(.okta("13")), .spec(.rfc7644("2")), .tags("ninjaone", "admin", "auth"), .adminAPI,
            .note("ends the run's own SCIM token, so it runs last; the tokens it meets are masked in the report")
        ) { s in
            let generated = try await s.admin("POST", "/scim/token") {
                Status(201)
                JSON("/token").nonEmpty()
                JSON("/expiresAt").nonEmpty().because("NinjaOne tokens expire after six months; Okta stops then")
            }
            let first = try s.require(generated.json?["token"]?.stringValue, "the generated token is shown")
            s.treatAsSecret(first)
            try await NinjaOneSteps.list(s, .bearer(first)) { Status(200) }
            try await NinjaOneSteps.list(s, s.context.credentials) {
                Status(401).because("a token the admin replaced must stop working, or a leaked one lives on")
            }
            try await s.admin("GET", "/scim/token") {
                JSON("/token").absent().hint("never show a token again after it was generated")
                JSON("/valid", equals: true)
            }
            let rotated = try await s.admin("POST", "/scim/token/rotate") { Status(200) }
            let second = try s.require(rotated.json?["token"]?.stringValue, "the rotated token is shown")
            s.treatAsSecret(second)
            try await NinjaOneSteps.list(s, .bearer(first)) { Status(401).hint("refuse the old token at once") }
            try await NinjaOneSteps.list(s, .bearer(second)) { Status(200) }
            try await s.admin("DELETE", "/scim/token") { JSON("/valid", equals: false) }
            try await NinjaOneSteps.list(s, .bearer(second)) {
                Status(401)
                SCIMError(status: 401)
            }
        }
    }
}

/// Steps the NinjaOne scenarios share.
enum NinjaOneSteps {
    /// Assigns a new Okta user with `overrides` and returns its server id.
    static func provision(_ s: Session, _ name: String, _ overrides: [String: JSONValue]) async throws -> String {
        let user = OktaUserLifecycle.newUser(s, name)
        let task = await s.okta.assign(user, overrides: overrides)
        s.verify("Okta provisions the user", task.succeeded, expected: "a succeeded task", actual: task.message)
        return try s.require(s.okta.appUser(user)?.externalID, "Okta stored the server's id")
    }

    /// Reads the NinjaOne account behind SCIM user `id` through the admin API.
    @discardableResult
    static func account(
        _ s: Session, _ id: String, @CheckBuilder checks: () -> [any Check]
    ) async throws -> Response {
        let extra = checks()
        return try await s.admin("GET", "/accounts/\(URLPathSegment.encode(id))") {
            Status(200).hint("every SCIM user is a NinjaOne account")
            extra
        }
    }

    /// Creates an organization with a run-unique name; returns its id and registers its removal.
    static func organization(_ s: Session, _ name: String) async throws -> String {
        let response = try await s.admin("POST", "/organizations", json: ["name": .string(s.unique(name))]) {
            Status(201)
        }
        let id = try s.require(response.json?["id"]?.stringValue, "the organization has an id")
        s.onCleanup { try await $0.admin("DELETE", "/organizations/\(URLPathSegment.encode(id))") }
        return id
    }

    /// Creates a role with a run-unique name; returns its id (the admin API cannot delete roles).
    static func role(_ s: Session, _ name: String, kind: String) async throws -> String {
        let response = try await s.admin(
            "POST", "/roles", json: ["name": .string(s.unique(name)), "kind": .string(kind)]
        ) { Status(201) }
        return try s.require(response.json?["id"]?.stringValue, "the role has an id")
    }

    /// `GET /Users?count=1` with `credentials` instead of the run's.
    static func list(
        _ s: Session, _ credentials: Credentials, @CheckBuilder checks: () -> [any Check]
    ) async throws {
        var headers = s.defaultHeaders(hasBody: false)
        headers.remove(named: "Authorization")
        if let value = credentials.authorizationValue { headers.append(HTTPHeader("Authorization", value)) }
        try await s.send(
            HTTPRequest(method: "GET", url: s.context.url("/Users", query: "count=1"), headers: headers), checks: checks
        )
    }
}
