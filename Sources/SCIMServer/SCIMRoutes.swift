import Hummingbird
import SCIMCore

/// Builds the server's router: middleware, then every endpoint with the methods it supports.
///
/// Each known path answers every common method: supported ones run their handler, `/Me` answers 501 to every
/// method (``MeEndpoint``, RFC 7644 §3.11, checklist ME-01), and methods that will never apply get 405 with
/// `Allow` (ERR-16). Unknown paths get a SCIM 404 (ERR-15); a path under another protocol version than the base
/// path's (`/scim/v1/…`) gets 400 `invalidVers` (GEN-09).
enum SCIMRoutes {
    typealias Context = BasicRequestContext
    typealias Handler = @Sendable (Request, Context) async throws -> Response

    /// The path's non-empty segments, so `/a//b/` and `/a/b` compare equal.
    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// The methods every known path answers, one way or another.
    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .head, .options]

    static func makeRouter(server: ServerContext) -> Router<Context> {
        let base = SCIMServerConfiguration.basePath
        let router = Router(context: Context.self)
        // Middleware applies to the routes added after it, and to the not-found responder.
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: QuirkScopeMiddleware(quirks: server.configuration.quirks))
        router.add(middleware: SCIMErrorMiddleware())
        router.add(
            middleware: BearerAuthMiddleware(
                credentials: server.credentials, publicPaths: ["\(base)/ServiceProviderConfig"]))
        router.add(middleware: QuirkRequestMiddleware(quirks: server.configuration.quirks))
        AdminRoutes.register(on: router, server: server)

        let users = UsersEndpoint(server: server)
        let groups = GroupsEndpoint(server: server)
        let root = RootSearchEndpoint(server: server)
        let discovery = DiscoveryEndpoint(server: server)
        let serviceProviderConfig = ServiceProviderConfigEndpoint(server: server)
        let bulk = BulkEndpoint(server: server, endpoints: [users, groups])
        let me = MeEndpoint()
        route(router, "\(base)", handlers: [.get: root.list])
        route(router, "\(base)/.search", handlers: [.post: root.search])
        route(router, "\(base)/Users", handlers: [.get: users.list, .post: users.create])
        route(router, "\(base)/Users/.search", handlers: [.post: users.search])
        route(
            router, "\(base)/Users/:id",
            handlers: [.get: users.read, .put: users.replace, .patch: users.patch, .delete: users.delete])
        route(router, "\(base)/Groups", handlers: [.get: groups.list, .post: groups.create])
        route(router, "\(base)/Groups/.search", handlers: [.post: groups.search])
        route(
            router, "\(base)/Groups/:id",
            handlers: [.get: groups.read, .put: groups.replace, .patch: groups.patch, .delete: groups.delete])
        route(router, "\(base)/ServiceProviderConfig", handlers: [.get: serviceProviderConfig.read])
        route(router, "\(base)/ResourceTypes", handlers: [.get: discovery.resourceTypes])
        route(router, "\(base)/ResourceTypes/:name", handlers: [.get: discovery.resourceType])
        route(router, "\(base)/Schemas", handlers: [.get: discovery.schemas])
        route(router, "\(base)/Schemas/:urn", handlers: [.get: discovery.schema])
        for method in methods { router.on("/scim/:version/**", method: method, use: otherVersion) }
        route(router, "\(base)/Bulk", handlers: [.post: bulk.process])
        route(
            router, "\(base)/Me", handlers: Dictionary(uniqueKeysWithValues: methods.map { ($0, me.refuse) }))
        return router
    }

    /// Any other path under `/scim`: a request for another protocol version (`/scim/v1/…`) is 400 `invalidVers`
    /// (RFC 7644 §3.13, checklist GEN-09, ERR-13); anything else is the usual 404 (ERR-15).
    @Sendable private static func otherVersion(_ request: Request, context: Context) async throws -> Response {
        let version = context.parameters.get("version") ?? ""
        let isVersion = version.count > 1 && version.first == "v" && version.dropFirst().allSatisfy(\.isNumber)
        guard isVersion, "/scim/\(version)" != SCIMServerConfiguration.basePath else {
            throw SCIMErrorMiddleware<Context>.convert(status: .notFound, message: nil, request: request)
        }
        throw SCIMError(
            .badRequest, scimType: .invalidVers,
            detail: "SCIM protocol version \(SCIMError.excerpt(version)) is not supported; this server speaks SCIM 2.0 "
                + "at \(SCIMServerConfiguration.basePath) (RFC 7644 §3.13)")
    }

    /// Registers `path` for every method in ``methods``.
    private static func route(_ router: Router<Context>, _ path: String, handlers: [HTTPRequest.Method: Handler]) {
        let allowed = methods.filter { handlers[$0] != nil }
        for method in methods {
            if let handler = handlers[method] {
                router.on(RouterPath(path), method: method, use: handler)
            } else {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw SCIMError.methodNotAllowed(method, path: request.uri.path, allowed: allowed)
                }
            }
        }
    }
}
