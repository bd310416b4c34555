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
        String(decoding: serializedBytes(formatting), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``serialized(_:)``.
    ///
    /// Written as bytes: every response body goes through here, and appending to a byte array costs far less than
    /// appending to a `String` scalar by scalar.
    public func serializedBytes(_ formatting: JSONFormatting = []) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(to: &output, formatting: formatting, indent: 0)
        return output
    }

    private func write(to output: inout [UInt8], formatting: JSONFormatting, indent: Int) {
        let pretty = formatting.contains(.pretty)
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .double(let value): output.append(contentsOf: Self.format(value).utf8)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(indent + 1, to: &output) }
                element.write(to: &output, formatting: formatting, indent: indent + 1)
            }
            if pretty { Self.newline(indent, to: &output) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            let keys = formatting.contains(.sortedKeys) ? object.keys.sorted() : object.keys
            for (position, key) in keys.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(indent + 1, to: &output) }
                Self.writeString(key, to: &output)
                output.append(contentsOf: (pretty ? ": " : ":").utf8)
                object[key]?.write(to: &output, formatting: formatting, indent: indent + 1)
            }
            if pretty { Self.newline(indent, to: &output) }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and two spaces per level of `indent` (pretty output).
    private static func newline(_ indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    private static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) + ".0" }
        return "\(value)"
    }

    /// A JSON string: quotation mark, reverse solidus and control characters escaped (RFC 8259 §7), every other
    /// character as its UTF-8 bytes.
    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for (position, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                runStart = position + 1
                switch byte {
                case 0x22: output.append(contentsOf: #"\""#.utf8)
                case 0x5C: output.append(contentsOf: #"\\"#.utf8)
                case 0x0A: output.append(contentsOf: #"\n"#.utf8)
                case 0x0D: output.append(contentsOf: #"\r"#.utf8)
                case 0x09: output.append(contentsOf: #"\t"#.utf8)
                case 0x08: output.append(contentsOf: #"\b"#.utf8)
                case 0x0C: output.append(contentsOf: #"\f"#.utf8)
                default:
                    let hex = String(byte, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
