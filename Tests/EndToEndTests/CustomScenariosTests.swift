import Foundation
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import Testing

/// Examples/CustomScenarios, a user's own suite on the library products (DESIGN §8.8), runs with the same
/// command line, reports and exit codes as `scimcheck`, against the embedded server.
@Suite struct CustomScenariosTests {
    let reports = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-custom-\(UUID().uuidString)")

    var executable: URL {
        get throws { try TestServers.scimcheck.deletingLastPathComponent().appendingPathComponent("custom-scenarios") }
    }

    @Test func ownSuiteRunsWithTheSameMachinery() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        let result = try await ProcessRunner.run(
            try executable, ["run", "--suite", "acme-custom", "--report-dir", reports.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try JSONReport.parse(
            Data(contentsOf: reports.appendingPathComponent("latest").appendingPathComponent("report.json")))
        #expect(report.target.embedded)
        #expect(
            report.scenarios.map(\.id) == [
                "acme.users.display-name-round-trip", "acme.okta.unassign-keeps-user",
                "acme.groups.unknown-name-is-empty",
            ])
        #expect(report.summary[.passed] == 3, "\(report.summary)")
        let okta = try #require(report.scenarios.first { $0.id == "acme.okta.unassign-keeps-user" })
        #expect(okta.exchanges.contains { $0.request.headers.first(named: "User-Agent") == "Okta SCIM Client 1.0.0" })
    }

    @Test func ownSuiteIsListedBesideTheBuiltInCatalog() async throws {
        let result = try await ProcessRunner.run(try executable, ["list"])
        let ids = result.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
        #expect(ids.contains("acme.okta.unassign-keeps-user"))
        #expect(ids.contains("okta.credentials.test-api-credentials"))
        let unknown = try await ProcessRunner.run(try executable, ["run", "--suite", "no-such-suite"])
        #expect(unknown.status == 64)
    }

    /// README "Writing your own scenarios" shows the example's code as it is (after its header comment).
    @Test func readmeShowsTheExampleVerbatim() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let example = try String(
            contentsOf: root.appendingPathComponent("Examples/CustomScenarios/main.swift"), encoding: .utf8)
        let code = example.split(separator: "\n", omittingEmptySubsequences: false).drop { $0.hasPrefix("//") }
            .joined(separator: "\n")
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\n" + code + "```"), "update README from Examples/CustomScenarios/main.swift")
    }
}
