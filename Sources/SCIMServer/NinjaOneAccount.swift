import SCIMCore

/// A NinjaOne account: what the product keeps for a person, provisioned by SCIM or created in the console.
///
/// DESIGN §5 and §8.3/§8.4, okta-behavior.md §13. A SCIM user always has an account with the same id; the SCIM
/// resource keeps `userType` and `organizationId` exactly as provisioned (``provisionedUserType``,
/// ``provisionedOrganizationID``), and the account holds what NinjaOne makes of them: the effective
/// ``accountType`` and ``organizationIDs``, with ``fallbackReasons`` when a value was not accepted. Roles come
/// from group mappings at read time (see ``NinjaOneAccountPolicy/roles(accountType:groupIDs:mappings:roles:)``).
public struct NinjaOneAccount: Sendable, Hashable {
    /// A technician or an end user (DESIGN §8.3).
    public enum AccountType: String, Sendable, Hashable, CaseIterable {
        /// A technician account.
        case technician
        /// An end user, of some organizations or global.
        case endUser
    }

    /// Whether the account can sign in, and whether SCIM still provisions it.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// An active account.
        case active
        /// Deactivated (SCIM `active: false`): kept, but cannot sign in.
        case inactive
        /// Its SCIM resource was deleted; the account stays listed, inactive (DESIGN §8.4).
        case deprovisioned
    }

    /// Where the account came from.
    public enum Origin: String, Sendable, Hashable, CaseIterable {
        /// Created by a SCIM POST.
        case scim
        /// Created in the console (the admin API), possibly adopted by SCIM later.
        case console
    }

    /// The account id; equal to the SCIM user's id when SCIM manages it.
    public var id: String
    /// Where the account came from.
    public var origin: Origin
    /// The sign-in name (the SCIM `userName`).
    public var userName: String
    /// The primary email, if any.
    public var email: String?
    /// The display name, if any.
    public var displayName: String?
    /// Active, inactive or deprovisioned.
    public var status: Status
    /// Whether SCIM manages the account (created or adopted by SCIM).
    public var scimManaged: Bool
    /// A system administrator: never provisioned by SCIM (okta-behavior.md §13).
    public var systemAdministrator: Bool
    /// The extension's `userType` exactly as provisioned, or `nil`.
    public var provisionedUserType: JSONValue?
    /// The extension's `organizationId` exactly as provisioned, or `nil`.
    public var provisionedOrganizationID: JSONValue?
    /// The effective account type.
    public var accountType: AccountType
    /// The organizations of an end user; empty for a global end user and for technicians.
    public var organizationIDs: [String]
    /// Why a provisioned value was not taken as sent, such as `organizationId 99 is not a known organization`.
    public var fallbackReasons: [String]
    /// When the account was created.
    public var created: SCIMTimestamp
    /// When the account last changed.
    public var lastModified: SCIMTimestamp

    /// Creates an account.
    public init(
        id: String, origin: Origin, userName: String, email: String?, displayName: String?, status: Status,
        scimManaged: Bool, systemAdministrator: Bool, provisionedUserType: JSONValue?,
        provisionedOrganizationID: JSONValue?, accountType: AccountType, organizationIDs: [String],
        fallbackReasons: [String], created: SCIMTimestamp, lastModified: SCIMTimestamp
    ) {
        self.id = id
        self.origin = origin
        self.userName = userName
        self.email = email
        self.displayName = displayName
        self.status = status
        self.scimManaged = scimManaged
        self.systemAdministrator = systemAdministrator
        self.provisionedUserType = provisionedUserType
        self.provisionedOrganizationID = provisionedOrganizationID
        self.accountType = accountType
        self.organizationIDs = organizationIDs
        self.fallbackReasons = fallbackReasons
        self.created = created
        self.lastModified = lastModified
    }

    /// The case-folded `userName` that matches accounts to SCIM users.
    public var userNameKey: String { userName.lowercased() }

    /// The case-folded email that matches accounts to SCIM users, if any.
    public var emailKey: String? { email.map { $0.lowercased() } }

    /// Whether the account is an end user of every organization (no organization ids).
    public var isGlobalEndUser: Bool { accountType == .endUser && organizationIDs.isEmpty }
}

/// An organization (a NinjaOne customer) end users can belong to.
public struct NinjaOneOrganization: Sendable, Hashable {
    /// The organization id, such as `12`.
    public var id: String
    /// The organization's name.
    public var name: String
    /// When it was created.
    public var created: SCIMTimestamp

    /// Creates an organization.
    public init(id: String, name: String, created: SCIMTimestamp) {
        self.id = id
        self.name = name
        self.created = created
    }
}

/// A role: a technician role or an end-user role.
public struct NinjaOneRole: Sendable, Hashable {
    /// The role id.
    public var id: String
    /// The role's name.
    public var name: String
    /// Which accounts the role applies to.
    public var kind: NinjaOneAccount.AccountType
    /// When it was created.
    public var created: SCIMTimestamp

    /// Creates a role.
    public init(id: String, name: String, kind: NinjaOneAccount.AccountType, created: SCIMTimestamp) {
        self.id = id
        self.name = name
        self.kind = kind
        self.created = created
    }
}

/// A group → role mapping: members of the SCIM group get one of the two roles according to their type.
public struct GroupRoleMapping: Sendable, Hashable {
    /// The SCIM group's id.
    public var groupID: String
    /// The role technicians in the group get, if any.
    public var technicianRoleID: String?
    /// The role end users in the group get, if any.
    public var endUserRoleID: String?
    /// When the mapping was last set.
    public var updated: SCIMTimestamp

    /// Creates a mapping.
    public init(groupID: String, technicianRoleID: String?, endUserRoleID: String?, updated: SCIMTimestamp) {
        self.groupID = groupID
        self.technicianRoleID = technicianRoleID
        self.endUserRoleID = endUserRoleID
        self.updated = updated
    }
}
