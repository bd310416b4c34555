import Foundation
import SCIMCheckHTTP
import SCIMCore

/// The app's "OAuth 2.0" authentication mode: what Okta holds after an admin authorized the app
/// (authorization-code grant, okta-behavior §1.3 [V] S7, S10) and how it turns that into the
/// `Authorization: Bearer <access token>` its SCIM requests carry ([I]).
///
/// The interactive part of the grant (the browser redirect to Okta's callback) cannot run here; the
/// admin's refresh token stands for it. ``accessToken(using:)`` exchanges it at the app's token endpoint
/// with RFC 6749 §6's refresh grant, authenticating the client with HTTP Basic (RFC 6749 §2.3.1, which
/// every authorization server must support). Okta's own token-endpoint request and its refresh schedule
/// are not documented [GAP]; the access token is fetched once, before the first SCIM request.
public struct OktaOAuthGrant: Sendable, Hashable {
    /// The app's token endpoint, such as `https://app.example.com/oauth/token`.
    public var tokenURL: String
    /// The OAuth client id Okta was registered with.
    public var clientID: String
    /// The client secret.
    public var clientSecret: String
    /// The refresh token the authorization-code grant left.
    public var refreshToken: String

    /// Creates a grant.
    public init(tokenURL: String, clientID: String, clientSecret: String, refreshToken: String) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
    }

    /// The request to the token endpoint: `POST` with a form body `grant_type=refresh_token&refresh_token=…`
    /// and `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1, §6, Appendix B).
    public var request: HTTPRequest {
        let form = URLQuery.string(
            [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], spaces: .plus)
        let credentials =
            "\(URLQuery.encode(clientID, spaces: .plus)):\(URLQuery.encode(clientSecret, spaces: .plus))"
        return HTTPRequest(
            method: "POST", url: tokenURL,
            headers: [
                HTTPHeader("Accept", "application/json"),
                HTTPHeader("Content-Type", "application/x-www-form-urlencoded"),
                HTTPHeader("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString()),
            ],
            body: Body(Array(form.utf8)))
    }

    /// Exchanges the refresh token for an access token.
    /// - Throws: ``OktaOAuthError`` when the endpoint cannot be reached, refuses the grant (with its `error`
    ///   and `error_description`, RFC 6749 §5.2), or answers without a bearer `access_token` (§5.1).
    public func accessToken(using transport: any Transport) async throws(OktaOAuthError) -> OktaOAuthToken {
        let exchange: Exchange
        do {
            exchange = try await transport.send(request)
        } catch {
            throw OktaOAuthError("the OAuth token endpoint \(tokenURL) could not be reached: \(error.message)")
        }
        guard let response = exchange.response else {
            throw OktaOAuthError("the OAuth token endpoint \(tokenURL) gave no answer")
        }
        let json = try? JSONValue.parse(response.body.bytes)
        guard response.status == 200 else {
            let code = json?["error"]?.stringValue ?? "HTTP \(response.status)"
            let description = json?["error_description"]?.stringValue.map { " (\($0))" } ?? ""
            throw OktaOAuthError(
                "the OAuth token endpoint refused the refresh token: \(code)\(description) (RFC 6749 §5.2)")
        }
        guard let accessToken = json?["access_token"]?.stringValue, !accessToken.isEmpty else {
            throw OktaOAuthError("the OAuth token endpoint answered without an access_token (RFC 6749 §5.1)")
        }
        guard json?["token_type"]?.stringValue?.lowercased() == "bearer" else {
            throw OktaOAuthError(
                "the OAuth token endpoint issued a token_type other than Bearer; Okta sends bearer tokens (RFC 6750)")
        }
        return OktaOAuthToken(
            accessToken: accessToken, expiresIn: json?["expires_in"]?.intValue,
            refreshToken: json?["refresh_token"]?.stringValue)
    }
}

/// What the token endpoint issued (RFC 6749 §5.1).
public struct OktaOAuthToken: Sendable, Hashable {
    /// The access token Okta sends as `Authorization: Bearer …`.
    public var accessToken: String
    /// Its lifetime in seconds, when the endpoint said.
    public var expiresIn: Int?
    /// A new refresh token, when the endpoint rotates them.
    public var refreshToken: String?
}

/// Why no access token could be had; the message never contains a secret.
public struct OktaOAuthError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
