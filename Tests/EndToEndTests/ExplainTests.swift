import Foundation
import SCIMCheckKit
import SCIMCheckReports
import SCIMCheckScenarios
import SCIMCheckTestSupport
import Testing

/// `scimcheck explain ID` (DESIGN §8.16): the scenario's own code, run offline, shown as curl commands.
@Suite struct ExplainTests {
    static let baseURL = "http://127.0.0.1:9/scim/v2"

    /// Every built-in scenario explains itself: at least one request, placeholders instead of the stand-in
    /// ids and run tag, no credential, passwords masked, and no stop caused by a missing network.
    @Test(arguments: Catalog.builtIn.scenarios.map(\.scenario.id))
    func everyScenarioExplainsItself(id: String) async throws {
        let explanation = try #require(await Explanation.make(id, in: .builtIn, baseURL: Self.baseURL))
        let requests = explanation.setup + explanation.steps + explanation.cleanup
        // A scenario that needs what the stand-in server cannot offer (such as the reference server's admin
        // API) may stop before its first SCIM request; the explanation then says why instead.
        let skipped = explanation.stoppedEarly != nil && explanation.steps.isEmpty
        #expect(!explanation.steps.isEmpty || skipped, "\(id) shows no request of its own")
        let commands = requests.map { CurlCommand.render($0.request, authentication: "bearer") }
        let text = commands.joined(separator: "\n")
        #expect(text.contains("curl") || skipped)
        #expect(!text.contains("5c1dc4ec-0000-4000-8000"), "a stand-in id was not replaced by a placeholder")
        #expect(!text.contains("RUNTAG"), "the stand-in run tag was not replaced by {run}")
        #expect(!text.contains("explain-token-never-sent"), "the stand-in credential leaked")
        #expect(text.range(of: #""password":"(?!\*{8}")"#, options: .regularExpression) == nil, "a password leaked")
        for request in requests where request.request.headers.contains(where: { $0.name == "Authorization" }) {
            #expect(CurlCommand.render(request.request, authentication: "bearer").contains("$SCIM_"))
        }
        #expect(
            requests.allSatisfy { $0.request.url.hasPrefix(Self.baseURL + "/") }, "every request goes to the base URL")
    }

    /// A scenario that creates a user refers to it by placeholder afterwards and removes it in cleanup.
    @Test func createdResourcesAppearAsPlaceholders() async throws {
        let explanation = try #require(
            await Explanation.make("okta.users.create-on-assign", in: .builtIn, baseURL: Self.baseURL))
        let methods = explanation.steps.map(\.request.method)
        #expect(methods == ["GET", "POST", "GET"])
        #expect(explanation.steps[2].request.url == Self.baseURL + "/Users/{user.id}")
        #expect(explanation.steps[1].checks.contains { $0.summary.contains("status is 201") })
        #expect(explanation.cleanup.map(\.request.method) == ["DELETE"])
        #expect(explanation.cleanup.first?.request.url == Self.baseURL + "/Users/{user.id}")
        #expect(explanation.steps[0].request.url.contains("scimcheck-{run}-create-1"))
    }

    /// The command prints traits and curl commands without any server listening, and refuses unknown ids.
    @Test func commandWorksWithoutANetwork() async throws {
        let result = try await ProcessRunner.run(
            try TestServers.scimcheck, ["explain", "okta.users.create-on-assign", "--base-url", Self.baseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("okta.users.create-on-assign — "))
        #expect(result.stdout.contains("level MUST"))
        #expect(result.stdout.contains("spec: Okta SCIM behaviour §2.2"))
        #expect(result.stdout.contains("curl -X POST '\(Self.baseURL)/Users'"))
        #expect(result.stdout.contains("-H \"Authorization: Bearer $SCIM_TOKEN\""))
        #expect(result.stdout.contains("curl -X DELETE --globoff '\(Self.baseURL)/Users/{user.id}'"))
        #expect(result.stdout.contains("expect [MUST]: status is 201"))
        let unknown = try await ProcessRunner.run(try TestServers.scimcheck, ["explain", "no.such.scenario"])
        #expect(unknown.status == 64)
    }
}
