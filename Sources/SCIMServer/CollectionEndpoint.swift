import Hummingbird
import SCIMCore

/// A resource collection's query endpoints (`GET` with query parameters and `POST …/.search`), shared by
/// `/Users` and `/Groups`: both select a page of one resource type and project it.
protocol CollectionEndpoint: QueryEndpoint {
    /// The resource type the collection holds.
    var resourceType: SCIMResourceType { get }
    /// The matching resources' representations for one page, and how many match in all.
    func select(_ query: ListRequest, base: String) async throws -> (Int, [JSONObject])
}

extension CollectionEndpoint {
    /// The page `select` chooses, projected (ATTR-01 to ATTR-10), as a ListResponse (RFC 7644 §3.4.2).
    func respond(to query: ListRequest, base: String) async throws -> Response {
        let (total, resources) = try await select(query, base: base)
        let projected = resources.map { query.projection.apply($0, type: resourceType, profile: server.profile) }
        return SCIMResponse.list(
            total: total, startIndex: query.pagination.startIndex, resources: projected,
            requestedCount: query.pagination.count)
    }
}
