import SCIMCore

/// The Okta side of a simulation: users with profiles and status, and groups with members.
public struct OktaOrg: Sendable, Hashable {
    /// Users by Okta id.
    public var users: [String: OktaUser] = [:]
    /// Groups by Okta id.
    public var groups: [String: OktaGroup] = [:]

    /// An empty org.
    public init() {}

    /// The ids of the groups `userID` belongs to, in group creation order.
    public func groupIDs(of userID: String) -> [String] {
        groups.values.filter { $0.memberIDs.contains(userID) }.sorted { $0.created < $1.created }.map(\.id)
    }
}

/// An Okta user: id (`00u…`), login, profile attributes, lifecycle status.
public struct OktaUser: Sendable, Hashable {
    /// Okta's lifecycle states that matter to provisioning.
    public enum Status: String, Sendable, Hashable, Codable {
        case active, suspended, deactivated
    }

    /// The Okta user id, such as `00ujl29u0le5T6Aj10h7`.
    public let id: String
    /// The profile: `login`, `email`, `firstName`, `lastName`, `displayName`, `locale`, custom attributes.
    public var profile: JSONObject
    /// The lifecycle status.
    public var status: Status

    /// Creates a user.
    public init(id: String, profile: JSONObject, status: Status = .active) {
        self.id = id
        self.profile = profile
        self.status = status
    }

    /// The login (Okta username), which is the default app username.
    public var login: String { profile["login"]?.stringValue ?? id }
}

/// An Okta group: id (`00g…`), name, and member user ids in the order they were added.
public struct OktaGroup: Sendable, Hashable {
    /// The Okta group id.
    public let id: String
    /// The group name.
    public var name: String
    /// Member user ids.
    public var memberIDs: [String]
    /// A sequence number giving creation order.
    let created: Int
}
