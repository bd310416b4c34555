/// Why a transport could not deliver a complete response.
///
/// Shaped like SwiftNIO's `FileSystemError`: a ``Code`` that can grow without breaking callers, a message
/// that says what happened and what to do, and the partial ``Exchange`` as evidence.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidURL, insecureURL, couldNotResolve, couldNotConnect, timedOut, tls, responseTooLarge
            case truncatedResponse, protocolError, cancelled, other
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The URL is malformed or uses an unsupported scheme.
        public static let invalidURL = Code(.invalidURL)
        /// The URL is plain HTTP to a non-loopback host, or its host has `_` (Okta refuses both).
        public static let insecureURL = Code(.insecureURL)
        /// The host name did not resolve.
        public static let couldNotResolve = Code(.couldNotResolve)
        /// The connection was refused or could not be made.
        public static let couldNotConnect = Code(.couldNotConnect)
        /// The connect or total timeout passed.
        public static let timedOut = Code(.timedOut)
        /// The TLS handshake or peer verification failed.
        public static let tls = Code(.tls)
        /// The response body was larger than the configured limit.
        public static let responseTooLarge = Code(.responseTooLarge)
        /// The connection closed before the announced body was complete.
        public static let truncatedResponse = Code(.truncatedResponse)
        /// The peer spoke something other than valid HTTP.
        public static let protocolError = Code(.protocolError)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// Any other failure of the HTTP library.
        public static let other = Code(.other)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, in a sentence a user can act on.
    public var message: String
    /// Whatever was captured before the failure.
    public var exchange: Exchange?

    /// Creates a transport error.
    public init(_ code: Code, _ message: String, exchange: Exchange? = nil) {
        self.code = code
        self.message = message
        self.exchange = exchange
    }

    public var description: String { "\(code): \(message)" }
}
