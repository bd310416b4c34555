import Hummingbird
import SCIMCore

/// An endpoint that answers queries: `GET` with query parameters and `POST …/.search` (RFC 7644 §3.4.2, §3.4.3).
///
/// Both forms parse into the same ``ListRequest``; the collections (``CollectionEndpoint``) and the base URL
/// (``RootSearchEndpoint``) differ only in how they answer it.
protocol QueryEndpoint: Sendable {
    /// The server's shared context.
    var server: ServerContext { get }
    /// The ListResponse for `query`, with resource URLs below `base`.
    func respond(to query: ListRequest, base: String) async throws -> Response
}

extension QueryEndpoint {
    /// `GET` with query parameters (RFC 7644 §3.4.2; LST-01 to LST-16, FILT, SORT, ATTR).
    func list(_ request: Request, context: some RequestContext) async throws -> Response {
        let query = try ListRequest(
            parameters: QueryParameters(query: request.uri.query), configuration: server.configuration)
        return try await respond(to: query, base: server.baseURL(for: request))
    }

    /// `POST …/.search` (RFC 7644 §3.4.3): the same query from a SearchRequest body (SRCH-01 to SRCH-06).
    func search(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await server.bodyReader.readObject(from: request)
        let query = try ListRequest(searchBody: body, configuration: server.configuration)
        return try await respond(to: query, base: server.baseURL(for: request))
    }
}
