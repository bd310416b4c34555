import Foundation

/// A throwaway self-signed certificate for `localhost` and `127.0.0.1`, made with the `openssl` tool.
struct SelfSignedCertificate {
    /// The temporary directory holding both files.
    let directory: URL
    /// The PEM certificate, which is also the CA to trust.
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    /// The PEM private key.
    var keyPath: String { directory.appendingPathComponent("key.pem").path }

    /// Generates a fresh certificate and key in a new temporary directory.
    init() async throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("curl-transport-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "1",
            "-keyout", directory.appendingPathComponent("key.pem").path,
            "-out", directory.appendingPathComponent("cert.pem").path,
        ]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let reader = errors.fileHandleForReading
        let (status, diagnostics) = await offCooperativePool {
            let diagnostics = reader.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, diagnostics)
        }
        guard status == 0 else {
            remove()
            throw TestServerError.commandFailed("openssl: " + String(decoding: diagnostics, as: UTF8.self))
        }
    }

    /// Deletes the directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
