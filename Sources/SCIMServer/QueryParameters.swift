/// The query parameters of a request, percent-decoded, with names matched case-insensitively.
///
/// `+` decodes to a space: Okta's 2018 client encoded filters as form data (`userName+eq+%22…%22`,
/// okta-behavior §2.2). Unknown parameters are kept but ignored by the endpoints (RFC 7644 §3.4.2, GEN-07).
struct QueryParameters: Sendable {
    /// The parameters in request order; a value is `nil` when its bytes are not valid UTF-8.
    private(set) var items: [(name: String, value: String?)] = []

    /// Parses the raw query string (the part after `?`, without a fragment).
    init(query: String?) {
        guard let query, !query.isEmpty else { return }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pair[0]) ?? String(pair[0])
            let value = pair.count > 1 ? Self.decode(pair[1]) : ""
            items.append((name, value))
        }
    }

    /// The first value of the parameter `name` (case-insensitive); `.some(nil)` when it was not valid UTF-8.
    subscript(name: String) -> String?? {
        let lowered = name.lowercased()
        guard let item = items.first(where: { $0.name.lowercased() == lowered }) else { return nil }
        return .some(item.value)
    }

    /// Percent-decodes `text` (and `+` to space); a `%` not followed by two hex digits is kept as is.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count, let high = hexValue(utf8[index + 1]),
                let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
