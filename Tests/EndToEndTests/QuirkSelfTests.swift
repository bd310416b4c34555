import SCIMCheckCLI
import SCIMCheckKit
import SCIMCheckScenarios
import SCIMServer
import Testing

/// The kit tests itself (DESIGN §7, issue 5): the whole built-in catalog against the embedded reference server,
/// once with no quirk (everything passes) and once per server ``Quirk`` with only that quirk on, where the
/// scenarios that do not pass must be exactly the ones listed for it below.
///
/// A scenario "does not pass" when its outcome is failed, warning, informational or error; `unsupported` and
/// `skipped` count as neither (no quirk turns a capability off).
@Suite("Quirk self-test: each server quirk fails exactly the scenarios meant to catch it")
struct QuirkSelfTests {
    /// Quirk → the scenarios that catch it, and why.
    static let expectations: [Quirk: Set<String>] = [
        // 201 is the only success status of a create (RFC 7644 §3.3); fixtures accept any 2xx, the create scenarios do not.
        .createReturns200: [
            "okta.groups.push-create",
            "okta.oin-spec.06-create-user",
            "okta.users.create-on-assign",
            "rfc.groups.create-with-members",
            "rfc.groups.duplicate-name",
            "rfc.media.negotiation",
            "rfc.media.scim-json",
            "rfc.users.create",
        ],
        // Location on a create (RFC 7644 §3.3, SHOULD) and Location = meta.location (CRT-02).
        .omitLocationHeader: [
            "okta.users.create-on-assign",
            "rfc.users.create",
        ],
        // An ignored filter returns every user: lookups find strangers, misses are not misses.
        .ignoreFilter: [
            "ninjaone.roles.group-mapping",
            "ninjaone.users.user-types",
            "okta.groups.membership-remove",
            "okta.oin-spec.03-invalid-user-by-username",
            "okta.oin-spec.05-random-user-absent",
            "rfc.filter.comparison-operators",
            "rfc.filter.invalid",
            "rfc.filter.logic-and-paths",
            "rfc.filter.operators",
        ],
        // Case variants neither collide nor match (RFC 7643 §4.1.1 caseExact false).
        .caseSensitiveUserName: [
            "okta.users.lookup-ignores-case",
            "okta.users.lookup-miss-conflict",
            "rfc.filter.comparison-operators",
            "rfc.users.put-rules",
            "rfc.users.uniqueness",
        ],
        // Okta's path-less PATCH (deactivate, reactivate, group rename) changes nothing.
        .pathlessPatchIgnored: [
            "ninjaone.users.deactivate-keeps-account",
            "okta.users.crud-test-flow",
            "okta.users.deactivate-pathless",
            "okta.users.stale-deactivate-put",
            "rfc.patch.attribute-matrix",
        ],
        // Paging numbers as strings: Okta fails silently (okta-behavior §12.7).
        .numbersAsStrings: [
            "ninjaone.roles.group-mapping",
            "ninjaone.users.deactivate-keeps-account",
            "ninjaone.users.organizations",
            "ninjaone.users.organizations-combined-across-groups",
            "ninjaone.users.user-types",
            "okta.credentials.test-api-credentials",
            "okta.groups.link-existing",
            "okta.groups.membership-remove",
            "okta.groups.push-create",
            "okta.groups.push-now-replace",
            "okta.groups.rename",
            "okta.groups.unlink-delete",
            "okta.import.paging",
            "okta.mappings.assignment-override",
            "okta.mappings.create-and-update",
            "okta.mappings.create-only",
            "okta.mappings.expression",
            "okta.mappings.from-profile",
            "okta.mappings.group-priority",
            "okta.mappings.same-value",
            "okta.oin-spec.01-test-users-endpoint",
            "okta.oin-spec.03-invalid-user-by-username",
            "okta.oin-spec.05-random-user-absent",
            "okta.oin-spec.10-groups-endpoint",
            "okta.users.create-on-assign",
            "okta.users.crud-test-flow",
            "okta.users.deactivate-pathless",
            "okta.users.link-on-match",
            "okta.users.lookup-ignores-case",
            "okta.users.lookup-miss-conflict",
            "okta.users.profile-push",
            "okta.users.reactivate",
            "okta.users.reassign-same-resource",
            "okta.users.stale-deactivate-put",
            "rfc.discovery.resource-types-and-schemas",
            "rfc.discovery.schemas-truthful",
            "rfc.filter.operators",
            "rfc.list.page-shape",
            "rfc.list.paging",
            "rfc.projection.attributes",
            "rfc.search.post",
            "rfc.search.root",
            "rfc.sort.username",
            "rfc.users.delete",
            "rfc.users.put-unknown",
        ],
        // Error status as a number (RFC 7644 §3.12 wants the string); the SPEC-test steps 11 and 12 accept it.
        .errorStatusAsNumber: errorBodyChecks,
        // PATCH answers 501: Okta never falls back to PUT.
        .patchNotImplemented: [
            "ninjaone.roles.group-mapping",
            "ninjaone.users.deactivate-keeps-account",
            "okta.groups.membership-remove",
            "okta.groups.push-create",
            "okta.groups.push-now-replace",
            "okta.groups.rename",
            "okta.users.crud-test-flow",
            "okta.users.deactivate-pathless",
            "okta.users.stale-deactivate-put",
            "rfc.groups.members-patch-matrix",
            "rfc.groups.membership-patch",
            "rfc.patch.atomic",
            "rfc.patch.attribute-matrix",
            "rfc.patch.errors",
            "rfc.patch.replace-with-path",
            "rfc.patch.value-path-and-remove",
            "rfc.projection.returned",
            "rfc.users.enterprise-extension",
        ],
        // The lookup misses a differently-cased userName, the create then collides.
        .caseSensitiveUserNameFilter: [
            "okta.users.lookup-ignores-case",
            "okta.users.lookup-miss-conflict",
            "rfc.filter.comparison-operators",
        ],
        // PUT keeps active: the stale-PUT replay and anything deactivating by PUT.
        .putIgnoresActive: [
            "okta.users.stale-deactivate-put"
        ],
        // itemsPerPage echoes count: the past-the-end page of Okta's import.
        .itemsPerPageEchoesCount: [
            "okta.import.paging"
        ],
        // A duplicate create hands back the existing user: Okta's SPEC test step 8 and its 409 handling.
        .duplicateUserNameUpserts: [
            "okta.oin-spec.08-duplicate-create-conflicts",
            "okta.users.create-conflict-not-linked",
            "rfc.bulk.failures",
            "rfc.users.uniqueness",
        ],
        // sortBy ignored while sort is advertised.
        .sortIgnored: [
            "rfc.sort.multi-valued-and-missing",
            "rfc.sort.username",
        ],
        // attributes / excludedAttributes ignored.
        .projectionIgnored: [
            "rfc.projection.attributes",
            "rfc.projection.returned",
            "rfc.search.post",
            "rfc.users.enterprise-extension",
        ],
        // Plain-text errors: every check of an error body, and Okta's reading of them.
        .plainTextErrors: errorBodyChecks.union([
            "okta.oin-spec.04-invalid-user-by-id",
            "okta.oin-spec.11-status-401",
            "okta.oin-spec.12-status-404",
            "rfc.media.scim-json",
        ]),
    ]

    /// The scenarios that check a SCIM error body's `status` string (RFC 7644 §3.12): a numeric status fails them,
    /// and so does a plain-text body.
    static let errorBodyChecks: Set<String> = [
        "ninjaone.scim.disable-enable",
        "ninjaone.token.lifecycle",
        "okta.users.create-conflict-not-linked",
        "rfc.bulk.failures",
        "rfc.errors.bad-token",
        "rfc.errors.not-found",
        "rfc.errors.unauthenticated",
        "rfc.errors.unknown-user",
        "rfc.etag.versions",
        "rfc.filter.invalid",
        "rfc.patch.atomic",
        "rfc.patch.errors",
        "rfc.search.post",
        "rfc.users.delete",
        "rfc.users.delete-twice",
        "rfc.users.invalid-bodies",
        "rfc.users.put-rules",
        "rfc.users.put-unknown",
        "rfc.users.resource-shape",
        "rfc.users.uniqueness",
    ]

    /// The ids of the scenarios in `report` that did not pass.
    static func notPassing(_ report: RunReport) -> Set<String> {
        Set(
            report.scenarios.filter { ![.passed, .unsupported, .skipped].contains($0.outcome) }.map(\.id))
    }

    /// What a run's non-passing scenarios said, for a failure message.
    static func explain(_ report: RunReport, _ ids: Set<String>) -> String {
        report.scenarios.filter { ids.contains($0.id) }.map { scenario in
            let findings = scenario.checks.filter { !$0.passed }.map { "  - \($0.summary): \($0.actual)" }
            return "\(scenario.id) [\(scenario.outcome.rawValue)] \(scenario.reason ?? "")\n"
                + findings.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    @Test("Every quirk has an expectation that names at least one scenario of the catalog")
    func everyQuirkIsCovered() {
        let ids = Set(Catalog.builtIn.scenarios.map(\.scenario.id))
        for quirk in Quirk.allCases {
            let expected = Self.expectations[quirk]
            #expect(expected?.isEmpty == false, "\(quirk) catches no scenario")
            #expect(
                expected?.isSubset(of: ids) == true, "\(quirk) lists unknown ids: \(expected?.subtracting(ids) ?? [])")
        }
    }

    @Test("The catalog against the reference server", arguments: [nil] + Quirk.allCases.map(Optional.some))
    func catalog(with quirk: Quirk?) async throws {
        let report = try await EmbeddedTarget.run(.builtIn) { configuration in
            if let quirk { configuration.quirks = [quirk] }
        }
        #expect(report.abort == nil, "\(String(describing: report.abort))")
        let actual = Self.notPassing(report)
        let expected = quirk.flatMap { Self.expectations[$0] } ?? []
        let name = quirk?.rawValue ?? "no quirk"
        #expect(
            actual == expected,
            """
            \(name): unexpected \(actual.subtracting(expected).sorted()), \
            missing \(expected.subtracting(actual).sorted())
            \(Self.explain(report, actual.symmetricDifference(expected)))
            """)
    }
}
