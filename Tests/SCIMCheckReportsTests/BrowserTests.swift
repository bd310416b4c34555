import Foundation
import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

@testable import SCIMCheckReports

/// The HTML report in a real headless browser (Debian's `chromium`, which `.ci/run` installs): the DOM after
/// the page's script ran, without and with a filter fragment, and a screenshot next to the report. Required
/// in CI (`CI` set); skipped on a machine without chromium otherwise.
@Suite(.serialized, .enabled(if: Tools.chromium != nil || Tools.inCI))
struct BrowserTests {
    static let chromium = Tools.chromium

    /// Where the last check's report and screenshot stay for a look.
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scimcheck-browser-check")

    /// The rendered DOM of `file` with `fragment`.
    func dom(_ file: URL, fragment: String = "") async throws -> String {
        let chromium = try #require(Self.chromium, "chromium is required in CI: apt-get install chromium")
        let profile = try Tools.temporaryDirectory("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try await ProcessRunner.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(profile.path)", "--dump-dom", file.absoluteString + fragment,
            ], timeout: .seconds(60))
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// What a rendered page must show: the summary, the verdict, the script's marks; empty when all is well.
    static func problems(in dom: String, total: Int, visible: Int, filter: String) -> [String] {
        var problems: [String] = []
        if !dom.contains("id=\"summary\"") { problems.append("no summary section") }
        if !dom.contains("id=\"suite-summary\"") { problems.append("no per-suite table") }
        if dom.range(of: #"id="verdict" class="verdict verdict-\w+" data-verdict="\w+""#, options: .regularExpression)
            == nil
        {
            problems.append("no Okta readiness verdict")
        }
        if !dom.contains("data-ready=\"true\"") { problems.append("the page's script did not run") }
        if !dom.contains("data-filter=\"\(filter.replacingOccurrences(of: "&", with: "&amp;"))\"") {
            problems.append("filter state is not \(filter)")
        }
        if !dom.contains("Showing \(visible) of \(total) scenarios") {
            problems.append("the count does not say \(visible) of \(total)")
        }
        return problems
    }

    /// Every scenario article's outcome and whether it is hidden.
    static func articles(in dom: String) -> [(outcome: String, suite: String, hidden: Bool)] {
        dom.components(separatedBy: "<article ").dropFirst().map { chunk in
            let tag = String(chunk.prefix { $0 != ">" })
            func value(_ name: String) -> String {
                guard let range = tag.range(of: "\(name)=\"") else { return "" }
                return String(tag[range.upperBound...].prefix { $0 != "\"" })
            }
            return (value("data-outcome"), value("data-suite"), tag.contains(" hidden"))
        }
    }

    func writeReport() async throws -> (URL, RunReport) {
        let report = await RichReport.run()
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        let file = try Tools.write(Data(HTMLReport.render(report).utf8), "report.html", in: Self.directory)
        return (file, report)
    }

    @Test func theSummaryRendersAndTheFragmentFilters() async throws {
        let (file, report) = try await writeReport()
        let total = report.summary.total

        let all = try await dom(file)
        #expect(Self.problems(in: all, total: total, visible: total, filter: "") == [])
        #expect(Self.articles(in: all).count == total)
        #expect(Self.articles(in: all).allSatisfy { !$0.hidden })

        let failed = try await dom(file, fragment: "#outcome=failed")
        let failedCount = report.summary[.failed]
        #expect(failedCount > 0)
        #expect(Self.problems(in: failed, total: total, visible: failedCount, filter: "outcome=failed") == [])
        for article in Self.articles(in: failed) {
            #expect(article.hidden == (article.outcome != "failed"), "\(article)")
        }

        let combined = try await dom(file, fragment: "#outcome=warning,informational&suite=okta-lifecycle")
        let expected = report.scenarios.filter {
            [.warning, .informational].contains($0.outcome) && $0.suite == "okta-lifecycle"
        }.count
        #expect(
            Self.problems(
                in: combined, total: total, visible: expected,
                filter: "outcome=warning,informational&suite=okta-lifecycle")
                == [])
        #expect(combined.contains("<section class=\"suite\" data-suite=\"rfc-core\" id=\"suite-rfc-core\" hidden"))

        let tagged = try await dom(file, fragment: "#tag=errors")
        #expect(Self.problems(in: tagged, total: total, visible: 1, filter: "tag=errors") == [])
    }

    @Test func aScreenshotIsWrittenNextToTheReport() async throws {
        let chromium = try #require(Self.chromium, "chromium is required in CI: apt-get install chromium")
        let (file, _) = try await writeReport()
        let profile = try Tools.temporaryDirectory("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        let screenshot = Self.directory.appendingPathComponent("report.png")
        let result = try await ProcessRunner.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(profile.path)", "--hide-scrollbars", "--window-size=1280,1600",
                "--screenshot=\(screenshot.path)", file.absoluteString + "#outcome=failed",
            ], timeout: .seconds(60))
        #expect(result.status == 0, "\(result.stderr)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.count > 10_000)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test func theCheckFailsWhenTheSummaryDoesNotRender() async throws {
        let (file, report) = try await writeReport()
        // The same page with its summary and script cut out: the check must notice.
        var html = try String(contentsOf: file, encoding: .utf8)
        if let start = html.range(of: "<section id=\"summary\""),
            let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
        {
            html.removeSubrange(start.lowerBound..<end.upperBound)
        }
        if let start = html.range(of: "<script>"), let end = html.range(of: "</script>") {
            html.removeSubrange(start.lowerBound..<end.upperBound)
        }
        let broken = try Tools.write(Data(html.utf8), "broken.html", in: Self.directory)
        let total = report.summary.total
        let problems = Self.problems(in: try await dom(broken), total: total, visible: total, filter: "")
        #expect(problems.contains("no summary section"))
        #expect(problems.contains("the page's script did not run"))
    }
}
