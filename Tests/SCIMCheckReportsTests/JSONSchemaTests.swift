import Foundation
import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

@testable import SCIMCheckReports

/// The JSON report against `Reports/schema/report-v1.schema.json`, with Python's `jsonschema` (installed by
/// `.ci/run` and `make test-deps`).
@Suite struct JSONSchemaTests {
    /// Runs `Reports/schema/validate.py --strict` on `reports` and returns its output.
    func validate(_ reports: [Data], schema: String = "report-v1.schema.json") async throws -> ProcessResult {
        let directory = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try reports.enumerated().map { try Tools.write($1, "report-\($0).json", in: directory).path }
        let python = try #require(Tools.which("python3"), "python3 is needed for the schema check")
        return try await ProcessRunner.run(
            python, [Tools.schema("validate.py").path, "--strict", "--schema", Tools.schema(schema).path] + files)
    }

    @Test func everyKindOfReportValidatesAgainstTheSchema() async throws {
        let plain = await RichReport.run()
        let strict = await RichReport.run(strict: true)
        let aborted = await RichReport.run(preflightStatus: 401)
        let baselined = Baseline(from: plain).apply(to: await RichReport.run(), file: "scimcheck-baseline.json")
        #expect(aborted.abort != nil)
        #expect(Set(plain.scenarios.map(\.outcome)) == Set(Outcome.allCases).subtracting([.knownIssue]))
        #expect(baselined.summary[.knownIssue] > 0)
        let normalized = try ReportNormalizer.normalize(plain)
        let result = try await validate(
            try [plain, strict, aborted, baselined, normalized].map { try JSONReport.render($0) })
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func anUndocumentedMemberOrAWrongTypeFails() async throws {
        let text = String(decoding: try JSONReport.render(await RichReport.run()), as: UTF8.self)
        let extra = text.replacingOccurrences(
            of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 1, \"surprise\" : 2")
        let wrong = text.replacingOccurrences(of: "\"outcome\" : \"passed\"", with: "\"outcome\" : \"fine\"")
        #expect(extra != text && wrong != text)
        for document in [extra, wrong] {
            let result = try await validate([Data(document.utf8)])
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func baselineFilesValidateAgainstTheirSchema() async throws {
        let baseline = Baseline(from: await RichReport.run())
        #expect(!baseline.knownIssues.isEmpty)
        let result = try await validate([try baseline.render()], schema: "baseline-v1.schema.json")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func renderingIsDeterministicAndRoundTrips() async throws {
        let report = await RichReport.run()
        let first = try JSONReport.render(report)
        #expect(first == (try JSONReport.render(report)))
        let decoded = try JSONReport.parse(first)
        #expect(try JSONReport.render(decoded) == first)
        let text = String(decoding: first, as: UTF8.self)
        let supported = try #require(text.range(of: "\"supported\" : ["))
        let block = text[supported.upperBound...].prefix { $0 != "]" }
        let order = block.split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ",")))
        }
        .filter { !$0.isEmpty }
        #expect(order == ["\"filter\"", "\"sort\"", "\"etag\""])
        #expect(text.hasSuffix("}\n"))
    }
}
