import SCIMCheckKit

/// Would Okta work against this server? A verdict derived from the `okta-oin-spec` suite (Okta's OIN
/// submission test) and the other `okta-*` suites (Okta's provisioning flows).
///
/// A failed, errored or baselined (`knownIssue`) scenario blocks readiness: a known issue is still an issue
/// in Okta. Skipped and unsupported scenarios leave it unverified. Warnings do not block it.
public struct OktaReadiness: Sendable, Hashable {
    /// A readiness verdict.
    public enum Verdict: String, Sendable, Hashable {
        /// Every selected Okta scenario held.
        case ready
        /// At least one Okta scenario failed, errored or is a known issue, or the first call failed.
        case notReady
        /// Nothing failed, but some Okta scenarios were skipped, unsupported or not selected.
        case incomplete
        /// No scenario of this area ran.
        case notRun

        /// The verdict in a few words, such as "ready" or "not ready".
        public var label: String {
            switch self {
            case .ready: "ready"
            case .notReady: "not ready"
            case .incomplete: "not fully verified"
            case .notRun: "not run"
            }
        }
    }

    /// One part of the verdict: the OIN submission test or the provisioning flows.
    public struct Area: Sendable, Hashable {
        /// What the area stands for, such as "Okta OIN submission test (SCIM 2.0 SPEC Test)".
        public var name: String
        /// The suites it is derived from.
        public var suites: [String]
        /// Its verdict.
        public var verdict: Verdict
        /// Scenarios that held (passed or informational).
        public var passed: Int
        /// Scenarios that ended in a warning.
        public var warnings: Int
        /// All scenarios of its suites in the report.
        public var total: Int
        /// Ids of the scenarios that block it (failed, error, knownIssue).
        public var blocking: [String]
        /// Ids of the scenarios that did not verify anything (skipped, unsupported).
        public var unverified: [String]

        /// One sentence: the verdict and its evidence.
        public var sentence: String {
            switch verdict {
            case .notRun:
                return "\(name): not run."
            case .ready:
                let tail = warnings > 0 ? " (\(warnings) with SHOULD-level warnings)" : ""
                return "\(name): would work — \(passed + warnings) of \(total) scenarios held\(tail)."
            case .notReady:
                return "\(name): would fail — \(count(blocking.count)) failed: \(list(blocking))."
            case .incomplete:
                return "\(name): nothing failed, but \(count(unverified.count)) did not run: \(list(unverified))."
            }
        }

        private func count(_ number: Int) -> String { number == 1 ? "1 scenario" : "\(number) scenarios" }

        private func list(_ ids: [String]) -> String {
            ids.count <= 5
                ? ids.joined(separator: ", ") : ids.prefix(4).joined(separator: ", ") + " and \(ids.count - 4) more"
        }
    }

    /// The overall verdict.
    public var verdict: Verdict
    /// The OIN submission test area, then the provisioning flows area.
    public var areas: [Area]
    /// Why the run could not judge anything, when the first call failed.
    public var preflightFailure: String?

    /// Derives the verdict from a report.
    public init(_ report: RunReport) {
        let oin = Self.area(
            "Okta OIN submission test (SCIM 2.0 SPEC Test)", report: report, where: { $0 == "okta-oin-spec" })
        let flows = Self.area(
            "Okta provisioning flows", report: report, where: { $0.hasPrefix("okta-") && $0 != "okta-oin-spec" })
        areas = [oin, flows]
        if let abort = report.abort {
            preflightFailure = abort.message
            verdict = .notReady
        } else if report.preflight?.passed == false {
            preflightFailure = report.preflight?.message
            verdict = .notReady
        } else if areas.contains(where: { $0.verdict == .notReady }) {
            verdict = .notReady
        } else if areas.allSatisfy({ $0.verdict == .notRun }) {
            verdict = .notRun
        } else if areas.allSatisfy({ $0.verdict == .ready }) {
            verdict = .ready
        } else {
            verdict = .incomplete
        }
    }

    /// One sentence for the whole verdict.
    public var headline: String {
        switch verdict {
        case .ready:
            "Ready for Okta: Okta's OIN submission test and its provisioning flows would work against this server."
        case .notReady:
            if preflightFailure != nil {
                "Not ready for Okta: its Test API Credentials call would fail, so the app could not be set up."
            } else {
                "Not ready for Okta: some of what Okta does would fail against this server."
            }
        case .incomplete:
            "Okta readiness not fully verified: nothing failed, but not every Okta scenario ran."
        case .notRun:
            "Okta readiness not judged: no okta-* suite ran."
        }
    }

    private static func area(_ name: String, report: RunReport, where matches: (String) -> Bool) -> Area {
        let suites = report.suites.filter { matches($0.name) }
        let scenarios = suites.flatMap(\.scenarios)
        let blocking = scenarios.filter { [.failed, .error, .knownIssue].contains($0.outcome) }.map(\.id)
        let unverified = scenarios.filter { [.skipped, .unsupported].contains($0.outcome) }.map(\.id)
        let passed = scenarios.filter { [.passed, .informational].contains($0.outcome) }.count
        let warnings = scenarios.filter { $0.outcome == .warning }.count
        let verdict: Verdict =
            if scenarios.isEmpty || unverified.count == scenarios.count {
                .notRun
            } else if !blocking.isEmpty {
                .notReady
            } else if !unverified.isEmpty {
                .incomplete
            } else {
                .ready
            }
        return Area(
            name: name, suites: suites.map(\.name), verdict: verdict, passed: passed, warnings: warnings,
            total: scenarios.count, blocking: blocking, unverified: unverified)
    }
}
