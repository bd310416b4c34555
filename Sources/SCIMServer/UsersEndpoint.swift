import Foundation
import Hummingbird
import Logging
import SCIMCore

/// `/Users`, `/Users/.search` and `/Users/{id}`: query, create, read, replace, patch and delete (RFC 7644 §3).
struct UsersEndpoint: CollectionEndpoint {
    let server: ServerContext

    private var store: any SCIMStore { server.store }
    private var profile: ServerProfile { server.profile }

    /// The resource type this endpoint serves.
    var resourceType: SCIMResourceType { .user }

    // MARK: - Queries

    /// The matching users' representations for one page, and how many match in all.
    func select(_ query: ListRequest, base: String) async throws -> (Int, [JSONObject]) {
        let compiler = FilterCompiler(type: .user, profile: profile)
        if let filter = query.filter { _ = try compiler.compile(filter) }  // refuse bad filters up front
        let sorter = try query.sortBy.map {
            try ResourceSorter(
                path: $0, descending: query.descending, type: .user, profile: profile, unknownAsAbsent: false)
        }
        let (criterion, residualFilter) = QueryPlanner.users(query.filter, profile: profile)
        let residual = try residualFilter.map(compiler.compile)
        let pagination = query.pagination
        var order: UserQuery.Order? = .creation
        if let sorter { order = sorter.sorts(byCore: "userName") ? .userName : nil }
        if residual == nil, let order {
            let page = try await store.users(
                matching: UserQuery(
                    criterion: criterion, order: order, descending: sorter?.descending ?? false,
                    offset: pagination.offset, limit: pagination.count))
            return (page.totalResults, page.users.map { UserRepresentation.render($0, base: base) })
        }
        // Evaluated in memory over the representations (FILT-35), then sorted and paged (FILT-40).
        let candidates = try await store.users(matching: UserQuery(criterion: criterion, limit: Int.max))
        var resources = candidates.users.map { UserRepresentation.render($0, base: base) }
        if let residual { resources = resources.filter(residual.matches) }
        if let sorter { resources = sorter.sorted(resources) { $0 } }
        let page = resources.dropFirst(pagination.offset).prefix(pagination.count)
        return (resources.count, Array(page))
    }

    // MARK: - Single users

    /// `GET /Users/{id}` (RFC 7644 §3.4.1): 200 with the resource, 304 for a matching `If-None-Match`, or 404.
    func read(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let projection = try server.projection(for: request)
        guard let record = try await store.user(id: id) else { throw Self.notFound(id) }
        let etag = EntityTag.of(record)
        if Preconditions(request).notModified(current: etag) { return SCIMResponse.notModified(etag: etag) }
        let representation = UserRepresentation.render(record, base: server.baseURL(for: request))
        return SCIMResponse.resource(projection.apply(representation, type: .user, profile: profile), etag: etag)
    }

}

extension UsersEndpoint: ResourceOperations {
    /// Creates a user (POST): NinjaOne adoption and system administrators through ``UserWriter``.
    func create(_ body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome {
        let input = try UserInput(body: body, profile: profile)
        let now = SCIMTimestamp.now()
        var record = UserRecord(
            id: ResourceIdentifier.make(), userName: input.userName,
            userNameKey: UserRepresentation.userNameKey(input.userName), externalId: input.externalId,
            displayName: input.displayName, active: input.active, created: now, lastModified: now, version: 1,
            resource: input.resource, passwordHash: input.password.map { server.passwordHasher.hash($0) })
        do {
            record = try await server.users.insert(record)  // NinjaOne: adoption, system administrators
        } catch SCIMStoreError.uniqueness {
            // The duplicateUserNameUpserts quirk hands back the existing user, as some servers wrongly do.
            guard server.configuration.quirks.contains(.duplicateUserNameUpserts),
                let existing = try await store.users(
                    matching: UserQuery(criterion: .userNameKey(record.userNameKey), limit: 1)
                ).users.first
            else { throw Self.duplicate(input.userName) }
            record = existing
        }
        return outcome(record, status: .created, scope: scope)
    }

    /// Replaces a user (PUT).
    ///
    /// Read-only values are ignored, a different `id` in the body included (PUT-06); omitted attributes are cleared
    /// and `active` defaults to true (PUT-04, IOP-O07). `password` is write-only, so a GET-then-PUT cannot carry
    /// it: an omitted password keeps the current one, a sent one replaces it (PUT-03). PUT never creates (PUT-02).
    func replace(id: String, with body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome {
        guard let existing = try await store.user(id: id) else { throw Self.notFound(id) }
        var body = body
        // The putIgnoresActive quirk keeps the stored active, as some servers wrongly do.
        if server.configuration.quirks.contains(.putIgnoresActive) { body["active"] = .bool(existing.active) }
        let input = try UserInput(body: body, profile: profile)
        let password: PatchEngine.PasswordChange = input.password.map { .set($0) } ?? .unchanged
        let updated = try await update(id: id, preconditions: scope.preconditions) { current in
            updatedRecord(current, input: input, password: password)
        }
        return outcome(updated, status: .ok, scope: scope)
    }

    /// Applies a PatchOp to a user atomically (PATCH-06) and answers 200 with the user (PATCH-07; Okta accepts 200
    /// and 204).
    func patch(id: String, with body: JSONObject, scope: OperationScope) async throws -> ResourceOutcome {
        var operations = try PatchRequest(body: body, profile: profile).operations
        if server.configuration.quirks.contains(.pathlessPatchIgnored) { operations.removeAll { $0.path == nil } }
        let updated = try await update(id: id, preconditions: scope.preconditions) { current in
            var engine = PatchEngine(
                type: .user, profile: profile, document: current.resource,
                current: UserRepresentation.render(current, base: scope.base))
            try engine.apply(operations)
            let input = try UserInput(body: engine.document, profile: profile)
            return updatedRecord(current, input: input, password: engine.password)
        }
        return outcome(updated, status: .ok, scope: scope)
    }

    /// Deletes a user; its NinjaOne account stays, deprovisioned (DESIGN §8.4).
    func delete(id: String, scope: OperationScope) async throws -> ResourceOutcome {
        let preconditions = scope.preconditions
        var expectedVersion: Int?
        if preconditions.isConditional {
            guard let current = try await store.user(id: id) else { throw Self.notFound(id) }
            try preconditions.checkWrite(current: EntityTag.of(current))
            expectedVersion = current.version
        }
        do {
            guard try await server.users.delete(id: id, expectedVersion: expectedVersion) else {
                throw Self.notFound(id)
            }
        } catch SCIMStoreError.versionMismatch {
            throw SCIMError.preconditionFailed("the User changed since the If-Match version was read")
        }
        return ResourceOutcome(
            status: .noContent, id: id, resource: nil, etag: nil,
            location: UserRepresentation.location(base: scope.base, id: id))
    }

    private func outcome(_ record: UserRecord, status: HTTPResponse.Status, scope: OperationScope) -> ResourceOutcome {
        let representation = UserRepresentation.render(record, base: scope.base)
        return ResourceOutcome(
            status: status, id: record.id,
            resource: scope.projection.apply(representation, type: .user, profile: profile),
            etag: EntityTag.of(record), location: UserRepresentation.location(base: scope.base, id: record.id))
    }

    // MARK: - Writing

    /// The record after a PUT or PATCH, or `nil` when nothing changes (no new version or lastModified, PATCH-10).
    private func updatedRecord(
        _ current: UserRecord, input: UserInput, password: PatchEngine.PasswordChange
    ) -> UserRecord? {
        var record = current
        record.userName = input.userName
        record.userNameKey = UserRepresentation.userNameKey(input.userName)
        record.externalId = input.externalId
        record.displayName = input.displayName
        record.active = input.active
        record.resource = input.resource
        switch password {
        case .unchanged:
            break
        case .removed:
            record.passwordHash = nil
        case .set(let text):
            // The same password again is no change (its hash would differ only by the salt).
            if let hash = current.passwordHash, PasswordHasher.verify(text, against: hash) { break }
            record.passwordHash = server.passwordHasher.hash(text)
        }
        guard record != current else { return nil }
        record.version = current.version + 1
        record.lastModified = ServerContext.modificationTime(after: current.lastModified)
        return record
    }

    /// Reads, checks the preconditions, transforms and writes with a compare-and-set on the version, retrying a
    /// lost race unless the request was conditional: then the race is a 412 (ETAG-05, ETAG-08).
    private func update(
        id: String, preconditions: Preconditions, _ transform: (UserRecord) throws -> UserRecord?
    ) async throws -> UserRecord {
        for _ in 0..<8 {
            guard let current = try await store.user(id: id) else { throw Self.notFound(id) }
            try preconditions.checkWrite(current: EntityTag.of(current))
            guard let updated = try transform(current) else { return current }
            do {
                try await server.users.replace(updated, expectedVersion: current.version)
                return updated
            } catch SCIMStoreError.versionMismatch {
                if preconditions.isConditional {
                    throw SCIMError.preconditionFailed("the User changed since the If-Match version was read")
                }
            } catch SCIMStoreError.notFound {
                throw Self.notFound(id)
            } catch SCIMStoreError.uniqueness {
                throw Self.duplicate(updated.userName)
            }
        }
        throw SCIMError(.conflict, detail: "the User kept changing while this request was applied; send it again")
    }

    static func notFound(_ id: String) -> SCIMError {
        SCIMError.notFound("User \(SCIMError.excerpt(id)) not found")
    }

    /// RFC 7644 §3.3: a duplicate MUST be 409 with scimType uniqueness (UNQ-01, UNQ-02, UNQ-04, PUT-09).
    static func duplicate(_ userName: String) -> SCIMError {
        SCIMError(
            .conflict, scimType: .uniqueness,
            detail: "a User with userName \"\(SCIMError.excerpt(userName))\" already exists "
                + "(userName is unique regardless of letter case)")
    }
}
