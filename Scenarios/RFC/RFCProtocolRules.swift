import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// rfc-core's protocol rules: read-only and truthful discovery, error shapes, list envelopes at the edges,
/// projection and `returned`, and media types (rfc-checklist.md §2–5, §12, §15; testers-survey.md §4 checks 1–9,
/// 33–35).
enum RFCProtocolRules {
    /// The RFC 7643 §7 values of each attribute characteristic; an absent characteristic takes its default.
    static let characteristics: [String: Set<String>] = [
        "type": ["string", "boolean", "decimal", "integer", "dateTime", "reference", "complex", "binary"],
        "mutability": ["readOnly", "readWrite", "immutable", "writeOnly"],
        "returned": ["always", "never", "default", "request"],
        "uniqueness": ["none", "server", "global"],
    ]

    /// Problems of the attribute definitions `attributes` (DISC-11), with complex sub-attributes (SCH-22), as text.
    static func problems(in attributes: [JSONValue], of schema: String, nested: Bool = false) -> [String] {
        var problems: [String] = []
        for attribute in attributes {
            let name = attribute["name"]?.stringValue ?? "?"
            if attribute["name"]?.stringValue == nil { problems.append("\(schema): an attribute has no name") }
            for (key, allowed) in characteristics {
                if let value = attribute[key], !(value.stringValue.map(allowed.contains) ?? false) {
                    problems.append("\(schema) \(name).\(key) = \(value.serialized())")
                }
            }
            if attribute["multiValued"]?.boolValue == nil {
                problems.append("\(schema) \(name).multiValued is not a boolean")
            }
            if nested && attribute["type"] == "complex" {
                problems.append("\(schema) \(name) is a complex sub-attribute")
            }
            if let sub = attribute["subAttributes"]?.arrayValue {
                problems += Self.problems(in: sub, of: schema, nested: true)
            }
        }
        return problems
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "rfc.discovery.read-only",
            "Discovery is read-only and binding: writes are refused, required extensions enforced, "
                + "unadvertised PATCH and Bulk answer 501",
            .spec(.rfc7644("4")), .spec(.rfc7644("3.12")), .spec(.rfc7643("6")), .spec(.checklist("ERR-16")),
            .spec(.checklist("RFCX-15")), .spec(.checklist("DISC-07")), .spec(.checklist("ERR-17")),
            .tags("rfc", "discovery"), .writes,
            .note("each write resends what GET returned, so a server that accepts it changes nothing"),
            .note("the extension and 501 checks apply only when a User extension is required or a feature is off")
        ) { s in
            let config = try await s.get("/ServiceProviderConfig") { Status(200) }
            let types = try await s.get("/ResourceTypes") { Status(200) }
            let schemas = try await s.get("/Schemas") { Status(200) }
            let writes: [(String, String, JSONValue)] = [
                ("POST", "/ServiceProviderConfig", config.json ?? [:]),
                ("PUT", "/ServiceProviderConfig", config.json ?? [:]),
                ("POST", "/ResourceTypes", types.json?["Resources"]?[0] ?? [:]),
                ("POST", "/Schemas", schemas.json?["Resources"]?[0] ?? [:]),
            ]
            for (method, path, body) in writes {
                let response = try await s.request(method, path, json: body)
                s.verify(
                    "\(method) \(path) is refused", (400..<500).contains(response.status) || response.status == 501,
                    expected: "405 (or another 4xx, or 501)", actual: "\(response.status)",
                    specs: [.checklist("ERR-16"), .rfc7644("4")],
                    fixHint: "serve discovery endpoints for GET only and answer other methods with 405 and a SCIM error"
                )
            }
            let userType = types.json?["Resources"]?.arrayValue?.first { $0["name"] == "User" }
            if userType?["schemaExtensions"]?.arrayValue?.contains(where: { $0["required"] == true }) == true {
                let (_, body) = RFCFixtures.userBody(s, "no-extension")
                let response = try await s.post("/Users", json: body) {
                    Status(400).spec(.checklist("DISC-07")).hint("a required extension must be present on create")
                    SCIMError(status: 400)
                }
                if let id = response.json?["id"]?.stringValue {
                    s.onCleanup { try await $0.removeCreatedUser(id: id) }
                }
            }
            if !s.capabilities.supports(.patch) {
                let (id, _) = try await RFCFixtures.createUser(s, "no-patch")
                try await s.patch(
                    RFCFixtures.user(id),
                    json: RFCCoreProtocol.patchOp([["op": "replace", "path": "title", "value": "x"]])
                ) {
                    Status(501).spec(.checklist("ERR-17")).hint("answer PATCH with 501 when patch.supported is false")
                }
            }
            if !s.capabilities.supports(.bulk) {
                try await s.post("/Bulk", json: ["schemas": [.string(SCIMURN.bulkRequest)], "Operations": []]) {
                    Status(501).spec(.checklist("ERR-17")).hint("answer /Bulk with 501 when bulk.supported is false")
                }
            }
        },
        Scenario(
            "rfc.discovery.schemas-truthful",
            "/Schemas describes every attribute with valid characteristics, truthfully for the core User; "
                + "discovery ignores paging and filters",
            .spec(.rfc7643("7")), .spec(.rfc7643("8.7.1")), .spec(.rfc7644("4")), .spec(.checklist("DISC-09")),
            .spec(.checklist("DISC-10")), .spec(.checklist("DISC-11")), .spec(.checklist("DISC-12")),
            .spec(.checklist("SCH-22")), .spec(.checklist("GEN-11")), .tags("rfc", "discovery")
        ) { s in
            let list = try await s.get("/Schemas") {
                Status(200)
                ListResponse(nonEmpty: true).spec(.checklist("DISC-09"))
            }
            let schemas = list.json?["Resources"]?.arrayValue ?? []
            var problems: [String] = []
            for schema in schemas {
                let id = schema["id"]?.stringValue ?? "?"
                if id.lowercased().hasPrefix("urn:ietf:params:scim:api:") {
                    problems.append("\(id) is a message schema (GEN-11)")
                }
                problems += Self.problems(in: schema["attributes"]?.arrayValue ?? [], of: id)
            }
            s.verify(
                "every attribute definition is well formed", problems.isEmpty, expected: "valid RFC 7643 §7 values",
                actual: problems.isEmpty ? "all valid" : problems.prefix(5).joined(separator: "; "),
                specs: [.checklist("DISC-11"), .checklist("SCH-22"), .checklist("GEN-11")])
            let user = schemas.first { $0["id"] == .string(SCIMURN.coreUser) }
            let attributes = user?["attributes"]?.arrayValue ?? []
            func attribute(_ name: String) -> JSONValue? {
                attributes.first { $0["name"]?.stringValue?.lowercased() == name.lowercased() }
            }
            let userName = attribute("userName")
            s.verify(
                "userName is required, case-insensitive and unique",
                userName?["required"] == true && userName?["caseExact"] != true
                    && ["server", "global"].contains(userName?["uniqueness"]?.stringValue ?? ""),
                expected: "required true, caseExact false, uniqueness server",
                actual: userName?.serialized() ?? "no userName in the core User schema",
                specs: [.checklist("DISC-12"), .rfc7643("4.1.1")])
            if let password = attribute("password") {
                s.verify(
                    "password is writeOnly and never returned",
                    password["mutability"] == "writeOnly" && password["returned"] == "never",
                    expected: "mutability writeOnly, returned never", actual: password.serialized(),
                    specs: [.checklist("DISC-12"), .rfc7643("4.1.1")])
            }
            if let groups = attribute("groups") {
                s.verify(
                    "groups is readOnly", groups["mutability"] == "readOnly", expected: "mutability readOnly",
                    actual: groups["mutability"]?.serialized() ?? "absent (readWrite)",
                    specs: [.checklist("DISC-12"), .rfc7643("4.1.2")])
            }
            let types = try await s.get("/ResourceTypes") { Status(200) }
            let all = types.json?["Resources"]?.arrayValue?.count ?? 0
            let paged = try await s.get("/ResourceTypes", query: "count=1") { Status(oneOf: 200, 403) }
            if paged.status == 200 {
                let count = paged.json?["Resources"]?.arrayValue?.count ?? 0
                s.verify(
                    "count is ignored on /ResourceTypes", count == all, expected: "\(all) resource types",
                    actual: "\(count)", specs: [.checklist("DISC-10")],
                    fixHint: "discovery endpoints ignore paging, sorting and filters (RFC 7644 §4)")
            }
        },
        Scenario(
            "rfc.errors.not-found",
            "Unknown groups, schemas, resource types, endpoints and odd ids answer 404 with a SCIM error",
            .spec(.rfc7644("3.12")), .spec(.checklist("ERR-15")), .spec(.checklist("GET-02")),
            .spec(.checklist("ERR-01")), .spec(.checklist("ERR-02")), .tags("rfc", "errors")
        ) { s in
            for path in [
                "/Groups/2819c223-7f76-453a-919d-fffffffffffc", "/Users/010101001010101011001010101011",
                "/Schemas/urn:scimcheck:unknown:schema", "/ResourceTypes/ScimcheckUnknown", "/ScimcheckWidgets",
            ] {
                try await s.get(path) {
                    Status(404).spec(.checklist("ERR-15"))
                        .because("Okta's SPEC test reads an odd, unknown id and expects 404, not 400")
                    SCIMError(status: 404).spec(.checklist("ERR-01")).spec(.checklist("ERR-02"))
                }
            }
        },
        Scenario(
            "rfc.errors.bad-token", "A wrong bearer token answers 401 with a SCIM error",
            .spec(.rfc7644("2")), .spec(.rfc7644("3.12")), .spec(.checklist("SEC-02")), .tags("rfc", "errors", "auth")
        ) { s in
            try await s.request(
                "GET", "/Users", query: "count=1",
                headers: [HTTPHeader("Authorization", "Bearer scimcheck-not-a-token")]
            ) {
                Status(401).spec(.checklist("SEC-02")).because("Okta reports a wrong token only when it gets a 401")
                SCIMError(status: 401)
            }
        },
        Scenario(
            "rfc.list.page-shape",
            "A page has integer totalResults, startIndex and itemsPerPage; startIndex < 1 is 1; count < 0 is 0; "
                + "no page exceeds filter.maxResults",
            .spec(.rfc7644("3.4.2")), .spec(.rfc7644("3.4.2.4")), .spec(.checklist("LST-02")),
            .spec(.checklist("LST-06")), .spec(.checklist("LST-08")), .spec(.checklist("LST-09")),
            .tags("rfc", "list", "paging"), .writes
        ) { s in
            _ = try await RFCFixtures.createUser(s, "page-shape")
            try await s.get("/Users", query: "count=1") {
                Status(200)
                ListResponse(maxItems: 1)
                JSON("/totalResults").integer().spec(.checklist("LST-02"))
                JSON("/startIndex", equals: 1).spec(.checklist("LST-02"))
                JSON("/itemsPerPage", equals: 1).spec(.checklist("LST-02"))
                JSON("/Resources/0/id").nonEmpty().spec(.checklist("LST-02"))
            }
            try await s.get("/Users", query: "startIndex=-5&count=1") {
                Status(200).hint("read a startIndex below 1 as 1, do not reject it")
                JSON("/startIndex", equals: 1).spec(.checklist("LST-06"))
            }
            try await s.get("/Users", query: "count=-1") {
                Status(200).hint("read a negative count as 0 (RFC 7644 §3.4.2.4)")
                ListResponse(maxItems: 0).spec(.checklist("LST-08"))
            }
            let config = try await s.get("/ServiceProviderConfig") { Status(200) }
            let maxResults = config.json?["filter"]?["maxResults"]?.intValue ?? Int.max
            let all = try await s.get("/Users") { Status(200) }
            let size = all.json?["Resources"]?.arrayValue?.count ?? 0
            s.verify(
                "a page without count holds at most filter.maxResults", size <= maxResults,
                expected: "at most \(maxResults)", actual: "\(size)", specs: [.checklist("LST-09")])
        },
        Scenario(
            "rfc.projection.returned",
            "attributes selects sub-attributes case-insensitively, never returns password; meta can be excluded",
            .spec(.rfc7644("3.4.2.5")), .spec(.rfc7644("3.9")), .spec(.rfc7643("7")), .spec(.checklist("ATTR-01")),
            .spec(.checklist("ATTR-03")), .spec(.checklist("ATTR-05")), .spec(.checklist("ATTR-08")),
            .spec(.checklist("ATTR-10")), .spec(.checklist("ATTR-13")), .tags("rfc", "projection"), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(
                s, "returned", extra: JSONObject([("password", "t1meMa$heen-42"), ("title", "Shown")]))
            try await s.get(RFCFixtures.user(id), query: "attributes=name.familyName") {
                Status(200)
                JSON("/id", equals: .string(id))
                JSON("/name/familyName", equals: "returned").spec(.checklist("ATTR-03"))
                JSON("/name/givenName").absent().spec(.checklist("ATTR-03"))
                    .hint("a sub-attribute in attributes returns that sub-attribute only")
                JSON("/title").absent()
            }
            try await s.get(RFCFixtures.user(id), query: "attributes=USERNAME,Title") {
                JSON("/userName", equals: .string(userName)).spec(.checklist("ATTR-05"))
                JSON("/title", equals: "Shown").spec(.checklist("ATTR-05"))
                    .hint("attribute names in attributes are case-insensitive")
            }
            try await s.get(RFCFixtures.user(id), query: "attributes=password,userName") {
                JSON("/password").absent().spec(.checklist("ATTR-08")).spec(.checklist("SCH-13"))
                    .hint("returned:never attributes stay hidden even when asked for")
                JSON("/userName", equals: .string(userName))
            }
            try await s.get(RFCFixtures.user(id), query: "excludedAttributes=meta") {
                JSON("/meta").absent().spec(.checklist("ATTR-13"))
                JSON("/id", equals: .string(id))
            }
            if s.capabilities.supports(.patch) {
                try await s.request(
                    "PATCH", RFCFixtures.user(id), query: "attributes=title",
                    json: RFCCoreProtocol.patchOp([["op": "replace", "path": "title", "value": "T2"]])
                ) {
                    Status(200).spec(.checklist("ATTR-10")).hint("a PATCH with attributes answers 200 with a body")
                    JSON("/title", equals: "T2").spec(.checklist("ATTR-10"))
                }
            }
        },
        Scenario(
            "rfc.media.negotiation",
            "Accept application/scim+json or none both work; UTF-8 round-trips; body attribute names are "
                + "case-insensitive and in any order",
            .spec(.rfc7644("3.8")), .spec(.rfc7643("2.1")), .spec(.rfc7643("2.3.8")), .spec(.checklist("GEN-01")),
            .spec(.checklist("GEN-02")), .spec(.checklist("GEN-04")), .spec(.checklist("GEN-10")),
            .spec(.checklist("GEN-12")), .tags("rfc", "media-type"), .writes
        ) { s in
            try await s.request("GET", "/Users", query: "count=1", headers: [HTTPHeader("Accept", SCIMMediaType.scim)])
            {
                Status(200).spec(.checklist("GEN-02")).hint("never answer Accept: application/scim+json with 406")
            }
            var headers = s.defaultHeaders(hasBody: false)
            headers.remove(named: "Accept")
            try await s.send(
                HTTPRequest(method: "GET", url: s.context.url("/Users", query: "count=1"), headers: headers)
            ) {
                Status(200).spec(.checklist("GEN-04")).hint("with no Accept header, answer application/scim+json")
                Header("Content-Type", contains: SCIMMediaType.scim).spec(.checklist("GEN-04"))
            }
            let utf8Name = s.unique("ütf-测试") + "@example.test"
            let (utf8ID, _) = try await RFCFixtures.createUser(s, "utf8", userName: utf8Name)
            try await s.get(RFCFixtures.user(utf8ID)) {
                JSON("/userName", equals: .string(utf8Name)).spec(.checklist("GEN-01"))
                    .hint("read and write UTF-8 without changing a byte")
            }
            let mixedName = s.unique("mixed-case") + "@example.test"
            let created = try await s.post(
                "/Users",
                json: .object(
                    JSONObject([
                        ("UserName", .string(mixedName)), ("Active", true),
                        ("emails", [["Primary": true, "Value": .string(mixedName), "type": "work"]]),
                        ("schemas", [.string(SCIMURN.coreUser)]),
                    ]))
            ) {
                Status(201).spec(.checklist("GEN-10")).spec(.checklist("GEN-12"))
                    .hint("match attribute names case-insensitively and accept keys in any order")
                JSON("/userName", equals: .string(mixedName)).spec(.checklist("GEN-10"))
                JSON("/active", equals: true).spec(.checklist("GEN-10"))
                JSON("/emails/0/primary", equals: true).spec(.checklist("GEN-10"))
            }
            if let id = created.json?["id"]?.stringValue { s.onCleanup { try await $0.removeCreatedUser(id: id) } }
        },
    ]
}
