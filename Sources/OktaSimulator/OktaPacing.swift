/// How fast and how concurrently the engine talks to the app, and how it honours rate limits.
///
/// Okta publishes no client-side figures (okta-behavior §9.3); these are parameters, not constants, so
/// load shaped like a mass assignment can be simulated later.
public struct OktaPacing: Sendable, Hashable {
    /// How many users of a group assignment are provisioned at once.
    public var concurrency: Int
    /// How many times a request answered 429 is retried before its task fails.
    public var retryLimit: Int
    /// The longest `Retry-After` honoured, in seconds; longer waits are cut to this.
    public var maxRetryAfterSeconds: Int
    /// The wait when a 429 carries no usable `Retry-After`, in seconds.
    public var defaultRetryAfterSeconds: Int

    /// Creates pacing parameters.
    public init(
        concurrency: Int = 1, retryLimit: Int = 5, maxRetryAfterSeconds: Int = 60, defaultRetryAfterSeconds: Int = 5
    ) {
        self.concurrency = max(1, concurrency)
        self.retryLimit = max(0, retryLimit)
        self.maxRetryAfterSeconds = max(0, maxRetryAfterSeconds)
        self.defaultRetryAfterSeconds = max(0, defaultRetryAfterSeconds)
    }
}
