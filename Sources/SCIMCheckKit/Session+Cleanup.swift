import Foundation
import SCIMCore

extension Session {
    /// What removing a created resource came to.
    public enum Removal: Sendable, Hashable {
        /// DELETE answered 2xx.
        case deleted
        /// DELETE answered 404: it was already gone.
        case alreadyGone
        /// DELETE was refused with this status; the resource was deactivated instead and stays.
        case deactivated(deleteStatus: Int)
        /// DELETE was refused with this status and deactivation (when tried) too; the resource stays.
        case refused(deleteStatus: Int, deactivateStatus: Int?)

        /// Whether the resource is gone from the target.
        public var isGone: Bool {
            switch self {
            case .deleted, .alreadyGone: true
            case .deactivated, .refused: false
            }
        }
    }

    /// Removes a resource the kit created, with the kit's own User-Agent (DESIGN §8.5).
    ///
    /// Sends `DELETE /{type}/{id}`. Where DELETE is refused, a user is deactivated with a path-less PATCH
    /// instead (RFC 7644 §3.5.2) and the ledger, when there is one, records it as left on the target.
    public func removeCreated(_ type: LedgerResourceType, id: String) async throws -> Removal {
        let path = "\(type.path)/\(URLPathSegment.encode(id))"
        let deletion = try await delete(path)
        if (200..<300).contains(deletion.status) { return .deleted }
        if deletion.status == 404 { return .alreadyGone }
        guard type == .users else { return .refused(deleteStatus: deletion.status, deactivateStatus: nil) }
        let deactivation = try await patch(
            path,
            json: [
                "schemas": [.string(SCIMURN.patchOp)],
                "Operations": [["op": "replace", "value": ["active": false]]],
            ])
        guard (200..<300).contains(deactivation.status) else {
            return .refused(deleteStatus: deletion.status, deactivateStatus: deactivation.status)
        }
        try context.ledger?.append(Ledger.Entry(event: .deactivated, type: type, id: id))
        return .deactivated(deleteStatus: deletion.status)
    }

    /// Removes a user the kit created (see ``removeCreated(_:id:)``).
    /// - Throws: ``HarnessError`` naming the id when the user is left on the target.
    public func removeCreatedUser(id: String) async throws {
        try Self.requireGone(try await removeCreated(.users, id: id), type: .users, id: id)
    }

    /// Removes a group the kit created (see ``removeCreated(_:id:)``).
    /// - Throws: ``HarnessError`` naming the id when the group is left on the target.
    public func removeCreatedGroup(id: String) async throws {
        try Self.requireGone(try await removeCreated(.groups, id: id), type: .groups, id: id)
    }

    private static func requireGone(_ removal: Removal, type: LedgerResourceType, id: String) throws(HarnessError) {
        let what = "DELETE \(type.path)/\(id)"
        switch removal {
        case .deleted, .alreadyGone:
            return
        case .deactivated(let status):
            throw HarnessError(
                .scenario,
                "\(what) answered \(status); deactivated it instead; \(type.noun) \(id) is left on the target")
        case .refused(let status, let deactivation):
            let tail = deactivation.map { "; deactivation answered \($0) too" } ?? ""
            throw HarnessError(
                .scenario, "\(what) answered \(status)\(tail); \(type.noun) \(id) is left on the target")
        }
    }
}

/// Percent-encoding of one path segment (RFC 3986 §3.3), for ids the server chose.
public enum URLPathSegment {
    /// `segment` with everything outside unreserved characters and `@:!$&'()*+,;=` percent-encoded.
    public static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~@:!$&'()*+,;=")
        return set
    }()
}
