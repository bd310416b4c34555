import SCIMCheckKit

extension Catalog {
    /// The built-in catalog, in run order: Okta lifecycle, Okta OIN SPEC test, Okta mappings, Okta Push Groups,
    /// RFC core, RFC extended, NinjaOne. NinjaOne comes last: its token lifecycle ends the run's SCIM token.
    public static let builtIn = Catalog {
        Suite.oktaLifecycle
        Suite.oktaOINSpec
        Suite.oktaMappings
        Suite.oktaPushGroups
        Suite.rfcCore
        Suite.rfcExtended
        Suite.ninjaOne
    }
}
