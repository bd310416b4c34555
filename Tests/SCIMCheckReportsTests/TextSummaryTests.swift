import Foundation
import SCIMCheckKit
import Testing

@testable import SCIMCheckReports

@Suite struct TextSummaryTests {
    @Test func theClosingTableCountsPerSuite() async throws {
        let lines = TextSummary.render(await RichReport.run())
        func cells(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }
        #expect(
            cells(lines[0]) == [
                "suite", "total", "passed", "failed", "warning", "informational", "unsupported", "skipped", "error",
            ])
        #expect(lines.map(cells).contains(["okta-oin-spec", "2", "1", "1", "0", "0", "0", "0", "0"]))
        #expect(lines.map(cells).contains(["okta-lifecycle", "5", "1", "0", "1", "1", "1", "1", "0"]))
        #expect(lines.map(cells).contains(["all", "9", "3", "1", "1", "1", "1", "1", "1"]))
        // Columns line up: every row is as wide as the header.
        #expect(lines.prefix(5).allSatisfy { $0.count == lines[0].count })
        #expect(lines.contains { $0.hasPrefix("Okta readiness: not ready — ") })
        #expect(lines.last?.hasPrefix("Summary: 9 scenario(s): 3 passed, 1 failed, 1 warning") == true)
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test func coloursOnlyWhenAsked() async throws {
        let report = await RichReport.run()
        #expect(TextSummary.render(report, style: TextStyle(colors: true)).joined().contains("\u{1B}[31m"))
        #expect(TextStyle.plain.outcome("failed", .failed) == "failed")
    }

    @Test func readinessFollowsTheOktaSuites() async throws {
        let report = await RichReport.withoutErrors()
        let readiness = OktaReadiness(report)
        #expect(readiness.verdict == .notReady)
        #expect(readiness.areas[0].blocking == ["okta.oin-spec.04-unknown-id"])
        #expect(readiness.areas[1].verdict == .incomplete)
        let passing = await RichReport.run(selection: Selection(only: ["okta.oin-spec.01-list", "okta.users.create"]))
        let verdict = OktaReadiness(passing)
        #expect(verdict.areas[0].verdict == .incomplete)
        let onlyOIN = await RichReport.run(
            selection: Selection(suites: ["okta-oin-spec"], only: ["okta.oin-spec.01-list"]))
        #expect(OktaReadiness(onlyOIN).areas[1].verdict == .notRun)
        let baselined = Baseline(from: report).apply(to: report, file: "b")
        #expect(OktaReadiness(baselined).verdict == .notReady, "a known issue still fails in Okta")
        let aborted = await RichReport.run(preflightStatus: 401)
        #expect(OktaReadiness(aborted).verdict == .notReady)
        #expect(
            OktaReadiness(aborted).headline.hasPrefix("Not ready for Okta: its Test API Credentials call would fail"))
        #expect(OktaReadiness(aborted).preflightFailure != nil)
    }
}
