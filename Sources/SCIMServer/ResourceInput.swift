import Foundation
import SCIMCore

/// A resource body (POST, PUT, or a PATCH result) read against a resource type's schemas: names canonical, types
/// checked, read-only parts dropped.
///
/// Attribute names match case-insensitively and come out in the schema's spelling (RFC 7643 §2.1, checklist
/// GEN-10). `id`, `meta` and read-only attributes are ignored (RFC 7643 §3.1; CRT-05, CRT-08, CRT-16, PUT-06).
/// `null` and `[]` mean unassigned (RFC 7643 §2.5, GEN-13). What the server does not model follows the profile:
/// kept exactly as sent in the compatible profile (DESIGN §8.1), dropped or refused in the strict one (SCH-21).
struct ResourceInput: Sendable {
    /// The resource to store: `schemas` first, then the attributes in request order.
    var resource: JSONObject
    /// The cleartext password (Users only), to be hashed at once and never stored or logged.
    var password: String?

    /// Reads `body` as a resource of `type`.
    /// - Throws: ``SCIMError`` 400 `invalidValue` for missing required values and wrong types (ERR-06, CRT-10),
    ///   400 `invalidSyntax` for names that are not attribute names or repeat in another letter case.
    init(body: JSONObject, type: SCIMResourceType, profile: ServerProfile) throws {
        let reader = Reader(type: type, profile: profile)
        try Reader.checkDistinctNames(body, context: "the resource")
        let schemas = try reader.readSchemas(body)
        var resource = JSONObject()
        var password: String?
        var extensionURNs: [String] = []
        for (key, value) in body {
            let lowered = key.lowercased()
            if lowered == "schemas" || lowered == "id" || lowered == "meta" { continue }  // RFC 7643 §3.1
            if lowered == "password", let attribute = type.core.attribute(named: key),
                attribute.mutability == .writeOnly
            {
                // writeOnly, returned never (RFC 7643 §4.1.1); the caller hashes it (SEC-10).
                switch value {
                case .null: continue
                case .string(let text): password = text
                default: throw SCIMError.invalidValue("attribute 'password' must be a string, not \(value.typeName)")
                }
                continue
            }
            if lowered == "externalid" {
                // caseExact, issued by the client and stored verbatim (RFC 7643 §3.1, CRT-15).
                switch value {
                case .null: continue
                case .string: resource["externalId"] = value
                default:
                    throw SCIMError.invalidValue("attribute 'externalId' must be a string, not \(value.typeName)")
                }
                continue
            }
            if lowered.hasPrefix("urn:") {
                guard !type.core.isNamed(key) else {
                    throw SCIMError.invalidSyntax(
                        "core \(type.name) attributes are written at the top level, not under \(type.core.id)")
                }
                guard case .object(let container) = value else {
                    if value.isNull { continue }
                    throw SCIMError.invalidValue(
                        "the extension \(SCIMError.excerpt(key)) must be a JSON object of attributes, "
                            + "not \(value.typeName)")
                }
                if let schema = type.extensionSchema(key) {
                    let read = try reader.readContainer(container, schema: schema)
                    guard !read.isEmpty else { continue }
                    resource[schema.id] = .object(read)
                    extensionURNs.append(schema.id)
                } else if profile.allows(.schemaIgnoreUnknownSchemaURIs) {
                    // An extension the server does not model: kept exactly as provisioned (SCH-21, lenient).
                    try Reader.checkDistinctNames(container, context: key)
                    guard !container.isEmpty else { continue }
                    resource[key] = value
                    extensionURNs.append(key)
                } else {
                    throw SCIMError.invalidValue(
                        "the extension \(SCIMError.excerpt(key)) is not a schema of \(type.name) resources; "
                            + "see /Schemas and /ResourceTypes/\(type.name)")
                }
                continue
            }
            guard let attribute = type.core.attribute(named: key) else {
                guard Reader.isAttributeName(key) else {
                    throw SCIMError.invalidSyntax("\"\(SCIMError.excerpt(key))\" is not a valid attribute name")
                }
                if profile.allows(.schemaKeepUnknownAttributes) {
                    resource[key] = value  // not modelled by the server: kept as provisioned (SCH-21, lenient)
                }
                continue
            }
            guard attribute.mutability != .readOnly else { continue }  // e.g. groups: ignored on input (CRT-16)
            if let read = try reader.read(value, as: attribute, path: attribute.name) {
                resource[attribute.name] = read
            }
        }
        for attribute in type.core.attributes where attribute.required {
            guard let value = resource[attribute.name] else {
                throw SCIMError.invalidValue("attribute '\(attribute.name)' is required (\(type.name) schema)")
            }
            if case .string(let text) = value, text.trimmingSpaces.isEmpty {
                throw SCIMError.invalidValue("attribute '\(attribute.name)' must not be empty (\(type.name) schema)")
            }
        }

        var ordered = JSONObject()
        ordered["schemas"] = .array(
            Self.outputSchemas(type: type, requested: schemas, present: extensionURNs).map(JSONValue.string))
        for (key, value) in resource { ordered[key] = value }
        self.resource = ordered
        self.password = password
    }

    /// The stored `schemas`: the core URN, then each extension that has data, in canonical spelling (SCH-01, SCH-02).
    private static func outputSchemas(type: SCIMResourceType, requested: [String], present: [String]) -> [String] {
        var result = [type.core.id]
        let presentLowered = Set(present.map { $0.lowercased() })
        func add(_ urn: String) {
            let canonical = type.extensionSchema(urn)?.id ?? present.first { $0.lowercased() == urn.lowercased() }
            guard let canonical, !result.contains(where: { $0.lowercased() == canonical.lowercased() }) else { return }
            result.append(canonical)
        }
        for urn in requested where presentLowered.contains(urn.lowercased()) { add(urn) }
        for urn in present { add(urn) }
        return result
    }

}

/// The type checks and canonicalisation of ``ResourceInput``, for one resource type and profile.
private struct Reader {
    let type: SCIMResourceType
    let profile: ServerProfile

    /// Unassigned (`JSONValue` is expressible by `nil`, so a bare `nil` in a conditional could mean `null`).
    static let unassigned: JSONValue? = .none

    /// Reads `schemas`: a non-empty array of strings that includes the core URN (RFC 7643 §3, CRT-12).
    ///
    /// Without `schema.ignoreUnknownSchemaUris`, a URI that is neither the core schema nor a known extension is
    /// refused (CRT-13); with it, such URIs are dropped unless their extension object carries data.
    func readSchemas(_ body: JSONObject) throws -> [String] {
        guard let (_, value) = body.member(caseInsensitive: "schemas") else {
            throw SCIMError.invalidValue("attribute 'schemas' is required and must include \(type.core.id)")
        }
        guard case .array(let elements) = value else {
            throw SCIMError.invalidValue("attribute 'schemas' must be an array of URIs, not \(value.typeName)")
        }
        var uris: [String] = []
        for element in elements {
            guard case .string(let uri) = element else {
                throw SCIMError.invalidValue("attribute 'schemas' must contain only strings, not \(element.typeName)")
            }
            uris.append(uri)
        }
        guard uris.contains(where: { type.core.isNamed($0) }) else {
            throw SCIMError.invalidValue("attribute 'schemas' must include \(type.core.id)")
        }
        if !profile.allows(.schemaIgnoreUnknownSchemaURIs),
            let unknown = uris.first(where: { !type.core.isNamed($0) && type.extensionSchema($0) == nil })
        {
            throw SCIMError.invalidValue(
                "attribute 'schemas' lists \(SCIMError.excerpt(unknown)), which is not a schema of \(type.name) "
                    + "resources (RFC 7643 §3)")
        }
        return uris
    }

    /// Reads the attributes of a known extension object.
    func readContainer(_ container: JSONObject, schema: ResourceSchema) throws -> JSONObject {
        try Self.checkDistinctNames(container, context: schema.id)
        var result = JSONObject()
        for (key, value) in container {
            guard let attribute = schema.attribute(named: key) else {
                guard Self.isAttributeName(key) else {
                    throw SCIMError.invalidSyntax("\"\(SCIMError.excerpt(key))\" is not a valid attribute name")
                }
                if profile.allows(.schemaKeepUnknownAttributes) { result[key] = value }
                continue
            }
            guard attribute.mutability != .readOnly else { continue }
            if let value = try read(value, as: attribute, path: "\(schema.id):\(attribute.name)") {
                result[attribute.name] = value
            }
        }
        return result
    }

    /// Checks and canonicalises one attribute value; `nil` means unassigned (`null` or `[]`).
    func read(_ value: JSONValue, as attribute: SchemaAttribute, path: String) throws -> JSONValue? {
        if value.isNull { return nil }
        if attribute.multiValued {
            guard case .array(let elements) = value else {
                throw SCIMError.invalidValue("attribute '\(path)' is multi-valued and must be an array")
            }
            var values: [JSONValue] = []
            var seen = Set<JSONValue>()
            for element in elements {
                guard let read = try readSingle(element, as: attribute, path: path) else {
                    throw SCIMError.invalidValue("attribute '\(path)' must not contain null")
                }
                // No duplicate values (RFC 7643 §2.4, SCH-10).
                if seen.insert(read).inserted { values.append(read) }
            }
            let primaries = values.filter { $0["primary"] == .bool(true) }.count
            guard primaries <= 1 else {
                // RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once (SCH-08).
                throw SCIMError.invalidValue("attribute '\(path)' has more than one value marked primary")
            }
            return values.isEmpty ? Self.unassigned : .array(values)
        }
        if attribute.acceptsStringArray, case .array(let elements) = value {
            guard elements.allSatisfy({ $0.stringValue != nil }) else {
                throw SCIMError.invalidValue("attribute '\(path)' must be a string or an array of strings")
            }
            return elements.isEmpty ? Self.unassigned : value
        }
        return try readSingle(value, as: attribute, path: path)
    }

    /// Checks one (non-array) value against the attribute's type.
    func readSingle(_ value: JSONValue, as attribute: SchemaAttribute, path: String) throws -> JSONValue? {
        if value.isNull { return nil }
        func mismatch(_ expected: String) -> SCIMError {
            SCIMError.invalidValue("attribute '\(path)' must be \(expected), not \(value.typeName)")
        }
        switch attribute.kind {
        case .string, .reference:
            guard case .string = value else { throw mismatch("a string") }
            return value
        case .boolean:
            if case .bool = value { return value }
            // "True"/"false" from Entra ID (IOP-E02, lenient).
            if profile.allows(.patchBooleanStrings), let coerced = SCIMValue.booleanString(value) {
                return .bool(coerced)
            }
            throw mismatch("a boolean (true or false)")
        case .integer:
            guard case .int = value else { throw mismatch("an integer") }
            return value
        case .decimal:
            switch value {
            case .int, .double: return value
            default: throw mismatch("a number")
            }
        case .dateTime:
            guard case .string(let text) = value, SCIMDateTime(text) != nil else {
                throw mismatch("an xsd:dateTime string")
            }
            return value
        case .binary:
            guard case .string(let text) = value else { throw mismatch("a base64 string") }
            guard Data(base64Encoded: text) != nil else {
                throw SCIMError.invalidValue("attribute '\(path)' must be base64-encoded (RFC 7643 §2.3.6)")
            }
            return value
        case .complex:
            if attribute.acceptsBareValue, profile.allows(.schemaManagerAsString), case .string = value {
                return .object(JSONObject([("value", value)]))  // "manager": "<id>" (IOP-E06, lenient)
            }
            guard case .object(let object) = value else { throw mismatch("a JSON object") }
            try Self.checkDistinctNames(object, context: path)
            var read = JSONObject()
            for (key, subValue) in object {
                guard let sub = attribute.subAttribute(named: key) else {
                    guard Self.isAttributeName(key) else {
                        throw SCIMError.invalidSyntax("\"\(SCIMError.excerpt(key))\" is not a valid attribute name")
                    }
                    if profile.allows(.schemaKeepUnknownAttributes) { read[key] = subValue }
                    continue
                }
                guard sub.mutability != .readOnly else { continue }  // manager.displayName (SCH-18)
                if let subRead = try readSingle(subValue, as: sub, path: "\(path).\(sub.name)") {
                    read[sub.name] = subRead
                }
            }
            return read.isEmpty ? Self.unassigned : .object(read)
        }
    }

    /// Refuses objects whose member names repeat in another letter case: names are case-insensitive (GEN-10).
    static func checkDistinctNames(_ object: JSONObject, context: String) throws {
        var seen = Set<String>()
        for key in object.keys where !seen.insert(key.lowercased()).inserted {
            throw SCIMError.invalidSyntax(
                "\(context) has the attribute \"\(SCIMError.excerpt(key))\" twice "
                    + "(attribute names are case-insensitive)"
            )
        }
    }

    /// `ATTRNAME = ALPHA *(nameChar)`, `nameChar = "$" / "-" / "_" / DIGIT / ALPHA` (RFC 7643 §2.1).
    static func isAttributeName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "$"
        else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "$-_".unicodeScalars.contains(scalar))
        }
    }
}
