import Foundation
import SCIMCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response as the tests see it: status, headers (names lowercased), raw body and its JSON.
struct TestResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    /// The body parsed as JSON, or `nil` when it is empty or not JSON.
    var json: JSONValue? { body.isEmpty ? nil : try? JSONValue.parse(body) }

    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// A header value by name, ignoring case.
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A tiny loopback HTTP client for the tests, on URLSession (FoundationNetworking on Linux).
struct TestHTTPClient: Sendable {
    /// The SCIM base URL, such as `http://127.0.0.1:PORT/scim/v2`.
    var base: String
    /// The bearer token sent unless a request says otherwise.
    var token: String?
    /// The session requests go through; see ``withConnections(_:)``.
    private var session = Self.shared

    init(base: String, token: String?) {
        self.base = base
        self.token = token
    }

    private static let shared = makeSession(connections: nil, timeout: 20)

    private static func makeSession(connections: Int?, timeout: TimeInterval) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = timeout
        if let connections { configuration.httpMaximumConnectionsPerHost = connections }
        return URLSession(configuration: configuration)
    }

    /// This client on its own session that opens up to `connections` connections to the server at once, so that
    /// that many concurrent requests really reach it concurrently (the shared session opens a few).
    ///
    /// `timeout` bounds each request's wait in seconds: requests the server serializes (one group's updates) wait
    /// for all those ahead of them, which on a loaded machine takes longer than the shared session's 20 s.
    func withConnections(_ connections: Int, timeout: TimeInterval = 20) -> TestHTTPClient {
        var client = self
        client.session = Self.makeSession(connections: connections, timeout: timeout)
        return client
    }

    /// Sends `method` to `path` (relative to ``base`` unless it starts with `http`).
    func send(
        _ method: String, _ path: String, body: String? = nil, bodyBytes: [UInt8]? = nil,
        contentType: String? = SCIMMediaType.scim, headers: [String: String] = [:], authorized: Bool = true
    ) async throws -> TestResponse {
        let urlText = path.hasPrefix("http") ? path : base + path
        guard let url = URL(string: urlText) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue(SCIMMediaType.scim, forHTTPHeaderField: "Accept")
        if authorized, let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let bytes = bodyBytes ?? body.map({ Array($0.utf8) }) {
            request.httpBody = Data(bytes)
            if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return TestResponse(status: http.statusCode, headers: fields, body: Array(data))
    }

    func get(_ path: String, authorized: Bool = true) async throws -> TestResponse {
        try await send("GET", path, authorized: authorized)
    }

    func post(_ path: String, json: JSONValue, contentType: String = SCIMMediaType.scim) async throws -> TestResponse {
        try await send("POST", path, body: json.serialized(), contentType: contentType)
    }

    func delete(_ path: String, headers: [String: String] = [:]) async throws -> TestResponse {
        try await send("DELETE", path, headers: headers)
    }

    func put(_ path: String, json: JSONValue, headers: [String: String] = [:]) async throws -> TestResponse {
        try await send("PUT", path, body: json.serialized(), headers: headers)
    }

    /// Sends a PatchOp with `operations` (or a raw body when `body` is given).
    func patch(
        _ path: String, _ operations: [JSONValue], headers: [String: String] = [:]
    ) async throws -> TestResponse {
        let body: JSONValue = ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
        return try await send("PATCH", path, body: body.serialized(), headers: headers)
    }

    /// Creates a group and returns it; records an issue if it was not 201.
    func createGroup(_ displayName: String, members: [String] = []) async throws -> JSONValue {
        let body: JSONValue = [
            "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string(displayName),
            "members": .array(members.map { ["value": .string($0)] }),
        ]
        let response = try await post("/Groups", json: body)
        guard response.status == 201, let json = response.json else {
            throw TestFailure("creating group \(displayName) answered \(response.status): \(response.text)")
        }
        return json
    }

    /// The resource at `path`, which must answer 200.
    func resource(_ path: String) async throws -> JSONValue {
        let response = try await get(path)
        guard response.status == 200, let json = response.json else {
            throw TestFailure("GET \(path) answered \(response.status): \(response.text)")
        }
        return json
    }

    /// Creates a user with `userName` and returns the created resource; records an issue if it was not 201.
    func createUser(_ userName: String, extra: JSONObject = JSONObject()) async throws -> JSONValue {
        var object = JSONObject([("schemas", [.string(SCIMURN.coreUser)]), ("userName", .string(userName))])
        for (key, value) in extra { object[key] = value }
        let response = try await post("/Users", json: .object(object))
        guard response.status == 201, let json = response.json else {
            throw TestFailure("creating \(userName) answered \(response.status): \(response.text)")
        }
        return json
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
