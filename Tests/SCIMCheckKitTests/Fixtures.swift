import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import Synchronization

/// A transport that answers from a closure and remembers every request, for unit tests of the kit.
final class ScriptedTransport: Transport {
    private let requests = Mutex<[HTTPRequest]>([])
    private let answer: @Sendable (HTTPRequest) -> (Int, [String], String)?

    init(answer: @escaping @Sendable (HTTPRequest) -> (Int, [String], String)?) {
        self.answer = answer
    }

    var sent: [HTTPRequest] { requests.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> Exchange {
        requests.withLock { $0.append(request) }
        guard let (status, headers, body) = answer(request) else {
            throw TransportError(.couldNotConnect, "scripted: connection refused", exchange: Exchange(request: request))
        }
        let response = HTTPResponse(
            statusLine: "HTTP/1.1 \(status) X", status: status, headerLines: headers, body: Body(stringLiteral: body))
        return Exchange(request: request, response: response, timings: Timings(firstByte: 1, total: 2))
    }
}

func response(status: Int = 200, headers: [String] = [], body: String = "") -> Response {
    Response(
        exchange: Exchange(
            request: HTTPRequest(method: "GET", url: "http://127.0.0.1/x"),
            response: HTTPResponse(
                statusLine: "HTTP/1.1 \(status) X", status: status, headerLines: headers,
                body: Body(stringLiteral: body))))
}

func context(
    _ transport: any Transport, credentials: Credentials = .bearer("s3cr3t-token"), settings: [String: String] = [:]
)
    -> RunContext
{
    RunContext(
        baseURL: "http://127.0.0.1:9/scim/v2/", credentials: credentials, transport: transport, runTag: "t3st",
        settings: settings, writesAllowed: true)
}
