import SCIMCore
import Testing

@Suite("Sorting, projection and .search")
struct QueryTests {
    static func userNames(_ response: TestResponse) -> [String] {
        response.json?["Resources"]?.arrayValue?.compactMap { $0["userName"]?.stringValue } ?? []
    }

    @Test("sortBy and sortOrder: case-insensitive order, missing values last, primary values (SORT-02 to SORT-09)")
    func sorting() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            #expect(Self.userNames(try await client.get("/Users?sortBy=userName")) == ["bjensen", "jsmith", "mmouse"])
            #expect(
                Self.userNames(try await client.get("/Users?sortBy=userName&sortOrder=ascending"))
                    == ["bjensen", "jsmith", "mmouse"])
            #expect(
                Self.userNames(try await client.get("/Users?sortBy=USERNAME&sortOrder=Descending"))
                    == ["mmouse", "jsmith", "bjensen"])
            #expect(Self.userNames(try await client.get("/Users?sortBy=title")) == ["bjensen", "jsmith", "mmouse"])
            #expect(
                Self.userNames(try await client.get("/Users?sortBy=title&sortOrder=descending"))
                    == ["jsmith", "mmouse", "bjensen"], "no value sorts first when descending (SORT-07)")
            #expect(
                Self.userNames(try await client.get("/Users?sortBy=name.familyName")).first == "bjensen", "SORT-02")
            // SORT-06: by the primary email (bjensen@), else the first (jsmith@, mm@).
            #expect(
                Self.userNames(try await client.get("/Users?sortBy=emails.value")) == ["bjensen", "jsmith", "mmouse"])
            #expect(
                Self.userNames(try await client.get("/Users?sortBy=emails")) == ["bjensen", "jsmith", "mmouse"])
            let urn = "\(SCIMURN.enterpriseUser):employeeNumber"
            #expect(try await client.get("/Users?sortBy=\(queryEncoded(urn))").status == 200, "SORT-08")
            // FILT-40: filter, sort and paging together.
            let page = try await client.get(
                "/Users?filter=\(queryEncoded("emails pr"))&sortBy=userName&startIndex=2&count=1")
            #expect(page.json?.resourceIDs == [fixtures.u2.id])
            #expect(page.json?["totalResults"] == .int(3))
            // Groups by displayName, in SQL and in memory.
            let groups = try await client.get("/Groups?sortBy=displayName")
            #expect(groups.json?.resourceIDs == [fixtures.g2.id, fixtures.g1.id])
            let filtered = try await client.get(
                "/Groups?sortBy=displayName&sortOrder=descending&filter=\(queryEncoded("members pr"))")
            #expect(filtered.json?.resourceIDs == [fixtures.g1.id, fixtures.g2.id])

            for query in ["sortOrder=down", "sortBy=nosuch", "sortBy=name", "sortBy=password", "sortBy=a..b"] {
                expectSCIMError(try await client.get("/Users?\(query)"), status: 400, scimType: "invalidValue")
            }
        }
    }

    @Test("SORT-05: case-insensitive Unicode order, no locale")
    func sortCase() async throws {
        try await TestServer.with { client in
            _ = try await UserListTests.seed(client, ["carol", "Bob", "alice"])
            #expect(Self.userNames(try await client.get("/Users?sortBy=userName")) == ["alice", "Bob", "carol"])
            let page = try await client.get("/Users?sortBy=userName&sortOrder=descending&startIndex=2&count=1")
            #expect(Self.userNames(page) == ["Bob"])
        }
    }

    @Test("attributes and excludedAttributes with returned rules, on every operation (ATTR-02 to ATTR-13)")
    func projection() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let path = "/Users/\(fixtures.u1.id)"
            let only = try #require(try await client.get("\(path)?attributes=userName").json)
            #expect(Set(only.objectValue?.keys ?? []) == ["schemas", "id", "userName"], "ATTR-02")
            let sub = try #require(try await client.get("\(path)?attributes=name.familyName,emails.value").json)
            #expect(sub["name"] == ["familyName": "Jensen"], "ATTR-03")
            #expect(sub["emails"] == [["value": "bjensen@example.com"], ["value": "babs@jensen.org"]])
            let ext = SCIMURN.enterpriseUser
            let urnAttribute = try #require(try await client.get("\(path)?attributes=\(ext):employeeNumber").json)
            #expect(urnAttribute[ext] == ["employeeNumber": "701984"], "ATTR-04")
            #expect(urnAttribute["userName"] == nil)
            let container = try #require(try await client.get("\(path)?attributes=\(ext)").json)
            #expect(container[ext] == fixtures.u1[ext])
            let mixedCase = try #require(try await client.get("\(path)?attributes=USERNAME,displayname").json)
            #expect(mixedCase["userName"] == "bjensen")
            #expect(mixedCase["displayName"] == "Babs Jensen", "ATTR-05")
            let excluded = try #require(try await client.get("\(path)?excludedAttributes=emails,meta,id").json)
            #expect(excluded["emails"] == nil)
            #expect(excluded["meta"] == nil, "ATTR-13")
            #expect(excluded.id == fixtures.u1.id, "returned:always stays (ATTR-06)")
            #expect(excluded["userName"] == "bjensen")
            let excludedSub = try #require(try await client.get("\(path)?excludedAttributes=name.givenName").json)
            #expect(excludedSub["name"]?["givenName"] == nil)
            #expect(excludedSub["name"]?["familyName"] == "Jensen")
            let never = try #require(try await client.get("\(path)?attributes=password,userName").json)
            #expect(never["password"] == nil, "ATTR-08")
            let unknown = try await client.get("\(path)?attributes=userName,nosuch")
            #expect(unknown.json?["userName"] == "bjensen", "ATTR-12")
            expectSCIMError(
                try await client.get("\(path)?attributes=userName&excludedAttributes=emails"), status: 400,
                scimType: "invalidValue")

            let list = try await client.get("/Users?attributes=userName&sortBy=userName")
            #expect(
                list.json?["Resources"]?[0] == [
                    "schemas": fixtures.u1["schemas"] ?? [], "id": .string(fixtures.u1.id), "userName": "bjensen",
                ])

            // ATTR-10: POST, PUT and PATCH responses are projected too.
            let created = try await client.post(
                "/Users?attributes=userName",
                json: ["schemas": [.string(SCIMURN.coreUser)], "userName": "projected", "title": "T"])
            #expect(created.status == 201)
            #expect(Set(created.json?.objectValue?.keys ?? []) == ["schemas", "id", "userName"])
            let patched = try await client.patch(
                "\(path)?attributes=title", [["op": "replace", "path": "title", "value": "T2"]])
            #expect(patched.status == 200)
            #expect(patched.json?["title"] == "T2")
            #expect(patched.json?["userName"] == nil)
            let groupRead = try await client.get("/Groups/\(fixtures.g1.id)?attributes=members.value")
            #expect(groupRead.json?["members"] == [["value": .string(fixtures.u1.id)]])
        }
    }

    @Test("POST /Users/.search and /Groups/.search answer like the equivalent GET (SRCH-01 to SRCH-05)")
    func search() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.searchRequest)], "filter": "userName eq \"bjensen\"", "startIndex": 1,
                "count": 10,
            ]
            let searched = try await client.post("/Users/.search", json: body)
            #expect(searched.status == 200, "\(searched.text)")
            #expect(searched.header("Location") == nil)
            let got = try await client.get("/Users?filter=\(queryEncoded("userName eq \"bjensen\""))")
            #expect(searched.json == got.json, "SRCH-05")

            let projected: JSONValue = [
                "schemas": [.string(SCIMURN.searchRequest)], "attributes": ["userName"], "sortBy": "userName",
                "sortOrder": "descending", "count": 2,
            ]
            let page = try await client.post("/Users/.search", json: projected)
            #expect(Self.userNames(page) == ["mmouse", "jsmith"])
            #expect(page.json?["Resources"]?[0]?["emails"] == nil)
            #expect(page.json?["totalResults"] == .int(3))

            let groups = try await client.post(
                "/Groups/.search",
                json: [
                    "schemas": [.string(SCIMURN.searchRequest)], "filter": "displayName eq \"Interns\"",
                    "excludedAttributes": ["members"],
                ])
            #expect(groups.json?.resourceIDs == [fixtures.g2.id])
            #expect(groups.json?["Resources"]?[0]?["members"] == nil)

            expectSCIMError(
                try await client.post("/Users/.search", json: ["filter": "userName pr"]), status: 400,
                scimType: "invalidSyntax")
            expectSCIMError(
                try await client.post(
                    "/Users/.search",
                    json: ["schemas": [.string(SCIMURN.searchRequest)], "filter": "userName zz \"x\""]),
                status: 400, scimType: "invalidFilter")
            expectSCIMError(
                try await client.post(
                    "/Users/.search", json: ["schemas": [.string(SCIMURN.searchRequest)], "count": "ten"]),
                status: 400, scimType: "invalidValue")
            #expect(try await client.get("/Users").json?["totalResults"] == .int(3), ".search never creates")
        }
    }
}
