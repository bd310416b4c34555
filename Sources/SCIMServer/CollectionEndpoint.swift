import Hummingbird
import SCIMCore

/// A resource collection's query endpoints (`GET` with query parameters and `POST …/.search`), shared by
/// `/Users` and `/Groups`: both parse the same ListRequest, select a page, and project it.
protocol CollectionEndpoint: Sendable {
    /// The server's shared context.
    var server: ServerContext { get }
    /// The resource type the collection holds.
    var resourceType: SCIMResourceType { get }
    /// The matching resources' representations for one page, and how many match in all.
    func select(_ query: ListRequest, base: String) async throws -> (Int, [JSONObject])
}

extension CollectionEndpoint {
    /// `GET` on the collection (RFC 7644 §3.4.2): a ListResponse page (LST-01 to LST-16, FILT, SORT, ATTR).
    func list(_ request: Request, context: some RequestContext) async throws -> Response {
        let query = try ListRequest(
            parameters: QueryParameters(query: request.uri.query), configuration: server.configuration)
        return try await respond(to: query, base: server.baseURL(for: request))
    }

    /// `POST …/.search` (RFC 7644 §3.4.3): the same query from a SearchRequest body (SRCH-01 to SRCH-05).
    func search(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await server.bodyReader.readObject(from: request)
        let query = try ListRequest(searchBody: body, configuration: server.configuration)
        return try await respond(to: query, base: server.baseURL(for: request))
    }

    private func respond(to query: ListRequest, base: String) async throws -> Response {
        let (total, resources) = try await select(query, base: base)
        let projected = resources.map { query.projection.apply($0, type: resourceType, profile: server.profile) }
        return SCIMResponse.list(
            total: total, startIndex: query.pagination.startIndex, resources: projected,
            requestedCount: query.pagination.count)
    }
}
