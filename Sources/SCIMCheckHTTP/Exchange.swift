import Foundation

/// One request and its response as they crossed the wire, with timings: the evidence behind a verdict.
///
/// `request` is what the caller asked for; `sent` is what the transport actually wrote (request line and
/// header lines as the HTTP library emitted them, and the body bytes). `response` is absent when the
/// transfer failed before a status line arrived.
public struct Exchange: Sendable, Hashable, Codable {
    /// The request as the caller described it.
    public var request: HTTPRequest
    /// The request as written to the connection, when the transport could capture it.
    public var sent: SentRequest?
    /// The response, when one arrived.
    public var response: HTTPResponse?
    /// Where the time went.
    public var timings: Timings
    /// Facts about the connection used.
    public var connection: ConnectionInfo
    /// When the transfer started.
    public var startedAt: Date

    /// Creates an exchange record.
    public init(
        request: HTTPRequest, sent: SentRequest? = nil, response: HTTPResponse? = nil,
        timings: Timings = Timings(), connection: ConnectionInfo = ConnectionInfo(), startedAt: Date = Date()
    ) {
        self.request = request
        self.sent = sent
        self.response = response
        self.timings = timings
        self.connection = connection
        self.startedAt = startedAt
    }
}

/// The request as the transport wrote it.
public struct SentRequest: Sendable, Hashable, Codable {
    /// The request line, such as `GET /scim/v2/Users?startIndex=1&count=2 HTTP/1.1`.
    public var requestLine: String
    /// The header lines after the request line, exactly as written, without line endings.
    public var headerLines: [String]
    /// The body bytes written.
    public var body: Body?

    /// Creates a record of a written request.
    public init(requestLine: String, headerLines: [String], body: Body? = nil) {
        self.requestLine = requestLine
        self.headerLines = headerLines
        self.body = body
    }

    /// The header lines split into fields (name before the first colon, value trimmed).
    public var headers: [HTTPHeader] { HTTPHeader.parse(lines: headerLines) }
}

/// A response: the raw status and header lines as received, the parsed status, and the body.
public struct HTTPResponse: Sendable, Hashable, Codable {
    /// The status line as received, such as `HTTP/1.1 201 Created`.
    public var statusLine: String
    /// The status code.
    public var status: Int
    /// The header lines of the final response, exactly as received, without line endings.
    public var headerLines: [String]
    /// The body bytes.
    public var body: Body

    /// Creates a response record.
    public init(statusLine: String, status: Int, headerLines: [String], body: Body) {
        self.statusLine = statusLine
        self.status = status
        self.headerLines = headerLines
        self.body = body
    }

    /// The header lines split into fields.
    public var headers: [HTTPHeader] { HTTPHeader.parse(lines: headerLines) }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers.first(named: name) }
}

extension HTTPHeader {
    /// Splits raw header lines into fields; lines without a colon are skipped.
    public static func parse(lines: [String]) -> [HTTPHeader] {
        lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return HTTPHeader(name, value)
        }
    }
}

/// Where the time of one transfer went, in microseconds from its start.
///
/// `connect` and `tls` are zero when the transfer reused a connection (DESIGN §8.18).
public struct Timings: Sendable, Hashable, Codable {
    /// Name resolution done.
    public var nameLookup: Int64
    /// TCP connection established.
    public var connect: Int64
    /// TLS handshake done (zero without TLS).
    public var tls: Int64
    /// First response byte received.
    public var firstByte: Int64
    /// Transfer complete.
    public var total: Int64

    /// Creates timings; all zero by default.
    public init(nameLookup: Int64 = 0, connect: Int64 = 0, tls: Int64 = 0, firstByte: Int64 = 0, total: Int64 = 0) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
    }
}

/// Facts about the connection a transfer used.
public struct ConnectionInfo: Sendable, Hashable, Codable {
    /// Whether an existing connection was reused (no new connect).
    public var reused: Bool
    /// The HTTP version used, such as `1.1`.
    public var httpVersion: String?
    /// The remote IP address.
    public var remoteAddress: String?
    /// The remote port.
    public var remotePort: Int?

    /// Creates connection facts.
    public init(reused: Bool = false, httpVersion: String? = nil, remoteAddress: String? = nil, remotePort: Int? = nil)
    {
        self.reused = reused
        self.httpVersion = httpVersion
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
    }
}
