import Hummingbird
import SCIMCore

/// An error of the admin API: a 4xx JSON body `{"status": 404, "error": "Not Found", "message": "…"}`.
///
/// The admin API is not SCIM, so its errors are plain JSON; they are never 5xx for anything a client sends.
struct AdminError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// What went wrong, for a person; never contains a token.
    var message: String
    /// Extra response headers, such as `WWW-Authenticate` or `Allow`.
    var headers: HTTPFields

    /// Creates an error.
    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    var description: String { "AdminError(\(status.code): \(message))" }

    /// The error as a response.
    var response: Response {
        let body: JSONValue = [
            "status": .int(status.code), "error": .string(status.reasonPhrase), "message": .string(message),
        ]
        return AdminResponse.json(body, status: status, headers: headers)
    }

    /// 400 for a body that is not what the endpoint expects.
    static func badRequest(_ message: String) -> AdminError { AdminError(.badRequest, message) }

    /// 404 for something that does not exist.
    static func notFound(_ message: String) -> AdminError { AdminError(.notFound, message) }

    /// 409 for a name or id that is taken, or a change the current state forbids.
    static func conflict(_ message: String) -> AdminError { AdminError(.conflict, message) }
}

/// Builds the admin API's JSON responses (`application/json`).
enum AdminResponse {
    /// A response whose body is `value` as compact JSON.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = SCIMMediaType.json
        let bytes = value.serializedBytes()
        fields[.contentLength] = String(bytes.count)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
