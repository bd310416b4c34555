import SCIMCore

/// A stored resource whose writes rest on its version: compare-and-set updates and `If-Match` (RFC 7644 §3.14).
protocol StoredRecord: Sendable, Equatable {
    /// The server-assigned id.
    var id: String { get }
    /// The counter raised on every change; a write names the version it replaces.
    var version: Int { get set }
    /// When the resource was created (`meta.created`).
    var created: SCIMTimestamp { get }
    /// When the resource last changed (`meta.lastModified`).
    var lastModified: SCIMTimestamp { get set }
    /// The record's `ETag`.
    var entityTag: String { get }
}

extension UserRecord: StoredRecord {
    var entityTag: String { EntityTag.of(self) }
}

extension GroupRecord: StoredRecord {
    var entityTag: String { EntityTag.of(self) }
}
