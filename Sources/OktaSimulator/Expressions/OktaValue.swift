import SCIMCore

/// A value an Okta expression reads or produces: null, a string, a boolean, a number, or an array.
///
/// Okta's Expression Language is "based on SpEL and uses a subset of functionalities offered by SpEL"
/// (okta-behavior.md §10.3, source S12), so values follow Java's types: integers (`Integer`/`Long`) stay
/// apart from decimals (`Double`), and arrays are the `{a, b}` lists of the `Arrays.*` functions.
/// Equality here is structural (`.int(1) != .double(1)`); the expression operator `==` compares numbers
/// numerically instead (see ``OktaExpression``).
public enum OktaValue: Sendable, Hashable {
    /// No value: a missing attribute, or the `null` literal.
    case null
    /// A string.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// An integer (Java `Integer`/`Long`).
    case int(Int)
    /// A decimal number (Java `Double`).
    case double(Double)
    /// An array (Okta writes array literals as `{10, 20, 30}`).
    case array([OktaValue])

    /// Whether this value is `null`.
    public var isNull: Bool { self == .null }

    /// The string, when this value is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, when this value is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The integer, when this value is an integer.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`, when this value is an integer or a decimal.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The elements, when this value is an array.
    public var arrayValue: [OktaValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The type name used in error messages: `null`, `string`, `boolean`, `integer`, `number` or `array`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .string: "string"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .array: "array"
        }
    }

    /// The value as a SCIM JSON value, for the request bodies the mapping engine builds.
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .string(let value): .string(value)
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        case .array(let values): .array(values.map(\.jsonValue))
        }
    }

    /// Converts a JSON value (for example an attribute read back from a SCIM server); `nil` for objects.
    ///
    /// Okta profile attributes are scalars or arrays of scalars, so a JSON object, or an array that holds
    /// one, has no `OktaValue`.
    public init?(jsonValue: JSONValue) {
        switch jsonValue {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .object: return nil
        case .array(let elements):
            var values: [OktaValue] = []
            values.reserveCapacity(elements.count)
            for element in elements {
                guard let value = OktaValue(jsonValue: element) else { return nil }
                values.append(value)
            }
            self = .array(values)
        }
    }

    /// The text Java's `String.valueOf` gives this value, which is what `+` appends to a string.
    ///
    /// `null` is rendered as `nullText`; decimals use Java's `Double.toString` form (`3.0`, `1.0E7`);
    /// arrays use Java's `List.toString` form (`[a, b]`).
    func javaText(null nullText: String = "null") -> String {
        switch self {
        case .null: nullText
        case .string(let value): value
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.javaDoubleText(value)
        case .array(let values): "[" + values.map { $0.javaText(null: nullText) }.joined(separator: ", ") + "]"
        }
    }

    /// Java's `Double.toString`: plain notation for magnitudes in [10⁻³, 10⁷), else `d.dddE±n`.
    static func javaDoubleText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = Swift.abs(value)
        let sign = value < 0 ? "-" : ""
        // Shortest round-trip digits, from Swift's own rendering of the magnitude.
        let (digits, exponent) = shortestDigits(magnitude)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            // `exponent` is the power of ten of the first digit.
            if exponent >= 0 {
                let integerCount = exponent + 1
                let padded =
                    digits.count < integerCount
                    ? digits + String(repeating: "0", count: integerCount - digits.count) : digits
                let integerPart = String(padded.prefix(integerCount))
                let fraction = String(padded.dropFirst(integerCount))
                return sign + integerPart + "." + (fraction.isEmpty ? "0" : fraction)
            }
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let fraction = digits.dropFirst()
        return sign + String(digits.prefix(1)) + "." + (fraction.isEmpty ? "0" : String(fraction)) + "E"
            + String(exponent)
    }

    /// The significant decimal digits of a positive finite value and the power of ten of the first one.
    private static func shortestDigits(_ magnitude: Double) -> (digits: String, exponent: Int) {
        let text = "\(magnitude)"
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? ""
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var allDigits = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        while allDigits.first == "0" {
            allDigits.removeFirst()
            pointPosition -= 1
        }
        while allDigits.last == "0" { allDigits.removeLast() }
        if allDigits.isEmpty { return ("0", 0) }
        return (allDigits, pointPosition - 1)
    }
}

extension OktaValue: CustomStringConvertible {
    /// The value as an expression literal would write it: `"text"`, `12`, `1.5`, `true`, `null`, `{1, 2}`.
    public var description: String {
        switch self {
        case .null: "null"
        case .string(let value): "\"" + String(value.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.javaDoubleText(value)
        case .array(let values): "{" + values.map(\.description).joined(separator: ", ") + "}"
        }
    }
}

extension OktaValue: ExpressibleByStringLiteral {
    /// A string value from a string literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension OktaValue: ExpressibleByIntegerLiteral {
    /// An integer value from an integer literal.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension OktaValue: ExpressibleByFloatLiteral {
    /// A decimal value from a floating-point literal.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension OktaValue: ExpressibleByBooleanLiteral {
    /// A boolean value from `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension OktaValue: ExpressibleByArrayLiteral {
    /// An array value from an array literal.
    public init(arrayLiteral elements: OktaValue...) { self = .array(elements) }
}
