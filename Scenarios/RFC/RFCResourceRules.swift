import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// rfc-core's resource rules: what every User and Group looks like (schemas, id, meta), what PUT replaces and
/// refuses, and the readOnly attributes a client cannot set (rfc-checklist.md §6–8, §10–11; testers-survey.md §4
/// checks 11–13, 21 and 38).
enum RFCResourceRules {
    /// Whether `text` is an xsd:dateTime with date, time and a zone (RFC 7643 §2.3.5).
    static func isDateTime(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/#) != nil
    }

    /// A base64 (binary) value for `x509Certificates` (RFC 7643 §2.3.6), not a real certificate.
    static let certificate = "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"

    static let scenarios: [Scenario] = [
        Scenario(
            "rfc.users.resource-shape",
            "A user has its schema, a stable server id, complete meta, JSON booleans, and no password or groups input",
            .spec(.rfc7643("3")), .spec(.rfc7643("3.1")), .spec(.rfc7644("3.3")), .spec(.checklist("SCH-01")),
            .spec(.checklist("SCH-04")), .spec(.checklist("SCH-05")), .spec(.checklist("SCH-06")),
            .spec(.checklist("CRT-04")), .spec(.checklist("CRT-06")), .spec(.checklist("CRT-07")),
            .spec(.checklist("CRT-16")), .spec(.checklist("CRT-17")), .spec(.checklist("GET-03")),
            .spec(.checklist("GET-04")), .spec(.checklist("GEN-08")), .spec(.checklist("SCH-13")),
            .spec(.checklist("SCH-07")), .spec(.checklist("SCH-08")), .spec(.checklist("SCH-09")),
            .spec(.checklist("CRT-11")),
            .tags("rfc", "users", "schema"), .writes
        ) { s in
            let groupID = try await RFCCoreProtocol.createGroup(s, "shape")
            try await s.get("/Groups/\(URLPathSegment.encode(groupID))") {
                Status(200)
                JSON("/meta/resourceType", equals: "Group").spec(.checklist("CRT-07"))
            }
            let (userName, body) = RFCFixtures.userBody(
                s, "shape",
                extra: JSONObject([
                    ("password", "t1meMa$heen-42"), ("groups", [["value": .string(groupID)]]),
                    ("meta", ["resourceType": "Group"]), ("x509Certificates", [["value": .string(certificate)]]),
                    (
                        "emails",
                        [
                            ["value": "one@example.com", "type": "work", "primary": true],
                            ["value": "two@example.com", "type": "home"],
                        ]
                    ),
                ]))
            let created = try await s.post("/Users", json: body) {
                Status(in: 200..<300)
                JSON("/password").absent().spec(.checklist("CRT-17"))
            }
            let id = try s.require(created.json?["id"]?.stringValue, "the created user has an id")
            s.onCleanup { try await $0.removeCreatedUser(id: id) }
            let location = created.header("Location") ?? created.json?["meta"]?["location"]?.stringValue ?? ""
            s.verify(
                "the resource URI has no query string", !location.contains("?"), expected: "no ? in \(location)",
                actual: location, specs: [.checklist("GEN-08")])
            let read = try await s.get(RFCFixtures.user(id)) {
                Status(200)
                JSON("/id", equals: .string(id)).spec(.checklist("CRT-04")).hint("the id never changes")
                JSON("/userName", equals: .string(userName))
                JSON("/schemas").contains(.string(SCIMURN.coreUser)).spec(.checklist("SCH-01"))
                JSON("/meta/resourceType", equals: "User").spec(.checklist("CRT-07"))
                    .hint("meta.resourceType comes from the endpoint, never from the client's meta")
                JSON("/meta/created").string().spec(.checklist("SCH-04"))
                JSON("/meta/lastModified").string().spec(.checklist("SCH-04"))
                JSON("/meta/location").string().spec(.checklist("SCH-04"))
                JSON("/active").boolean().spec(.checklist("SCH-06"))
                JSON("/emails/0/primary").boolean().spec(.checklist("SCH-06"))
                JSON("/password").absent().spec(.checklist("GET-03")).spec(.checklist("SCH-13"))
                JSON("/x509Certificates/0/value", equals: .string(certificate)).spec(.checklist("SCH-07"))
                    .hint("store binary values as the base64 text sent")
            }
            let home = read.json?["emails"]?.arrayValue?.first { $0["type"] == "home" }
            s.verify(
                "an email sent without primary is not primary", home?["primary"] == nil || home?["primary"] == false,
                expected: "primary absent or false", actual: home?["primary"]?.serialized() ?? "absent",
                specs: [.checklist("SCH-09")])
            let meta = read.json?["meta"]
            for key in ["created", "lastModified"] {
                s.verify(
                    "meta.\(key) is an xsd:dateTime", isDateTime(meta?[key]?.stringValue),
                    expected: "YYYY-MM-DDThh:mm:ss[.s](Z|±hh:mm)", actual: meta?[key]?.serialized() ?? "absent",
                    specs: [.checklist("SCH-05")])
            }
            let schemas = read.json?["schemas"]?.arrayValue ?? []
            s.verify(
                "schemas lists each URI once", Set(schemas.compactMap(\.stringValue)).count == schemas.count,
                expected: "no duplicates", actual: schemas.map { $0.serialized() }.joined(separator: ", "),
                specs: [.checklist("SCH-01")])
            if let contentLocation = read.header("Content-Location") {
                s.verify(
                    "Content-Location equals meta.location", contentLocation == meta?["location"]?.stringValue,
                    expected: meta?["location"]?.stringValue ?? "meta.location", actual: contentLocation,
                    specs: [.checklist("GET-04"), .checklist("RFCX-11")])
            }
            s.verify(
                "user and group ids differ and never contain \"bulkId\"",
                id != groupID && !id.contains("bulkId") && !groupID.contains("bulkId"),
                expected: "two distinct ids", actual: "user \(id), group \(groupID)",
                specs: [.checklist("CRT-04"), .checklist("CRT-06")])
            let (_, twoPrimaries) = RFCFixtures.userBody(
                s, "two-primaries",
                extra: JSONObject([
                    (
                        "emails",
                        [
                            ["value": "a@example.com", "type": "work", "primary": true],
                            ["value": "b@example.com", "type": "home", "primary": true],
                        ]
                    )
                ]))
            let doubled = try await s.post("/Users", json: twoPrimaries) { Status(oneOf: 201, 400) }
            if let doubledID = doubled.json?["id"]?.stringValue {
                s.onCleanup { try await $0.removeCreatedUser(id: doubledID) }
                let primaries = doubled.json?["emails"]?.arrayValue?.filter { $0["primary"] == true }.count ?? 0
                s.verify(
                    "at most one email is primary", primaries <= 1, expected: "400 invalidValue, or one primary kept",
                    actual: "\(primaries) primary emails stored", specs: [.checklist("SCH-08")])
            }
            try await s.post("/Groups", json: ["schemas": [.string(SCIMURN.coreGroup)]]) {
                Status(400).spec(.checklist("CRT-11")).hint("a Group without displayName is invalid")
                SCIMError(status: 400)
            }
            let members = try await RFCCoreProtocol.memberIDs(s, groupID)
            s.verify(
                "groups sent on a user create are ignored (readOnly)", members.isEmpty,
                expected: "the group has no members",
                actual: RFCCoreProtocol.describe(members, inOrder: [id]), specs: [.checklist("CRT-16")],
                fixHint: "ignore readOnly attributes such as groups on create; membership is set on the Group")
        },
        Scenario(
            "rfc.users.put-rules",
            "PUT replaces multi-valued attributes, keeps meta.created, refuses a missing userName and a taken one",
            .spec(.rfc7644("3.5.1")), .spec(.rfc7644("3.12")), .spec(.checklist("PUT-03")),
            .spec(.checklist("PUT-07")), .spec(.checklist("PUT-09")), .spec(.checklist("UNQ-04")),
            .spec(.checklist("SCH-04")), .spec(.checklist("GEN-13")),
            .spec(.checklist("RFCX-1")), .tags("rfc", "users", "put", "uniqueness"), .writes
        ) { s in
            let (id, userName) = try await RFCFixtures.createUser(
                s, "put-rules",
                extra: JSONObject([
                    ("title", "Before"),
                    (
                        "emails",
                        [
                            ["value": "first@example.com", "type": "work"],
                            ["value": "second@example.com", "type": "home"],
                        ]
                    ),
                ]))
            let (_, takenName) = try await RFCFixtures.createUser(s, "put-taken")
            let before = try await s.get(RFCFixtures.user(id)) { Status(200) }
            try await s.put(
                RFCFixtures.user(id),
                json: [
                    "schemas": [.string(SCIMURN.coreUser)], "userName": .string(userName), "title": .null,
                    "phoneNumbers": [], "emails": [["value": "new@example.com", "type": "work"]],
                ]
            ) { Status(200) }
            try await s.get(RFCFixtures.user(id)) {
                JSON("/emails/0/value", equals: "new@example.com").spec(.checklist("PUT-03"))
                JSON("/emails/1").absent().spec(.checklist("PUT-03")).hint("PUT replaces multi-valued attributes")
                JSON("/title").absent().spec(.checklist("GEN-13")).hint("null means unassigned")
                JSON("/meta/created", equals: before.json?["meta"]?["created"] ?? .null).spec(.checklist("SCH-04"))
                    .hint("meta.created never changes")
            }
            try await s.put(RFCFixtures.user(id), json: ["schemas": [.string(SCIMURN.coreUser)], "title": "No name"]) {
                Status(400).spec(.checklist("PUT-07")).hint("a PUT without the required userName is invalid")
                SCIMError(status: 400)
            }
            let taken = try await s.put(
                RFCFixtures.user(id),
                json: ["schemas": [.string(SCIMURN.coreUser)], "userName": .string(takenName.uppercased())]
            ) {
                Status(oneOf: 409, 400).spec(.checklist("PUT-09"))
                    .hint("renaming into a taken userName (in any letter case) is 409 uniqueness")
                    .because("Okta's profile push of a duplicate userName must fail, not merge two accounts")
            }
            try s.checkLast("PUT", "/Users/\(id)") {
                SCIMError(status: taken.status == 400 ? 400 : 409, scimType: .uniqueness).spec(.checklist("UNQ-04"))
                Status(409).level(.should).spec(.checklist("RFCX-1"))
                    .hint("RFC 7644 §3.3 answers conflicts with 409; Table 9's 400 uniqueness is tolerated")
            }
            try await s.get(RFCFixtures.user(id)) { JSON("/userName", equals: .string(userName)) }
        },
    ]
}
