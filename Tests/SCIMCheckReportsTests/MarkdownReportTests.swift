import Foundation
import SCIMCheckKit
import Testing

@testable import SCIMCheckReports

@Suite struct MarkdownReportTests {
    @Test func summaryHasTheVerdictTableAndFindings() async throws {
        let report = await RichReport.run()
        let markdown = MarkdownReport.render(report)
        #expect(markdown.hasPrefix("## ❌ scimcheck: "))
        #expect(markdown.contains("(exit code 2)"))
        #expect(markdown.contains("**Okta readiness: not ready**"))
        #expect(
            markdown.contains(
                "| suite | total | passed | failed | warning | informational | unsupported | skipped | error |"))
        #expect(markdown.contains("| `okta-oin-spec` | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"))
        #expect(
            markdown.contains(
                "<code>okta.oin-spec.04-unknown-id</code> — Required Test: &lt;invalid&gt; User by ID &amp; friends"))
        #expect(markdown.contains("  - expected: ` 404 `"))
        #expect(markdown.contains("  - spec: [RFC 7644 §3.12](https://www.rfc-editor.org/rfc/rfc7644#section-3.12)"))
        #expect(markdown.contains("  - fix: answer 404 with a SCIM error body for an unknown id"))
        #expect(!markdown.contains(RichReport.token) && !markdown.contains(RichReport.password))
    }

    @Test func markdownSpecialsAreNeutralised() {
        #expect(MarkdownReport.text("a|b *c* `d` <e>") == "a\\|b \\*c\\* \\`d\\` &lt;e&gt;")
        #expect(MarkdownReport.inline("x`y") == "`` x`y ``")
        #expect(MarkdownReport.inline("") == "(empty)")
    }

    @Test func theStepSummaryIsAppendedNotReplaced() async throws {
        let directory = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("step-summary.md")
        try Data("# earlier step\n".utf8).write(to: file)
        let report = await RichReport.run()
        try ReportWriter.appendStepSummary(report, to: file)
        try ReportWriter.appendStepSummary(report, to: file)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("# earlier step\n## ❌ scimcheck"))
        #expect(text.components(separatedBy: "**Okta readiness").count == 3)
    }
}
