import Foundation
import SCIMCheckTestSupport

/// A SCIM server the benchmark started as a child process on a free loopback port.
struct ServerUnderTest {
    let process: Process
    /// Its SCIM base URL.
    let base: String
    /// The bearer token it accepts.
    let token: String

    /// `scimcheck serve --db database` with the default durability (WAL, `synchronous=NORMAL`, DESIGN §8.13).
    static func reference(executable: URL, database: String) async throws -> ServerUnderTest {
        let token = "bench-scim-token-\(UUID().uuidString)"
        let admin = "bench-admin-token-\(UUID().uuidString)"
        let (process, port) = try await TestServers.start(executable) { port in
            ["serve", "--db", database, "--port", "\(port)", "--token", token, "--admin-token", admin]
        }
        return ServerUnderTest(process: process, base: "http://127.0.0.1:\(port)/scim/v2", token: token)
    }

    /// `scim2-server` from PyPI, started as `Tests/EndToEndTests/ThirdPartyServerTests.swift` starts it.
    static func scim2Server() async throws -> ServerUnderTest {
        let token = "bench-pypi-token"
        let (process, port) = try await TestServers.start(URL(fileURLWithPath: "/usr/bin/env")) { port in
            ["scim2-server", "--port", "\(port)", "--bearer-token", token]
        }
        return ServerUnderTest(process: process, base: "http://127.0.0.1:\(port)/v2", token: token)
    }

    /// The CPU time (user and system) the server process has used so far, in seconds, from `/proc`.
    var cpuSeconds: Double {
        CPUTime.seconds(ofProcess: process.processIdentifier)
    }

    /// A client of this server.
    var client: BenchClient { BenchClient(base: base, token: token) }

    /// Stops the server and waits for it.
    func stop() {
        TestServers.stop(process)
    }
}
