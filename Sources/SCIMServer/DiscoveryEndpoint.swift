import Foundation
import Hummingbird
import SCIMCore

/// `/ResourceTypes` and `/Schemas` (RFC 7644 §4, RFC 7643 §6 and §7): what the server serves, from the same
/// schema definitions that drive its input reading, filters, PATCH and projection, so they cannot disagree.
///
/// Query parameters are ignored (DISC-10), except `filter`, which gets 403 as RFC 7644 §4 recommends. Message
/// schemas (`urn:ietf:params:scim:api:…`) are not listed (GEN-11).
struct DiscoveryEndpoint: Sendable {
    let server: ServerContext

    /// `GET /ResourceTypes`: every resource type, as a ListResponse (DISC-05).
    func resourceTypes(_ request: Request, context: some RequestContext) async throws -> Response {
        try Self.refuseFilter(request, "/ResourceTypes")
        let base = server.baseURL(for: request)
        let resources = SCIMResourceType.all.compactMap { $0.resource(base: base).objectValue }
        return SCIMResponse.list(total: resources.count, startIndex: 1, resources: resources)
    }

    /// `GET /ResourceTypes/{name}`: one resource type by name, ignoring case (DISC-08), or 404.
    func resourceType(_ request: Request, context: some RequestContext) async throws -> Response {
        try Self.refuseFilter(request, "/ResourceTypes")
        let name = Self.decoded(try context.parameters.require("name"))
        guard let type = SCIMResourceType.all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw SCIMError.notFound("there is no resource type \(SCIMError.excerpt(name)); see /ResourceTypes")
        }
        return SCIMResponse.json(type.resource(base: server.baseURL(for: request)))
    }

    /// `GET /Schemas`: every schema the server serves, as a ListResponse (DISC-09).
    func schemas(_ request: Request, context: some RequestContext) async throws -> Response {
        try Self.refuseFilter(request, "/Schemas")
        let base = server.baseURL(for: request)
        let resources = SCIMResourceType.allSchemas.compactMap { $0.resource(base: base).objectValue }
        return SCIMResponse.list(total: resources.count, startIndex: 1, resources: resources)
    }

    /// `GET /Schemas/{urn}`: one schema by URN, ignoring case (DISC-06, DISC-08), or 404 (GEN-11).
    func schema(_ request: Request, context: some RequestContext) async throws -> Response {
        try Self.refuseFilter(request, "/Schemas")
        let urn = Self.decoded(try context.parameters.require("urn"))
        guard let schema = SCIMResourceType.allSchemas.first(where: { $0.isNamed(urn) }) else {
            throw SCIMError.notFound("there is no schema \(SCIMError.excerpt(urn)); see /Schemas")
        }
        return SCIMResponse.json(schema.resource(base: server.baseURL(for: request)))
    }

    /// RFC 7644 §4: filters are not allowed on discovery endpoints; the server SHOULD answer 403 (DISC-10).
    static func refuseFilter(_ request: Request, _ endpoint: String) throws {
        if QueryParameters(query: request.uri.query)["filter"] != nil {
            throw SCIMError(.forbidden, detail: "filters are not supported on \(endpoint) (RFC 7644 §4)")
        }
    }

    private static func decoded(_ segment: String) -> String {
        segment.removingPercentEncoding ?? segment
    }
}
