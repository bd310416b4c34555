import CurlTransport
import Foundation
import SCIMCheckHTTP
import Testing

/// What the transport records against what a loopback server actually received and sent.
@Suite("Recording the exchange")
struct RequestRecordingTests {
    /// Splits an echo response body into the request head (through the blank line) and the request body.
    private func splitEcho(_ bytes: [UInt8]) throws -> (head: String, body: [UInt8]) {
        let range = try #require(bytes.firstRange(of: Array("\r\n\r\n".utf8)))
        return (String(decoding: bytes[..<range.upperBound], as: UTF8.self), Array(bytes[range.upperBound...]))
    }

    private func rawHead(_ sent: SentRequest) -> String {
        ([sent.requestLine] + sent.headerLines).joined(separator: "\r\n") + "\r\n\r\n"
    }

    @Test("The recorded request head and body are exactly what the server read")
    func recordedRequestMatchesTheWire() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport()
        let body: Body = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ä@example.com"}"#
        let path = "/echo/scim/v2/Users?filter=userName%20eq%20%22a%22&x=1+2&y=%2F"
        let request = HTTPRequest(
            method: "POST", url: server.url(path),
            headers: [
                HTTPHeader("Authorization", "Bearer t0ken"), HTTPHeader("X-Zulu", "first"),
                HTTPHeader("Accept", "application/scim+json"), HTTPHeader("X-Alpha", "second"),
            ],
            body: body)

        let exchange = try await transport.send(request)

        let response = try #require(exchange.response)
        #expect(response.status == 200)
        let sent = try #require(exchange.sent)
        let (head, receivedBody) = try splitEcho(response.body.bytes)
        #expect(rawHead(sent) == head)
        #expect(sent.requestLine == "POST \(path) HTTP/1.1")
        #expect(receivedBody == body.bytes)
        #expect(sent.body == body)

        let received = SentRequest(requestLine: "", headerLines: head.components(separatedBy: "\r\n")).headers
        #expect(received.first(named: "Content-Type") == "application/scim+json; charset=utf-8")
        #expect(received.first(named: "Content-Length") == String(body.count))
        #expect(received.first(named: "Expect") == nil)
        #expect(received.first(named: "Accept-Encoding") == nil)
        #expect(received.all(named: "Accept") == ["application/scim+json"])
        let callerOrder = received.map(\.name).filter { ["Authorization", "X-Zulu", "Accept", "X-Alpha"].contains($0) }
        #expect(callerOrder == ["Authorization", "X-Zulu", "Accept", "X-Alpha"])
        #expect(exchange.connection.httpVersion == "1.1")
        #expect(exchange.connection.remoteAddress == "127.0.0.1")
        #expect(exchange.connection.remotePort == server.port)
    }

    @Test("Methods, bodies and headers are sent as asked, with nothing added but Host and Content-Length")
    func methodsAndBodies() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport()

        // PATCH with the caller's own Content-Type: sent once, unchanged.
        let patch: Body = #"{"Operations":[]}"#
        let patched = try await transport.send(
            HTTPRequest(
                method: "PATCH", url: server.url("/echo/Users/1"), headers: [HTTPHeader("Content-Type", "text/plain")],
                body: patch))
        let patchSent = try #require(patched.sent)
        let (patchHead, patchBody) = try splitEcho(try #require(patched.response).body.bytes)
        #expect(rawHead(patchSent) == patchHead)
        #expect(patchSent.requestLine == "PATCH /echo/Users/1 HTTP/1.1")
        #expect(patchSent.headers.all(named: "Content-Type") == ["text/plain"])
        #expect(patchBody == patch.bytes)

        // GET and DELETE without a body: only Host (and the caller's fields).
        for method in ["GET", "DELETE"] {
            let exchange = try await transport.send(HTTPRequest(method: method, url: server.url("/echo/Users/2")))
            let sent = try #require(exchange.sent)
            #expect(sent.requestLine == "\(method) /echo/Users/2 HTTP/1.1")
            #expect(sent.headerLines == ["Host: 127.0.0.1:\(server.port)"])
            #expect(sent.body == nil)
            #expect(rawHead(sent) == (try splitEcho(try #require(exchange.response).body.bytes)).head)
        }

        // POST without a body: Content-Length 0, and no form Content-Type.
        let emptyPost = try #require(
            try await transport.send(HTTPRequest(method: "POST", url: server.url("/echo"))).sent)
        #expect(emptyPost.headers.first(named: "Content-Length") == "0")
        #expect(emptyPost.headers.first(named: "Content-Type") == nil)

        // An empty header value is sent empty; the path is sent as is, dot segments included.
        let dotted = try await transport.send(
            HTTPRequest(method: "GET", url: server.url("/echo/a/../b"), headers: [HTTPHeader("X-Empty", "")]))
        let dottedSent = try #require(dotted.sent)
        #expect(dottedSent.requestLine == "GET /echo/a/../b HTTP/1.1")
        #expect(dottedSent.headerLines.contains("X-Empty:"))

        // HEAD: the headers arrive, no body is waited for.
        let head = try await transport.send(HTTPRequest(method: "HEAD", url: server.url("/echo")))
        #expect(head.response?.status == 200)
        #expect(head.response?.body.isEmpty == true)
        #expect(head.sent?.requestLine == "HEAD /echo HTTP/1.1")
    }

    @Test("Timings are recorded and a second request reuses the connection")
    func timingsAndConnectionReuse() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport()

        let first = try await transport.send(HTTPRequest(method: "GET", url: server.url("/echo/1")))
        #expect(first.timings.total > 0)
        #expect(first.timings.firstByte > 0)
        #expect(first.timings.firstByte <= first.timings.total)
        #expect(first.timings.tls == 0)
        #expect(first.connection.reused == false)
        #expect(first.response?.header("X-Connection-Request") == "1")

        let second = try await transport.send(HTTPRequest(method: "GET", url: server.url("/echo/2")))
        #expect(second.connection.reused == true)
        #expect(second.timings.connect == 0)
        #expect(second.timings.total > 0)
        #expect(second.response?.header("X-Connection-Request") == "2")
        #expect(second.startedAt >= first.startedAt)
    }

    @Test("Concurrent requests on one transport all complete")
    func concurrentRequests() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport()
        let urls = (0..<12).map { server.url("/echo/\($0)") }
        let statuses = await withTaskGroup(of: Int?.self) { group in
            for url in urls {
                group.addTask {
                    try? await transport.send(HTTPRequest(method: "GET", url: url)).response?.status
                }
            }
            return await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 12))
    }

    @Test("A redirect to another host is returned, not followed")
    func redirectIsNotFollowed() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport()

        let exchange = try await transport.send(HTTPRequest(method: "GET", url: server.url("/redirect")))

        let response = try #require(exchange.response)
        #expect(response.status == 302)
        #expect(response.statusLine == "HTTP/1.1 302 Found")
        #expect(response.header("Location") == "http://\(server.otherAddress)/scim/v2/Users/elsewhere")
        #expect(!server.otherAddress.hasPrefix("127.0.0.1:\(server.port)"))
        let count = try await transport.send(HTTPRequest(method: "GET", url: server.url("/other-count")))
        #expect(count.response?.body.text == "0")
    }

    @Test("Only the final response block is kept, with its header lines raw")
    func finalResponseBlock() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let exchange = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/early-hints")))
        let response = try #require(exchange.response)
        #expect(response.status == 201)
        #expect(response.statusLine == "HTTP/1.1 201 Created")
        #expect(
            response.headerLines == [
                "Content-Type: application/scim+json", "X-Dup: one", "x-dup:  two", "X-Connection-Request: 1",
                "Content-Length: 10",
            ])
        #expect(response.headers.all(named: "x-dup") == ["one", "two"])
        #expect(response.body.text == #"{"id":"1"}"#)
    }
}
