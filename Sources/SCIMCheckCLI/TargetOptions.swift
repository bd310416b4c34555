import ArgumentParser
import Foundation
import SCIMCheckHTTP
import SCIMCheckKit

/// The target and transport options of `scimcheck run`.
struct TargetOptions: ParsableArguments {
    @Option(
        name: .customLong("target"), help: "SCIM base URL, such as https://host/scim/v2 (default: embedded server).")
    var url: String?

    @Option(name: .customLong("token"), help: "Bearer token: Authorization: Bearer T (or env SCIM_TOKEN).")
    var token: String?

    @Option(name: .customLong("header-token"), help: "Raw header token: Authorization: T (or env SCIM_HEADER_TOKEN).")
    var headerToken: String?

    @Option(name: .customLong("basic"), help: "Basic credentials USER:PASSWORD (or env SCIM_BASIC).")
    var basic: String?

    @Flag(name: .customLong("allow-http"), help: "Allow plain HTTP to a non-loopback target (Okta never does).")
    var allowHTTP = false

    @Flag(name: .customLong("insecure"), help: "Do not verify the target's TLS certificate.")
    var insecure = false

    @Option(name: .customLong("cacert"), help: "Verify the target's TLS certificate against this PEM file.")
    var caCertificate: String?

    @Option(name: .customLong("timeout"), help: "Seconds one request may take.")
    var timeout: Double = 30

    @Option(name: .customLong("connect-timeout"), help: "Seconds a connection attempt may take.")
    var connectTimeout: Double = 10

    func validate() throws {
        if insecure, caCertificate != nil { throw ValidationError("--insecure and --cacert exclude each other") }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        if let caCertificate, !FileManager.default.isReadableFile(atPath: caCertificate) {
            throw ValidationError("--cacert \(caCertificate) is not a readable file")
        }
        if let url {
            do {
                try TargetPolicy.check(url, allowHTTP: allowHTTP)
            } catch {
                throw ValidationError(error.message)
            }
        } else if token != nil || headerToken != nil || basic != nil {
            throw ValidationError("credentials go with --target; the embedded server uses a generated token")
        }
        _ = try credentials(environment: ProcessInfo.processInfo.environment)
    }

    /// The credentials from flags, else from `SCIM_TOKEN`, `SCIM_HEADER_TOKEN` or `SCIM_BASIC`.
    func credentials(environment: [String: String]) throws -> Credentials {
        let token = token ?? environment["SCIM_TOKEN"]
        let headerToken = headerToken ?? environment["SCIM_HEADER_TOKEN"]
        let basic = basic ?? environment["SCIM_BASIC"]
        let given = [token, headerToken, basic].compactMap { $0 }
        guard given.count <= 1 else {
            throw ValidationError("give one of --token, --header-token or --basic")
        }
        if let token { return .bearer(token) }
        if let headerToken { return .header(headerToken) }
        if let basic {
            guard let colon = basic.firstIndex(of: ":") else { throw ValidationError("--basic takes USER:PASSWORD") }
            return .basic(user: String(basic[..<colon]), password: String(basic[basic.index(after: colon)...]))
        }
        return .none
    }

    /// The transport options these flags describe.
    var transportOptions: TransportOptions {
        TransportOptions(
            connectTimeoutMilliseconds: Int(connectTimeout * 1000), totalTimeoutMilliseconds: Int(timeout * 1000),
            tlsVerification: insecure ? .disabled : caCertificate.map { .caCertificates(path: $0) } ?? .system,
            allowHTTP: allowHTTP)
    }
}
