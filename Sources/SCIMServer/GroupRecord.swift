import SCIMCore

/// A group as stored: the SCIM resource without `id`, `meta` and `members`, its members, and indexed columns.
public struct GroupRecord: Sendable, Hashable {
    /// The server-assigned id (RFC 7643 §3.1), unique across users and groups (CRT-04).
    public var id: String
    /// `displayName` as provisioned; not unique (RFC 7643 §8.7.1, UNQ-06).
    public var displayName: String
    /// The case-folded `displayName`, indexed for `displayName eq` lookups (Okta's link-or-create, okta §7.2).
    public var displayNameKey: String
    /// `externalId` exactly as provisioned, if any.
    public var externalId: String?
    /// When the group was created (`meta.created`).
    public var created: SCIMTimestamp
    /// When the group last changed (`meta.lastModified`).
    public var lastModified: SCIMTimestamp
    /// A counter raised on every change: `meta.version`.
    public var version: Int
    /// The stored resource: `schemas` and every attribute except `id`, `meta` and `members`.
    public var resource: JSONObject
    /// The members in the order they were added.
    public var members: [GroupMember]

    /// Creates a record.
    public init(
        id: String, displayName: String, displayNameKey: String, externalId: String?, created: SCIMTimestamp,
        lastModified: SCIMTimestamp, version: Int, resource: JSONObject, members: [GroupMember]
    ) {
        self.id = id
        self.displayName = displayName
        self.displayNameKey = displayNameKey
        self.externalId = externalId
        self.created = created
        self.lastModified = lastModified
        self.version = version
        self.resource = resource
        self.members = members
    }
}

/// One member of a group.
public struct GroupMember: Sendable, Hashable {
    /// What a member is.
    public enum Kind: String, Sendable, Hashable {
        /// A user (`"type": "User"`).
        case user = "User"
        /// A nested group (`"type": "Group"`).
        case group = "Group"
    }

    /// The member's id (`members.value`).
    public var value: String
    /// Whether the member is a user or a group; set by the store from the referenced resource.
    public var kind: Kind
    /// The member's `displayName` (else `userName`); set by the store, `nil` on writes.
    public var display: String?

    /// Creates a member.
    public init(value: String, kind: Kind = .user, display: String? = nil) {
        self.value = value
        self.kind = kind
        self.display = display
    }
}

/// Which groups a list request wants, in which order, and which page of them.
public struct GroupQuery: Sendable, Hashable {
    /// The selection criteria a store evaluates itself (with an index).
    public enum Criterion: Sendable, Hashable {
        /// Every group.
        case all
        /// The group with exactly this id.
        case id(String)
        /// The groups whose ``GroupRecord/displayNameKey`` equals this key.
        case displayNameKey(String)
        /// The groups whose `externalId` is exactly this.
        case externalId(String)
        /// The groups that have the resource with this id as a direct member.
        case member(String)
    }

    /// The orders a store sorts by itself.
    public enum Order: Sendable, Hashable {
        /// Creation order.
        case creation
        /// ``GroupRecord/displayNameKey`` in code point order, then creation order.
        case displayName
    }

    /// Which groups match.
    public var criterion: Criterion
    /// The order of the results.
    public var order: Order
    /// Whether the order is reversed (ties stay in creation order).
    public var descending: Bool
    /// How many matches to skip (0-based).
    public var offset: Int
    /// The most groups to return; `0` returns none, only the total; `Int.max` returns all.
    public var limit: Int
    /// Whether to load the members (Entra asks for groups with `excludedAttributes=members`, ATTR-07).
    public var includeMembers: Bool

    /// Creates a query.
    public init(
        criterion: Criterion = .all, order: Order = .creation, descending: Bool = false, offset: Int = 0,
        limit: Int, includeMembers: Bool = true
    ) {
        self.criterion = criterion
        self.order = order
        self.descending = descending
        self.offset = max(0, offset)
        self.limit = max(0, limit)
        self.includeMembers = includeMembers
    }
}

/// One page of a group list result.
public struct GroupPage: Sendable, Hashable {
    /// How many groups match in all, not only on this page.
    public var totalResults: Int
    /// The groups on this page, in order.
    public var groups: [GroupRecord]

    /// Creates a page.
    public init(totalResults: Int, groups: [GroupRecord]) {
        self.totalResults = totalResults
        self.groups = groups
    }
}
