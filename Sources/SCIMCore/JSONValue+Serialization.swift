/// How ``JSONValue/serialized(_:)`` lays out its text.
public struct JSONFormatting: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Indents nested values by two spaces, one member per line.
    public static let pretty = JSONFormatting(rawValue: 1)
    /// Orders object members by name instead of insertion order (canonical output).
    public static let sortedKeys = JSONFormatting(rawValue: 2)
}

extension JSONValue {
    /// The JSON text of this value: compact by default, in member insertion order.
    public func serialized(_ formatting: JSONFormatting = []) -> String {
        var output = ""
        write(to: &output, formatting: formatting, indent: 0)
        return output
    }

    /// The UTF-8 bytes of ``serialized(_:)``.
    public func serializedBytes(_ formatting: JSONFormatting = []) -> [UInt8] {
        Array(serialized(formatting).utf8)
    }

    private func write(to output: inout String, formatting: JSONFormatting, indent: Int) {
        let pretty = formatting.contains(.pretty)
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += Self.format(value)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                element.write(to: &output, formatting: formatting, indent: indent + 1)
            }
            if pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "]"
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            let keys = formatting.contains(.sortedKeys) ? object.keys.sorted() : object.keys
            for (position, key) in keys.enumerated() {
                if position > 0 { output += "," }
                if pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
                Self.writeString(key, to: &output)
                output += pretty ? ": " : ":"
                object[key]?.write(to: &output, formatting: formatting, indent: indent + 1)
            }
            if pretty { output += "\n" + String(repeating: "  ", count: indent) }
            output += "}"
        }
    }

    private static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) + ".0" }
        return "\(value)"
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
