import Hummingbird

/// One known interop bug the reference server can inject, so the kit's own tests can prove its scenarios catch it
/// (DESIGN §5, §7).
///
/// Quirks are off by default and only set in ``SCIMServerConfiguration/quirks`` by code; no request can turn one
/// on. They apply to the SCIM endpoints only, never to the admin API.
public enum Quirk: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `POST /Users` and `POST /Groups` answer 200 instead of 201 (RFC 7644 §3.3).
    case createReturns200
    /// Responses carry no `Location` header (RFC 7644 §3.3, §3.1).
    case omitLocationHeader
    /// `GET /Users`, `GET /Groups` and `GET /` ignore `filter` and list everything (RFC 7644 §3.4.2.2).
    case ignoreFilter
    /// `userName` is unique and matched by `eq` filters case-sensitively (RFC 7643 §4.1.1 says caseExact false).
    case caseSensitiveUserName
    /// A User PATCH operation without `path` answers 200 but changes nothing (RFC 7644 §3.5.2.1, §3.5.2.3).
    case pathlessPatchIgnored
    /// ListResponse `totalResults`, `itemsPerPage` and `startIndex` are JSON strings (RFC 7644 §3.4.2).
    case numbersAsStrings
    /// Error bodies carry `status` as a JSON number instead of a string (RFC 7644 §3.12).
    case errorStatusAsNumber
    /// PATCH on `/Users/{id}` and `/Groups/{id}` answers 501 Not Implemented (RFC 7644 §3.5.2).
    case patchNotImplemented
    /// `userName eq` filters look the value up without case-folding it, while uniqueness still folds: a lookup
    /// in another letter case misses and the create that follows gets 409 (okta-behavior §12.10).
    case caseSensitiveUserNameFilter
    /// `PUT /Users/{id}` keeps the stored `active` whatever the body says (RFC 7644 §3.5.1); AIW apps can then
    /// never deactivate a user.
    case putIgnoresActive
    /// A list page's `itemsPerPage` echoes the `count` asked for instead of the number of `Resources`
    /// (RFC 7644 §3.4.2; the past-the-end page that stopped Okta's QA, ory/polis #4054).
    case itemsPerPageEchoesCount
    /// A `POST /Users` whose `userName` exists answers 201 with the existing user instead of 409 (RFC 7644 §3.3):
    /// Okta then links a user it meant to create, and its SPEC test's duplicate step fails.
    case duplicateUserNameUpserts
    /// `sortBy` and `sortOrder` are accepted and ignored while `sort.supported` is advertised (RFC 7644 §3.4.2.3).
    case sortIgnored
    /// `attributes` and `excludedAttributes` are accepted and ignored (RFC 7644 §3.4.2.5, §3.9).
    case projectionIgnored
    /// SCIM errors are plain text instead of a JSON Error body (RFC 7644 §3.12): Okta's JSON parser then hides
    /// the cause (Metatavu/keycloak-scim-server #100).
    case plainTextErrors

    public var description: String { rawValue }

    /// The path components of `request` when `quirks` may change it: some are on and it is a SCIM request.
    static func scimPath(of request: Request, under quirks: Set<Quirk>) -> [String]? {
        let components = SCIMRoutes.components(request.uri.path)
        return !quirks.isEmpty && components.starts(with: ["scim", "v2"]) ? components : nil
    }

    /// The quirks of the request being handled (set by ``QuirkScopeMiddleware``), for code without a context.
    @TaskLocal static var active: Set<Quirk> = []
}

/// Makes the configured quirks visible to the renderers of the current request and rewrites what they answer:
/// the outermost SCIM middleware, so error bodies are rendered inside its scope.
struct QuirkScopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let quirks: Set<Quirk>

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let components = Quirk.scimPath(of: request, under: quirks) else {
            return try await next(request, context)
        }
        var response = try await Quirk.$active.withValue(quirks) { try await next(request, context) }
        if quirks.contains(.createReturns200), request.method == .post, response.status == .created,
            components.count == 3, ["Users", "Groups"].contains(components[2])
        {
            response.status = .ok
        }
        if quirks.contains(.omitLocationHeader) {
            response.headers[.location] = nil
        }
        return response
    }
}

/// Applies the quirks that change how a request is read, after authentication.
struct QuirkRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    let quirks: Set<Quirk>

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let components = Quirk.scimPath(of: request, under: quirks) else {
            return try await next(request, context)
        }
        let resource = components.count > 2 ? components[2] : nil
        if quirks.contains(.patchNotImplemented), request.method == .patch, components.count == 4,
            resource == "Users" || resource == "Groups"
        {
            throw SCIMError.notImplemented("PATCH is not implemented by this server")
        }
        var request = request
        if quirks.contains(.ignoreFilter), request.method == .get, components.count <= 3,
            resource == nil || resource == "Users" || resource == "Groups", let query = request.uri.query
        {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { parameter in
                !parameter.lowercased().hasPrefix("filter=") && parameter.lowercased() != "filter"
            }
            var head = request.head
            head.path = request.uri.path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
            request = Request(head: head, body: request.body)
        }
        return try await next(request, context)
    }
}
