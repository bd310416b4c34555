import ArgumentParser
import Foundation
import Logging
import SCIMServer
import SCIMServerSQLite

/// `scimcheck serve`: runs the reference NinjaOne SCIM server until interrupted.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the reference NinjaOne SCIM server (SCIM base /scim/v2).")

    @Option(name: .customLong("host"), help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .customLong("port"), help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(
        name: .customLong("token"),
        help: "Fixed SCIM bearer token (or env SCIMCHECK_SERVER_TOKEN); generated and printed when absent.")
    var token: String?

    @Option(
        name: .customLong("admin-token"),
        help: """
            Bearer token of the admin API under /admin/v1 (or env SCIMCHECK_ADMIN_TOKEN); generated and printed \
            when absent. Must differ from the SCIM token.
            """)
    var adminToken: String?

    @Option(name: .customLong("db"), help: "SQLite database file, or :memory: for a throwaway store.")
    var database = "scimcheck-server.sqlite"

    @Option(
        name: .customLong("sync"), help: "SQLite durability: normal (survives a killed process) or full (power loss).")
    var sync: SyncMode = .normal

    @Flag(
        name: .customLong("rfc-strict"),
        help: "Turn off the lenient flags that accept Okta's and Entra's non-RFC shapes (DESIGN §8.1).")
    var rfcStrict = false

    @Option(
        name: .customLong("tls-cert"),
        help: "PEM certificate chain to serve HTTPS with (with --tls-key; DESIGN §8.14).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    enum SyncMode: String, ExpressibleByArgument, CaseIterable {
        case normal, full
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        let environment = ProcessInfo.processInfo.environment
        if let scim = token ?? environment["SCIMCHECK_SERVER_TOKEN"],
            let admin = adminToken ?? environment["SCIMCHECK_ADMIN_TOKEN"], scim == admin
        {
            throw ValidationError("--admin-token must differ from the SCIM token (DESIGN §8.2)")
        }
        _ = try tlsIdentity()
    }

    /// The HTTPS identity from `--tls-cert` and `--tls-key`, `nil` without them.
    ///
    /// - Throws: `ValidationError` (a usage error, exit 64) when only one is given or a file cannot serve.
    func tlsIdentity() throws -> ServerTLSIdentity? {
        switch (tlsCertificate, tlsKey) {
        case (nil, nil): return nil
        case (let certificate?, let key?):
            do {
                return try ServerTLSIdentity(certificateFile: certificate, keyFile: key)
            } catch {
                throw ValidationError("cannot serve HTTPS: \(error)")
            }
        default: throw ValidationError("--tls-cert and --tls-key go together: give both to serve HTTPS, or neither")
        }
    }

    func run() async throws {
        let given = token ?? ProcessInfo.processInfo.environment["SCIMCHECK_SERVER_TOKEN"]
        let scimToken = given ?? SecretToken.generate()
        let givenAdmin = adminToken ?? ProcessInfo.processInfo.environment["SCIMCHECK_ADMIN_TOKEN"]
        let admin = givenAdmin ?? SecretToken.generate()
        let store = try SQLiteSCIMStore(path: database, synchronous: sync == .full ? .full : .normal)
        let logger = Logger(label: "scimcheck.server")
        let identityProvider = try await store.identityProvider()
        var configuration = SCIMServerConfiguration(host: host, port: port, scimToken: scimToken)
        configuration.profile = rfcStrict ? .rfcStrict : .compatible
        configuration.adminToken = admin
        configuration.tls = try tlsIdentity()
        let scheme = configuration.scheme
        let server = ReferenceServer(configuration: configuration, store: store, logger: logger)
        try await server.run(handleSignals: true) { boundPort in
            Console().line("SCIM base URL: \(scheme)://\(host):\(boundPort)/scim/v2")
            if given == nil { Console().line("SCIM bearer token (shown once): \(scimToken)") }
            Console().line("Admin API: \(scheme)://\(host):\(boundPort)/admin/v1")
            if givenAdmin == nil { Console().line("Admin bearer token (shown once): \(admin)") }
            if identityProvider.tokenSource != .configured {
                Console().line(
                    "Note: this database's SCIM token is \(identityProvider.tokenSource.rawValue) through the admin API, "
                        + "so the configured token is not accepted (scimcheck admin token rotate).")
            }
            if !identityProvider.scimEnabled {
                Console().line("Note: SCIM provisioning is disabled (scimcheck admin scim enable).")
            }
        }
    }
}
