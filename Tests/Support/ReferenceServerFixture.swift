import Foundation
import Logging
import SCIMServer
import SCIMServerSQLite

/// The reference NinjaOne server in-process on an ephemeral loopback port, for tests that talk to it over
/// real HTTP: the server's own tests and the Okta engine's flow tests share it.
public enum ReferenceServerFixture {
    /// The SCIM bearer token the server accepts.
    public static let scimToken = "test-token-4f1c2a9e"
    /// The admin API's token (DESIGN §8.2), distinct from the SCIM token.
    public static let adminToken = "test-admin-token-b83d0c51"

    /// A logger that keeps test output quiet (warnings and worse only).
    public static var logger: Logger {
        var logger = Logger(label: "scimcheck.tests.server")
        logger.logLevel = .warning
        return logger
    }

    /// Starts a server over `store` (a fresh in-memory one by default), runs `body` with its SCIM base URL
    /// (`http://127.0.0.1:PORT/scim/v2`), then stops it.
    ///
    /// `configure` adjusts the configuration, for example `{ $0.profile = .rfcStrict }`.
    public static func with<T: Sendable>(
        store: (any SCIMStore)? = nil,
        configure: (inout SCIMServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (String) async throws -> T
    ) async throws -> T {
        var configuration = SCIMServerConfiguration(scimToken: scimToken)
        configuration.adminToken = adminToken
        configure(&configuration)
        let server = ReferenceServer(
            configuration: configuration, store: try store ?? SQLiteSCIMStore(path: ":memory:"), logger: logger)
        return try await server.withRunning(body)
    }
}
