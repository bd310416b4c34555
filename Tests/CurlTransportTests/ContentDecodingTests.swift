import CurlTransport
import Foundation
import SCIMCheckHTTP
import Testing

/// `Accept-Encoding` on a request turns on libcurl's decoding (DESIGN §8.12): the header goes out as given,
/// the body is recorded decoded, the response headers as received.
@Suite("Content decoding")
struct ContentDecodingTests {
    static let listResponse =
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}"#

    @Test(
        "Okta's Accept-Encoding: gzip,deflate is sent verbatim and a gzip or deflate body is decoded",
        arguments: [("gzip,deflate", "gzip"), ("deflate", "deflate")])
    func decodes(acceptEncoding: String, coding: String) async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let request = HTTPRequest(
            method: "GET", url: server.url("/encoded"),
            headers: [
                HTTPHeader("Accept", "application/scim+json"), HTTPHeader("Accept-Encoding", acceptEncoding),
                HTTPHeader("Connection", "Keep-Alive"),
            ])

        let exchange = try await CurlTransport().send(request)

        let response = try #require(exchange.response)
        #expect(response.header("Content-Encoding") == coding)
        #expect(response.body.bytes == Array(Self.listResponse.utf8))
        let sent = try #require(exchange.sent)
        #expect(sent.headers.all(named: "Accept-Encoding") == [acceptEncoding])
        let order = sent.headers.map(\.name).filter { ["Accept", "Accept-Encoding", "Connection"].contains($0) }
        #expect(order == ["Accept", "Accept-Encoding", "Connection"])
        #expect(exchange.request == request)
    }

    @Test("Without Accept-Encoding nothing is asked for and the body arrives as sent")
    func identity() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let exchange = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/encoded")))
        let response = try #require(exchange.response)
        #expect(response.header("Content-Encoding") == nil)
        #expect(response.body.bytes == Array(Self.listResponse.utf8))
        #expect(try #require(exchange.sent).headers.first(named: "Accept-Encoding") == nil)
    }

    @Test("A pooled handle does not keep decoding for the next request")
    func handleReuse() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport()
        _ = try await transport.send(
            HTTPRequest(
                method: "GET", url: server.url("/encoded"), headers: [HTTPHeader("Accept-Encoding", "gzip,deflate")]))
        let next = try await transport.send(HTTPRequest(method: "GET", url: server.url("/encoded")))
        #expect(try #require(next.sent).headers.first(named: "Accept-Encoding") == nil)
        #expect(next.response?.header("Content-Encoding") == nil)
    }
}
