import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// rfc-core's filter matrix (rfc-checklist.md §13, testers-survey.md §4 checks 14–17): three run-unique users whose
/// attributes tell the operators apart, and filters each scoped to them with `userName sw "<run prefix>" and (…)`.
enum RFCFilterMatrix {
    /// The three users, by label, with their ids and the prefix their userNames share.
    struct People {
        var prefix: String
        var ids: [String: String]
        /// Whether bob, created without `active`, came back with the default `active: true`.
        var bobDefaultsActive: Bool
    }

    /// Creates alice (Employee, title, work email at example.com), bob (Intern, no title, work email elsewhere but
    /// a home one at example.com: the same-value trap of FILT-23) and carol (inactive Intern with a tricky
    /// displayName).
    static func people(_ s: Session) async throws -> People {
        let prefix = s.unique("filter")
        let bodies: [(String, JSONObject)] = [
            (
                "alice",
                JSONObject([
                    ("title", "Tour Guide"), ("userType", "Employee"), ("externalId", "Ext-Alice"),
                    ("name", ["givenName": "Alice", "familyName": "Jensen"]),
                    (
                        "emails",
                        [
                            ["value": "alice@example.com", "type": "work", "primary": true],
                            ["value": "alice@jensen.org", "type": "home"],
                        ]
                    ),
                ])
            ),
            (
                "bob",
                JSONObject([
                    ("userType", "Intern"), ("externalId", "Ext-Bob"),
                    ("name", ["givenName": "Bob", "familyName": "Smith"]),
                    (
                        "emails",
                        [
                            ["value": "bob@other.org", "type": "work", "primary": true],
                            ["value": "bob@example.com", "type": "home"],
                        ]
                    ),
                ])
            ),
            (
                "carol",
                JSONObject([
                    ("title", "Boss"), ("userType", "Intern"), ("active", false), ("displayName", "R and D (Team) [x]"),
                    ("name", ["givenName": "Carol", "familyName": "Mouse"]),
                    ("emails", [["value": "carol@other.org", "type": "work", "primary": true]]),
                ])
            ),
        ]
        var ids: [String: String] = [:]
        var bobDefaultsActive = false
        for (label, extra) in bodies {
            var (_, body) = RFCFixtures.userBody(s, label, userName: "\(prefix)-\(label)@example.test", extra: extra)
            if label == "bob", case .object(var object) = body {
                object["active"] = nil
                body = .object(object)
            }
            let response = try await s.post("/Users", json: body) { Status(in: 200..<300) }
            let id = try s.require(response.json?["id"]?.stringValue, "the created user has an id")
            s.onCleanup { try await $0.removeCreatedUser(id: id) }
            ids[label] = id
            if label == "bob" { bobDefaultsActive = response.json?["active"] == true }
        }
        return People(prefix: prefix, ids: ids, bobDefaultsActive: bobDefaultsActive)
    }

    /// Queries `userName sw "<prefix>" and (expression)` and verifies the users found are exactly `expected`.
    static func expect(
        _ s: Session, _ people: People, _ expression: String, finds expected: [String], _ ids: [String],
        hint: String? = nil, fileID: String = #fileID, line: Int = #line
    ) async throws {
        let filter = "userName sw \"\(people.prefix)\" and (\(expression))"
        let response = try await s.get("/Users", query: RFCFixtures.filter(filter)) { Status(200) }
        let found = Set(response.json?["Resources"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
        let labels = ["alice", "bob", "carol"]
        let foundLabels = labels.filter { people.ids[$0].map(found.contains) == true }
        let strangers = found.subtracting(people.ids.values).count
        s.verify(
            "\(expression) finds \(expected.isEmpty ? "nobody" : expected.joined(separator: ", "))",
            response.status == 200 && foundLabels == expected && strangers == 0,
            expected: expected.isEmpty ? "no users" : expected.joined(separator: ", "),
            actual: response.status != 200
                ? "status \(response.status)"
                : (foundLabels.isEmpty && strangers == 0
                    ? "no users"
                    : (foundLabels + (strangers > 0 ? ["\(strangers) other"] : [])).joined(separator: ", ")),
            specs: ids.map { .checklist($0) } + [.rfc7644("3.4.2.2")], fixHint: hint, fileID: fileID, line: line)
    }

    static let scenarios: [Scenario] = [
        Scenario(
            "rfc.filter.comparison-operators",
            "eq ne co sw ew pr gt ge lt le find exactly the users they should, case-insensitively for userName",
            .spec(.rfc7644("3.4.2.2")), .spec(.rfc7643("7")), .spec(.checklist("FILT-02")),
            .spec(.checklist("FILT-03")), .spec(.checklist("FILT-06")), .spec(.checklist("FILT-07")),
            .spec(.checklist("FILT-08")), .spec(.checklist("FILT-09")), .spec(.checklist("FILT-10")),
            .spec(.checklist("FILT-11")), .spec(.checklist("FILT-12")), .spec(.checklist("FILT-13")),
            .spec(.checklist("FILT-15")), .spec(.checklist("FILT-16")), .spec(.checklist("FILT-22")),
            .spec(.checklist("FILT-30")), .spec(.checklist("FILT-31")), .spec(.checklist("FILT-35")),
            .tags("rfc", "filter"), .requires(.filter),
            .writes
        ) { s in
            let p = try await people(s)
            try await expect(s, p, "title eq \"Tour Guide\"", finds: ["alice"], ["FILT-02", "FILT-08"])
            try await expect(s, p, "userType ne \"Employee\"", finds: ["bob", "carol"], ["FILT-09"])
            try await expect(s, p, "name.familyName co \"ens\"", finds: ["alice"], ["FILT-10", "FILT-22"])
            try await expect(s, p, "userName sw \"\(p.prefix)-bo\"", finds: ["bob"], ["FILT-11"])
            try await expect(s, p, "userName ew \"carol@example.test\"", finds: ["carol"], ["FILT-11"])
            try await expect(
                s, p, "title pr", finds: ["alice", "carol"], ["FILT-12"],
                hint: "pr matches attributes that have a non-empty value")
            try await expect(s, p, "userName gt \"\(p.prefix)-b\"", finds: ["bob", "carol"], ["FILT-13"])
            try await expect(
                s, p, "userName ge \"\(p.prefix)-bob@example.test\"", finds: ["bob", "carol"], ["FILT-13"])
            try await expect(
                s, p, "userName le \"\(p.prefix)-bob@example.test\"", finds: ["alice", "bob"], ["FILT-13"])
            try await expect(
                s, p, "userName lt \"\(p.prefix)-B\"", finds: ["alice"], ["FILT-13", "FILT-06"],
                hint: "order caseExact=false strings case-insensitively in gt/ge/lt/le too")
            try await expect(
                s, p, "USERNAME Eq \"\(p.prefix.uppercased())-ALICE@EXAMPLE.TEST\"", finds: ["alice"],
                ["FILT-03", "FILT-06"], hint: "attribute names, operators and caseExact=false values ignore case")
            try await expect(
                s, p, "externalId eq \"ext-alice\"", finds: [], ["FILT-07"],
                hint: "externalId is caseExact (RFC 7643 §3.1): compare it case-sensitively")
            try await expect(s, p, "externalId eq \"Ext-Alice\"", finds: ["alice"], ["FILT-07"])
            try await expect(s, p, "displayName eq \"R and D (Team) [x]\"", finds: ["carol"], ["FILT-30"])
            try await expect(s, p, "active eq false", finds: ["carol"], ["FILT-31"])
            try await expect(
                s, p, "active eq true", finds: p.bobDefaultsActive ? ["alice", "bob"] : ["alice"],
                ["FILT-31", "FILT-35"],
                hint: "a filter compares the value the server returns, defaults included")
            try await expect(
                s, p, "meta.created gt \"2015-10-10T14:38:21.8617979-07:00\"", finds: ["alice", "bob", "carol"],
                ["FILT-15"],
                hint: "compare dateTime values as instants, not as strings")
            try await expect(
                s, p, "meta.lastModified lt \"2000-01-01T02:00:00+02:00\"", finds: [], ["FILT-15", "FILT-16"])
        },
        Scenario(
            "rfc.filter.logic-and-paths",
            "and/or/not precedence, grouping, multi-valued and value-path filters, URN-qualified names",
            .spec(.rfc7644("3.4.2.2")), .spec(.rfc7644("3.10")), .spec(.checklist("FILT-17")),
            .spec(.checklist("FILT-19")), .spec(.checklist("FILT-20")), .spec(.checklist("FILT-21")),
            .spec(.checklist("FILT-23")), .spec(.checklist("FILT-24")), .spec(.checklist("FILT-26")),
            .spec(.checklist("FILT-27")), .spec(.checklist("FILT-29")), .tags("rfc", "filter"), .requires(.filter),
            .writes
        ) { s in
            let p = try await people(s)
            try await expect(
                s, p, "userType eq \"Intern\" or userType eq \"Employee\" and title pr",
                finds: ["alice", "bob", "carol"],
                ["FILT-17"], hint: "and binds tighter than or")
            try await expect(
                s, p, "(userType eq \"Intern\" or userType eq \"Employee\") and title pr", finds: ["alice", "carol"],
                ["FILT-17"], hint: "parentheses group before and/or")
            try await expect(s, p, "not (userType eq \"Intern\")", finds: ["alice"], ["FILT-19"])
            try await expect(s, p, "emails.type eq \"home\"", finds: ["alice", "bob"], ["FILT-20"])
            try await expect(s, p, "emails co \"jensen.org\"", finds: ["alice"], ["FILT-21"])
            try await expect(
                s, p, "emails[type eq \"work\" and value co \"example.com\"]", finds: ["alice"], ["FILT-23"],
                hint: "every expression inside [...] applies to the same email, not to any email each")
            try await expect(s, p, "userType eq \"Intern\" and emails[type eq \"home\"]", finds: ["bob"], ["FILT-24"])
            try await expect(
                s, p, "\(SCIMURN.coreUser):title eq \"Boss\"", finds: ["carol"], ["FILT-26"],
                hint: "accept attribute names qualified by their schema URN (RFC 7644 §3.10)")
            try await expect(s, p, "\(SCIMURN.coreUser.uppercased()):TITLE eq \"Boss\"", finds: ["carol"], ["FILT-27"])
            try await expect(
                s, p, "meta.resourceType eq \"User\"", finds: ["alice", "bob", "carol"], ["FILT-29"])
        },
    ]
}
