import Foundation
import SCIMCheckHTTP
import SCIMCheckKit

/// JUnit XML in the Surefire/Jenkins dialect GitHub Actions, GitLab and Jenkins read: one `<testsuite>` per
/// suite, one `<testcase>` per scenario (`classname` the suite, `name` the scenario id). The committed
/// schema is `Reports/schema/junit.xsd`.
///
/// Outcomes map as: failed → `<failure>`; warning → `<failure>` under `--strict`, else a pass with the
/// findings in `<system-out>`; error → `<error>`; skipped and unsupported → `<skipped>`; passed,
/// informational and knownIssue → a pass (findings in `<system-out>`). The counts equal the JSON
/// report's summary; a run that aborted before its scenarios adds one `<error>` test case for the abort.
public enum JUnitReport {
    /// The report as JUnit XML text.
    public static func render(_ report: RunReport) -> String {
        let strict = report.configuration.strict
        var suites: [String] = []
        var totals = Counts()
        if let abort = report.abort {
            let counts = Counts(tests: 1, errors: 1)
            totals += counts
            var xml = "  <testsuite name=\"scimcheck.run\" \(counts.attributes) time=\"0.000\" "
            xml += "timestamp=\"\(timestamp(report.startedAt))\">\n"
            xml += properties(report)
            xml +=
                "    <testcase classname=\"scimcheck.run\" "
                + "name=\"\(attribute(report.preflight?.name ?? "preflight"))\" "
            xml += "time=\"0.000\">\n"
            xml += "      <error message=\"\(attribute(abort.message))\" type=\"\(attribute(abort.code.rawValue))\">"
            xml += escape(evidence(report.preflight?.exchanges.last)) + "</error>\n"
            xml += "    </testcase>\n  </testsuite>\n"
            suites.append(xml)
        }
        for suite in report.suites {
            let scenarios = suite.scenarios
            let counts = Counts(scenarios, strict: strict)
            totals += counts
            let time = scenarios.reduce(Int64(0)) { $0 + $1.durationMicroseconds }
            var xml = "  <testsuite name=\"\(attribute(suite.name))\" \(counts.attributes) time=\"\(seconds(time))\" "
            xml += "timestamp=\"\(timestamp(report.startedAt))\">\n"
            xml += properties(report)
            for scenario in scenarios { xml += testcase(scenario, report: report) }
            if !suite.notes.isEmpty {
                xml += "    <system-out>\(escape(suite.notes.joined(separator: "\n")))</system-out>\n"
            }
            xml += "  </testsuite>\n"
            suites.append(xml)
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(attribute(report.tool.name))\" \(totals.attributes) "
        xml += "time=\"\(seconds(report.finishedAt.timeIntervalSince(report.startedAt)))\">\n"
        xml += suites.joined()
        xml += "</testsuites>\n"
        return xml
    }

    /// The four JUnit counts of a set of test cases.
    struct Counts: Equatable {
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0

        init(tests: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0) {
            self.tests = tests
            self.failures = failures
            self.errors = errors
            self.skipped = skipped
        }

        init(_ scenarios: [ScenarioResult], strict: Bool) {
            tests = scenarios.count
            failures = scenarios.filter { $0.outcome == .failed || (strict && $0.outcome == .warning) }.count
            errors = scenarios.filter { $0.outcome == .error }.count
            skipped = scenarios.filter { $0.outcome == .skipped || $0.outcome == .unsupported }.count
        }

        static func += (lhs: inout Counts, rhs: Counts) {
            lhs.tests += rhs.tests
            lhs.failures += rhs.failures
            lhs.errors += rhs.errors
            lhs.skipped += rhs.skipped
        }

        var attributes: String {
            "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
        }
    }

    private static func properties(_ report: RunReport) -> String {
        var pairs = [
            ("scimcheck.version", report.tool.version), ("scimcheck.runID", report.runID),
            ("scimcheck.target", report.target.baseURL), ("scimcheck.embedded", "\(report.target.embedded)"),
            ("scimcheck.authentication", report.target.authentication),
            ("scimcheck.strict", "\(report.configuration.strict)"),
        ]
        pairs += report.configuration.settings.sorted { $0.key < $1.key }.map { ("okta.\($0.key)", $0.value) }
        if let baseline = report.baseline { pairs.append(("scimcheck.baseline", baseline.file)) }
        var xml = "    <properties>\n"
        for (name, value) in pairs {
            xml += "      <property name=\"\(attribute(name))\" value=\"\(attribute(value))\"/>\n"
        }
        return xml + "    </properties>\n"
    }

    private static func testcase(_ scenario: ScenarioResult, report: RunReport) -> String {
        let strict = report.configuration.strict
        var xml = "    <testcase classname=\"\(attribute(scenario.suite))\" name=\"\(attribute(scenario.id))\" "
        xml += "time=\"\(seconds(scenario.durationMicroseconds))\""
        let findings = scenario.findings
        let details = findings.map { describe($0, in: scenario) }.joined(separator: "\n\n")
        switch scenario.outcome {
        case .failed,
            .warning where strict:
            let first = findings.first.map { "\($0.level.rawValue): \($0.summary)" } ?? scenario.reason ?? "failed"
            var body = details.isEmpty ? (scenario.reason ?? "") : details
            if let reason = scenario.reason, !details.isEmpty { body += "\n\n\(reason)" }
            xml += ">\n      <failure message=\"\(attribute(first))\" type=\"\(scenario.outcome.rawValue)\">"
            xml += escape(body) + "</failure>\n    </testcase>\n"
        case .error:
            let body = [scenario.reason ?? "", evidence(scenario.exchanges.last)].filter { !$0.isEmpty }
            xml += ">\n      <error message=\"\(attribute(scenario.reason ?? "harness error"))\" type=\"error\">"
            xml += escape(body.joined(separator: "\n\n")) + "</error>\n    </testcase>\n"
        case .skipped, .unsupported:
            let message = "\(scenario.outcome.rawValue): \(scenario.reason ?? "")"
            xml += ">\n      <skipped message=\"\(attribute(message))\"/>\n    </testcase>\n"
        default:
            if details.isEmpty {
                xml += "/>\n"
            } else {
                var heading = scenario.outcome.rawValue
                if scenario.outcome == .knownIssue,
                    let original = report.baseline?.knownIssues.first(where: { $0.id == scenario.id })
                {
                    heading += " (baselined \(original.outcome.rawValue))"
                }
                xml += ">\n      <system-out>\(escape(heading + "\n" + details))</system-out>\n"
                xml += "    </testcase>\n"
            }
        }
        return xml
    }

    private static func describe(_ finding: CheckRecord, in scenario: ScenarioResult) -> String {
        var lines = [
            "[\(finding.level.rawValue)] \(finding.summary)", "expected: \(finding.expected)",
            "actual: \(finding.actual)",
        ]
        if !finding.specs.isEmpty {
            lines.append(
                "spec: "
                    + finding.specs.map { spec in spec.url.map { "\(spec) <\($0)>" } ?? "\(spec)" }
                    .joined(separator: ", "))
        }
        if let consequence = finding.oktaConsequence { lines.append("in Okta: \(consequence)") }
        if let hint = finding.fixHint { lines.append("fix: \(hint)") }
        if let index = finding.exchangeIndex, scenario.exchanges.indices.contains(index) {
            lines.append("evidence: " + evidence(scenario.exchanges[index]))
        }
        lines.append("at: \(finding.source)")
        return lines.joined(separator: "\n")
    }

    /// One line for an exchange: the request line and the status line (or "no response").
    static func evidence(_ exchange: Exchange?) -> String {
        guard let exchange else { return "" }
        let request = exchange.sent?.requestLine ?? "\(exchange.request.method) \(exchange.request.url)"
        return "\(request) → \(exchange.response?.statusLine ?? "no response")"
    }

    private static func seconds(_ microseconds: Int64) -> String { String(format: "%.3f", Double(microseconds) / 1e6) }

    private static func seconds(_ interval: TimeInterval) -> String { String(format: "%.3f", max(0, interval)) }

    /// `date` as Surefire writes it: ISO 8601 in UTC without a zone designator.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: date)
    }

    /// `text` escaped for an XML attribute value: as ``escape(_:)``, and line breaks and tabs as character
    /// references so attribute normalization keeps them.
    static func attribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\r", with: "&#13;")
            .replacingOccurrences(of: "\t", with: "&#9;")
    }

    /// `text` escaped for XML attributes and content; characters XML 1.0 forbids become U+FFFD.
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
                output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
