import Foundation
import SCIMCore

/// A User request body read against the User schemas: names canonical, types checked, read-only parts dropped.
///
/// Attribute names match case-insensitively and come out in the schema's spelling (RFC 7643 §2.1, checklist
/// GEN-10). `id`, `meta` and `groups` are read-only and ignored (RFC 7643 §3.1, §4.1.2; CRT-05, CRT-08, CRT-16).
/// `null` and `[]` mean unassigned (RFC 7643 §2.5, GEN-13). Attributes and extension objects the server does not
/// model are kept exactly as sent, as the compatible profile of DESIGN §8.1 asks.
struct UserInput: Sendable {
    /// The resource to store: `schemas` first, then the attributes in request order.
    var resource: JSONObject
    /// `userName`, exactly as sent.
    var userName: String
    /// `externalId`, exactly as sent.
    var externalId: String?
    /// `displayName`, if any.
    var displayName: String?
    /// `active` (true when not sent).
    var active: Bool
    /// The cleartext password, to be hashed at once and never stored or logged.
    var password: String?

    /// Reads a POST or PUT body.
    /// - Throws: ``SCIMError`` 400 `invalidValue` for missing required values and wrong types (ERR-06, CRT-10),
    ///   400 `invalidSyntax` for names that are not attribute names or repeat in another letter case.
    init(body: JSONObject) throws {
        try Self.checkDistinctNames(body, context: "the resource")
        let schemas = try Self.readSchemas(body)
        var resource = JSONObject()
        var password: String?
        var extensionURNs: [String] = []
        for (key, value) in body {
            let lowered = key.lowercased()
            if lowered == "schemas" { continue }
            if lowered == "id" || lowered == "meta" { continue }  // readOnly common attributes, RFC 7643 §3.1
            if lowered == "password" {
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
                guard lowered != SCIMURN.coreUser.lowercased() else {
                    throw SCIMError.invalidSyntax(
                        "core User attributes are written at the top level, not under \(SCIMURN.coreUser)")
                }
                guard case .object(let container) = value else {
                    if value.isNull { continue }
                    throw SCIMError.invalidValue(
                        "the extension \(SCIMError.excerpt(key)) must be a JSON object of attributes, "
                            + "not \(value.typeName)")
                }
                if let schema = UserSchemas.knownExtension(key) {
                    let read = try Self.readContainer(container, schema: schema)
                    guard !read.isEmpty else { continue }
                    resource[schema.id] = .object(read)
                    extensionURNs.append(schema.id)
                } else {
                    // An extension the server does not model: kept exactly as provisioned (SCH-21, lenient).
                    try Self.checkDistinctNames(container, context: key)
                    resource[key] = value
                    extensionURNs.append(key)
                }
                continue
            }
            guard let attribute = UserSchemas.core.attribute(named: key) else {
                guard Self.isAttributeName(key) else {
                    throw SCIMError.invalidSyntax("\"\(SCIMError.excerpt(key))\" is not a valid attribute name")
                }
                resource[key] = value  // not modelled by the server: kept as provisioned (SCH-21, lenient)
                continue
            }
            guard attribute.mutability != .readOnly else { continue }  // groups: ignored on input (CRT-16)
            if let read = try Self.read(value, as: attribute, path: attribute.name) {
                resource[attribute.name] = read
            }
        }
        guard case .string(let userName)? = resource["userName"] else {
            throw SCIMError.invalidValue("attribute 'userName' is required (RFC 7643 §4.1.1)")
        }
        guard !userName.trimmingSpaces.isEmpty else {
            throw SCIMError.invalidValue("attribute 'userName' must not be empty (RFC 7643 §4.1.1)")
        }
        if resource["active"] == nil { resource["active"] = true }

        var ordered = JSONObject()
        ordered["schemas"] = .array(
            Self.outputSchemas(requested: schemas, present: extensionURNs).map(JSONValue.string))
        for (key, value) in resource { ordered[key] = value }
        self.resource = ordered
        self.userName = userName
        self.externalId = resource["externalId"]?.stringValue
        self.displayName = resource["displayName"]?.stringValue
        self.active = resource["active"]?.boolValue ?? true
        self.password = password
    }

    /// Reads `schemas`: a non-empty array of strings that includes the core User URN (RFC 7643 §3, CRT-12).
    private static func readSchemas(_ body: JSONObject) throws -> [String] {
        guard let (_, value) = body.member(caseInsensitive: "schemas") else {
            throw SCIMError.invalidValue("attribute 'schemas' is required and must include \(SCIMURN.coreUser)")
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
        guard uris.contains(where: { $0.lowercased() == SCIMURN.coreUser.lowercased() }) else {
            throw SCIMError.invalidValue("attribute 'schemas' must include \(SCIMURN.coreUser)")
        }
        return uris
    }

    /// The stored `schemas`: the core URN, then each extension that has data, in canonical spelling (SCH-01, SCH-02).
    private static func outputSchemas(requested: [String], present: [String]) -> [String] {
        var result = [SCIMURN.coreUser]
        let presentLowered = Set(present.map { $0.lowercased() })
        func add(_ urn: String) {
            let canonical = UserSchemas.knownExtension(urn)?.id ?? present.first { $0.lowercased() == urn.lowercased() }
            guard let canonical, !result.contains(where: { $0.lowercased() == canonical.lowercased() }) else { return }
            result.append(canonical)
        }
        for urn in requested where presentLowered.contains(urn.lowercased()) { add(urn) }
        for urn in present { add(urn) }
        return result
    }

    /// Reads the attributes of a known extension object.
    private static func readContainer(_ container: JSONObject, schema: ResourceSchema) throws -> JSONObject {
        try checkDistinctNames(container, context: schema.id)
        var read = JSONObject()
        for (key, value) in container {
            guard let attribute = schema.attribute(named: key) else {
                guard isAttributeName(key) else {
                    throw SCIMError.invalidSyntax("\"\(SCIMError.excerpt(key))\" is not a valid attribute name")
                }
                read[key] = value
                continue
            }
            guard attribute.mutability != .readOnly else { continue }
            if let value = try Self.read(value, as: attribute, path: "\(schema.id):\(attribute.name)") {
                read[attribute.name] = value
            }
        }
        return read
    }

    /// Checks and canonicalises one attribute value; `nil` means unassigned (`null` or `[]`).
    private static func read(_ value: JSONValue, as attribute: SchemaAttribute, path: String) throws -> JSONValue? {
        if value.isNull { return nil }
        if attribute.multiValued {
            guard case .array(let elements) = value else {
                throw SCIMError.invalidValue("attribute '\(path)' is multi-valued and must be an array")
            }
            var values: [JSONValue] = []
            for element in elements {
                guard let read = try readSingle(element, as: attribute, path: path) else {
                    throw SCIMError.invalidValue("attribute '\(path)' must not contain null")
                }
                if !values.contains(read) { values.append(read) }  // no duplicate values (RFC 7643 §2.4, SCH-10)
            }
            let primaries = values.filter { $0["primary"] == .bool(true) }.count
            guard primaries <= 1 else {
                // RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once (SCH-08).
                throw SCIMError.invalidValue("attribute '\(path)' has more than one value marked primary")
            }
            return values.isEmpty ? nil : .array(values)
        }
        if attribute.acceptsStringArray, case .array(let elements) = value {
            guard elements.allSatisfy({ $0.stringValue != nil }) else {
                throw SCIMError.invalidValue("attribute '\(path)' must be a string or an array of strings")
            }
            return elements.isEmpty ? nil : value
        }
        return try readSingle(value, as: attribute, path: path)
    }

    /// Checks one (non-array) value against the attribute's type.
    private static func readSingle(
        _ value: JSONValue,
        as attribute: SchemaAttribute,
        path: String
    ) throws -> JSONValue? {
        if value.isNull { return nil }
        func mismatch(_ expected: String) -> SCIMError {
            SCIMError.invalidValue("attribute '\(path)' must be \(expected), not \(value.typeName)")
        }
        switch attribute.kind {
        case .string, .reference:
            guard case .string = value else { throw mismatch("a string") }
            return value
        case .boolean:
            guard case .bool = value else { throw mismatch("a boolean (true or false)") }
            return value
        case .integer:
            guard case .int = value else { throw mismatch("an integer") }
            return value
        case .decimal:
            switch value {
            case .int, .double: return value
            default: throw mismatch("a number")
            }
        case .dateTime:
            guard case .string(let text) = value, isDateTime(text) else { throw mismatch("an xsd:dateTime string") }
            return value
        case .binary:
            guard case .string(let text) = value else { throw mismatch("a base64 string") }
            guard Data(base64Encoded: text) != nil else {
                throw SCIMError.invalidValue("attribute '\(path)' must be base64-encoded (RFC 7643 §2.3.6)")
            }
            return value
        case .complex:
            if attribute.acceptsBareValue, case .string = value {
                return .object(JSONObject([("value", value)]))  // "manager": "<id>" (IOP-E06, lenient)
            }
            guard case .object(let object) = value else { throw mismatch("a JSON object") }
            try checkDistinctNames(object, context: path)
            var read = JSONObject()
            for (key, subValue) in object {
                guard let sub = attribute.subAttribute(named: key) else {
                    guard isAttributeName(key) else {
                        throw SCIMError.invalidSyntax("\"\(SCIMError.excerpt(key))\" is not a valid attribute name")
                    }
                    read[key] = subValue
                    continue
                }
                guard sub.mutability != .readOnly else { continue }  // manager.displayName (SCH-18)
                if let subRead = try readSingle(subValue, as: sub, path: "\(path).\(sub.name)") {
                    read[sub.name] = subRead
                }
            }
            return read.isEmpty ? nil : .object(read)
        }
    }

    /// Refuses objects whose member names repeat in another letter case: names are case-insensitive (GEN-10).
    private static func checkDistinctNames(_ object: JSONObject, context: String) throws {
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

    /// A loose xsd:dateTime check: `YYYY-MM-DDTHH:MM:SS`, optional fraction, optional `Z` or offset (SCH-05).
    static func isDateTime(_ text: String) -> Bool {
        let pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/
        return text.wholeMatch(of: pattern) != nil
    }
}
