import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// rfc-core's schema-wide rules: the full core User and group name uniqueness (rfc-checklist.md SCH-12, UNQ-06).
enum RFCCoreEdges {
    /// The optional core User attributes of RFC 7643 §8.2's full user (country fixed to "US", erratum EID 5990).
    static let fullUser = JSONObject([
        (
            "name",
            [
                "formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara",
                "middleName": "Jane", "honorificPrefix": "Ms.", "honorificSuffix": "III",
            ]
        ),
        ("displayName", "Babs Jensen"), ("nickName", "Babs"), ("profileUrl", "https://login.example.com/bjensen"),
        ("title", "Tour Guide"), ("userType", "Employee"), ("preferredLanguage", "en-US"), ("locale", "en-US"),
        ("timezone", "America/Los_Angeles"),
        ("phoneNumbers", [["value": "555-555-5555", "type": "work"]]),
        ("ims", [["value": "someaimhandle", "type": "aim"]]),
        ("photos", [["value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"]]),
        (
            "addresses",
            [
                [
                    "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                    "region": "CA", "postalCode": "91608", "country": "US", "primary": true,
                ]
            ]
        ),
        ("entitlements", [["value": "Employee"]]), ("roles", [["value": "Tour Guide"]]),
        ("x509Certificates", [["value": .string(RFCResourceRules.certificate)]]),
    ])

    static let scenarios: [Scenario] = [
        Scenario(
            "rfc.users.full-user", "The full user of RFC 7643 §8.2 is stored and read back attribute by attribute",
            .spec(.rfc7643("4.1")), .spec(.rfc7643("8.2")), .spec(.checklist("SCH-12")),
            .tags("rfc", "users", "schema"),
            .writes
        ) { s in
            let (id, _) = try await RFCFixtures.createUser(s, "full-user", extra: fullUser)
            let read = try await s.get(RFCFixtures.user(id)) { Status(200) }
            let missing = fullUser.compactMap { key, value -> String? in
                let stored = read.json?[key]
                switch value {
                case .array(let items):
                    let storedItems = stored?.arrayValue ?? []
                    return items.allSatisfy { item in storedItems.contains { $0["value"] == item["value"] } }
                        ? nil : key
                case .object(let object):
                    return object.allSatisfy { stored?[$0.key] == $0.value } ? nil : key
                default:
                    return stored == value ? nil : key
                }
            }
            s.verify(
                "every attribute of the full user reads back", missing.isEmpty, expected: "all sent values",
                actual: missing.isEmpty ? "all present" : "missing or changed: \(missing.joined(separator: ", "))",
                specs: [.checklist("SCH-12")],
                fixHint: "store every core User attribute RFC 7643 §4.1 defines, or leave it out of /Schemas")
        },
        Scenario(
            "rfc.groups.duplicate-name",
            "A second group with the same displayName is created, or refused with 409 as its schema declares",
            .spec(.rfc7643("8.7.1")), .spec(.rfc7644("3.3")), .spec(.checklist("UNQ-06")), .tags("rfc", "groups"),
            .writes
        ) { s in
            let name = s.unique("same-name")
            var ids: [String] = []
            for _ in 0..<2 {
                let response = try await s.post(
                    "/Groups", json: ["schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(name)]
                ) { Status(oneOf: 201, 409) }
                if let id = response.json?["id"]?.stringValue, response.status == 201 {
                    ids.append(id)
                    s.onCleanup { try await $0.removeCreatedGroup(id: id) }
                }
            }
            if ids.count < 2 {
                try s.checkLast("POST", "/Groups") {
                    SCIMError(status: 409, scimType: .uniqueness).spec(.checklist("UNQ-06"))
                }
                let schema = try await s.get("/Schemas/\(URLPathSegment.encode(SCIMURN.coreGroup))") { Status(200) }
                let displayName = schema.json?["attributes"]?.arrayValue?.first { $0["name"] == "displayName" }
                s.verify(
                    "a server that refuses duplicate group names declares displayName unique",
                    ["server", "global"].contains(displayName?["uniqueness"]?.stringValue ?? ""),
                    expected: "displayName uniqueness server", actual: displayName?.serialized() ?? "absent",
                    specs: [.checklist("UNQ-06")])
            }
        },
    ]
}
