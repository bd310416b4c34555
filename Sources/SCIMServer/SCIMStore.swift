import SCIMCore

/// The persistence the reference server needs; the server holds one and never touches SQL itself.
///
/// Implementations store what the server hands them and enforce the uniqueness the records declare
/// (`userNameKey`); the SCIM semantics (validation, case folding, hashing, representation) stay in the server,
/// so every store behaves the same. All methods may be called concurrently.
public protocol SCIMStore: Sendable {
    /// Stores a new user.
    /// - Throws: ``SCIMStoreError/uniqueness(attribute:)`` when another user has the same `userNameKey` or `id`.
    func insertUser(_ user: UserRecord) async throws

    /// The user with exactly this `id` (ids are case-sensitive, RFC 7643 §3.1), or `nil`.
    func user(id: String) async throws -> UserRecord?

    /// Removes the user with this `id`; returns whether one existed.
    func deleteUser(id: String) async throws -> Bool

    /// One page of the users that match `query`, in creation order (then `id`), with the total match count.
    ///
    /// The order is stable across calls, so pages never overlap or skip (checklist LST-13).
    func users(matching query: UserQuery) async throws -> UserPage
}

/// Why a store refused a write; other failures are thrown as the store's own errors.
public enum SCIMStoreError: Error, Sendable, Hashable {
    /// A value that must be unique is already taken; `attribute` is its SCIM name, such as `userName`.
    case uniqueness(attribute: String)
}

/// A user as stored: the SCIM resource without `id`, `meta` and `password`, plus its indexed columns.
public struct UserRecord: Sendable, Hashable {
    /// The server-assigned id (RFC 7643 §3.1).
    public var id: String
    /// `userName` exactly as provisioned.
    public var userName: String
    /// The case-folded `userName` the store keeps unique (RFC 7643 §4.1.1: `caseExact` false, `uniqueness` server).
    public var userNameKey: String
    /// `externalId` exactly as provisioned, if any.
    public var externalId: String?
    /// `displayName`, if any.
    public var displayName: String?
    /// `active`.
    public var active: Bool
    /// When the user was created (`meta.created`).
    public var created: SCIMTimestamp
    /// When the user last changed (`meta.lastModified`).
    public var lastModified: SCIMTimestamp
    /// A counter raised on every change, the source of `meta.version`.
    public var version: Int
    /// The stored resource: `schemas` and every attribute except `id`, `meta`, `password` and `groups`.
    public var resource: JSONObject
    /// The salted hash of the password (see ``PasswordHasher``), never the password itself.
    public var passwordHash: String?

    /// Creates a record.
    public init(
        id: String, userName: String, userNameKey: String, externalId: String?, displayName: String?, active: Bool,
        created: SCIMTimestamp, lastModified: SCIMTimestamp, version: Int, resource: JSONObject, passwordHash: String?
    ) {
        self.id = id
        self.userName = userName
        self.userNameKey = userNameKey
        self.externalId = externalId
        self.displayName = displayName
        self.active = active
        self.created = created
        self.lastModified = lastModified
        self.version = version
        self.resource = resource
        self.passwordHash = passwordHash
    }
}

/// Which users a list request wants, and which page of them.
public struct UserQuery: Sendable, Hashable {
    /// The selection criteria a store evaluates itself (with an index).
    public enum Criterion: Sendable, Hashable {
        /// Every user.
        case all
        /// The user whose ``UserRecord/userNameKey`` equals this key.
        case userNameKey(String)
    }

    /// Which users match.
    public var criterion: Criterion
    /// How many matches to skip (0-based; SCIM's `startIndex` minus one).
    public var offset: Int
    /// The most users to return; `0` returns none, only the total.
    public var limit: Int

    /// Creates a query.
    public init(criterion: Criterion = .all, offset: Int = 0, limit: Int) {
        self.criterion = criterion
        self.offset = max(0, offset)
        self.limit = max(0, limit)
    }
}

/// One page of a list result.
public struct UserPage: Sendable, Hashable {
    /// How many users match in all, not only on this page.
    public var totalResults: Int
    /// The users on this page, in order.
    public var users: [UserRecord]

    /// Creates a page.
    public init(totalResults: Int, users: [UserRecord]) {
        self.totalResults = totalResults
        self.users = users
    }
}
