import Foundation
import Testing

/// What a finished child process left behind.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Files, processes and external tools for the report tests.
enum Tools {
    /// The package root (this file is `Tests/SCIMCheckReportsTests/Support/Tools.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `Reports/schema/NAME`.
    static func schema(_ name: String) -> URL {
        root.appendingPathComponent("Reports/schema").appendingPathComponent(name)
    }

    /// A fixture file shipped with the test target.
    static func fixture(_ name: String) throws -> URL {
        guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw Failure("the Fixtures resource directory is missing")
        }
        return directory.appendingPathComponent(name)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ prefix: String = "scimcheck-reports") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The built `scimcheck` executable beside the test bundle.
    static var scimcheck: URL {
        get throws {
            var directory = Bundle.main.bundleURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("scimcheck")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory.deleteLastPathComponent()
            }
            throw Failure("scimcheck executable not found near \(Bundle.main.bundleURL.path)")
        }
    }

    /// The first of `names` on `PATH`.
    static func which(_ names: String...) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Debian's `chromium` (or another Chromium build) for the headless-browser check.
    static let chromium = which("chromium", "chromium-browser", "google-chrome")

    /// Whether this is CI (`.ci/run` runs with `CI=true`), where optional tools are required.
    static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs `executable` with `arguments`, killing it after `timeout`; output goes through files.
    @discardableResult
    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        removing: [String] = [], timeout: Duration = .seconds(180)
    ) async throws -> ProcessOutput {
        let scratch = try temporaryDirectory("process")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        for name in removing { merged[name] = nil }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw Failure("\(executable.lastPathComponent) \(arguments) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return ProcessOutput(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs the `scimcheck` executable.
    @discardableResult
    static func scimcheck(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = []
    ) async throws -> ProcessOutput {
        try await run(try scimcheck, arguments, environment: environment, removing: removing)
    }

    /// A free loopback TCP port, found by binding port 0.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw Failure("bind failed") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts a long-running server on a free port and waits until it, and not another test's server, listens.
    ///
    /// Tests run in parallel, so a port found free can be taken before the server binds it: the server must
    /// then stay alive for a settling period after the port answers, or it is restarted on another port.
    static func startServer(_ executable: URL, _ arguments: (Int) -> [String]) async throws -> (Process, Int) {
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
        throw Failure("\(executable.lastPathComponent) could not start on a free port")
    }

    static func isListening(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Stops a server started by ``startServer(_:_:)``: SIGTERM, then SIGKILL after a second (a child
    /// of the test runner may inherit SIGTERM blocked).
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(1)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The Python interpreter itself (`sys.executable`), not a launcher script such as a pyenv shim, so
    /// stopping a Python server signals Python.
    static let python: URL? = {
        guard let launcher = which("python3") else { return nil }
        let process = Process()
        let pipe = Pipe()
        process.executableURL = launcher
        process.arguments = ["-c", "import sys; print(sys.executable)"]
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            return nil
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? launcher : URL(fileURLWithPath: path)
    }()

    /// Every regular file under `directory`, recursively (symbolic links not followed).
    static func files(under directory: URL) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    /// Writes `data` to `name` in `directory` and returns its URL.
    static func write(_ data: Data, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }
}
