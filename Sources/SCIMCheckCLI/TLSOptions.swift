import ArgumentParser
import Foundation
import SCIMCheckHTTP

/// How a command verifies the TLS certificate of the server it talks to: `--cacert FILE` or `--insecure`
/// (`run`, `cleanup` and `admin`).
struct TLSOptions: ParsableArguments {
    @Flag(name: .customLong("insecure"), help: "Do not verify the server's TLS certificate.")
    var insecure = false

    @Option(name: .customLong("cacert"), help: "Verify the server's TLS certificate against this PEM file.")
    var caCertificate: String?

    func validate() throws {
        if insecure, caCertificate != nil { throw ValidationError("--insecure and --cacert exclude each other") }
        if let caCertificate, !FileManager.default.isReadableFile(atPath: caCertificate) {
            throw ValidationError("--cacert \(caCertificate) is not a readable file")
        }
    }

    /// The verification these flags ask for: none, this PEM file's CAs, or the system's trust store.
    var verification: TransportOptions.TLSVerification {
        insecure ? .disabled : caCertificate.map { .caCertificates(path: $0) } ?? .system
    }
}
