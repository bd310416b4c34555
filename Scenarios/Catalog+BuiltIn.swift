import SCIMCheckKit

extension Catalog {
    /// The built-in catalog, in run order: Okta's connection check and lifecycle, then Okta's OIN SPEC test.
    public static let builtIn = Catalog {
        Suite.oktaLifecycle
        Suite.oktaOINSpec
    }
}
