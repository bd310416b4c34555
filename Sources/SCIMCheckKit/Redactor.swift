import Foundation
import SCIMCheckHTTP
import SCIMCore

/// Masks secrets in evidence: `Authorization` values, `password` attribute values, and every known
/// secret string wherever it appears (DESIGN §8.15).
public struct Redactor: Sendable {
    /// The mask written in place of a secret.
    public static let mask = "********"
    let secrets: [String]

    /// Creates a redactor for these secret strings (empty strings are ignored).
    public init(secrets: [String]) {
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// `text` with every known secret replaced by the mask.
    public func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.mask) }
    }

    /// The check record with secrets masked in what it expected and what it saw.
    public func redact(_ record: CheckRecord) -> CheckRecord {
        var copy = record
        copy.expected = redact(record.expected)
        copy.actual = redact(record.actual)
        return copy
    }

    /// An `Authorization` value with its credentials masked, keeping the scheme (`Bearer ********`).
    public static func maskAuthorization(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        return parts.count == 2 ? "\(parts[0]) \(mask)" : mask
    }

    /// The exchange with secrets masked in headers, header lines and bodies.
    public func redact(_ exchange: Exchange) -> Exchange {
        var copy = exchange
        copy.request.headers = copy.request.headers.map(redact(header:))
        copy.request.url = redact(copy.request.url)
        copy.request.body = copy.request.body.map(redact(body:))
        if var sent = copy.sent {
            sent.requestLine = redact(sent.requestLine)
            sent.headerLines = sent.headerLines.map(redact(headerLine:))
            sent.body = sent.body.map(redact(body:))
            copy.sent = sent
        }
        if var response = copy.response {
            response.headerLines = response.headerLines.map(redact(headerLine:))
            response.body = redact(body: response.body)
            copy.response = response
        }
        return copy
    }

    func redact(header: HTTPHeader) -> HTTPHeader {
        if header.name.caseInsensitiveEquals("Authorization")
            || header.name.caseInsensitiveEquals("Proxy-Authorization")
        {
            return HTTPHeader(header.name, Self.maskAuthorization(header.value))
        }
        return HTTPHeader(header.name, redact(header.value))
    }

    func redact(headerLine: String) -> String {
        guard let colon = headerLine.firstIndex(of: ":") else { return redact(headerLine) }
        let header = HTTPHeader(
            String(headerLine[..<colon]),
            String(headerLine[headerLine.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        let redacted = redact(header: header)
        return "\(redacted.name): \(redacted.value)"
    }

    /// The body with `password` values masked (when it is JSON) and known secrets replaced.
    public func redact(body: Body) -> Body {
        guard let text = body.text else { return body }
        if text.range(of: "password", options: .caseInsensitive) != nil, let json = try? JSONValue.parse(text) {
            let (masked, changed) = Self.maskPasswords(in: json)
            if changed { return Body(stringLiteral: redact(masked.serialized())) }
        }
        let redacted = redact(text)
        return redacted == text ? body : Body(stringLiteral: redacted)
    }

    /// Masks the value of every `password` member, and the `value` of PATCH operations whose path is
    /// `password`; reports whether anything changed.
    static func maskPasswords(in value: JSONValue) -> (JSONValue, Bool) {
        switch value {
        case .array(let elements):
            var changed = false
            let masked = elements.map { element in
                let (result, didChange) = maskPasswords(in: element)
                changed = changed || didChange
                return result
            }
            return (.array(masked), changed)
        case .object(let object):
            var changed = false
            var result = JSONObject()
            let pathIsPassword = object.member(caseInsensitive: "path")?.value.stringValue?.lowercased() == "password"
            for (key, member) in object {
                let lowered = key.lowercased()
                if lowered == "password" || (pathIsPassword && lowered == "value"), member.stringValue != nil {
                    result[key] = .string(mask)
                    changed = true
                } else {
                    let (masked, didChange) = maskPasswords(in: member)
                    result[key] = masked
                    changed = changed || didChange
                }
            }
            return (.object(result), changed)
        default:
            return (value, false)
        }
    }
}
