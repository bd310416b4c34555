import SCIMCore

/// A PATCH request body (RFC 7644 §3.5.2): the `PatchOp` message with its operations, checked and parsed.
struct PatchRequest: Sendable {
    /// One operation.
    struct Operation: Sendable {
        /// The three operations of RFC 7644 §3.5.2.
        enum Kind: String, Sendable {
            case add, remove, replace
        }

        /// What to do.
        var kind: Kind
        /// Where, or `nil` for a path-less `add` or `replace` (and an invalid path-less `remove`).
        var path: PatchPath?
        /// The `value` member; `nil` when absent (`.null` when sent as `null`).
        var value: JSONValue?
        /// The operation's position, 1-based, for error messages.
        var number: Int
    }

    /// The operations, in order (PATCH-05).
    var operations: [Operation]

    /// Reads a PATCH body.
    ///
    /// Member names are case-insensitive (`operations`, `Op`, PATCH-03). `op` is matched ignoring case with
    /// `patch.opCaseInsensitive` (IOP-E01); `schemas` may be missing with `patch.schemasOptional` (PATCH-02).
    /// - Throws: 400 `invalidSyntax` for a malformed message, `invalidValue` for an unknown `op` (PATCH-04) or a
    ///   missing `value` (PATCH-08), `invalidPath` / `invalidFilter` for a malformed path (PATCH-34, PATCH-35).
    init(body: JSONObject, profile: ServerProfile) throws {
        let schemas = body.member(caseInsensitive: "schemas")?.value
        let declaresPatchOp =
            schemas?.arrayValue?.contains { $0.stringValue?.lowercased() == SCIMURN.patchOp.lowercased() } ?? false
        if !declaresPatchOp, !profile.allows(.patchSchemasOptional) {
            throw SCIMError.invalidSyntax("a PATCH request must have \"schemas\": [\"\(SCIMURN.patchOp)\"]")
        }
        guard let found = body.member(caseInsensitive: "Operations")?.value else {
            throw SCIMError.invalidSyntax("a PATCH request must have \"Operations\": an array of operations")
        }
        guard case .array(let elements) = found, !elements.isEmpty else {
            throw SCIMError.invalidSyntax("\"Operations\" must be a non-empty array of operations")
        }
        operations = try elements.enumerated().map { index, element in
            guard case .object(let object) = element else {
                throw SCIMError.invalidSyntax("operation \(index + 1) must be a JSON object, not \(element.typeName)")
            }
            return try Self.operation(object, number: index + 1, profile: profile)
        }
    }

    private static func operation(_ object: JSONObject, number: Int, profile: ServerProfile) throws -> Operation {
        guard case .string(let opText)? = object.member(caseInsensitive: "op")?.value else {
            throw SCIMError.invalidValue("operation \(number) needs \"op\": \"add\", \"remove\" or \"replace\"")
        }
        let normalized = profile.allows(.patchOpCaseInsensitive) ? opText.lowercased() : opText
        guard let kind = Operation.Kind(rawValue: normalized) else {
            throw SCIMError.invalidValue(
                "operation \(number) has op \"\(SCIMError.excerpt(opText))\"; it must be add, remove or replace")
        }
        var path: PatchPath?
        switch object.member(caseInsensitive: "path")?.value {
        case nil, .null?:
            path = nil
        case .string(let text)?:
            do {
                path = try PatchPath.parse(text.trimmingSpaces)
            } catch {
                let detail = "operation \(number) has a malformed path \"\(SCIMError.excerpt(text))\": \(error)"
                throw error.inValueFilter ? SCIMError.invalidFilter(detail) : SCIMError.invalidPath(detail)
            }
        case let other?:
            throw SCIMError.invalidPath("operation \(number) has a path that is a \(other.typeName), not a string")
        }
        let value = object.member(caseInsensitive: "value")?.value
        switch kind {
        case .add, .replace:
            guard let value else {
                throw SCIMError.invalidValue("operation \(number) (\(kind.rawValue)) needs a value")
            }
            if kind == .add, value.isNull {
                throw SCIMError.invalidValue("operation \(number) (add) needs a value, not null")
            }
            if path == nil, value.objectValue == nil {
                throw SCIMError.invalidValue(
                    "operation \(number) (\(kind.rawValue)) has no path, so its value must be an object of attributes")
            }
        case .remove:
            guard path != nil else {
                throw SCIMError.noTarget("operation \(number) (remove) needs a path (RFC 7644 §3.5.2.2)")
            }
        }
        return Operation(kind: kind, path: path, value: value, number: number)
    }
}
