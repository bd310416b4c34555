import SCIMCore

/// Comparisons of attribute values by their schema type: case rules, times, numbers (RFC 7643 §2.3, §7).
enum SCIMValue {
    /// `true` or `false` for the strings `"true"` and `"false"` in any letter case (Entra ID, IOP-E02).
    static func booleanString(_ value: JSONValue) -> Bool? {
        guard case .string(let text) = value else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The string used to compare `text` under `caseExact`: as is, or lowercased (RFC 7643 §7, FILT-06).
    static func folded(_ text: String, caseExact: Bool) -> String {
        caseExact ? text : text.lowercased()
    }

    /// Orders two strings by their UTF-8 bytes (code point order), the order SQLite's BINARY collation uses,
    /// so that in-memory sorting and SQL sorting agree (SORT-05: no locale implied).
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Whether `value` is "present" in the sense of the `pr` operator (RFC 7644 §3.4.2.2 Table 3, FILT-12):
    /// not null, not an empty string, not an empty array or object.
    static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.isEmpty
        case .array(let elements): elements.contains(where: isPresent)
        case .object(let object): object.contains { isPresent($0.value) }
        default: true
        }
    }

    /// The numeric value of a JSON number.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
