/// How the reference server listens, authenticates and bounds its work.
public struct SCIMServerConfiguration: Sendable {
    /// The address to bind, `127.0.0.1` by default (loopback only).
    public var host: String
    /// The TCP port to bind; `0` asks the system for an ephemeral port.
    public var port: Int
    /// The bearer token every SCIM request must carry (RFC 7644 §2, checklist SEC-01/02). Never logged.
    public var scimToken: String
    /// The absolute SCIM base URL used in `Location` and `meta.location`, such as `https://idp.example/scim/v2`.
    ///
    /// When `nil`, the base is built from the request's `Host` header (or the bound address) and ``basePath``.
    public var publicBaseURL: String?
    /// The largest request body accepted, in bytes; larger bodies get a 413 SCIM error. 1 MiB by default.
    public var maxBodyBytes: Int
    /// The page size of a list request without `count` (RFC 7644 §3.4.2.4, checklist LST-09).
    public var defaultPageSize: Int
    /// The largest page returned, advertised as `filter.maxResults` (RFC 7643 §5).
    public var maxPageSize: Int
    /// The most operations one `POST /Bulk` may carry, advertised as `bulk.maxOperations` (RFC 7644 §3.7.4).
    ///
    /// `bulk.maxPayloadSize` is ``maxBodyBytes``.
    public var bulkMaxOperations: Int
    /// Which lenient behaviours are on: ``ServerProfile/compatible`` by default (DESIGN §8.1).
    public var profile: ServerProfile
    /// The bearer token of the admin API under `/admin/v1` (DESIGN §8.2); `nil` turns the admin API off.
    ///
    /// It never opens SCIM endpoints, and SCIM tokens never open the admin API. Never logged.
    public var adminToken: String?
    /// Injected interop bugs for the kit's self-tests (DESIGN §5); none by default. Only code sets them, never a
    /// request.
    public var quirks: Set<Quirk>
    /// How long a connection may stay silent before the server closes it: no request, or a request head that never
    /// completes (a slow loris), so idle clients cannot hold connections forever. 60 seconds by default.
    public var idleTimeout: Duration
    /// The certificate and key to serve HTTPS with (DESIGN §8.14); `nil`, the default, serves plain HTTP.
    public var tls: ServerTLSIdentity?
    /// The clock of the SCIM token lifecycle (generation and the six-month expiry); tests inject one to move time.
    public var clock: @Sendable () -> SCIMTimestamp

    /// The path of the SCIM base under the server root (DESIGN §8.2).
    public static let basePath = "/scim/v2"

    /// The URL scheme the server answers on: `https` with ``tls``, `http` without.
    public var scheme: String { tls == nil ? "http" : "https" }

    /// Creates a configuration for a server on `host:port` accepting `scimToken`.
    public init(host: String = "127.0.0.1", port: Int = 0, scimToken: String) {
        self.host = host
        self.port = port
        self.scimToken = scimToken
        self.publicBaseURL = nil
        self.maxBodyBytes = 1 << 20
        self.defaultPageSize = 100
        self.maxPageSize = 200
        self.bulkMaxOperations = 1000
        self.profile = .compatible
        self.adminToken = nil
        self.quirks = []
        self.idleTimeout = .seconds(60)
        self.tls = nil
        self.clock = { SCIMTimestamp.now() }
    }
}

extension SCIMServerConfiguration: CustomStringConvertible {
    /// A description that never shows the tokens.
    public var description: String {
        "SCIMServerConfiguration(host: \(host), port: \(port), scimToken: <redacted>, "
            + "adminToken: \(adminToken == nil ? "nil" : "<redacted>"), "
            + "publicBaseURL: \(publicBaseURL ?? "nil"), maxBodyBytes: \(maxBodyBytes), "
            + "tls: \(tls.map { "\($0.certificateFile), \($0.keyFile)" } ?? "nil"), "
            + "profile: \(profile.name), quirks: [\(quirks.map(\.rawValue).sorted().joined(separator: ", "))])"
    }
}
