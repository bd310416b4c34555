import ArgumentParser
import Foundation
import SCIMCore

/// `scimcheck-server-bench`: measures the reference server as Okta loads it, over real loopback HTTP.
///
/// It starts `scimcheck serve` (a release build beside this executable, a file database with the default
/// durability) and measures (a) Okta's create flow in users per second with concurrent clients, also against
/// `scim2-server` from PyPI for scale; (b) `userName eq` filter latency at 1,000 and 100,000 users; (c) the
/// 1,000th page against the first. Run it with `ci/bench-server.sh`; the figures belong in README "Benchmarks".
@main
struct ServerBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scimcheck-server-bench",
        abstract: "Benchmark the reference SCIM server: Okta's create flow, filter latency, deep pages.")

    @Option(help: "The scimcheck executable to serve (default: the one beside this benchmark).")
    var server: String?

    @Option(help: "Measured runs of each figure; the summary quotes their median.")
    var runs = 3

    @Option(help: "Concurrent Okta clients in the create flow.")
    var clients = 8

    @Option(help: "Seconds of each create-flow run.")
    var seconds = 5

    @Option(help: "Users in the large database (filter latency and deep pages).")
    var users = 100_000

    @Option(help: "Requests timed per latency figure and run.")
    var samples = 1000

    @Flag(help: "Do not measure scim2-server (PyPI) for comparison.")
    var skipScim2Server = false

    @Option(
        help: ArgumentHelp(
            "Drive the create flow with wrk and this Lua script (Benchmarks/wrk/okta-create-flow.lua) instead of "
                + "libcurl clients in this process.", valueName: "script"))
    var wrkScript: String?

    @Option(help: "The wrk executable, with --wrk-script.")
    var wrk = "/usr/bin/wrk"

    func validate() throws {
        guard runs > 0, clients > 0, seconds > 0, samples > 0 else {
            throw ValidationError("--runs, --clients, --seconds and --samples must be positive")
        }
        guard users >= 1_100 else { throw ValidationError("--users must be at least 1100") }
    }

    func run() async throws {
        let executable =
            server.map { URL(fileURLWithPath: $0) }
            ?? Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("scimcheck")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-bench-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        print(Machine.describe())
        print("Server: \(executable.path) serve --db FILE (SQLite WAL, synchronous=NORMAL); load generator:")
        print(
            (wrkScript == nil
                ? "libcurl keep-alive clients in this process"
                : "wrk (\(wrk)), one keep-alive connection per thread, create flow: \(wrkScript!)")
                + ", on the same machine.\n")

        print("(a) Okta create flow: GET ?filter=userName eq … then POST, \(clients) clients, \(seconds) s per run")
        let reference = try await createFlowSeries("scimcheck serve", ninjaOneExtension: true, warmUp: 25) { run in
            try await ServerUnderTest.reference(
                executable: executable, database: work.appendingPathComponent("create-\(run).sqlite").path)
        }
        if !skipScim2Server {
            // scim2-server keeps users in memory and knows no NinjaOne schema: the same flow without the extension.
            let pypi = try await createFlowSeries("scim2-server", ninjaOneExtension: false, warmUp: 5) { _ in
                try await ServerUnderTest.scim2Server()
            }
            print("  scimcheck serve / scim2-server: " + String(format: "%.1f×", reference / pypi))
        }

        print("\n(b) userName eq filter latency, one client, \(samples) requests per run (median / p95)")
        let database = work.appendingPathComponent("large.sqlite").path
        let seeder = Seeder(path: database)
        let templateID = try await createTemplate(executable: executable, database: database)
        _ = try await seeder.seed(1..<1_000, templateID: templateID)
        let small = try await filterLatency(executable: executable, database: database, population: 1_000)
        let seeding = try await seeder.seed(1_000..<users, templateID: templateID)
        print(
            "  (seeded \(users - 1_000) more users in "
                + String(format: "%.1f s", OktaCreateFlow.seconds(seeding))
                + " by bulk insert through SQLiteSCIMStore, not over HTTP)")
        let (large, pages) = try await filterLatencyAndPages(
            executable: executable, database: database, population: users)
        print(
            "  ratio of medians, \(users) vs 1,000 users: "
                + String(format: "%.2f×", Self.ratio(large.median, small.median)))

        print("\n(c) pages of \(users) users, count=100, one client (median / p95)")
        print("  first page (startIndex=1): \(pages.first.text)")
        print("  page \(deepPageStart / 100 + 1) (startIndex=\(deepPageStart)): \(pages.deep.text)")
        print("  ratio of medians: " + String(format: "%.2f×", Self.ratio(pages.deep.median, pages.first.median)))
    }

    /// Runs the create flow `runs` times, each against a fresh server; prints each run and returns the median rate.
    private func createFlowSeries(
        _ name: String, ninjaOneExtension: Bool, warmUp: Int, start: (Int) async throws -> ServerUnderTest
    ) async throws -> Double {
        var rates: [Double] = []
        for run in 1...runs {
            let target = try await start(run)
            defer { target.stop() }
            let serverStart: Double
            let result: (users: Int, seconds: Double, usersPerSecond: Double, clientCPU: Double)
            if let wrkScript {
                let flow = WrkCreateFlow(
                    executable: wrk, script: wrkScript, base: target.base, token: target.token,
                    ninjaOneExtension: ninjaOneExtension)
                _ = try flow.run(label: "warm\(run)", clients: clients, seconds: 1)
                serverStart = target.cpuSeconds
                let measured = try flow.run(label: "r\(run)", clients: clients, seconds: seconds)
                result = (measured.users, measured.seconds, measured.usersPerSecond, measured.loadGeneratorCPU)
            } else {
                let flow = OktaCreateFlow(client: target.client, ninjaOneExtension: ninjaOneExtension)
                try await flow.warmUp(label: "r\(run)", clients: clients, count: warmUp)
                let clientStart = CPUTime.ownSeconds
                serverStart = target.cpuSeconds
                let measured = try await flow.measure(label: "r\(run)", clients: clients, duration: .seconds(seconds))
                result = (
                    measured.users, measured.seconds, measured.usersPerSecond, CPUTime.ownSeconds - clientStart
                )
            }
            let serverCPU = target.cpuSeconds - serverStart
            let perUser = { (cpu: Double) in cpu / Double(max(result.users, 1)) * 1e6 }
            rates.append(result.usersPerSecond)
            print(
                "  \(name), run \(run): \(result.users) users in "
                    + String(format: "%.1f s", result.seconds) + " = \(Self.rate(result.usersPerSecond)); CPU "
                    + String(
                        format: "server %.1f s (%.0f µs per user), load generator %.1f s (%.0f µs per user)",
                        serverCPU, perUser(serverCPU), result.clientCPU, perUser(result.clientCPU)))
        }
        let median = Self.median(rates)
        print("  \(name) median: \(Self.rate(median))")
        return median
    }

    /// Creates the template user of the seeded population over HTTP (user number 0), so its stored form is real.
    private func createTemplate(executable: URL, database: String) async throws -> String {
        let target = try await ServerUnderTest.reference(executable: executable, database: database)
        defer { target.stop() }
        let flow = OktaCreateFlow(client: target.client, ninjaOneExtension: true)
        let created = try await target.client.post(
            "/Users", body: flow.body(userName: Seeder.userName(0), oktaID: "00useed0"))
        guard created.status == 201, let id = (try? JSONValue.parse(created.body))?["id"]?.stringValue else {
            throw BenchClient.Failure(description: "creating the template user answered \(created.status)")
        }
        return id
    }

    private func filterLatency(
        executable: URL, database: String, population: Int
    ) async throws
        -> LatencyProbe.Summary
    {
        let target = try await ServerUnderTest.reference(executable: executable, database: database)
        defer { target.stop() }
        return try await measureFilter(target.client, population: population)
    }

    private func filterLatencyAndPages(
        executable: URL, database: String, population: Int
    ) async throws
        -> (LatencyProbe.Summary, (first: LatencyProbe.Summary, deep: LatencyProbe.Summary))
    {
        let target = try await ServerUnderTest.reference(executable: executable, database: database)
        defer { target.stop() }
        let filter = try await measureFilter(target.client, population: population)
        var first: [LatencyProbe.Summary] = []
        var deep: [LatencyProbe.Summary] = []
        let probe = LatencyProbe(samples: max(samples / 5, 20))
        for _ in 1...runs {
            first.append(try await probe.measure { _ in try await target.client.get("/Users?startIndex=1&count=100") })
            deep.append(
                try await probe.measure { _ in
                    try await target.client.get("/Users?startIndex=\(deepPageStart)&count=100")
                })
        }
        return (filter, (Self.medianSummary(first), Self.medianSummary(deep)))
    }

    /// Filter latency for existing users picked at random, `runs` times; prints each run and returns the median run.
    private func measureFilter(_ client: BenchClient, population: Int) async throws -> LatencyProbe.Summary {
        var results: [LatencyProbe.Summary] = []
        var generator = SystemRandomNumberGenerator()
        for run in 1...runs {
            let picks = (0..<(samples + 100)).map { _ in Int.random(in: 0..<population, using: &generator) }
            let summary = try await LatencyProbe(samples: samples).measure { number in
                let userName = Seeder.userName(picks[number]).replacingOccurrences(of: "@", with: "%40")
                return try await client.get("/Users?filter=userName%20eq%20%22\(userName)%22&startIndex=1&count=100")
            }
            results.append(summary)
            print("  \(population) users, run \(run): \(summary.text)")
        }
        return Self.medianSummary(results)
    }

    /// The `startIndex` of the 1,000th page of 100 (or the last full page of a smaller population).
    private var deepPageStart: Int { min(999 * 100, users - 100) + 1 }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }

    /// The run with the median median.
    static func medianSummary(_ runs: [LatencyProbe.Summary]) -> LatencyProbe.Summary {
        let sorted = runs.sorted { $0.median < $1.median }
        return sorted[(sorted.count - 1) / 2]
    }

    static func ratio(_ lhs: Duration, _ rhs: Duration) -> Double {
        OktaCreateFlow.seconds(lhs) / OktaCreateFlow.seconds(rhs)
    }

    static func rate(_ usersPerSecond: Double) -> String {
        String(format: "%.0f users/s", usersPerSecond)
    }
}
