import Hummingbird
import SCIMCore
import Synchronization

/// What every endpoint shares: configuration, store, limits and the address the server is bound to.
final class ServerContext: Sendable {
    let configuration: SCIMServerConfiguration
    let store: any SCIMStore
    let passwordHasher: PasswordHasher
    let bodyReader: RequestBodyReader
    /// The NinjaOne accounts and settings, when the store keeps them.
    let accounts: (any NinjaOneStore)?
    /// Writes users together with their NinjaOne accounts.
    let users: UserWriter
    /// The tokens accepted and whether SCIM is enabled.
    let credentials: SCIMCredentials
    /// The turns of concurrent updates to one resource.
    let resourceLocks = ResourceLocks()
    private let boundPort = Mutex<Int?>(nil)

    init(
        configuration: SCIMServerConfiguration, store: any SCIMStore,
        identityProvider: IdentityProviderState = .initial
    ) {
        self.configuration = configuration
        self.store = store
        self.accounts = store as? any NinjaOneStore
        self.users = UserWriter(store: store, accounts: store as? any NinjaOneStore)
        self.credentials = SCIMCredentials(configuration: configuration, state: identityProvider)
        self.passwordHasher = PasswordHasher()
        self.bodyReader = RequestBodyReader(
            maxBytes: configuration.maxBodyBytes,
            acceptsParameters: configuration.profile.allows(.httpLenientContentType))
    }

    /// The lenient behaviours in force.
    var profile: ServerProfile { configuration.profile }

    /// Records the port the server listens on once it is bound.
    func didBind(port: Int) {
        boundPort.withLock { $0 = port }
    }

    /// The `attributes` / `excludedAttributes` of a request's query (ATTR-10: they apply to POST, PUT and PATCH too).
    func projection(for request: Request) throws -> AttributeProjection {
        let parameters = QueryParameters(query: request.uri.query)
        func list(_ name: String) throws -> [String]? {
            guard let found = parameters[name] else { return nil }
            guard let text = found else {
                throw SCIMError.invalidValue("the query parameter \(name) is not valid UTF-8")
            }
            return [text]
        }
        return try AttributeProjection(
            attributes: try list("attributes"), excludedAttributes: try list("excludedAttributes"))
    }

    /// The absolute SCIM base URL for a request, without a trailing slash and without a query (GEN-08).
    ///
    /// The configured public URL wins; otherwise the request's `Host` (when it is a plain host and port),
    /// otherwise the bound address; the scheme is https when the server serves TLS.
    func baseURL(for request: Request) -> String {
        if let configured = configuration.publicBaseURL {
            var base = configured
            while base.hasSuffix("/") { base.removeLast() }
            return base
        }
        let authority: String
        if let host = request.head.authority, Self.isPlainAuthority(host) {
            authority = host
        } else {
            let port = boundPort.withLock { $0 } ?? configuration.port
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            authority = "\(host):\(port)"
        }
        return "\(configuration.scheme)://\(authority)\(SCIMServerConfiguration.basePath)"
    }

    /// The timestamp of a change after `previous`: now, but always later than `previous` (PUT-08, PATCH-41).
    static func modificationTime(after previous: SCIMTimestamp) -> SCIMTimestamp {
        let now = SCIMTimestamp.now()
        return now > previous ? now : SCIMTimestamp(millisecondsSince1970: previous.millisecondsSince1970 + 1)
    }

    /// Whether a `Host` value is a host name or address with an optional port, nothing else.
    private static func isPlainAuthority(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 255 else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || ".-:[]_".unicodeScalars.contains(scalar))
        }
    }
}
