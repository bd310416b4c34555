import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

extension Suite {
    /// `rfc-core`: testable MUST-level requirements of RFC 7643/7644 (rfc-checklist.md IDs in the traits).
    public static let rfcCore = Suite("rfc-core", "SCIM 2.0 core requirements (RFC 7643, RFC 7644)") {
        Scenario(
            "rfc.discovery.service-provider-config", "ServiceProviderConfig is a single, complete object",
            .spec(.rfc7644("4")), .spec(.rfc7643("5")), .spec(.checklist("DISC-01")), .spec(.checklist("DISC-02")),
            .tags("rfc", "discovery")
        ) { s in
            try await s.get("/ServiceProviderConfig") {
                Status(200)
                JSON("/schemas", equals: [.string(SCIMURN.serviceProviderConfig)])
                for feature in ["patch", "bulk", "filter", "changePassword", "sort", "etag"] {
                    JSON("/\(feature)/supported").boolean()
                }
                JSON("/bulk/maxOperations").integer()
                JSON("/bulk/maxPayloadSize").integer()
                JSON("/filter/maxResults").integer()
                JSON("/authenticationSchemes").array()
                JSON("/authenticationSchemes/0/type").string()
                JSON("/authenticationSchemes/0/name").string()
                JSON("/authenticationSchemes/0/description").string()
            }
        }
        Scenario(
            "rfc.errors.unknown-user", "An unknown user id answers 404 with a SCIM error",
            .spec(.rfc7644("3.12")), .spec(.checklist("ERR-01")), .spec(.checklist("ERR-02")),
            .spec(.checklist("GET-02")), .tags("rfc", "errors")
        ) { s in
            try await s.get("/Users/2819c223-7f76-453a-919d-ffffffffffff") {
                Status(404)
                SCIMError(status: 404).hint("answer with {\"schemas\":[Error URN],\"status\":\"404\",\"detail\":…}")
            }
        }
        Scenario(
            "rfc.errors.unauthenticated", "A request without credentials answers 401 with a SCIM error",
            .spec(.rfc7644("2")), .spec(.rfc7644("3.12")), .spec(.checklist("SEC-01")), .tags("rfc", "errors", "auth")
        ) { s in
            var headers = s.defaultHeaders(hasBody: false)
            headers.remove(named: "Authorization")
            try await s.send(HTTPRequest(method: "GET", url: s.context.url("/Users"), headers: headers)) {
                Status(401)
                SCIMError(status: 401)
                Header("WWW-Authenticate").spec(.rfc7644("2"))
            }
        }
        Scenario(
            "rfc.users.create", "POST /Users: 201, Location = meta.location, server-assigned id and meta, no password",
            .spec(.rfc7644("3.3")), .spec(.rfc7643("3.1")), .spec(.checklist("CRT-01")), .spec(.checklist("CRT-02")),
            .spec(.checklist("CRT-05")), .spec(.checklist("CRT-08")), .spec(.checklist("CRT-09")),
            .spec(.checklist("CRT-15")), .spec(.checklist("SCH-13")), .spec(.checklist("SCH-19")),
            .tags("rfc", "users", "create"), .writes
        ) { s in
            let (userName, body) = RFCFixtures.userBody(
                s, "create",
                extra: JSONObject([
                    ("id", "client-chosen"), ("externalId", "AbC-123"), ("password", "t1meMa$heen-42"),
                    ("meta", ["created": "2000-01-01T00:00:00Z", "location": "http://evil.example/"]),
                ]))
            let response = try await s.post("/Users", json: body) {
                Status(201)
                JSON("/id").nonEmpty()
                JSON("/userName", equals: .string(userName))
                JSON("/externalId", equals: "AbC-123").spec(.checklist("SCH-19"))
                JSON("/password").absent()
                JSON("/meta/resourceType", equals: "User")
                Header("Location")
            }
            let id = try s.require(response.json?["id"]?.stringValue, "the created user has an id")
            s.onCleanup { try await $0.removeCreatedUser(id: id) }
            let meta = response.json?["meta"]
            s.verify(
                "the id is the server's, not the client's", id != "client-chosen", expected: "a server-assigned id",
                actual: id, specs: [.checklist("CRT-05")])
            s.verify(
                "Location equals meta.location", response.header("Location") == meta?["location"]?.stringValue,
                expected: meta?["location"]?.stringValue ?? "meta.location",
                actual: response.header("Location") ?? "none",
                specs: [.checklist("CRT-02")])
            s.verify(
                "meta.location ends with /Users/{id}",
                meta?["location"]?.stringValue?.hasSuffix("/Users/\(id)") == true,
                expected: ".../Users/\(id)", actual: meta?["location"]?.stringValue ?? "none",
                specs: [.checklist("CRT-02")])
            s.verify(
                "client meta is ignored and lastModified equals created on a new resource",
                meta?["created"] != "2000-01-01T00:00:00Z" && meta?["created"] == meta?["lastModified"],
                expected: "server created == lastModified", actual: meta?.serialized() ?? "no meta",
                specs: [.checklist("CRT-08"), .checklist("CRT-09")])
            try await s.get(RFCFixtures.user(id)) {
                Status(200).spec(.checklist("GET-01"))
                JSON("/id", equals: .string(id))
                JSON("/password").absent().spec(.checklist("SCH-13"))
            }
        }
        Scenario(
            "rfc.users.uniqueness", "A duplicate userName, in any letter case, answers 409 uniqueness",
            .spec(.rfc7644("3.3")), .spec(.rfc7643("4.1.1")), .spec(.checklist("UNQ-01")), .spec(.checklist("UNQ-02")),
            .spec(.checklist("ERR-09")),
            .tags("rfc", "users", "uniqueness"), .writes
        ) { s in
            let (_, userName) = try await RFCFixtures.createUser(s, "unique")
            for variant in [userName, userName.uppercased()] {
                try await s.post(
                    "/Users", json: ["schemas": [.string(SCIMURN.coreUser)], "userName": .string(variant)]
                ) {
                    Status(409)
                        .because("Okta's SPEC test expects 409 on a repeated create")
                    SCIMError(status: 409, scimType: .uniqueness)
                }
            }
        }
        Scenario(
            "rfc.users.invalid-bodies", "Malformed JSON and a missing userName answer 400 with the right scimType",
            .spec(.rfc7644("3.12")), .spec(.checklist("ERR-05")), .spec(.checklist("ERR-06")),
            .spec(.checklist("CRT-10")), .tags("rfc", "users", "errors"), .writes
        ) { s in
            try await s.send(
                HTTPRequest(
                    method: "POST", url: s.context.url("/Users"), headers: s.defaultHeaders(hasBody: true),
                    body: Body(stringLiteral: "{\"schemas\":[\"\(SCIMURN.coreUser)\"],\"userName\":"))
            ) {
                Status(400)
                SCIMError(status: 400, scimType: .invalidSyntax)
            }
            try await s.post("/Users", json: ["schemas": [.string(SCIMURN.coreUser)], "displayName": "No Name"]) {
                Status(400)
                SCIMError(status: 400, scimType: .invalidValue)
            }
        }
        Scenario(
            "rfc.users.delete", "DELETE answers 204; the user is gone from reads and queries",
            .spec(.rfc7644("3.6")), .spec(.checklist("DEL-01")), .spec(.checklist("DEL-02")),
            .spec(.checklist("DEL-03")), .tags("rfc", "users", "delete"), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "delete")
            try await s.delete(RFCFixtures.user(id)) {
                Status(204)
            }
            try await s.get(RFCFixtures.user(id)) {
                Status(404)
                SCIMError(status: 404)
            }
            try await s.get("/Users", query: RFCFixtures.filter("userName eq \"\(userName)\"")) {
                Status(200)
                ListResponse(totalResults: 0)
            }
        }
        Scenario(
            "rfc.list.paging", "Paging is 1-based, honours count, treats startIndex < 1 as 1 and count=0 as none",
            .spec(.rfc7644("3.4.2.4")), .spec(.checklist("LST-01")), .spec(.checklist("LST-04")),
            .spec(.checklist("LST-05")), .spec(.checklist("LST-06")), .spec(.checklist("LST-07")),
            .spec(.checklist("LST-08")), .tags("rfc", "list", "paging"), .writes
        ) { s in
            _ = try await RFCFixtures.createUser(s, "page-a")
            _ = try await RFCFixtures.createUser(s, "page-b")
            let first = try await s.get("/Users", query: "startIndex=1&count=2") {
                Status(200)
                ListResponse(maxItems: 2)
                JSON("/startIndex", equals: 1)
                JSON("/itemsPerPage").integer()
            }
            let pageSize = first.json?["Resources"]?.arrayValue?.count ?? 0
            s.verify(
                "itemsPerPage is the number of Resources in the page", first.json?["itemsPerPage"] == .int(pageSize),
                expected: "\(pageSize)", actual: first.json?["itemsPerPage"]?.serialized() ?? "absent",
                specs: [.checklist("LST-10")])
            let second = try await s.get("/Users", query: "startIndex=2&count=1") {
                ListResponse(maxItems: 1)
            }
            s.verify(
                "startIndex=2&count=1 returns the second item of startIndex=1&count=2",
                first.json?["Resources"]?[1]?["id"] == second.json?["Resources"]?[0]?["id"],
                expected: first.json?["Resources"]?[1]?["id"]?.serialized() ?? "an id",
                actual: second.json?["Resources"]?[0]?["id"]?.serialized() ?? "none", specs: [.checklist("LST-05")])
            let zero = try await s.get("/Users", query: "startIndex=0&count=1") { ListResponse(maxItems: 1) }
            s.verify(
                "startIndex=0 is read as 1", zero.json?["Resources"]?[0]?["id"] == first.json?["Resources"]?[0]?["id"],
                expected: first.json?["Resources"]?[0]?["id"]?.serialized() ?? "an id",
                actual: zero.json?["Resources"]?[0]?["id"]?.serialized() ?? "none", specs: [.checklist("LST-06")])
            try await s.get("/Users", query: "count=0") {
                Status(200)
                ListResponse(maxItems: 0)
            }
        }
        Scenario(
            "rfc.users.put-replace", "PUT replaces the user and answers 200 with the whole resource",
            .spec(.rfc7644("3.5.1")), .spec(.checklist("PUT-01")), .spec(.checklist("PUT-08")),
            .tags("rfc", "users", "put"), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "put", extra: JSONObject([("title", "Before")]))
            try await s.put(
                RFCFixtures.user(id),
                json: [
                    "schemas": [.string(SCIMURN.coreUser)], "userName": .string(userName),
                    "name": ["givenName": "Replaced", "familyName": "Put"], "active": true,
                ]
            ) {
                Status(200)
                JSON("/id", equals: .string(id))
                JSON("/name/givenName", equals: "Replaced")
            }
            try await s.get(RFCFixtures.user(id)) {
                JSON("/name/givenName", equals: "Replaced")
                JSON("/title").absent().level(.should).spec(.checklist("PUT-04"))
            }
        }
        Scenario(
            "rfc.patch.replace-with-path", "PATCH replace with a path changes one attribute",
            .spec(.rfc7644("3.5.2.3")), .spec(.checklist("PATCH-07")), .tags("rfc", "users", "patch"),
            .requires(.patch), .writes
        ) { s in
            let (id, _) = try await RFCFixtures.createUser(s, "patch")
            let response = try await s.patch(
                RFCFixtures.user(id),
                json: [
                    "schemas": [.string(SCIMURN.patchOp)],
                    "Operations": [["op": "replace", "path": "displayName", "value": "Patched Name"]],
                ]
            ) { Status(oneOf: 200, 204) }
            if response.status == 200 {
                try s.checkLast("PATCH", "/Users/\(id)") {
                    JSON("/id", equals: .string(id))
                        .spec(.checklist("PATCH-07"))
                        .because("Okta reads a 200 without the user as a broken answer; 204 is the bodiless success")
                        .hint("answer PATCH with 200 and the whole resource, or 204 with no body; never 200 empty")
                    JSON("/displayName", equals: "Patched Name")
                }
            } else if response.status == 204 {
                s.verify(
                    "a 204 has no body", response.exchange.response?.body.isEmpty != false, expected: "no body",
                    actual: response.bodyExcerpt, specs: [.checklist("PATCH-07")])
            }
            try await s.get(RFCFixtures.user(id)) {
                JSON("/displayName", equals: "Patched Name")
                JSON("/name/givenName", equals: "Rfc")
            }
        }
        Scenario(
            "rfc.groups.create-with-members", "POST /Groups with a member: 201, and the member shows on the group",
            .spec(.rfc7643("4.2")), .spec(.rfc7644("3.3")), .spec(.checklist("SCH-16")), .tags("rfc", "groups"),
            .writes
        ) { s in
            let (userID, _) = try await RFCFixtures.createUser(s, "member")
            let response = try await s.post(
                "/Groups",
                json: [
                    "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(s.unique("rfc-group")),
                    "members": [["value": .string(userID)]],
                ]
            ) {
                Status(201)
                JSON("/members/0/value", equals: .string(userID))
                JSON("/meta/resourceType", equals: "Group")
            }
            let id = try s.require(response.json?["id"]?.stringValue, "the created group has an id")
            s.onCleanup { try await $0.removeCreatedGroup(id: id) }
            try await s.get(RFCFixtures.user(userID)) {
                JSON("/groups/0/value", equals: .string(id)).spec(.checklist("SCH-15")).level(.should)
            }
        }
        Scenario(
            "rfc.filter.operators", "userName filters: eq, sw, co and pr find the user; a miss is totalResults 0",
            .spec(.rfc7644("3.4.2.2")), .spec(.checklist("LST-03")), .tags("rfc", "filter"), .requires(.filter),
            .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(s, "filter")
            let local = String(userName.prefix { $0 != "@" })
            for expression in [
                "userName eq \"\(userName)\"", "userName sw \"\(local)\"", "userName co \"\(local.suffix(8))\"",
                "userName eq \"\(userName)\" and active eq true",
            ] {
                try await s.get("/Users", query: RFCFixtures.filter(expression)) {
                    Status(200)
                    ListResponse(totalResults: 1)
                    JSON("/Resources/0/id", equals: .string(id))
                }
            }
            try await s.get("/Users", query: RFCFixtures.filter("userName eq \"nobody-\(s.unique("x"))\"")) {
                Status(200)
                ListResponse(totalResults: 0)
            }
        }
        RFCCoreProtocol.scenarios
        RFCFilterMatrix.scenarios
        RFCPatchMatrix.scenarios
        RFCResourceRules.scenarios
        RFCProtocolRules.scenarios
        RFCCoreEdges.scenarios
    }
}
