import Foundation
import SCIMCheckKit

/// JUnit XML in the Surefire dialect (one `<testsuite>` per suite, one `<testcase>` per scenario).
///
/// Outcomes map as: failed → `<failure>`; warning → `<failure>` under `--strict`, else a pass with the
/// findings in `<system-out>`; error → `<error>`; skipped and unsupported → `<skipped>`; passed,
/// informational and knownIssue → a pass. The counts equal the JSON report's.
public enum JUnitReport {
    /// The report as JUnit XML text.
    public static func render(_ report: RunReport) -> String {
        let strict = report.configuration.strict
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let all = report.scenarios
        xml += "<testsuites name=\"scimcheck\" tests=\"\(all.count)\" failures=\"\(failures(all, strict))\" "
        xml += "errors=\"\(errors(all))\" skipped=\"\(skipped(all))\" "
        xml += "time=\"\(seconds(report.finishedAt.timeIntervalSince(report.startedAt)))\">\n"
        if let abort = report.abort {
            xml +=
                "  <testsuite name=\"scimcheck.run\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n"
            xml += "    <testcase classname=\"scimcheck.run\" name=\"preflight\" time=\"0\">\n"
            xml += "      <error message=\"\(escape(abort.message))\" type=\"\(abort.code.rawValue)\"/>\n"
            xml += "    </testcase>\n  </testsuite>\n"
        }
        for suite in report.suites {
            let scenarios = suite.scenarios
            let time = scenarios.reduce(Int64(0)) { $0 + $1.durationMicroseconds }
            xml += "  <testsuite name=\"\(escape(suite.name))\" tests=\"\(scenarios.count)\" "
            xml += "failures=\"\(failures(scenarios, strict))\" errors=\"\(errors(scenarios))\" "
            xml += "skipped=\"\(skipped(scenarios))\" time=\"\(seconds(time))\" "
            xml += "timestamp=\"\(timestamp(report.startedAt))\">\n"
            for scenario in scenarios { xml += testcase(scenario, strict: strict) }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    private static func testcase(_ scenario: ScenarioResult, strict: Bool) -> String {
        var xml = "    <testcase classname=\"\(escape(scenario.suite))\" name=\"\(escape(scenario.id))\" "
        xml += "time=\"\(seconds(scenario.durationMicroseconds))\""
        let findings = scenario.findings
        let details = findings.map(describe).joined(separator: "\n\n")
        switch scenario.outcome {
        case .failed,
            .warning where strict:
            let first = findings.first.map { "\($0.level.rawValue): \($0.summary)" } ?? scenario.reason ?? "failed"
            xml += ">\n      <failure message=\"\(escape(first))\" type=\"\(scenario.outcome.rawValue)\">"
            xml += escape(details.isEmpty ? (scenario.reason ?? "") : details) + "</failure>\n    </testcase>\n"
        case .error:
            xml += ">\n      <error message=\"\(escape(scenario.reason ?? "harness error"))\" type=\"error\"/>\n"
            xml += "    </testcase>\n"
        case .skipped, .unsupported:
            xml +=
                ">\n      <skipped message=\"\(escape("\(scenario.outcome.rawValue): \(scenario.reason ?? "")"))\"/>\n"
            xml += "    </testcase>\n"
        default:
            if details.isEmpty {
                xml += "/>\n"
            } else {
                xml += ">\n      <system-out>\(escape(scenario.outcome.rawValue + "\n" + details))</system-out>\n"
                xml += "    </testcase>\n"
            }
        }
        return xml
    }

    private static func describe(_ finding: CheckRecord) -> String {
        var lines = [
            "[\(finding.level.rawValue)] \(finding.summary)", "expected: \(finding.expected)",
            "actual: \(finding.actual)",
        ]
        if !finding.specs.isEmpty { lines.append("spec: " + finding.specs.map(\.description).joined(separator: ", ")) }
        if let consequence = finding.oktaConsequence { lines.append("in Okta: \(consequence)") }
        if let hint = finding.fixHint { lines.append("fix: \(hint)") }
        lines.append("at: \(finding.source)")
        return lines.joined(separator: "\n")
    }

    static func failures(_ scenarios: [ScenarioResult], _ strict: Bool) -> Int {
        scenarios.filter { $0.outcome == .failed || (strict && $0.outcome == .warning) }.count
    }

    static func errors(_ scenarios: [ScenarioResult]) -> Int { scenarios.filter { $0.outcome == .error }.count }

    static func skipped(_ scenarios: [ScenarioResult]) -> Int {
        scenarios.filter { $0.outcome == .skipped || $0.outcome == .unsupported }.count
    }

    private static func seconds(_ microseconds: Int64) -> String { String(format: "%.3f", Double(microseconds) / 1e6) }

    private static func seconds(_ interval: TimeInterval) -> String { String(format: "%.3f", max(0, interval)) }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
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
