import SCIMCore
import SCIMServer
import Testing

/// NinjaOne's account model derived from SCIM users, seen through the admin API (DESIGN §5, §8.3, §8.4;
/// okta-behavior.md §13).
@Suite("NinjaOne accounts")
struct NinjaOneAccountTests {
    @Test(
        "userType: technician in any letter case is a technician, anything else an end user (DESIGN §8.3, okta §13)")
    func userTypes() async throws {
        try await TestServer.with { client in
            let cases: [(JSONValue?, String, Bool)] = [
                ("technician", "technician", false), ("Technician", "technician", false),
                ("TECHNICIAN", "technician", false), ("endUser", "endUser", false), ("enduser", "endUser", true),
                ("EndUser", "endUser", true), ("admin", "endUser", true), (nil, "endUser", false),
            ]
            for (index, (userType, expected, fallback)) in cases.enumerated() {
                let user = try await client.createNinjaOneUser("type\(index)@example.com", userType: userType)
                // The SCIM resource keeps the value exactly as provisioned.
                #expect(user[SCIMURN.ninjaOneUser]?["userType"] == userType, "\(String(describing: userType))")
                let read = try await client.resource("/Users/\(user.id)")
                #expect(read[SCIMURN.ninjaOneUser]?["userType"] == userType)
                let account = try await client.account(user.id)
                #expect(account["accountType"] == .string(expected), "\(String(describing: userType))")
                #expect(account["provisioned"]?["userType"] == (userType ?? .null))
                #expect(account["scimManaged"] == true)
                #expect(account["origin"] == "scim")
                #expect(account.strings("fallbackReasons").isEmpty == !fallback, "\(account)")
                if fallback {
                    #expect(account.strings("fallbackReasons").first?.contains("not an accepted value") == true)
                }
            }
        }
    }

    @Test("organizationId: All, one id, \"12,31\", [\"12\",\"31\"], unknown ids fall back to global (DESIGN §8.3)")
    func organizations() async throws {
        try await TestServer.with { client in
            try await client.createOrganization("12", "Acme")
            try await client.createOrganization("31", "Globex")
            let cases: [(JSONValue?, [String], String?)] = [
                ("All", [], nil), (nil, [], nil), ("12", ["12"], nil), ("12,31", ["12", "31"], nil),
                ("12, 31", ["12", "31"], nil), (["12", "31"], ["12", "31"], nil),
                ("99", [], "organizationId 99 is not a known organization"),
                (["99"], [], "organizationId 99 is not a known organization"),
                ("12,99", ["12"], "organizationId 99 is not a known organization"),
            ]
            for (index, (organizationID, expected, reason)) in cases.enumerated() {
                let user = try await client.createNinjaOneUser(
                    "org\(index)@example.com", organizationID: organizationID)
                #expect(user[SCIMURN.ninjaOneUser]?["organizationId"] == organizationID)
                let account = try await client.account(user.id)
                #expect(account["accountType"] == "endUser")
                #expect(account.strings("organizations") == expected, "\(String(describing: organizationID))")
                #expect(account["globalEndUser"] == .bool(expected.isEmpty))
                #expect(account["provisioned"]?["organizationId"] == (organizationID ?? .null))
                let reasons = account.strings("fallbackReasons")
                if let reason {
                    #expect(reasons.contains(reason), "\(reasons)")
                } else {
                    #expect(reasons.isEmpty, "\(reasons)")
                }
                if expected.isEmpty, reason != nil {
                    #expect(reasons.contains { $0.contains("falls back to a global end user") })
                }
            }
            // Technicians ignore organizationId.
            let technician = try await client.createNinjaOneUser(
                "tech@example.com", userType: "technician", organizationID: "12")
            let account = try await client.account(technician.id)
            #expect(account["accountType"] == "technician")
            #expect(account.strings("organizations").isEmpty)
            #expect(account["globalEndUser"] == false)
            #expect(account.strings("fallbackReasons").isEmpty)
        }
    }

    @Test("Deactivation keeps the account inactive; reactivation makes it active again (DESIGN §5, okta §15)")
    func deactivateThenReactivate() async throws {
        try await TestServer.with { client in
            let user = try await client.createNinjaOneUser("pat@example.com", userType: "technician")
            #expect(try await client.account(user.id)["status"] == "active")
            // Okta's OIN deactivation: a path-less replace of active.
            let off = try await client.patch("/Users/\(user.id)", [["op": "replace", "value": ["active": false]]])
            #expect(off.status == 200)
            var account = try await client.account(user.id)
            #expect(account["status"] == "inactive")
            #expect(account["active"] == false)
            #expect(account["accountType"] == "technician")
            #expect(try await client.resource("/Users/\(user.id)")["active"] == false)
            let on = try await client.patch("/Users/\(user.id)", [["op": "replace", "path": "active", "value": true]])
            #expect(on.status == 200)
            account = try await client.account(user.id)
            #expect(account["status"] == "active")
            #expect(account["active"] == true)
        }
    }

    @Test("DELETE removes the SCIM user; the account stays listed as deprovisioned (DESIGN §8.4)")
    func deleteDeprovisions() async throws {
        try await TestServer.with { client in
            let user = try await client.createNinjaOneUser("gone@example.com")
            #expect(try await client.delete("/Users/\(user.id)").status == 204)
            #expect(try await client.get("/Users/\(user.id)").status == 404)
            let account = try await client.account(user.id)
            #expect(account["status"] == "deprovisioned")
            #expect(account["deprovisioned"] == true)
            #expect(account["active"] == false)
            let list = try await client.adminJSON("GET", "/accounts")
            #expect(list["accounts"]?.arrayValue?.contains { $0["id"]?.stringValue == user.id } == true)
            // A later POST with the same userName is a new user and a new account (the old id stays 404).
            let again = try await client.createNinjaOneUser("gone@example.com")
            #expect(again.id != user.id)
            #expect(try await client.account(again.id)["status"] == "active")
        }
    }

    @Test("A console account is invisible to SCIM until a POST with its email adopts it: 201, same id (DESIGN §8.4)")
    func consoleAdoptionByEmail() async throws {
        try await TestServer.with { client in
            let console = try await client.adminJSON(
                "POST", "/accounts", ["userName": "pat.console", "email": "Pat@Example.com"], expect: 201)
            #expect(console["origin"] == "console")
            #expect(console["scimManaged"] == false)
            let consoleID = console.id
            // Invisible to SCIM.
            let search = try await client.get("/Users?filter=" + queryEncoded("userName eq \"pat.console\""))
            #expect(search.json?["totalResults"] == 0)
            #expect(try await client.get("/Users/\(consoleID)").status == 404)
            #expect(try await client.get("/Users").json?["totalResults"] == 0)
            // Okta's create: the email matches (ignoring case), so the account is adopted.
            let response = try await client.post(
                "/Users", json: client.ninjaOneUserBody("pat@example.com", "Technician", nil, "pat@example.com"))
            #expect(response.status == 201)
            #expect(response.json?.id == consoleID)
            #expect(response.header("Location")?.hasSuffix("/Users/\(consoleID)") == true)
            let account = try await client.account(consoleID)
            #expect(account["scimManaged"] == true)
            #expect(account["origin"] == "console")
            #expect(account["userName"] == "pat@example.com")
            #expect(account["accountType"] == "technician")
            #expect(try await client.get("/Users/\(consoleID)").status == 200)
            #expect(try await client.adminJSON("GET", "/accounts")["accounts"]?.arrayValue?.count == 1)
        }
    }

    @Test("A console account is adopted by userName too (DESIGN §8.4)")
    func consoleAdoptionByUserName() async throws {
        try await TestServer.with { client in
            let console = try await client.adminJSON(
                "POST", "/accounts", ["userName": "Lee@Example.com", "accountType": "endUser"], expect: 201)
            let user = try await client.createNinjaOneUser("lee@example.com", email: "other@example.com")
            #expect(user.id == console.id)
            #expect(try await client.account(user.id)["scimManaged"] == true)
        }
    }

    @Test(
        "System administrators cannot be provisioned: POST, PUT and PATCH get 403, the account is untouched (okta §13)")
    func systemAdministratorRefused() async throws {
        try await TestServer.with { client in
            let administrator = try await client.adminJSON(
                "POST", "/accounts",
                ["userName": "root.admin", "email": "root@example.com", "systemAdministrator": true], expect: 201)
            #expect(administrator["systemAdministrator"] == true)
            let before = try await client.account(administrator.id)
            // POST matching by email, then by userName.
            let byEmail = try await client.post(
                "/Users", json: client.ninjaOneUserBody("someone@example.com", nil, nil, "ROOT@example.com"))
            expectSCIMError(byEmail, status: 403, detailContains: "system administrator")
            let byName = try await client.post(
                "/Users", json: client.ninjaOneUserBody("Root.Admin", nil, nil, "x@example.com"))
            expectSCIMError(byName, status: 403, detailContains: "system administrator")
            #expect(try await client.get("/Users").json?["totalResults"] == 0)
            #expect(try await client.account(administrator.id) == before)
            // PUT and PATCH of another user that would take the administrator's email.
            let user = try await client.createNinjaOneUser("plain@example.com")
            let put = try await client.put(
                "/Users/\(user.id)", json: client.ninjaOneUserBody("plain@example.com", nil, nil, "root@example.com"))
            expectSCIMError(put, status: 403, detailContains: "system administrator")
            let patch = try await client.patch(
                "/Users/\(user.id)", [["op": "replace", "path": "userName", "value": "root.admin"]])
            expectSCIMError(patch, status: 403, detailContains: "system administrator")
            #expect(try await client.resource("/Users/\(user.id)")["userName"] == "plain@example.com")
            #expect(try await client.account(administrator.id) == before)
        }
    }

    @Test("Group → role mapping: members get the technician or end-user role by their type (DESIGN §5, okta §13)")
    func groupRoleMapping() async throws {
        try await TestServer.with { client in
            let techRole = try await client.adminJSON(
                "POST", "/roles", ["name": "Field Techs", "kind": "technician"], expect: 201)
            let portalRole = try await client.adminJSON(
                "POST", "/roles", ["name": "Portal Users", "kind": "endUser"], expect: 201)
            let technician = try await client.createNinjaOneUser("tech@example.com", userType: "technician")
            let endUser = try await client.createNinjaOneUser("end@example.com", userType: "endUser")
            let outsider = try await client.createNinjaOneUser("out@example.com", userType: "technician")
            let group = try await client.createGroup("Support", members: [technician.id, endUser.id])
            // By id for one role, by name for the other.
            let mapping = try await client.adminJSON(
                "PUT", "/group-role-mappings/\(group.id)",
                ["technicianRole": .string(techRole.id), "endUserRole": "portal users"])
            #expect(mapping["technicianRole"]?["name"] == "Field Techs")
            #expect(mapping["endUserRole"]?["id"] == .string(portalRole.id))
            #expect(mapping["groupDisplayName"] == "Support")
            #expect(try await client.account(technician.id).roleNames == ["Field Techs"])
            #expect(try await client.account(endUser.id).roleNames == ["Portal Users"])
            #expect(try await client.account(outsider.id).roleNames.isEmpty)
            // A change of userType changes the role.
            let patch = try await client.patch(
                "/Users/\(endUser.id)",
                [["op": "replace", "path": .string("\(SCIMURN.ninjaOneUser):userType"), "value": "Technician"]])
            #expect(patch.status == 200, "\(patch.text)")
            let promoted = try await client.account(endUser.id)
            #expect(promoted["accountType"] == "technician")
            #expect(promoted.roleNames == ["Field Techs"])
            // Membership through Okta's group push changes roles too.
            let add = try await client.patch(
                "/Groups/\(group.id)", [["op": "add", "path": "members", "value": [["value": .string(outsider.id)]]]])
            #expect(add.status == 200 || add.status == 204)
            #expect(try await client.account(outsider.id).roleNames == ["Field Techs"])
            let list = try await client.adminJSON("GET", "/accounts")
            let listed = list["accounts"]?.arrayValue?.first { $0["id"]?.stringValue == outsider.id }
            #expect(listed?.roleNames == ["Field Techs"])
            #expect(try await client.adminJSON("GET", "/group-role-mappings")["mappings"]?.arrayValue?.count == 1)
            // Removing the mapping removes the roles.
            #expect(try await client.admin.delete("/group-role-mappings/\(group.id)").status == 204)
            #expect(try await client.account(technician.id).roleNames.isEmpty)
        }
    }

    @Test("Mappings are checked: role kinds, unknown roles and groups are 4xx (DESIGN §5)")
    func mappingValidation() async throws {
        try await TestServer.with { client in
            let techRole = try await client.adminJSON(
                "POST", "/roles", ["name": "Techs", "kind": "technician"], expect: 201)
            let group = try await client.createGroup("G")
            try await client.adminJSON(
                "PUT", "/group-role-mappings/\(group.id)", ["endUserRole": .string(techRole.id)], expect: 400)
            try await client.adminJSON(
                "PUT", "/group-role-mappings/\(group.id)", ["technicianRole": "nope"], expect: 400)
            try await client.adminJSON(
                "PUT", "/group-role-mappings/\(group.id)", JSONValue.object(JSONObject()), expect: 400)
            try await client.adminJSON("PUT", "/group-role-mappings/missing", ["technicianRole": "Techs"], expect: 404)
            try await client.adminJSON("GET", "/group-role-mappings/\(group.id)", expect: 404)
            try await client.adminJSON("POST", "/roles", ["name": "techs", "kind": "technician"], expect: 409)
            try await client.adminJSON("POST", "/roles", ["name": "Techs", "kind": "endUser"], expect: 201)
            try await client.adminJSON("POST", "/roles", ["name": "X", "kind": "boss"], expect: 400)
        }
    }
}
