import Hummingbird
import SCIMCore

/// An error the server answers with a SCIM error body (RFC 7644 §3.12).
///
/// Every 4xx and 5xx response of the server is one of these (checklist ERR-01 to ERR-04): the body is
/// `{"schemas":[Error URN],"status":"<code>","scimType"?:…,"detail":…}`, `status` is the HTTP code as a JSON
/// string, and the content type is `application/scim+json` (GEN-05).
struct SCIMError: Error, Sendable, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status, also written as a string in the body.
    var status: HTTPResponse.Status
    /// The `scimType` keyword (RFC 7644 §3.12 Table 9), only for the 400, 403 and 409 kinds that have one.
    var scimType: SCIMErrorType?
    /// A human-readable explanation; never contains secrets (checklist SEC-12).
    var detail: String
    /// Extra response headers, such as `WWW-Authenticate` or `Allow`.
    var headers: HTTPFields

    /// Creates an error.
    init(
        _ status: HTTPResponse.Status, scimType: SCIMErrorType? = nil, detail: String, headers: HTTPFields = [:]
    ) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
        self.headers = headers
    }

    /// The error body as JSON.
    var body: JSONValue {
        var object = JSONObject()
        object["schemas"] = [.string(SCIMURN.error)]
        // The errorStatusAsNumber quirk writes a number, as some servers wrongly do.
        object["status"] =
            Quirk.active.contains(.errorStatusAsNumber) ? .int(status.code) : .string(String(status.code))
        if let scimType { object["scimType"] = .string(scimType.rawValue) }
        object["detail"] = .string(detail)
        return .object(object)
    }

    var description: String {
        "SCIMError(\(status.code)\(scimType.map { " \($0.rawValue)" } ?? ""): \(detail))"
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        rendered()
    }

    /// The error as a response with `headers` (its own by default): the JSON Error body, or the bare detail as
    /// text under the ``Quirk/plainTextErrors`` quirk, as some servers wrongly answer.
    func rendered(headers: HTTPFields? = nil) -> Response {
        let headers = headers ?? self.headers
        guard Quirk.active.contains(.plainTextErrors) else {
            return SCIMResponse.json(body, status: status, headers: headers)
        }
        var fields = headers
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: detail)))
    }
}

extension SCIMError {
    /// 400 `invalidSyntax`: the body is not acceptable JSON or not shaped like the message (RFC 7644 §3.12).
    static func invalidSyntax(_ detail: String) -> SCIMError {
        SCIMError(.badRequest, scimType: .invalidSyntax, detail: detail)
    }

    /// 400 `invalidValue`: a required value is missing or a value has the wrong type (RFC 7644 §3.12).
    static func invalidValue(_ detail: String) -> SCIMError {
        SCIMError(.badRequest, scimType: .invalidValue, detail: detail)
    }

    /// 400 `invalidFilter`: the filter is malformed or uses what the server does not support (RFC 7644 §3.4.2.2).
    static func invalidFilter(_ detail: String) -> SCIMError {
        SCIMError(.badRequest, scimType: .invalidFilter, detail: detail)
    }

    /// 400 `invalidPath`: a PATCH path is malformed or names nothing the schema defines (RFC 7644 §3.12).
    static func invalidPath(_ detail: String) -> SCIMError {
        SCIMError(.badRequest, scimType: .invalidPath, detail: detail)
    }

    /// 400 `noTarget`: a PATCH path selects nothing where it must (RFC 7644 §3.5.2).
    static func noTarget(_ detail: String) -> SCIMError {
        SCIMError(.badRequest, scimType: .noTarget, detail: detail)
    }

    /// 400 `mutability`: the request would change a readOnly or immutable attribute (RFC 7644 §3.5.2).
    static func mutability(_ detail: String) -> SCIMError {
        SCIMError(.badRequest, scimType: .mutability, detail: detail)
    }

    /// 412 for a failed `If-Match` or `If-None-Match` (RFC 7644 §3.14, checklist ETAG-05, ETAG-10).
    static func preconditionFailed(_ detail: String) -> SCIMError {
        SCIMError(.preconditionFailed, detail: detail)
    }

    /// 404 for an unknown resource or endpoint (RFC 7644 §3.12 Table 8, checklist ERR-15).
    static func notFound(_ detail: String) -> SCIMError {
        SCIMError(.notFound, detail: detail)
    }

    /// 405 for a method the endpoint will never support, with the `Allow` header (checklist ERR-16).
    static func methodNotAllowed(
        _ method: HTTPRequest.Method,
        path: String,
        allowed: [HTTPRequest.Method]
    ) -> SCIMError {
        SCIMError(
            .methodNotAllowed, detail: "\(method.rawValue) is not allowed on \(excerpt(path))",
            headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
    }

    /// 501 for an operation the server does not implement yet (RFC 7644 §3.12 Table 8, checklist ERR-17).
    static func notImplemented(_ detail: String) -> SCIMError {
        SCIMError(.notImplemented, detail: detail)
    }
}

extension SCIMError {
    /// Client text shortened for a `detail`, so an error never echoes a huge or hostile input in full.
    static func excerpt(_ text: String, limit: Int = 80) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}
