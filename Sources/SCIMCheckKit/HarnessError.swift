import SCIMCheckHTTP

/// A problem of the harness rather than a verdict on the target: the run or a scenario could not proceed.
///
/// Unreachable targets, TLS failures, credentials rejected on the first call and unusable report
/// directories are harness errors; `scimcheck run` exits 2 for them.
public struct HarnessError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The raw name, as reports show it.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The target could not be reached, or a transfer failed (timeout, truncation, size cap).
        public static let transport = Code("transport")
        /// The target refused the credentials on the first call.
        public static let authenticationRejected = Code("authenticationRejected")
        /// The run was configured in a way that cannot work.
        public static let configuration = Code("configuration")
        /// Reports could not be written.
        public static let reportOutput = Code("reportOutput")
        /// A scenario's own code failed.
        public static let scenario = Code("scenario")

        public var description: String { rawValue }

        /// Decodes the code from its raw name.
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        /// Encodes the code as its raw name, a plain JSON string.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// The kind of problem.
    public var code: Code
    /// What happened, in a sentence a user can act on.
    public var message: String
    /// The exchange that shows it, when there is one.
    public var exchange: Exchange?

    /// Creates a harness error.
    public init(_ code: Code, _ message: String, exchange: Exchange? = nil) {
        self.code = code
        self.message = message
        self.exchange = exchange
    }

    /// Wraps a transport failure.
    public init(_ error: TransportError) {
        self.init(.transport, "\(error.code): \(error.message)", exchange: error.exchange)
    }

    public var description: String { message }
}

/// Thrown by ``Session/skip(_:)`` to end a scenario as skipped.
struct ScenarioSkip: Error {
    let reason: String
}

/// Thrown by ``Session/require(_:_:expected:level:fileID:line:)`` after recording the failed requirement.
struct RequirementFailed: Error {}
