import SCIMCore

/// A resource type the server serves (RFC 7643 §6): its endpoint, core schema and extensions, and the resolution
/// of attribute paths against them, which filters, PATCH, sorting and projection share.
struct SCIMResourceType: Sendable, Hashable {
    /// The resource type's name, also `meta.resourceType`: `User` or `Group`.
    var name: String
    /// The endpoint relative to the base URL, with a leading slash (RFCX-10).
    var endpoint: String
    /// The description served by `/ResourceTypes`.
    var description: String
    /// The core schema.
    var core: ResourceSchema
    /// The extension schemas a resource may carry; none is required.
    var extensions: [ResourceSchema]

    /// Users: core User with the enterprise and NinjaOne extensions.
    static let user = SCIMResourceType(
        name: "User", endpoint: "/Users", description: "User Account", core: UserSchemas.core,
        extensions: UserSchemas.extensions)
    /// Groups: core Group, no extension.
    static let group = SCIMResourceType(
        name: "Group", endpoint: "/Groups", description: "Group", core: GroupSchemas.core, extensions: [])

    /// The URL of the resource `id` of this type below the SCIM base URL: `Location` and `meta.location`.
    func location(base: String, id: String) -> String {
        "\(base)\(endpoint)/\(id)"
    }

    /// The `meta` of a stored resource of this type (RFC 7643 §3.1): `resourceType`, `created`, `lastModified`,
    /// `location` and `version` (the ETag).
    func meta(of record: some StoredRecord, base: String) -> JSONObject {
        var meta = JSONObject()
        meta["resourceType"] = .string(name)
        meta["created"] = .string(record.created.rfc3339)
        meta["lastModified"] = .string(record.lastModified.rfc3339)
        meta["location"] = .string(location(base: base, id: record.id))
        meta["version"] = .string(record.entityTag)
        return meta
    }

    /// Every resource type, in the order `/ResourceTypes` lists them.
    static let all = [user, group]

    /// Every schema the server serves, in the order `/Schemas` lists them (message schemas never, GEN-11).
    static let allSchemas = [UserSchemas.core, UserSchemas.enterprise, UserSchemas.ninjaOne, GroupSchemas.core]

    /// The extension named `urn`, ignoring case.
    func extensionSchema(_ urn: String) -> ResourceSchema? {
        extensions.first { $0.isNamed(urn) }
    }

    /// The ResourceType resource served by `/ResourceTypes` (RFC 7643 §6, §8.6).
    func resource(base: String) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMURN.resourceType)]
        object["id"] = .string(name)
        object["name"] = .string(name)
        object["endpoint"] = .string(endpoint)
        object["description"] = .string(description)
        object["schema"] = .string(core.id)
        if !extensions.isEmpty {
            object["schemaExtensions"] = .array(
                extensions.map { ["schema": .string($0.id), "required": false] })
        }
        object["meta"] = ["resourceType": "ResourceType", "location": .string("\(base)/ResourceTypes/\(name)")]
        return .object(object)
    }

    /// Resolves an attribute path against this type's schemas; `nil` when it names nothing the type defines.
    ///
    /// Names and URNs match ignoring case (RFC 7644 §3.10). An unqualified name is a common attribute or a core
    /// one; a URN prefix selects the core schema or an extension. A path equal to an extension URN is the whole
    /// extension object (PATCH-38). With `schema.dotExtensionSeparator`, `urn:…:User.employeeNumber` is read as
    /// `urn:…:User:employeeNumber` (IOP-E08).
    func resolve(_ path: AttributePath, profile: ServerProfile) -> ResolvedPath? {
        if let schema = path.schema {
            if core.isNamed(schema) {
                return resolveTopLevel(name: path.name, sub: path.subAttribute)
            }
            if let ext = extensionSchema(schema) {
                guard let attribute = ext.attribute(named: path.name) else { return nil }
                return Self.withSub(container: ext.id, attribute: attribute, sub: path.subAttribute)
            }
            let joined = "\(schema):\(path.name)"
            if let ext = extensionSchema(joined) {
                guard let sub = path.subAttribute else { return .extensionContainer(ext) }
                // `urn:…:User.employeeNumber` (IOP-E08).
                guard profile.allows(.schemaDotExtensionSeparator), let attribute = ext.attribute(named: sub) else {
                    return nil
                }
                return .attribute(ResolvedAttribute(container: ext.id, attribute: attribute, subAttribute: nil))
            }
            if core.isNamed(joined), let sub = path.subAttribute, profile.allows(.schemaDotExtensionSeparator) {
                return resolveTopLevel(name: sub, sub: nil)
            }
            return nil
        }
        return resolveTopLevel(name: path.name, sub: path.subAttribute)
    }

    /// A common attribute or a core one.
    private func resolveTopLevel(name: String, sub: String?) -> ResolvedPath? {
        guard let attribute = CommonAttributes.named(name) ?? core.attribute(named: name) else { return nil }
        return Self.withSub(container: nil, attribute: attribute, sub: sub)
    }

    private static func withSub(container: String?, attribute: SchemaAttribute, sub: String?) -> ResolvedPath? {
        guard let sub else {
            return .attribute(ResolvedAttribute(container: container, attribute: attribute, subAttribute: nil))
        }
        guard attribute.isComplex, let subAttribute = attribute.subAttribute(named: sub) else { return nil }
        return .attribute(ResolvedAttribute(container: container, attribute: attribute, subAttribute: subAttribute))
    }
}

/// What an attribute path names: one attribute (maybe a sub-attribute), or a whole extension object.
enum ResolvedPath: Sendable, Hashable {
    case attribute(ResolvedAttribute)
    case extensionContainer(ResourceSchema)
}

/// An attribute path resolved against a schema, with canonical names.
struct ResolvedAttribute: Sendable, Hashable, CustomStringConvertible {
    /// The extension URN whose object holds the attribute, or `nil` for core and common attributes.
    var container: String?
    /// The top-level attribute.
    var attribute: SchemaAttribute
    /// The sub-attribute, when the path names one.
    var subAttribute: SchemaAttribute?

    /// The attribute the path ends at: the sub-attribute if any, else the attribute.
    var leaf: SchemaAttribute { subAttribute ?? attribute }

    /// The canonical path text, such as `name.familyName` or `urn:…:enterprise:2.0:User:manager.value`.
    var description: String {
        (container.map { "\($0):" } ?? "") + attribute.name + (subAttribute.map { ".\($0.name)" } ?? "")
    }
}

extension JSONObject {
    /// The member named `key`: the exact spelling first, then ignoring case (stored names are canonical, but
    /// attributes the server does not model keep the client's spelling).
    func value(forAttribute key: String) -> JSONValue? {
        if let exact = self[key] { return exact }
        return member(caseInsensitive: key)?.value
    }

    /// The member's actual key for `key`, ignoring case, or `key` itself when absent.
    func storedKey(forAttribute key: String) -> String {
        if self[key] != nil { return key }
        return member(caseInsensitive: key)?.key ?? key
    }
}
