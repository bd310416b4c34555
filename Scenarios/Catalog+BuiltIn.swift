import SCIMCheckKit

extension Catalog {
    /// The built-in catalog, in run order: Okta lifecycle, Okta OIN SPEC test, Okta Push Groups, RFC core.
    public static let builtIn = Catalog {
        Suite.oktaLifecycle
        Suite.oktaOINSpec
        Suite.oktaPushGroups
        Suite.rfcCore
    }
}
