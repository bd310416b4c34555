import Foundation
import Logging
import SCIMServer
import SCIMServerSQLite

/// Runs a reference server on an ephemeral loopback port for one test.
enum TestServer {
    static let token = "test-token-4f1c2a9e"
    /// The admin API's token (DESIGN §8.2), distinct from the SCIM token.
    static let adminToken = "test-admin-token-b83d0c51"

    static var logger: Logger {
        var logger = Logger(label: "scimcheck.tests.server")
        logger.logLevel = .warning
        return logger
    }

    /// Starts a server over `store` (a fresh in-memory one by default), runs `body` with a client, stops it.
    ///
    /// `configure` adjusts the configuration, for example `{ $0.profile = .rfcStrict }`.
    static func with<T: Sendable>(
        store: (any SCIMStore)? = nil,
        configure: (inout SCIMServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestHTTPClient) async throws -> T
    ) async throws -> T {
        var configuration = SCIMServerConfiguration(scimToken: token)
        configuration.adminToken = adminToken
        configure(&configuration)
        let server = ReferenceServer(
            configuration: configuration, store: try store ?? SQLiteSCIMStore(path: ":memory:"), logger: logger)
        return try await server.withRunning { base in
            try await body(TestHTTPClient(base: base, token: token))
        }
    }

    /// A fresh path for a database file in a new temporary directory.
    static func temporaryDatabasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("scimcheck-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("scim.sqlite").path
    }
}
