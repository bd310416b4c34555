import CurlTransport
import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import SCIMCore
import Testing

/// The kit touches only what it creates (DESIGN §6; issue 5 "Done when"): a server holding 1,000 users and
/// 100 groups the kit did not create lists byte for byte the same after a full run, after a run killed
/// midway and finished with `scimcheck cleanup --ledger`, and after a run interrupted with SIGINT.
@Suite(.serialized) struct SeededServerTests {
    static let token = "seeded-token-7f3a"
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-seeded-\(UUID().uuidString)")

    @Test func seededResourcesSurviveRunsKillsAndInterrupts() async throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (server, port) = try await TestServers.start(try TestServers.scimcheck) {
            [
                "serve", "--port", "\($0)", "--token", Self.token, "--admin-token", "seeded-admin-7f3a", "--db",
                ":memory:",
            ]
        }
        defer { TestServers.stop(server) }
        let target = "http://127.0.0.1:\(port)/scim/v2"
        let client = SeedClient(baseURL: target)
        try await client.seed(users: 1_000, groups: 100)
        let before = try await client.listEverything()
        #expect(before.userCount == 1_000 && before.groupCount == 100, "the listing holds the seeded resources")

        // 1. A full run of the default catalog.
        let full = try await ProcessRunner.run(try TestServers.scimcheck, run(target, ledger: "full.jsonl"))
        #expect(full.status == 0, "\(full.stdout)\(full.stderr)")
        #expect(try await client.listEverything() == before, "a full run changed resources it did not create")
        let fullBalance = LedgerBalance(try Ledger.read(scratch.appendingPathComponent("full.jsonl")))
        #expect(fullBalance.items.isEmpty, "the run's own cleanups removed everything: \(fullBalance.items)")

        // 2. Killed (SIGKILL) while a resource its ledger lists is live on the server, then finished with
        // `cleanup`: the run is paused (SIGSTOP) first, and killed only once a GET confirms the resource is
        // still there — otherwise a DELETE already on the wire would leave `cleanup` nothing to delete.
        let killedLedger = scratch.appendingPathComponent("killed.jsonl")
        let killed = try await interrupt(
            run(target, ledger: killedLedger.lastPathComponent), ledger: killedLedger, SIGKILL, confirmingWith: client)
        #expect(killed == SIGKILL, "the run was killed by the test, not finished before it")
        let cleanup = try await ProcessRunner.run(
            try TestServers.scimcheck, ["cleanup", "--ledger", killedLedger.path, "--target", target],
            environment: ["SCIM_TOKEN": Self.token])
        #expect(cleanup.stdout.contains(": deleted"), "\(cleanup.stdout)\(cleanup.stderr)")
        #expect(!cleanup.stdout.contains(Self.token) && !cleanup.stderr.contains(Self.token))
        #expect(try await client.listEverything() == before, "cleanup left the kit's resources: \(cleanup.stdout)")
        let again = try await ProcessRunner.run(
            try TestServers.scimcheck, ["cleanup", "--ledger", killedLedger.path, "--target", target],
            environment: ["SCIM_TOKEN": Self.token])
        #expect(!again.stdout.contains(": deleted"), "a second cleanup found nothing more to delete: \(again.stdout)")
        #expect(try String(contentsOf: killedLedger, encoding: .utf8).contains(Self.token) == false)

        // 3. Interrupted (SIGINT): the run's cleanups still run, newest first, before it exits 130.
        let interruptedLedger = scratch.appendingPathComponent("interrupted.jsonl")
        let interrupted = try await interrupt(
            run(target, ledger: interruptedLedger.lastPathComponent), ledger: interruptedLedger, SIGINT)
        #expect(interrupted == 128 + SIGINT)
        #expect(try await client.listEverything() == before, "an interrupted run left resources behind")
        #expect(LedgerBalance(try Ledger.read(interruptedLedger)).items.isEmpty)
    }

    private func run(_ target: String, ledger: String) -> [String] {
        [
            "run", "--target", target, "--token", Self.token, "--report-dir",
            scratch.appendingPathComponent("reports").path,
            "--ledger", scratch.appendingPathComponent(ledger).path, "--format", "json", "-q",
        ]
    }

    /// Starts a run and sends `signal` once its ledger lists a resource created and not yet removed;
    /// returns the exit status (a signal number when killed by it).
    ///
    /// With `client`, the run is paused (SIGSTOP) when its ledger lists a live resource; once the requests it
    /// had on the wire have settled, the signal is sent only if `client` finds one of those resources on the
    /// server, else the run goes on (SIGCONT) to the next one.
    private func interrupt(
        _ arguments: [String], ledger: URL, _ signal: Int32, confirmingWith client: SeedClient? = nil
    ) async throws -> Int32 {
        let process = Process()
        process.executableURL = try TestServers.scimcheck
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        var gone: Set<String> = []  // listed by the ledger, already deleted on the server
        while process.isRunning, ContinuousClock.now < deadline {
            let entries = (try? Ledger.read(ledger)) ?? []
            if LedgerBalance(entries).items.contains(where: { $0.id.map { !gone.contains($0) } ?? false }) {
                guard let client else {
                    kill(process.processIdentifier, signal)
                    break
                }
                kill(process.processIdentifier, SIGSTOP)
                try await Task.sleep(for: .milliseconds(300))
                let listed = LedgerBalance((try? Ledger.read(ledger)) ?? []).items
                if try await client.anyExists(listed) {
                    kill(process.processIdentifier, signal)
                    break
                }
                gone.formUnion(listed.compactMap(\.id))
                kill(process.processIdentifier, SIGCONT)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { TestServers.stop(process) }
        return process.terminationStatus
    }
}

/// Seeds and lists a SCIM server over real HTTP, as a tenant's own data would be.
struct SeedClient {
    let baseURL: String
    let transport = CurlTransport()

    /// Every user and group, page by page, as the raw response bodies.
    struct Listing: Equatable {
        var users: [UInt8]
        var groups: [UInt8]
        var userCount: Int
        var groupCount: Int
    }

    func seed(users: Int, groups: Int) async throws {
        let userIDs = try await concurrently(0..<users) { index in
            try await create(
                "/Users",
                [
                    "schemas": [.string(SCIMURN.coreUser)], "userName": .string("tenant.user\(index)@customer.example"),
                    "name": ["givenName": "Tenant", "familyName": .string("User \(index)")],
                    "emails": [["value": .string("tenant.user\(index)@customer.example"), "primary": true]],
                    "externalId": .string("hr-\(index)"), "active": .bool(index % 7 != 0),
                ])
        }
        _ = try await concurrently(0..<groups) { index in
            let members = (0..<10).map { userIDs[(index * 10 + $0) % userIDs.count] }
            return try await create(
                "/Groups",
                [
                    "schemas": [.string(SCIMURN.coreGroup)], "displayName": .string("Tenant Group \(index)"),
                    "members": .array(members.map { ["value": .string($0)] }),
                ])
        }
    }

    /// Whether any of `items` (those with a server id) answers GET with 200.
    func anyExists(_ items: [LedgerBalance.Item]) async throws -> Bool {
        for item in items {
            guard let id = item.id else { continue }
            if try await send("GET", "/\(item.type.rawValue)/\(id)").status == 200 { return true }
        }
        return false
    }

    func listEverything() async throws -> Listing {
        let (users, userCount) = try await list("/Users")
        let (groups, groupCount) = try await list("/Groups")
        return Listing(users: users, groups: groups, userCount: userCount, groupCount: groupCount)
    }

    /// The raw bodies of every page of `path`, and how many resources they hold.
    private func list(_ path: String) async throws -> ([UInt8], Int) {
        var bytes: [UInt8] = []
        var startIndex = 1
        while true {
            let response = try await send("GET", "\(path)?startIndex=\(startIndex)&count=200")
            #expect(response.status == 200)
            bytes += response.body.bytes
            let body = try JSONValue.parse(response.body.bytes)
            let page = body["Resources"]?.arrayValue?.count ?? 0
            startIndex += page
            if page == 0 || startIndex > (body["totalResults"]?.intValue ?? 0) { return (bytes, startIndex - 1) }
        }
    }

    private func create(_ path: String, _ body: JSONValue) async throws -> String {
        let response = try await send("POST", path, body: body)
        let id = try JSONValue.parse(response.body.bytes)["id"]?.stringValue
        return try #require(id, "\(path) answered \(response.status)")
    }

    private func send(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> HTTPResponse {
        var headers = [HTTPHeader("Authorization", "Bearer \(SeededServerTests.token)")]
        if body != nil { headers.append(HTTPHeader("Content-Type", "application/scim+json")) }
        let exchange = try await transport.send(
            HTTPRequest(
                method: method, url: baseURL + path, headers: headers, body: body.map { Body($0.serializedBytes()) }))
        return try #require(exchange.response)
    }

    /// Runs `work` for each index, eight at a time, and returns the results in index order.
    private func concurrently(
        _ indices: Range<Int>, _ work: @escaping @Sendable (Int) async throws -> String
    ) async throws -> [String] {
        var results = [String?](repeating: nil, count: indices.count)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = indices.lowerBound
            for _ in 0..<8 where next < indices.upperBound {
                let index = next
                group.addTask { (index, try await work(index)) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index - indices.lowerBound] = result
                if next < indices.upperBound {
                    let index = next
                    group.addTask { (index, try await work(index)) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }
}
