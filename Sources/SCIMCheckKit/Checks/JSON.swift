import SCIMCore

/// A value in the JSON body, addressed by a JSON Pointer, meets an expectation.
///
/// `JSON("/id").nonEmpty()`, `JSON("/active", equals: true)`, `JSON("/totalResults").integer()`,
/// `JSON("/schemas").contains(.string(SCIMURN.coreUser))`, `JSON("/password").absent()`.
public struct JSON: Check {
    enum Expectation: Sendable, Hashable {
        case present, absent, nonEmpty, integer, string, boolean, array
        case equals(JSONValue)
        case oneOf([JSONValue])
        case contains(JSONValue)
    }

    let pointer: JSONPointer
    let expectation: Expectation
    public var metadata: CheckMetadata

    /// The value at `pointer` is present.
    public init(_ pointer: String, fileID: String = #fileID, line: Int = #line) {
        self.init(JSONPointer(pointer), .present, CheckMetadata(source: SourceLocation(fileID: fileID, line: line)))
    }

    /// The value at `pointer` equals `value` (numbers numerically, objects without regard to order).
    public init(_ pointer: String, equals value: JSONValue, fileID: String = #fileID, line: Int = #line) {
        self.init(
            JSONPointer(pointer), .equals(value), CheckMetadata(source: SourceLocation(fileID: fileID, line: line)))
    }

    /// The value at `pointer` equals one of `values`, for clients that compare loosely (a harness that
    /// accepts `"401"` and `401` alike).
    public init(_ pointer: String, oneOf values: [JSONValue], fileID: String = #fileID, line: Int = #line) {
        self.init(
            JSONPointer(pointer), .oneOf(values), CheckMetadata(source: SourceLocation(fileID: fileID, line: line)))
    }

    private init(_ pointer: JSONPointer, _ expectation: Expectation, _ metadata: CheckMetadata) {
        self.pointer = pointer
        self.expectation = expectation
        self.metadata = metadata
    }

    private func with(_ expectation: Expectation) -> JSON { JSON(pointer, expectation, metadata) }

    /// The value is present (any JSON value, `null` included).
    public func present() -> JSON { with(.present) }
    /// The value is absent (or the body has no such member).
    public func absent() -> JSON { with(.absent) }
    /// The value is present and not null, `""`, `[]` or `{}` (Runscope's "not empty").
    public func nonEmpty() -> JSON { with(.nonEmpty) }
    /// The value is a JSON number without fraction (RFC 7643 §2.3.4).
    public func integer() -> JSON { with(.integer) }
    /// The value is a JSON string.
    public func string() -> JSON { with(.string) }
    /// The value is a JSON boolean (RFC 7643 §2.3.2).
    public func boolean() -> JSON { with(.boolean) }
    /// The value is a JSON array.
    public func array() -> JSON { with(.array) }
    /// The value is an array containing `element`.
    public func contains(_ element: JSONValue) -> JSON { with(.contains(element)) }

    public var summary: String {
        switch expectation {
        case .present: "\(pointer) is present"
        case .absent: "\(pointer) is absent"
        case .nonEmpty: "\(pointer) is not empty"
        case .integer: "\(pointer) is a JSON integer"
        case .string: "\(pointer) is a JSON string"
        case .boolean: "\(pointer) is a JSON boolean"
        case .array: "\(pointer) is a JSON array"
        case .equals(let value): "\(pointer) equals \(value.serialized())"
        case .oneOf(let values): "\(pointer) is one of \(values.map { $0.serialized() }.joined(separator: ", "))"
        case .contains(let value): "\(pointer) contains \(value.serialized())"
        }
    }

    public var defaultHint: String? {
        switch expectation {
        case .equals(let value): "return \(pointer) as \(value.serialized()) in this response"
        case .absent: "leave \(pointer) out of this response"
        case .integer: "write \(pointer) as a JSON number, not a string (RFC 7643 §2.3.4)"
        case .boolean: "write \(pointer) as a JSON true or false, not a string (RFC 7643 §2.3.2)"
        default: "return \(pointer) in this response, as the cited section says"
        }
    }

    public func evaluate(_ response: Response) -> CheckEvaluation {
        let resolution = response.value(at: pointer.text)
        let actual = resolution.value.map { "\($0.serialized()) (\($0.typeName))" } ?? resolution.summary
        let value = resolution.value
        switch expectation {
        case .present:
            return CheckEvaluation(passed: value != nil, expected: "a value at \(pointer)", actual: actual)
        case .absent:
            if case .noJSON = resolution {
                return CheckEvaluation(passed: false, expected: "a JSON body without \(pointer)", actual: actual)
            }
            return CheckEvaluation(passed: value == nil, expected: "no value at \(pointer)", actual: actual)
        case .nonEmpty:
            return CheckEvaluation(
                passed: value.map(Self.isNonEmpty) ?? false, expected: "a non-empty value", actual: actual)
        case .integer:
            let passed = if case .int = value { true } else { false }
            return CheckEvaluation(passed: passed, expected: "a JSON integer", actual: actual)
        case .string:
            return CheckEvaluation(passed: value?.stringValue != nil, expected: "a JSON string", actual: actual)
        case .boolean:
            return CheckEvaluation(passed: value?.boolValue != nil, expected: "a JSON boolean", actual: actual)
        case .array:
            return CheckEvaluation(passed: value?.arrayValue != nil, expected: "a JSON array", actual: actual)
        case .equals(let expected):
            return CheckEvaluation(passed: value == expected, expected: expected.serialized(), actual: actual)
        case .oneOf(let accepted):
            return CheckEvaluation(
                passed: value.map(accepted.contains) ?? false,
                expected: "one of \(accepted.map { $0.serialized() }.joined(separator: ", "))", actual: actual)
        case .contains(let element):
            let passed = value?.arrayValue?.contains(element) ?? false
            return CheckEvaluation(
                passed: passed, expected: "an array containing \(element.serialized())", actual: actual)
        }
    }

    static func isNonEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let object): !object.isEmpty
        default: true
        }
    }
}
