import Foundation
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import Testing

/// `scimcheck run --target` against a server whose every answer is hostile (issue 5 point 6, DESIGN §7): invalid
/// JSON, wrong types, deep nesting, huge, truncated and endless bodies, odd statuses, redirects, a slow loris.
/// Each run must end by itself with exit 1 (findings) or 2 (harness error), never crash, and say what happened.
@Suite struct HostileTargetTests {
    /// One hostile mode of `Fixtures/hostile_scim_server.py` and what the run must show.
    struct Mode: Sendable, CustomStringConvertible {
        /// The mode, the first path segment of the target URL.
        var name: String
        /// Phrases one of which the report must contain (lowercased): the clear message.
        var says: [String]
        /// Extra `run` arguments.
        var arguments: [String] = []

        var description: String { name }
    }

    static let modes: [Mode] = [
        Mode(name: "invalid-json", says: ["not a json object"]),
        Mode(name: "wrong-types", says: ["not a number"]),
        // Every answer is 1 MB and kept as evidence: a few scenarios prove the point without an 18 MB report.
        Mode(name: "deep-nesting", says: ["nesting deeper than"], arguments: ["--only", "rfc.users.*"]),
        Mode(name: "huge", says: ["larger than the limit"]),
        Mode(name: "huge-chunked", says: ["larger than the limit"]),
        Mode(name: "truncated", says: ["connection closed before the response"]),
        Mode(name: "status-1xx", says: ["closed the connection without replying"]),
        Mode(name: "status-599", says: ["answered 599"]),
        Mode(name: "no-content-body", says: ["answered 204"]),
        Mode(name: "redirect", says: ["answered 302"]),
        Mode(name: "redirect-loop", says: ["answered 301"]),
        Mode(name: "garbage", says: ["not valid http"]),
        Mode(name: "close", says: ["closed the connection without replying"]),
        Mode(name: "html", says: ["not a json object"]),
        Mode(name: "slow-loris", says: ["within the total timeout"], arguments: ["--only", "okta.oin-spec.*"]),
        Mode(name: "pre-slow-loris", says: ["within the total timeout"]),
        Mode(name: "pre-invalid-json", says: ["not valid json", "not a json object"]),
        Mode(name: "pre-close", says: ["closed the connection without replying"]),
    ]

    @Test("Every hostile mode: the run ends by itself with exit 1 or 2 and a clear message")
    func hostileTargets() async throws {
        let script = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("hostile_scim_server.py")
        let (server, port) = try await TestServers.start(URL(fileURLWithPath: "/usr/bin/env")) {
            ["python3", script.path, "\($0)"]
        }
        defer { TestServers.stop(server) }
        let scimcheck = try TestServers.scimcheck
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = Self.modes[...]
            func next() {
                guard let mode = pending.popFirst() else { return }
                group.addTask { try await Self.check(mode, scimcheck: scimcheck, port: port) }
            }
            for _ in 0..<4 { next() }
            while try await group.next() != nil { next() }
        }
    }

    static func check(_ mode: Mode, scimcheck: URL, port: Int) async throws {
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-hostile-\(UUID())")
        defer { try? FileManager.default.removeItem(at: reports) }
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await ProcessRunner.run(
            scimcheck,
            [
                "run", "--target", "http://127.0.0.1:\(port)/\(mode.name)/scim/v2", "--token", "hostile-token",
                "--timeout", "2", "--connect-timeout", "2", "--report-dir", reports.path, "--format", "json", "-q",
            ] + mode.arguments, timeout: .seconds(120))
        let elapsed = clock.now - started
        let output = result.stdout + result.stderr
        #expect([1, 2].contains(result.status), "\(mode): exit \(result.status) after \(elapsed)\n\(output)")
        let latest = reports.appendingPathComponent("latest")
        let directory = reports.appendingPathComponent(
            try FileManager.default.destinationOfSymbolicLink(atPath: latest.path), isDirectory: true)
        let report = try String(contentsOf: directory.appendingPathComponent("report.json"), encoding: .utf8)
        let parsed = try JSONReport.parse(Data(report.utf8))
        #expect(
            parsed.abort != nil || parsed.scenarios.contains { $0.outcome == .failed || $0.outcome == .error },
            "\(mode): neither an abort nor a failed scenario")
        let text = (report + output).lowercased()
        #expect(mode.says.contains { text.contains($0) }, "\(mode): the report says none of \(mode.says)")
        #expect(!text.contains("hostile-token"), "\(mode): the token leaked")
        print("hostile target \(mode): exit \(result.status) in \(elapsed)")
    }
}
