/// Why a byte sequence is not acceptable JSON, and where (a byte offset).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure: malformed text, a limit exceeded, or a repeated member name.
    public enum Kind: String, Sendable, Hashable, Codable {
        case syntax, tooDeep, tooLarge, duplicateKey, invalidUTF8
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte offset of the problem.
    public var offset: Int
    /// A sentence saying what was found and what was expected.
    public var message: String

    public var description: String { "\(message) (at byte \(offset))" }
}

/// Limits applied while parsing untrusted JSON, so hostile input costs bounded time and memory.
public struct JSONParseLimits: Sendable, Hashable {
    /// The deepest nesting of arrays and objects accepted.
    public var maxDepth: Int
    /// The largest input accepted, in bytes.
    public var maxBytes: Int
    /// Whether an object that repeats a member name is refused (RFC 8259 §4 says names SHOULD be unique).
    public var rejectDuplicateKeys: Bool

    /// Creates limits; the defaults suit SCIM messages (64 levels, 8 MiB, duplicates refused).
    public init(maxDepth: Int = 64, maxBytes: Int = 8 << 20, rejectDuplicateKeys: Bool = true) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.rejectDuplicateKeys = rejectDuplicateKeys
    }
}

extension JSONValue {
    /// Parses one JSON text (RFC 8259) from UTF-8 bytes, within `limits`.
    ///
    /// Integers without fraction or exponent that fit in `Int` become ``JSONValue/int(_:)``; every other
    /// number becomes ``JSONValue/double(_:)``. Trailing non-whitespace is an error.
    /// - Throws: ``JSONParseError`` naming the first problem and its byte offset.
    public static func parse<Bytes: Collection<UInt8>>(
        _ bytes: Bytes,
        limits: JSONParseLimits = JSONParseLimits()
    ) throws(JSONParseError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else {
            throw JSONParseError(
                kind: .tooLarge, offset: limits.maxBytes,
                message: "JSON text of \(bytes.count) bytes exceeds the limit of \(limits.maxBytes) bytes")
        }
        var parser = Parser(bytes: Array(bytes), limits: limits)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else {
            throw parser.error(.syntax, "unexpected text after the JSON value")
        }
        return value
    }

    /// Parses one JSON text from a string; see ``parse(_:limits:)``.
    public static func parse(
        _ text: String, limits: JSONParseLimits = JSONParseLimits()
    ) throws(JSONParseError)
        -> JSONValue
    {
        try parse(Array(text.utf8), limits: limits)
    }
}

private struct Parser {
    let bytes: [UInt8]
    let limits: JSONParseLimits
    var index = 0

    init(bytes: [UInt8], limits: JSONParseLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    func error(_ kind: JSONParseError.Kind, _ message: String) -> JSONParseError {
        JSONParseError(kind: kind, offset: index, message: message)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw error(.syntax, "unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error(.syntax, "unexpected character '\(printable(byte))', expected a value")
        }
    }

    func printable(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = index
        for expected in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
            guard current == expected else {
                index = start
                throw error(.syntax, "invalid literal, expected '\(literal)'")
            }
            index += 1
        }
    }

    mutating func checkDepth(_ depth: Int) throws(JSONParseError) {
        guard depth <= limits.maxDepth else {
            throw error(.tooDeep, "nesting deeper than \(limits.maxDepth) levels")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error(.syntax, "expected a member name in quotes") }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error(.syntax, "expected ':' after a member name") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if object[key] != nil, limits.rejectDuplicateKeys {
                throw JSONParseError(kind: .duplicateKey, offset: keyOffset, message: "member \"\(key)\" appears twice")
            }
            object[key] = value
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(object)
            default: throw error(.syntax, "expected ',' or '}' in an object")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: throw error(.syntax, "expected ',' or ']' in an array")
            }
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var isInteger = true
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw error(.syntax, "expected a digit")
        }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard skipDigits() > 0 else { throw error(.syntax, "expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw error(.syntax, "expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else {
            throw JSONParseError(kind: .syntax, offset: start, message: "number \(text) is out of range")
        }
        return .double(double)
    }

    @discardableResult
    mutating func skipDigits() -> Int {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun(_ end: Int, into scalars: inout String.UnicodeScalarView) -> Bool {
            guard runStart < end else { return true }
            guard let run = String(validating: bytes[runStart..<end], as: UTF8.self) else { return false }
            scalars.append(contentsOf: run.unicodeScalars)
            return true
        }
        while true {
            guard let byte = current else { throw error(.syntax, "unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                guard flushRun(index, into: &scalars) else { throw error(.invalidUTF8, "string is not valid UTF-8") }
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                guard flushRun(index, into: &scalars) else { throw error(.invalidUTF8, "string is not valid UTF-8") }
                index += 1
                scalars.append(try parseEscape())
                runStart = index
            case 0x00..<0x20:
                throw error(.syntax, "control character in a string must be escaped")
            default:
                index += 1
            }
        }
    }

    mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard let byte = current else { throw error(.syntax, "unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800..<0xDC00).contains(high) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                else { throw error(.syntax, "unpaired surrogate in \\u escape") }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low),
                    let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                else { throw error(.syntax, "invalid surrogate pair in \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw error(.syntax, "unpaired surrogate in \\u escape") }
            return scalar
        default:
            throw error(.syntax, "invalid escape '\\\(printable(byte))'")
        }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(.syntax, "truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.syntax, "invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
