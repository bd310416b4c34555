import SCIMCore

/// One attribute of the app's profile (Profile Editor): the Okta-side variable and where it goes in SCIM.
///
/// Attributes without an external namespace are not sent (okta-behavior §10.1, S24).
public struct OktaAppAttribute: Sendable, Hashable {
    /// Whether the attribute can be set on a group assignment.
    public enum Scope: String, Sendable, Hashable {
        /// "User personal": only per user.
        case personal
        /// Settable on group assignments too.
        case group
    }

    /// The Okta-side key, such as `givenName` or `ninja_group_userType`.
    public var variableName: String
    /// The attribute name in the app: a dotted or filtered path for core attributes
    /// (`name.givenName`, `emails.^[primary==true].value`), the key alone for extensions.
    public var externalName: String
    /// The schema URN in the app; `nil` means the attribute is never sent.
    public var externalNamespace: String?
    /// Personal or group scope.
    public var scope: Scope
    /// For a group-scoped array attribute: "Combine values across groups" (the union, in group priority order)
    /// instead of "Use Group Priority" (the first group's value) (okta-behavior §11, simulator requirement 24).
    public var combinesGroupValues: Bool

    /// Creates an attribute.
    public init(
        _ variableName: String, externalName: String, namespace: String? = SCIMURN.coreUser, scope: Scope = .personal,
        combinesGroupValues: Bool = false
    ) {
        self.variableName = variableName
        self.externalName = externalName
        self.externalNamespace = namespace
        self.scope = scope
        self.combinesGroupValues = combinesGroupValues
    }
}

/// The app's profile: its attributes in Profile Editor order.
public struct OktaAppProfile: Sendable, Hashable {
    /// The attributes, in the order their values are written into request bodies.
    public var attributes: [OktaAppAttribute]

    /// Creates a profile.
    public init(_ attributes: [OktaAppAttribute]) {
        self.attributes = attributes
    }

    /// The attribute named `variableName`.
    public func attribute(_ variableName: String) -> OktaAppAttribute? {
        attributes.first { $0.variableName == variableName }
    }

    /// Okta's SCIM 2.0 template attributes (okta-behavior §2.4, §10.1; vendor copies S35).
    public static let scimTemplate = OktaAppProfile([
        OktaAppAttribute("givenName", externalName: "name.givenName"),
        OktaAppAttribute("familyName", externalName: "name.familyName"),
        OktaAppAttribute("email", externalName: "emails.^[primary==true].value"),
        OktaAppAttribute("primaryEmailType", externalName: "emails.^[primary==true].type"),
        OktaAppAttribute("displayName", externalName: "displayName"),
        OktaAppAttribute("locale", externalName: "locale"),
    ])

    /// The template plus NinjaOne's group-scoped extension attributes (okta-behavior §13; the variable names
    /// `ninja_group_userType` and `ninja_group_organizationId` are inferred).
    public static let ninjaOne = OktaAppProfile(
        scimTemplate.attributes + [
            OktaAppAttribute(
                "ninja_group_userType", externalName: "userType", namespace: SCIMURN.ninjaOneUser, scope: .group),
            OktaAppAttribute(
                "ninja_group_organizationId", externalName: "organizationId", namespace: SCIMURN.ninjaOneUser,
                scope: .group),
        ])
}
