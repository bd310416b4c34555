import Foundation
import SCIMCheckTestSupport
import Testing

/// `scimcheck run` in the OAuth 2.0 mode (okta-behavior §1.3): the refresh token is exchanged at the token
/// endpoint, the access token goes out as Bearer, and no secret reaches the console or a report.
@Suite struct OAuthRunTests {
    static let clientSecret = "cs-e2e-51d0c3"
    static let refreshToken = "rt-e2e-77aa19"

    @Test func refreshGrantThenBearerRun() async throws {
        let endpoint = try await OAuthTokenEndpoint(
            clientID: "okta", clientSecret: Self.clientSecret, refreshToken: Self.refreshToken,
            accessToken: ReferenceServerFixture.scimToken)
        defer { endpoint.stop() }
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scimcheck-oauth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: reports) }
        let tokenURL = endpoint.url
        try await ReferenceServerFixture.with { base in
            let arguments = [
                "run", "--target", base, "--oauth-token-url", tokenURL, "--oauth-client-id", "okta",
                "--only", "okta.credentials.*", "--report-dir", reports.path,
            ]
            let result = try await ProcessRunner.run(
                try TestServers.scimcheck, arguments,
                environment: [
                    "SCIM_OAUTH_CLIENT_SECRET": Self.clientSecret, "SCIM_OAUTH_REFRESH_TOKEN": Self.refreshToken,
                ])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            var written = result.stdout + result.stderr
            let files = FileManager.default.enumerator(at: reports, includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                written += (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            }
            #expect(written.contains("okta.credentials.test-api-credentials"))
            for secret in [Self.clientSecret, Self.refreshToken, ReferenceServerFixture.scimToken] {
                #expect(!written.contains(secret))
            }

            let refused = try await ProcessRunner.run(
                try TestServers.scimcheck, arguments,
                environment: ["SCIM_OAUTH_CLIENT_SECRET": Self.clientSecret, "SCIM_OAUTH_REFRESH_TOKEN": "rt-revoked"])
            #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("invalid_grant"))
        }
    }
}
