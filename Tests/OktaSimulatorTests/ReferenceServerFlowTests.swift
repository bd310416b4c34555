import OktaSimulator
import SCIMCheckHTTP
import SCIMCore
import Testing

/// The seed's NinjaOne flows, driven through the Okta engine into the reference server over real HTTP
/// (okta-behavior §10–13, §15; DESIGN §4–5). Each asserts the wire traffic, the engine's tasks and the
/// resulting NinjaOne account as the admin API shows it.
@Suite struct ReferenceServerFlowTests {
    static let userType = "ninja_group_userType"
    static let organizationID = "ninja_group_organizationId"

    /// NinjaOne's OIN app with extra mappings for its extension attributes.
    static func ninjaOne(_ mappings: [String: OktaMapping]) -> OktaApp {
        var app = OktaApp.ninjaOne
        app.mappings.merge(mappings) { $1 }
        return app
    }

    /// Okta's existence check for `login` (okta-behavior §2.2).
    static func lookup(_ login: String) -> String {
        let encoded = login.replacingOccurrences(of: "@", with: "%40")
        return "GET /Users?filter=userName%20eq%20%22\(encoded)%22&startIndex=1&count=100"
    }

    /// Runs `body` against the reference server, the engine's NinjaOne app mapping `userType` with `mapping`.
    static func withUserType(
        _ mapping: OktaMapping, _ body: @Sendable (ReferenceTarget, OktaEngine) async throws -> Void
    ) async throws {
        try await ReferenceTarget.with(app: ninjaOne([userType: mapping])) { try await body($0, $0.okta) }
    }

    /// Runs `body` against the reference server with `app`, once organizations 12 (Acme) and 31 (Globex) exist
    /// in the admin API.
    static func withOrganizations(
        app: OktaApp, _ body: @Sendable (ReferenceTarget, OktaEngine) async throws -> Void
    ) async throws {
        try await ReferenceTarget.with(app: app) { target in
            try await target.createOrganization("12", "Acme")
            try await target.createOrganization("31", "Globex")
            try await body(target, target.okta)
        }
    }

    /// Adds the flows' sample person `firstName lastName`, with login `firstname@example.com`, to the org.
    static func person(
        _ okta: OktaEngine, _ firstName: String, _ lastName: String, extra: JSONObject = JSONObject()
    ) -> OktaUser {
        okta.createUser(
            login: "\(firstName.lowercased())@example.com", firstName: firstName, lastName: lastName, extra: extra)
    }

    /// Each user's create (request `2 * index + 1`, after its lookup) sent `userType` as listed, and the admin API
    /// shows an account of that type.
    static func expectUserTypes(
        _ target: ReferenceTarget, _ expected: [(OktaUser, String)],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        for (index, (_, type)) in expected.enumerated() {
            #expect(
                try target.ninjaOneValues(2 * index + 1) == ["userType": .string(type)], sourceLocation: sourceLocation)
        }
        for (user, type) in expected {
            #expect(try await target.account(user).accountType == type, sourceLocation: sourceLocation)
        }
    }

    /// Runs `change`, expecting it to send Okta's profile push to `user` (GET, then PUT; okta-behavior §4.1), and
    /// returns its result with the index of the push's first exchange.
    static func profilePush<Result>(
        _ target: ReferenceTarget, to user: OktaUser, sourceLocation: Testing.SourceLocation = #_sourceLocation,
        _ change: () async -> Result
    ) async throws -> (Result, mark: Int) {
        let mark = target.exchanges.count
        let result = await change()
        let push = try target.profilePush(user)
        #expect(target.wire(from: mark) == push, sourceLocation: sourceLocation)
        return (result, mark)
    }

    @Test("Same value for all users: userType technician makes a technician (okta-behavior §10.2, §13)")
    func sameValueForAllUsers() async throws {
        try await Self.withUserType(OktaMapping(.sameValue("technician"))) { target, okta in
            let ann = Self.person(okta, "Ann", "Lee")
            let task = await okta.assign(ann)
            #expect(target.wire() == [Self.lookup("ann@example.com"), "POST /Users"])
            target.expectAllAnswered()
            #expect(
                try target.body(1)
                    == JSONValue.parse(
                        #"""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                                    "urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User"],
                         "userName":"ann@example.com","name":{"givenName":"Ann","familyName":"Lee"},
                         "emails":[{"primary":true,"value":"ann@example.com","type":"work"}],
                         "displayName":"Ann Lee","locale":"en-US",
                         "urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User":{"userType":"technician"},
                         "externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
                        """#))
            let id = try #require(okta.appUser(ann)?.externalID)
            #expect(
                task
                    == OktaTask(
                        action: "Provision user", status: .succeeded, message: "created user \(id)", httpStatus: 201))
            let account = try await target.account(ann)
            #expect(account.accountType == "technician")
            #expect(account.globalEndUser == false)
            #expect(account.organizations.isEmpty && account.roles.isEmpty)
            #expect(account.active == true)
        }
    }

    @Test("Map from Okta Profile: user.userType decides; absent means end user; a change is pushed with GET + PUT")
    func mapFromOktaProfile() async throws {
        try await Self.withUserType(OktaMapping(.profile("userType"))) { target, okta in
            let ann = Self.person(okta, "Ann", "Lee", extra: JSONObject([("userType", "technician")]))
            let bo = Self.person(okta, "Bo", "Ng", extra: JSONObject([("userType", "endUser")]))
            let cy = Self.person(okta, "Cy", "Ito")
            for user in [ann, bo, cy] { await okta.assign(user) }
            #expect(
                target.wire() == [
                    Self.lookup("ann@example.com"), "POST /Users", Self.lookup("bo@example.com"), "POST /Users",
                    Self.lookup("cy@example.com"), "POST /Users",
                ])
            #expect(try target.ninjaOneValues(1) == ["userType": "technician"])
            #expect(try target.ninjaOneValues(3) == ["userType": "endUser"])
            // No value: the attribute is not sent, and neither is the extension URN in schemas.
            #expect(try target.ninjaOneValues(5) == nil)
            #expect(try target.body(5)["schemas"] == [.string(SCIMURN.coreUser)])
            #expect(target.taskSummary == Array(repeating: "Provision user: succeeded", count: 3))
            #expect(try await target.account(ann).accountType == "technician")
            for user in [bo, cy] {
                let account = try await target.account(user)
                #expect(account.accountType == "endUser")
                #expect(account.globalEndUser == true)
            }

            let (task, mark) = try await Self.profilePush(target, to: bo) {
                await okta.updateProfile(bo, JSONObject([("userType", "technician")]))
            }
            #expect(try target.ninjaOneValues(mark + 1)?["userType"] == "technician")
            #expect(task?.action == "Update user" && task?.succeeded == true)
            #expect(try await target.account(bo).accountType == "technician")
            target.expectAllAnswered()
        }
    }

    @Test("Expression: user.department == \"IT\" ? \"technician\" : \"endUser\" (okta-behavior §10.3)")
    func expressionMapping() async throws {
        let mapping = OktaMapping(.expression(#"user.department == "IT" ? "technician" : "endUser""#))
        try await Self.withUserType(mapping) { target, okta in
            let ann = Self.person(okta, "Ann", "Lee", extra: JSONObject([("department", "IT")]))
            let bo = Self.person(okta, "Bo", "Ng", extra: JSONObject([("department", "Sales")]))
            await okta.assign(ann)
            await okta.assign(bo)
            try await Self.expectUserTypes(target, [(ann, "technician"), (bo, "endUser")])

            // Ann moves to Sales: the expression now yields endUser, pushed with GET then PUT.
            _ = try await Self.profilePush(target, to: ann) {
                await okta.updateProfile(ann, JSONObject([("department", "Sales")]))
            }
            #expect(try await target.account(ann).accountType == "endUser")
            #expect(target.taskSummary.allSatisfy { $0.hasSuffix("succeeded") })
            target.expectAllAnswered()
        }
    }

    @Test("Override userType on a user assignment, then reset it to the mapping (okta-behavior §11, S29)")
    func userAssignmentOverride() async throws {
        try await Self.withUserType(OktaMapping(.sameValue("endUser"))) { target, okta in
            let ann = Self.person(okta, "Ann", "Lee")
            let bo = Self.person(okta, "Bo", "Ng")
            await okta.assign(ann, overrides: [Self.userType: "technician"])
            await okta.assign(bo)
            try await Self.expectUserTypes(target, [(ann, "technician"), (bo, "endUser")])

            // Reset the override: the mapping's value is pushed (GET + PUT).
            let (task, mark) = try await Self.profilePush(target, to: ann) { await okta.assign(ann) }
            #expect(try target.ninjaOneValues(mark + 1)?["userType"] == "endUser")
            #expect(task.action == "Update user" && task.succeeded)
            #expect(try await target.account(ann).accountType == "endUser")
            target.expectAllAnswered()
        }
    }

    @Test("Override userType on a group assignment: every member becomes a technician; leaving the group deactivates")
    func groupAssignmentOverride() async throws {
        try await Self.withUserType(OktaMapping(.sameValue("endUser"))) { target, okta in
            let ann = Self.person(okta, "Ann", "Lee")
            let bo = Self.person(okta, "Bo", "Ng")
            let cy = Self.person(okta, "Cy", "Ito")
            let technicians = okta.createGroup(name: "Technicians")
            #expect(await okta.addToGroup(ann, technicians).isEmpty)  // neither assigned nor pushed: nothing sent
            await okta.addToGroup(bo, technicians)
            #expect(target.exchanges.isEmpty)

            let tasks = await okta.assign(group: technicians, values: [Self.userType: "technician"])
            await okta.assign(cy)
            #expect(tasks.count == 2 && tasks.allSatisfy(\.succeeded))
            #expect(
                target.wire() == [
                    Self.lookup("ann@example.com"), "POST /Users", Self.lookup("bo@example.com"), "POST /Users",
                    Self.lookup("cy@example.com"), "POST /Users",
                ])
            #expect(
                try [1, 3, 5].map { try target.ninjaOneValues($0)?["userType"] } == [
                    "technician", "technician", "endUser",
                ])
            #expect(try await target.account(ann).accountType == "technician")
            #expect(try await target.account(bo).accountType == "technician")
            #expect(try await target.account(cy).accountType == "endUser")

            // Bo leaves the group, his only assignment: Okta deactivates him (okta-behavior §11).
            let mark = target.exchanges.count
            let removal = await okta.removeFromGroup(bo, technicians)
            let boID = try #require(okta.appUser(bo)?.externalID)
            #expect(target.wire(from: mark) == ["PATCH /Users/\(boID)"])
            #expect(removal.map(\.action) == ["Deactivate user"] && removal.allSatisfy(\.succeeded))
            let account = try await target.account(bo)
            #expect(account.active == false && account.status == "inactive")
            target.expectAllAnswered()
        }
    }

    @Test("organizationId: an org created in the admin API, All, several, an unknown id (falls back, with the reason)")
    func organizations() async throws {
        try await Self.withOrganizations(app: Self.ninjaOne([Self.organizationID: OktaMapping(.sameValue("12"))])) {
            target, okta in
            let cases: [(String, JSONValue?, [String], Bool)] = [
                ("ann", nil, ["12"], false),  // the mapping's org id
                ("bo", "All", [], true),  // All: a global end user
                ("cy", "12,31", ["12", "31"], false),  // several, comma-separated (DESIGN §8.3)
                ("di", "99", [], true),  // unknown: falls back to a global end user
            ]
            for (index, (name, override, organizations, global)) in cases.enumerated() {
                let user = okta.createUser(login: "\(name)@example.com", firstName: name, lastName: "Test")
                let task = await okta.assign(user, overrides: override.map { [Self.organizationID: $0] } ?? [:])
                #expect(task.succeeded)
                #expect(
                    try target.ninjaOneValues(2 * index + 1) == ["organizationId": override ?? "12"],
                    "\(name)'s POST")
                let account = try await target.account(user)
                #expect(account.accountType == "endUser", "\(name)")
                #expect(account.organizations == organizations, "\(name)")
                #expect(account.globalEndUser == global, "\(name)")
                if name == "di" {
                    #expect(
                        account.fallbackReasons.contains {
                            $0.contains("organizationId 99 is not a known organization")
                        })
                } else {
                    #expect(account.fallbackReasons.isEmpty, "\(name)")
                }
            }
            // A technician ignores organizationId (DESIGN §5).
            let ed = okta.createUser(login: "ed@example.com", firstName: "Ed", lastName: "Test")
            await okta.assign(ed, overrides: [Self.userType: "technician"])
            #expect(try target.ninjaOneValues(9) == ["userType": "technician", "organizationId": "12"])
            let account = try await target.account(ed)
            #expect(account.accountType == "technician" && account.organizations.isEmpty)
            target.expectAllAnswered()
        }
    }

    @Test("organizationId through an expression on the user's department")
    func organizationExpression() async throws {
        let mapping = OktaMapping(
            .expression(#"user.department == "Sales" ? "12" : (user.department == "Support" ? "12,31" : "All")"#))
        try await Self.withOrganizations(app: Self.ninjaOne([Self.organizationID: mapping])) { target, okta in
            for (index, (department, expected)) in [("Sales", ["12"]), ("Support", ["12", "31"]), ("IT", [])]
                .enumerated()
            {
                let user = okta.createUser(
                    login: "u\(index)@example.com", firstName: "U\(index)", lastName: "Test",
                    extra: JSONObject([("department", .string(department))]))
                await okta.assign(user)
                let account = try await target.account(user)
                #expect(account.organizations == expected, "\(department)")
                #expect(account.globalEndUser == expected.isEmpty, "\(department)")
            }
            #expect(try [1, 3, 5].map { try target.ninjaOneValues($0)?["organizationId"] } == ["12", "12,31", "All"])
            target.expectAllAnswered()
        }
    }

    @Test(
        "Group assignments set organizationId; a member of two groups gets the first by priority, or both combined",
        arguments: [OktaAppAttribute.GroupValues.usePriority, .combine])
    func organizationsFromGroups(rule: OktaAppAttribute.GroupValues) async throws {
        var app = OktaApp.ninjaOne
        for index in app.profile.attributes.indices
        where app.profile.attributes[index].variableName == Self.organizationID {
            app.profile.attributes[index].groupValues = rule
        }
        try await Self.withOrganizations(app: app) { target, okta in
            let ann = Self.person(okta, "Ann", "Lee")
            let bo = Self.person(okta, "Bo", "Ng")
            let acme = okta.createGroup(name: "Acme staff")
            let globex = okta.createGroup(name: "Globex staff")
            await okta.addToGroup(ann, acme)
            await okta.addToGroup(ann, globex)
            await okta.addToGroup(bo, globex)
            await okta.assign(group: acme, values: [Self.organizationID: ["12"]])  // higher priority
            await okta.assign(group: globex, values: [Self.organizationID: ["31", "12"]])
            // Ann is provisioned by the first assignment, then updated (GET + PUT) when the second adds values.
            let annOrganizations: [String] = rule == .combine ? ["12", "31"] : ["12"]
            let account = try await target.account(ann)
            #expect(account.organizations == annOrganizations)
            #expect(Set(try await target.account(bo).organizations) == ["12", "31"])
            let sentToAnn = target.exchanges.filter { $0.request.body != nil }.compactMap { exchange -> JSONValue? in
                let body = try? JSONValue.parse(exchange.request.body?.bytes ?? [])
                return body?["userName"] == "ann@example.com" ? body?[SCIMURN.ninjaOneUser]?["organizationId"] : nil
            }
            #expect(sentToAnn.last == .array(annOrganizations.map { .string($0) }))
            #expect(target.taskSummary.allSatisfy { $0.hasSuffix("succeeded") }, "\(target.taskSummary)")
            target.expectAllAnswered()
        }
    }

    @Test("Push a group, map it to roles in the admin API: technicians and end users get their role")
    func pushGroupMappedToRoles() async throws {
        try await Self.withUserType(OktaMapping(.profile("userType"))) { target, okta in
            let ann = Self.person(okta, "Ann", "Lee", extra: JSONObject([("userType", "technician")]))
            let bo = Self.person(okta, "Bo", "Ng")
            await okta.assign(ann)
            await okta.assign(bo)
            let helpDesk = okta.createGroup(name: "Help Desk")
            await okta.addToGroup(ann, helpDesk)
            await okta.addToGroup(bo, helpDesk)

            let mark = target.exchanges.count
            let task = await okta.pushGroup(helpDesk)
            let groupID = try #require(okta.pushedGroupID(helpDesk))
            #expect(
                target.wire(from: mark) == [
                    "GET /Groups?filter=displayName%20eq%20%22Help%20Desk%22&startIndex=1&count=100", "POST /Groups",
                    "PATCH /Groups/\(groupID)", "PATCH /Groups/\(groupID)",
                ])
            #expect(
                try target.body(mark + 1)
                    == JSONValue.parse(
                        #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Help Desk","members":[]}"#
                    ))
            let annID = try #require(okta.appUser(ann)?.externalID)
            let boID = try #require(okta.appUser(bo)?.externalID)
            #expect(
                try target.body(mark + 2)["Operations"]
                    == [
                        [
                            "op": "add", "path": "members",
                            "value": [
                                ["value": .string(annID), "display": "ann@example.com"],
                                ["value": .string(boID), "display": "bo@example.com"],
                            ],
                        ]
                    ])
            #expect(
                try target.body(mark + 3)["Operations"]
                    == [["op": "replace", "value": ["id": .string(groupID), "displayName": "Help Desk"]]])
            #expect(task.action == "Update group name" && task.succeeded)

            try await target.admin.send("POST", "/roles", body: ["name": "Tech Admins", "kind": "technician"])
            try await target.admin.send("POST", "/roles", body: ["name": "Portal Users", "kind": "endUser"])
            try await target.admin.send(
                "PUT", "/group-role-mappings/\(groupID)",
                body: ["technicianRole": "Tech Admins", "endUserRole": "Portal Users"])
            #expect(try await target.account(ann).roles == ["Tech Admins"])
            #expect(try await target.account(bo).roles == ["Portal Users"])

            // Bo leaves the pushed group: one remove, then the rename PATCH; his role goes with the membership.
            let before = target.exchanges.count
            await okta.removeFromGroup(bo, helpDesk)
            #expect(target.wire(from: before) == ["PATCH /Groups/\(groupID)", "PATCH /Groups/\(groupID)"])
            #expect(
                try target.body(before)["Operations"]
                    == [["op": "remove", "path": .string(#"members[value eq "\#(boID)"]"#)]])
            let account = try await target.account(bo)
            #expect(account.roles.isEmpty && account.active == true)
            target.expectAllAnswered()
        }
    }

    @Test(
        "Unassign deactivates (account kept, inactive); reassign reactivates (okta-behavior §5, §15)",
        arguments: ["oin", "aiw"])
    func unassignAndReassign(kind: String) async throws {
        try await ReferenceTarget.with(settings: ["app": kind]) { target in
            let okta = target.okta
            let ann = Self.person(okta, "Ann", "Lee")
            await okta.assign(ann)
            let id = try #require(okta.appUser(ann)?.externalID)
            let path = "/Users/\(id)"

            var mark = target.exchanges.count
            let deactivation = await okta.unassign(ann)
            #expect(deactivation?.action == "Deactivate user" && deactivation?.succeeded == true)
            if kind == "oin" {
                #expect(target.wire(from: mark) == ["PATCH \(path)"])
                #expect(
                    try target.body(mark)
                        == JSONValue.parse(
                            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"#
                        ))
            } else {
                #expect(target.wire(from: mark) == ["GET \(path)", "PUT \(path)"])
                #expect(try target.body(mark + 1)["active"] == false)
            }
            #expect(okta.appUser(ann)?.status == .deactivated)
            var account = try await target.account(ann)
            #expect(account.active == false && account.status == "inactive")
            #expect(!target.wire().contains { $0.hasPrefix("DELETE") })

            mark = target.exchanges.count
            let reactivation = await okta.assign(ann)
            #expect(reactivation.action == "Reactivate user" && reactivation.succeeded)
            #expect(target.wire(from: mark) == (kind == "oin" ? ["PATCH \(path)"] : ["GET \(path)", "PUT \(path)"]))
            account = try await target.account(ann)
            #expect(account.active == true && account.status == "active")
            #expect(okta.appUser(ann)?.status == .active)
            target.expectAllAnswered()
        }
    }
}
