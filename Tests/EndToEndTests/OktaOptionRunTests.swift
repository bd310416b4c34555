import Foundation
import SCIMCheckTestSupport
import Testing

/// The Okta scenarios hold against the embedded reference server under each non-default engine switch
/// that changes the traffic (DESIGN §7, §8.9): the scenarios follow the engine's shape, they do not assume it.
@Suite struct OktaOptionRunTests {
    @Test(arguments: ["app=aiw", "group-create-members=inline", "accept-encoding=on", "filter-spaces=+"])
    func oktaScenariosPassWith(option: String) async throws {
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scimcheck-opt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: reports) }
        let result = try await ProcessRunner.run(
            try TestServers.scimcheck,
            ["run", "--okta-option", option, "--only", "okta.*", "--report-dir", reports.path, "-q"])
        #expect(result.status == 0, "\(option): \(result.stdout)\(result.stderr)")
        let report = try String(
            contentsOf: reports.appendingPathComponent("latest").appendingPathComponent("report.json"), encoding: .utf8)
        let (name, value) = (option.split(separator: "=")[0], option.split(separator: "=")[1])
        #expect(report.contains("\"\(name)\" : \"\(value)\""), "the report records the option in force")
    }
}
