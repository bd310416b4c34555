import Hummingbird
import SCIMCore

/// Queries across resource types at the base URL: `POST /.search` and `GET /` with query parameters
/// (RFC 7644 §3.4.2.1, §3.4.3; checklist LST-14, SRCH-06).
///
/// Users and groups are listed together, users first, each with its own `schemas` and `meta.resourceType`. An
/// attribute a type does not define evaluates as unassigned for that type instead of failing (RFC 7644 §3.4.2.1).
struct RootSearchEndpoint: QueryEndpoint {
    let server: ServerContext

    private var profile: ServerProfile { server.profile }

    /// `GET /scim/v2?filter=…` (LST-14; with no parameters, every resource, paged) or `POST /scim/v2/.search`
    /// (SRCH-06).
    func respond(to query: ListRequest, base: String) async throws -> Response {
        let types: [SCIMResourceType] = [.user, .group]
        var filters: [String: CompiledFilter] = [:]
        var sorters: [String: ResourceSorter] = [:]
        for type in types {
            let compiler = FilterCompiler(type: type, profile: profile, unknownAsAbsent: true)
            if let filter = query.filter { filters[type.name] = try compiler.compile(filter) }
            if let sortBy = query.sortBy {
                sorters[type.name] = try ResourceSorter(
                    path: sortBy, descending: query.descending, type: type, profile: profile, unknownAsAbsent: true)
            }
        }
        let users = try await server.store.users(matching: UserQuery(limit: Int.max))
        let groups = try await server.store.groups(matching: GroupQuery(limit: Int.max))
        var items: [(type: SCIMResourceType, resource: JSONObject)] =
            users.users.map { (.user, UserRepresentation.render($0, base: base)) }
            + groups.groups.map { (.group, GroupRepresentation.render($0, base: base)) }
        if query.filter != nil {
            items = items.filter { item in filters[item.type.name]?.matches(item.resource) ?? false }
        }
        if query.sortBy != nil {
            items = ResourceSorter.sorted(items, descending: query.descending) { item in
                sorters[item.type.name]?.key(item.resource)
            }
        }
        let pagination = query.pagination
        let page = items.dropFirst(pagination.offset).prefix(pagination.count).map { item in
            query.projection.apply(item.resource, type: item.type, profile: profile)
        }
        return SCIMResponse.list(total: items.count, startIndex: pagination.startIndex, resources: Array(page))
    }
}
