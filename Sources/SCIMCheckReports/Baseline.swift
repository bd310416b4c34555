import Foundation
import SCIMCheckKit

/// A list of known failures, so CI fails only on new ones (`scimcheck-baseline.json`).
///
/// `scimcheck baseline write --from report.json` writes one from a run; `scimcheck run --baseline FILE`
/// applies it: a listed scenario that fails again becomes ``Outcome/knownIssue`` (a pass for the exit code
/// and JUnit), a failure it does not list is new and fails the run, and a listed scenario that passes is
/// reported as fixed. Entries match by scenario id; an entry recorded as `warning` does not cover the same
/// scenario failing at MUST level (that is new). Harness errors are never baselined.
public struct Baseline: Sendable, Codable, Hashable {
    /// The format version this type writes.
    public static let currentSchemaVersion = 1

    /// One known failure.
    public struct Entry: Sendable, Codable, Hashable {
        /// The scenario id.
        public var id: String
        /// The outcome it had: `failed` or `warning`.
        public var outcome: Outcome
        /// Its suite, for readers.
        public var suite: String?
        /// Its title, for readers.
        public var title: String?
        /// Its findings as `[LEVEL] summary`, for readers; not used for matching.
        public var findings: [String]?

        /// Creates an entry.
        public init(
            id: String, outcome: Outcome, suite: String? = nil, title: String? = nil, findings: [String]? = nil
        ) {
            self.id = id
            self.outcome = outcome
            self.suite = suite
            self.title = title
            self.findings = findings
        }
    }

    /// The format version of the file.
    public var schemaVersion: Int
    /// The tool that wrote it, such as `scimcheck 0.1.0`.
    public var tool: String?
    /// The known failures, sorted by id.
    public var knownIssues: [Entry]

    /// Creates a baseline from entries.
    public init(knownIssues: [Entry], tool: String? = "\(ToolInfo.name) \(ToolInfo.version)") {
        self.schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.knownIssues = knownIssues.sorted { $0.id < $1.id }
    }

    /// The failures of a run: every `failed` and `warning` scenario, and the known issues of a run that
    /// already used a baseline (with the outcome they had before it).
    public init(from report: RunReport) {
        let original = Dictionary(
            (report.baseline?.knownIssues ?? []).map { ($0.id, $0.outcome) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = []
        for scenario in report.scenarios {
            let outcome: Outcome? =
                switch scenario.outcome {
                case .failed, .warning: scenario.outcome
                case .knownIssue: original[scenario.id] ?? .failed
                default: nil
                }
            guard let outcome else { continue }
            entries.append(
                Entry(
                    id: scenario.id, outcome: outcome, suite: scenario.suite, title: scenario.title,
                    findings: scenario.findings.map { "[\($0.level.rawValue)] \($0.summary)" }))
        }
        self.init(knownIssues: entries)
    }

    /// Reads a baseline file.
    /// - Throws: a `DecodingError` when it is not one, or ``UnsupportedVersion`` for a newer format.
    public static func parse(_ data: Data) throws -> Baseline {
        let baseline = try JSONDecoder().decode(Baseline.self, from: data)
        guard baseline.schemaVersion <= currentSchemaVersion else {
            throw UnsupportedVersion(version: baseline.schemaVersion)
        }
        return baseline
    }

    /// The baseline as pretty-printed JSON with sorted keys and a final newline.
    public func render() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// A baseline file of a newer format than this version reads.
    public struct UnsupportedVersion: Error, CustomStringConvertible {
        /// The file's `schemaVersion`.
        public var version: Int
        public var description: String {
            "baseline schemaVersion \(version) is newer than this scimcheck reads (\(Baseline.currentSchemaVersion))"
        }
    }

    /// `report` with this baseline applied: listed failures that failed again become `knownIssue`, and
    /// ``RunReport/baseline`` says what was known, new, fixed and unverified. A baseline applied earlier is
    /// undone first, so re-rendering with another baseline is exact. `file` names the baseline in reports.
    public func apply(to report: RunReport, file: String) -> RunReport {
        var report = report
        let listed = Dictionary(knownIssues.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let previous = Dictionary(
            (report.baseline?.knownIssues ?? []).map { ($0.id, $0.outcome) }, uniquingKeysWith: { first, _ in first })
        var result = BaselineResult(file: file, entries: listed.count)
        var seen = Set<String>()
        for suiteIndex in report.suites.indices {
            for index in report.suites[suiteIndex].scenarios.indices {
                var scenario = report.suites[suiteIndex].scenarios[index]
                if scenario.outcome == .knownIssue { scenario.outcome = previous[scenario.id] ?? .failed }
                seen.insert(scenario.id)
                let entry = listed[scenario.id]
                switch scenario.outcome {
                case .failed, .warning:
                    if let entry, Self.severity(scenario.outcome) <= Self.severity(entry.outcome) {
                        result.knownIssues.append(.init(id: scenario.id, outcome: scenario.outcome))
                        scenario.outcome = .knownIssue
                    } else if scenario.outcome == .failed || report.configuration.strict {
                        result.newFailures.append(scenario.id)
                    }
                case .passed, .informational:
                    if entry != nil { result.fixed.append(scenario.id) }
                default:
                    if entry != nil { result.unverified.append(scenario.id) }
                }
                report.suites[suiteIndex].scenarios[index] = scenario
            }
        }
        result.unverified += knownIssues.map(\.id).filter { !seen.contains($0) }
        report.baseline = result
        report.summary = RunReport.Summary(report.scenarios)
        return report
    }

    /// Whether the baseline lists `result` as a known failure at least as severe as its outcome (so
    /// ``apply(to:file:)`` turns it into `knownIssue`).
    public func covers(_ result: ScenarioResult) -> Bool {
        guard result.outcome == .failed || result.outcome == .warning,
            let entry = knownIssues.first(where: { $0.id == result.id })
        else { return false }
        return Self.severity(result.outcome) <= Self.severity(entry.outcome)
    }

    private static func severity(_ outcome: Outcome) -> Int {
        switch outcome {
        case .failed, .knownIssue: 2
        case .warning: 1
        default: 0
        }
    }
}
