import CurlTransport
import Foundation
import SCIMCheckHTTP
import Testing

/// Failures map to the right ``TransportError`` code, promptly, with the partial exchange attached.
@Suite("Failures")
struct FailureTests {
    @Test("A body over the limit fails with responseTooLarge, announced or not")
    func responseTooLarge() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportOptions(maxResponseBytes: 1024))
        for path in ["/big", "/big-chunked"] {
            let error = try #require(
                await transport.outcome(of: HTTPRequest(method: "GET", url: server.url(path))).failure)
            #expect(error.code == .responseTooLarge, "\(path): \(error)")
            #expect(error.message.contains("1024 bytes"))
            #expect(error.exchange?.response?.status == 200)
            #expect(error.exchange?.sent?.requestLine == "GET \(path) HTTP/1.1")
        }
        // The handle is still good after an aborted transfer.
        #expect(try await transport.send(HTTPRequest(method: "GET", url: server.url("/echo"))).response?.status == 200)
    }

    @Test("A body shorter than its Content-Length fails with truncatedResponse")
    func truncatedResponse() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let error = try #require(
            await CurlTransport().outcome(of: HTTPRequest(method: "GET", url: server.url("/truncated"))).failure)
        #expect(error.code == .truncatedResponse, "\(error)")
        #expect(error.exchange?.response?.status == 200)
        #expect(error.exchange?.response?.body.count == 10)
        #expect(error.exchange?.timings.total ?? 0 > 0)
    }

    @Test("A server that never answers times out at the total timeout")
    func timesOut() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportOptions(totalTimeoutMilliseconds: 1500))
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(
            await transport.outcome(of: HTTPRequest(method: "GET", url: server.url("/hang"))).failure)
        let elapsed = clock.now - start
        #expect(error.code == .timedOut, "\(error)")
        #expect(error.message.contains("1500 ms"))
        #expect(elapsed >= .milliseconds(1400))
        #expect(elapsed < .seconds(5))
        #expect(error.exchange?.sent?.requestLine == "GET /hang HTTP/1.1")
        #expect(error.exchange?.response == nil)
    }

    @Test("Cancelling the calling task aborts the transfer quickly")
    func cancellation() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let transport = CurlTransport(options: TransportOptions(totalTimeoutMilliseconds: 30_000))
        let request = HTTPRequest(method: "GET", url: server.url("/hang"))
        let task = Task { await transport.outcome(of: request) }
        // Cancel only once the server holds the request, so the abort happens mid-transfer.
        let probe = CurlTransport()
        for _ in 0..<100 {
            let count = try await probe.send(HTTPRequest(method: "GET", url: server.url("/hang-count")))
            if count.response?.body.text != "0" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        let error = try #require(await task.value.failure)
        #expect(error.code == .cancelled, "\(error)")
        // libcurl polls the abort flag about once a second on an idle transfer; on a loaded CI machine the abort
        // can take a little longer. Far below the 30 s timeout either way, which is what proves the cancel.
        #expect(clock.now - start < .seconds(6))
        #expect(error.exchange?.sent?.requestLine == "GET /hang HTTP/1.1")

        // A task cancelled before sending does no I/O at all.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await transport.outcome(of: request)
        }
        let earlyError = try #require(await early.value.failure)
        #expect(earlyError.code == .cancelled)
        #expect(earlyError.exchange == nil)
    }

    @Test("A refused connection fails with couldNotConnect")
    func connectionRefused() async throws {
        let error = try #require(
            await CurlTransport().outcome(of: HTTPRequest(method: "GET", url: "http://127.0.0.1:1/scim/v2/Users"))
                .failure)
        #expect(error.code == .couldNotConnect, "\(error)")
        #expect(error.message.contains("127.0.0.1:1"))
        #expect(error.exchange?.sent == nil)
        #expect(error.exchange?.connection.reused == false)
    }

    @Test("A reply that is not HTTP fails with protocolError")
    func notHTTP() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let error = try #require(
            await CurlTransport().outcome(of: HTTPRequest(method: "GET", url: server.url("/garbage"))).failure)
        #expect(error.code == .protocolError, "\(error)")
        #expect(error.exchange?.sent != nil)
    }
}
