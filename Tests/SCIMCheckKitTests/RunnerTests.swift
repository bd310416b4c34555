import Foundation
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import SCIMCore
import Synchronization
import Testing

@Suite struct RunnerTests {
    static let config =
        #"{"schemas":["\#(SCIMURN.serviceProviderConfig)"],"patch":{"supported":false},"filter":{"supported":true}}"#
    static let emptyList =
        #"{"schemas":["\#(SCIMURN.listResponse)"],"totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}"#

    static func server(usersStatus: Int = 200) -> ScriptedTransport {
        ScriptedTransport { request in
            if request.url.contains("/ServiceProviderConfig") { return (200, [], config) }
            if request.url.contains("/Users?startIndex=1&count=2") {
                return usersStatus == 200
                    ? (200, [], emptyList)
                    : (
                        usersStatus, [],
                        #"{"schemas":["\#(SCIMURN.error)"],"status":"\#(usersStatus)","detail":"bad token s3cr3t-token"}"#
                    )
            }
            return (404, [], #"{"schemas":["\#(SCIMURN.error)"],"status":"404","detail":"nope"}"#)
        }
    }

    static let catalog = Catalog {
        Suite("unit", "Unit suite") {
            Scenario("unit.pass", "passes") { s in try await s.get("/Users") { Status(404) } }
            Scenario("unit.must", "fails a MUST") { s in try await s.get("/Users") { Status(200) } }
            Scenario("unit.should", "fails a SHOULD", .level(.should)) { s in try await s.get("/Users") { Status(200) }
            }
            Scenario("unit.may", "fails a MAY") { s in try await s.get("/Users") { Status(200).level(.may) } }
            Scenario("unit.patch", "needs PATCH", .requires(.patch)) { s in try await s.get("/Users") { Status(404) } }
            Scenario("unit.skip", "skips itself") { s in try s.skip("not today") }
            Scenario("unit.require", "requires") { s in
                let response = try await s.get("/Users") { Status(404) }
                _ = try s.require(response.json?["id"], "the body has an id")
            }
            Scenario("unit.nothing", "checks nothing") { _ in }
            Scenario("unit.writes", "writes", .writes) { s in try await s.get("/Users") { Status(404) } }
        }
    }

    func run(
        _ transport: ScriptedTransport, selection: Selection = Selection(), strict: Bool = false, writes: Bool = true
    ) async -> RunReport {
        let context = RunContext(
            baseURL: "http://127.0.0.1:9/scim/v2", credentials: .bearer("s3cr3t-token"), transport: transport,
            runTag: "t3st", writesAllowed: writes)
        let options = Runner.Options(selection: selection, strict: strict, preflight: OktaCredentialsPreflight())
        return await Runner(catalog: Self.catalog, context: context, options: options).run()
    }

    @Test func outcomesFollowTheWorstFailedLevel() async throws {
        let report = await run(Self.server())
        let outcomes = Dictionary(uniqueKeysWithValues: report.scenarios.map { ($0.id, $0.outcome) })
        #expect(outcomes["unit.pass"] == .passed)
        #expect(outcomes["unit.must"] == .failed)
        #expect(outcomes["unit.should"] == .warning)
        #expect(outcomes["unit.may"] == .informational)
        #expect(outcomes["unit.patch"] == .unsupported)
        #expect(outcomes["unit.skip"] == .skipped)
        #expect(outcomes["unit.require"] == .failed)
        #expect(outcomes["unit.nothing"] == .error)
        #expect(outcomes["unit.writes"] == .passed)
        #expect(report.capabilities.supports(.filter) && !report.capabilities.supports(.patch))
        #expect(report.preflight?.passed == true)
        #expect(report.exitCode == 2)
    }

    @Test func exitCodesFollowFailuresAndStrictness() async {
        let failing = await run(Self.server(), selection: Selection(only: ["unit.pass", "unit.must"]))
        #expect(failing.exitCode == 1)
        let warning = await run(Self.server(), selection: Selection(only: ["unit.pass", "unit.should"]))
        #expect(warning.exitCode == 0)
        let strict = await run(Self.server(), selection: Selection(only: ["unit.pass", "unit.should"]), strict: true)
        #expect(strict.exitCode == 1)
        #expect(strict.summary[.skipped] == 7)
    }

    @Test func writeGuardSkipsWritingScenarios() async {
        let report = await run(Self.server(), selection: Selection(only: ["unit.writes"]), writes: false)
        #expect(report.scenarios.first { $0.id == "unit.writes" }?.outcome == .skipped)
    }

    @Test func rejectedCredentialsAbortWithOktasMessage() async throws {
        let transport = Self.server(usersStatus: 401)
        let report = await run(transport)
        let abort = try #require(report.abort)
        #expect(abort.code == .authenticationRejected)
        #expect(
            abort.message.hasPrefix(
                "Error authenticating: Unauthorized. The connector configuration could not be tested."))
        #expect(report.exitCode == 2)
        #expect(report.scenarios.isEmpty)
        #expect(transport.sent.count == 1)
    }

    @Test func unreachableTargetAborts() async throws {
        let report = await run(ScriptedTransport { _ in nil })
        #expect(report.abort?.code == .transport)
        #expect(report.abort?.message.hasPrefix("Error authenticating: Connect to 127.0.0.1:9 failed") == true)
    }

    @Test func secretsNeverReachTheReport() async throws {
        let report = await run(Self.server(usersStatus: 401))
        let json = String(decoding: try JSONReport.render(report), as: UTF8.self)
        #expect(!json.contains("s3cr3t-token"))
        #expect(json.contains("Bearer ********"))
        #expect(!JUnitReport.render(report).contains("s3cr3t-token"))
    }

    @Test func cleanupsRunLastRegisteredFirst() async {
        let order = Mutex<[String]>([])
        let catalog = Catalog {
            Suite("cleanup", "Cleanup") {
                Scenario("cleanup.order", "cleans up in reverse") { s in
                    s.onCleanup { _ in order.withLock { $0.append("first") } }
                    s.onCleanup { _ in order.withLock { $0.append("second") } }
                    try await s.get("/x") { Status(404) }
                }
            }
        }
        let context = RunContext(
            baseURL: "http://127.0.0.1:9", credentials: .none, transport: Self.server(), runTag: "t",
            writesAllowed: true)
        let report = await Runner(catalog: catalog, context: context, options: Runner.Options()).run()
        #expect(report.scenarios.first?.outcome == .passed)
        #expect(order.withLock { $0 } == ["second", "first"])
    }
}
