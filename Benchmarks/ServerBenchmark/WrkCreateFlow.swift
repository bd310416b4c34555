import Foundation

/// Okta's create flow driven by `wrk` with `Benchmarks/wrk/okta-create-flow.lua`: the same GET then POST as
/// ``OktaCreateFlow`` (okta-behavior.md §2.2, §2.4, §8), verified the same way, from a C load generator that costs
/// the machine far less CPU per request than libcurl clients in this process.
///
/// One connection per wrk thread, so each thread's Lua state alternates GET and POST on its own connection.
struct WrkCreateFlow: Sendable {
    /// The `wrk` executable.
    let executable: String
    /// The Lua script.
    let script: String
    /// The server's SCIM base URL and bearer token.
    let base: String
    let token: String
    /// Whether the POST body carries the NinjaOne extension.
    let ninjaOneExtension: Bool

    /// What one wrk run achieved, and the CPU time wrk used.
    struct Result: Sendable {
        var users: Int
        var seconds: Double
        var loadGeneratorCPU: Double
        var usersPerSecond: Double { Double(users) / seconds }
    }

    /// Runs `clients` connections for `seconds`; fails when any pair was wrong (a GET that found something or
    /// failed, a POST that did not answer 201).
    func run(label: String, clients: Int, seconds: Int) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "-t", "\(clients)", "-c", "\(clients)", "-d", "\(seconds)s", "--timeout", "30s", "-s", script, base, "--",
            token, label, ninjaOneExtension ? "ninjaone" : "plain",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let before = Self.childrenCPU()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let cpu = Self.childrenCPU() - before
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("users ") })
        else { throw BenchClient.Failure(description: "wrk failed: \(text)") }
        // "users N failures N seconds S users/s R"
        let fields = line.split(separator: " ")
        guard fields.count >= 6, let users = Int(fields[1]), let failures = Int(fields[3]),
            let elapsed = Double(fields[5])
        else { throw BenchClient.Failure(description: "unexpected wrk output: \(text)") }
        guard failures == 0 else {
            throw BenchClient.Failure(description: "\(failures) create flows failed under wrk: \(text)")
        }
        return Result(users: users, seconds: elapsed, loadGeneratorCPU: cpu)
    }

    /// User plus system time of this process's waited-for children, in seconds.
    private static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
