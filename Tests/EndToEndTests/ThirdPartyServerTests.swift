import Foundation
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import Testing

/// Against `scim2-server` from PyPI (installed by `make test-deps` and `.ci/run`): a SCIM server scimcheck
/// did not write.
@Suite(.serialized) struct ThirdPartyServerTests {
    let reports = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-e2e-\(UUID().uuidString)")

    func withSCIM2Server<T>(token: String, _ body: (String) async throws -> T) async throws -> T {
        let (server, port) = try await TestServers.start(URL(fileURLWithPath: "/usr/bin/env")) {
            ["scim2-server", "--port", "\($0)", "--bearer-token", token]
        }
        defer { TestServers.stop(server) }
        return try await body("http://127.0.0.1:\(port)/v2")
    }

    @Test func testAPICredentialsPassesAgainstSCIM2Server() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        try await withSCIM2Server(token: "pypi-token-1") { base in
            let result = try await ProcessRunner.run(
                try TestServers.scimcheck,
                [
                    "run", "--target", base, "--token", "pypi-token-1", "--only", "okta.credentials.*",
                    "--report-dir", reports.path,
                ])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("passed okta.credentials.test-api-credentials"))
        }
    }

    /// What the full catalog reports against scim2-server 0.8, scenario by scenario, and why each is a real
    /// deviation of that server rather than a mistake of the kit.
    static let knownDeviations: [String: (Outcome, String)] = [
        "rfc.groups.create-with-members": (
            .warning,
            "scim2-server does not fill the readOnly User attribute groups from group membership; RFC 7643 §4.1.2 "
                + "defines groups as the groups the user belongs to (checklist SCH-15, a SHOULD)"
        )
    ]

    @Test func fullCatalogCompletesWithoutHarnessErrors() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        try await withSCIM2Server(token: "pypi-token-3") { base in
            let result = try await ProcessRunner.run(
                try TestServers.scimcheck,
                ["run", "--target", base, "--token", "pypi-token-3", "--report-dir", reports.path])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let latest = reports.appendingPathComponent("latest")
            let directory = reports.appendingPathComponent(
                try FileManager.default.destinationOfSymbolicLink(atPath: latest.path))
            let report = try JSONReport.parse(Data(contentsOf: directory.appendingPathComponent("report.json")))
            #expect(report.abort == nil)
            #expect(report.summary[.error] == 0, "\(report.scenarios.filter { $0.outcome == .error }.map(\.id))")
            // No admin API outside the embedded server: the ninjaone suite is unsupported, never failed.
            #expect(
                report.scenarios.filter { $0.suite == "ninjaone" }.allSatisfy { $0.outcome == .unsupported })
            let deviations = Dictionary(
                uniqueKeysWithValues: report.scenarios.filter { ![.passed, .unsupported].contains($0.outcome) }
                    .map { ($0.id, $0.outcome) })
            #expect(deviations == Self.knownDeviations.mapValues(\.0), "\(deviations)")
        }
    }

    @Test func wrongTokenExits2WithOktasMessage() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        try await withSCIM2Server(token: "pypi-token-2") { base in
            let result = try await ProcessRunner.run(
                try TestServers.scimcheck,
                ["run", "--target", base, "--token", "wrong-token", "--report-dir", reports.path])
            #expect(result.status == 2)
            let output = result.stdout + result.stderr
            #expect(
                output.contains("Error authenticating: Unauthorized. The connector configuration could not be tested."))
            #expect(!output.contains("wrong-token"))
        }
    }
}
