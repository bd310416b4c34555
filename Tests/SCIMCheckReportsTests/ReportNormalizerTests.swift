import Foundation
import SCIMCheckKit
import Testing

@testable import SCIMCheckReports

@Suite struct ReportNormalizerTests {
    /// `report` as another run would have produced it: other run id, port, ids and times.
    func rerun(_ report: RunReport) throws -> RunReport {
        var text = String(decoding: try JSONReport.render(report), as: UTF8.self)
        text = text.replacingOccurrences(of: "20261129-204050-12e3", with: "20261130-101010-77aa")
        text = text.replacingOccurrences(of: "127.0.0.1:9/", with: "127.0.0.1:41234/")
        text = text.replacingOccurrences(
            of: "5caa089d-bc6f-4db4-b5a7-c8bc1fb45545", with: "0f9c19fe-56e5-45b2-98d3-28028c294a80")
        text = text.replacingOccurrences(of: "2026-11-29T20:40:51.879Z", with: "2026-11-30T10:10:11.123Z")
        var other = try JSONReport.parse(Data(text.utf8))
        other.startedAt = Date(timeIntervalSince1970: 1_800_000_000)
        other.finishedAt = other.startedAt.addingTimeInterval(3)
        other.suites[0].scenarios[0].durationMicroseconds = 1234
        return other
    }

    @Test func twoRunsNormaliseToTheSameBytes() async throws {
        let report = await RichReport.run()
        let first = try ReportNormalizer.normalize(report)
        let second = try ReportNormalizer.normalize(try rerun(report))
        for format in ReportFormat.allCases {
            #expect(try ReportWriter.render(first, as: format) == ReportWriter.render(second, as: format), "\(format)")
        }
        #expect(
            try ReportWriter.render(ReportNormalizer.normalize(first), as: .json)
                == ReportWriter.render(first, as: .json))
    }

    @Test func volatileValuesBecomePlaceholders() async throws {
        let normalized = try ReportNormalizer.normalize(await RichReport.run())
        let text = String(decoding: try JSONReport.render(normalized), as: UTF8.self)
        #expect(normalized.runID == ReportNormalizer.runID)
        #expect(normalized.startedAt == ReportNormalizer.epoch)
        #expect(normalized.scenarios.allSatisfy { $0.durationMicroseconds == 0 })
        #expect(text.contains("00000000-0000-4000-8000-000000000001"))
        #expect(!text.contains("5caa089d"))
        #expect(text.contains("2000-01-01T00:00:00.000Z"))
        #expect(text.contains("http://127.0.0.1:8080/scim/v2"))
        #expect(!text.contains("127.0.0.1:9/"))
    }
}
