import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import Synchronization

/// A transport that answers from a closure and remembers every request, for unit tests.
///
/// The closure returns status, raw header lines and body, or `nil` for a refused connection.
public final class ScriptedTransport: Transport {
    private let requests = Mutex<[HTTPRequest]>([])
    private let answer: @Sendable (HTTPRequest) -> (Int, [String], String)?

    /// Creates a transport answering with `answer`.
    public init(answer: @escaping @Sendable (HTTPRequest) -> (Int, [String], String)?) {
        self.answer = answer
    }

    /// The requests sent so far, in order.
    public var sent: [HTTPRequest] { requests.withLock { $0 } }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> Exchange {
        requests.withLock { $0.append(request) }
        guard let (status, headers, body) = answer(request) else {
            throw TransportError(.couldNotConnect, "scripted: connection refused", exchange: Exchange(request: request))
        }
        let response = HTTPResponse(
            statusLine: "HTTP/1.1 \(status) X", status: status, headerLines: headers, body: Body(stringLiteral: body))
        return Exchange(request: request, response: response, timings: Timings(firstByte: 1, total: 2))
    }
}

/// A response view over a synthetic exchange, for check tests.
public func response(status: Int = 200, headers: [String] = [], body: String = "") -> Response {
    Response(
        exchange: Exchange(
            request: HTTPRequest(method: "GET", url: "http://127.0.0.1/x"),
            response: HTTPResponse(
                statusLine: "HTTP/1.1 \(status) X", status: status, headerLines: headers,
                body: Body(stringLiteral: body))))
}

/// A run context on `transport` with a bearer token `s3cr3t-token` and base `http://127.0.0.1:9/scim/v2`.
public func context(
    _ transport: any Transport, credentials: Credentials = .bearer("s3cr3t-token"), settings: [String: String] = [:],
    baseURL: String = "http://127.0.0.1:9/scim/v2/"
) -> RunContext {
    RunContext(
        baseURL: baseURL, credentials: credentials, transport: transport, runTag: "t3st", settings: settings,
        writesAllowed: true)
}
