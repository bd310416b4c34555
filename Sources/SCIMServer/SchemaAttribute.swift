/// One attribute definition of a SCIM schema (RFC 7643 §7), used to read input and, later, to serve `/Schemas`.
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
}
