import SCIMCore

/// A user as stored: the SCIM resource without `id`, `meta`, `password` and `groups`, plus its indexed columns.
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
    /// A counter raised on every change of the stored user; `meta.version` combines it with the user's `groups`,
    /// so a membership change gives a new entity tag without rewriting the user.
    public var version: Int
    /// The stored resource: `schemas` and every attribute except `id`, `meta`, `password` and `groups`.
    public var resource: JSONObject
    /// The salted hash of the password (see ``PasswordHasher``), never the password itself.
    public var passwordHash: String?
    /// The groups the user belongs to, directly or through nested groups (read-only, RFC 7643 §4.1.2); filled
    /// by the store on reads and ignored on writes.
    public var groups: [UserGroupMembership]

    /// Creates a record.
    public init(
        id: String, userName: String, userNameKey: String, externalId: String?, displayName: String?, active: Bool,
        created: SCIMTimestamp, lastModified: SCIMTimestamp, version: Int, resource: JSONObject, passwordHash: String?,
        groups: [UserGroupMembership] = []
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
        self.groups = groups
    }

    /// The case-folded ``displayName`` the store indexes for `displayName eq` lookups (`caseExact` false, RFC 7643
    /// §4.1.1), so they stay one index probe at any number of users.
    public var displayNameKey: String? { displayName.map(Self.displayNameKey) }

    /// The key of a `displayName`: folded as the filter compares it (FILT-06).
    public static func displayNameKey(_ displayName: String) -> String {
        SCIMValue.folded(displayName, caseExact: false)
    }
}

/// One group a user belongs to, as the user's `groups` attribute shows it.
public struct UserGroupMembership: Sendable, Hashable {
    /// The group's id.
    public var groupID: String
    /// The group's `displayName`.
    public var display: String
    /// Whether the user is a member of the group itself (`direct`) or of a group nested in it (`indirect`).
    public var direct: Bool

    /// Creates a membership.
    public init(groupID: String, display: String, direct: Bool) {
        self.groupID = groupID
        self.display = display
        self.direct = direct
    }
}

/// Which users a list request wants, in which order, and which page of them.
public struct UserQuery: Sendable, Hashable {
    /// The selection criteria a store evaluates itself (with an index).
    public enum Criterion: Sendable, Hashable {
        /// Every user.
        case all
        /// The user whose ``UserRecord/userNameKey`` equals this key.
        case userNameKey(String)
        /// The user with exactly this id.
        case id(String)
        /// The users whose `externalId` is exactly this (caseExact, RFC 7643 §3.1).
        case externalId(String)
        /// The users whose ``UserRecord/displayNameKey`` equals this key.
        case displayNameKey(String)
    }

    /// The orders a store sorts by itself.
    public enum Order: Sendable, Hashable {
        /// Creation order.
        case creation
        /// ``UserRecord/userNameKey`` in code point order, then creation order.
        case userName
    }

    /// Which users match.
    public var criterion: Criterion
    /// The order of the results.
    public var order: Order
    /// Whether the order is reversed (ties stay in creation order).
    public var descending: Bool
    /// How many matches to skip (0-based; SCIM's `startIndex` minus one).
    public var offset: Int
    /// The most users to return; `0` returns none, only the total; `Int.max` returns all.
    public var limit: Int

    /// Creates a query.
    public init(
        criterion: Criterion = .all, order: Order = .creation, descending: Bool = false, offset: Int = 0, limit: Int
    ) {
        self.criterion = criterion
        self.order = order
        self.descending = descending
        self.offset = max(0, offset)
        self.limit = max(0, limit)
    }
}

/// One page of a user list result.
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
