/// Something that sends an ``HTTPRequest`` and records the ``Exchange``.
///
/// The kit talks only to this protocol; libcurl is one implementation (`CurlTransport`). Implementations
/// never block the cooperative thread pool and stop promptly when the calling task is cancelled.
///
/// A request that carries `Accept-Encoding` asks for content decoding: the header goes out exactly as given,
/// and a body the response encodes with one of those codings (`gzip`, `deflate`) is recorded decoded, so it
/// stays readable; the response's header lines (`Content-Encoding` included) are recorded as received.
public protocol Transport: Sendable {
    /// Sends `request` and returns what crossed the wire.
    /// - Throws: ``TransportError`` when no complete response could be had; its `exchange` keeps
    ///   whatever was captured before the failure.
    func send(_ request: HTTPRequest) async throws(TransportError) -> Exchange
}

/// Options every transport honours: timeouts, limits and TLS verification.
public struct TransportOptions: Sendable, Hashable {
    /// How TLS peers are verified.
    public enum TLSVerification: Sendable, Hashable {
        /// Verify against the system's trust store (the default).
        case system
        /// Verify against the PEM certificates in this file only (`--cacert`).
        case caCertificates(path: String)
        /// Do not verify the peer's certificate or host name (`--insecure`).
        case disabled
    }

    /// The longest a connection attempt may take, in milliseconds.
    public var connectTimeoutMilliseconds: Int
    /// The longest a whole transfer may take, in milliseconds.
    public var totalTimeoutMilliseconds: Int
    /// The largest response body accepted, in bytes; larger bodies fail with `responseTooLarge`.
    public var maxResponseBytes: Int
    /// How TLS peers are verified.
    public var tlsVerification: TLSVerification
    /// Whether plain HTTP is allowed to hosts other than loopback (`--allow-http`).
    public var allowHTTP: Bool

    /// Creates options; defaults are 10 s to connect, 30 s per transfer, 8 MiB bodies, system TLS trust.
    public init(
        connectTimeoutMilliseconds: Int = 10_000, totalTimeoutMilliseconds: Int = 30_000,
        maxResponseBytes: Int = 8 << 20, tlsVerification: TLSVerification = .system, allowHTTP: Bool = false
    ) {
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.maxResponseBytes = maxResponseBytes
        self.tlsVerification = tlsVerification
        self.allowHTTP = allowHTTP
    }
}
