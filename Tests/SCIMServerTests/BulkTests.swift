import SCIMCore
import Testing

/// `POST /Bulk` over HTTP (RFC 7644 §3.7; rfc-checklist §19, BULK-01 to BULK-16, ETAG-09).
@Suite("Bulk")
struct BulkTests {
    /// A BulkRequest with `operations` (and `failOnErrors` when given).
    static func request(_ operations: [JSONValue], failOnErrors: Int? = nil) -> JSONValue {
        var body = JSONObject([
            ("schemas", [.string(SCIMURN.bulkRequest)]), ("Operations", .array(operations)),
        ])
        if let failOnErrors { body["failOnErrors"] = .int(failOnErrors) }
        return .object(body)
    }

    /// A POST operation creating user `userName` as `bulkId`.
    static func postUser(_ bulkId: String, _ userName: String, extra: JSONValue = [:]) -> JSONValue {
        var data = JSONObject([("schemas", [.string(SCIMURN.coreUser)]), ("userName", .string(userName))])
        for (key, value) in extra.objectValue ?? JSONObject() { data[key] = value }
        return ["method": "POST", "path": "/Users", "bulkId": .string(bulkId), "data": .object(data)]
    }

    /// A POST operation creating group `displayName` as `bulkId` with members `members` (ids or references).
    static func postGroup(_ bulkId: String, _ displayName: String, members: [String]) -> JSONValue {
        [
            "method": "POST", "path": "/Groups", "bulkId": .string(bulkId),
            "data": [
                "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(displayName),
                "members": .array(members.map { ["value": .string($0)] }),
            ],
        ]
    }

    /// Sends a bulk request, requires 200 and returns the BulkResponse's operations.
    static func run(_ client: TestHTTPClient, _ body: JSONValue) async throws -> [JSONValue] {
        let response = try await client.post("/Bulk", json: body)
        #expect(response.status == 200, "\(response.text)")
        #expect(response.header("Content-Type") == SCIMMediaType.scim)
        let json = try #require(response.json)
        #expect(json["schemas"] == [.string(SCIMURN.bulkResponse)])
        return try #require(json["Operations"]?.arrayValue, "Operations is an array (IOP-G15)")
    }

    /// Checks a failed operation's result: the status as a string and a SCIM error `response` with the same status.
    static func expectFailure(
        _ result: JSONValue?, status: Int, scimType: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            result?["status"] == .string(String(status)), "\(String(describing: result))",
            sourceLocation: sourceLocation)
        let response = result?["response"]
        #expect(response?["schemas"] == [.string(SCIMURN.error)], sourceLocation: sourceLocation)
        #expect(response?["status"] == .string(String(status)), sourceLocation: sourceLocation)
        #expect(response?["scimType"]?.stringValue == scimType, sourceLocation: sourceLocation)
        #expect(response?["detail"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test(
        "Bulk is advertised with its limits; a job answers a BulkResponse with every result (BULK-01, BULK-02, BULK-06, BULK-07, BULK-14)"
    )
    func advertisedAndAnswered() async throws {
        try await TestServer.with(configure: { $0.bulkMaxOperations = 7 }) { client in
            let config = try await client.resource("/ServiceProviderConfig")
            #expect(config["bulk"]?["supported"] == true)
            #expect(config["bulk"]?["maxOperations"] == .int(7))
            #expect(config["bulk"]?["maxPayloadSize"] == .int(1 << 20))

            let existing = try await client.createUser("bulk.existing")
            let group = try await client.createGroup("Bulk Group")
            let results = try await Self.run(
                client,
                Self.request([
                    Self.postUser("qwerty", "bulk.alice", extra: ["password": "s3cret-Pa55"]),
                    [
                        "method": "PUT", "path": .string("/Users/\(existing.id)"),
                        "data": ["schemas": [.string(SCIMURN.coreUser)], "userName": "bulk.existing", "title": "T"],
                    ],
                    [
                        "method": "PATCH", "path": .string("/Users/\(existing.id)"),
                        "data": [
                            "schemas": [.string(SCIMURN.patchOp)],
                            "Operations": [["op": "replace", "path": "displayName", "value": "Existing"]],
                        ],
                    ],
                    [
                        "method": "PATCH", "path": .string("/Groups/\(group.id)"),
                        "data": [
                            "schemas": [.string(SCIMURN.patchOp)],
                            "Operations": [["op": "add", "path": "members", "value": [["value": "bulkId:qwerty"]]]],
                        ],
                    ],
                    ["method": "DELETE", "path": .string("/Groups/\(group.id)")],
                ]))
            #expect(results.count == 5)
            #expect(!JSONValue.array(results).serialized().contains("s3cret"), "the password is never echoed")

            let created = results[0]
            #expect(created["method"] == "POST")
            #expect(created["bulkId"] == "qwerty")
            #expect(created["status"] == "201", "status is a string (BULK-14)")
            let location = try #require(created["location"]?.stringValue)
            #expect(location.hasPrefix(client.base + "/Users/"))
            let id = String(location.dropFirst((client.base + "/Users/").count))
            #expect(!id.contains("bulkId"), "CRT-06")
            let alice = try await client.get("/Users/\(id)")
            #expect(alice.json?["userName"] == "bulk.alice")
            #expect(alice.json?["password"] == nil)
            #expect(created["version"]?.stringValue == alice.header("ETag"), "version is the resource's ETag")
            #expect(created["response"] == nil, "successful operations carry no response body")

            #expect(results[1]["method"] == "PUT")
            #expect(results[1]["status"] == "200")
            #expect(results[1]["location"] == .string(client.base + "/Users/\(existing.id)"))
            #expect(results[2]["status"] == "200")
            let read = try await client.get("/Users/\(existing.id)")
            #expect(read.json?["title"] == "T")
            #expect(read.json?["displayName"] == "Existing")
            #expect(results[2]["version"]?.stringValue == read.header("ETag"))
            #expect(results[3]["status"] == "204", "a group PATCH answers as its single request does (IOP-E14)")
            #expect(results[4]["method"] == "DELETE")
            #expect(results[4]["status"] == "204")
            #expect(results[4]["location"] == .string(client.base + "/Groups/\(group.id)"))
            expectSCIMError(try await client.get("/Groups/\(group.id)"), status: 404)
        }
    }

    @Test("bulkId references resolve in data, extensions and paths, also forward (BULK-08, BULK-09, BULK-15)")
    func references() async throws {
        try await TestServer.with { client in
            let results = try await Self.run(
                client,
                Self.request([
                    // Listed before the user it refers to: the server runs it after (BULK-09).
                    Self.postGroup("g1", "Referrers", members: ["bulkId:u1", "bulkId:u2"]),
                    Self.postUser("u1", "bulk.u1"),
                    Self.postUser(
                        "u2", "bulk.u2",
                        extra: [
                            SCIMURN.enterpriseUser: ["manager": ["value": "bulkId:u1"]],
                            "schemas": [
                                .string(SCIMURN.coreUser), .string(SCIMURN.enterpriseUser),
                            ],
                        ]),
                    [
                        "method": "PATCH", "path": "/Users/bulkId:u1",
                        "data": [
                            "schemas": [.string(SCIMURN.patchOp)],
                            "Operations": [["op": "replace", "path": "title", "value": "Referenced"]],
                        ],
                    ],
                ]))
            #expect(results.map { $0["status"] } == ["201", "201", "201", "200"], "\(results)")
            #expect(results.map { $0["bulkId"] } == ["g1", "u1", "u2", nil], "results in request order")
            let ids = results.prefix(3).map {
                $0["location"]?.stringValue?.split(separator: "/").last.map(String.init) ?? ""
            }
            let group = try await client.resource("/Groups/\(ids[0])")
            #expect(group.values(of: "members") == [ids[1], ids[2]])
            let u2 = try await client.resource("/Users/\(ids[2])")
            #expect(u2[SCIMURN.enterpriseUser]?["manager"]?["value"] == .string(ids[1]))
            let u1 = try await client.resource("/Users/\(ids[1])")
            #expect(u1["title"] == "Referenced")
            #expect(results[3]["location"] == .string(client.base + "/Users/\(ids[1])"))
            #expect(u1.values(of: "groups") == [ids[0]])
        }
    }

    @Test("Circular references between groups resolve: both created, each a member of the other (BULK-10)")
    func circularReferences() async throws {
        try await TestServer.with { client in
            let user = try await client.createUser("bulk.member")
            // RFC 7644 §3.7.1's example: group A contains group B and a user, group B contains group A.
            let results = try await Self.run(
                client,
                Self.request([
                    Self.postGroup("qwerty", "Group A", members: ["bulkId:ytrewq", user.id]),
                    Self.postGroup("ytrewq", "Group B", members: ["bulkId:qwerty"]),
                ]))
            #expect(results.map { $0["status"] } == ["201", "201"], "\(results)")
            let ids = results.map { $0["location"]?.stringValue?.split(separator: "/").last.map(String.init) ?? "" }
            let a = try await client.get("/Groups/\(ids[0])")
            let b = try await client.resource("/Groups/\(ids[1])")
            #expect(a.json?.values(of: "members") == [ids[1], user.id])
            #expect(b.values(of: "members") == [ids[0]])
            #expect(results[0]["version"]?.stringValue == a.header("ETag"), "the version after the members were added")

            // An operation that only waits for the cycle runs after it; the cycle breaks where it can: at group D,
            // not at user m0 whose manager (not an array element) refers to D's member C.
            let waiting = try await Self.run(
                client,
                Self.request([
                    [
                        "method": "PATCH", "path": "/Groups/bulkId:c",
                        "data": [
                            "schemas": [.string(SCIMURN.patchOp)],
                            "Operations": [["op": "replace", "path": "displayName", "value": "Group C2"]],
                        ],
                    ],
                    Self.postUser(
                        "m0", "bulk.m0",
                        extra: [
                            "schemas": [.string(SCIMURN.coreUser), .string(SCIMURN.enterpriseUser)],
                            SCIMURN.enterpriseUser: ["manager": ["value": "bulkId:d"]],
                        ]),
                    Self.postGroup("c", "Group C", members: ["bulkId:d", "bulkId:m0"]),
                    Self.postGroup("d", "Group D", members: ["bulkId:c"]),
                ]))
            #expect(waiting.map { $0["status"] } == ["204", "201", "201", "201"], "\(waiting)")
            let c = try #require(waiting[2]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let d = try #require(waiting[3]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let m0 = try #require(waiting[1]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let groupC = try await client.resource("/Groups/\(c)")
            #expect(groupC["displayName"] == "Group C2")
            #expect(groupC.values(of: "members") == [d, m0])
            #expect(try await client.resource("/Groups/\(d)").values(of: "members") == [c])
            #expect(
                try await client.resource("/Users/\(m0)")[SCIMURN.enterpriseUser]?["manager"]?["value"] == .string(d))

            // A reference that is not in a member list cannot be broken up: 409, nothing half-created.
            let users = try await Self.run(
                client,
                Self.request([
                    Self.postUser(
                        "m1", "bulk.m1", extra: [SCIMURN.enterpriseUser: ["manager": ["value": "bulkId:m2"]]]),
                    Self.postUser(
                        "m2", "bulk.m2", extra: [SCIMURN.enterpriseUser: ["manager": ["value": "bulkId:m1"]]]),
                ]))
            Self.expectFailure(users[0], status: 409)
            Self.expectFailure(users[1], status: 409)
            let left = try await client.resource(
                "/Users?filter=" + queryEncoded("userName eq \"bulk.m1\" or userName eq \"bulk.m2\""))
            #expect(left["totalResults"] == 0)

            // A group that refers to itself.
            let selfish = try await Self.run(
                client, Self.request([Self.postGroup("me", "Self", members: ["bulkId:me"])]))
            Self.expectFailure(selfish[0], status: 409)
        }
    }

    @Test(
        "Failed operations: 200 for the job, each failure with its status and SCIM error, no rollback (BULK-03, BULK-04, BULK-11, BULK-13, BULK-16, ETAG-09)"
    )
    func failures() async throws {
        try await TestServer.with { client in
            let taken = try await client.createUser("bulk.taken")
            let results = try await Self.run(
                client,
                Self.request([
                    Self.postUser("ok", "bulk.ok"),
                    [
                        "method": "POST", "path": "/Users",
                        "data": ["schemas": [.string(SCIMURN.coreUser)], "userName": "x"],
                    ],
                    Self.postUser("dup", "BULK.TAKEN"),
                    Self.postGroup("bad", "Unknown member", members: ["bulkId:nope"]),
                    [
                        "method": "PUT", "path": .string("/Users/\(taken.id)"), "version": "W/\"stale\"",
                        "data": ["schemas": [.string(SCIMURN.coreUser)], "userName": "bulk.taken", "title": "no"],
                    ],
                    ["method": "DELETE", "path": "/Users/does-not-exist"],
                    ["method": "GET", "path": "/Users"],
                    ["method": "POST", "path": "/Widgets", "bulkId": "w", "data": [:]],
                    ["method": "PATCH", "path": .string("/Users/\(taken.id)")],
                    Self.postUser("invalid", ""),
                    Self.postGroup("child", "Child of a failure", members: ["bulkId:invalid"]),
                    Self.postUser("ok", "bulk.ok2"),
                ]))
            #expect(results.count == 12)
            #expect(results[0]["status"] == "201")
            Self.expectFailure(results[1], status: 400, scimType: "invalidValue")  // POST without bulkId (BULK-04)
            #expect(results[1]["location"] == nil, "a failed POST has no location")
            Self.expectFailure(results[2], status: 409, scimType: "uniqueness")  // as POST /Users would (BULK-13)
            #expect(results[2]["bulkId"] == "dup")
            Self.expectFailure(results[3], status: 400, scimType: "invalidValue")  // undefined bulkId (BULK-11)
            Self.expectFailure(results[4], status: 412)  // stale version (ETAG-09, BULK-06)
            #expect(results[4]["method"] == "PUT")
            #expect(results[4]["location"] == .string(client.base + "/Users/\(taken.id)"))
            Self.expectFailure(results[5], status: 404)
            Self.expectFailure(results[6], status: 400, scimType: "invalidValue")  // GET is no bulk method
            Self.expectFailure(results[7], status: 400, scimType: "invalidValue")  // unknown endpoint
            Self.expectFailure(results[8], status: 400, scimType: "invalidSyntax")  // PATCH without data
            Self.expectFailure(results[9], status: 400, scimType: "invalidValue")  // empty userName (CRT-10)
            Self.expectFailure(results[10], status: 409)  // refers to a failed POST
            Self.expectFailure(results[11], status: 400, scimType: "invalidValue")  // bulkId reused
            // The first operation's user stays (BULK-16) and nothing failed was written.
            let list = try await client.resource("/Users?filter=" + queryEncoded("userName sw \"bulk.\""))
            #expect(
                Set(list["Resources"]?.arrayValue?.compactMap { $0["userName"]?.stringValue } ?? []) == [
                    "bulk.ok", "bulk.taken",
                ])
            #expect(try await client.resource("/Users/\(taken.id)")["title"] == nil)
            let groups = try await client.resource("/Groups")
            #expect(groups["totalResults"] == 0)
        }
    }

    @Test("failOnErrors stops after that many errors and reports only what ran; without it, everything runs (BULK-05)")
    func failOnErrors() async throws {
        try await TestServer.with { client in
            let operations = [Self.postUser("a", ""), Self.postUser("b", "bulk.b"), Self.postUser("c", "bulk.c")]
            let all = try await Self.run(client, Self.request(operations))
            #expect(all.map { $0["status"] } == ["400", "201", "201"])
            let stopped = try await Self.run(
                client, Self.request([Self.postUser("d", ""), Self.postUser("e", "bulk.e")], failOnErrors: 1))
            #expect(stopped.count == 1)
            Self.expectFailure(stopped.first, status: 400, scimType: "invalidValue")
            let e = try await client.resource("/Users?filter=" + queryEncoded("userName eq \"bulk.e\""))
            #expect(e["totalResults"] == 0, "operations after the stop do not run")
        }
    }

    @Test("Limits: more than maxOperations or a body over maxPayloadSize is 413 naming the limit (BULK-12)")
    func limits() async throws {
        try await TestServer.with(configure: { $0.bulkMaxOperations = 2 }) { client in
            let three = Self.request([
                Self.postUser("a", "bulk.a"), Self.postUser("b", "bulk.b"), Self.postUser("c", "bulk.c"),
            ])
            expectSCIMError(
                try await client.post("/Bulk", json: three), status: 413, detailContains: "maxOperations (2)")
            let users = try await client.resource("/Users")
            #expect(users["totalResults"] == 0, "a refused job runs nothing")
            let two = try await Self.run(
                client, Self.request([Self.postUser("a", "bulk.a"), Self.postUser("b", "bulk.b")]))
            #expect(two.count == 2)

            let config = try await client.resource("/ServiceProviderConfig")
            let maxPayloadSize = try #require(config["bulk"]?["maxPayloadSize"]?.intValue)
            let padding = String(repeating: "x", count: maxPayloadSize)
            let large = Self.request([Self.postUser("big", "bulk.big", extra: ["displayName": .string(padding)])])
            expectSCIMError(
                try await client.post("/Bulk", json: large), status: 413,
                detailContains: "maxPayloadSize (\(maxPayloadSize) bytes)")
        }
    }

    @Test("A malformed bulk request is a 4xx SCIM error and runs nothing (BULK-03, ERR-05)")
    func malformedRequests() async throws {
        try await TestServer.with { client in
            let user = Self.postUser("a", "bulk.a")
            let cases: [(String, Int, String?)] = [
                ("{", 400, "invalidSyntax"),
                ("[]", 400, "invalidSyntax"),
                (#"{"schemas":["\#(SCIMURN.bulkRequest)"]}"#, 400, "invalidSyntax"),
                (#"{"Operations":[\#(user.serialized())]}"#, 400, "invalidSyntax"),
                (#"{"schemas":["\#(SCIMURN.bulkRequest)"],"Operations":{}}"#, 400, "invalidSyntax"),
                (
                    #"{"schemas":["\#(SCIMURN.bulkRequest)"],"Operations":[\#(user.serialized()),"x"]}"#, 400,
                    "invalidSyntax"
                ),
                (#"{"schemas":["\#(SCIMURN.bulkRequest)"],"failOnErrors":0,"Operations":[]}"#, 400, "invalidValue"),
                (#"{"schemas":["\#(SCIMURN.bulkRequest)"],"failOnErrors":"1","Operations":[]}"#, 400, "invalidValue"),
            ]
            for (body, status, scimType) in cases {
                expectSCIMError(try await client.send("POST", "/Bulk", body: body), status: status, scimType: scimType)
            }
            // Odd operations fail one by one with a 4xx and a SCIM error; the job itself is 200.
            let odd: [JSONValue] = [
                [:], ["method": 42, "path": "/Users"], ["method": "POST", "path": 7, "bulkId": "p"],
                ["method": "POST", "path": "/Users", "bulkId": ["x"], "data": [:]],
                ["method": "POST", "path": "/Users", "bulkId": "", "data": [:]],
                ["method": "POST", "path": "/Users", "bulkId": "d", "data": []],
                ["method": "PUT", "path": "/Users/", "data": [:]], ["method": "DELETE", "path": "/Users/a/b"],
                ["method": "PATCH", "path": "/Users/x", "data": [:], "version": 3],
                ["method": "POST", "path": "/Users/x", "bulkId": "q", "data": [:]],
                ["method": "DELETE", "path": "Groups/bulkId:"],
                ["method": "PATCH", "path": "/Groups/x", "data": ["schemas": [.string(SCIMURN.patchOp)]]],
            ]
            let results = try await Self.run(client, Self.request(odd))
            #expect(results.count == odd.count)
            for (index, result) in results.enumerated() {
                let status = Int(result["status"]?.stringValue ?? "") ?? 0
                #expect((400...499).contains(status), "operation \(index + 1): \(result)")
                #expect(result["response"]?["status"] == result["status"], "operation \(index + 1)")
            }
            expectSCIMError(try await client.send("POST", "/Bulk", body: "{}", contentType: "text/plain"), status: 415)
            expectSCIMError(try await client.send("POST", "/Bulk", body: "{}", authorized: false), status: 401)
            #expect(try await client.resource("/Users")["totalResults"] == 0)
            // Member names are case-insensitive; an empty job is a valid, empty answer.
            let empty = try await client.send(
                "POST", "/Bulk", body: #"{"SCHEMAS":["\#(SCIMURN.bulkRequest)"],"operations":[]}"#)
            #expect(empty.status == 200)
            #expect(empty.json?["Operations"] == [])
        }
    }

    @Test("Bulk writes keep NinjaOne accounts in step, as single requests do (DESIGN §5)")
    func ninjaOneAccounts() async throws {
        try await TestServer.with { client in
            let body = client.ninjaOneUserBody("bulk.tech@example.com", "technician", nil)
            let results = try await Self.run(
                client,
                Self.request([
                    ["method": "POST", "path": "/Users", "bulkId": "t", "data": body],
                    [
                        "method": "PATCH", "path": "/Users/bulkId:t",
                        "data": [
                            "schemas": [.string(SCIMURN.patchOp)],
                            "Operations": [["op": "replace", "value": ["active": false]]],
                        ],
                    ],
                ]))
            #expect(results.map { $0["status"] } == ["201", "200"])
            let id = try #require(results[0]["location"]?.stringValue?.split(separator: "/").last.map(String.init))
            let account = try await client.account(id)
            #expect(account["accountType"] == "technician")
            #expect(account["active"] == false)
            let deleted = try await Self.run(
                client, Self.request([["method": "DELETE", "path": .string("/Users/\(id)")]]))
            #expect(deleted.first?["status"] == "204")
            #expect(try await client.account(id)["status"] == "deprovisioned")
        }
    }
}
