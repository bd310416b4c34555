import Foundation
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import Testing

/// `scimcheck` as a user runs it: the real binary, real loopback HTTP, real reports on disk.
@Suite(.serialized) struct RunCommandTests {
    let reports = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-e2e-\(UUID().uuidString)")

    func report(in directory: URL) throws -> (RunReport, URL) {
        let latest = directory.appendingPathComponent("latest")
        let runDirectory = directory.appendingPathComponent(
            try FileManager.default.destinationOfSymbolicLink(atPath: latest.path), isDirectory: true)
        let report = try JSONReport.parse(Data(contentsOf: runDirectory.appendingPathComponent("report.json")))
        return (report, runDirectory)
    }

    @Test func embeddedRunPassesAndWritesJSONAndJUnit() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        let result = try await ProcessRunner.run(try TestServers.scimcheck, ["run", "--report-dir", reports.path])
        #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout.contains("Summary:"))
        let (report, runDirectory) = try report(in: reports)
        #expect(report.target.embedded)
        #expect(report.summary.total >= 5)
        // Only what the server does not advertise (Bulk, until it does) is unsupported; everything else passes.
        #expect(report.summary[.passed] + report.summary[.unsupported] == report.summary.total, "\(report.summary)")
        #expect(
            report.scenarios.filter { $0.outcome == .unsupported }.allSatisfy { $0.traits.requires.contains(.bulk) })
        #expect(report.preflight?.passed == true)
        let junit = try String(contentsOf: runDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("tests=\"\(report.summary.total)\" failures=\"0\" errors=\"0\""))
        // The generated token (64 hex digits) never reaches an artifact.
        for file in try FileManager.default.contentsOfDirectory(atPath: runDirectory.path) {
            let text = try String(contentsOf: runDirectory.appendingPathComponent(file), encoding: .utf8)
            #expect(text.range(of: "Bearer [0-9a-f]{64}", options: .regularExpression) == nil, "token in \(file)")
        }
        #expect(result.stdout.range(of: "[0-9a-f]{64}", options: .regularExpression) == nil)
    }

    @Test func onlyGlobSelectsTheCredentialsScenario() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        let result = try await ProcessRunner.run(
            try TestServers.scimcheck, ["run", "--report-dir", reports.path, "--only", "okta.credentials.*"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let (report, _) = try report(in: reports)
        let ran = report.scenarios.filter { $0.outcome != .skipped }.map(\.id)
        #expect(ran == ["okta.credentials.test-api-credentials"])
    }

    @Test func listPrintsOneScenarioPerLineIDFirst() async throws {
        let result = try await ProcessRunner.run(try TestServers.scimcheck, ["list"])
        #expect(result.status == 0)
        let ids = result.stdout.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" }
        #expect(ids.contains("okta.credentials.test-api-credentials"))
        #expect(ids.contains("okta.oin-spec.04-invalid-user-by-id"))
        let options = try await ProcessRunner.run(try TestServers.scimcheck, ["list", "--okta-options"])
        #expect(options.stdout.contains("filter-spaces"))
    }

    @Test(arguments: [
        ["run", "--format", "pdf"], ["run", "--target", "http://scim.example.com/scim/v2", "--token", "t"],
        ["run", "--target", "https://bad_host.example.com/scim/v2"], ["run", "--okta-option", "nope=1"],
        ["run", "--suite", "no-such-suite"], ["run", "--token", "t"],
    ])
    func usageErrorsExit64(arguments: [String]) async throws {
        let result = try await ProcessRunner.run(try TestServers.scimcheck, arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
    }

    @Test func serveThenRunAgainstItAsATarget() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        let (server, port) = try await TestServers.start(try TestServers.scimcheck) {
            ["serve", "--port", "\($0)", "--token", "e2e-token-1", "--admin-token", "e2e-admin-1", "--db", ":memory:"]
        }
        defer { TestServers.stop(server) }
        let result = try await ProcessRunner.run(
            try TestServers.scimcheck,
            ["run", "--target", "http://127.0.0.1:\(port)/scim/v2", "--report-dir", reports.path],
            environment: ["SCIM_TOKEN": "e2e-token-1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let (report, _) = try report(in: reports)
        #expect(!report.target.embedded)
        // Without the embedded server there is no admin API: the ninjaone suite is unsupported, as is Bulk until
        // the server advertises it.
        #expect(report.summary[.passed] + report.summary[.unsupported] == report.summary.total)
        #expect(
            report.scenarios.filter { $0.outcome == .unsupported }.allSatisfy {
                $0.traits.adminAPI || $0.traits.requires.contains(.bulk)
            })
        #expect(report.scenarios.contains { $0.suite == "ninjaone" && $0.outcome == .unsupported })
    }
}
