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
    func select(_ query: ListRequest, base: String) async throws -> (Int, [JSONObject]) {
        let compiler = FilterCompiler(type: .group, profile: profile)
        if let filter = query.filter { _ = try compiler.compile(filter) }
        let sorter = try query.sortBy.map {
            try ResourceSorter(
                path: $0, descending: query.descending, type: .group, profile: profile, unknownAsAbsent: false)
        }
        let (criterion, residualFilter) = QueryPlanner.groups(query.filter, profile: profile)
        let residual = try residualFilter.map(compiler.compile)
        let pagination = query.pagination
        var order: GroupQuery.Order? = .creation
        if let sorter { order = sorter.sorts(byCore: "displayName") ? .displayName : nil }
        // Members are loaded only when returned or needed to evaluate the filter or the order.
        let needsMembers =
            !query.projection.omits("members", of: .group, profile: profile)
            || residual != nil || (sorter != nil && order == nil)
        if residual == nil, let order {
            let page = try await store.groups(
                matching: GroupQuery(
                    criterion: criterion, order: order, descending: sorter?.descending ?? false,
                    offset: pagination.offset, limit: pagination.count, includeMembers: needsMembers))
            return (
                page.totalResults,
                page.groups.map { GroupRepresentation.render($0, base: base, includeMembers: needsMembers) }
            )
        }
        let candidates = try await store.groups(
            matching: GroupQuery(criterion: criterion, limit: Int.max, includeMembers: true))
        var resources = candidates.groups.map { GroupRepresentation.render($0, base: base) }
        if let residual { resources = resources.filter(residual.matches) }
        if let sorter { resources = sorter.sorted(resources) { $0 } }
        let page = resources.dropFirst(pagination.offset).prefix(pagination.count)
        return (resources.count, Array(page))
    }

    // MARK: - Single groups

    /// `GET /Groups/{id}` (RFC 7644 §3.4.1): 200, 304 for a matching `If-None-Match`, or 404.
    func read(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let projection = try server.projection(for: request)
        let includeMembers = !projection.omits("members", of: .group, profile: profile)
        guard let record = try await store.group(id: id, includeMembers: includeMembers) else {
            throw Self.notFound(id)
        }
        let etag = EntityTag.of(record)
        if Preconditions(request).notModified(current: etag) { return SCIMResponse.notModified(etag: etag) }
        let representation = GroupRepresentation.render(
            record, base: server.baseURL(for: request), includeMembers: includeMembers)
        return SCIMResponse.resource(projection.apply(representation, type: .group, profile: profile), etag: etag)
    }

}

extension GroupsEndpoint: ResourceOperations {
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
        guard try await store.group(id: id, includeMembers: false) != nil else { throw Self.notFound(id) }
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
            location: GroupRepresentation.location(base: scope.base, id: id))
    }

    /// Deletes a group (DELETE).
    func delete(id: String, scope: OperationScope) async throws -> ResourceOutcome {
        let preconditions = scope.preconditions
        var expectedVersion: Int?
        if preconditions.isConditional {
            guard let current = try await store.group(id: id, includeMembers: false) else { throw Self.notFound(id) }
            try preconditions.checkWrite(current: EntityTag.of(current))
            expectedVersion = current.version
        }
        do {
            guard try await store.deleteGroup(id: id, expectedVersion: expectedVersion) else {
                throw Self.notFound(id)
            }
        } catch SCIMStoreError.versionMismatch {
            throw SCIMError.preconditionFailed("the Group changed since the If-Match version was read")
        }
        return ResourceOutcome(
            status: .noContent, id: id, resource: nil, etag: nil,
            location: GroupRepresentation.location(base: scope.base, id: id))
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
            etag: EntityTag.of(record), location: GroupRepresentation.location(base: scope.base, id: record.id))
    }

    // MARK: - Writing

    /// The record after a PUT or PATCH, or `nil` when nothing changes (re-adding a member, PATCH-10).
    private static func updatedRecord(_ current: GroupRecord, input: GroupInput) -> GroupRecord? {
        var record = current
        record.displayName = input.displayName
        record.displayNameKey = GroupRepresentation.displayNameKey(input.displayName)
        record.externalId = input.externalId
        record.resource = input.resource
        record.members = input.members
        let sameMembers = Set(current.members.map(\.value)) == Set(input.members.map(\.value))
        if sameMembers { record.members = current.members }
        guard record != current else { return nil }
        record.version = current.version + 1
        record.lastModified = ServerContext.modificationTime(after: current.lastModified)
        return record
    }

    /// Reads (with members), checks the preconditions, transforms and writes with a compare-and-set on the
    /// version; a lost race is retried, or 412 for a conditional request (ETAG-05, ETAG-08). Updates of one group
    /// take turns (``ResourceLocks``), so a burst of membership PATCHes never runs out of retries.
    private func update(
        id: String, preconditions: Preconditions, _ transform: (GroupRecord) throws -> GroupRecord?
    ) async throws -> GroupRecord {
        try await server.resourceLocks.withLock("Groups/\(id)") {
            try await compareAndSet(id: id, preconditions: preconditions, transform)
        }
    }

    private func compareAndSet(
        id: String, preconditions: Preconditions, _ transform: (GroupRecord) throws -> GroupRecord?
    ) async throws -> GroupRecord {
        for _ in 0..<8 {
            guard let current = try await store.group(id: id, includeMembers: true) else { throw Self.notFound(id) }
            try preconditions.checkWrite(current: EntityTag.of(current))
            guard let updated = try transform(current) else { return current }
            do {
                return try await Self.storeErrors {
                    try await store.replaceGroup(updated, expectedVersion: current.version)
                }
            } catch SCIMStoreError.versionMismatch {
                if preconditions.isConditional {
                    throw SCIMError.preconditionFailed("the Group changed since the If-Match version was read")
                }
            } catch SCIMStoreError.notFound {
                throw Self.notFound(id)
            }
        }
        throw SCIMError(.conflict, detail: "the Group kept changing while this request was applied; send it again")
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

    static func notFound(_ id: String) -> SCIMError {
        SCIMError.notFound("Group \(SCIMError.excerpt(id)) not found")
    }
}
