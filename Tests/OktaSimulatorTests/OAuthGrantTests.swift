import CurlTransport
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Testing

/// The app's OAuth 2.0 mode (okta-behavior §1.3): a refresh grant at a loopback token endpoint, then
/// Okta's requests with `Authorization: Bearer <access token>` against the reference server.
@Suite struct OAuthGrantTests {
    static let clientSecret = "cl1ent s3cret/+"
    static let refreshToken = "r3fresh-t0ken+/="

    static func grant(_ url: String, secret: String = clientSecret, refresh: String = refreshToken) -> OktaOAuthGrant {
        OktaOAuthGrant(tokenURL: url, clientID: "okta scim", clientSecret: secret, refreshToken: refresh)
    }

    @Test("The refresh grant: form body, client Basic credentials form-encoded (RFC 6749 §2.3.1, §6)")
    func requestShape() throws {
        let request = Self.grant("https://app.example.com/oauth/token").request
        #expect(request.method == "POST" && request.url == "https://app.example.com/oauth/token")
        #expect(request.body?.text == "grant_type=refresh_token&refresh_token=r3fresh-t0ken%2B%2F%3D")
        #expect(request.headers.first(named: "Content-Type") == "application/x-www-form-urlencoded")
        // base64("okta+scim:cl1ent+s3cret%2F%2B")
        #expect(request.headers.first(named: "Authorization") == "Basic b2t0YStzY2ltOmNsMWVudCtzM2NyZXQlMkYlMkI=")
    }

    @Test("The access token is sent as Bearer and the reference server accepts it")
    func accessTokenReachesTheServer() async throws {
        let endpoint = try await OAuthTokenEndpoint(
            clientID: "okta scim", clientSecret: Self.clientSecret, refreshToken: Self.refreshToken,
            accessToken: ReferenceServerFixture.scimToken)
        defer { endpoint.stop() }
        let token = try await Self.grant(endpoint.url).accessToken(using: CurlTransport())
        #expect(token.accessToken == ReferenceServerFixture.scimToken)
        #expect(token.expiresIn == 3600)
        try await ReferenceTarget.with(credentials: .bearer(token.accessToken)) { target in
            let task = try await target.okta.testAPICredentials()
            #expect(task.succeeded, "\(task.message)")
            #expect(
                target.exchanges.first?.sent?.headers.first(named: "Authorization")
                    == "Bearer \(ReferenceServerFixture.scimToken)")
        }
    }

    @Test(
        "A refused grant is an error naming the OAuth error, never a secret",
        arguments: [
            ("cs-wrong", "rt-9f2c", "invalid_client (client authentication failed)"),
            ("cs-7a1b", "rt-wrong", "invalid_grant (unknown refresh token)"),
        ])
    func refused(secret: String, refresh: String, expected: String) async throws {
        let endpoint = try await OAuthTokenEndpoint(
            clientID: "okta scim", clientSecret: "cs-7a1b", refreshToken: "rt-9f2c", accessToken: "at-issued")
        defer { endpoint.stop() }
        await #expect {
            try await Self.grant(endpoint.url, secret: secret, refresh: refresh).accessToken(using: CurlTransport())
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && !message.contains("cs-") && !message.contains("rt-")
        }
    }

    @Test("A token type other than Bearer is refused (RFC 6750)")
    func notBearer() async throws {
        let endpoint = try await OAuthTokenEndpoint(
            clientID: "okta scim", clientSecret: Self.clientSecret, refreshToken: Self.refreshToken,
            accessToken: "issued", tokenType: "mac")
        defer { endpoint.stop() }
        await #expect(throws: OktaOAuthError.self) {
            try await Self.grant(endpoint.url).accessToken(using: CurlTransport())
        }
    }
}
