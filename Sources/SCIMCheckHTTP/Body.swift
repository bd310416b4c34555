import Foundation

/// Bytes of a message body that serialize losslessly: as text when they are UTF-8, else as base64.
public struct Body: Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    /// The raw bytes.
    public var bytes: [UInt8]

    /// Creates a body from raw bytes.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Creates a body holding the UTF-8 encoding of `text`.
    public init(stringLiteral text: String) { self.bytes = Array(text.utf8) }

    /// The bytes as a string when they are valid UTF-8.
    public var text: String? { String(validating: bytes, as: UTF8.self) }

    /// The number of bytes.
    public var count: Int { bytes.count }

    /// Whether there are no bytes.
    public var isEmpty: Bool { bytes.isEmpty }

    private enum CodingKeys: String, CodingKey { case text, base64 }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .text) {
            bytes = Array(text.utf8)
        } else {
            let encoded = try container.decode(String.self, forKey: .base64)
            guard let data = Data(base64Encoded: encoded) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .base64, in: container, debugDescription: "body is not valid base64")
            }
            bytes = Array(data)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let text {
            try container.encode(text, forKey: .text)
        } else {
            try container.encode(Data(bytes).base64EncodedString(), forKey: .base64)
        }
    }
}
