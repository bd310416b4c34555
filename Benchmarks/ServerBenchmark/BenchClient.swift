import CurlTransport
import Foundation
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit

/// Sends requests to a SCIM base URL the way Okta's production client does (okta-behavior.md §8), over libcurl
/// with pooled keep-alive connections, and times each one on the client's clock.
struct BenchClient: Sendable {
    /// A response: status and body, and how long the request took end to end.
    struct Reply: Sendable {
        var status: Int
        var body: [UInt8]
        var elapsed: Duration
    }

    /// Why a request gave no usable answer.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The SCIM base URL, such as `http://127.0.0.1:PORT/scim/v2`.
    let base: String
    let credentials: Credentials
    let transport: CurlTransport

    init(base: String, token: String) {
        self.base = base
        self.credentials = .bearer(token)
        self.transport = CurlTransport(options: TransportOptions(totalTimeoutMilliseconds: 60_000))
    }

    /// `GET base + pathAndQuery`.
    func get(_ pathAndQuery: String) async throws -> Reply {
        try await send(
            HTTPRequest(
                method: "GET", url: base + pathAndQuery,
                headers: OktaHeaders.production(credentials: credentials, hasBody: false)))
    }

    /// `POST base + path` with a JSON body.
    func post(_ path: String, body: [UInt8]) async throws -> Reply {
        try await send(
            HTTPRequest(
                method: "POST", url: base + path,
                headers: OktaHeaders.production(credentials: credentials, hasBody: true), body: Body(body)))
    }

    private func send(_ request: HTTPRequest) async throws -> Reply {
        let start = ContinuousClock.now
        let exchange: Exchange
        do {
            exchange = try await transport.send(request)
        } catch {
            throw Failure(description: "\(request.method) \(request.url): \(error)")
        }
        let elapsed = ContinuousClock.now - start
        guard let response = exchange.response else {
            throw Failure(description: "\(request.method) \(request.url): no response")
        }
        return Reply(status: response.status, body: response.body.bytes, elapsed: elapsed)
    }
}
