import SCIMCore

/// One app instance in the Okta org: its provisioning toggles, profile, mappings, and assignments.
public struct OktaApp: Sendable, Hashable {
    /// The "To App" provisioning toggles (okta-behavior §2.1, §4, §5, §6, §7).
    public struct Provisioning: Sendable, Hashable {
        /// "Create Users".
        public var createUsers = true
        /// "Update User Attributes".
        public var updateUserAttributes = true
        /// "Deactivate Users".
        public var deactivateUsers = true
        /// "Sync Password".
        public var syncPassword = false
        /// Push Groups is enabled for the app.
        public var pushGroups = true
        /// "Push group memberships immediately" (checked by default, okta-behavior §7.1).
        public var pushMembershipsImmediately = true
        /// The app supports import ("Import Now", okta-behavior §3); NinjaOne does not (§13).
        public var importEnabled = true

        /// The defaults of a newly configured app.
        public init() {}
    }

    /// A group assignment: the group, and values for group-scoped attributes.
    public struct GroupAssignment: Sendable, Hashable {
        /// The Okta group id.
        public var groupID: String
        /// Values for group-scoped app attributes, by variable name.
        public var values: [String: JSONValue]
    }

    /// The app's name, as Okta's messages show it.
    public var name: String
    /// The toggles.
    public var provisioning: Provisioning
    /// The app profile.
    public var profile: OktaAppProfile
    /// Okta-to-app mappings by app variable name.
    public var mappings: [String: OktaMapping]
    /// Direct user assignments: user id → per-assignment overrides by variable name.
    public var userAssignments: [String: [String: JSONValue]] = [:]
    /// Group assignments, highest priority first (okta-behavior §11).
    public var groupAssignments: [GroupAssignment] = []

    /// Creates an app.
    public init(
        name: String, provisioning: Provisioning = Provisioning(), profile: OktaAppProfile = .scimTemplate,
        mappings: [String: OktaMapping] = OktaMapping.scimTemplateDefaults
    ) {
        self.name = name
        self.provisioning = provisioning
        self.profile = profile
        self.mappings = mappings
    }

    /// NinjaOne's OIN app with the template mappings and the NinjaOne extension attributes, without import
    /// ("NinjaOne SSO and SCIM do not support the Okta Import Users … feature", okta-behavior §13).
    public static var ninjaOne: OktaApp {
        var app = OktaApp(name: "NinjaOne", profile: .ninjaOne)
        app.provisioning.importEnabled = false
        return app
    }
}

/// What Okta knows of a user in the app: the app username, the server's id and the last values sent.
public struct OktaAppUser: Sendable, Hashable {
    /// Provisioning status of the app user.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Assigned, not (yet) on the server.
        case pending
        /// Provisioned and active on the server.
        case active
        /// Deactivated on the server (unassigned or deactivated in Okta).
        case deactivated
    }

    /// The Okta user id.
    public let userID: String
    /// The app username (`userName` on the wire).
    public var userName: String
    /// Okta's "External ID": the SCIM server's `id`.
    public var externalID: String?
    /// The status.
    public var status: Status
    /// The app-user profile values last computed, by variable name.
    public var profile: [String: JSONValue]
}
