import Hummingbird
import Logging

/// Requires `Authorization: Bearer <token>` on every request but public ones: the SCIM token under the SCIM base,
/// the admin token under `/admin` (DESIGN §8.2). Neither token opens the other's endpoints.
///
/// RFC 7644 §2 (checklist SEC-01, SEC-02): a missing or wrong SCIM token gets 401 with a SCIM error body and a
/// `WWW-Authenticate: Bearer realm="scimcheck"` challenge (RFC 6750 §3, `error="invalid_token"` when one was
/// sent); an expired one too, saying so. While SCIM provisioning is disabled (admin API) every SCIM request gets
/// 403 with a SCIM error body saying so, before any token check. Admin failures get the admin API's JSON errors.
/// Tokens are compared through their SHA-256 digests in constant time and never logged. Unknown paths are
/// protected too (default deny), so a differently spelled path can never skip the check.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The realm of the SCIM challenge.
    static var realm: String { "scimcheck" }
    /// The realm of the admin API's challenge.
    static var adminRealm: String { "scimcheck-admin" }

    private let credentials: SCIMCredentials
    private let publicPaths: Set<[String]>

    /// Creates the middleware over `credentials`; `publicPaths` (such as `/scim/v2/ServiceProviderConfig`) need
    /// no token while SCIM is enabled.
    init(credentials: SCIMCredentials, publicPaths: [String]) {
        self.credentials = credentials
        self.publicPaths = Set(publicPaths.map(SCIMRoutes.components))
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let components = SCIMRoutes.components(request.uri.path)
        if components.first == AdminRoutes.root {
            if let refusal = adminRefusal(request, context: context) { return refusal }
            do {
                return try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                return AdminError.notFound("there is no admin endpoint at \(SCIMError.excerpt(request.uri.path))")
                    .response
            }
        }
        guard credentials.scimEnabled else {
            throw SCIMError(
                .forbidden,
                detail: "SCIM provisioning is disabled for this identity provider; an administrator can enable it "
                    + "(POST /admin/v1/scim/enable, or scimcheck admin scim enable)")
        }
        if publicPaths.contains(components) {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("the request has no Authorization header; send Authorization: Bearer <token>")
        }
        guard let token = Self.bearerToken(header) else {
            throw Self.unauthorized("the Authorization header must use the Bearer scheme", invalid: true)
        }
        // Digests have a fixed length, so the comparison's time says nothing about the token (SEC-06).
        switch credentials.verifySCIM(token) {
        case .accepted:
            return try await next(request, context)
        case .expired(let expiry):
            context.logger.notice("Rejected a request with an expired bearer token")
            throw Self.unauthorized(
                "the bearer token expired at \(expiry.rfc3339) (SCIM tokens expire six months after they are "
                    + "generated); ask an administrator for a new one", invalid: true)
        case .rejected:
            context.logger.notice("Rejected a request with an invalid bearer token")
            throw Self.unauthorized("the bearer token is not valid", invalid: true)
        }
    }

    /// The admin API's answer when the request does not carry the admin token, or `nil` when it does.
    private func adminRefusal(_ request: Request, context: Context) -> Response? {
        guard credentials.adminEnabled else {
            return AdminError(.forbidden, "the admin API is off: the server was started without an admin token")
                .response
        }
        let challenge = "Bearer realm=\"\(Self.adminRealm)\""
        guard let header = request.headers[.authorization] else {
            return AdminError(
                .unauthorized, "the request has no Authorization header; send Authorization: Bearer <admin token>",
                headers: [.wwwAuthenticate: challenge]
            ).response
        }
        guard let token = Self.bearerToken(header), credentials.verifyAdmin(token) else {
            context.logger.notice("Rejected an admin request with an invalid bearer token")
            return AdminError(
                .unauthorized, "the bearer token is not the admin token (SCIM tokens never open the admin API)",
                headers: [.wwwAuthenticate: challenge + ", error=\"invalid_token\""]
            ).response
        }
        return nil
    }

    /// The token of a `Bearer` credential; the scheme name is case-insensitive (RFC 7235 §2.1).
    static func bearerToken(_ header: String) -> String? {
        let trimmed = header.trimmingSpaces
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }),
            trimmed[..<space].lowercased() == "bearer"
        else { return nil }
        return String(trimmed[space...]).trimmingSpaces
    }

    static func unauthorized(_ detail: String, invalid: Bool = false) -> SCIMError {
        let challenge = "Bearer realm=\"\(realm)\"" + (invalid ? ", error=\"invalid_token\"" : "")
        return SCIMError(.unauthorized, detail: detail, headers: [.wwwAuthenticate: challenge])
    }
}
