import Foundation

/// A throwaway self-signed certificate for `localhost` and `127.0.0.1`, made with the `openssl` tool.
public struct SelfSignedCertificate: Sendable {
    /// The temporary directory holding both files.
    public let directory: URL
    /// The PEM certificate, which is also the CA to trust.
    public var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    /// The PEM private key.
    public var keyPath: String { directory.appendingPathComponent("key.pem").path }

    /// Generates a fresh certificate and key in a new temporary directory.
    /// - Throws: ``TestServers/StartError`` with openssl's diagnostics when it fails.
    public init() async throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("self-signed-\(UUID().uuidString)")
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
        // Reading the pipe and waiting block, so they run on a dispatch thread, not the cooperative pool.
        let (status, diagnostics) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let diagnostics = reader.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, diagnostics))
            }
        }
        guard status == 0 else {
            remove()
            throw TestServers.StartError(description: "openssl: " + String(decoding: diagnostics, as: UTF8.self))
        }
    }

    /// Deletes the directory.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
