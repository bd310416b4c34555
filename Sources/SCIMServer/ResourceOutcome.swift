import Hummingbird
import SCIMCore

/// What a write on one resource produced, before it becomes an HTTP response or a bulk operation's result.
///
/// The handlers of `/Users` and `/Groups` and the operations of `/Bulk` share the code that produces it, so a bulk
/// operation behaves exactly like the equivalent single request (RFC 7644 §3.7, checklist BULK-13).
struct ResourceOutcome: Sendable {
    /// The HTTP status of the single request: 201, 200 or 204.
    var status: HTTPResponse.Status
    /// The resource's `id`.
    var id: String
    /// The (projected) representation, or `nil` when the answer has no body.
    var resource: JSONObject?
    /// The resource's entity tag after the operation (`meta.version`, ETAG-01); `nil` after a DELETE.
    var etag: String?
    /// The resource's absolute URI (`meta.location`, CRT-02).
    var location: String

    /// The HTTP response: the resource with its `ETag`, plus `Location` for a creation (CRT-02); or no body.
    var response: Response {
        guard let resource else { return SCIMResponse.noContent(etag: etag) }
        var headers: HTTPFields = [:]
        if let etag { headers[.eTag] = etag }
        if status == .created { headers[.location] = location }
        return SCIMResponse.json(.object(resource), status: status, headers: headers)
    }
}
