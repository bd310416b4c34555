import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// More of rfc-extended: sorting edges, root queries, `/Me` and Bulk failures (rfc-checklist.md SORT-06–08,
/// LST-14, ME-01, ME-03, BULK-04/05/09/12/13, ETAG-09), each gated on what the target advertises or serves.
enum RFCExtendedRules {
    /// A bulk result's status, written `"201"` or `{"code":"201"}` (RFCX-6).
    static func status(of result: JSONValue) -> String? {
        result["status"]?.stringValue ?? result["status"]?["code"]?.stringValue
    }

    /// Registers the removal of every resource the bulk `response` reports created (a location without a failure
    /// status), by its location.
    static func removeCreated(_ s: Session, _ response: Response) {
        for result in response.json?["Operations"]?.arrayValue ?? [] where status(of: result)?.hasPrefix("2") != false {
            guard let location = result["location"]?.stringValue,
                let id = location.split(separator: "/").last.map(String.init)
            else { continue }
            if location.contains("/Groups/") {
                s.onCleanup { try await $0.removeCreatedGroup(id: id) }
            } else {
                s.onCleanup { try await $0.removeCreatedUser(id: id) }
            }
        }
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "rfc.sort.multi-valued-and-missing",
            "sortBy a multi-valued attribute uses the primary value; users without the attribute sort last; "
                + "URN-qualified sortBy works",
            .spec(.rfc7644("3.4.2.3")), .spec(.checklist("SORT-06")), .spec(.checklist("SORT-07")),
            .spec(.checklist("SORT-08")), .tags("rfc", "sort"), .requires(.sort), .requires(.filter), .writes
        ) { s in
            let prefix = s.unique("sort-edges")
            _ = try await RFCFixtures.createUser(
                s, "a", userName: "\(prefix)-a@example.test",
                extra: JSONObject([
                    ("title", "Alpha"),
                    (
                        "emails",
                        [
                            ["value": "z1@example.com", "type": "home"],
                            ["value": "b1@example.com", "type": "work", "primary": true],
                        ]
                    ),
                ]))
            _ = try await RFCFixtures.createUser(
                s, "b", userName: "\(prefix)-b@example.test",
                extra: JSONObject([("emails", [["value": "c2@example.com", "type": "work", "primary": true]])]))
            let a = "\(prefix)-a@example.test"
            let b = "\(prefix)-b@example.test"
            for (sort, expected, checklist) in [
                ([("sortBy", "emails.value")], [a, b], "SORT-06"),
                ([("sortBy", "title")], [a, b], "SORT-07"),
                ([("sortBy", "title"), ("sortOrder", "descending")], [b, a], "SORT-07"),
                ([("sortBy", "\(SCIMURN.coreUser):userName"), ("sortOrder", "descending")], [b, a], "SORT-08"),
            ] {
                let response = try await s.get(
                    "/Users", query: RFCFixtures.filter("userName sw \"\(prefix)\"", sort)
                ) { Status(200) }
                let names = response.json?["Resources"]?.arrayValue?.compactMap { $0["userName"]?.stringValue } ?? []
                s.verify(
                    "\(sort.map { "\($0.0)=\($0.1)" }.joined(separator: "&")) orders the users",
                    names.map { $0.lowercased() } == expected, expected: expected.joined(separator: ", "),
                    actual: names.joined(separator: ", "), specs: [.checklist(checklist)])
            }
        },
        Scenario(
            "rfc.search.root", "A query at the base URL finds users, when the server offers root queries",
            .spec(.rfc7644("3.4.2.1")), .spec(.checklist("LST-14")), .tags("rfc", "search"), .requires(.filter),
            .writes, .note("skipped when GET on the base URL is not a query (404, 403 or 501)")
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "root-query")
            let response = try await s.get("/", query: RFCFixtures.filter("userName eq \"\(userName)\""))
            guard response.status == 200 else {
                try s.skip("GET on the base URL answered \(response.status): no root queries")
            }
            try s.checkLast("GET", "/") {
                ListResponse(totalResults: 1).spec(.checklist("LST-14"))
                JSON("/Resources/0/id", equals: .string(id)).spec(.checklist("LST-14"))
            }
        },
        Scenario(
            "rfc.me.alias",
            "/Me, when served, names the aliased user's permanent URI in Location; otherwise it answers 501",
            .spec(.rfc7644("3.11")), .spec(.checklist("ME-01")), .spec(.checklist("ME-03")), .tags("rfc", "me")
        ) { s in
            let response = try await s.get("/Me")
            guard [200, 308].contains(response.status) else {
                try s.checkLast("GET", "/Me") {
                    Status(501).level(.should).spec(.checklist("ME-01"))
                        .hint("answer /Me with 501 Not Implemented when it is not supported")
                }
                return
            }
            let location = response.header("Location") ?? ""
            let id = response.json?["id"]?.stringValue ?? ""
            s.verify(
                "Location is the aliased user's URI", location.contains("/Users/") && location.hasSuffix(id),
                expected: ".../Users/{id}", actual: location.isEmpty ? "no Location" : location,
                specs: [.checklist("ME-03")])
        },
        Scenario(
            "rfc.bulk.failures",
            "Bulk reports each failed operation with its status, resolves forward references, honours "
                + "failOnErrors and maxOperations",
            .spec(.rfc7644("3.7")), .spec(.rfc7644("3.7.3")), .spec(.checklist("BULK-04")),
            .spec(.checklist("BULK-05")), .spec(.checklist("BULK-09")), .spec(.checklist("BULK-12")),
            .spec(.checklist("BULK-13")), .spec(.checklist("ETAG-09")), .tags("rfc", "bulk"), .requires(.bulk),
            .writes
        ) { s in
            let (existingID, existingName) = try await RFCFixtures.createUser(s, "bulk-existing")
            let (_, user) = RFCFixtures.userBody(s, "bulk-forward")
            var operations: [JSONValue] = [
                ["method": "POST", "path": "/Users", "data": RFCFixtures.userBody(s, "bulk-no-id").1],
                [
                    "method": "POST", "path": "/Users", "bulkId": "dup",
                    "data": ["schemas": [.string(SCIMURN.coreUser)], "userName": .string(existingName)],
                ],
                [
                    "method": "POST", "path": "/Groups", "bulkId": "g",
                    "data": [
                        "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(s.unique("bulk-forward")),
                        "members": [["value": "bulkId:u"]],
                    ],
                ],
                ["method": "POST", "path": "/Users", "bulkId": "u", "data": user],
            ]
            if s.capabilities.supports(.etag) {
                operations.append([
                    "method": "PUT", "path": .string("/Users/\(existingID)"), "version": "W/\"scimcheck-stale\"",
                    "data": ["schemas": [.string(SCIMURN.coreUser)], "userName": .string(existingName)],
                ])
            }
            let response = try await s.post(
                "/Bulk", json: ["schemas": [.string(SCIMURN.bulkRequest)], "Operations": .array(operations)]
            ) { Status(200) }
            removeCreated(s, response)
            let results = response.json?["Operations"]?.arrayValue ?? []
            let statuses = results.map { status(of: $0) ?? "?" }
            s.verify(
                "every operation is reported when failOnErrors is absent", results.count == operations.count,
                expected: "\(operations.count) results", actual: "\(results.count): \(statuses)",
                specs: [.checklist("BULK-05")])
            let byBulkID = Dictionary(
                results.compactMap { result in result["bulkId"]?.stringValue.map { ($0, result) } },
                uniquingKeysWith: { first, _ in first })
            s.verify(
                "a POST without bulkId fails with 400", statuses.first == "400", expected: "400",
                actual: statuses.first ?? "no result", specs: [.checklist("BULK-04")])
            s.verify(
                "a duplicate userName fails with 409", byBulkID["dup"].flatMap(status(of:)) == "409", expected: "409",
                actual: byBulkID["dup"].flatMap(status(of:)) ?? "no result", specs: [.checklist("BULK-13")])
            s.verify(
                "a group referencing a later user is created",
                byBulkID["g"].flatMap(status(of:)) == "201"
                    && byBulkID["u"].flatMap(status(of:)) == "201",
                expected: "201 and 201",
                actual:
                    "\(byBulkID["g"].flatMap(status(of:)) ?? "none"), \(byBulkID["u"].flatMap(status(of:)) ?? "none")",
                specs: [.checklist("BULK-09")],
                fixHint: "process operations in dependency order when a bulkId is referenced before it is created")
            if s.capabilities.supports(.etag) {
                s.verify(
                    "a stale version fails with 412", statuses.last == "412", expected: "412",
                    actual: statuses.last ?? "no result", specs: [.checklist("ETAG-09")])
            }
            // The first operation fails; the POST after it must never run (the ledger settles it as not created).
            let stopped = try await s.post(
                "/Bulk",
                json: [
                    "schemas": [.string(SCIMURN.bulkRequest)], "failOnErrors": 1,
                    "Operations": [
                        ["method": "DELETE", "path": "/Users/2819c223-7f76-453a-919d-fffffffffffa"],
                        [
                            "method": "POST", "path": "/Users", "bulkId": "after-stop",
                            "data": RFCFixtures.userBody(s, "bulk-stop-1").1,
                        ],
                    ],
                ]
            ) { Status(200) }
            removeCreated(s, stopped)
            let processed = stopped.json?["Operations"]?.arrayValue ?? []
            s.verify(
                "failOnErrors 1 stops after the first error", processed.count == 1,
                expected: "1 result (the failed DELETE); the POST after it not run",
                actual: processed.map { "\($0["method"]?.stringValue ?? "?") \(status(of: $0) ?? "?")" }
                    .joined(separator: ", "),
                specs: [.checklist("BULK-05")],
                fixHint: "stop processing once failOnErrors errors occurred and return only the operations processed")
            let config = try await s.get("/ServiceProviderConfig") { Status(200) }
            let payloadLimit = config.json?["bulk"]?["maxPayloadSize"]?.intValue ?? 0
            if let limit = config.json?["bulk"]?["maxOperations"]?.intValue, limit <= 1000,
                (limit + 1) * 100 < payloadLimit
            {
                let probe: JSONValue = ["method": "DELETE", "path": "/Users/2819c223-7f76-453a-919d-fffffffffffb"]
                try await s.post(
                    "/Bulk",
                    json: [
                        "schemas": [.string(SCIMURN.bulkRequest)],
                        "Operations": .array(Array(repeating: probe, count: limit + 1)),
                    ]
                ) {
                    Status(413).spec(.checklist("BULK-12")).hint("refuse more than maxOperations with 413")
                    SCIMError(status: 413)
                }
            }
        },
    ]
}
