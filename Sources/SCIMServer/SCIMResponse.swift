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

    /// A resource with its `ETag` (equal to `meta.version`, ETAG-01) and, for a creation, its `Location` (CRT-02).
    static func resource(
        _ object: JSONObject, status: HTTPResponse.Status = .ok, etag: String, location: String? = nil
    ) -> Response {
        var headers: HTTPFields = [.eTag: etag]
        if let location { headers[.location] = location }
        return json(.object(object), status: status, headers: headers)
    }

    /// 204 No Content with the resource's new `ETag` (a PATCH or DELETE without a body).
    static func noContent(etag: String? = nil) -> Response {
        var headers: HTTPFields = [:]
        if let etag { headers[.eTag] = etag }
        return Response(status: .noContent, headers: headers)
    }

    /// 304 Not Modified for a GET whose `If-None-Match` matched (ETAG-04): no body, the `ETag` repeated.
    static func notModified(etag: String) -> Response {
        Response(status: .notModified, headers: [.eTag: etag])
    }

    /// A ListResponse (RFC 7644 §3.4.2): integers for the counts and `Resources` always present (LST-01 to LST-04).
    /// `requestedCount` is the page size asked for; only the ``Quirk/itemsPerPageEchoesCount`` quirk writes it.
    static func list(total: Int, startIndex: Int, resources: [JSONObject], requestedCount: Int? = nil) -> Response {
        var body = JSONObject()
        body["schemas"] = [.string(SCIMURN.listResponse)]
        // The numbersAsStrings quirk writes them as strings, as some servers wrongly do.
        let number: (Int) -> JSONValue =
            Quirk.active.contains(.numbersAsStrings) ? { .string(String($0)) } : { .int($0) }
        body["totalResults"] = number(total)
        let echoed = Quirk.active.contains(.itemsPerPageEchoesCount) ? requestedCount : nil
        body["itemsPerPage"] = number(echoed ?? resources.count)
        body["startIndex"] = number(startIndex)
        body["Resources"] = .array(resources.map(JSONValue.object))
        return json(.object(body))
    }
}
