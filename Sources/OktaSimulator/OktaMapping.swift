import SCIMCore

/// An Okta-to-app mapping for one app attribute (okta-behavior §10.2).
public struct OktaMapping: Sendable, Hashable {
    /// Where the value comes from.
    public enum Source: Sendable, Hashable {
        /// "Same value for all users".
        case sameValue(JSONValue)
        /// "Map from Okta Profile": an Okta user profile attribute, such as `firstName`.
        case profile(String)
        /// An Okta Expression Language expression, such as `user.firstName + " " + user.lastName`.
        case expression(String)
    }

    /// When the mapping applies.
    public enum ApplyOn: String, Sendable, Hashable {
        /// "Apply mapping on user create only".
        case create
        /// "Apply mapping on user create and update".
        case createAndUpdate
    }

    /// Where the value comes from.
    public var source: Source
    /// When it applies.
    public var applyOn: ApplyOn

    /// Creates a mapping; by default it applies on create and update.
    public init(_ source: Source, applyOn: ApplyOn = .createAndUpdate) {
        self.source = source
        self.applyOn = applyOn
    }

    /// The template's default mappings (okta-behavior §10.3, S35): names from the profile, the email type
    /// from Okta's default expression.
    public static let scimTemplateDefaults: [String: OktaMapping] = [
        "givenName": OktaMapping(.profile("firstName")),
        "familyName": OktaMapping(.profile("lastName")),
        "email": OktaMapping(.profile("email")),
        "primaryEmailType": OktaMapping(.expression("(user.email != null && user.email != '') ? 'work' : ''")),
        "displayName": OktaMapping(.profile("displayName")),
        "locale": OktaMapping(.profile("locale")),
    ]
}
