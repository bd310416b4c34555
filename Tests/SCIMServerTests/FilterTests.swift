import SCIMCore
import SCIMServer
import Testing

/// One filter over the rfc-checklist §0.4 fixtures and the fixture names it must find; `{U1}` and the like in the
/// filter stand for the fixtures' ids.
struct FilterCase: Sendable, CustomTestStringConvertible {
    var id: String
    var filter: String
    var expected: Set<String>

    init(_ id: String, _ filter: String, _ expected: Set<String>) {
        self.id = id
        self.filter = filter
        self.expected = expected
    }

    var testDescription: String { "\(id): \(filter)" }
}

@Suite("Filters")
struct FilterTests {
    static let enterprise = SCIMURN.enterpriseUser

    static let userCases: [FilterCase] = [
        FilterCase("FILT-02", "userName eq \"bjensen\"", ["U1"]),
        FilterCase("FILT-03", "USERNAME Eq \"bjensen\"", ["U1"]),
        FilterCase("FILT-06 eq", "userName eq \"BJENSEN\"", ["U1"]),
        FilterCase("FILT-06 sw", "userName sw \"BJ\"", ["U1"]),
        FilterCase("FILT-06 ew", "userName ew \"SEN\"", ["U1"]),
        FilterCase("FILT-06 co", "userName co \"JENS\"", ["U1"]),
        FilterCase("FILT-07 exact", "externalId eq \"bjensen-EXT\"", ["U1"]),
        FilterCase("FILT-07 case", "externalId eq \"bjensen-ext\"", []),
        FilterCase("FILT-07 id", "id eq \"{U1}\"", ["U1"]),
        FilterCase("FILT-08", "title eq \"Tour Guide\"", ["U1"]),
        FilterCase("FILT-09", "userName ne \"bjensen\"", ["U2", "U3"]),
        FilterCase("FILT-09 absent", "title ne \"Tour Guide\"", ["U2", "U3"]),
        FilterCase("FILT-10", "name.familyName co \"ens\"", ["U1"]),
        FilterCase("FILT-11 sw", "userName sw \"bjensen\"", ["U1"]),
        FilterCase("FILT-11 ew", "userName ew \"bjensen\"", ["U1"]),
        FilterCase("FILT-11 none", "userName sw \"jensen\"", []),
        FilterCase("FILT-12 title", "title pr", ["U1"]),
        FilterCase("FILT-12 emails", "emails pr", ["U1", "U2", "U3"]),
        FilterCase("FILT-13 gt", "userName gt \"c\"", ["U2", "U3"]),
        FilterCase("FILT-13 lt", "userName lt \"C\"", ["U1"]),
        FilterCase("FILT-13 ge", "userName ge \"jsmith\"", ["U2", "U3"]),
        FilterCase("FILT-13 le", "userName le \"JSMITH\"", ["U1", "U2"]),
        FilterCase("FILT-15 Entra", "meta.Created gt \"2015-10-10T14:38:21.8617979-07:00\"", ["U1", "U2", "U3"]),
        FilterCase("FILT-15 future", "meta.created ge \"2999-01-01T00:00:00+02:00\"", []),
        FilterCase("FILT-16", "meta.lastModified lt \"2999-12-31T23:59:59.9Z\"", ["U1", "U2", "U3"]),
        FilterCase(
            "FILT-17 precedence", "userType eq \"Intern\" or userType eq \"Employee\" and title pr", ["U1", "U2"]),
        FilterCase("FILT-17 grouping", "(userType eq \"Intern\" or userType eq \"Employee\") and title pr", ["U1"]),
        FilterCase("FILT-18 nested", "((userName eq \"bjensen\"))", ["U1"]),
        FilterCase("FILT-18 or", "(userName eq \"bjensen\") or (userName eq \"jsmith\")", ["U1", "U2"]),
        FilterCase("FILT-19 not", "not (userName eq \"bjensen\")", ["U2", "U3"]),
        FilterCase("FILT-19 not(", "not(userName eq \"bjensen\")", ["U2", "U3"]),
        FilterCase("FILT-19 not and", "not (userName eq \"bjensen\") and userType eq \"Intern\"", ["U2"]),
        FilterCase("FILT-19 not co", "not (emails co \"example.com\")", ["U2"]),
        FilterCase(
            "FILT-19 RFC",
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            []),
        FilterCase("FILT-20 value", "emails.value eq \"babs@jensen.org\"", ["U1"]),
        FilterCase("FILT-20 type", "emails.type eq \"home\"", ["U1", "U3"]),
        FilterCase("FILT-21", "emails co \"jensen.org\"", ["U1"]),
        FilterCase("FILT-22", "name.familyName eq \"Jensen\"", ["U1"]),
        FilterCase("FILT-23 same value", "emails[type eq \"work\" and value co \"example.com\"]", ["U1"]),
        FilterCase("FILT-23 home", "emails[type eq \"home\" and value ew \"@example.com\"]", ["U3"]),
        FilterCase(
            "FILT-23 grouped", "emails[type eq \"home\" or (type eq \"work\" and value ew \"@other.org\")]",
            ["U1", "U3"]),
        FilterCase(
            "FILT-24 and", "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]", ["U1"]
        ),
        FilterCase(
            "FILT-24 or", "emails[type eq \"work\" and value co \"@example.com\"] or userName eq \"jsmith\"",
            ["U1", "U2"]),
        FilterCase("FILT-26 core", "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"b\"", ["U1"]),
        FilterCase("FILT-26 ext", "\(enterprise):employeeNumber eq \"701984\"", ["U1"]),
        FilterCase("FILT-26 manager", "\(enterprise):manager.value eq \"{U2}\"", ["U1"]),
        FilterCase("FILT-27", "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:USERNAME eq \"bjensen\"", ["U1"]),
        FilterCase("FILT-28", "schemas eq \"\(enterprise)\"", ["U1"]),
        FilterCase("FILT-29", "meta.resourceType eq \"User\"", ["U1", "U2", "U3"]),
        FilterCase("FILT-31 bool", "active eq true", ["U1", "U2", "U3"]),
        FilterCase("FILT-31 lenient", "active eq \"true\"", ["U1", "U2", "U3"]),
        FilterCase("FILT-32 eq null", "title eq null", ["U2", "U3"]),
        FilterCase("FILT-32 ne null", "title ne null", ["U1"]),
        FilterCase("FILT-37 spaces", " userName  eq   \"bjensen\" ", ["U1"]),
        FilterCase("FILT-38 Entra", "emails[type eq \"work\"].value eq \"bjensen@example.com\"", ["U1"]),
        FilterCase("IOP-E11 and", "userName eq \"bjensen\" and externalId eq \"bjensen-EXT\"", ["U1"]),
        FilterCase("SCH-15 groups", "groups.value eq \"{G1}\"", ["U1"]),
        FilterCase("groups display", "groups[display eq \"interns\"]", ["U2"]),
    ]

    static let groupCases: [FilterCase] = [
        FilterCase("okta §7.2", "displayName eq \"tour guides\"", ["G1"]),
        FilterCase("FILT-06 sw", "displayName sw \"TOUR\"", ["G1"]),
        FilterCase("FILT-21 members", "members eq \"{U1}\"", ["G1"]),
        FilterCase("FILT-23 members", "members[value eq \"{U2}\"]", ["G2"]),
        FilterCase("IOP-E10", "id eq \"{G2}\" and members eq \"{U2}\"", ["G2"]),
        FilterCase("IOP-E10 miss", "id eq \"{G2}\" and members eq \"{U1}\"", []),
        FilterCase("FILT-39 $ref", "members.$ref co \"/Users/\"", ["G1", "G2"]),
        FilterCase("FILT-29", "meta.resourceType eq \"Group\"", ["G1", "G2"]),
        FilterCase("FILT-18", "displayName eq \"Interns\" or displayName eq \"Tour Guides\"", ["G1", "G2"]),
        FilterCase("FILT-19", "not (displayName co \"guide\")", ["G2"]),
    ]

    /// The fixture names matching `filter` on `endpoint`.
    static func run(_ testCase: FilterCase, endpoint: String) async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            var filter = testCase.filter
            for name in ["U1", "U2", "U3", "G1", "G2"] {
                filter = filter.replacingOccurrences(of: "{\(name)}", with: fixtures.id(name))
            }
            let response = try await client.get("\(endpoint)?filter=\(queryEncoded(filter))")
            #expect(response.status == 200, "\(response.text)")
            let names = ["U1", "U2", "U3", "G1", "G2"]
            let found = Set(
                (response.json?.resourceIDs ?? []).map { id in names.first { fixtures.id($0) == id } ?? id })
            #expect(found == testCase.expected)
            #expect(response.json?["totalResults"] == .int(testCase.expected.count))
        }
    }

    @Test("Every operator, precedence, value paths and URNs on /Users (FILT-02 to FILT-38)", arguments: userCases)
    func users(_ testCase: FilterCase) async throws {
        try await Self.run(testCase, endpoint: "/Users")
    }

    @Test(
        "Filters on /Groups: displayName, members, $ref (okta §7.2, IOP-E10, FILT-21, FILT-39)", arguments: groupCases)
    func groups(_ testCase: FilterCase) async throws {
        try await Self.run(testCase, endpoint: "/Groups")
    }

    @Test("Case-sensitive ids, JSON escapes in values, dates with offsets (FILT-07, FILT-15, FILT-16, FILT-30)")
    func valuesAndTimes() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let upper = try await client.get(
                "/Users?filter=" + queryEncoded("id eq \"\(fixtures.u1.id.uppercased())\""))
            #expect(upper.json?["totalResults"] == .int(0))
            for name in ["R and D (Team) [x]", "Say \"hi\"", "back\\slash", "café"] {
                let patched = try await client.patch(
                    "/Users/\(fixtures.u2.id)", [["op": "replace", "path": "displayName", "value": .string(name)]])
                #expect(patched.status == 200)
                let literal = JSONValue.string(name).serialized()
                let found = try await client.get("/Users?filter=" + queryEncoded("displayName eq \(literal)"))
                #expect(found.json?.resourceIDs == [fixtures.u2.id], "\(literal)")
            }
            let escaped = try await client.get("/Users?filter=" + queryEncoded("displayName eq \"caf\\u00e9\""))
            #expect(escaped.json?.resourceIDs == [fixtures.u2.id])
            let apostrophe = try await client.get("/Users?filter=" + queryEncoded("name.familyName co \"O'Malley\""))
            #expect(apostrophe.status == 200)

            // meta.lastModified after a change (FILT-16), and a dateTime given with an offset (FILT-15).
            let modified = try #require(
                try await client.resource("/Users/\(fixtures.u2.id)")["meta"]?["lastModified"]?.stringValue)
            let later = try await client.get("/Users?filter=" + queryEncoded("meta.lastModified ge \"\(modified)\""))
            #expect(later.json?.resourceIDs == [fixtures.u2.id])
            let created = try #require(fixtures.u1["meta"]?["created"]?.stringValue)
            let sameInstant = created.replacingOccurrences(of: "Z", with: "+00:00")
            let exact = try await client.get("/Users?filter=" + queryEncoded("meta.created eq \"\(sameInstant)\""))
            #expect(exact.json?.resourceIDs.contains(fixtures.u1.id) == true)
        }
    }

    @Test("The rfc-strict profile refuses Entra's filter forms (FILT-31, FILT-38 strict)")
    func strict() async throws {
        try await TestServer.with(configure: { $0.profile = .rfcStrict }) { client in
            _ = try await Fixtures.create(client)
            for filter in ["active eq \"true\"", "emails[type eq \"work\"].value eq \"bjensen@example.com\""] {
                let response = try await client.get("/Users?filter=" + queryEncoded(filter))
                expectSCIMError(response, status: 400, scimType: "invalidFilter")
            }
        }
    }

    @Test("A search across types: POST /.search and GET on the base (SRCH-06, LST-14)")
    func rootSearch() async throws {
        try await TestServer.with { client in
            let fixtures = try await Fixtures.create(client)
            let search: JSONValue = [
                "schemas": [.string(SCIMURN.searchRequest)], "filter": "displayName sw \"Tour\"",
            ]
            let response = try await client.post("/.search", json: search)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json?.resourceIDs == [fixtures.g1.id], "U1's displayName Babs Jensen does not match")
            #expect(response.json?["Resources"]?[0]?["meta"]?["resourceType"] == "Group")
            let groupsOnly = try await client.get("?filter=" + queryEncoded("meta.resourceType eq \"Group\""))
            #expect(Set(groupsOnly.json?.resourceIDs ?? []) == [fixtures.g1.id, fixtures.g2.id])
            let usersOnly = try await client.get("?filter=" + queryEncoded("userName pr"))
            #expect(usersOnly.json?["totalResults"] == .int(3), "groups have no userName: unassigned, not an error")
            let all = try await client.get("?sortBy=meta.created&count=2")
            #expect(all.json?["totalResults"] == .int(5))
            #expect(all.json?["itemsPerPage"] == .int(2))
        }
    }
}
