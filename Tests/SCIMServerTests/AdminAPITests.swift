import SCIMCore
import SCIMServer
import Testing

/// The admin API's resources and errors: JSON in, JSON out, 4xx never 5xx (DESIGN §8.2).
@Suite("Admin API")
struct AdminAPITests {
    @Test("Organizations: create with or without an id, list, read, delete; names and ids unique (DESIGN §8.2)")
    func organizations() async throws {
        try await TestServer.with { client in
            let acme = try await client.adminJSON("POST", "/organizations", ["name": "Acme", "id": "12"], expect: 201)
            #expect(acme["id"] == "12")
            let next = try await client.adminJSON("POST", "/organizations", ["name": "Globex"], expect: 201)
            #expect(next["id"] == "13")
            #expect(try await client.adminJSON("GET", "/organizations/12")["name"] == "Acme")
            let list = try await client.adminJSON("GET", "/organizations")
            #expect(list["organizations"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["12", "13"])
            try await client.adminJSON("POST", "/organizations", ["name": "acme"], expect: 409)
            try await client.adminJSON("POST", "/organizations", ["name": "Other", "id": "12"], expect: 409)
            try await client.adminJSON("POST", "/organizations", ["name": "Bad", "id": "1,2"], expect: 400)
            try await client.adminJSON("POST", "/organizations", ["name": "Bad", "id": "All"], expect: 400)
            try await client.adminJSON("POST", "/organizations", ["id": "5"], expect: 400)
            // An organization with end users cannot be deleted.
            let user = try await client.createNinjaOneUser("x@example.com", organizationID: "12")
            try await client.adminJSON("DELETE", "/organizations/12", expect: 409)
            #expect(try await client.delete("/Users/\(user.id)").status == 204)
            #expect(try await client.admin.delete("/organizations/12").status == 204)
            try await client.adminJSON("GET", "/organizations/12", expect: 404)
            try await client.adminJSON("DELETE", "/organizations/12", expect: 404)
        }
    }

    @Test("Roles: create and list, technician or endUser (DESIGN §5)")
    func roles() async throws {
        try await TestServer.with { client in
            try await client.adminJSON("POST", "/roles", ["name": "Techs", "kind": "technician"], expect: 201)
            try await client.adminJSON("POST", "/roles", ["name": "Portal", "kind": "endUser"], expect: 201)
            let list = try await client.adminJSON("GET", "/roles")
            #expect(list["roles"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } == ["technician", "endUser"])
        }
    }

    @Test("Console accounts: validated, unique by userName and email, listed with their fields (DESIGN §8.4)")
    func consoleAccounts() async throws {
        try await TestServer.with { client in
            let account = try await client.adminJSON(
                "POST", "/accounts", ["userName": "ops", "email": "ops@example.com", "displayName": "Ops"],
                expect: 201)
            #expect(account["accountType"] == "technician")
            #expect(account["status"] == "active")
            #expect(account["systemAdministrator"] == false)
            #expect(account["fallbackReasons"] == [])
            try await client.adminJSON("POST", "/accounts", ["userName": "OPS"], expect: 409)
            try await client.adminJSON("POST", "/accounts", ["userName": "b", "email": "OPS@example.com"], expect: 409)
            try await client.adminJSON("POST", "/accounts", ["email": "c@example.com"], expect: 400)
            try await client.adminJSON("POST", "/accounts", ["userName": 5], expect: 400)
            try await client.adminJSON(
                "POST", "/accounts", ["userName": "d", "systemAdministrator": "yes"], expect: 400)
            try await client.adminJSON(
                "POST", "/accounts", ["userName": "e", "systemAdministrator": true, "accountType": "endUser"],
                expect: 400)
            try await client.adminJSON("GET", "/accounts/unknown", expect: 404)
            let list = try await client.adminJSON("GET", "/accounts")
            #expect(list["accounts"]?.arrayValue?.count == 1)
        }
    }

    @Test("Bad requests get JSON 4xx, never 5xx: bad JSON, wrong media type, methods, unknown paths (DESIGN §8.2)")
    func errors() async throws {
        try await TestServer.with { client in
            let admin = client.admin
            let cases: [(String, String, String?, String?, Int)] = [
                ("POST", "/organizations", "{", "application/json", 400),
                ("POST", "/organizations", "[]", "application/json", 400),
                ("POST", "/organizations", "{\"name\":\"A\"}", "text/plain", 415),
                ("POST", "/organizations", nil, nil, 400),
                ("PUT", "/organizations", "{}", "application/json", 405),
                ("PATCH", "/accounts/x", "{}", "application/json", 405),
                ("DELETE", "/scim", nil, nil, 405),
                ("GET", "/nothing", nil, nil, 404),
                ("GET", "/accounts/x/y", nil, nil, 404),
            ]
            for (method, path, body, contentType, status) in cases {
                let response = try await admin.send(method, path, body: body, contentType: contentType)
                #expect(response.status == status, "\(method) \(path): \(response.text)")
                #expect(response.json?["message"]?.stringValue?.isEmpty == false, "\(method) \(path)")
                #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
            }
            let notAllowed = try await admin.send("PUT", "/organizations", body: "{}", contentType: "application/json")
            #expect(notAllowed.header("Allow") == "GET, POST")
        }
    }
}
