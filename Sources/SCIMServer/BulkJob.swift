import Hummingbird
import Logging
import SCIMCore

/// Runs the operations of one bulk request and collects their results (RFC 7644 §3.7).
///
/// - Every operation goes through the same ``ResourceOperations`` as its single request, so its status, error and
///   NinjaOne account effects are those of that request (BULK-13). Each operation is atomic on its own; the job is
///   not a transaction (BULK-16).
/// - `bulkId:<id>` references in `data` and `path` are replaced by the created ids (§3.7.2, BULK-08, BULK-15). An
///   operation waits until the POST it refers to has run, so forward references work (§3.7, BULK-09); the results
///   are reported in request order.
/// - A circular reference (§3.7.1, BULK-10) is broken by creating one resource without the array elements that
///   wait (a group's `members`), then adding them with a PATCH once the others exist. When the waiting reference
///   is not in such an element, or the PATCH fails, the operation fails with 409 (rolled back if created).
/// - A reference to a `bulkId` no POST defines is 400 `invalidValue`; to one whose POST failed, 409 (BULK-11).
/// - With `failOnErrors`, the job stops after that many failed operations; without, it runs everything (BULK-05).
struct BulkJob {
    /// The methods a bulk operation may use (RFC 7644 §3.7).
    enum Method: String {
        case post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    /// An operation checked and ready to run.
    private struct Parsed {
        var method: Method
        var endpoint: any ResourceOperations
        /// The resource id for PUT, PATCH and DELETE (references resolved).
        var id: String?
        var data: JSONObject?
        var version: String?
    }

    /// A resource created without the array elements that wait for other operations (a circular reference).
    private struct Deferral {
        var index: Int
        var endpoint: any ResourceOperations
        var id: String
        /// The multi-valued attributes and the elements to add to each once their references resolve.
        var additions: [(attribute: String, elements: [JSONValue])]
        var waiting: Set<String>
    }

    private let request: BulkRequest
    private let endpoints: [any ResourceOperations]
    private let base: String
    private let logger: Logger
    private let references: [Set<String>]
    /// For each `bulkId`, the first POST that defines it.
    private let definers: [String: Int]

    private var createdIDs: [String: String] = [:]
    private var failedBulkIds: Set<String> = []
    private var results: [Int: JSONObject] = [:]
    private var errors = 0
    private var deferrals: [Deferral] = []

    /// A job for `request`, writing through `endpoints` (users and groups) under the SCIM base URL `base`.
    init(request: BulkRequest, endpoints: [any ResourceOperations], base: String, logger: Logger) {
        self.request = request
        self.endpoints = endpoints
        self.base = base
        self.logger = logger
        references = request.operations.map(\.references)
        var definers: [String: Int] = [:]
        for (index, operation) in request.operations.enumerated() {
            guard operation.method?.stringValue?.uppercased() == Method.post.rawValue,
                let bulkId = operation.bulkId?.stringValue, definers[bulkId] == nil
            else { continue }
            definers[bulkId] = index
        }
        self.definers = definers
    }

    /// Whether `failOnErrors` has been reached.
    private var stopped: Bool {
        request.failOnErrors.map { errors >= $0 } ?? false
    }

    /// Runs the operations and returns the results of those that ran, in request order (BULK-06).
    mutating func run() async throws -> [JSONValue] {
        var pending = Array(request.operations.indices)
        while !pending.isEmpty, !stopped {
            if let next = pending.firstIndex(where: { waiting(for: $0).isEmpty }) {
                try await execute(pending.remove(at: next), deferring: [])
            } else {
                // Every pending operation waits for another one: a circular reference between POSTs (RFC 7644
                // §3.7.1). It is broken at the first POST whose waiting references are all in array elements;
                // without one, the first POST of the cycle fails (409).
                let posts = pending.filter { definers.values.contains($0) }
                let index = posts.first(where: isBreakable) ?? posts.first ?? pending[0]
                pending.removeAll { $0 == index }
                try await execute(index, deferring: waiting(for: index))
            }
            try await applyDeferrals()
        }
        for deferral in deferrals {
            try await rollBack(
                deferral,
                detail: "the bulk job stopped (failOnErrors) before the resources it refers to "
                    + "were created")
        }
        deferrals = []
        return request.operations.indices.compactMap { results[$0].map(JSONValue.object) }
    }

    /// The `bulkId`s operation `index` refers to that a pending POST will still create.
    private func waiting(for index: Int) -> Set<String> {
        references[index].filter { name in
            guard let definer = definers[name], definer != index else { return false }
            return createdIDs[name] == nil && !failedBulkIds.contains(name)
        }
    }

    /// Whether POST `index` can be created now without the array elements that wait for other operations.
    private func isBreakable(_ index: Int) -> Bool {
        guard let data = request.operations[index].data?.objectValue else { return false }
        return Self.split(data, waitingFor: waiting(for: index)) != nil
    }

    /// Runs one operation and records its result; `deferring` names the references to leave out for now.
    private mutating func execute(_ index: Int, deferring: Set<String>) async throws {
        let operation = request.operations[index]
        var result = JSONObject()
        if let method = operation.method?.stringValue { result["method"] = .string(method.uppercased()) }
        if let bulkId = operation.bulkId, bulkId != .null { result["bulkId"] = bulkId }
        do {
            var ready = try parse(operation, index: index)
            if ready.method != .post, let id = ready.id {
                result["location"] = .string(base + ready.endpoint.resourceType.endpoint + "/" + id)
            }
            var additions: [(attribute: String, elements: [JSONValue])] = []
            if !deferring.isEmpty, let data = ready.data {
                guard ready.method == .post, let split = Self.split(data, waitingFor: deferring) else {
                    throw SCIMError(
                        .conflict,
                        detail: "operation \(operation.number) is part of a circular bulkId reference "
                            + "(\(Self.list(deferring))) that cannot be resolved (RFC 7644 §3.7.1)")
                }
                ready.data = split.data
                additions = split.additions
            }
            let outcome = try await perform(ready)
            result["location"] = .string(outcome.location)
            if let etag = outcome.etag { result["version"] = .string(etag) }
            result["status"] = .string(String(outcome.status.code))
            if ready.method == .post, let bulkId = operation.bulkId?.stringValue {
                createdIDs[bulkId] = outcome.id
            }
            if !additions.isEmpty {
                deferrals.append(
                    Deferral(
                        index: index, endpoint: ready.endpoint, id: outcome.id, additions: additions,
                        waiting: deferring))
            }
        } catch let error as SCIMError {
            fail(&result, index: index, error: error)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error(
                "Unexpected error in a bulk operation",
                metadata: ["operation": "\(operation.number)", "error": "\(String(reflecting: error))"])
            fail(&result, index: index, error: SCIMError(.internalServerError, detail: "the operation failed"))
        }
        results[index] = result
    }

    /// Records a failed operation: its status and SCIM error; a failed POST has no `location` (BULK-06).
    private mutating func fail(_ result: inout JSONObject, index: Int, error: SCIMError) {
        let operation = request.operations[index]
        if operation.method?.stringValue?.uppercased() == Method.post.rawValue {
            result["location"] = nil
            result["version"] = nil
            if let bulkId = operation.bulkId?.stringValue, definers[bulkId] == index {
                failedBulkIds.insert(bulkId)
                createdIDs[bulkId] = nil
            }
        }
        result["status"] = .string(String(error.status.code))
        result["response"] = error.body
        errors += 1
    }

    /// Checks an operation's members and resolves its references.
    /// - Throws: 400 for a bad `method`, `path`, `bulkId`, `data` or `version` (BULK-04); 400 `invalidValue` or
    ///   409 for a reference that cannot be resolved (BULK-11).
    private func parse(_ operation: BulkRequest.Operation, index: Int) throws -> Parsed {
        let number = operation.number
        guard let text = operation.method?.stringValue, let method = Method(rawValue: text.uppercased()) else {
            throw SCIMError.invalidValue("operation \(number) needs \"method\": POST, PUT, PATCH or DELETE")
        }
        switch operation.bulkId {
        case nil, .null?:
            if method == .post { throw SCIMError.invalidValue("operation \(number) (POST) needs a \"bulkId\"") }
        case .string(let bulkId)?:
            if bulkId.isEmpty { throw SCIMError.invalidValue("operation \(number) has an empty \"bulkId\"") }
            if method == .post, definers[bulkId] != index {
                throw SCIMError.invalidValue(
                    "operation \(number) reuses bulkId \"\(SCIMError.excerpt(bulkId))\" of operation "
                        + "\((definers[bulkId] ?? 0) + 1); each POST needs its own")
            }
        case let other?:
            throw SCIMError.invalidValue("operation \(number) has a \"bulkId\" that is a \(other.typeName)")
        }
        for name in references[index] where createdIDs[name] == nil {
            if failedBulkIds.contains(name) {
                throw SCIMError(
                    .conflict,
                    detail:
                        "operation \(number) refers to bulkId \"\(SCIMError.excerpt(name))\", whose operation failed")
            }
            if definers[name] == index {
                throw SCIMError(
                    .conflict,
                    detail: "operation \(number) refers to its own bulkId \"\(SCIMError.excerpt(name))\" "
                        + "(RFC 7644 §3.7.1)")
            }
            if definers[name] == nil {
                throw SCIMError.invalidValue(
                    "operation \(number) refers to bulkId \"\(SCIMError.excerpt(name))\", which no POST operation "
                        + "of this request defines")
            }
        }
        guard case .string(let rawPath)? = operation.path else {
            throw SCIMError.invalidValue("operation \(number) needs a \"path\" such as /Users or /Users/{id}")
        }
        let path = BulkRequest.resolving(path: rawPath, createdIDs)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(
            path.hasPrefix("/") ? 1 : 0)
        let endpoint = segments.first.flatMap { name in
            endpoints.first { $0.resourceType.endpoint.dropFirst().lowercased() == name.lowercased() }
        }
        let expected = method == .post ? 1 : 2
        guard let endpoint, segments.count == expected, segments.last?.isEmpty == false else {
            let form = method == .post ? "/Users or /Groups" : "/Users/{id} or /Groups/{id}"
            throw SCIMError.invalidValue(
                "operation \(number) (\(method.rawValue)) has path \"\(SCIMError.excerpt(rawPath))\"; "
                    + "expected \(form)")
        }
        var data: JSONObject?
        if method != .delete {
            guard let value = operation.data, case .object(let object) = BulkRequest.resolving(value, createdIDs)
            else {
                throw SCIMError.invalidSyntax(
                    "operation \(number) (\(method.rawValue)) needs \"data\": the JSON object of the equivalent request"
                )
            }
            data = object
        }
        var version: String?
        switch operation.version {
        case nil, .null?:
            version = nil
        case .string(let text)?:
            version = text
        case let other?:
            throw SCIMError.invalidValue("operation \(number) has a \"version\" that is a \(other.typeName)")
        }
        return Parsed(
            method: method, endpoint: endpoint, id: method == .post ? nil : segments.last.map(String.init),
            data: data, version: version)
    }

    /// Runs a checked operation through the resource type's single-request code.
    private func perform(_ operation: Parsed) async throws -> ResourceOutcome {
        let scope = OperationScope(
            base: base, projection: .all, preconditions: Preconditions(ifMatch: operation.version))
        let data = operation.data ?? JSONObject()
        switch (operation.method, operation.id) {
        case (.post, _):
            return try await operation.endpoint.create(data, scope: scope)
        case (.put, let id?):
            return try await operation.endpoint.replace(id: id, with: data, scope: scope)
        case (.patch, let id?):
            return try await operation.endpoint.patch(id: id, with: data, scope: scope)
        case (.delete, let id?):
            return try await operation.endpoint.delete(id: id, scope: scope)
        default:
            throw SCIMError.invalidValue("a \(operation.method.rawValue) operation needs a resource path")
        }
    }

    /// Adds the deferred elements whose references are now resolved; rolls back those that can no longer be.
    private mutating func applyDeferrals() async throws {
        var remaining: [Deferral] = []
        for deferral in deferrals {
            if let failed = deferral.waiting.first(where: { failedBulkIds.contains($0) }) {
                try await rollBack(
                    deferral, detail: "it refers to bulkId \"\(SCIMError.excerpt(failed))\", whose operation failed")
                continue
            }
            guard deferral.waiting.allSatisfy({ createdIDs[$0] != nil }) else {
                remaining.append(deferral)
                continue
            }
            let operations: [JSONValue] = deferral.additions.map { addition in
                [
                    "op": "add", "path": .string(addition.attribute),
                    "value": BulkRequest.resolving(.array(addition.elements), createdIDs),
                ]
            }
            let patch: JSONValue = ["schemas": [.string(SCIMURN.patchOp)], "Operations": .array(operations)]
            do {
                let outcome = try await deferral.endpoint.patch(
                    id: deferral.id, with: patch.objectValue ?? JSONObject(),
                    scope: OperationScope(base: base, projection: .all, preconditions: Preconditions(ifMatch: nil)))
                if let etag = outcome.etag { results[deferral.index]?["version"] = .string(etag) }
            } catch let error as SCIMError {
                try await rollBack(deferral, detail: "adding its circular references failed: \(error.detail)")
            }
        }
        deferrals = remaining
    }

    /// Deletes a resource created for a circular reference that could not be completed; the operation fails (409).
    private mutating func rollBack(_ deferral: Deferral, detail: String) async throws {
        let scope = OperationScope(base: base, projection: .all, preconditions: Preconditions(ifMatch: nil))
        do {
            _ = try await deferral.endpoint.delete(id: deferral.id, scope: scope)
        } catch let error as SCIMError where error.status == .notFound {
            // Already deleted by a later operation of the job: nothing to undo.
        }
        var result = results[deferral.index] ?? JSONObject()
        let number = request.operations[deferral.index].number
        fail(
            &result, index: deferral.index,
            error: SCIMError(.conflict, detail: "operation \(number) was undone: \(detail)"))
        results[deferral.index] = result
    }

    /// POST data without the array elements that refer to `waiting`, and those elements by attribute; `nil` when a
    /// waiting reference is outside such an element (then the cycle cannot be broken here).
    private static func split(
        _ data: JSONObject, waitingFor waiting: Set<String>
    ) -> (data: JSONObject, additions: [(attribute: String, elements: [JSONValue])])? {
        func refers(_ value: JSONValue) -> Bool {
            !BulkRequest.references(in: value).isDisjoint(with: waiting)
        }
        var kept = JSONObject()
        var additions: [(attribute: String, elements: [JSONValue])] = []
        for (key, value) in data {
            guard refers(value) else {
                kept[key] = value
                continue
            }
            guard case .array(let elements) = value, elements.allSatisfy({ $0.objectValue != nil }) else { return nil }
            kept[key] = .array(elements.filter { !refers($0) })
            additions.append((key, elements.filter(refers)))
        }
        return (kept, additions)
    }

    private static func list(_ names: Set<String>) -> String {
        names.sorted().map { "bulkId:\(SCIMError.excerpt($0))" }.joined(separator: ", ")
    }
}
