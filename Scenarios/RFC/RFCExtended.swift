import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension Suite {
    /// `rfc-extended`: optional SCIM features, each gated on what `/ServiceProviderConfig` advertises: sorting,
    /// ETags, `POST …/.search`, attribute projection and Bulk (rfc-checklist.md §14–16, §18, §19).
    public static let rfcExtended = Suite(
        "rfc-extended", "SCIM 2.0 optional features (sort, ETag, search, projection, Bulk)"
    ) {
        Scenario(
            "rfc.sort.username", "sortBy=userName orders case-insensitively, ascending by default; descending reverses",
            .spec(.rfc7644("3.4.2.3")), .spec(.checklist("SORT-02")), .spec(.checklist("SORT-03")),
            .spec(.checklist("SORT-04")), .spec(.checklist("SORT-05")), .tags("rfc", "sort"), .requires(.sort),
            .requires(.filter), .writes
        ) { s in
            let prefix = s.unique("sort")
            for name in ["carol", "alice", "Bob"] {
                _ = try await RFCFixtures.createUser(s, name, userName: "\(prefix)-\(name)@example.test")
            }
            let expected = ["alice", "Bob", "carol"].map { "\(prefix)-\($0)@example.test" }
            for (query, order) in [
                ([("sortBy", "userName")], expected),
                ([("sortBy", "userName"), ("sortOrder", "ascending")], expected),
                ([("sortBy", "userName"), ("sortOrder", "descending")], Array(expected.reversed())),
            ] {
                let response = try await s.get(
                    "/Users", query: RFCFixtures.filter("userName sw \"\(prefix)\"", query)
                ) { ListResponse(totalResults: 3) }
                let names = response.json?["Resources"]?.arrayValue?.compactMap { $0["userName"]?.stringValue } ?? []
                s.verify(
                    "\(query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")) orders the users",
                    names.map { $0.lowercased() } == order.map { $0.lowercased() },
                    expected: order.joined(separator: ", "), actual: names.joined(separator: ", "),
                    specs: [.checklist("SORT-05")],
                    fixHint:
                        "sort case-insensitively for caseExact=false attributes such as userName, ascending unless "
                        + "sortOrder=descending")
            }
        }
        Scenario(
            "rfc.etag.versions", "ETag equals meta.version; If-None-Match gives 304; a stale If-Match gives 412",
            .spec(.rfc7644("3.14")), .spec(.rfc7643("3.1")), .spec(.checklist("ETAG-01")), .spec(.checklist("ETAG-02")),
            .spec(.checklist("ETAG-03")), .spec(.checklist("ETAG-04")),
            .spec(.checklist("ETAG-05")), .tags("rfc", "etag"), .requires(.etag),
            .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "etag")
            let read = try await s.get(RFCFixtures.user(id)) {
                Header("ETag").spec(.checklist("ETAG-01"))
                JSON("/meta/version").level(.should)
            }
            let etag = try s.require(read.header("ETag"), "the user has an ETag")
            s.verify(
                "the ETag is a quoted entity tag, weak ones prefixed W/ (RFC 7232 §2.3)",
                etag.hasPrefix("W/\"") || etag.hasPrefix("\""),
                expected: "W/\"…\" or \"…\"", actual: etag, specs: [.checklist("ETAG-02")])
            s.verify(
                "meta.version equals the ETag header", read.json?["meta"]?["version"]?.stringValue == etag,
                expected: etag, actual: read.json?["meta"]?["version"]?.serialized() ?? "absent",
                level: .should, specs: [.checklist("ETAG-01")])
            try await s.request("GET", RFCFixtures.user(id), headers: [HTTPHeader("If-None-Match", etag)]) {
                Status(304).level(.should).spec(.checklist("ETAG-04"))
            }
            let body: JSONValue = [
                "schemas": [.string(SCIMURN.coreUser)], "userName": .string(userName), "displayName": "Stale Write",
            ]
            try await s.request(
                "PUT", RFCFixtures.user(id), json: body, headers: [HTTPHeader("If-Match", "W/\"scimcheck-stale\"")]
            ) {
                Status(412).spec(.checklist("ETAG-05")).hint("refuse a write whose If-Match is not the current ETag")
                SCIMError(status: 412)
            }
            let written = try await s.request(
                "PUT", RFCFixtures.user(id), json: body, headers: [HTTPHeader("If-Match", etag)]
            ) {
                Status(200).hint("accept If-Match with the current (weak) ETag, compared as an opaque tag (RFCX-14)")
            }
            s.verify(
                "a change gives a new ETag", written.header("ETag") != nil && written.header("ETag") != etag,
                expected: "an ETag other than \(etag)", actual: written.header("ETag") ?? "none",
                specs: [.checklist("ETAG-03")])
        }
        Scenario(
            "rfc.search.post", "POST /Users/.search answers like the same GET query",
            .spec(.rfc7644("3.4.3")), .spec(.checklist("SRCH-01")), .spec(.checklist("SRCH-02")),
            .spec(.checklist("SRCH-04")), .spec(.checklist("SRCH-05")),
            .tags("rfc", "search"),
            .requires(.filter), .level(.should), .writes,
            .note("the RFC lets clients search with POST; servers that do not offer it get a warning, not a failure")
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "search")
            try await s.post(
                "/Users/.search",
                json: [
                    "schemas": [.string(SCIMURN.searchRequest)], "filter": .string("userName eq \"\(userName)\""),
                    "startIndex": 1, "count": 10,
                ]
            ) {
                Status(200).hint("a .search POST is a query: 200 with a ListResponse, never 201")
                ListResponse(totalResults: 1)
                JSON("/Resources/0/id", equals: .string(id))
            }
            try await s.post(
                "/Users/.search",
                json: [
                    "schemas": [.string(SCIMURN.searchRequest)], "filter": .string("userName eq \"\(userName)\""),
                    "attributes": ["userName"],
                ]
            ) {
                Status(200)
                JSON("/Resources/0/userName", equals: .string(userName)).spec(.checklist("SRCH-02"))
                JSON("/Resources/0/emails").absent().spec(.checklist("SRCH-02"))
                    .hint("read attributes in a SearchRequest as a JSON array of names")
            }
            try await s.post(
                "/Users/.search", json: ["schemas": [.string(SCIMURN.searchRequest)], "filter": "userName zz \"x\""]
            ) {
                Status(400).spec(.checklist("SRCH-04"))
                SCIMError(status: 400, scimType: .invalidFilter).spec(.checklist("SRCH-04"))
            }
        }
        Scenario(
            "rfc.projection.attributes", "attributes and excludedAttributes shape reads and lists; id always stays",
            .spec(.rfc7644("3.4.2.5")), .spec(.rfc7644("3.9")), .spec(.checklist("ATTR-01")),
            .spec(.checklist("ATTR-02")), .spec(.checklist("SCH-03")),
            .spec(.checklist("ATTR-06")), .spec(.checklist("ATTR-07")), .tags("rfc", "projection"), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "projection")
            try await s.get(RFCFixtures.user(id), query: "attributes=userName") {
                Status(200)
                JSON("/id", equals: .string(id)).spec(.checklist("SCH-03"))
                JSON("/userName", equals: .string(userName))
                JSON("/name").absent().spec(.checklist("ATTR-02")).hint("return only the attributes asked for, and id")
                JSON("/emails").absent()
            }
            try await s.get(RFCFixtures.user(id), query: "excludedAttributes=emails,id") {
                JSON("/emails").absent().spec(.checklist("ATTR-06"))
                JSON("/id", equals: .string(id)).hint("id is returned always: excludedAttributes never removes it")
                JSON("/userName", equals: .string(userName))
            }
            try await s.get(
                "/Users", query: RFCFixtures.filter("userName eq \"\(userName)\"", [("attributes", "userName")])
            ) {
                ListResponse(totalResults: 1)
                JSON("/Resources/0/id", equals: .string(id))
                JSON("/Resources/0/name").absent().hint("apply attributes to every resource of a list")
            }
            let groupID = try await RFCCoreProtocol.createGroup(s, "projection", members: [id])
            try await s.get("/Groups/\(URLPathSegment.encode(groupID))", query: "excludedAttributes=members") {
                Status(200)
                JSON("/members").absent().spec(.checklist("ATTR-07"))
                    .hint("Entra asks for groups without members; leave the key out")
                JSON("/displayName").nonEmpty()
            }
        }
        Scenario(
            "rfc.bulk.create-with-reference",
            "Bulk creates a user and a group that references it by bulkId; each result has its status and location",
            .spec(.rfc7644("3.7")), .spec(.checklist("BULK-02")), .spec(.checklist("BULK-03")),
            .spec(.checklist("BULK-06")),
            .spec(.checklist("BULK-07")),
            .spec(.checklist("BULK-08")), .spec(.checklist("BULK-14")), .tags("rfc", "bulk"), .requires(.bulk), .writes
        ) { s in
            let (_, user) = RFCFixtures.userBody(s, "bulk-user")
            let response = try await s.post(
                "/Bulk",
                json: [
                    "schemas": [.string(SCIMURN.bulkRequest)],
                    "Operations": [
                        ["method": "POST", "path": "/Users", "bulkId": "u1", "data": user],
                        [
                            "method": "POST", "path": "/Groups", "bulkId": "g1",
                            "data": [
                                "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(s.unique("bulk-group")),
                                "members": [["value": "bulkId:u1"]],
                            ],
                        ],
                    ],
                ]
            ) {
                Status(200).spec(.checklist("BULK-03"))
                JSON("/schemas").contains(.string(SCIMURN.bulkResponse)).spec(.checklist("BULK-02"))
                JSON("/Operations/0/bulkId", equals: "u1").spec(.checklist("BULK-07"))
                JSON("/Operations/1/bulkId", equals: "g1")
            }
            RFCExtendedRules.removeCreated(s, response)
            let results = response.json?["Operations"]?.arrayValue ?? []
            var ids: [String: String] = [:]
            for (index, result) in results.enumerated() {
                let status = RFCExtendedRules.status(of: result)
                let location = result["location"]?.stringValue
                let id = location.flatMap { $0.split(separator: "/").last.map(String.init) }
                if let id, let bulkID = result["bulkId"]?.stringValue { ids[bulkID] = id }
                s.verify(
                    "operation \(index + 1) succeeded with 201 and a location", status == "201" && location != nil,
                    expected: "status \"201\" (or {\"code\":\"201\"}) and a location",
                    actual: "status \(result["status"]?.serialized() ?? "absent"), location \(location ?? "absent")",
                    specs: [.checklist("BULK-06"), .checklist("BULK-14")])
            }
            let userID = try s.require(ids["u1"], "the bulk result locates the user")
            let groupID = try s.require(ids["g1"], "the bulk result locates the group")
            let members = try await RFCCoreProtocol.memberIDs(s, groupID)
            s.verify(
                "bulkId:u1 in the group became the user's id", members == [userID], expected: userID,
                actual: members.sorted().joined(separator: ", "), specs: [.checklist("BULK-08")],
                fixHint: "replace \"bulkId:<id>\" references in data with the ids the earlier operations created")
        }
        RFCExtendedRules.scenarios
    }
}
