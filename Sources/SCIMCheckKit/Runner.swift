import Foundation
import SCIMCheckHTTP
import SCIMCore

/// Runs a catalog's selected scenarios against a target and returns the report.
///
/// Order: the preflight (if any), `/ServiceProviderConfig` discovery, then each selected suite in
/// catalog order: its setup, its scenarios one by one, its cleanups. A scenario needing a capability the
/// target does not advertise is `unsupported`; a writing scenario against a non-loopback target without
/// `--allow-writes` is `skipped`. Every exchange is kept, redacted, as evidence.
public struct Runner: Sendable {
    /// Options of a run beyond its context.
    public struct Options: Sendable {
        /// Which suites and scenarios run.
        public var selection: Selection
        /// Whether SHOULD findings fail the run.
        public var strict: Bool
        /// Whether the target is the embedded reference server.
        public var embedded: Bool
        /// The first call, when there is one.
        public var preflight: (any Preflight)?
        /// The run id; reports go in a directory of this name.
        public var runID: String

        /// Creates options.
        public init(
            selection: Selection = Selection(), strict: Bool = false, embedded: Bool = false,
            preflight: (any Preflight)? = nil, runID: String = Runner.makeRunID()
        ) {
            self.selection = selection
            self.strict = strict
            self.embedded = embedded
            self.preflight = preflight
            self.runID = runID
        }
    }

    let catalog: Catalog
    let context: RunContext
    let options: Options
    let events: @Sendable (RunEvent) -> Void
    let redactor: Redactor

    /// Creates a runner; `events` receives progress as it happens.
    public init(
        catalog: Catalog, context: RunContext, options: Options,
        events: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) {
        self.catalog = catalog
        self.context = context
        self.options = options
        self.events = events
        self.redactor = Redactor(secrets: context.secrets)
    }

    /// A new run id: UTC time and four random hex digits, such as `20261129-194500-3fa2`.
    public static func makeRunID(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: now) + "-" + String(format: "%04x", UInt16.random(in: .min ... .max))
    }

    /// Runs the selection and returns the report. Never throws: failures become outcomes or an abort.
    public func run() async -> RunReport {
        let startedAt = Date()
        var report = RunReport(
            tool: .init(name: ToolInfo.name, version: ToolInfo.version), runID: options.runID,
            startedAt: startedAt, finishedAt: startedAt,
            target: .init(
                baseURL: context.baseURL, embedded: options.embedded, authentication: context.credentials.mode),
            configuration: .init(
                selection: options.selection, strict: options.strict, writesAllowed: context.writesAllowed,
                settings: context.settings),
            capabilities: Capabilities(), summary: .init(), suites: [])
        let total = catalog.suites.filter { options.selection.includes(suite: $0.name) }
            .reduce(0) { $0 + $1.scenarios.count }
        events(.started(baseURL: context.baseURL, scenarioCount: total))

        var context = self.context
        if let preflight = options.preflight {
            let session = Session(context: context)
            let outcome = await preflight.run(session)
            let exchanges = session.exchanges.map(redactor.redact)
            switch outcome {
            case .passed(let message), .failed(let message):
                let passed = if case .passed = outcome { true } else { false }
                report.preflight = .init(
                    name: preflight.name, passed: passed, message: redactor.redact(message), exchanges: exchanges)
                events(.preflight(name: preflight.name, passed: passed, message: redactor.redact(message)))
            case .abort(let error):
                let message = redactor.redact(error.message)
                report.preflight = .init(name: preflight.name, passed: false, message: message, exchanges: exchanges)
                report.abort = .init(code: error.code, message: message)
                events(.preflight(name: preflight.name, passed: false, message: message))
                return finish(report)
            }
        }

        do {
            context.capabilities = try await discoverCapabilities(context)
        } catch {
            report.abort = .init(code: error.code, message: redactor.redact(error.message))
            return finish(report)
        }
        report.capabilities = context.capabilities

        var index = 0
        for suite in catalog.suites where options.selection.includes(suite: suite.name) {
            report.suites.append(await run(suite, context: context, index: &index, total: total))
        }
        return finish(report)
    }

    private func finish(_ report: RunReport) -> RunReport {
        var report = report
        report.finishedAt = Date()
        report.summary = RunReport.Summary(report.scenarios)
        events(.finished(report))
        return report
    }

    /// Reads `/ServiceProviderConfig` (RFC 7643 §5) with the kit's own headers.
    private func discoverCapabilities(_ context: RunContext) async throws(HarnessError) -> Capabilities {
        let session = Session(context: context)
        let response: Response
        do {
            response = try await session.get("/ServiceProviderConfig")
        } catch let error as HarnessError {
            throw error
        } catch {
            throw HarnessError(.transport, "could not read /ServiceProviderConfig: \(error)")
        }
        guard response.status == 200, let body = response.json?.objectValue else {
            return Capabilities(supported: [], discovered: false)
        }
        var supported = Set<Capability>()
        for capability in Capability.allCases {
            let feature = body.member(caseInsensitive: capability.rawValue)?.value.objectValue
            if feature?.member(caseInsensitive: "supported")?.value == .bool(true) { supported.insert(capability) }
        }
        return Capabilities(supported: supported, discovered: true)
    }

    private func run(_ suite: Suite, context: RunContext, index: inout Int, total: Int) async -> SuiteResult {
        let state = SuiteState()
        let suiteSession = Session(context: context, suite: state)
        var notes: [String] = []
        let selected = suite.scenarios.filter { options.selection.exclusionReason(for: $0.id) == nil }
        var setupError: String?
        if !selected.isEmpty, let setUp = suite.setUp {
            do {
                try await setUp(suiteSession)
            } catch {
                setupError = "suite setup failed: \(redactor.redact(describe(error)))"
            }
        }
        var results: [ScenarioResult] = []
        for scenario in suite.scenarios {
            index += 1
            events(.scenarioStarted(id: scenario.id, index: index, total: total))
            let result = await run(scenario, in: suite, context: context, state: state, setupError: setupError)
            results.append(result)
            events(.scenarioFinished(result, index: index, total: total))
        }
        notes += await runCleanups(of: suiteSession)
        return SuiteResult(
            name: suite.name, title: suite.title, setupExchanges: suiteSession.exchanges.map(redactor.redact),
            notes: notes, scenarios: results)
    }

    private func run(
        _ scenario: Scenario, in suite: Suite, context: RunContext, state: SuiteState, setupError: String?
    ) async -> ScenarioResult {
        let clock = ContinuousClock()
        let start = clock.now
        var result = ScenarioResult(
            id: scenario.id, title: scenario.title, suite: suite.name, traits: scenario.traits,
            source: scenario.source, outcome: .passed, reason: nil, durationMicroseconds: 0, checks: [],
            exchanges: [], cleanupExchanges: [])
        if let reason = options.selection.exclusionReason(for: scenario.id) {
            result.outcome = .skipped
            result.reason = reason
            return result
        }
        if Task.isCancelled {
            result.outcome = .skipped
            result.reason = "the run was interrupted before this scenario"
            return result
        }
        if let setupError {
            result.outcome = .error
            result.reason = setupError
            return result
        }
        if let missing = scenario.traits.requires.first(where: { !context.capabilities.supports($0) }) {
            result.outcome = .unsupported
            result.reason = "/ServiceProviderConfig does not advertise \(missing.rawValue).supported"
            return result
        }
        if scenario.traits.adminAPI, context.admin == nil {
            result.outcome = .unsupported
            result.reason = "the scenario needs the target's admin API, which only the embedded reference server offers"
            return result
        }
        if scenario.traits.writes, !context.writesAllowed {
            result.outcome = .skipped
            result.reason = "writes to a non-loopback target need --allow-writes"
            return result
        }

        let session = Session(context: context, suite: state, defaultLevel: scenario.traits.level)
        var thrownOutcome: (Outcome, String)?
        do {
            try await scenario.body(session)
        } catch let skip as ScenarioSkip {
            thrownOutcome = (.skipped, skip.reason)
        } catch is RequirementFailed {
            thrownOutcome = (.failed, "a requirement did not hold; later steps did not run")
        } catch {
            thrownOutcome = (.error, describe(error))
        }
        if Task.isCancelled {
            thrownOutcome = (.skipped, "the run was interrupted during this scenario")
        }
        let checks = session.checks
        let bodyExchangeCount = session.exchanges.count
        let cleanupNotes = await runCleanups(of: session)
        let exchanges = session.exchanges
        let redactor = session.secrets.isEmpty ? self.redactor : Redactor(secrets: context.secrets + session.secrets)

        result.checks = checks.map { record in
            var record = redactor.redact(record)
            // A finding always names a specification: the check's own, else its scenario's.
            if record.specs.isEmpty { record.specs = scenario.traits.specs }
            return record
        }
        result.exchanges = exchanges.prefix(bodyExchangeCount).map(redactor.redact)
        result.cleanupExchanges = exchanges.dropFirst(bodyExchangeCount).map(redactor.redact)
        if let (outcome, reason) = thrownOutcome {
            result.outcome = outcome
            result.reason = redactor.redact(reason)
        } else {
            result.outcome = Self.outcome(of: checks)
        }
        if !cleanupNotes.isEmpty {
            result.reason = ([result.reason].compactMap { $0 } + cleanupNotes).joined(separator: "; ")
        }
        if result.outcome == .passed, checks.isEmpty {
            result.outcome = .error
            result.reason = "the scenario evaluated no check"
        }
        result.durationMicroseconds = (clock.now - start).microseconds
        return result
    }

    /// The outcome a set of checks calls for: the worst failed level, or passed.
    static func outcome(of checks: [CheckRecord]) -> Outcome {
        let failedLevels = Set(checks.filter { !$0.passed }.map(\.level))
        if failedLevels.contains(.must) { return .failed }
        if failedLevels.contains(.should) { return .warning }
        if failedLevels.contains(.may) { return .informational }
        return .passed
    }

    /// Runs the session's cleanups, last registered first, each to its end even when the run is cancelled
    /// (an interrupted run still removes what it created; DESIGN §6).
    private func runCleanups(of session: Session) async -> [String] {
        var notes: [String] = []
        for cleanup in session.takeCleanups() {
            // An unstructured task does not inherit the run's cancellation, so the transport does not
            // abandon the cleanup's requests.
            if case .failure(let error) = await Task(operation: { try await cleanup(session) }).result {
                notes.append("cleanup failed: \(redactor.redact(describe(error)))")
            }
        }
        return notes
    }

    private func describe(_ error: any Error) -> String {
        if let harness = error as? HarnessError { return harness.message }
        return String(describing: error)
    }
}

extension Duration {
    /// The duration in whole microseconds.
    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
