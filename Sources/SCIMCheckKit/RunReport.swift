import Foundation
import SCIMCheckHTTP

/// The canonical record of a run: configuration, target facts, and every scenario's verdict with its
/// evidence. JSON, JUnit XML and the other formats are renderings of this value.
///
/// `schemaVersion` changes only when a field changes meaning; readers must ignore fields they do not
/// know. Secrets are masked before a report is built (DESIGN §8.15).
public struct RunReport: Sendable, Codable {
    /// The report format's version.
    public var schemaVersion: Int = 1
    /// The tool that wrote the report.
    public var tool: Tool
    /// A run-unique id, also the report directory's name.
    public var runID: String
    /// When the run started.
    public var startedAt: Date
    /// When the run finished.
    public var finishedAt: Date
    /// The target.
    public var target: Target
    /// The options the run used.
    public var configuration: Configuration
    /// What the target advertised in `/ServiceProviderConfig`.
    public var capabilities: Capabilities
    /// The first call's result, when a preflight ran.
    public var preflight: Preflight?
    /// Why the run stopped early, when it did (exit 2).
    public var abort: Abort?
    /// Counts by outcome.
    public var summary: Summary
    /// Suite results in run order.
    public var suites: [SuiteResult]
    /// What `--baseline` did, when a baseline was applied.
    public var baseline: BaselineResult?

    /// The tool's identity.
    public struct Tool: Sendable, Codable, Hashable {
        public var name: String
        public var version: String
    }

    /// The target's identity.
    public struct Target: Sendable, Codable, Hashable {
        /// The SCIM base URL.
        public var baseURL: String
        /// Whether the target was the embedded reference server.
        public var embedded: Bool
        /// The authentication mode (never the secret).
        public var authentication: String
    }

    /// The options that shaped the run.
    public struct Configuration: Sendable, Codable, Hashable {
        /// Suite, `--only` and `--skip` selection.
        public var selection: Selection
        /// Whether SHOULD findings fail the run.
        public var strict: Bool
        /// Whether writes were allowed against the target.
        public var writesAllowed: Bool
        /// Engine settings in force (`--okta-option`), defaults included.
        public var settings: [String: String]
    }

    /// The result of the run's first call.
    public struct Preflight: Sendable, Codable, Hashable {
        /// What the preflight did, such as "Okta Test API Credentials".
        public var name: String
        /// Whether it passed.
        public var passed: Bool
        /// Its message, in the words of the client it imitates.
        public var message: String
        /// Its exchanges, redacted.
        public var exchanges: [Exchange]
    }

    /// Why a run stopped before running scenarios.
    public struct Abort: Sendable, Codable, Hashable {
        /// The harness error code.
        public var code: HarnessError.Code
        /// The message.
        public var message: String
    }

    /// Scenario counts by outcome.
    public struct Summary: Sendable, Codable, Hashable {
        /// All scenarios in the report.
        public var total: Int = 0
        /// Counts per outcome; every outcome is present.
        public var outcomes: [Outcome: Int] = Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0, 0) })

        /// The count for `outcome`.
        public subscript(outcome: Outcome) -> Int { outcomes[outcome] ?? 0 }

        /// Counts the outcomes of `results`.
        public init(_ results: [ScenarioResult] = []) {
            total = results.count
            for result in results { outcomes[result.outcome, default: 0] += 1 }
        }

        private enum CodingKeys: String, CodingKey { case total, outcomes }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            total = try container.decode(Int.self, forKey: .total)
            let raw = try container.decode([String: Int].self, forKey: .outcomes)
            for (key, value) in raw { if let outcome = Outcome(rawValue: key) { outcomes[outcome] = value } }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(total, forKey: .total)
            try container.encode(
                Dictionary(uniqueKeysWithValues: outcomes.map { ($0.key.rawValue, $0.value) }), forKey: .outcomes)
        }
    }

    /// Every scenario result, in run order.
    public var scenarios: [ScenarioResult] { suites.flatMap(\.scenarios) }

    /// The process exit code this report calls for (DESIGN §2): 2 when the run aborted or a scenario hit a
    /// harness error, 1 for failures (and warnings when `strict`), else 0.
    public var exitCode: Int32 {
        if abort != nil || summary[.error] > 0 { return 2 }
        if summary[.failed] > 0 || (configuration.strict && summary[.warning] > 0) { return 1 }
        return 0
    }
}

/// One suite's results.
public struct SuiteResult: Sendable, Codable, Hashable {
    /// The suite's name.
    public var name: String
    /// Its title.
    public var title: String
    /// The exchanges of its setup and cleanup, redacted.
    public var setupExchanges: [Exchange]
    /// Notes about setup and cleanup (for example a cleanup that failed).
    public var notes: [String]
    /// Its scenarios' results.
    public var scenarios: [ScenarioResult]
}

/// One scenario's verdict with its evidence.
public struct ScenarioResult: Sendable, Codable, Hashable {
    /// The scenario id.
    public var id: String
    /// Its title.
    public var title: String
    /// The suite it ran in.
    public var suite: String
    /// Its resolved traits.
    public var traits: ScenarioTraits
    /// Where it is written.
    public var source: SourceLocation
    /// The verdict.
    public var outcome: Outcome
    /// Why it was skipped, unsupported or errored.
    public var reason: String?
    /// How long it took, in microseconds.
    public var durationMicroseconds: Int64
    /// Every evaluated check; the failed ones are findings.
    public var checks: [CheckRecord]
    /// The exchanges it sent, redacted.
    public var exchanges: [Exchange]
    /// The exchanges of its cleanup, redacted.
    public var cleanupExchanges: [Exchange]

    /// The failed checks.
    public var findings: [CheckRecord] { checks.filter { !$0.passed } }
}
