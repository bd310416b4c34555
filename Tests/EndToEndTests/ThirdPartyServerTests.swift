import Foundation
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import Testing

/// Against `scim2-server` from PyPI (installed by `make test-deps` and `.ci/run`): a SCIM server scimcheck
/// did not write.
@Suite(.serialized) struct ThirdPartyServerTests {
    let reports = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-e2e-\(UUID().uuidString)")

    func withSCIM2Server<T>(token: String, _ body: (String) async throws -> T) async throws -> T {
        let (server, port) = try await TestServers.start(URL(fileURLWithPath: "/usr/bin/env")) {
            ["scim2-server", "--port", "\($0)", "--bearer-token", token]
        }
        defer { TestServers.stop(server) }
        return try await body("http://127.0.0.1:\(port)/v2")
    }

    @Test func testAPICredentialsPassesAgainstSCIM2Server() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        try await withSCIM2Server(token: "pypi-token-1") { base in
            let result = try await ProcessRunner.run(
                try TestServers.scimcheck,
                [
                    "run", "--target", base, "--token", "pypi-token-1", "--only", "okta.credentials.*",
                    "--report-dir", reports.path,
                ])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("passed okta.credentials.test-api-credentials"))
        }
    }

    @Test func wrongTokenExits2WithOktasMessage() async throws {
        defer { try? FileManager.default.removeItem(at: reports) }
        try await withSCIM2Server(token: "pypi-token-2") { base in
            let result = try await ProcessRunner.run(
                try TestServers.scimcheck,
                ["run", "--target", base, "--token", "wrong-token", "--report-dir", reports.path])
            #expect(result.status == 2)
            let output = result.stdout + result.stderr
            #expect(
                output.contains("Error authenticating: Unauthorized. The connector configuration could not be tested."))
            #expect(!output.contains("wrong-token"))
        }
    }
}
