/// A request a transport is asked to send: method, absolute URL, header fields in order, optional body.
///
/// The URL's path and query are sent byte for byte as given: callers encode queries themselves,
/// because how a client encodes them (`%20` or `+`) is part of what a scenario reproduces.
public struct HTTPRequest: Sendable, Hashable, Codable {
    /// The method, such as `GET` or `PATCH`.
    public var method: String
    /// The absolute URL, with its query already encoded.
    public var url: String
    /// The header fields to send, in order. The transport adds `Host` and `Content-Length` itself.
    public var headers: [HTTPHeader]
    /// The body, if any.
    public var body: Body?

    /// Creates a request.
    public init(method: String, url: String, headers: [HTTPHeader] = [], body: Body? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
