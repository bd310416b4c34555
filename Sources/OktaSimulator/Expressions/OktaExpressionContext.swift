/// What an Okta expression can read: the user's profile, the app user, the app, the org and groups.
///
/// Okta's references (okta-behavior.md §10.3, S12): `user.$attribute` (the Okta user profile),
/// `appuser.$attribute` (the in-context app user), `app.$attribute` (app instance properties, for
/// example `app.subdomain`) and `org.$attribute` (`org.name`, `org.subdomain`). `source.$attribute` is
/// "the object on the left" of a mapping (S31); in the Okta → app mappings this simulator evaluates
/// that is the Okta user, so `source` reads ``user``. An attribute that a known object lacks reads as
/// `null`.
public struct OktaExpressionContext: Sendable {
    /// The Okta user profile (`user.*` and `source.*`): `login`, `email`, `firstName`, `lastName`,
    /// `displayName`, `locale`, `userType`, `title`, `department`, custom attributes…
    public var user: [String: OktaValue]
    /// The app user profile (`appuser.*`, also written `appUser.*`).
    public var appUser: [String: OktaValue]
    /// The app instance properties (`app.*`).
    public var app: [String: OktaValue]
    /// The org properties (`org.*`).
    public var org: [String: OktaValue]
    /// The names of the Okta groups the user belongs to (for `isMemberOfGroupName` and friends).
    public var groupNames: [String]
    /// The ids (`00g…`) of the Okta groups the user belongs to (for `isMemberOfGroup`, `isMemberOfAnyGroup`).
    public var groupIDs: [String]
    /// How `null` reads when it is concatenated to a string with `+` (default: `"null"`, as SpEL does).
    public var nullConcatenation: OktaNullConcatenation

    /// Creates a context; everything defaults to empty.
    public init(
        user: [String: OktaValue] = [:],
        appUser: [String: OktaValue] = [:],
        app: [String: OktaValue] = [:],
        org: [String: OktaValue] = [:],
        groupNames: [String] = [],
        groupIDs: [String] = [],
        nullConcatenation: OktaNullConcatenation = .nullText
    ) {
        self.user = user
        self.appUser = appUser
        self.app = app
        self.org = org
        self.groupNames = groupNames
        self.groupIDs = groupIDs
        self.nullConcatenation = nullConcatenation
    }

    /// The value of `object.name`; `null` when the object has no such attribute.
    public func value(of object: OktaExpressionObject, _ name: String) -> OktaValue {
        let profile =
            switch object {
            case .user: user
            case .appUser: appUser
            case .app: app
            case .org: org
            }
        return profile[name] ?? .null
    }
}

/// How `null` reads when `+` concatenates it to a string.
///
/// Okta documents no rule. Okta's language is SpEL-based (S12), and SpEL's `OpPlus` appends the text
/// `"null"` (`"a" + null` is `"anull"`; spring-framework `OpPlus.java`), which is the default. The
/// alternative, reading `null` as an empty string, is an inferred hypothesis the simulator can switch on.
public enum OktaNullConcatenation: String, Sendable, Hashable, Codable {
    /// `"a" + null` is `"anull"` (SpEL's behaviour; the default).
    case nullText
    /// `"a" + null` is `"a"`.
    case emptyString

    var text: String {
        switch self {
        case .nullText: "null"
        case .emptyString: ""
        }
    }
}

/// The objects an expression can name before a dot.
public enum OktaExpressionObject: String, Sendable, Hashable, Codable, CaseIterable {
    /// `user` (and its alias `source`): the Okta user profile.
    case user
    /// `appuser` (also `appUser`): the in-context app user profile.
    case appUser = "appuser"
    /// `app`: the in-context app instance.
    case app
    /// `org`: the Okta org.
    case org
}

/// One `object.attribute` an expression reads, so a mapping knows which profile changes affect it.
public struct OktaAttributeReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The object (`user`, `appuser`, `app`, `org`).
    public var object: OktaExpressionObject
    /// The attribute's variable name, exactly as written.
    public var name: String

    /// Creates a reference.
    public init(object: OktaExpressionObject, name: String) {
        self.object = object
        self.name = name
    }

    /// `object.name`, for example `user.email`.
    public var description: String { "\(object.rawValue).\(name)" }
}
