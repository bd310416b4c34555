import SCIMCheckHTTP

/// A named switch of the Okta engine (`--okta-option NAME=VALUE`), for shapes the research marks
/// inferred or that Okta changed over time (DESIGN §8.9, §8.11).
public struct OktaOption: Sendable, Hashable {
    /// The option's name.
    public let name: String
    /// The values it accepts; the first is the default.
    public let values: [String]
    /// What it switches, in a sentence.
    public let summary: String
    /// Whether Okta's behaviour behind the default is inferred rather than verified.
    public let inferred: Bool
    /// Where the research discusses it.
    public let reference: String

    /// The default value.
    public var defaultValue: String { values[0] }

    /// Every option the engine knows, in the order `scimcheck list --okta-options` prints them.
    public static let all: [OktaOption] = [
        app, filterSpaces, testCredentialsGroups, postExternalID, extensionSchemas, passwordPatch, groupRenameGet,
        groupCreateMembers, acceptEncoding,
    ]

    /// The app kind: `oin` (PATCH for status, password and groups) or `aiw` (PUT for everything).
    public static let app = OktaOption(
        name: "app", values: ["oin", "aiw"],
        summary: "app kind: oin sends PATCH for activate/deactivate/password/groups, aiw sends PUT for everything",
        inferred: false, reference: "okta-behavior §0")

    /// How spaces in `filter` queries are encoded: `%20` (current client) or `+` (2018 client).
    public static let filterSpaces = OktaOption(
        name: "filter-spaces", values: ["%20", "+"],
        summary: "space encoding in filter queries: %20 (Okta today) or + (Okta's 2018 client)",
        inferred: false, reference: "okta-behavior §2.2")

    /// Whether Test API Credentials also lists groups (`GET /Groups?startIndex=1&count=100`).
    public static let testCredentialsGroups = OktaOption(
        name: "test-credentials-groups", values: ["off", "on"],
        summary: "Test API Credentials also sends GET /Groups?startIndex=1&count=100 (Okta does when Push Groups "
            + "is on; verified for SCIM 1.1, inferred for 2.0)",
        inferred: true, reference: "okta-behavior §1.1")
}

extension OktaOption {
    /// Whether the create POST carries `externalId` = the Okta user id (S1 shows it in one example, not the other).
    public static let postExternalID = OktaOption(
        name: "post-external-id", values: ["on", "off"],
        summary: "the create POST carries externalId = the Okta user id (00u…)", inferred: true,
        reference: "okta-behavior §2.4")

    /// Whether extension URNs that carry attributes are listed in `schemas`.
    public static let extensionSchemas = OktaOption(
        name: "extension-schemas", values: ["on", "off"],
        summary: "extension URNs whose attributes are sent are added to schemas", inferred: true,
        reference: "okta-behavior §10.1")

    /// The shape of the password-sync PATCH (OIN apps): a value object or a `password` path.
    public static let passwordPatch = OktaOption(
        name: "password-patch", values: ["value", "path"],
        summary: "password sync PATCH: {\"op\":\"replace\",\"value\":{\"password\":…}} or "
            + "{\"op\":\"replace\",\"path\":\"password\",\"value\":…}",
        inferred: true, reference: "okta-behavior §6")

    /// Whether the group rename PATCH is preceded by `GET /Groups/{id}` (seen in a field capture).
    public static let groupRenameGet = OktaOption(
        name: "group-rename-get", values: ["off", "on"],
        summary: "GET /Groups/{id} before the rename PATCH that follows a membership change", inferred: true,
        reference: "okta-behavior §7.4")

    /// Whether a pushed group is created with `members: []` (today's docs) or its members inline (2018 sample).
    public static let groupCreateMembers = OktaOption(
        name: "group-create-members", values: ["empty", "inline"],
        summary: "POST /Groups with members: [] then a membership PATCH, or with the members inline (Okta's 2018 "
            + "sample)",
        inferred: false, reference: "okta-behavior §7.3")

    /// Whether requests carry `Accept-Encoding: gzip,deflate`, as Okta's 2018 capture shows; the transport
    /// then decodes compressed answers so bodies stay readable (DESIGN §8.12).
    public static let acceptEncoding = OktaOption(
        name: "accept-encoding", values: ["off", "on"],
        summary: "send Accept-Encoding: gzip,deflate (Okta's 2018 capture); compressed answers are decoded",
        inferred: false, reference: "okta-behavior §8")
}

/// The engine's settings resolved from a run's `--okta-app` and `--okta-option` values.
public struct OktaSettings: Sendable, Hashable {
    /// The app kind.
    public var app: OktaAppKind
    /// How filter queries encode spaces.
    public var filterSpaces: URLQuery.SpaceEncoding
    /// Whether Test API Credentials also lists groups.
    public var testCredentialsGroups: Bool
    /// Whether the create POST carries `externalId`.
    public var postExternalID: Bool
    /// Whether extension URNs are added to `schemas`.
    public var extensionSchemas: Bool
    /// Whether the password PATCH uses a `password` path instead of a value object.
    public var passwordPatchUsesPath: Bool
    /// Whether the rename PATCH is preceded by a GET of the group.
    public var groupRenameGet: Bool
    /// Whether a pushed group is created with its members inline instead of `members: []`.
    public var groupCreateMembersInline: Bool
    /// Whether requests carry `Accept-Encoding: gzip,deflate`.
    public var acceptEncoding: Bool

    /// The settings with every option at its default.
    public init() {
        self.app = .oin
        self.filterSpaces = .percent20
        self.testCredentialsGroups = false
        self.postExternalID = true
        self.extensionSchemas = true
        self.passwordPatchUsesPath = false
        self.groupRenameGet = false
        self.groupCreateMembersInline = false
        self.acceptEncoding = false
    }

    /// Resolves `values` (option name → value); missing options take their defaults.
    /// - Throws: ``OktaSettingsError`` for an unknown name or a value the option does not accept.
    public init(_ values: [String: String]) throws(OktaSettingsError) {
        self.init()
        for (name, value) in values {
            guard let option = OktaOption.all.first(where: { $0.name == name }) else {
                throw OktaSettingsError(
                    message:
                        "unknown Okta option '\(name)'; known: \(OktaOption.all.map(\.name).joined(separator: ", "))")
            }
            guard option.values.contains(value) else {
                throw OktaSettingsError(
                    message: "Okta option '\(name)' accepts \(option.values.joined(separator: " or ")), not '\(value)'")
            }
            switch option {
            case .app: app = OktaAppKind(rawValue: value) ?? .oin
            case .filterSpaces: filterSpaces = value == "+" ? .plus : .percent20
            case .testCredentialsGroups: testCredentialsGroups = value == "on"
            case .postExternalID: postExternalID = value == "on"
            case .extensionSchemas: extensionSchemas = value == "on"
            case .passwordPatch: passwordPatchUsesPath = value == "path"
            case .groupRenameGet: groupRenameGet = value == "on"
            case .groupCreateMembers: groupCreateMembersInline = value == "inline"
            default: acceptEncoding = value == "on"
            }
        }
    }

    /// Every option with the value in force, defaults included, as the report records them.
    public static func effective(_ values: [String: String]) -> [String: String] {
        var effective = Dictionary(uniqueKeysWithValues: OktaOption.all.map { ($0.name, $0.defaultValue) })
        effective.merge(values) { $1 }
        return effective
    }
}

/// An `--okta-option` that cannot be used.
public struct OktaSettingsError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what is accepted.
    public let message: String
    public var description: String { message }
}
