import Hummingbird
import SCIMCore

/// A `POST /Bulk` body (RFC 7644 §3.7): the `BulkRequest` message, its `failOnErrors` and its operations.
///
/// Only the envelope is checked here: a malformed envelope fails the whole request with 400, or 413 past
/// `maxOperations` (BULK-03, BULK-12). Each operation's own members are checked when it runs, so a bad operation
/// fails alone with its own status and SCIM error, as its single request would (BULK-04, BULK-13).
struct BulkRequest: Sendable {
    /// One operation as sent: each member may be missing or of the wrong type until the operation runs.
    struct Operation: Sendable {
        /// The operation's position in the request, 1-based, for error details.
        var number: Int
        /// `method`: POST, PUT, PATCH or DELETE.
        var method: JSONValue?
        /// `bulkId`: required for POST, the name later operations use in `bulkId:<bulkId>` references.
        var bulkId: JSONValue?
        /// `version`: the resource version the operation expects, like `If-Match` (ETAG-09).
        var version: JSONValue?
        /// `path`: the type endpoint for POST (`/Users`), the resource otherwise (`/Users/{id}`).
        var path: JSONValue?
        /// `data`: the body of the equivalent single request, for POST, PUT and PATCH.
        var data: JSONValue?

        /// The `bulkId`s this operation refers to: `bulkId:<id>` strings anywhere in `data` and in `path`
        /// (RFC 7644 §3.7.2, BULK-08, BULK-15).
        var references: Set<String> {
            BulkRequest.references(in: .array([path, data].compactMap { $0 }))
        }
    }

    /// The prefix of a reference to an operation's `bulkId` (RFC 7644 §3.7.2).
    static let referencePrefix = "bulkId:"

    /// How many failed operations end the job (`failOnErrors`); `nil`: run every operation (BULK-05).
    var failOnErrors: Int?
    /// The operations, in request order.
    var operations: [Operation]

    /// Reads a BulkRequest body.
    ///
    /// Member names are case-insensitive (RFC 7643 §2.1).
    /// - Throws: 400 `invalidSyntax` when `schemas` lacks the BulkRequest URN, `Operations` is missing or not an
    ///   array of objects; 400 `invalidValue` for a `failOnErrors` that is not a positive integer; 413 when there
    ///   are more than `maxOperations` operations (RFC 7644 §3.7.4, BULK-12).
    init(body: JSONObject, maxOperations: Int) throws {
        let schemas = body.member(caseInsensitive: "schemas")?.value.arrayValue ?? []
        guard schemas.contains(where: { $0.stringValue?.lowercased() == SCIMURN.bulkRequest.lowercased() }) else {
            throw SCIMError.invalidSyntax("a bulk request must have \"schemas\": [\"\(SCIMURN.bulkRequest)\"]")
        }
        guard case .array(let elements)? = body.member(caseInsensitive: "Operations")?.value else {
            throw SCIMError.invalidSyntax("a bulk request must have \"Operations\": an array of operations")
        }
        guard elements.count <= maxOperations else {
            throw SCIMError(
                .contentTooLarge,
                detail: "the bulk request has \(elements.count) operations; it exceeds maxOperations "
                    + "(\(maxOperations)) advertised in /ServiceProviderConfig")
        }
        switch body.member(caseInsensitive: "failOnErrors")?.value {
        case nil, .null?:
            failOnErrors = nil
        case let value?:
            guard let count = value.intValue, count >= 1 else {
                throw SCIMError.invalidValue("\"failOnErrors\" must be a positive integer, not \(value.typeName)")
            }
            failOnErrors = count
        }
        operations = try elements.enumerated().map { index, element in
            guard case .object(let object) = element else {
                throw SCIMError.invalidSyntax("operation \(index + 1) must be a JSON object, not \(element.typeName)")
            }
            return Operation(
                number: index + 1, method: object.member(caseInsensitive: "method")?.value,
                bulkId: object.member(caseInsensitive: "bulkId")?.value,
                version: object.member(caseInsensitive: "version")?.value,
                path: object.member(caseInsensitive: "path")?.value,
                data: object.member(caseInsensitive: "data")?.value)
        }
    }

    /// The `bulkId`s referred to in `value`: strings that are a `bulkId:<id>` reference or end with one as their
    /// last path segment (a `$ref`).
    static func references(in value: JSONValue) -> Set<String> {
        switch value {
        case .string(let text):
            let last = text.lastIndex(of: "/").map { String(text[text.index(after: $0)...]) }
            return Set([referencedBulkId(text), last.flatMap(referencedBulkId)].compactMap { $0 })
        case .array(let elements):
            return elements.reduce(into: Set<String>()) { $0.formUnion(references(in: $1)) }
        case .object(let object):
            return object.reduce(into: Set<String>()) { $0.formUnion(references(in: $1.value)) }
        default:
            return []
        }
    }

    /// The `bulkId` a text refers to when it is a `bulkId:<id>` reference.
    static func referencedBulkId(_ text: String) -> String? {
        guard text.hasPrefix(referencePrefix) else { return nil }
        let name = text.dropFirst(referencePrefix.count)
        return name.isEmpty ? nil : String(name)
    }

    /// `value` with every `bulkId:<id>` reference replaced by the created resource's id (RFC 7644 §3.7.2).
    static func resolving(_ value: JSONValue, _ ids: [String: String]) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(resolving(path: text, ids))
        case .array(let elements):
            return .array(elements.map { resolving($0, ids) })
        case .object(let object):
            var resolved = JSONObject()
            for (key, member) in object { resolved[key] = resolving(member, ids) }
            return .object(resolved)
        default:
            return value
        }
    }

    /// A text with a whole-string reference, or a reference as its last path segment, resolved.
    static func resolving(path text: String, _ ids: [String: String]) -> String {
        if let name = referencedBulkId(text), let id = ids[name] { return id }
        guard let slash = text.lastIndex(of: "/") else { return text }
        let last = String(text[text.index(after: slash)...])
        guard let name = referencedBulkId(last), let id = ids[name] else { return text }
        return String(text[...slash]) + id
    }
}
