import Foundation

/// Long-running helper servers for end-to-end tests: free ports, startup that survives parallel tests,
/// and stopping that works even when the test runner's children inherit SIGTERM blocked.
public enum TestServers {
    /// Why a helper server could not be started.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The built `scimcheck` executable beside the test bundle.
    public static var scimcheck: URL {
        get throws {
            var directory = Bundle.main.bundleURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("scimcheck")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory.deleteLastPathComponent()
            }
            throw StartError(description: "scimcheck executable not found near \(Bundle.main.bundleURL.path)")
        }
    }

    /// A free loopback TCP port, found by binding port 0.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw StartError(description: "bind failed") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts a server on a free port and waits until it, and not another test's server, listens.
    ///
    /// Tests run in parallel, so a port found free can be taken before the server binds it: the server must
    /// then stay alive for a settling period after the port answers, or it is restarted on another port.
    public static func start(_ executable: URL, _ arguments: (Int) -> [String]) async throws -> (Process, Int) {
        for _ in 0..<5 {
            let port = try freePort()
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments(port)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline, process.isRunning, !isListening(port: port) {
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .milliseconds(1500))
            if process.isRunning, isListening(port: port) { return (process, port) }
            stop(process)
        }
        throw StartError(description: "\(executable.lastPathComponent) could not start on a free port")
    }

    /// Whether something accepts TCP connections on loopback `port`.
    public static func isListening(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Stops a server: SIGTERM, then SIGKILL after a second (a child of the test runner may inherit SIGTERM
    /// blocked), and waits for it.
    public static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(1)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
