import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckTestSupport
import SCIMCore
import Testing

/// Findings help: each says what to fix and cites a specification, and the admin API is reachable only when the
/// run has one (issue 5, point 3; DESIGN §6).
@Suite struct VerdictTests {
    static let transport = ScriptedTransport { request in
        if request.url.contains("/ServiceProviderConfig") {
            return (200, [], #"{"schemas":["\#(SCIMURN.serviceProviderConfig)"]}"#)
        }
        return (404, [], #"{"schemas":["\#(SCIMURN.error)"],"status":"404","detail":"nope"}"#)
    }

    static let catalog = Catalog {
        Suite("unit", "Unit suite") {
            Scenario("unit.default-hint", "a failed check without a hint", .spec(.rfc7644("3.3"))) { s in
                try await s.get("/Users") { Status(201) }
            }
            Scenario("unit.own-hint", "a failed check with its own hint and spec") { s in
                try await s.get("/Users") { Status(201).hint("mine").spec(.checklist("CRT-01")) }
            }
            Scenario("unit.admin", "needs the admin API", .adminAPI) { s in
                try await s.admin("GET", "/accounts") { Status(200) }
            }
        }
    }

    func run(admin: AdminAPI?) async -> RunReport {
        let context = RunContext(
            baseURL: "http://127.0.0.1:9/scim/v2", credentials: .bearer("s3cr3t-token"), transport: Self.transport,
            runTag: "t3st", writesAllowed: true, admin: admin)
        return await Runner(catalog: Self.catalog, context: context, options: Runner.Options()).run()
    }

    @Test func findingsCarryAHintAndTheScenariosSpecWhenTheCheckHasNone() async throws {
        let report = await run(admin: nil)
        let generic = try #require(report.scenarios.first { $0.id == "unit.default-hint" }?.checks.first)
        #expect(!generic.passed)
        #expect(generic.fixHint?.contains("201") == true)
        #expect(generic.specs == [.rfc7644("3.3")])
        let own = try #require(report.scenarios.first { $0.id == "unit.own-hint" }?.checks.first)
        #expect(own.fixHint == "mine")
        #expect(own.specs == [.checklist("CRT-01")])
    }

    @Test func adminScenariosAreUnsupportedWithoutAnAdminAPIAndItsTokenIsRedacted() async throws {
        let without = await run(admin: nil)
        #expect(without.scenarios.first { $0.id == "unit.admin" }?.outcome == .unsupported)
        let with = await run(admin: AdminAPI(baseURL: "http://127.0.0.1:9/admin/v1/", token: "adm1n-t0ken"))
        let admin = try #require(with.scenarios.first { $0.id == "unit.admin" })
        #expect(admin.outcome == .failed)
        #expect(admin.exchanges.first?.request.url == "http://127.0.0.1:9/admin/v1/accounts")
        let encoded = String(decoding: try JSONReport.render(with), as: UTF8.self)
        #expect(!encoded.contains("adm1n-t0ken"))
    }
}
