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

    @Option(name: .customLong("db"), help: "SQLite database file, or :memory: for a throwaway store.")
    var database = "scimcheck-server.sqlite"

    @Option(
        name: .customLong("sync"), help: "SQLite durability: normal (survives a killed process) or full (power loss).")
    var sync: SyncMode = .normal

    @Flag(
        name: .customLong("rfc-strict"),
        help: "Turn off the lenient flags that accept Okta's and Entra's non-RFC shapes (DESIGN §8.1).")
    var rfcStrict = false

    enum SyncMode: String, ExpressibleByArgument, CaseIterable {
        case normal, full
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
    }

    func run() async throws {
        let given = token ?? ProcessInfo.processInfo.environment["SCIMCHECK_SERVER_TOKEN"]
        let scimToken = given ?? SecretToken.generate()
        let store = try SQLiteSCIMStore(path: database, synchronous: sync == .full ? .full : .normal)
        let logger = Logger(label: "scimcheck.server")
        var configuration = SCIMServerConfiguration(host: host, port: port, scimToken: scimToken)
        configuration.profile = rfcStrict ? .rfcStrict : .compatible
        let server = ReferenceServer(configuration: configuration, store: store, logger: logger)
        try await server.run(handleSignals: true) { boundPort in
            Console().line("SCIM base URL: http://\(host):\(boundPort)/scim/v2")
            if given == nil { Console().line("SCIM bearer token (shown once): \(scimToken)") }
        }
    }
}
