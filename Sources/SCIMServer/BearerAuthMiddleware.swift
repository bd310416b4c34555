import Hummingbird
import Logging

/// Requires `Authorization: Bearer <token>` with the configured SCIM token on every request but public ones.
///
/// RFC 7644 §2 (checklist SEC-01, SEC-02): a missing or wrong token gets 401 with a SCIM error body and a
/// `WWW-Authenticate: Bearer realm="scimcheck"` challenge (RFC 6750 §3, `error="invalid_token"` when one was
/// sent). Tokens are compared through their SHA-256 digests in constant time and never logged.
/// Unknown paths are protected too (default deny), so a differently spelled path can never skip the check.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The realm of the challenge.
    static var realm: String { "scimcheck" }

    private let tokenDigest: [UInt8]
    private let publicPaths: Set<[String]>

    /// Creates the middleware for `token`; `publicPaths` (such as `/scim/v2/ServiceProviderConfig`) need none.
    init(token: String, publicPaths: [String]) {
        tokenDigest = SHA256.hash(Array(token.utf8))
        self.publicPaths = Set(publicPaths.map(Self.components))
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if publicPaths.contains(Self.components(request.uri.path)) {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("the request has no Authorization header; send Authorization: Bearer <token>")
        }
        guard let token = Self.bearerToken(header) else {
            throw Self.unauthorized("the Authorization header must use the Bearer scheme", invalid: true)
        }
        // Digests have a fixed length, so the comparison's time says nothing about the token (SEC-06).
        guard !token.isEmpty, ConstantTime.equal(SHA256.hash(Array(token.utf8)), tokenDigest) else {
            context.logger.notice("Rejected a request with an invalid bearer token")
            throw Self.unauthorized("the bearer token is not valid", invalid: true)
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer` credential; the scheme name is case-insensitive (RFC 7235 §2.1).
    static func bearerToken(_ header: String) -> String? {
        let trimmed = header.trimmingSpaces
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }),
            trimmed[..<space].lowercased() == "bearer"
        else { return nil }
        return String(trimmed[space...]).trimmingSpaces
    }

    /// The path's non-empty segments, so `/a//b/` and `/a/b` compare equal.
    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func unauthorized(_ detail: String, invalid: Bool = false) -> SCIMError {
        let challenge = "Bearer realm=\"\(realm)\"" + (invalid ? ", error=\"invalid_token\"" : "")
        return SCIMError(.unauthorized, detail: detail, headers: [.wwwAuthenticate: challenge])
    }
}
