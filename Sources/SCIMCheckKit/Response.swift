import SCIMCheckHTTP
import SCIMCore

/// A response as a check sees it: the exchange, plus the body parsed as JSON within limits.
public struct Response: Sendable {
    /// The exchange this response ended.
    public let exchange: Exchange
    /// The body parsed as JSON; `nil` when the body is empty.
    public let parsedBody: Result<JSONValue, JSONParseError>?

    /// Creates a response view, parsing the body with `limits`.
    public init(exchange: Exchange, limits: JSONParseLimits = JSONParseLimits()) {
        self.exchange = exchange
        let bytes = exchange.response?.body.bytes ?? []
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            parsedBody = nil
        } else {
            parsedBody = Result { () throws(JSONParseError) in try JSONValue.parse(bytes, limits: limits) }
        }
    }

    /// The status code (0 when no response arrived).
    public var status: Int { exchange.response?.status ?? 0 }

    /// The body as JSON, when it parsed.
    public var json: JSONValue? { try? parsedBody?.get() }

    /// The value of the first header named `name`.
    public func header(_ name: String) -> String? { exchange.response?.header(name) }

    /// The body as text, shortened for messages.
    public var bodyExcerpt: String {
        guard let body = exchange.response?.body, !body.isEmpty else { return "(empty body)" }
        let text = body.text ?? "(\(body.count) bytes, not UTF-8)"
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    /// Resolves a JSON pointer in the body; see ``JSONPointer``.
    public func value(at pointer: String) -> JSONPointer.Resolution {
        switch parsedBody {
        case nil: .noJSON("the body is empty")
        case .failure(let error): .noJSON("the body is not valid JSON: \(error)")
        case .success(let root): JSONPointer(pointer).resolve(in: root)
        }
    }
}
