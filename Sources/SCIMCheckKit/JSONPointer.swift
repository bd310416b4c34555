import Foundation
import SCIMCore

/// A JSON Pointer (RFC 6901) resolved with SCIM's case-insensitive attribute names (RFC 7643 §2.1).
///
/// Member names match exactly first, then without regard to case; array indexes are decimal.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The outcome of resolving a pointer.
    public enum Resolution: Sendable, Hashable {
        /// The pointer names this value.
        case found(JSONValue)
        /// The document is JSON but the pointer names nothing; the text says where it stopped.
        case missing(String)
        /// There is no JSON document to look in; the text says why.
        case noJSON(String)

        /// The value, when found.
        public var value: JSONValue? {
            if case .found(let value) = self { return value }
            return nil
        }

        /// A short text for messages: the value's JSON, or why there is none.
        public var summary: String {
            switch self {
            case .found(let value): value.serialized()
            case .missing(let reason), .noJSON(let reason): reason
            }
        }
    }

    /// The pointer text, such as `/Resources/0/id`.
    public let text: String

    /// Creates a pointer from its text.
    public init(_ text: String) { self.text = text }

    /// The unescaped reference tokens.
    public var tokens: [String] {
        guard text.hasPrefix("/") else { return text.isEmpty ? [] : [text] }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// Resolves this pointer in `root`.
    public func resolve(in root: JSONValue) -> Resolution {
        var current = root
        var walked = ""
        for token in tokens {
            switch current {
            case .object(let object):
                guard let member = object.member(caseInsensitive: token) else {
                    return .missing("\(walked.isEmpty ? "the document" : walked) has no member \"\(token)\"")
                }
                current = member.value
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else {
                    return .missing("\(walked.isEmpty ? "the document" : walked) has no element \(token)")
                }
                current = elements[index]
            default:
                return .missing("\(walked.isEmpty ? "the document" : walked) is \(current.typeName), not a container")
            }
            walked += "/" + token
        }
        return .found(current)
    }

    public var description: String { text }
}
