import Foundation
import SCIMCheckKit

/// ANSI styling for terminal text; with `colors` off every function returns its text unchanged.
public struct TextStyle: Sendable, Hashable {
    /// Whether to emit ANSI colour sequences.
    public var colors: Bool

    /// Creates a style.
    public init(colors: Bool) { self.colors = colors }

    /// Plain text, no colours.
    public static let plain = TextStyle(colors: false)

    /// `text` in the colour of `outcome`: green passed, red failed and error, yellow warning, blue
    /// informational, magenta knownIssue, grey skipped and unsupported.
    public func outcome(_ text: String, _ outcome: Outcome) -> String {
        switch outcome {
        case .passed: paint(text, "32")
        case .failed, .error: paint(text, "31")
        case .warning: paint(text, "33")
        case .informational: paint(text, "34")
        case .knownIssue: paint(text, "35")
        case .skipped, .unsupported: paint(text, "90")
        }
    }

    /// `text` in bold.
    public func bold(_ text: String) -> String { paint(text, "1") }
    /// `text` dimmed.
    public func dim(_ text: String) -> String { paint(text, "2") }
    /// `text` in red.
    public func bad(_ text: String) -> String { paint(text, "31") }
    /// `text` in green.
    public func good(_ text: String) -> String { paint(text, "32") }
    /// `text` in yellow.
    public func caution(_ text: String) -> String { paint(text, "33") }

    private func paint(_ text: String, _ code: String) -> String {
        colors && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// The closing summary `scimcheck run` prints: a table of outcomes per suite, the Okta readiness verdict,
/// the baseline's news, and the one-line summary.
public enum TextSummary {
    /// The summary lines.
    public static func render(_ report: RunReport, style: TextStyle = .plain) -> [String] {
        var lines: [String] = []
        if !report.suites.isEmpty { lines += table(report, style: style) + [""] }
        let readiness = OktaReadiness(report)
        let verdict =
            switch readiness.verdict {
            case .ready: style.good(readiness.verdict.label)
            case .notReady: style.bad(readiness.verdict.label)
            case .incomplete: style.caution(readiness.verdict.label)
            case .notRun: style.dim(readiness.verdict.label)
            }
        lines.append("Okta readiness: \(style.bold(verdict)) — \(readiness.headline)")
        for area in readiness.areas where area.verdict != .notRun || readiness.verdict != .notRun {
            let mark =
                switch area.verdict {
                case .ready: style.good("✓")
                case .notReady: style.bad("✗")
                case .incomplete: style.caution("!")
                case .notRun: style.dim("-")
                }
            lines.append("  \(mark) \(area.sentence)")
        }
        if let baseline = report.baseline {
            lines.append(
                "Baseline \(baseline.file): \(baseline.knownIssues.count) known issue(s), "
                    + "\(baseline.newFailures.count) new failure(s), \(baseline.fixed.count) fixed")
            for id in baseline.newFailures { lines.append("  \(style.bad("new"))   \(id)") }
            for id in baseline.fixed { lines.append("  \(style.good("fixed")) \(id) — remove it from the baseline") }
            for id in baseline.unverified { lines.append("  \(style.dim("not verified")) \(id)") }
        }
        let counts = Outcome.allCases.filter { report.summary[$0] > 0 }
            .map { style.outcome("\(report.summary[$0]) \($0.rawValue)", $0) }
        lines.append(
            "Summary: \(report.summary.total) scenario(s): "
                + (counts.isEmpty ? "none run" : counts.joined(separator: ", "))
        )
        return lines
    }

    /// The table: one row per suite and a total row, columns for the outcomes that occur.
    static func table(_ report: RunReport, style: TextStyle) -> [String] {
        let columns = Outcome.allCases.filter { report.summary[$0] > 0 }
        let rows: [(String, RunReport.Summary)] =
            report.suites.map { ($0.name, RunReport.Summary($0.scenarios)) } + [("all", report.summary)]
        let nameWidth = max(5, rows.map(\.0.count).max() ?? 0)
        let widths = columns.map { max($0.rawValue.count, 3) }
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + space : space + text
        }
        var header = pad("suite", nameWidth, left: true) + "  " + pad("total", 5)
        for (column, width) in zip(columns, widths) { header += "  " + pad(column.rawValue, width) }
        var lines = [style.bold(header)]
        for (index, (name, summary)) in rows.enumerated() {
            var line = pad(name, nameWidth, left: true) + "  " + pad("\(summary.total)", 5)
            for (column, width) in zip(columns, widths) {
                let cell = pad("\(summary[column])", width)
                line += "  " + (summary[column] > 0 ? style.outcome(cell, column) : style.dim(cell))
            }
            if index == rows.count - 1 { lines.append(String(repeating: "─", count: header.count)) }
            lines.append(line)
        }
        return lines
    }
}
