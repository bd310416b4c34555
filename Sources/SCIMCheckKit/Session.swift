import SCIMCheckHTTP
import SCIMCore
import Synchronization

/// A scenario's handle on the target: sends requests, evaluates checks, records evidence, and
/// registers cleanups.
///
/// The kit's own verbs (`get`, `post`, `put`, `patch`, `delete`) send SCIM defaults: `Accept:
/// application/scim+json`, the run's `Authorization`, `User-Agent: scimcheck/VERSION`, and
/// `Content-Type: application/scim+json; charset=utf-8` on bodies. Simulators send fully built requests
/// through ``send(_:checks:)``.
public final class Session: Sendable {
    /// The run's shared context.
    public let context: RunContext
    /// State shared by the scenarios of a serialized suite.
    public let suite: SuiteState
    /// The level checks take when they name none.
    public let defaultLevel: RequirementLevel
    private let state = Mutex(State())

    struct State {
        var exchanges: [Exchange] = []
        var checks: [CheckRecord] = []
        var cleanups: [@Sendable (Session) async throws -> Void] = []
        var uniqueCounter = 0
        var attachments: [ObjectIdentifier: any Sendable] = [:]
        var secrets: [String] = []
    }

    /// Creates a session.
    public init(context: RunContext, suite: SuiteState = SuiteState(), defaultLevel: RequirementLevel = .must) {
        self.context = context
        self.suite = suite
        self.defaultLevel = defaultLevel
    }

    /// The capabilities the target advertised.
    public var capabilities: Capabilities { context.capabilities }

    /// The exchanges sent so far, in order.
    public var exchanges: [Exchange] { state.withLock { $0.exchanges } }

    /// The checks evaluated so far, in order.
    public var checks: [CheckRecord] { state.withLock { $0.checks } }

    // MARK: Requests

    /// Sends a fully built request, records the exchange, and evaluates `checks` against the response.
    ///
    /// With a ledger in the context, a create is recorded before it is sent and its id (or a removal)
    /// once the answer is in.
    /// - Throws: ``HarnessError`` when the transport delivered no complete response or the ledger
    ///   could not be written.
    @discardableResult
    public func send(
        _ request: HTTPRequest, @CheckBuilder checks: () -> [any Check] = { [] }
    ) async throws
        -> Response
    {
        let pending = try context.ledger?.willSend(request, baseURL: context.baseURL)
        let exchange: Exchange
        do throws(TransportError) {
            if pending == nil {
                exchange = try await context.transport.send(request)
            } else {
                // A create is not abandoned when the run is interrupted: its id must reach the ledger
                // and its cleanup, or it would be left on the target unknown.
                let transport = context.transport
                exchange = try await Task { () async -> Result<Exchange, TransportError> in
                    do throws(TransportError) {
                        return .success(try await transport.send(request))
                    } catch {
                        return .failure(error)
                    }
                }.value.get()
            }
        } catch {
            if let partial = error.exchange { record(partial) }
            throw HarnessError(error)
        }
        let index = record(exchange)
        if let ledger = context.ledger, let answer = exchange.response {
            try ledger.didSend(request, pending: pending, response: answer, baseURL: context.baseURL)
        }
        let response = Response(exchange: exchange, limits: context.jsonLimits)
        for check in checks() {
            let evaluation = check.evaluate(response)
            record(check: check, evaluation: evaluation, exchangeIndex: index)
        }
        return response
    }

    /// The kit's default header set for a request with or without a body.
    public func defaultHeaders(hasBody: Bool) -> [HTTPHeader] {
        var headers = [HTTPHeader("Accept", SCIMMediaType.scim)]
        if let authorization = context.credentials.authorizationValue {
            headers.append(HTTPHeader("Authorization", authorization))
        }
        headers.append(HTTPHeader("User-Agent", RunContext.userAgent))
        if hasBody { headers.append(HTTPHeader("Content-Type", "\(SCIMMediaType.scim); charset=utf-8")) }
        return headers
    }

    /// Sends `method` to `path` (relative to the base URL) with SCIM defaults, then evaluates `checks`.
    ///
    /// `query` is appended as given, so callers choose its encoding (see `URLQuery`); `headers` replace
    /// defaults of the same name.
    @discardableResult
    public func request(
        _ method: String, _ path: String, query: String? = nil, json: JSONValue? = nil,
        headers: [HTTPHeader] = [], @CheckBuilder checks: () -> [any Check] = { [] }
    ) async throws -> Response {
        var allHeaders = defaultHeaders(hasBody: json != nil)
        for header in headers { allHeaders.set(header.name, header.value) }
        let request = HTTPRequest(
            method: method, url: context.url(path, query: query), headers: allHeaders,
            body: json.map { Body($0.serializedBytes()) })
        return try await send(request, checks: checks)
    }

    /// `GET path?query` with SCIM defaults.
    @discardableResult
    public func get(
        _ path: String, query: String? = nil, @CheckBuilder checks: () -> [any Check] = { [] }
    )
        async throws -> Response
    {
        try await request("GET", path, query: query, checks: checks)
    }

    /// `POST path` with a JSON body and SCIM defaults.
    @discardableResult
    public func post(
        _ path: String, json: JSONValue, @CheckBuilder checks: () -> [any Check] = { [] }
    )
        async throws -> Response
    {
        try await request("POST", path, json: json, checks: checks)
    }

    /// `PUT path` with a JSON body and SCIM defaults.
    @discardableResult
    public func put(
        _ path: String, json: JSONValue, @CheckBuilder checks: () -> [any Check] = { [] }
    )
        async throws -> Response
    {
        try await request("PUT", path, json: json, checks: checks)
    }

    /// `PATCH path` with a JSON body and SCIM defaults.
    @discardableResult
    public func patch(
        _ path: String, json: JSONValue, @CheckBuilder checks: () -> [any Check] = { [] }
    )
        async throws -> Response
    {
        try await request("PATCH", path, json: json, checks: checks)
    }

    /// `DELETE path` with SCIM defaults.
    @discardableResult
    public func delete(_ path: String, @CheckBuilder checks: () -> [any Check] = { [] }) async throws -> Response {
        try await request("DELETE", path, checks: checks)
    }

    /// Sends `method` to `path` of the target's admin API (``RunContext/admin``) with its bearer token and
    /// JSON, then evaluates `checks`; the exchange is evidence like any other, the token redacted.
    /// - Throws: ``HarnessError`` when the run has no admin API or the transport delivered no response.
    @discardableResult
    public func admin(
        _ method: String, _ path: String, json: JSONValue? = nil, @CheckBuilder checks: () -> [any Check] = { [] }
    ) async throws -> Response {
        guard let admin = context.admin else {
            throw HarnessError(.scenario, "the target has no admin API the kit can reach")
        }
        var headers = [
            HTTPHeader("Accept", SCIMMediaType.json), HTTPHeader("Authorization", "Bearer \(admin.token)"),
            HTTPHeader("User-Agent", RunContext.userAgent),
        ]
        if json != nil { headers.append(HTTPHeader("Content-Type", SCIMMediaType.json)) }
        let request = HTTPRequest(
            method: method, url: admin.baseURL + (path.hasPrefix("/") ? path : "/" + path), headers: headers,
            body: json.map { Body($0.serializedBytes()) })
        return try await send(request, checks: checks)
    }

    // MARK: Verdicts

    /// Evaluates `checks` against the last exchange sent with `method` to a URL whose path ends with
    /// `pathSuffix` (query ignored); a simulator's requests are judged this way after an admin action.
    /// - Throws: a failed requirement when no such exchange was sent.
    @discardableResult
    public func checkLast(
        _ method: String, _ pathSuffix: String, fileID: String = #fileID, line: Int = #line,
        @CheckBuilder checks: () -> [any Check]
    ) throws -> Response {
        let found = state.withLock { state in
            state.exchanges.indices.last { index in
                let request = state.exchanges[index].request
                let path = request.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.url
                return request.method == method && path.hasSuffix(pathSuffix)
            }.map { ($0, state.exchanges[$0]) }
        }
        guard let (index, exchange) = found else {
            verify(
                "a \(method) request to …\(pathSuffix) was sent", false, expected: "\(method) …\(pathSuffix)",
                actual: "no such request", fileID: fileID, line: line)
            throw RequirementFailed()
        }
        let response = Response(exchange: exchange, limits: context.jsonLimits)
        for check in checks() {
            record(check: check, evaluation: check.evaluate(response), exchangeIndex: index)
        }
        return response
    }

    /// Records a check that is not about a single response, such as an Okta task's result.
    public func verify(
        _ summary: String, _ passed: Bool, expected: String, actual: String, level: RequirementLevel? = nil,
        specs: [SpecReference] = [], oktaConsequence: String? = nil, fixHint: String? = nil,
        fileID: String = #fileID, line: Int = #line
    ) {
        let record = CheckRecord(
            summary: summary, level: level ?? defaultLevel, passed: passed, expected: expected, actual: actual,
            specs: specs, oktaConsequence: oktaConsequence, fixHint: fixHint,
            exchangeIndex: state.withLock { $0.exchanges.isEmpty ? nil : $0.exchanges.count - 1 },
            source: SourceLocation(fileID: fileID, line: line))
        state.withLock { $0.checks.append(record) }
    }

    /// Returns `value`, or records a failed requirement and ends the scenario when it is `nil`.
    public func require<T>(
        _ value: T?, _ summary: String, expected: String = "a value", level: RequirementLevel? = nil,
        fileID: String = #fileID, line: Int = #line
    ) throws -> T {
        if let value { return value }
        verify(summary, false, expected: expected, actual: "none", level: level, fileID: fileID, line: line)
        throw RequirementFailed()
    }

    /// Ends the scenario as skipped, with the reason shown in reports.
    public func skip(_ reason: String) throws -> Never {
        throw ScenarioSkip(reason: reason)
    }

    // MARK: Resources

    /// A run-unique name: `scimcheck-<run tag>-<base>-<n>`; every resource the kit creates carries one.
    public func unique(_ base: String) -> String {
        let counter = state.withLock { state in
            state.uniqueCounter += 1
            return state.uniqueCounter
        }
        return "scimcheck-\(context.runTag)-\(base)-\(counter)"
    }

    /// Registers a cleanup; cleanups run after the scenario (or suite), last registered first.
    public func onCleanup(_ cleanup: @escaping @Sendable (Session) async throws -> Void) {
        state.withLock { $0.cleanups.append(cleanup) }
    }

    /// The session's one value of type `T`, created by `make` on first use.
    ///
    /// Simulators keep per-scenario state here (an Okta org, its app users and tasks) without the kit
    /// knowing their types.
    public func attachment<T: Sendable>(_ type: T.Type, make: () -> T) -> T {
        state.withLock { state in
            if let existing = state.attachments[ObjectIdentifier(type)] as? T { return existing }
            let created = make()
            state.attachments[ObjectIdentifier(type)] = created
            return created
        }
    }

    /// Marks `value` as a secret the scenario met (a token the target issued): the runner masks it in the
    /// scenario's evidence like the run's own credentials (DESIGN §8.15).
    public func treatAsSecret(_ value: String) {
        state.withLock { $0.secrets.append(value) }
    }

    /// The secrets the scenario met, in the order it marked them.
    var secrets: [String] { state.withLock { $0.secrets } }

    // MARK: Recording

    @discardableResult
    func record(_ exchange: Exchange) -> Int {
        state.withLock { state in
            state.exchanges.append(exchange)
            return state.exchanges.count - 1
        }
    }

    func record(check: any Check, evaluation: CheckEvaluation, exchangeIndex: Int?) {
        let metadata = check.metadata
        let record = CheckRecord(
            summary: check.summary, level: metadata.level ?? defaultLevel, passed: evaluation.passed,
            expected: evaluation.expected, actual: evaluation.actual, specs: metadata.specs,
            oktaConsequence: metadata.oktaConsequence, fixHint: metadata.fixHint ?? check.defaultHint,
            exchangeIndex: exchangeIndex,
            source: metadata.source)
        state.withLock { $0.checks.append(record) }
    }

    /// Removes and returns the registered cleanups, last registered first.
    func takeCleanups() -> [@Sendable (Session) async throws -> Void] {
        state.withLock { state in
            defer { state.cleanups.removeAll() }
            return state.cleanups.reversed()
        }
    }
}
