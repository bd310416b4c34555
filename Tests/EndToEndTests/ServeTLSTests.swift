import CurlTransport
import Foundation
import SCIMCheckHTTP
import SCIMCheckTestSupport
import SCIMServer
import Testing

/// `scimcheck serve --tls-cert --tls-key` as the TLS target of `scimcheck run` and `scimcheck admin` (DESIGN
/// §8.14): verification on by default, `--cacert`, `--insecure`, and plain HTTP to the HTTPS port.
@Suite struct ServeTLSTests {
    /// The admin token of ``withServer(_:)``'s server.
    static let adminToken = "tls-admin-1"

    /// Runs `body` with `scimcheck serve` serving HTTPS on a free port with a fresh self-signed certificate (SCIM
    /// token `tls-token-1`, admin token ``adminToken``), then stops the server and removes the certificate.
    static func withServer(_ body: (SelfSignedCertificate, Process, Int) async throws -> Void) async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        let (server, port) = try await TestServers.start(try TestServers.scimcheck) {
            [
                "serve", "--port", "\($0)", "--token", "tls-token-1", "--admin-token", adminToken, "--db", ":memory:",
                "--tls-cert", certificate.certificatePath, "--tls-key", certificate.keyPath,
            ]
        }
        defer { TestServers.stop(server) }
        try await body(certificate, server, port)
    }

    @Test func runVerifiesTheServedCertificateUnlessTrustedOrInsecure() async throws {
        try await Self.withServer { certificate, server, port in
            let base = "https://127.0.0.1:\(port)/scim/v2"
            func run(_ extra: [String]) async throws -> ProcessResult {
                let reports = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "tls-e2e-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: reports) }
                return try await ProcessRunner.run(
                    try TestServers.scimcheck,
                    ["run", "--target", base, "--token", "tls-token-1", "--only", "okta.credentials.*"]
                        + ["--report-dir", reports.path] + extra,
                    timeout: .seconds(60))
            }
            async let unverified = run([])
            async let trusted = run(["--cacert", certificate.certificatePath])
            async let insecure = run(["--insecure"])

            let refused = try await unverified
            let refusal = refused.stdout + refused.stderr
            #expect(refused.status == 2, "\(refusal)")
            #expect(refusal.contains("SSL certificate problem"), "\(refusal)")
            #expect(refusal.contains("--cacert"), "\(refusal)")
            let withCA = try await trusted
            #expect(withCA.status == 0, "\(withCA.stdout)\(withCA.stderr)")
            let unchecked = try await insecure
            #expect(unchecked.status == 0, "\(unchecked.stdout)\(unchecked.stderr)")

            // Plain HTTP to the HTTPS port fails the handshake, not the server: it still serves HTTPS afterwards.
            let plain = HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/scim/v2/ServiceProviderConfig")
            await #expect(throws: TransportError.self) { try await CurlTransport().send(plain) }
            #expect(server.isRunning)
            let client = CurlTransport(
                options: TransportOptions(tlsVerification: .caCertificates(path: certificate.certificatePath)))
            let after = try await client.send(
                HTTPRequest(
                    method: "GET", url: "\(base)/ServiceProviderConfig",
                    headers: [HTTPHeader("Authorization", "Bearer tls-token-1")]))
            #expect(after.response?.status == 200)
            #expect(after.response?.body.text?.contains("\"location\":\"\(base)/ServiceProviderConfig\"") == true)
        }
    }

    @Test("admin verifies the served certificate unless given --cacert or --insecure, and never prints its token")
    func adminVerifiesTheServedCertificateUnlessTrustedOrInsecure() async throws {
        try await Self.withServer { certificate, _, port in
            func admin(_ arguments: [String]) async throws -> ProcessResult {
                let result = try await ProcessRunner.run(
                    try TestServers.scimcheck,
                    ["admin"] + arguments + [
                        "--server", "https://127.0.0.1:\(port)", "--admin-token", Self.adminToken,
                    ],
                    timeout: .seconds(60))
                #expect(!(result.stdout + result.stderr).contains(Self.adminToken), "\(arguments) printed the token")
                return result
            }
            let refused = try await admin(["orgs", "list"])
            #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("TLS with"), "\(refused.stderr)")
            #expect(refused.stderr.contains("SSL certificate problem"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--cacert"), "\(refused.stderr)")
            #expect(refused.stdout.isEmpty, "\(refused.stdout)")

            let created = try await admin([
                "orgs", "create", "Acme", "--id", "12", "--cacert", certificate.certificatePath,
            ])
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout == "Created organization 12 (Acme).\n", "\(created.stdout)")
            let listed = try await admin(["orgs", "list", "--insecure"])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout == "12\tAcme\n", "\(listed.stdout)")

            // The same usage errors as `run`'s (exit 64).
            let both = try await admin(["orgs", "list", "--insecure", "--cacert", certificate.certificatePath])
            #expect(both.status == 64, "\(both.stderr)")
            #expect(both.stderr.contains("--insecure and --cacert exclude each other"), "\(both.stderr)")
            let unreadable = try await admin(["orgs", "list", "--cacert", "/nonexistent/ca.pem"])
            #expect(unreadable.status == 64, "\(unreadable.stderr)")
            #expect(
                unreadable.stderr.contains("--cacert /nonexistent/ca.pem is not a readable file"),
                "\(unreadable.stderr)")
        }
    }

    @Test func anInProcessServerServesHTTPSWithHTTPSLocations() async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        let identity = try ServerTLSIdentity(certificateFile: certificate.certificatePath, keyFile: certificate.keyPath)
        try await ReferenceServerFixture.with(configure: { $0.tls = identity }) { base in
            #expect(base.hasPrefix("https://127.0.0.1:"))
            let client = CurlTransport(
                options: TransportOptions(tlsVerification: .caCertificates(path: certificate.certificatePath)))
            let created = try await client.send(
                HTTPRequest(
                    method: "POST", url: "\(base)/Users",
                    headers: [
                        HTTPHeader("Authorization", "Bearer \(ReferenceServerFixture.scimToken)"),
                        HTTPHeader("Content-Type", "application/scim+json"),
                    ],
                    body: Body(
                        Array(
                            #"""
                            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"tls.user@example.com",
                            "name":{"givenName":"Pat","familyName":"Doe"},"active":true,
                            "emails":[{"value":"tls.user@example.com","type":"work","primary":true}]}
                            """#.utf8))))
            #expect(created.response?.status == 201, "\(created.response?.body.text ?? "")")
            let location = try #require(created.response?.headers.first(named: "Location"))
            #expect(location.hasPrefix("\(base)/Users/"))
        }
    }

    @Test func serveRefusesHalfOrBrokenTLSOptionsAsUsageErrors() async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        let other = try await SelfSignedCertificate()
        defer { other.remove() }
        let cases: [([String], String)] = [
            (["--tls-cert", certificate.certificatePath], "--tls-cert and --tls-key go together"),
            (["--tls-key", certificate.keyPath], "--tls-cert and --tls-key go together"),
            (["--tls-cert", certificate.certificatePath, "--tls-key", "/nonexistent/key.pem"], "cannot read"),
            (["--tls-cert", certificate.keyPath, "--tls-key", certificate.keyPath], "holds no PEM certificate"),
            (
                ["--tls-cert", certificate.certificatePath, "--tls-key", certificate.certificatePath],
                "no PEM private key"
            ),
            (["--tls-cert", certificate.certificatePath, "--tls-key", other.keyPath], "does not belong"),
        ]
        for (options, message) in cases {
            let result = try await ProcessRunner.run(
                try TestServers.scimcheck, ["serve", "--port", "0", "--db", ":memory:"] + options, timeout: .seconds(30)
            )
            #expect(result.status == 64, "\(options): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(options): \(result.stderr)")
        }
    }
}
