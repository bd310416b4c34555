import Foundation
import SCIMCheckKit
import Testing

@testable import SCIMCheckReports

/// Baseline semantics on reports: same failures pass, a new failure fails, a fixed one is reported.
@Suite struct BaselineTests {
    @Test func writeListsFailedAndWarningScenariosButNeverErrors() async throws {
        let report = await RichReport.run()
        let baseline = Baseline(from: report)
        #expect(baseline.knownIssues.map(\.id) == ["okta.oin-spec.04-unknown-id", "okta.users.should"])
        #expect(baseline.knownIssues.map(\.outcome) == [.failed, .warning])
        #expect(baseline.knownIssues.first?.findings?.first == "[MUST] status is 404")
        #expect(try Baseline.parse(baseline.render()) == baseline)
    }

    @Test func theSameFailuresPassTheRun() async throws {
        let report = await RichReport.withoutErrors()
        #expect(report.exitCode == 1)
        let applied = Baseline(from: report).apply(to: report, file: "scimcheck-baseline.json")
        #expect(applied.exitCode == 0)
        #expect(applied.summary[.knownIssue] == 2)
        #expect(applied.summary[.failed] == 0 && applied.summary[.warning] == 0)
        #expect(applied.baseline?.newFailures == [])
        #expect(applied.baseline?.knownIssues.map(\.outcome) == [.failed, .warning])
        #expect(applied.scenarios.first { $0.id == "okta.oin-spec.04-unknown-id" }?.outcome == .knownIssue)
        // Strict runs too: the baselined warning no longer fails it.
        let strict = await RichReport.withoutErrors(strict: true)
        #expect(strict.exitCode == 1)
        #expect(Baseline(from: strict).apply(to: strict, file: "b").exitCode == 0)
    }

    @Test func aNewFailureFailsTheRun() async throws {
        let report = await RichReport.withoutErrors()
        var baseline = Baseline(from: report)
        baseline.knownIssues.removeAll { $0.id == "okta.oin-spec.04-unknown-id" }
        let applied = baseline.apply(to: report, file: "b")
        #expect(applied.exitCode == 1)
        #expect(applied.baseline?.newFailures == ["okta.oin-spec.04-unknown-id"])
        #expect(applied.summary[.failed] == 1)
    }

    @Test func aFixedOneIsReported() async throws {
        let report = await RichReport.withoutErrors()
        var baseline = Baseline(from: report)
        baseline.knownIssues.append(.init(id: "okta.users.create", outcome: .failed))
        baseline.knownIssues.append(.init(id: "okta.users.gone", outcome: .failed))
        let applied = baseline.apply(to: report, file: "b")
        #expect(applied.exitCode == 0)
        #expect(applied.baseline?.fixed == ["okta.users.create"])
        #expect(applied.baseline?.unverified == ["okta.users.gone"])
        #expect(MarkdownReport.render(applied).contains("Fixed (remove from the baseline): `okta.users.create`"))
        #expect(HTMLReport.render(applied).contains("id=\"baseline-fixed\""))
        #expect(TextSummary.render(applied).contains("  fixed okta.users.create — remove it from the baseline"))
    }

    @Test func aWarningEntryDoesNotCoverAMustFailure() async throws {
        let report = await RichReport.withoutErrors()
        let baseline = Baseline(knownIssues: [.init(id: "okta.oin-spec.04-unknown-id", outcome: .warning)])
        let applied = baseline.apply(to: report, file: "b")
        #expect(applied.baseline?.newFailures == ["okta.oin-spec.04-unknown-id"])
        #expect(applied.exitCode == 1)
    }

    @Test func reapplyingIsExactAndWriteRecoversTheOriginalOutcomes() async throws {
        let report = await RichReport.withoutErrors()
        let baseline = Baseline(from: report)
        let once = baseline.apply(to: report, file: "b")
        let twice = baseline.apply(to: once, file: "b")
        #expect(try JSONReport.render(once) == JSONReport.render(twice))
        #expect(Baseline(from: once) == baseline)
        // Another baseline on the baselined report: the undone known issue is new again.
        let empty = Baseline(knownIssues: []).apply(to: once, file: "empty")
        #expect(empty.baseline?.newFailures == ["okta.oin-spec.04-unknown-id"])
        #expect(empty.exitCode == 1)
    }
}
