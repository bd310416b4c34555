import Hummingbird
import SCIMCore

/// The writes on one resource type (RFC 7644 §3.3, §3.5, §3.6), independent of where the request came from.
///
/// `UsersEndpoint` and `GroupsEndpoint` implement them once; their HTTP handlers and ``BulkEndpoint`` both call
/// them, so NinjaOne accounts, PATCH semantics and ETag checks stay the same whichever way a write arrives.
protocol ResourceOperations: Sendable {
    /// The server's shared context.
    var server: ServerContext { get }
    /// The resource type written.
    var resourceType: SCIMResourceType { get }
    /// Creates a resource from a request body (POST).
    func create(_ body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome
    /// Replaces the resource `id` (PUT).
    func replace(id: String, with body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome
    /// Applies a PatchOp body to the resource `id` (PATCH).
    func patch(id: String, with body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome
    /// Deletes the resource `id` (DELETE).
    func delete(id: String, scope: OperationScope) async throws -> ResourceOutcome
}

extension ResourceOperations {
    /// `POST` on the collection (RFC 7644 §3.3): 201 with the resource, its `Location` and `ETag` (CRT-01 to CRT-17).
    func create(_ request: Request, context: some RequestContext) async throws -> Response {
        let scope = try OperationScope(request, server: server)
        let outcome = try await create(try await server.bodyReader.readObject(from: request), scope: scope)
        context.logger.debug("Created a \(resourceType.name)", metadata: ["location": "\(outcome.location)"])
        return outcome.response
    }

    /// `PUT` on a resource (RFC 7644 §3.5.1): 200 with the replaced resource (PUT-01 to PUT-10).
    func replace(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let scope = try OperationScope(request, server: server)
        return try await replace(id: id, with: try await server.bodyReader.readObject(from: request), scope: scope)
            .response
    }

    /// `PATCH` on a resource (RFC 7644 §3.5.2): the operations applied atomically (PATCH-06, PATCH-07).
    func patch(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let scope = try OperationScope(request, server: server)
        return try await patch(id: id, with: try await server.bodyReader.readObject(from: request), scope: scope)
            .response
    }

    /// `DELETE` on a resource (RFC 7644 §3.6): 204 without a body, then 404 for good (DEL-01 to DEL-05).
    func delete(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let outcome = try await delete(id: id, scope: try OperationScope(request, server: server))
        context.logger.debug("Deleted a \(resourceType.name)", metadata: ["id": "\(id)"])
        return outcome.response
    }
}

/// The request context of a write: the SCIM base URL, the projection of the answer and the preconditions.
struct OperationScope: Sendable {
    /// The absolute SCIM base URL, for `Location`, `meta.location` and `$ref`s.
    var base: String
    /// `attributes` / `excludedAttributes` applied to the returned resource (ATTR-10).
    var projection: AttributeProjection
    /// `If-Match` / `If-None-Match`, or a bulk operation's `version` (ETAG-05, ETAG-09).
    var preconditions: Preconditions

    /// The scope of an HTTP request: its base URL, query projection and conditional headers.
    init(_ request: Request, server: ServerContext) throws {
        base = server.baseURL(for: request)
        projection = try server.projection(for: request)
        preconditions = Preconditions(request)
    }

    /// A scope with the given parts (a bulk operation: default projection, its `version` as `If-Match`).
    init(base: String, projection: AttributeProjection, preconditions: Preconditions) {
        self.base = base
        self.projection = projection
        self.preconditions = preconditions
    }
}

extension Preconditions {
    /// Preconditions from a bulk operation's `version` (RFC 7644 §3.7): it acts as `If-Match`.
    init(ifMatch: String?) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = nil
    }
}
