import ArgumentParser
import CurlTransport
import Foundation
import SCIMCheckHTTP
import SCIMCore

/// Talks to a running reference server's admin API (`/admin/v1`, DESIGN §8.2) through ``CurlTransport``.
///
/// `scimcheck admin` uses it; tests and a user's own package can drive the reference server with it too.
public struct AdminClient: Sendable {
    /// The admin API's base URL, such as `http://127.0.0.1:8080/admin/v1`.
    public let base: String
    private let token: String
    private let transport: CurlTransport

    /// Creates a client for the server at `server` (its root, SCIM base or admin base URL), verifying an HTTPS
    /// server's certificate as `tlsVerification` says.
    public init(
        server: String, token: String, allowHTTP: Bool, tlsVerification: TransportOptions.TLSVerification = .system
    ) {
        base = Self.adminBase(server)
        self.token = token
        transport = CurlTransport(options: TransportOptions(tlsVerification: tlsVerification, allowHTTP: allowHTTP))
    }

    /// The admin base for a server URL: `/admin/v1` under its root, whatever path it came with.
    static func adminBase(_ server: String) -> String {
        var root = server.trimmingCharacters(in: .whitespaces)
        while root.hasSuffix("/") { root.removeLast() }
        for suffix in ["/admin/v1", "/scim/v2"] where root.hasSuffix(suffix) {
            root.removeLast(suffix.count)
        }
        return root + "/admin/v1"
    }

    /// Sends `method` to `path` under the admin base with an optional JSON body and returns the JSON answer.
    /// - Throws: ``AdminClientError`` for a transport failure or a non-2xx answer (with the server's message).
    @discardableResult
    public func send(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> JSONValue {
        var headers = [HTTPHeader("Authorization", "Bearer \(token)"), HTTPHeader("Accept", "application/json")]
        if body != nil { headers.append(HTTPHeader("Content-Type", "application/json")) }
        let request = HTTPRequest(
            method: method, url: base + path, headers: headers, body: body.map { Body($0.serializedBytes()) })
        let exchange: Exchange
        do {
            exchange = try await transport.send(request)
        } catch {
            throw AdminClientError("\(method) \(base + path) failed: \(error.message)")
        }
        guard let response = exchange.response else {
            throw AdminClientError("\(method) \(base + path) got no response")
        }
        let json = response.body.isEmpty ? JSONValue.null : (try? JSONValue.parse(response.body.bytes)) ?? .null
        guard (200..<300).contains(response.status) else {
            let message = json["message"]?.stringValue ?? json["detail"]?.stringValue ?? response.body.text ?? ""
            throw AdminClientError("\(method) \(path) answered \(response.status): \(message)")
        }
        return json
    }
}

/// A failed admin call, printed as one line.
public struct AdminClientError: Error, CustomStringConvertible {
    /// What failed, with the server's message.
    public let description: String

    init(_ description: String) { self.description = description }
}

/// The options every `scimcheck admin` command takes: where the server is, how to trust it and the admin token.
struct AdminConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("server"),
        help: "The server's URL (root, SCIM base or admin base), such as http://127.0.0.1:8080.")
    var server = "http://127.0.0.1:8080"

    @Option(name: .customLong("admin-token"), help: "The admin API's bearer token (or env SCIMCHECK_ADMIN_TOKEN).")
    var adminToken: String?

    @Flag(name: .customLong("allow-http"), help: "Allow plain HTTP to a host that is not loopback.")
    var allowHTTP = false

    @OptionGroup var tls: TLSOptions

    @Flag(name: .customLong("json"), help: "Print the server's JSON answer instead of a summary.")
    var json = false

    /// A client for these options.
    /// - Throws: `ValidationError` when no admin token was given.
    func client() throws -> AdminClient {
        guard let token = adminToken ?? ProcessInfo.processInfo.environment["SCIMCHECK_ADMIN_TOKEN"], !token.isEmpty
        else { throw ValidationError("give the admin token with --admin-token or SCIMCHECK_ADMIN_TOKEN") }
        return AdminClient(server: server, token: token, allowHTTP: allowHTTP, tlsVerification: tls.verification)
    }

    /// Runs `call` with a client and prints its answer: `summary(answer)` lines, or the JSON with `--json`.
    func run(_ call: (AdminClient) async throws -> JSONValue, summary: (JSONValue) -> [String]) async throws {
        let client = try client()
        let answer: JSONValue
        do {
            answer = try await call(client)
        } catch let error as AdminClientError {
            Console().error(error.description)
            throw ExitCode(1)
        }
        if json {
            Console().line(answer.serialized(.pretty))
        } else {
            for line in summary(answer) { Console().line(line) }
        }
    }
}
