import Hummingbird
import SCIMCore

/// Builds the server's JSON responses.
enum SCIMResponse {
    /// The response content type (RFC 7644 §8.1, checklist GEN-05).
    static let contentType = SCIMMediaType.scim

    /// A response whose body is `value` serialized as `application/scim+json`.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        let bytes = value.serializedBytes()
        fields[.contentLength] = String(bytes.count)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
