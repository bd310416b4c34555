import Foundation
import SCIMCheckKit

/// Writes run progress and summaries: one line per scenario, findings under failures, a closing table.
struct Console: Sendable {
    func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func error(_ text: String) {
        FileHandle.standardError.write(Data(("scimcheck: " + text + "\n").utf8))
    }

    func show(_ event: RunEvent) {
        switch event {
        case .started(let baseURL, let count):
            line("Running \(count) scenario(s) against \(baseURL)")
        case .preflight(let name, let passed, let message):
            line("\(passed ? "✓" : "✗") \(name): \(message)")
        case .scenarioStarted:
            break
        case .scenarioFinished(let result, let index, let total):
            let milliseconds = Double(result.durationMicroseconds) / 1000
            var text = String(
                format: "[%d/%d] %@ %@ (%.0f ms)", index, total, result.outcome.rawValue, result.id, milliseconds)
            if let reason = result.reason { text += " — \(reason)" }
            line(text)
            for finding in result.findings {
                line("    ✗ [\(finding.level.rawValue)] \(finding.summary)")
                line("      expected: \(finding.expected)")
                line("      actual:   \(finding.actual)")
                if let hint = finding.fixHint { line("      fix:      \(hint)") }
            }
        case .finished:
            break
        }
    }

    func summary(_ report: RunReport, files: [URL]) {
        if let abort = report.abort { error(abort.message) }
        let counts = Outcome.allCases.filter { report.summary[$0] > 0 }.map { "\(report.summary[$0]) \($0.rawValue)" }
        line("")
        line(
            "Summary: \(report.summary.total) scenario(s): \(counts.isEmpty ? "none run" : counts.joined(separator: ", "))"
        )
        for file in files { line("Report: \(file.path)") }
        line("Exit code: \(report.exitCode)")
    }
}
