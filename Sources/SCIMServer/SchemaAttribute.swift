import SCIMCore

/// One attribute definition of a SCIM schema (RFC 7643 §7): it drives input reading, filters, PATCH, projection
/// and the `/Schemas` documents, so what the server advertises is what it does.
struct SchemaAttribute: Sendable, Hashable {
    /// The data types of RFC 7643 §2.3 (`binary` per §2.3.6, RFCX-9).
    enum Kind: String, Sendable, Hashable {
        case string, boolean, decimal, integer, dateTime, reference, binary, complex
    }

    /// RFC 7643 §7 `mutability`.
    enum Mutability: String, Sendable, Hashable {
        case readOnly, readWrite, immutable, writeOnly
    }

    /// RFC 7643 §7 `returned`.
    enum Returned: String, Sendable, Hashable {
        case always, never, `default`, request
    }

    /// RFC 7643 §7 `uniqueness`.
    enum Uniqueness: String, Sendable, Hashable {
        case none, server, global
    }

    var name: String
    var kind: Kind
    var multiValued = false
    var description: String
    var required = false
    var caseExact = false
    var mutability = Mutability.readWrite
    var returned = Returned.default
    var uniqueness = Uniqueness.none
    var canonicalValues: [String] = []
    var referenceTypes: [String] = []
    var subAttributes: [SchemaAttribute] = []
    /// Accept a JSON array of strings as well as a string (NinjaOne's `organizationId`, DESIGN §8.3).
    var acceptsStringArray = false
    /// Accept a bare string for a complex attribute, read as `{"value": …}` (Entra's `manager`, IOP-E06).
    var acceptsBareValue = false

    /// The sub-attribute named `name`, ignoring case (RFC 7643 §2.1).
    func subAttribute(named name: String) -> SchemaAttribute? {
        let lowered = name.lowercased()
        return subAttributes.first { $0.name.lowercased() == lowered }
    }

    /// Whether values of this attribute are complex (JSON objects).
    var isComplex: Bool { kind == .complex }

    /// The attribute definition as `/Schemas` shows it (RFC 7643 §7, checklist DISC-11).
    var definition: JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        object["type"] = .string(kind.rawValue)
        object["multiValued"] = .bool(multiValued)
        object["description"] = .string(description)
        object["required"] = .bool(required)
        if kind == .string || kind == .reference || kind == .binary {
            object["caseExact"] = .bool(caseExact)
        }
        if !canonicalValues.isEmpty {
            object["canonicalValues"] = .array(canonicalValues.map(JSONValue.string))
        }
        if kind == .reference {
            object["referenceTypes"] = .array(referenceTypes.map(JSONValue.string))
        }
        object["mutability"] = .string(mutability.rawValue)
        object["returned"] = .string(returned.rawValue)
        object["uniqueness"] = .string(uniqueness.rawValue)
        if kind == .complex {
            object["subAttributes"] = .array(subAttributes.map(\.definition))
        }
        return .object(object)
    }
}

/// A schema: its URN, name and attributes (RFC 7643 §7).
struct ResourceSchema: Sendable, Hashable {
    var id: String
    var name: String
    var description: String
    var attributes: [SchemaAttribute]

    /// The attribute named `name`, ignoring case (RFC 7643 §2.1).
    func attribute(named name: String) -> SchemaAttribute? {
        let lowered = name.lowercased()
        return attributes.first { $0.name.lowercased() == lowered }
    }

    /// Whether `urn` names this schema (URNs compare ignoring case, RFC 7644 §3.10).
    func isNamed(_ urn: String) -> Bool {
        id.lowercased() == urn.lowercased()
    }

    /// The Schema resource served by `/Schemas` (RFC 7643 §7, §8.7): definition plus `meta`.
    func resource(base: String) -> JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMURN.schema)]
        object["id"] = .string(id)
        object["name"] = .string(name)
        object["description"] = .string(description)
        object["attributes"] = .array(attributes.map(\.definition))
        object["meta"] = ["resourceType": "Schema", "location": .string("\(base)/Schemas/\(id)")]
        return .object(object)
    }
}

/// The common attributes every resource has (RFC 7643 §3.1): not part of any schema's attribute list, but they
/// can be filtered on, sorted by, projected and (for `externalId`) written.
enum CommonAttributes {
    static let id = SchemaAttribute(
        name: "id", kind: .string, description: "A unique identifier for a SCIM resource, assigned by the server.",
        caseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server)
    static let externalId = SchemaAttribute(
        name: "externalId", kind: .string, description: "An identifier for the resource, issued by the client.",
        caseExact: true)
    static let schemas = SchemaAttribute(
        name: "schemas", kind: .reference, multiValued: true, description: "The schemas of the resource.",
        returned: .always)
    static let meta = SchemaAttribute(
        name: "meta", kind: .complex, description: "Resource metadata.", mutability: .readOnly,
        subAttributes: [
            SchemaAttribute(
                name: "resourceType", kind: .string, description: "The name of the resource type.", caseExact: true,
                mutability: .readOnly),
            SchemaAttribute(
                name: "created", kind: .dateTime, description: "When the resource was added.", mutability: .readOnly),
            SchemaAttribute(
                name: "lastModified", kind: .dateTime, description: "When the resource was last updated.",
                mutability: .readOnly),
            SchemaAttribute(
                name: "location", kind: .reference, description: "The URI of the resource.", caseExact: true,
                mutability: .readOnly, referenceTypes: ["uri"]),
            SchemaAttribute(
                name: "version", kind: .string, description: "The version (entity tag) of the resource.",
                caseExact: true, mutability: .readOnly),
        ])

    /// `id`, `externalId`, `schemas` and `meta`.
    static let all = [id, externalId, schemas, meta]

    /// The common attribute named `name`, ignoring case.
    static func named(_ name: String) -> SchemaAttribute? {
        let lowered = name.lowercased()
        return all.first { $0.name.lowercased() == lowered }
    }
}
