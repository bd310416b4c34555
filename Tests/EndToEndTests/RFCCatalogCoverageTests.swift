import SCIMCheckKit
import SCIMCheckScenarios
import SCIMCheckTestSupport
import Testing

/// The built-in catalog covers the RFC checklist and the testers survey (issue 5: rfc-core is "every testable MUST
/// of rfc-checklist.md, and the 40 checks of the survey").
///
/// Coverage is read from the scenarios' spec traits (`.spec(.checklist("ID"))`) in ``Catalog/builtIn``; a MUST-level
/// ID (MUST, SHALL, their NOT forms, REQUIRED, IMPL, or a Table 8/9 status entry) that no scenario cites must be
/// listed in ``exemptions`` with the reason a client run cannot or must not judge it.
@Suite("RFC catalog coverage: checklist MUST IDs and the survey's 40 checks")
struct RFCCatalogCoverageTests {
    /// Why a MUST-level ID has no scenario.
    enum Exemption {
        /// The requirement is about the server's insides, which a client over HTTP cannot observe.
        case serverInternal(String)
        /// A client cannot provoke or judge it in a generic run against an unknown target.
        case untestable(String)
        /// The checklist's §21/§22 lets a compatible server answer otherwise, so failing it would be stricter than
        /// the RFC reading the project adopted.
        case lenient(String)
    }

    /// MUST-level checklist IDs no built-in scenario cites, and why.
    static let exemptions: [String: Exemption] = [
        "GEN-09": .untestable(
            "the version segment, if any, is part of the base URL the user gives; the kit cannot know which other "
                + "version paths the server exposes (the server's own ProtocolTests/versions covers it)"),
        "ERR-13": .untestable("invalidVers is GEN-09's error, untestable for the same reason"),
        "SEC-03": .untestable("needs a second credential with a narrower access policy; a run has one credential"),
        "SEC-05": .untestable(
            "transport security is the scheme of the --target URL the user chooses; loopback runs use plain HTTP "
                + "by design (DESIGN §8.14), and TLS versions are the transport's, not a scenario's"),
        "SEC-06": .serverInternal("token entropy and lifetime are properties of how the server mints tokens"),
        "SEC-10": .serverInternal("how passwords are stored is invisible over HTTP (SCH-13 checks they never return)"),
        "ERR-08": .untestable(
            "tooMany applies only when the server caps result sets; forcing it means creating maxResults+1 resources"),
        "ERR-14": .untestable("403 sensitive needs an attribute the server marks sensitive; /Schemas cannot say so"),
        "ERR-18": .untestable("a client cannot provoke a 500 on purpose (the hostile-input tests look for any 5xx)"),
        "DISC-03": .untestable(
            "it is the premise of capability gating: every .requires scenario runs because /ServiceProviderConfig "
                + "advertises the feature, and fails when the behaviour is missing"),
        "DISC-04": .untestable(
            "a rule for clients: rfc.discovery.service-provider-config requires neither id nor meta of the kit"),
        "CRT-12": .lenient("§21.1: a body without schemas is 400 strict, 201 in the lenient (IdP-compatible) profile"),
        "CRT-13": .lenient("§21.1 schema.ignoreUnknownSchemaUris: unknown URIs are 400 strict, dropped when lenient"),
        "SCH-20": .lenient("ISO 3166-1 validation of addresses.country is REC; lenient servers store it as sent"),
        "UNQ-03": .lenient("PRECIS width mapping of userName is graded WARN when unsupported (advanced)"),
        "UNQ-05": .lenient("the checklist grades a 409 on a shared externalId INFO, so no answer fails"),
        "ATTR-09": .untestable(
            "needs an attribute returned:request; the core schemas have none (§21.2's TestResource is optional)"),
        "ATTR-11": .lenient(
            "the RFC gives no error for attributes and excludedAttributes together: any answer is INFO"),
        "PATCH-02": .lenient("a PATCH without schemas is 400 strict, accepted when lenient (INFO)"),
        "PATCH-31": .lenient(
            "§21.1 patch.upsertOnValuePathMiss (IOP-E05): Entra expects a replace whose value filter matches nothing "
                + "to create the element, and the reference server's default profile does"),
        "PATCH-41": .untestable(
            "meta.lastModified may have one-second resolution; without sleeping a client cannot tell a coarse clock "
                + "from a missed update (meta.version changing is checked by rfc.etag.versions, ETAG-03)"),
        "PATCH-43": .lenient("a PATCH of schemas itself is rare and optional; the checklist grades it INFO"),
        "BULK-10": .lenient("circular bulkId references may be resolved or refused with 409; both conform (WARN)"),
    ]

    /// testers-survey.md §4: the 40 most valuable checks, each with the scenarios that make it.
    static let surveyChecks: [(number: Int, check: String, scenarios: [String])] = [
        (1, "SPC document", ["rfc.discovery.service-provider-config"]),
        (2, "Discovery is read-only", ["rfc.discovery.read-only"]),
        (3, "ResourceTypes complete", ["rfc.discovery.resource-types-and-schemas"]),
        (4, "Schemas resolvable", ["rfc.discovery.resource-types-and-schemas", "rfc.discovery.schemas-truthful"]),
        (5, "Unknown → 404 SCIM Error", ["rfc.errors.unknown-user", "rfc.errors.not-found"]),
        (6, "Auth enforced", ["rfc.errors.unauthenticated", "rfc.errors.bad-token", "okta.oin-spec.11-status-401"]),
        (7, "Response media type", ["rfc.media.scim-json", "rfc.media.negotiation"]),
        (8, "Request media types accepted", ["rfc.media.scim-json", "rfc.media.negotiation"]),
        (9, "ListResponse envelope", ["rfc.list.paging", "rfc.list.page-shape"]),
        (10, "Create → 201 echo", ["rfc.users.create", "okta.oin-spec.06-create-user"]),
        (11, "Create metadata", ["rfc.users.create", "rfc.users.resource-shape"]),
        (12, "id integrity", ["rfc.users.create", "rfc.users.resource-shape", "rfc.users.put-readonly-id"]),
        (13, "Read-back", ["rfc.users.create", "rfc.users.full-user", "okta.oin-spec.07-verify-created-user"]),
        (14, "Filter hit", ["rfc.filter.operators", "rfc.filter.comparison-operators"]),
        (15, "Filter miss", ["rfc.filter.operators", "okta.oin-spec.05-random-user-absent"]),
        (16, "Case-insensitive userName", ["rfc.filter.comparison-operators", "okta.users.lookup-ignores-case"]),
        (17, "Filter operators", ["rfc.filter.comparison-operators", "rfc.filter.logic-and-paths"]),
        (18, "Invalid filter", ["rfc.filter.invalid"]),
        (19, "Uniqueness conflict", ["rfc.users.uniqueness", "rfc.users.put-rules", "rfc.groups.duplicate-name"]),
        (20, "Bad request", ["rfc.users.invalid-bodies", "rfc.users.put-rules", "rfc.users.resource-shape"]),
        (21, "PUT replace", ["rfc.users.put-replace", "rfc.users.put-rules"]),
        (22, "PUT does not create", ["rfc.users.put-unknown"]),
        (23, "Deactivate", ["rfc.patch.attribute-matrix", "okta.users.deactivate-pathless"]),
        (24, "Reactivate / restore", ["okta.users.reactivate", "okta.users.reassign-same-resource"]),
        (25, "PATCH attribute matrix", ["rfc.patch.attribute-matrix", "rfc.users.enterprise-extension"]),
        (26, "PATCH value paths", ["rfc.patch.value-path-and-remove", "rfc.patch.attribute-matrix"]),
        (27, "PATCH multi-op atomicity", ["rfc.patch.atomic", "rfc.patch.attribute-matrix", "rfc.patch.errors"]),
        (28, "PATCH response shape", ["rfc.patch.replace-with-path", "rfc.projection.returned"]),
        (29, "Null/empty clears", ["rfc.patch.attribute-matrix", "rfc.users.put-rules"]),
        (30, "Group create with members", ["rfc.groups.create-with-members"]),
        (31, "Membership add/remove", ["rfc.groups.membership-patch", "rfc.groups.members-patch-matrix"]),
        (32, "Exclude members", ["rfc.projection.attributes"]),
        (33, "Projection", ["rfc.projection.attributes", "rfc.projection.returned", "rfc.search.post"]),
        (34, "Pagination", ["rfc.list.paging", "rfc.list.page-shape", "okta.import.paging"]),
        (35, "count=0", ["rfc.list.paging"]),
        (36, "Sorting", ["rfc.sort.username", "rfc.sort.multi-valued-and-missing"]),
        (37, "Delete lifecycle", ["rfc.users.delete", "rfc.users.delete-twice"]),
        (38, "Mutability rules", ["rfc.users.create", "rfc.users.put-readonly-id", "rfc.patch.errors"]),
        (39, "Enterprise extension and manager", ["rfc.users.enterprise-extension"]),
        (40, "ETag / concurrency", ["rfc.etag.versions"]),
    ]

    /// The checklist IDs cited by the spec traits of the built-in scenarios.
    static func citedIDs() -> Set<String> {
        let specs = Catalog.builtIn.scenarios.flatMap { $0.scenario.traits.specs }
        return Set(specs.filter { $0.document == SpecReference.checklist("").document }.map(\.section))
    }

    @Test("Every client-testable MUST of the checklist is cited by a built-in scenario, or exempted with a reason")
    func mustCoverage() throws {
        let requirements = try RFCChecklist.load()
        let must = requirements.filter(\.isMust).map(\.id)
        #expect(must.count > 150, "the checklist parsed: \(must.count) MUST-level IDs")
        let cited = Self.citedIDs()
        let known = Set(requirements.map(\.id))
        let unknownCitations = cited.subtracting(known).filter { !$0.hasPrefix("RFCX-") && !$0.hasPrefix("IOP-") }
        #expect(unknownCitations.isEmpty, "scenarios cite IDs the checklist lacks: \(unknownCitations.sorted())")
        let uncovered = must.filter { !cited.contains($0) && Self.exemptions[$0] == nil }
        #expect(uncovered.isEmpty, "MUST IDs no scenario cites and no exemption explains: \(uncovered)")
        let staleExemptions = Self.exemptions.keys.filter { cited.contains($0) || !must.contains($0) }.sorted()
        #expect(staleExemptions.isEmpty, "exempted IDs that are cited, or not MUST-level: \(staleExemptions)")
        let covered = must.filter(cited.contains).count
        print(
            "rfc-checklist MUST coverage by the built-in catalog: \(covered)/\(must.count) cited by scenarios; "
                + "\(Self.exemptions.count) exempted; \(must.count - covered - Self.exemptions.count) unexplained")
    }

    @Test("Each of the survey's 40 checks maps to built-in scenarios that exist")
    func surveyCoverage() {
        let ids = Set(Catalog.builtIn.scenarios.map(\.scenario.id))
        #expect(Self.surveyChecks.map(\.number) == Array(1...40))
        for entry in Self.surveyChecks {
            #expect(!entry.scenarios.isEmpty, "check \(entry.number) (\(entry.check)) names no scenario")
            for id in entry.scenarios {
                #expect(ids.contains(id), "check \(entry.number) (\(entry.check)): no scenario \(id)")
            }
        }
        let mapped = Set(Self.surveyChecks.flatMap(\.scenarios))
        print("testers-survey §4: 40/40 checks mapped to \(mapped.count) built-in scenarios")
    }
}
