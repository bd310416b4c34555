import CurlTransport
import Foundation
import SCIMCheckHTTP
import Testing

/// ``TargetPolicy`` is enforced before any network I/O.
@Suite("Target policy")
struct TargetPolicyTests {
    @Test("Plain HTTP to a non-loopback host is refused without I/O")
    func plainHTTPRefused() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(
            await CurlTransport().outcome(of: HTTPRequest(method: "GET", url: "http://example.com/scim/v2/Users"))
                .failure)
        #expect(error.code == .insecureURL)
        #expect(error.exchange == nil)
        #expect(clock.now - start < .seconds(1))
    }

    @Test("A host with an underscore is refused, and so is an unsupported scheme")
    func badHosts() async throws {
        let transport = CurlTransport(options: TransportOptions(allowHTTP: true))
        let underscore = try #require(
            await transport.outcome(of: HTTPRequest(method: "GET", url: "https://scim_api.example.com/v2")).failure)
        #expect(underscore.code == .insecureURL)
        #expect(underscore.exchange == nil)
        let ftp = try #require(await transport.outcome(of: HTTPRequest(method: "GET", url: "ftp://127.0.0.1/")).failure)
        #expect(ftp.code == .invalidURL)
    }

    @Test("Loopback plain HTTP is allowed; other plain HTTP only with allowHTTP")
    func allowHTTP() async throws {
        let server = try await TestServer()
        defer { server.stop() }
        let loopback = try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/echo")))
        #expect(loopback.response?.status == 200)

        // `127.1` reaches this machine, but the policy does not treat it as loopback.
        let shorthand = HTTPRequest(method: "GET", url: server.url("/echo", host: "127.1"))
        #expect(TargetPolicy.isLoopback(host: "127.1") == false)
        let refused = try #require(await CurlTransport().outcome(of: shorthand).failure)
        #expect(refused.code == .insecureURL)
        #expect(refused.exchange == nil)
        let allowed = try await CurlTransport(options: TransportOptions(allowHTTP: true)).send(shorthand)
        #expect(allowed.response?.status == 200)
    }
}
