/// How strictly the reference server reads what clients send: a set of named lenient behaviours.
///
/// DESIGN §8.1: the server defaults to the ``compatible`` profile, which accepts what NinjaOne must accept from Okta
/// and Microsoft Entra ID (rfc-checklist §21.1); ``rfcStrict`` turns the lenient flags off. Each flag is named as
/// in the checklist (`patch.booleanStrings`, …) so a command line can switch them one by one:
///
/// ```swift
/// var profile = ServerProfile.rfcStrict
/// profile[.patchOpCaseInsensitive] = true
/// ```
///
/// Neither profile is ever stricter than the RFCs (rfc-checklist §22): `application/json` bodies are accepted in
/// both (RFC 7644 §3.8 says servers SHOULD), and so is a `remove` of an absent member (RFCX-12).
public struct ServerProfile: Sendable, Hashable, CustomStringConvertible {
    /// One lenient behaviour; the raw value is the checklist's flag name.
    public enum Flag: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// PATCH `op` matched ignoring case: `Add`, `Replace`, `Remove` (IOP-E01).
        case patchOpCaseInsensitive = "patch.opCaseInsensitive"
        /// `"True"`, `"false"`… read as booleans for boolean attributes, in PATCH, POST, PUT and filters (IOP-E02).
        case patchBooleanStrings = "patch.booleanStrings"
        /// `remove` on a multi-valued path with a `value` list removes only the listed values (IOP-E03).
        case patchRemoveMembersByValue = "patch.removeMembersByValue"
        /// Keys of a path-less `add`/`replace` value may be dotted or URN-qualified paths (IOP-E04).
        case patchDottedKeysInPathlessValue = "patch.dottedKeysInPathlessValue"
        /// `add`/`replace` on `emails[type eq "work"].value` creates the element when nothing matches (IOP-E05).
        case patchUpsertOnValuePathMiss = "patch.upsertOnValuePathMiss"
        /// A path-less `replace` may carry read-only attributes (Okta's group rename sends `id`); they are ignored
        /// (IOP-O02). Without the flag they are ignored only when equal to the current value.
        case patchIgnoreReadOnlyEqual = "patch.ignoreReadOnlyEqual"
        /// A PATCH body without `schemas` is accepted (PATCH-02).
        case patchSchemasOptional = "patch.schemasOptional"
        /// `"manager": "<id>"` read as `{"value": "<id>"}` (IOP-E06).
        case schemaManagerAsString = "schema.managerAsString"
        /// `urn:…:enterprise:2.0:User.employeeNumber` read as `urn:…:enterprise:2.0:User:employeeNumber` (IOP-E08).
        case schemaDotExtensionSeparator = "schema.dotExtensionSeparator"
        /// Unknown URIs in `schemas` are dropped instead of refused (IOP-E09, CRT-13); extension objects the server
        /// does not model are kept as provisioned instead of refused (SCH-21).
        case schemaIgnoreUnknownSchemaURIs = "schema.ignoreUnknownSchemaUris"
        /// Attributes the schemas do not define are kept as provisioned instead of dropped (SCH-21).
        case schemaKeepUnknownAttributes = "schema.keepUnknownAttributes"
        /// Filters of Entra's form `emails[type eq "work"].value eq "x"` (IOP-E11, FILT-38, RFCX-5).
        case filterValuePathSubAttrCompare = "filter.valuePathSubAttrCompare"
        /// Media-type parameters such as `charset=utf-8` accepted on request bodies (GEN-06, IOP-O10).
        case httpLenientContentType = "http.lenientContentType"

        public var description: String { rawValue }
    }

    /// The profile's name, such as `compatible` or `rfc-strict`.
    public var name: String
    /// The lenient behaviours that are on.
    public var enabled: Set<Flag>

    /// Creates a profile with exactly the `enabled` flags.
    public init(name: String, enabled: Set<Flag>) {
        self.name = name
        self.enabled = enabled
    }

    /// Every lenient flag on: what Okta and Entra ID need (the default, DESIGN §8.1).
    public static let compatible = ServerProfile(name: "compatible", enabled: Set(Flag.allCases))

    /// The RFC as written: every lenient flag off but `patch.opCaseInsensitive`, which the RFC never makes
    /// case-sensitive (rfc-checklist §21.1 recommends it on in strict mode too).
    public static let rfcStrict = ServerProfile(name: "rfc-strict", enabled: [.patchOpCaseInsensitive])

    /// Whether `flag` is on; setting it switches it.
    public subscript(flag: Flag) -> Bool {
        get { enabled.contains(flag) }
        set {
            if newValue {
                enabled.insert(flag)
            } else {
                enabled.remove(flag)
            }
        }
    }

    /// Whether `flag` is on.
    public func allows(_ flag: Flag) -> Bool {
        enabled.contains(flag)
    }

    /// The profile named `name` (`compatible`, `rfc-strict`), ignoring case, or `nil`.
    public static func named(_ name: String) -> ServerProfile? {
        switch name.lowercased() {
        case "compatible": .compatible
        case "rfc-strict", "rfcstrict", "strict": .rfcStrict
        default: nil
        }
    }

    public var description: String {
        let flags = Flag.allCases.filter(enabled.contains).map(\.rawValue)
        return "\(name) [\(flags.joined(separator: ", "))]"
    }
}
