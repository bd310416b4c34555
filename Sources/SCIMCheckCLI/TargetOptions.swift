import ArgumentParser
import CurlTransport
import Foundation
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit

/// The target and transport options of `scimcheck run`.
struct TargetOptions: ParsableArguments {
    @Option(
        name: .customLong("target"), help: "SCIM base URL, such as https://host/scim/v2 (default: embedded server).")
    var url: String?

    @Option(name: .customLong("token"), help: "Bearer token: Authorization: Bearer T (or env SCIM_TOKEN).")
    var token: String?

    @Option(name: .customLong("header-token"), help: "Raw header token: Authorization: T (or env SCIM_HEADER_TOKEN).")
    var headerToken: String?

    @Option(name: .customLong("basic"), help: "Basic credentials USER:PASSWORD (or env SCIM_BASIC).")
    var basic: String?

    @Option(
        name: .customLong("oauth-token-url"),
        help: "OAuth 2.0 mode: the app's token endpoint; the refresh token is exchanged there for a Bearer token.")
    var oauthTokenURL: String?

    @Option(name: .customLong("oauth-client-id"), help: "OAuth 2.0 client id (or env SCIM_OAUTH_CLIENT_ID).")
    var oauthClientID: String?

    @Option(
        name: .customLong("oauth-client-secret"), help: "OAuth 2.0 client secret (or env SCIM_OAUTH_CLIENT_SECRET).")
    var oauthClientSecret: String?

    @Option(
        name: .customLong("oauth-refresh-token"),
        help: "OAuth 2.0 refresh token from the authorization-code grant (or env SCIM_OAUTH_REFRESH_TOKEN).")
    var oauthRefreshToken: String?

    @Flag(name: .customLong("allow-http"), help: "Allow plain HTTP to a non-loopback target (Okta never does).")
    var allowHTTP = false

    @OptionGroup var tls: TLSOptions

    @Option(name: .customLong("timeout"), help: "Seconds one request may take.")
    var timeout: Double = 30

    @Option(name: .customLong("connect-timeout"), help: "Seconds a connection attempt may take.")
    var connectTimeout: Double = 10

    func validate() throws {
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        if let url {
            do {
                try TargetPolicy.check(url, allowHTTP: allowHTTP)
            } catch {
                throw ValidationError(error.message)
            }
        } else if token != nil || headerToken != nil || basic != nil || oauthTokenURL != nil {
            throw ValidationError("credentials go with --target; the embedded server uses a generated token")
        }
        let environment = ProcessInfo.processInfo.environment
        if let grant = try oauthGrant(environment: environment) {
            do {
                try TargetPolicy.check(grant.tokenURL, allowHTTP: allowHTTP)
            } catch {
                throw ValidationError("--oauth-token-url: \(error.message)")
            }
        }
        _ = try credentials(environment: environment)
    }

    /// The OAuth 2.0 grant from `--oauth-*` flags (secrets also from `SCIM_OAUTH_*`), or `nil` without
    /// `--oauth-token-url`.
    func oauthGrant(environment: [String: String]) throws -> OktaOAuthGrant? {
        guard let oauthTokenURL else { return nil }
        let values = [
            ("--oauth-client-id", oauthClientID ?? environment["SCIM_OAUTH_CLIENT_ID"]),
            ("--oauth-client-secret", oauthClientSecret ?? environment["SCIM_OAUTH_CLIENT_SECRET"]),
            ("--oauth-refresh-token", oauthRefreshToken ?? environment["SCIM_OAUTH_REFRESH_TOKEN"]),
        ]
        let missing = values.filter { $0.1?.isEmpty ?? true }.map(\.0)
        guard missing.isEmpty else {
            throw ValidationError("--oauth-token-url also needs \(missing.joined(separator: ", "))")
        }
        return OktaOAuthGrant(
            tokenURL: oauthTokenURL, clientID: values[0].1 ?? "", clientSecret: values[1].1 ?? "",
            refreshToken: values[2].1 ?? "")
    }

    /// The credentials to run with: with `--oauth-token-url`, a bearer access token fetched from the token
    /// endpoint (OAuth 2.0 mode, okta-behavior §1.3); otherwise ``credentials(environment:)``.
    /// - Throws: `ValidationError` for unusable flags; ``OktaOAuthError`` when the endpoint refuses.
    func resolvedCredentials(environment: [String: String]) async throws -> Credentials {
        let direct = try credentials(environment: environment)
        guard let grant = try oauthGrant(environment: environment) else { return direct }
        return .bearer(try await grant.accessToken(using: CurlTransport(options: transportOptions)).accessToken)
    }

    /// The credentials from flags, else from `SCIM_TOKEN`, `SCIM_HEADER_TOKEN` or `SCIM_BASIC` (`.none` for the
    /// OAuth 2.0 mode, whose token ``resolvedCredentials(environment:)`` fetches).
    func credentials(environment: [String: String]) throws -> Credentials {
        let token = token ?? environment["SCIM_TOKEN"]
        let headerToken = headerToken ?? environment["SCIM_HEADER_TOKEN"]
        let basic = basic ?? environment["SCIM_BASIC"]
        let given = [token, headerToken, basic, oauthTokenURL].compactMap { $0 }
        guard given.count <= 1 else {
            throw ValidationError("give one of --token, --header-token, --basic or --oauth-token-url")
        }
        if let token { return .bearer(token) }
        if let headerToken { return .header(headerToken) }
        if let basic {
            guard let colon = basic.firstIndex(of: ":") else { throw ValidationError("--basic takes USER:PASSWORD") }
            return .basic(user: String(basic[..<colon]), password: String(basic[basic.index(after: colon)...]))
        }
        return .none
    }

    /// The transport options these flags describe.
    var transportOptions: TransportOptions {
        TransportOptions(
            connectTimeoutMilliseconds: Int(connectTimeout * 1000), totalTimeoutMilliseconds: Int(timeout * 1000),
            tlsVerification: tls.verification,
            allowHTTP: allowHTTP)
    }
}
