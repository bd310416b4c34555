import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
}

/// Runs executables for tests, with a deadline, capturing output through files.
///
/// Output goes through files rather than pipes, so a child that writes more than a pipe buffer never blocks.
public enum ProcessRunner {
    /// A child process that did not finish in time (it was stopped).
    public struct Timeout: Error, CustomStringConvertible {
        /// What ran and for how long.
        public var description: String
    }

    /// Runs `executable` with `arguments` in `directory`, with `environment` added to this process's environment
    /// and the variables named in `removing` taken out, stopping it (``TestServers/stop(_:)``) after `timeout`.
    /// - Throws: ``Timeout`` when it runs longer; an error of `Process` or `FileManager` when it cannot start.
    @discardableResult
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        removing: [String] = [], timeout: Duration = .seconds(180)
    ) async throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
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
                TestServers.stop(process)
                throw Timeout(
                    description: "\(executable.lastPathComponent) \(arguments) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
