import SCIMCore

/// Computes what Okta sends for a user: the app-user values from mappings, assignments and overrides,
/// and the SCIM JSON they become (okta-behavior §2.4, §10, §11). A pure value, so previews use it too.
public struct OktaProfileMapper: Sendable {
    /// The app: profile, mappings, assignments.
    public var app: OktaApp
    /// The org: users' groups for group assignments and group functions.
    public var org: OktaOrg
    /// The engine settings (extension URNs in `schemas`, `externalId` on create).
    public var settings: OktaSettings

    /// Creates a mapper over a snapshot of the app and org.
    public init(app: OktaApp, org: OktaOrg, settings: OktaSettings) {
        self.app = app
        self.org = org
        self.settings = settings
    }

    /// The app-user values for `user`, by app variable name.
    ///
    /// Per attribute, the first that applies wins: a per-assignment override on the user's direct
    /// assignment; for group-scoped attributes, the value of the highest-priority assigned group the user
    /// belongs to that sets one; the mapping. On an update, create-only mappings keep `previous` values.
    /// Null and empty-string results are left out (Okta's handling of empty values is undocumented [I]).
    /// - Throws: ``OktaMappingError`` when an expression mapping fails.
    public func values(
        for user: OktaUser, creating: Bool, previous: [String: JSONValue] = [:]
    ) throws(OktaMappingError) -> [String: JSONValue] {
        let groupIDs = org.groupIDs(of: user.id)
        let groupAssignments = app.groupAssignments.filter { groupIDs.contains($0.groupID) }
        var values: [String: JSONValue] = [:]
        for attribute in app.profile.attributes {
            let name = attribute.variableName
            let value: JSONValue?
            if let override = app.userAssignments[user.id]?[name] {
                value = override
            } else if attribute.scope == .group, let groupValue = Self.groupValue(of: attribute, groupAssignments) {
                value = groupValue
            } else if let mapping = app.mappings[name] {
                if !creating, mapping.applyOn == .create {
                    value = previous[name]
                } else {
                    value = try mappedValue(
                        mapping.source, attribute: name, user: user, appValues: values, groupIDs: groupIDs)
                }
            } else {
                value = nil
            }
            if let value, value != .null, value != .string("") { values[name] = value }
        }
        return values
    }

    /// The value group assignments give `attribute`: the highest-priority group's, or with "Combine values
    /// across groups" the union of every group's values (arrays flattened, duplicates dropped) in priority order.
    static func groupValue(of attribute: OktaAppAttribute, _ assignments: [OktaApp.GroupAssignment]) -> JSONValue? {
        let values = assignments.compactMap { $0.values[attribute.variableName] }
        guard attribute.combinesGroupValues else { return values.first }
        var combined: [JSONValue] = []
        for element in values.flatMap({ $0.arrayValue ?? [$0] }) where !combined.contains(element) {
            combined.append(element)
        }
        return combined.isEmpty ? nil : .array(combined)
    }

    private func mappedValue(
        _ source: OktaMapping.Source, attribute: String, user: OktaUser, appValues: [String: JSONValue],
        groupIDs: [String]
    ) throws(OktaMappingError) -> JSONValue? {
        switch source {
        case .sameValue(let value): return value
        case .profile(let name): return user.profile[name]
        case .expression(let expression):
            let context = OktaExpressionContext(
                user: Dictionary(
                    uniqueKeysWithValues: user.profile.compactMap { key, value in
                        OktaValue(jsonValue: value).map { (key, $0) }
                    }),
                appUser: appValues.compactMapValues { OktaValue(jsonValue: $0) },
                app: ["name": .string(app.name)],
                groupNames: groupIDs.compactMap { org.groups[$0]?.name },
                groupIDs: groupIDs)
            do throws(OktaExpressionError) {
                let value = try OktaExpression(expression).evaluate(in: context)
                return value.isNull ? nil : value.jsonValue
            } catch {
                throw OktaMappingError(attribute: attribute, error: error)
            }
        }
    }

    /// Writes app-user `values` into a SCIM resource at each attribute's external name and namespace;
    /// attributes without a namespace are never written (okta-behavior §10.1). With `only`, writes just
    /// those variables (an update applies only what changed).
    public func write(_ values: [String: JSONValue], into resource: inout JSONObject, only: Set<String>? = nil) {
        for attribute in app.profile.attributes {
            guard let namespace = attribute.externalNamespace, only?.contains(attribute.variableName) ?? true,
                let path = OktaAttributePath(attribute.externalName)
            else { continue }
            let value = values[attribute.variableName] ?? .null
            guard only != nil || value != .null else { continue }
            if namespace == SCIMURN.coreUser {
                path.write(value, into: &resource)
            } else {
                let key = resource.member(caseInsensitive: namespace)?.key ?? namespace
                var extensionObject = resource[key]?.objectValue ?? JSONObject()
                path.write(value, into: &extensionObject)
                resource[key] = .object(extensionObject)
            }
        }
    }

    /// The body of Okta's `POST /Users` (okta-behavior §2.4, simulator requirement 8): `schemas` (with
    /// extension URNs per `extension-schemas`), `userName`, the mapped attributes, `externalId` = the Okta
    /// user id (per `post-external-id`), `groups: []`, the placeholder `password`, `active: true`.
    public func createBody(for user: OktaUser, values: [String: JSONValue], password: String) -> JSONObject {
        var mapped = JSONObject()
        write(values, into: &mapped)
        var body = JSONObject()
        let extensions = mapped.keys.filter { $0.hasPrefix("urn:") }
        body["schemas"] = .array(
            [.string(SCIMURN.coreUser)] + (settings.extensionSchemas ? extensions.map { .string($0) } : []))
        body["userName"] = .string(user.login)
        for (key, value) in mapped { body[key] = value }
        if settings.postExternalID { body["externalId"] = .string(user.id) }
        body["groups"] = []
        body["password"] = .string(password)
        body["active"] = true
        return body
    }
}

/// A mapping expression that could not be evaluated for a user.
public struct OktaMappingError: Error, Sendable, CustomStringConvertible {
    /// The app attribute whose mapping failed.
    public var attribute: String
    /// The expression's error, with its position.
    public var error: OktaExpressionError

    public var description: String { "the mapping of \(attribute) failed: \(error)" }
}
