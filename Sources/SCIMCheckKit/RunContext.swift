import SCIMCheckHTTP
import SCIMCore

/// What every session of a run shares: the target, credentials, transport, run tag and settings.
public struct RunContext: Sendable {
    /// The SCIM base URL, without a trailing slash, such as `https://host/scim/v2`.
    public let baseURL: String
    /// How requests authenticate.
    public let credentials: Credentials
    /// What sends requests.
    public let transport: any Transport
    /// A short run-unique marker carried by every resource the kit creates.
    public let runTag: String
    /// Named engine settings (`--okta-option NAME=VALUE`), read by the simulator.
    public let settings: [String: String]
    /// Whether write scenarios may run against this target.
    public let writesAllowed: Bool
    /// Limits for parsing response bodies.
    public let jsonLimits: JSONParseLimits
    /// The capabilities the target advertised.
    public internal(set) var capabilities: Capabilities
    /// Where every create and removal is recorded as it happens, when the run keeps a ledger.
    public var ledger: Ledger?
    /// The target's admin API, when the run can reach one (the embedded reference server's).
    public let admin: AdminAPI?

    /// The `User-Agent` of the kit's own requests (setup, cleanup, RFC scenarios), never Okta's.
    public static let userAgent = "scimcheck/\(ToolInfo.version)"

    /// Creates a run context.
    public init(
        baseURL: String, credentials: Credentials, transport: any Transport, runTag: String,
        settings: [String: String] = [:], writesAllowed: Bool, jsonLimits: JSONParseLimits = JSONParseLimits(),
        capabilities: Capabilities = Capabilities(), ledger: Ledger? = nil, admin: AdminAPI? = nil
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.transport = transport
        self.runTag = runTag
        self.settings = settings
        self.writesAllowed = writesAllowed
        self.jsonLimits = jsonLimits
        self.capabilities = capabilities
        self.ledger = ledger
        self.admin = admin
    }

    /// Every secret the run puts on the wire: the SCIM credentials' and the admin token.
    public var secrets: [String] { credentials.secrets + (admin.map { [$0.token] } ?? []) }

    /// The absolute URL of `path` (relative to the base, starting with `/`) with an encoded `query`.
    public func url(_ path: String, query: String? = nil) -> String {
        var url = baseURL + (path.hasPrefix("/") || path.isEmpty ? path : "/" + path)
        if let query, !query.isEmpty { url += "?" + query }
        return url
    }
}

/// The tool's name and version, as reports and the kit's User-Agent give them.
public enum ToolInfo {
    /// The tool's name.
    public static let name = "scimcheck"
    /// The tool's version.
    public static let version = "0.1.0"
}
