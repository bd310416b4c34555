import Foundation
import SCIMCheckKit

/// A Markdown summary of a run for pull requests and CI job pages (`summary.md`, and appended to
/// `$GITHUB_STEP_SUMMARY` by `scimcheck run` when that is set): the verdict, the Okta readiness, counts per
/// suite, the baseline's news, and each finding with expected, actual, spec, Okta consequence and fix.
///
/// The findings part stops after ``findingLimit`` scenarios so the text stays well under the 1 MiB GitHub
/// accepts for a step summary; the HTML and JSON reports have everything.
public enum MarkdownReport {
    /// How many non-passing scenarios are described in full.
    public static let findingLimit = 50

    /// The report as GitHub-flavoured Markdown.
    public static func render(_ report: RunReport) -> String {
        let summary = report.summary
        let readiness = OktaReadiness(report)
        var lines: [String] = []
        let counts = Outcome.allCases.filter { summary[$0] > 0 }.map { "\(summary[$0]) \($0.rawValue)" }
        let icon = report.exitCode == 0 ? "✅" : "❌"
        lines.append(
            "## \(icon) scimcheck: \(counts.isEmpty ? "no scenario ran" : counts.joined(separator: ", ")) "
                + "(exit code \(report.exitCode))")
        lines.append("")
        var target = "Target `\(code(report.target.baseURL))`"
        if report.target.embedded { target += " (embedded reference NinjaOne server)" }
        lines.append(
            "\(target) · run `\(code(report.runID))` · \(report.tool.name) \(report.tool.version)"
                + (report.configuration.strict ? " · `--strict`" : ""))
        lines.append("")
        if let abort = report.abort {
            lines.append("> [!CAUTION]")
            lines.append("> The run stopped before its scenarios (\(abort.code.rawValue)): \(text(abort.message))")
            lines.append("")
        }
        lines.append("**Okta readiness: \(readiness.verdict.label)** — \(text(readiness.headline))")
        lines.append("")
        for area in readiness.areas { lines.append("- \(mark(area.verdict)) \(text(area.sentence))") }
        lines.append("")
        if let baseline = report.baseline { lines += self.baseline(baseline) }
        if !report.suites.isEmpty { lines += table(report) }
        lines += findings(report)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func mark(_ verdict: OktaReadiness.Verdict) -> String {
        switch verdict {
        case .ready: "✅"
        case .notReady: "❌"
        case .incomplete: "⚠️"
        case .notRun: "➖"
        }
    }

    private static func baseline(_ baseline: BaselineResult) -> [String] {
        var lines = [
            "**Baseline** `\(code(baseline.file))`: \(baseline.knownIssues.count) known issue(s), "
                + "\(baseline.newFailures.count) new failure(s), \(baseline.fixed.count) fixed.", "",
        ]
        if !baseline.newFailures.isEmpty { lines.append("- ❌ New: " + ids(baseline.newFailures)) }
        if !baseline.fixed.isEmpty { lines.append("- 🎉 Fixed (remove from the baseline): " + ids(baseline.fixed)) }
        if !baseline.unverified.isEmpty { lines.append("- ➖ Not verified this run: " + ids(baseline.unverified)) }
        if !baseline.newFailures.isEmpty || !baseline.fixed.isEmpty || !baseline.unverified.isEmpty {
            lines.append("")
        }
        return lines
    }

    private static func ids(_ ids: [String]) -> String { ids.map { "`\(code($0))`" }.joined(separator: ", ") }

    private static func table(_ report: RunReport) -> [String] {
        let columns = Outcome.allCases.filter { report.summary[$0] > 0 }
        var lines = [
            "| suite | total | " + columns.map(\.rawValue).joined(separator: " | ") + " |",
            "|---|---:|" + String(repeating: "---:|", count: columns.count),
        ]
        for suite in report.suites {
            let summary = RunReport.Summary(suite.scenarios)
            lines.append(
                "| `\(code(suite.name))` | \(summary.total) | "
                    + columns.map { "\(summary[$0])" }.joined(separator: " | ") + " |")
        }
        lines.append(
            "| **all** | **\(report.summary.total)** | "
                + columns.map { "**\(report.summary[$0])**" }.joined(separator: " | ") + " |")
        lines.append("")
        return lines
    }

    private static func findings(_ report: RunReport) -> [String] {
        let strict = report.configuration.strict
        let order: [Outcome] = [.error, .failed, .warning, .knownIssue, .informational]
        let notable = order.flatMap { outcome in report.scenarios.filter { $0.outcome == outcome } }
        guard !notable.isEmpty else { return [] }
        var lines = ["### Findings", ""]
        for scenario in notable.prefix(findingLimit) {
            let fails =
                scenario.outcome == .failed || scenario.outcome == .error || (strict && scenario.outcome == .warning)
            lines.append(
                "<details\(fails ? " open" : "")><summary>\(icon(scenario.outcome)) "
                    + "<b>\(scenario.outcome.rawValue)</b> "
                    + "<code>\(html(scenario.id))</code> — \(html(scenario.title))</summary>")
            lines.append("")
            if let reason = scenario.reason { lines += ["_\(text(reason))_", ""] }
            for finding in scenario.findings {
                lines.append("- **\(finding.level.rawValue)** \(text(finding.summary))")
                lines.append("  - expected: \(inline(finding.expected))")
                lines.append("  - actual: \(inline(finding.actual))")
                if !finding.specs.isEmpty {
                    let specs = finding.specs.map { spec in
                        spec.url.map { "[\(text(spec.description))](\($0))" } ?? text(spec.description)
                    }
                    lines.append("  - spec: " + specs.joined(separator: ", "))
                }
                if let consequence = finding.oktaConsequence { lines.append("  - in Okta: \(text(consequence))") }
                if let hint = finding.fixHint { lines.append("  - fix: \(text(hint))") }
                if let index = finding.exchangeIndex, scenario.exchanges.indices.contains(index) {
                    lines.append("  - evidence: \(inline(JUnitReport.evidence(scenario.exchanges[index])))")
                }
            }
            lines.append("")
            lines.append("</details>")
            lines.append("")
        }
        if notable.count > findingLimit {
            lines.append("… and \(notable.count - findingLimit) more; see report.html or report.json.")
            lines.append("")
        }
        return lines
    }

    private static func icon(_ outcome: Outcome) -> String {
        switch outcome {
        case .failed, .error: "❌"
        case .warning: "⚠️"
        case .knownIssue: "🔁"
        default: "ℹ️"
        }
    }

    /// `text` as a one-line inline code span (backticks doubled around text that has one).
    static func inline(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        let cut = flat.count > 500 ? String(flat.prefix(500)) + "…" : flat
        if cut.isEmpty { return "(empty)" }
        let fence = cut.contains("`") ? "``" : "`"
        return "\(fence) \(cut) \(fence)"
    }

    /// Text inside a code span in a table cell: pipes escaped.
    private static func code(_ value: String) -> String {
        value.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
    }

    /// Plain text with Markdown and HTML specials neutralised.
    static func text(_ value: String) -> String {
        var output = ""
        for character in value.replacingOccurrences(of: "\n", with: " ") {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#": output += "\\\(character)"
            default: output.append(character)
            }
        }
        return output
    }

    private static func html(_ value: String) -> String { HTMLPage.escape(value) }
}
