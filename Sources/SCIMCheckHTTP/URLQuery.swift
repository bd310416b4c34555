/// Builds query strings byte for byte, the way a given client encodes them.
///
/// Okta percent-encodes everything outside RFC 3986's unreserved set, spaces as `%20`
/// (okta-behavior §2.2); its 2018 client wrote spaces as `+` (form encoding). Both are offered.
public enum URLQuery {
    /// How spaces are written.
    public enum SpaceEncoding: String, Sendable, Hashable, Codable {
        /// `%20`, RFC 3986 percent-encoding (Okta's current client).
        case percent20 = "%20"
        /// `+`, HTML form encoding (Okta's 2018 client).
        case plus = "+"
    }

    /// Percent-encodes `value`, keeping only RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`).
    public static func encode(_ value: String, spaces: SpaceEncoding = .percent20) -> String {
        var output = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: " ") where spaces == .plus:
                output += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }

    /// Joins parameters in the given order as `name=value&…`, encoding each value with ``encode(_:spaces:)``.
    public static func string(
        _ parameters: [(name: String, value: String)], spaces: SpaceEncoding = .percent20
    )
        -> String
    {
        parameters.map { "\(encode($0.name, spaces: spaces))=\(encode($0.value, spaces: spaces))" }
            .joined(separator: "&")
    }
}
