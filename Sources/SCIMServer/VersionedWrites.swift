import SCIMCore

/// A resource type's versioned writes: the store calls an endpoint supplies, and what every update and DELETE
/// does with them, once for users and groups.
///
/// Updates of one resource take turns (``ResourceLocks``), then read, check the preconditions, transform and write
/// with a compare-and-set on the version, retrying a lost race unless the request was conditional: then the race
/// is a 412 (ETAG-05, ETAG-08). A transform that changes nothing writes nothing: no new version or
/// `lastModified` (PATCH-10).
protocol VersionedWrites: ResourceOperations {
    /// The stored form of the resource type.
    associatedtype Record: StoredRecord

    /// The stored record `id`, complete (its ETag and every update start from it), or `nil` when there is none.
    func stored(id: String) async throws -> Record?
    /// Writes `record` over the stored version `expectedVersion` and returns it as stored; throws
    /// ``SCIMStoreError/versionMismatch`` when the stored version differs, and SCIM errors for invalid content.
    func store(_ record: Record, replacing expectedVersion: Int) async throws -> Record
    /// Deletes the resource `id`, only at `expectedVersion` when one is given; `false` when there is none.
    func remove(id: String, expectedVersion: Int?) async throws -> Bool
}

extension VersionedWrites {
    /// 404 for the resource `id` (RFC 7644 §3.12).
    func notFound(_ id: String) -> SCIMError {
        SCIMError.notFound("\(resourceType.name) \(SCIMError.excerpt(id)) not found")
    }

    /// Applies `transform` to the resource `id` under `preconditions` and returns the record as it now stands.
    func update(
        id: String, preconditions: Preconditions, _ transform: (Record) throws -> Record
    ) async throws -> Record {
        try await server.resourceLocks.withLock("\(resourceType.endpoint)/\(id)") {
            for _ in 0..<8 {
                guard let current = try await stored(id: id) else { throw notFound(id) }
                try preconditions.checkWrite(current: current.entityTag)
                var updated = try transform(current)
                guard updated != current else { return current }
                updated.version = current.version + 1
                updated.lastModified = ServerContext.modificationTime(after: current.lastModified)
                do {
                    return try await store(updated, replacing: current.version)
                } catch SCIMStoreError.versionMismatch {
                    if preconditions.isConditional { throw changedSinceIfMatch() }
                } catch SCIMStoreError.notFound {
                    throw notFound(id)
                }
            }
            throw SCIMError(
                .conflict,
                detail: "the \(resourceType.name) kept changing while this request was applied; send it again")
        }
    }

    /// Deletes the resource `id` (RFC 7644 §3.6), checking `If-Match` against it first (ETAG-05): 204, or 404.
    func delete(id: String, scope: OperationScope) async throws -> ResourceOutcome {
        let preconditions = scope.preconditions
        var expectedVersion: Int?
        if preconditions.isConditional {
            guard let current = try await stored(id: id) else { throw notFound(id) }
            try preconditions.checkWrite(current: current.entityTag)
            expectedVersion = current.version
        }
        do {
            guard try await remove(id: id, expectedVersion: expectedVersion) else { throw notFound(id) }
        } catch SCIMStoreError.versionMismatch {
            throw changedSinceIfMatch()
        }
        return ResourceOutcome(
            status: .noContent, id: id, resource: nil, etag: nil,
            location: resourceType.location(base: scope.base, id: id))
    }

    private func changedSinceIfMatch() -> SCIMError {
        SCIMError.preconditionFailed("the \(resourceType.name) changed since the If-Match version was read")
    }
}
