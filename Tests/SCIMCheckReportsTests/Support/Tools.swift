import Foundation
import SCIMCheckTestSupport
import Testing

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

    /// Runs the `scimcheck` executable.
    @discardableResult
    static func scimcheck(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = []
    ) async throws -> ProcessResult {
        try await ProcessRunner.run(try TestServers.scimcheck, arguments, environment: environment, removing: removing)
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
