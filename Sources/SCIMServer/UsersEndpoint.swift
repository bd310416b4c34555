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
        let plan = try CollectionQuery(query, type: .user, profile: profile, planner: QueryPlanner.users)
        let pagination = plan.pagination
        if let order = plan.storeOrder(UserQuery.Order.creation, sortedBy: "userName", .userName) {
            let page = try await store.users(
                matching: UserQuery(
                    criterion: plan.criterion, order: order, descending: plan.descending, offset: pagination.offset,
                    limit: pagination.count))
            return (page.totalResults, page.users.map { UserRepresentation.render($0, base: base) })
        }
        let candidates = try await store.users(matching: UserQuery(criterion: plan.criterion, limit: Int.max))
        return plan.evaluate(candidates.users.map { UserRepresentation.render($0, base: base) })
    }

    // MARK: - Single users

    /// `GET /Users/{id}` (RFC 7644 §3.4.1): 200 with the resource, 304 for a matching `If-None-Match`, or 404.
    func read(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let projection = try server.projection(for: request)
        guard let record = try await store.user(id: id) else { throw notFound(id) }
        let etag = EntityTag.of(record)
        if Preconditions(request).notModified(current: etag) { return SCIMResponse.notModified(etag: etag) }
        let representation = UserRepresentation.render(record, base: server.baseURL(for: request))
        return SCIMResponse.resource(projection.apply(representation, type: .user, profile: profile), etag: etag)
    }

}

extension UsersEndpoint: VersionedWrites {
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
        guard let existing = try await store.user(id: id) else { throw notFound(id) }
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

    private func outcome(_ record: UserRecord, status: HTTPResponse.Status, scope: OperationScope) -> ResourceOutcome {
        let representation = UserRepresentation.render(record, base: scope.base)
        return ResourceOutcome(
            status: status, id: record.id,
            resource: scope.projection.apply(representation, type: .user, profile: profile),
            etag: EntityTag.of(record), location: SCIMResourceType.user.location(base: scope.base, id: record.id))
    }

    // MARK: - Writing

    /// The record after a PUT or PATCH: `current` with the input's values and password change.
    private func updatedRecord(
        _ current: UserRecord, input: UserInput, password: PatchEngine.PasswordChange
    ) -> UserRecord {
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
        return record
    }

    // MARK: - Versioned writes

    func stored(id: String) async throws -> UserRecord? {
        try await store.user(id: id)
    }

    func store(_ record: UserRecord, replacing expectedVersion: Int) async throws -> UserRecord {
        do {
            try await server.users.replace(record, expectedVersion: expectedVersion)
            return record
        } catch SCIMStoreError.uniqueness {
            throw Self.duplicate(record.userName)
        }
    }

    /// Deletes a user; its NinjaOne account stays, deprovisioned (DESIGN §8.4).
    func remove(id: String, expectedVersion: Int?) async throws -> Bool {
        try await server.users.delete(id: id, expectedVersion: expectedVersion)
    }

    /// RFC 7644 §3.3: a duplicate MUST be 409 with scimType uniqueness (UNQ-01, UNQ-02, UNQ-04, PUT-09).
    static func duplicate(_ userName: String) -> SCIMError {
        SCIMError(
            .conflict, scimType: .uniqueness,
            detail: "a User with userName \"\(SCIMError.excerpt(userName))\" already exists "
                + "(userName is unique regardless of letter case)")
    }
}
