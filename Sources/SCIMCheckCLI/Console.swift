import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckReports
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much `scimcheck run` prints.
enum Verbosity: Sendable, Hashable {
    /// Failing scenarios (one line each) and the summary line.
    case quiet
    /// Progress, findings under failing scenarios, the closing table, report paths.
    case normal
    /// Also every check and every exchange of every scenario.
    case verbose
}

/// Writes run progress and summaries.
///
/// On a terminal (`isatty`) progress is one live line that rewrites itself, and only scenarios that did not
/// pass get permanent lines; elsewhere (CI logs, pipes) each scenario gets one plain line. Colours only on a
/// terminal and never when `NO_COLOR` is set (or `TERM=dumb`). Under GitHub Actions failures are also
/// printed as `::error` workflow commands, which GitHub shows as annotations.
final class Console: Sendable {
    let verbosity: Verbosity
    /// Whether stdout is a terminal: live progress line.
    let live: Bool
    let style: TextStyle
    let githubAnnotations: Bool
    private let state = Mutex(Progress())

    private struct Progress {
        var counts: [Outcome: Int] = [:]
        var current = ""
        var total = 0
        var showing = false
    }

    /// Creates a console for this process's stdout and environment.
    convenience init(verbosity: Verbosity = .normal) {
        let environment = ProcessInfo.processInfo.environment
        self.init(
            verbosity: verbosity, terminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    }

    /// Creates a console; `terminal` says whether stdout is a TTY.
    init(verbosity: Verbosity, terminal: Bool, environment: [String: String]) {
        self.verbosity = verbosity
        self.live = terminal
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        self.style = TextStyle(colors: terminal && !noColor && environment["TERM"] != "dumb")
        self.githubAnnotations = environment["GITHUB_ACTIONS"] == "true"
    }

    /// Prints a permanent line (clearing the live line first when one shows).
    func line(_ text: String) {
        state.withLock { progress in
            var output = ""
            if progress.showing { output += "\r\u{1B}[2K" }
            output += text + "\n"
            if progress.showing { output += liveLine(progress) }
            write(output)
        }
    }

    /// Prints `scimcheck: text` on stderr.
    func error(_ text: String) {
        clearLiveLine()
        FileHandle.standardError.write(Data(("scimcheck: " + text + "\n").utf8))
    }

    private func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    /// Shows one runner event; `displayed` is the outcome to show for a finished scenario (a baselined
    /// failure shows as `knownIssue`), and scenarios `excluded` by `--suite`/`--only`/`--skip` get a line
    /// only with `-v`.
    func show(
        _ event: RunEvent, displayed: (ScenarioResult) -> Outcome = \.outcome,
        excluded: (String) -> Bool = { _ in false }
    ) {
        switch event {
        case .started(let baseURL, let count):
            state.withLock { $0.total = count }
            if verbosity != .quiet { line("Running \(count) scenario(s) against \(baseURL)") }
        case .preflight(let name, let passed, let message):
            if verbosity != .quiet || !passed {
                line("\(passed ? style.good("✓") : style.bad("✗")) \(name): \(message)")
            }
        case .scenarioStarted(let id, _, let total):
            guard live, verbosity != .quiet else { return }
            state.withLock { progress in
                progress.current = id
                progress.total = total
                progress.showing = true
                write("\r\u{1B}[2K" + liveLine(progress))
            }
        case .scenarioFinished(let result, let index, let total):
            let outcome = displayed(result)
            state.withLock { $0.counts[outcome, default: 0] += 1 }
            if verbosity != .verbose, excluded(result.id) { return }
            finished(result, outcome: outcome, index: index, total: total)
        case .finished:
            clearLiveLine()
        }
    }

    private func finished(_ result: ScenarioResult, outcome: Outcome, index: Int, total: Int) {
        let failing = [.failed, .error, .warning].contains(outcome)
        switch verbosity {
        case .quiet:
            if outcome == .failed || outcome == .error { line(scenarioLine(result, outcome, index, total)) }
        case .normal:
            if live && !failing && outcome != .informational { return }
            line(scenarioLine(result, outcome, index, total))
            if failing || outcome == .informational { findings(result) }
        case .verbose:
            line(scenarioLine(result, outcome, index, total))
            details(result)
        }
    }

    private func scenarioLine(_ result: ScenarioResult, _ outcome: Outcome, _ index: Int, _ total: Int) -> String {
        let milliseconds = Double(result.durationMicroseconds) / 1000
        var text = "[\(index)/\(total)] \(style.outcome(outcome.rawValue, outcome)) \(result.id) "
        text += style.dim(String(format: "(%.0f ms)", milliseconds))
        if let reason = result.reason { text += " — \(reason)" }
        if outcome == .knownIssue, result.outcome != .knownIssue {
            text += style.dim(" (baselined \(result.outcome.rawValue))")
        }
        return text
    }

    private func findings(_ result: ScenarioResult) {
        for finding in result.findings {
            line("    \(style.bad("✗")) [\(finding.level.rawValue)] \(finding.summary)")
            line("      expected: \(finding.expected)")
            line("      actual:   \(finding.actual)")
            if let spec = finding.specs.first { line("      spec:     \(spec)") }
            if let consequence = finding.oktaConsequence { line("      in Okta:  \(consequence)") }
            if let hint = finding.fixHint { line("      fix:      \(hint)") }
        }
    }

    private func details(_ result: ScenarioResult) {
        for check in result.checks {
            let mark = check.passed ? style.good("✓") : style.bad("✗")
            line("    \(mark) [\(check.level.rawValue)] \(check.summary)")
            if !check.passed {
                line("      expected: \(check.expected)")
                line("      actual:   \(check.actual)")
                if let spec = check.specs.first { line("      spec:     \(spec)") }
                if let consequence = check.oktaConsequence { line("      in Okta:  \(consequence)") }
                if let hint = check.fixHint { line("      fix:      \(hint)") }
            }
        }
        for exchange in result.exchanges + result.cleanupExchanges {
            let request = exchange.sent?.requestLine ?? "\(exchange.request.method) \(exchange.request.url)"
            let status = exchange.response.map { "\($0.status)" } ?? "no response"
            line(
                style.dim(
                    String(format: "    → %@ → %@ (%.1f ms)", request, status, Double(exchange.timings.total) / 1000)))
        }
    }

    private func liveLine(_ progress: Progress) -> String {
        let done = progress.counts.values.reduce(0, +)
        var text = "[\(done)/\(progress.total)]"
        for outcome in Outcome.allCases {
            if let count = progress.counts[outcome], count > 0 { text += " \(count) \(outcome.rawValue)" }
        }
        text += " · running \(progress.current)"
        let width = Self.terminalWidth()
        if text.count > width - 1 { text = String(text.prefix(max(10, width - 2))) + "…" }
        return style.dim(text)
    }

    private func clearLiveLine() {
        state.withLock { progress in
            if progress.showing {
                write("\r\u{1B}[2K")
                progress.showing = false
            }
        }
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        let result = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        return result == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    /// The closing summary: the table, the Okta readiness verdict, the baseline, report paths, exit code.
    func summary(_ report: RunReport, files: [URL]) {
        clearLiveLine()
        if let abort = report.abort { error(abort.message) }
        if githubAnnotations { annotate(report) }
        let lines = TextSummary.render(report, style: style)
        if verbosity == .quiet {
            if let last = lines.last { line(last) }
            return
        }
        line("")
        for text in lines { line(text) }
        for file in files { line("Report: \(file.path)") }
        line("Exit code: \(report.exitCode)")
    }

    /// GitHub workflow commands for failing scenarios: `::error` for failures and errors (and warnings
    /// under `--strict`), `::warning` for other warnings.
    private func annotate(_ report: RunReport) {
        for scenario in report.scenarios {
            let command: String
            switch scenario.outcome {
            case .failed, .error: command = "error"
            case .warning: command = report.configuration.strict ? "error" : "warning"
            default: continue
            }
            var message = scenario.reason ?? scenario.outcome.rawValue
            if let finding = scenario.findings.first {
                message = "[\(finding.level.rawValue)] \(finding.summary)\nexpected: \(finding.expected)\n"
                message += "actual: \(finding.actual)"
                if let hint = finding.fixHint { message += "\nfix: \(hint)" }
            }
            let title = Self.escapeProperty("scimcheck \(scenario.outcome.rawValue): \(scenario.id)")
            write("::\(command) title=\(title)::\(Self.escapeData(message))\n")
        }
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
