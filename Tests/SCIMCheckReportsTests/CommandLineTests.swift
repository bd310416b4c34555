import Foundation
import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

@testable import SCIMCheckReports

/// The real binary: `run --baseline`, `baseline write`, `report`, the console, and secrets in artifacts.
@Suite(.serialized) struct CommandLineTests {
    /// The report a run wrote into `directory` (through its `latest` link).
    func latest(_ directory: URL) throws -> (RunReport, URL) {
        let link = directory.appendingPathComponent("latest")
        let run = directory.appendingPathComponent(
            try FileManager.default.destinationOfSymbolicLink(atPath: link.path), isDirectory: true)
        return (try JSONReport.parse(Data(contentsOf: run.appendingPathComponent("report.json"))), run)
    }

    /// Runs `body` with the stub SCIM server from `Fixtures/` up, with `quirks`, and its base URL.
    func withStub<T>(quirks: [String], _ body: (String) async throws -> T) async throws -> T {
        let python = try #require(Tools.python)
        let stub = try Tools.fixture("stub_scim_server.py").path
        let (server, port) = try await TestServers.start(python) {
            [stub, "--port", "\($0)", "--token", "stub-token-1"] + quirks.flatMap { ["--quirk", $0] }
        }
        defer { TestServers.stop(server) }
        return try await body("http://127.0.0.1:\(port)/scim/v2")
    }

    static let specSteps = ["okta.oin-spec.01-*", "okta.oin-spec.02-*", "okta.oin-spec.03-*", "okta.oin-spec.04-*"]

    func runAgainstStub(
        quirks: [String], reports: URL, baseline: URL? = nil
    ) async throws -> (ProcessResult, RunReport, URL) {
        try await withStub(quirks: quirks) { base in
            var arguments = ["run", "--target", base, "--report-dir", reports.path]
            arguments += Self.specSteps.flatMap { ["--only", $0] }
            if let baseline { arguments += ["--baseline", baseline.path] }
            let output = try await Tools.scimcheck(arguments, environment: ["SCIM_TOKEN": "stub-token-1"])
            let (report, directory) = try latest(reports)
            return (output, report, directory)
        }
    }

    @Test func aBaselineFailsTheRunOnlyOnNewFailuresAndReportsFixedOnes() async throws {
        let work = try Tools.temporaryDirectory("baseline-e2e")
        defer { try? FileManager.default.removeItem(at: work) }
        let reports = work.appendingPathComponent("runs")

        // A server whose unknown-id lookup answers 200: SPEC step 4 fails.
        let (first, report, directory) = try await runAgainstStub(quirks: ["unknown-id-200"], reports: reports)
        #expect(first.status == 1, "\(first.stdout)\(first.stderr)")
        let failing = report.scenarios.filter { $0.outcome == .failed }.map(\.id)
        #expect(failing == ["okta.oin-spec.04-invalid-user-by-id"])

        // `baseline write` prints the baseline on stdout.
        let written = try await Tools.scimcheck(
            ["baseline", "write", "--from", directory.appendingPathComponent("report.json").path])
        #expect(written.status == 0, "\(written.stderr)")
        let baselineFile = try Tools.write(Data(written.stdout.utf8), "scimcheck-baseline.json", in: work)
        #expect(try Baseline.parse(Data(contentsOf: baselineFile)).knownIssues.map(\.id) == failing)

        // Same failures → exit 0, reported as known issues.
        let (same, sameReport, sameDirectory) = try await runAgainstStub(
            quirks: ["unknown-id-200"], reports: reports, baseline: baselineFile)
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(sameReport.summary[.knownIssue] == 1 && sameReport.summary[.failed] == 0)
        #expect(sameReport.baseline?.knownIssues.map(\.id) == failing)
        #expect(same.stdout.contains("knownIssue okta.oin-spec.04-invalid-user-by-id"))
        let junit = try String(contentsOf: sameDirectory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("failures=\"0\" errors=\"0\""))

        // A new failure (unmatched filters now answer 404: step 3 fails) → exit 1, named as new.
        let (new, newReport, _) = try await runAgainstStub(
            quirks: ["unknown-id-200", "filter-404"], reports: reports, baseline: baselineFile)
        #expect(new.status == 1, "\(new.stdout)\(new.stderr)")
        #expect(newReport.baseline?.newFailures == ["okta.oin-spec.03-invalid-user-by-username"])
        #expect(newReport.summary[.knownIssue] == 1)
        #expect(new.stdout.contains("new   okta.oin-spec.03-invalid-user-by-username"))

        // The server fixed → exit 0, the fixed scenario reported.
        let (fixed, fixedReport, fixedDirectory) = try await runAgainstStub(
            quirks: [], reports: reports, baseline: baselineFile)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixedReport.baseline?.fixed == failing)
        #expect(fixed.stdout.contains("fixed okta.oin-spec.04-invalid-user-by-id — remove it from the baseline"))
        let summary = try String(contentsOf: fixedDirectory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("Fixed (remove from the baseline): `okta.oin-spec.04-invalid-user-by-id`"))
    }

    @Test func noTokenOrPasswordReachesAnyArtifact() async throws {
        let work = try Tools.temporaryDirectory("secrets-e2e")
        defer { try? FileManager.default.removeItem(at: work) }
        let python = try #require(Tools.python)
        let token = "e2e-Secret-Token-\(UUID().uuidString.prefix(8))"
        let (server, serverPort) = try await TestServers.start(try TestServers.scimcheck) {
            ["serve", "--port", "\($0)", "--token", token, "--db", ":memory:"]
        }
        defer { TestServers.stop(server) }
        // Every request goes through a proxy that records the secrets on the wire.
        let secretsFile = work.appendingPathComponent("wire-secrets.txt")
        let recorder = try Tools.fixture("recording_proxy.py").path
        let (proxy, proxyPort) = try await TestServers.start(python) {
            [recorder, "--port", "\($0)", "--upstream", "127.0.0.1:\(serverPort)", "--secrets", secretsFile.path]
        }
        defer { TestServers.stop(proxy) }

        let artifacts = work.appendingPathComponent("artifacts")
        let reports = artifacts.appendingPathComponent("runs")
        let stepSummary = artifacts.appendingPathComponent("step-summary.md")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let run = try await Tools.scimcheck(
            [
                "run", "--target", "http://127.0.0.1:\(proxyPort)/scim/v2", "--report-dir", reports.path, "--format",
                "json,junit,html,md", "-v",
            ], environment: ["SCIM_TOKEN": token, "GITHUB_STEP_SUMMARY": stepSummary.path, "GITHUB_ACTIONS": "true"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let (_, directory) = try latest(reports)
        let json = directory.appendingPathComponent("report.json").path
        let baseline = try await Tools.scimcheck(
            ["baseline", "write", "--from", json, "--output", artifacts.appendingPathComponent("baseline.json").path])
        #expect(baseline.status == 0)
        let rerendered = try await Tools.scimcheck(
            [
                "report", "--from", json, "--format", "html,md,junit,json", "--output",
                artifacts.appendingPathComponent("rerendered").path,
            ])
        #expect(rerendered.status == 0, "\(rerendered.stderr)")

        let secrets = Set(
            try String(contentsOf: secretsFile, encoding: .utf8).split(separator: "\n").map(String.init)
                .filter { $0.count >= 6 })
        #expect(secrets.contains(token), "the proxy saw the token")
        #expect(secrets.contains { $0 != token && !$0.hasPrefix("Bearer ") }, "the proxy saw at least one password")
        let files = Tools.files(under: artifacts)
        // 4 formats, the run's ledger, the step summary, the baseline, 4 re-rendered formats.
        #expect(files.count == 11, "\(files.map(\.lastPathComponent))")
        #expect(files.contains { $0.lastPathComponent == "ledger.jsonl" })
        var texts = try files.map { ($0.lastPathComponent, String(decoding: try Data(contentsOf: $0), as: UTF8.self)) }
        #expect(texts.allSatisfy { !$0.1.isEmpty })
        texts += [
            ("stdout", run.stdout + rerendered.stdout + baseline.stdout), ("stderr", run.stderr + rerendered.stderr),
        ]
        for (name, text) in texts {
            for secret in secrets { #expect(!text.contains(secret), "a secret on the wire appears in \(name)") }
        }
        #expect(try String(contentsOf: stepSummary, encoding: .utf8).contains("**Okta readiness: ready**"))
    }

    @Test func reportReRendersOfflineAndNormalisesReproducibly() async throws {
        let work = try Tools.temporaryDirectory("report-e2e")
        defer { try? FileManager.default.removeItem(at: work) }
        var outputs: [Data] = []
        for index in 0..<2 {
            let reports = work.appendingPathComponent("runs-\(index)")
            let run = try await Tools.scimcheck(
                ["run", "--report-dir", reports.path, "--only", "okta.credentials.*", "--format", "json", "-q"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let (_, directory) = try latest(reports)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
            let output = work.appendingPathComponent("normalized-\(index)")
            let result = try await Tools.scimcheck(
                [
                    "report", "--from", directory.appendingPathComponent("report.json").path, "--format",
                    "html,md,junit,json", "--output", output.path, "--normalize",
                ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.components(separatedBy: "Report: ").count == 5)
            outputs.append(
                try ["report.json", "junit.xml", "report.html", "summary.md"].reduce(into: Data()) {
                    $0 += try Data(contentsOf: output.appendingPathComponent($1))
                })
        }
        #expect(outputs[0] == outputs[1], "two runs normalise to the same bytes")
        let missing = try await Tools.scimcheck(["report", "--from", work.appendingPathComponent("nope.json").path])
        #expect(missing.status == 64)
        let badFormat = try await Tools.scimcheck(["report", "--from", "x.json", "--format", "pdf"])
        #expect(badFormat.status == 64)
    }

    @Test func consoleIsPlainWithoutATerminal() async throws {
        let reports = try Tools.temporaryDirectory("console-e2e")
        defer { try? FileManager.default.removeItem(at: reports) }
        let result = try await Tools.scimcheck(
            ["run", "--report-dir", reports.path, "--only", "okta.credentials.*", "--only", "okta.oin-spec.*"],
            removing: ["NO_COLOR", "GITHUB_ACTIONS"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"), "no escape sequences in a pipe")
        #expect(
            result.stdout.range(
                of: #"\[1/\d+\] passed okta.credentials.test-api-credentials \(\d+ ms\)"#, options: .regularExpression)
                != nil)
        #expect(!result.stdout.contains("not selected by --only"), "excluded scenarios get no line without -v")
        #expect(result.stdout.contains("Okta readiness: "))
        #expect(result.stdout.range(of: #"\nall +\d+ +\d+"#, options: .regularExpression) != nil, "the closing table")
        #expect(result.stdout.contains("Summary: "))

        let quiet = try await Tools.scimcheck([
            "run", "--report-dir", reports.path, "--only", "okta.credentials.*", "-q",
        ])
        #expect(quiet.status == 0)
        #expect(
            quiet.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty }.count == 1, "\(quiet.stdout)")
        #expect(quiet.stdout.hasPrefix("Summary: "))

        let verbose = try await Tools.scimcheck([
            "run", "--report-dir", reports.path, "--only", "okta.credentials.*", "-v",
        ])
        #expect(verbose.status == 0)
        #expect(verbose.stdout.contains("    ✓ [MUST] "))
        #expect(verbose.stdout.contains("    → GET /scim/v2/Users?startIndex=1&count=2 HTTP/1.1 → 200"))
        #expect(verbose.stdout.contains("not selected by --only"))

        let both = try await Tools.scimcheck(["run", "-q", "-v"])
        #expect(both.status == 64)
    }

    @Test func onATerminalProgressIsOneLiveLineAndColoursFollowNoColor() async throws {
        let script = try #require(Tools.which("script"), "script(1) from util-linux gives the run a terminal")
        let reports = try Tools.temporaryDirectory("tty-e2e")
        defer { try? FileManager.default.removeItem(at: reports) }
        let command =
            "'\(try TestServers.scimcheck.path)' run --report-dir '\(reports.path)' "
            + "--only 'okta.credentials.*' --only 'okta.oin-spec.*'"
        let colour = try await ProcessRunner.run(
            script, ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"], removing: ["NO_COLOR"])
        #expect(colour.status == 0, "\(colour.stdout)")
        #expect(colour.stdout.contains("\r\u{1B}[2K"), "the live line rewrites itself")
        #expect(colour.stdout.contains("\u{1B}[32m"), "passed counts in green")
        #expect(!colour.stdout.contains("] passed okta.credentials"), "passing scenarios get no permanent line")

        let plain = try await ProcessRunner.run(
            script, ["-qec", command, "/dev/null"], environment: ["TERM": "xterm", "NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("\r\u{1B}[2K"))
        #expect(plain.stdout.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) == nil, "NO_COLOR: no colour")
    }

    @Test func usageErrorsExit64() async throws {
        for arguments in [
            ["run", "--baseline", "/nonexistent/baseline.json"], ["run", "--format", "json,pdf"],
            ["baseline", "write", "--from", "/nonexistent/report.json"],
        ] {
            let result = try await Tools.scimcheck(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
    }
}
