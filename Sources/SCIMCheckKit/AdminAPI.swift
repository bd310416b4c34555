/// Where the target's management API answers and the credential it takes, when the run knows one.
///
/// Only the embedded reference server has one the kit can reach (its admin API under `/admin/v1`,
/// DESIGN §8.2); scenarios marked ``ScenarioTrait/adminAPI`` are `unsupported` against any other target.
/// The token is a secret: the runner redacts it from every report like the SCIM credentials.
public struct AdminAPI: Sendable, Hashable {
    /// The API's base URL without a trailing slash, such as `http://127.0.0.1:8080/admin/v1`.
    public let baseURL: String
    /// The bearer token of the API (never the SCIM token).
    public let token: String

    /// Creates an admin endpoint.
    public init(baseURL: String, token: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
    }
}

extension AdminAPI: CustomStringConvertible {
    /// The base URL, never the token.
    public var description: String { "AdminAPI(\(baseURL), token: \(Redactor.mask))" }
}
