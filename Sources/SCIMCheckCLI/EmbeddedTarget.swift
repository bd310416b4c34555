import CurlTransport
import Foundation
import Logging
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMServer
import SCIMServerSQLite

/// The reference NinjaOne server a run starts when no `--target` is given (DESIGN §2, §8.13): an ephemeral
/// loopback port, a fresh database file, a generated SCIM token, and a generated admin token that scenarios
/// marked ``ScenarioTrait/adminAPI`` use.
public enum EmbeddedTarget {
    /// Starts the server with `configure` applied to its configuration (tests set quirks there), calls `body`
    /// with the SCIM base URL, the run's credentials and the admin API, and stops the server.
    public static func withRunning<T: Sendable>(
        configure: (inout SCIMServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (_ baseURL: String, _ credentials: Credentials, _ admin: AdminAPI) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("scimcheck-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = SecretToken.generate()
        let adminToken = SecretToken.generate()
        let store = try SQLiteSCIMStore(path: directory.appendingPathComponent("scim.sqlite").path)
        var logger = Logger(label: "scimcheck.server")
        logger.logLevel = .error
        var configuration = SCIMServerConfiguration(host: "127.0.0.1", port: 0, scimToken: token)
        configuration.adminToken = adminToken
        configure(&configuration)
        let server = ReferenceServer(configuration: configuration, store: store, logger: logger)
        return try await server.withRunning { baseURL in
            try await body(baseURL, .bearer(token), AdminAPI(baseURL: adminBase(of: baseURL), token: adminToken))
        }
    }

    /// Runs `catalog` (all of it unless `selection` says otherwise) against a fresh embedded server with
    /// `configure` applied, as `scimcheck run` does without `--target`, and returns the report.
    public static func run(
        _ catalog: Catalog, selection: Selection = Selection(),
        configure: (inout SCIMServerConfiguration) -> Void = { _ in }
    ) async throws -> RunReport {
        try await withRunning(configure: configure) { baseURL, credentials, admin in
            let runID = Runner.makeRunID()
            let context = RunContext(
                baseURL: baseURL, credentials: credentials, transport: CurlTransport(),
                runTag: String(runID.suffix(4)), writesAllowed: true, admin: admin)
            let options = Runner.Options(
                selection: selection, embedded: true, preflight: OktaCredentialsPreflight(), runID: runID)
            return await Runner(catalog: catalog, context: context, options: options).run()
        }
    }

    /// The admin API's base for a SCIM base such as `http://127.0.0.1:8080/scim/v2` (DESIGN §8.2).
    static func adminBase(of scimBase: String) -> String {
        let root =
            scimBase.hasSuffix(SCIMServerConfiguration.basePath)
            ? String(scimBase.dropLast(SCIMServerConfiguration.basePath.count)) : scimBase
        return root + "/admin/v1"
    }
}
