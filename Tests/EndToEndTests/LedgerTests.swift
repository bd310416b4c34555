import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

/// The ledger's file format and what it says is left on the target (DESIGN §6, §8.5).
@Suite struct LedgerTests {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).jsonl")

    @Test func balanceFollowsIntentsOutcomesAndRemovals() {
        let entries: [Ledger.Entry] = [
            .init(event: .run, runID: "r", runTag: "ab12", target: "https://scim.example.test/scim/v2"),
            .init(event: .intent, sequence: 1, type: .users, marker: "scimcheck-ab12-a-1@example.test"),
            .init(event: .created, sequence: 1, type: .users, id: "u1"),
            .init(event: .intent, sequence: 2, type: .groups, marker: "scimcheck-ab12-g-2"),
            .init(event: .created, sequence: 2, type: .groups, id: "g1"),
            .init(event: .removed, type: .groups, id: "g1"),
            .init(event: .intent, sequence: 3, type: .users, marker: "scimcheck-ab12-b-3@example.test"),
            .init(event: .notCreated, sequence: 3, type: .users),
            .init(event: .intent, sequence: 4, type: .users, marker: "scimcheck-ab12-c-4@example.test"),
            .init(event: .intent, sequence: 5, type: .users, marker: "someone@customer.example"),
            .init(event: .deactivated, type: .users, id: "u1"),
        ]
        let balance = LedgerBalance(entries)
        #expect(balance.target == "https://scim.example.test/scim/v2")
        #expect(balance.items.map(\.sequence) == [1, 4, 5])
        #expect(balance.items[0].id == "u1" && balance.items[0].deactivated)
        #expect(balance.items[1].id == nil && balance.items[1].markerIsRunUnique)
        #expect(!balance.items[2].markerIsRunUnique, "a marker without the run's tag is never searched for")
    }

    @Test func readingSkipsATornLastLineAndRejectsGarbage() throws {
        defer { try? FileManager.default.removeItem(at: file) }
        let ledger = try Ledger.start(url: file, runID: "r", runTag: "ab12", target: "https://u:p@host/scim/v2?x=1")
        _ = try ledger.recordIntent(.users, marker: "scimcheck-ab12-x-1")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"event":"created","seq"#.utf8))
        try handle.close()
        let entries = try Ledger.read(file)
        #expect(entries.map(\.event) == [.run, .intent])
        #expect(entries[0].target == "https://host/scim/v2", "credentials and query never reach the ledger")
        try Data("not json\n{}\n".utf8).write(to: file)
        #expect(throws: HarnessError.self) { try Ledger.read(file) }
    }

    /// Creates, bulk creates and deletes sent through a session are recorded as they happen.
    @Test func sessionRecordsCreatesBulkAndRemovals() async throws {
        defer { try? FileManager.default.removeItem(at: file) }
        let ledger = try Ledger.start(url: file, runID: "r", runTag: "t3st", target: "http://127.0.0.1:9/scim/v2")
        let transport = ScriptedTransport { request in
            switch (request.method, request.url.hasSuffix("/Bulk")) {
            case ("POST", true):
                return (
                    200, [],
                    #"{"Operations":[{"method":"POST","bulkId":"b","status":"201","location":"http://127.0.0.1:9/scim/v2/Users/bulk-1"},{"method":"POST","bulkId":"c","status":"409"}]}"#
                )
            case ("POST", _) where request.url.hasSuffix("/Groups"): return (409, [], "{}")
            case ("POST", _): return (201, [], #"{"id":"u-1"}"#)
            case ("DELETE", _): return (204, [], "")
            default: return (200, [], "{}")
            }
        }
        var runContext = context(transport)
        runContext.ledger = ledger
        let session = Session(context: runContext)
        try await session.post("/Users", json: ["userName": "scimcheck-t3st-a-1"])
        try await session.post("/Groups", json: ["displayName": "scimcheck-t3st-g-2"])
        try await session.post(
            "/Bulk",
            json: [
                "Operations": [
                    ["method": "POST", "path": "/Users", "bulkId": "b", "data": ["userName": "scimcheck-t3st-b-3"]],
                    ["method": "POST", "path": "/Users", "bulkId": "c", "data": ["userName": "scimcheck-t3st-c-4"]],
                ]
            ])
        #expect(LedgerBalance(try Ledger.read(file)).items.compactMap(\.id) == ["u-1", "bulk-1"])
        try await session.removeCreatedUser(id: "u-1")
        try await session.removeCreatedUser(id: "bulk-1")
        #expect(LedgerBalance(try Ledger.read(file)).items.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("s3cr3t-token") == false)
    }

    /// A bulk request stopped by failOnErrors (RFC 7644 §3.7.3): the creates the server did not answer were never
    /// processed, so they are settled, not left open; without failOnErrors reached they stay open for cleanup's
    /// marker search.
    @Test(arguments: [(1, true, true), (2, false, true), (1, true, false)])
    func bulkCreatesAStoppedServerNeverProcessedAreSettled(
        failOnErrors: Int, settled: Bool, firstPostAnswered: Bool
    ) async throws {
        defer { try? FileManager.default.removeItem(at: file) }
        let ledger = try Ledger.start(url: file, runID: "r", runTag: "t3st", target: "http://127.0.0.1:9/scim/v2")
        let post =
            #"{"method":"POST","bulkId":"a","status":"201","location":"http://127.0.0.1:9/scim/v2/Users/bulk-a"},"#
        let answer = #"{"Operations":["# + (firstPostAnswered ? post : "") + #"{"method":"DELETE","status":"404"}]}"#
        let transport = ScriptedTransport { _ in (200, [], answer) }
        var runContext = context(transport)
        runContext.ledger = ledger
        try await Session(context: runContext).post(
            "/Bulk",
            json: [
                "failOnErrors": .int(failOnErrors),
                "Operations": [
                    ["method": "POST", "path": "/Users", "bulkId": "a", "data": ["userName": "scimcheck-t3st-a-1"]],
                    ["method": "DELETE", "path": "/Users/missing"],
                    ["method": "POST", "path": "/Users", "bulkId": "b", "data": ["userName": "scimcheck-t3st-b-2"]],
                ],
            ])
        let items = LedgerBalance(try Ledger.read(file)).items
        #expect(items.compactMap(\.id) == (firstPostAnswered ? ["bulk-a"] : []), "an answered create has its id")
        #expect(items.contains { $0.marker == "scimcheck-t3st-b-2" } == !settled)
    }

    /// Cleanup refuses a target other than the ledger's, and a ledger that is not one.
    @Test func cleanupRefusesAnotherTarget() async throws {
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try Ledger.start(url: file, runID: "r", runTag: "ab12", target: "http://127.0.0.1:9/scim/v2")
        let other = try await ProcessRunner.run(
            try TestServers.scimcheck,
            ["cleanup", "--ledger", file.path, "--target", "http://127.0.0.1:10/scim/v2", "--token", "t"])
        #expect(other.status == 64, "\(other.stderr)")
        #expect(other.stderr.contains("--retarget"))
        let empty = try await ProcessRunner.run(
            try TestServers.scimcheck, ["cleanup", "--ledger", file.path, "--target", "http://127.0.0.1:9/scim/v2"])
        #expect(empty.status == 0, "\(empty.stdout)\(empty.stderr)")
        #expect(empty.stdout.contains("Nothing to clean up"))
    }

    /// Where DELETE is refused, cleanup deactivates the user and the ledger keeps it (DESIGN §8.5); a create
    /// whose answer was lost is found by its exact marker, and nothing else that a filter returns is touched.
    @Test func cleanupDeactivatesWhereDeleteIsRefusedAndFindsLostCreatesByMarker() async throws {
        defer { try? FileManager.default.removeItem(at: file) }
        let ledger = try Ledger.start(url: file, runID: "r", runTag: "t3st", target: "http://127.0.0.1:9/scim/v2")
        let refused = try ledger.recordIntent(.users, marker: "scimcheck-t3st-refused-1")
        try ledger.append(.init(event: .created, sequence: refused, type: .users, id: "kept"))
        _ = try ledger.recordIntent(.users, marker: "scimcheck-t3st-lost-2")
        let transport = ScriptedTransport { request in
            switch request.method {
            case "GET":
                return (
                    200, [],
                    #"{"totalResults":2,"Resources":[{"id":"lost","userName":"scimcheck-t3st-lost-2"},{"id":"tenant","userName":"scimcheck-t3st-lost-20"}]}"#
                )
            case "DELETE" where request.url.hasSuffix("/kept"): return (405, [], "{}")
            case "DELETE": return (204, [], "")
            default: return (200, [], "{}")
            }
        }
        let actions = try await LedgerCleanup(ledger: try Ledger(url: file), context: context(transport)).run()
        #expect(actions.map(\.id) == ["lost", "kept"], "newest first")
        #expect(actions[0].settled)
        #expect(actions[1].result == .left(.deactivated(deleteStatus: 405)))
        let deletes = transport.sent.filter { $0.method == "DELETE" }.map(\.url)
        #expect(deletes == ["http://127.0.0.1:9/scim/v2/Users/lost", "http://127.0.0.1:9/scim/v2/Users/kept"])
        #expect(transport.sent.allSatisfy { $0.headers.first(named: "User-Agent") == RunContext.userAgent })
        let patch = try #require(transport.sent.first { $0.method == "PATCH" })
        #expect(patch.body?.text?.contains(#""active":false"#) == true)
        let left = LedgerBalance(try Ledger.read(file)).items
        #expect(left.map(\.id) == ["kept"] && left[0].deactivated)
    }

    /// A lost create's marker that matches nothing is written off only once the create is old enough.
    @Test func unmatchedMarkersAreWrittenOffOnlyAfterTheSettleTime() async throws {
        defer { try? FileManager.default.removeItem(at: file) }
        let ledger = try Ledger.start(url: file, runID: "r", runTag: "t3st", target: "http://127.0.0.1:9/scim/v2")
        _ = try ledger.recordIntent(.groups, marker: "scimcheck-t3st-g-1")
        let transport = ScriptedTransport { _ in (200, [], #"{"totalResults":0,"Resources":[]}"#) }
        let young = try await LedgerCleanup(ledger: ledger, context: context(transport)).run()
        #expect(young.map(\.result) == [.notFoundYet])
        #expect(transport.sent.first?.url.contains("displayName%20eq%20%22scimcheck-t3st-g-1%22") == true)
        let old = try await LedgerCleanup(ledger: ledger, context: context(transport), settleTime: 0).run()
        #expect(old.map(\.result) == [.neverCreated])
        #expect(try await LedgerCleanup(ledger: ledger, context: context(transport)).run().isEmpty)
    }
}
