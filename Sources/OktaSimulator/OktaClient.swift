import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// Okta's SCIM client on the wire: builds exactly the requests Okta sends, with Okta's production
/// headers and query encoding, and sends them through the scenario's session.
///
/// Every request goes through the session, so checks and evidence work as for any request. The
/// stateful ``OktaEngine`` (admin actions, tasks) sits on top of it.
public struct OktaClient: Sendable {
    /// The session requests go through.
    public let session: Session
    /// The engine's settings for this run.
    public let settings: OktaSettings

    /// Creates an engine on `session` with `settings`.
    public init(session: Session, settings: OktaSettings) {
        self.session = session
        self.settings = settings
    }

    /// A request exactly as Okta's production client sends it.
    ///
    /// `query` parameters are encoded in the given order with Okta's encoding (everything outside RFC
    /// 3986's unreserved set percent-encoded; spaces per the `filter-spaces` option).
    public func request(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], json: JSONValue? = nil
    ) -> HTTPRequest {
        let queryString = query.isEmpty ? nil : URLQuery.string(query, spaces: settings.filterSpaces)
        return HTTPRequest(
            method: method, url: session.context.url(path, query: queryString),
            headers: OktaHeaders.production(
                credentials: session.context.credentials, hasBody: json != nil,
                acceptEncoding: settings.acceptEncoding),
            body: json.map { Body($0.serializedBytes()) })
    }

    /// Clicks "Test API Credentials" (okta-behavior §1, simulator requirement 4).
    ///
    /// Sends `GET /Users?startIndex=1&count=2`, and `GET /Groups?startIndex=1&count=100` when the
    /// `test-credentials-groups` option is on. `users` and `groups` are checks on those responses.
    /// The task succeeds on a 2xx ListResponse; otherwise it fails with Okta's "Error authenticating" text.
    /// - Throws: ``HarnessError`` when a request gets no response at all.
    @discardableResult
    public func testAPICredentials(
        @CheckBuilder users: () -> [any Check] = { [] }, @CheckBuilder groups: () -> [any Check] = { [] }
    ) async throws -> OktaTask {
        let action = "Test API Credentials"
        let usersResponse = try await session.send(
            request("GET", "/Users", query: [("startIndex", "1"), ("count", "2")]), checks: users)
        if let task = Self.credentialsFailure(usersResponse, action: action) { return task }
        if settings.testCredentialsGroups {
            let groupsResponse = try await session.send(
                request("GET", "/Groups", query: [("startIndex", "1"), ("count", "100")]), checks: groups)
            if let task = Self.credentialsFailure(groupsResponse, action: action) { return task }
        }
        return OktaTask(
            action: action, status: .succeeded, message: OktaMessages.credentialsVerified,
            httpStatus: usersResponse.status)
    }

    /// The failed task a Test API Credentials response calls for, or `nil` when Okta accepts it.
    ///
    /// Okta accepts a 2xx whose body is a JSON object with integer paging numbers (lowercase keys
    /// too, okta-behavior §2.3). What else Okta validates here is not documented [I].
    static func credentialsFailure(_ response: Response, action: String) -> OktaTask? {
        guard (200..<300).contains(response.status) else {
            return OktaTask(
                action: action, status: .failed,
                message: OktaMessages.credentialsRejected(reason: OktaMessages.reasonPhrase(response.status)),
                httpStatus: response.status)
        }
        guard let body = response.json?.objectValue else {
            return OktaTask(
                action: action, status: .failed,
                message: OktaMessages.credentialsRejected(reason: "the response is not a JSON ListResponse"),
                httpStatus: response.status)
        }
        for name in ["totalResults", "startIndex", "itemsPerPage"] {
            if let value = body.member(caseInsensitive: name)?.value, value.intValue == nil {
                return OktaTask(
                    action: action, status: .failed,
                    message: OktaMessages.credentialsRejected(reason: "\(name) is not a number"),
                    httpStatus: response.status)
            }
        }
        return nil
    }
}
