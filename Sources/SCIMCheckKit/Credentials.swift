import Foundation

/// How requests authenticate to the target, mirroring Okta's authentication modes (okta-behavior §1.3).
public enum Credentials: Sendable, Hashable {
    /// No `Authorization` header.
    case none
    /// `Authorization: Bearer <token>` (Okta's "HTTP Header" with Bearer, OAuth 2.0 bearer tokens).
    case bearer(String)
    /// `Authorization: <value>` verbatim (Okta's OIW "Header" mode).
    case header(String)
    /// `Authorization: Basic base64(user:password)` (RFC 7617).
    case basic(user: String, password: String)

    /// The `Authorization` header value, or `nil` for ``none``.
    public var authorizationValue: String? {
        switch self {
        case .none: nil
        case .bearer(let token): "Bearer \(token)"
        case .header(let value): value
        case .basic(let user, let password): "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
    }

    /// The mode's name as reports show it (never the secret).
    public var mode: String {
        switch self {
        case .none: "none"
        case .bearer: "bearer"
        case .header: "header"
        case .basic: "basic"
        }
    }

    /// Every secret string these credentials put on the wire, for redaction.
    public var secrets: [String] {
        switch self {
        case .none: []
        case .bearer(let token): [token]
        case .header(let value): [value]
        case .basic(let user, let password):
            [password, Data("\(user):\(password)".utf8).base64EncodedString()]
        }
    }
}
