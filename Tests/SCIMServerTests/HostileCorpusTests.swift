import CurlTransport
import Foundation
import SCIMCheckHTTP
import SCIMCheckTestSupport
import SCIMCore
import SCIMServer
import Testing

/// The committed hostile-request corpus (`Fixtures/hostile/*.jsonl`), replayed over raw loopback sockets.
///
/// Issue 3's "bad input" point and DESIGN §7: every malformed request gets a 4xx SCIM error (RFC 7644 §3.12,
/// ERR-01 to ERR-06), HTTP-level garbage a bare 4xx or a closed connection (DESIGN §8.17); never a 5xx, never a
/// hang, and the server answers a normal request after each case.
@Suite("The hostile-request corpus: 4xx SCIM errors, never a 5xx or a hang")
struct HostileCorpusTests {
    @Test("Every case of the corpus, then a normal request")
    func replayCorpus() async throws {
        let cases = try HostileCase.corpus()
        #expect(cases.count >= 500, "the corpus must hold at least 500 cases")
        try await TestServer.with { client in
            let user = try #require(try await client.createUser("hostile.fixture").id)
            let group = try #require(try await client.createGroup("Hostile fixture", members: [user]).id)
            let url = try #require(URLComponents(string: client.base))
            let port = try #require(url.port)
            let values = HostileCase.Placeholders(
                base: url.path, user: user, group: group, token: try #require(client.token), host: "127.0.0.1:\(port)")
            // A hang is an answer that never comes: 30 s is far beyond any answer, even on a loaded CI machine.
            let socket = HostileSocketClient(port: port, timeout: .seconds(30))
            let health =
                Array("GET \(url.path)/Users/\(user) HTTP/1.1\r\nHost: \(values.host)\r\n".utf8)
                + Array("Authorization: Bearer \(values.token)\r\nConnection: close\r\n\r\n".utf8)
            let clock = ContinuousClock()
            let started = clock.now
            // Four lanes in parallel, each sending its cases one by one, every case followed by a normal request.
            let lanes = 4
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<lanes {
                    group.addTask {
                        for hostile in cases[lane...].striding(by: lanes) {
                            let outcome = await socket.send(hostile.request(values), halfClose: hostile.method == "RAW")
                            if let problem = hostile.problem(with: outcome) {
                                Issue.record("\(hostile): \(problem)")
                            }
                            let after = await socket.send(health)
                            guard case .response(200, _, _) = after else {
                                Issue.record(
                                    "after \(hostile.id) the server no longer answers GET /Users/{id}: \(after)")
                                return
                            }
                        }
                    }
                }
            }
            let elapsed = clock.now - started
            let counts = Dictionary(grouping: cases, by: \.expectation).mapValues(\.count)
            print(
                "hostile corpus: \(cases.count) cases replayed in \(elapsed) (\(counts[.error, default: 0]) must be "
                    + "SCIM errors, \(counts[.accept, default: 0]) may succeed, \(counts[.http, default: 0]) "
                    + "HTTP-level), each followed by a normal request")
        }
    }

    @Test("A request head that never completes is closed at the idle timeout (slow loris), not held forever")
    func slowLorisIsClosed() async throws {
        try await TestServer.with(configure: { $0.idleTimeout = .seconds(1) }) { client in
            let port = try #require(URLComponents(string: client.base)?.port)
            let socket = HostileSocketClient(port: port, timeout: .seconds(10))
            let clock = ContinuousClock()
            let started = clock.now
            let outcome = await socket.send(Array("GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8))
            let elapsed = clock.now - started
            guard case .closed = outcome else {
                Issue.record("the unfinished request got \(outcome) after \(elapsed)")
                return
            }
            #expect(elapsed < .seconds(5), "closed only after \(elapsed)")
            #expect(try await client.get("/Users").status == 200, "the server still answers")
        }
    }

    @Test("Over TLS, a handshake or request head that never completes is closed at the idle timeout too")
    func slowLorisOverTLSIsClosed() async throws {
        let certificate = try await SelfSignedCertificate()
        defer { certificate.remove() }
        let identity = try ServerTLSIdentity(certificateFile: certificate.certificatePath, keyFile: certificate.keyPath)
        try await TestServer.with(configure: {
            $0.idleTimeout = .seconds(1)
            $0.tls = identity
        }) { client in
            let port = try #require(URLComponents(string: client.base)?.port)
            // Silent after connecting; and the first bytes of a TLS record announcing a ClientHello never sent.
            let stalls: [(String, [UInt8])] = [
                ("silence", []), ("half a ClientHello", [0x16, 0x03, 0x01, 0x02, 0x00, 0x01]),
            ]
            for (name, bytes) in stalls {
                let clock = ContinuousClock()
                let started = clock.now
                let outcome = await HostileSocketClient(port: port, timeout: .seconds(10)).send(bytes)
                let elapsed = clock.now - started
                guard case .closed = outcome else {
                    Issue.record("\(name): got \(outcome) after \(elapsed)")
                    continue
                }
                #expect(elapsed < .seconds(5), "\(name): closed only after \(elapsed)")
            }
            let transport = CurlTransport(
                options: TransportOptions(tlsVerification: .caCertificates(path: certificate.certificatePath)))
            let exchange = try await transport.send(
                HTTPRequest(
                    method: "GET", url: client.base + "/ServiceProviderConfig",
                    headers: [HTTPHeader("Authorization", "Bearer \(TestServer.token)")]))
            #expect(exchange.response?.status == 200, "the server still answers over TLS")
        }
    }
}

extension Collection {
    /// Every `step`-th element, starting with the first.
    fileprivate func striding(by step: Int) -> [Element] {
        enumerated().filter { $0.offset % step == 0 }.map(\.element)
    }
}
