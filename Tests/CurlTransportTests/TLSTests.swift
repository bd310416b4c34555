import CurlTransport
import Foundation
import SCIMCheckHTTP
import SCIMCheckTestSupport
import Testing

/// TLS peer verification against a loopback HTTPS server with a throwaway self-signed certificate.
@Suite("TLS verification")
struct TLSTests {
    @Test("A self-signed server fails by default, and passes with its CA or with verification off")
    func selfSignedServer() async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        let server = try await TestServer(certificate: certificate)
        defer { server.stop() }
        let request = HTTPRequest(method: "GET", url: server.url("/echo/tls"))
        #expect(request.url.hasPrefix("https://127.0.0.1:"))

        let refused = try #require(await CurlTransport().outcome(of: request).failure)
        #expect(refused.code == .tls)
        #expect(refused.message.contains("--cacert"))
        #expect(refused.exchange?.response == nil)

        let trusted = CurlTransport(
            options: TransportOptions(tlsVerification: .caCertificates(path: certificate.certificatePath)))
        let exchange = try await trusted.send(request)
        #expect(exchange.response?.status == 200)
        #expect(exchange.timings.tls > 0)
        #expect(exchange.timings.tls >= exchange.timings.connect)
        let again = try await trusted.send(request)
        #expect(again.connection.reused == true)
        #expect(again.timings.tls == 0)

        let insecure = CurlTransport(options: TransportOptions(tlsVerification: .disabled))
        #expect(try await insecure.send(request).response?.status == 200)

        let wrongCA = CurlTransport(
            options: TransportOptions(tlsVerification: .caCertificates(path: "/nonexistent/ca.pem")))
        #expect(await wrongCA.outcome(of: request).failure?.code == .tls)
    }
}
