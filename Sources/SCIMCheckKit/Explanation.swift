import SCIMCheckHTTP
import SCIMCore

/// What a scenario does, step by step, derived offline by running its own code against an
/// ``ExplainingTransport`` (`scimcheck explain ID`, DESIGN §8.16).
///
/// Server-assigned values appear as placeholders (`{user.id}`, `{group.id}`), the run tag as `{run}`;
/// `Authorization` values and `password` attributes are masked.
public struct Explanation: Sendable {
    /// One request the scenario sends, with the checks it evaluates on the answer.
    public struct Step: Sendable {
        /// The request, with placeholders for server-assigned values and secrets masked.
        public var request: HTTPRequest
        /// What the scenario expects of the response.
        public var checks: [CheckRecord]
    }

    /// The run tag as explanations show it.
    public static let runTagPlaceholder = "{run}"

    /// The scenario's suite.
    public let suite: Suite
    /// The scenario.
    public let scenario: Scenario
    /// The suite setup's requests (a serialized suite's precondition), run before the scenario.
    public let setup: [Step]
    /// How many earlier scenarios of a serialized suite run first (their requests are not shown).
    public let earlierScenarios: Int
    /// The scenario's requests, in order.
    public let steps: [Step]
    /// Checks that judge no single response (such as an Okta task's result).
    public let otherChecks: [CheckRecord]
    /// The cleanup requests that follow it, newest resource first.
    public let cleanup: [Step]
    /// Why the explanation stops early, when the scenario's code ended before its last step.
    public let stoppedEarly: String?

    /// Explains scenario `id` of `catalog` as it would run against `baseURL` with engine `settings`;
    /// `nil` when the catalog has no such scenario.
    public static func make(
        _ id: String, in catalog: Catalog, baseURL: String, settings: [String: String] = [:]
    ) async -> Explanation? {
        guard let (suite, scenario) = catalog.scenarios.first(where: { $0.scenario.id == id }) else { return nil }
        let transport = ExplainingTransport(baseURL: baseURL)
        let token = "explain-token-never-sent"
        let context = RunContext(
            baseURL: baseURL, credentials: .bearer(token), transport: transport, runTag: standInRunTag,
            settings: settings, writesAllowed: true,
            capabilities: Capabilities(supported: Set(Capability.allCases), discovered: true))
        let state = SuiteState()
        let suiteSession = Session(context: context, suite: state)
        if let setUp = suite.setUp { try? await setUp(suiteSession) }
        let setupCount = suiteSession.exchanges.count
        var earlier = 0
        if suite.serialized {
            for previous in suite.scenarios.prefix(while: { $0.id != id }) {
                let session = Session(context: context, suite: state, defaultLevel: previous.traits.level)
                try? await previous.body(session)
                earlier += 1
            }
        }
        let session = Session(context: context, suite: state, defaultLevel: scenario.traits.level)
        var stoppedEarly: String?
        do {
            try await scenario.body(session)
        } catch is RequirementFailed {
            stoppedEarly = "a requirement does not hold against the stand-in answers, so later steps are not shown"
        } catch let skip as ScenarioSkip {
            stoppedEarly = "the scenario skips itself here: \(skip.reason)"
        } catch {
            stoppedEarly = "the scenario's code stopped here: \(error)"
        }
        let bodyCount = session.exchanges.count
        for cleanup in session.takeCleanups() { try? await cleanup(session) }
        for cleanup in suiteSession.takeCleanups() { try? await cleanup(suiteSession) }

        let rewrite = Rewriter(placeholders: transport.placeholders, secrets: context.credentials.secrets)
        func steps(_ exchanges: ArraySlice<Exchange>, checks: [CheckRecord], offset: Int) -> [Step] {
            exchanges.enumerated().map { index, exchange in
                Step(
                    request: rewrite(exchange.request),
                    checks: checks.filter { $0.exchangeIndex == offset + index }.map(rewrite.callAsFunction))
            }
        }
        let exchanges = session.exchanges
        let checks = session.checks
        return Explanation(
            suite: suite, scenario: scenario,
            setup: steps(suiteSession.exchanges.prefix(setupCount), checks: [], offset: 0),
            earlierScenarios: earlier, steps: steps(exchanges.prefix(bodyCount), checks: checks, offset: 0),
            otherChecks: checks.filter { $0.exchangeIndex == nil }.map(rewrite.callAsFunction),
            cleanup: steps(exchanges.dropFirst(bodyCount), checks: [], offset: bodyCount)
                + steps(suiteSession.exchanges.dropFirst(setupCount), checks: [], offset: setupCount),
            stoppedEarly: stoppedEarly.map(rewrite.callAsFunction))
    }

    /// The run tag the scenario sees; ``Rewriter`` turns it into ``runTagPlaceholder``.
    static let standInRunTag = "RUNTAG"

    /// Replaces stand-in ids and the stand-in run tag with placeholders, and masks secrets.
    struct Rewriter {
        let replacements: [(String, String)]
        let redactor: Redactor

        init(placeholders: [(standIn: String, name: String)], secrets: [String]) {
            var replacements: [(String, String)] = []
            for (standIn, name) in placeholders { replacements.append((standIn, name)) }
            for tag in [standInRunTag, standInRunTag.lowercased()] {
                replacements.append((tag, runTagPlaceholder))
            }
            self.replacements = replacements
            self.redactor = Redactor(secrets: secrets)
        }

        func callAsFunction(_ text: String) -> String {
            replacements.reduce(redactor.redact(text)) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }

        func callAsFunction(_ request: HTTPRequest) -> HTTPRequest {
            var copy = redactor.redact(Exchange(request: request)).request
            copy.url = self(copy.url)
            copy.headers = copy.headers.map { HTTPHeader($0.name, self($0.value)) }
            copy.body = copy.body.map { body in body.text.map { Body(Array(self($0).utf8)) } ?? body }
            return copy
        }

        func callAsFunction(_ check: CheckRecord) -> CheckRecord {
            var copy = check
            copy.summary = self(check.summary)
            copy.expected = self(check.expected)
            copy.actual = self(check.actual)
            return copy
        }
    }
}
