import Foundation
import Hummingbird
import Logging
import SCIMCore

/// `/Groups`, `/Groups/.search` and `/Groups/{id}`: query, create, read, replace, patch and delete (RFC 7644 §3).
///
/// Display names need not be unique (RFC 7643 §8.7.1, UNQ-06). Members are users or groups by id; an unknown id is
/// 400 `invalidValue` (SCH-17). A member's `type`, `display` and `$ref` come from the member itself.
struct GroupsEndpoint: CollectionEndpoint {
    let server: ServerContext

    private var store: any SCIMStore { server.store }
    private var profile: ServerProfile { server.profile }

    /// The resource type this endpoint serves.
    var resourceType: SCIMResourceType { .group }

    // MARK: - Queries

    /// The matching groups' representations for one page, and how many match in all.
    ///
    /// Members are loaded only when returned or needed to evaluate the filter or the order.
    func select(_ query: ListRequest, base: String) async throws -> (Int, [JSONObject]) {
        let plan = try CollectionQuery(query, type: .group, profile: profile, planner: QueryPlanner.groups)
        let pagination = plan.pagination
        guard let order = plan.storeOrder(GroupQuery.Order.creation, sortedBy: "displayName", .displayName) else {
            let candidates = try await store.groups(matching: GroupQuery(criterion: plan.criterion, limit: Int.max))
            return plan.evaluate(candidates.groups.map { GroupRepresentation.render($0, base: base) })
        }
        let includeMembers = !query.projection.omits("members", of: .group, profile: profile)
        let page = try await store.groups(
            matching: GroupQuery(
                criterion: plan.criterion, order: order, descending: plan.descending, offset: pagination.offset,
                limit: pagination.count, includeMembers: includeMembers))
        return (
            page.totalResults,
            page.groups.map { GroupRepresentation.render($0, base: base, includeMembers: includeMembers) }
        )
    }

    // MARK: - Single groups

    /// `GET /Groups/{id}` (RFC 7644 §3.4.1): 200, 304 for a matching `If-None-Match`, or 404.
    func read(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let projection = try server.projection(for: request)
        let includeMembers = !projection.omits("members", of: .group, profile: profile)
        guard let record = try await store.group(id: id, includeMembers: includeMembers) else {
            throw notFound(id)
        }
        let etag = EntityTag.of(record)
        if Preconditions(request).notModified(current: etag) { return SCIMResponse.notModified(etag: etag) }
        let representation = GroupRepresentation.render(
            record, base: server.baseURL(for: request), includeMembers: includeMembers)
        return SCIMResponse.resource(projection.apply(representation, type: .group, profile: profile), etag: etag)
    }

}

extension GroupsEndpoint: VersionedWrites {
    /// Creates a group (POST); members must exist (SCH-17).
    func create(_ body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome {
        let input = try GroupInput(body: body, profile: profile)
        let now = SCIMTimestamp.now()
        let record = GroupRecord(
            id: ResourceIdentifier.make(), displayName: input.displayName,
            displayNameKey: GroupRepresentation.displayNameKey(input.displayName), externalId: input.externalId,
            created: now, lastModified: now, version: 1, resource: input.resource, members: input.members)
        let stored = try await Self.storeErrors { try await store.insertGroup(record) }
        return outcome(stored, status: .created, scope: scope)
    }

    /// Replaces a group, members included (PUT): a body without `members` leaves the group without members (PUT-10,
    /// Okta's AIW group push).
    func replace(id: String, with body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome {
        guard try await store.group(id: id, includeMembers: false) != nil else { throw notFound(id) }
        let input = try GroupInput(body: body, profile: profile)
        let updated = try await update(id: id, preconditions: scope.preconditions) { current in
            Self.updatedRecord(current, input: input)
        }
        return outcome(updated, status: .ok, scope: scope)
    }

    /// Applies a PatchOp to a group atomically.
    ///
    /// Answers 204 with the new `ETag`, as Entra recommends for groups (IOP-E14) and Okta accepts (IOP-O13), so a
    /// membership change never sends back thousands of members; with `attributes` or `excludedAttributes` it
    /// answers 200 with the projected group, as RFC 7644 §3.5.2 requires (PATCH-07, ATTR-10).
    func patch(id: String, with body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome {
        let operations = try PatchRequest(body: body, profile: profile).operations
        let updated = try await update(id: id, preconditions: scope.preconditions) { current in
            var document = current.resource
            document["members"] = .array(
                current.members.map { ["value": .string($0.value), "type": .string($0.kind.rawValue)] })
            // `current` serves read-only comparisons only; members are read-write, so it can leave them out.
            var engine = PatchEngine(
                type: .group, profile: profile, document: document,
                current: GroupRepresentation.render(current, base: scope.base, includeMembers: false))
            try engine.apply(operations)
            return Self.updatedRecord(current, input: try GroupInput(body: engine.document, profile: profile))
        }
        guard scope.projection.isDefault else { return outcome(updated, status: .ok, scope: scope) }
        return ResourceOutcome(
            status: .noContent, id: id, resource: nil, etag: EntityTag.of(updated),
            location: SCIMResourceType.group.location(base: scope.base, id: id))
    }

    private func outcome(
        _ record: GroupRecord, status: HTTPResponse.Status, scope: OperationScope
    )
        -> ResourceOutcome
    {
        let representation = GroupRepresentation.render(record, base: scope.base)
        return ResourceOutcome(
            status: status, id: record.id,
            resource: scope.projection.apply(representation, type: .group, profile: profile),
            etag: EntityTag.of(record), location: SCIMResourceType.group.location(base: scope.base, id: record.id))
    }

    // MARK: - Writing

    /// The record after a PUT or PATCH: `current` with the input's values; members in their current order when
    /// the same ones come back (re-adding a member is no change, PATCH-10).
    private static func updatedRecord(_ current: GroupRecord, input: GroupInput) -> GroupRecord {
        var record = current
        record.displayName = input.displayName
        record.displayNameKey = GroupRepresentation.displayNameKey(input.displayName)
        record.externalId = input.externalId
        record.resource = input.resource
        record.members = input.members
        let sameMembers = Set(current.members.map(\.value)) == Set(input.members.map(\.value))
        if sameMembers { record.members = current.members }
        return record
    }

    // MARK: - Versioned writes

    func stored(id: String) async throws -> GroupRecord? {
        try await store.group(id: id, includeMembers: true)
    }

    func store(_ record: GroupRecord, replacing expectedVersion: Int) async throws -> GroupRecord {
        try await Self.storeErrors { try await store.replaceGroup(record, expectedVersion: expectedVersion) }
    }

    func remove(id: String, expectedVersion: Int?) async throws -> Bool {
        try await store.deleteGroup(id: id, expectedVersion: expectedVersion)
    }

    /// Runs a store write, turning member errors into 400 `invalidValue` (SCH-17).
    private static func storeErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch SCIMStoreError.unknownMember(let id) {
            throw SCIMError.invalidValue(
                "member \"\(SCIMError.excerpt(id))\" is neither a User nor a Group of this server")
        } catch SCIMStoreError.selfMembership {
            throw SCIMError.invalidValue("a Group cannot be a member of itself")
        } catch SCIMStoreError.uniqueness {
            throw SCIMError(.conflict, scimType: .uniqueness, detail: "the Group id is already taken; send it again")
        }
    }
}
