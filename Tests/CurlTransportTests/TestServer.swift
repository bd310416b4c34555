import Foundation
import SCIMCheckHTTP
import SCIMCheckTestSupport
import Testing

/// A loopback HTTP(S) server run from `Fixtures/server.py` for the length of one test.
///
/// The script prints its port, then the other host's `host:port`. `stop()` terminates it; it also exits by
/// itself after 60 s or when its stdin (held open by this object) closes.
final class TestServer {
    /// The main listener's port on 127.0.0.1.
    let port: Int
    /// The redirect target's `host:port`, on 127.0.0.2 when the system allows it.
    let otherAddress: String
    /// `http` or `https`.
    let scheme: String

    private let process: Process
    private let input: Pipe

    /// Starts the server, over TLS with `certificate` when one is given, and waits for it to listen.
    init(certificate: SelfSignedCertificate? = nil) async throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let script = fixtures.appendingPathComponent("server.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        if let certificate {
            process.arguments? += ["--tls", certificate.certificatePath, certificate.keyPath]
        }
        scheme = certificate == nil ? "http" : "https"
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()

        let reader = output.fileHandleForReading
        let data = await offCooperativePool {
            var data = Data()
            while data.count(where: { $0 == UInt8(ascii: "\n") }) < 2 {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return data
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count >= 2, let port = Int(lines[0]) else {
            process.terminate()
            throw TestServerError.didNotStart(String(decoding: data, as: UTF8.self))
        }
        self.port = port
        otherAddress = lines[1]
    }

    /// The absolute URL of `path` (with its query) on the main listener.
    func url(_ path: String, host: String = "127.0.0.1") -> String {
        "\(scheme)://\(host):\(port)\(path)"
    }

    /// Terminates the server and waits for it to exit.
    func stop() {
        if process.isRunning {
            process.terminate()
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        stop()
    }
}

/// Why a fixture could not be set up.
enum TestServerError: Error {
    case didNotStart(String)
}

/// Runs blocking work (reading a pipe, waiting for a process) on a dispatch thread, not the cooperative pool.
func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

extension Transport {
    /// Sends `request`, returning the exchange or the transport error as a value.
    func outcome(of request: HTTPRequest) async -> Result<Exchange, TransportError> {
        do throws(TransportError) {
            return .success(try await send(request))
        } catch {
            return .failure(error)
        }
    }
}

extension Result {
    /// The error, when this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }

    /// The value, when this is a success.
    var success: Success? {
        if case .success(let value) = self { value } else { nil }
    }
}
