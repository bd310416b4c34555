import Hummingbird
import Logging
import SCIMCore

/// The admin API under `/admin/v1` (DESIGN §8.2): JSON in, JSON out, on its own bearer token.
///
/// | Path | Methods |
/// |---|---|
/// | `/admin/v1/organizations` | GET (list), POST `{"name", "id"?}` |
/// | `/admin/v1/organizations/{id}` | GET, DELETE |
/// | `/admin/v1/roles` | GET (list), POST `{"name", "kind": "technician" or "endUser"}` |
/// | `/admin/v1/group-role-mappings` | GET (list) |
/// | `/admin/v1/group-role-mappings/{groupId}` | GET, PUT `{"technicianRole"?, "endUserRole"?}`, DELETE |
/// | `/admin/v1/accounts` | GET (list), POST a console account `{"userName", "email"?, "systemAdministrator"?}` |
/// | `/admin/v1/accounts/{id}` | GET |
/// | `/admin/v1/scim` | GET (enabled, token status) |
/// | `/admin/v1/scim/enable`, `/admin/v1/scim/disable` | POST |
/// | `/admin/v1/scim/token` | GET (status), POST (generate), DELETE (revoke) |
/// | `/admin/v1/scim/token/rotate` | POST |
///
/// Errors are JSON (``AdminError``), 4xx for anything a client sends; other methods get 405 with `Allow`.
enum AdminRoutes {
    /// The first path segment of every admin path.
    static let root = "admin"
    /// The admin API's base path.
    static let basePath = "/admin/v1"

    static func register(on router: Router<SCIMRoutes.Context>, server: ServerContext) {
        let admin = AdminEndpoint(server: server)
        route(router, "/organizations", [.get: admin.listOrganizations, .post: admin.createOrganization])
        route(router, "/organizations/:id", [.get: admin.readOrganization, .delete: admin.deleteOrganization])
        route(router, "/roles", [.get: admin.listRoles, .post: admin.createRole])
        route(router, "/group-role-mappings", [.get: admin.listMappings])
        route(
            router, "/group-role-mappings/:id",
            [.get: admin.readMapping, .put: admin.setMapping, .delete: admin.deleteMapping])
        route(router, "/accounts", [.get: admin.listAccounts, .post: admin.createConsoleAccount])
        route(router, "/accounts/:id", [.get: admin.readAccount])
        route(router, "/scim", [.get: admin.readSCIM])
        route(router, "/scim/enable", [.post: admin.enableSCIM])
        route(router, "/scim/disable", [.post: admin.disableSCIM])
        route(router, "/scim/token", [.get: admin.readToken, .post: admin.generateToken, .delete: admin.revokeToken])
        route(router, "/scim/token/rotate", [.post: admin.rotateToken])
    }

    /// Registers `path` under ``basePath`` for every method of ``SCIMRoutes/methods``: the handlers' errors
    /// become ``AdminError`` responses, other methods get 405.
    private static func route(
        _ router: Router<SCIMRoutes.Context>, _ path: String, _ handlers: [HTTPRequest.Method: SCIMRoutes.Handler]
    ) {
        let allowed = SCIMRoutes.methods.filter { handlers[$0] != nil }.map(\.rawValue).joined(separator: ", ")
        for method in SCIMRoutes.methods {
            let handler = handlers[method]
            router.on(RouterPath(basePath + path), method: method) { request, context -> Response in
                guard let handler else {
                    return AdminError(
                        .methodNotAllowed,
                        "\(method.rawValue) is not allowed on \(SCIMError.excerpt(request.uri.path))",
                        headers: [.allow: allowed]
                    ).response
                }
                do {
                    return try await handler(request, context)
                } catch let error as AdminError {
                    return error.response
                } catch let error as SCIMError {
                    return AdminError(error.status, error.detail, headers: error.headers).response
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    context.logger.error(
                        "Unexpected error in the admin API",
                        metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
                    return AdminError(.internalServerError, "the server failed to handle the request").response
                }
            }
        }
    }
}
