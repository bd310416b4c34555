import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// The bundled reference SCIM 2.0 server: a Hummingbird 2 application over a ``SCIMStore``.
///
/// ```swift
/// let store = try SQLiteSCIMStore(path: ":memory:")
/// let server = ReferenceServer(configuration: .init(scimToken: token), store: store, logger: logger)
/// try await server.withRunning { base in
///     // base is "http://127.0.0.1:<port>/scim/v2"
/// }
/// ```
public struct ReferenceServer: Sendable {
    /// How the server listens and authenticates.
    public let configuration: SCIMServerConfiguration
    /// Where the server keeps its resources.
    public let store: any SCIMStore
    /// Where the server logs; tokens and passwords never reach it.
    public let logger: Logger

    /// Creates a server; nothing listens until ``run(handleSignals:onStarted:)`` or ``withRunning(_:)``.
    public init(configuration: SCIMServerConfiguration, store: any SCIMStore, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.logger = logger
    }

    /// Runs until the task is cancelled (or SIGINT/SIGTERM when `handleSignals`); calls `onStarted` with the bound
    /// port once listening.
    ///
    /// Returns normally when stopped by cancellation or a signal; throws when the server cannot start, for
    /// example when the port is taken.
    public func run(
        handleSignals: Bool = false,
        onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        if let adminToken = configuration.adminToken, adminToken == configuration.scimToken {
            throw ReferenceServerError.adminTokenIsSCIMToken
        }
        let identityProvider = try await (store as? any NinjaOneStore)?.identityProvider() ?? .initial
        let context = ServerContext(configuration: configuration, store: store, identityProvider: identityProvider)
        let router = SCIMRoutes.makeRouter(server: context)
        let configuredPort = configuration.port
        let logger = logger
        let (idleSeconds, idleAttoseconds) = configuration.idleTimeout.components
        let idleTimeout = TimeAmount.nanoseconds(idleSeconds * 1_000_000_000 + idleAttoseconds / 1_000_000_000)
        let http1 = HTTPServerBuilder.http1(configuration: HTTP1Channel.Configuration(idleTimeout: idleTimeout))
        let app = Application(
            router: router,
            server: try configuration.tls.map { try .tls(http1, tlsConfiguration: $0.tlsConfiguration) } ?? http1,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuredPort
                context.didBind(port: port)
                logger.info("SCIM server listening", metadata: ["port": "\(port)"])
                await onStarted(port)
            },
            logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(10)
        let serviceGroup = ServiceGroup(configuration: groupConfiguration)
        // The group runs in its own task so that cancelling ours becomes a graceful shutdown (open connections
        // finish, idle ones close) rather than a cancellation of the server; it is always awaited, never leaked.
        let running = Task { try await serviceGroup.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await serviceGroup.triggerGracefulShutdown() }
        }
    }

    /// Starts on an ephemeral or configured port, runs `body` with the SCIM base URL (e.g.
    /// "http://127.0.0.1:PORT/scim/v2", or https with ``SCIMServerConfiguration/tls``), then stops the server —
    /// structured concurrency, no leaks.
    ///
    /// The server is stopped when `body` returns or throws; its error, if any, is rethrown.
    /// - Throws: ``ReferenceServerError/didNotStart`` (or the server's own error) when it cannot listen.
    public func withRunning<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await run(handleSignals: false) { port in portContinuation.yield(port) }
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                // The server stopped before listening: surface its error.
                try await group.waitForAll()
                throw ReferenceServerError.didNotStart
            }
            let result: Result<T, any Error>
            do {
                result = .success(
                    try await body("\(configuration.scheme)://\(host):\(port)\(SCIMServerConfiguration.basePath)"))
            } catch {
                result = .failure(error)
            }
            group.cancelAll()
            try? await group.waitForAll()
            return try result.get()
        }
    }
}

/// Why the reference server could not run.
public enum ReferenceServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server stopped before it was listening.
    case didNotStart
    /// The admin token equals the SCIM token; the admin API needs its own credential (DESIGN §8.2).
    case adminTokenIsSCIMToken

    public var description: String {
        switch self {
        case .didNotStart: "the SCIM server stopped before it was listening"
        case .adminTokenIsSCIMToken: "the admin token must differ from the SCIM token"
        }
    }
}
