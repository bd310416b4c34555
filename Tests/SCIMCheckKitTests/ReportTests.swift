import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

@testable import SCIMCheckReports

@Suite struct ReportTests {
    @Test func junitCountsEqualTheJSONSummary() async throws {
        let report = await RunnerTests().run(RunnerTests.server())
        let xml = JUnitReport.render(report)
        let summary = report.summary
        #expect(
            xml.contains("tests=\"\(summary.total)\" failures=\"\(summary[.failed])\" errors=\"\(summary[.error])\""))
        #expect(xml.contains("skipped=\"\(summary[.skipped] + summary[.unsupported])\""))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == summary.total)
    }

    @Test func jsonRoundTrips() async throws {
        let report = await RunnerTests().run(RunnerTests.server())
        let decoded = try JSONReport.parse(JSONReport.render(report))
        #expect(decoded.summary == report.summary)
        #expect(decoded.scenarios.map(\.id) == report.scenarios.map(\.id))
        #expect(decoded.scenarios.first?.exchanges.first?.request == report.scenarios.first?.exchanges.first?.request)
    }

    @Test func xmlEscapingCoversMarkupAndControlCharacters() {
        #expect(JUnitReport.escape("a<b>&\"'\u{1}") == "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}")
    }

    @Test func redactorMasksPasswordsAndAuthorization() {
        let redactor = Redactor(secrets: ["tok-123456"])
        let exchange = Exchange(
            request: HTTPRequest(
                method: "POST", url: "http://h/Users", headers: [HTTPHeader("Authorization", "Bearer tok-123456")],
                body: Body(
                    stringLiteral:
                        #"{"userName":"u","password":"hunter22","Operations":[{"op":"replace","path":"password","value":"p2"}]}"#
                )),
            sent: SentRequest(requestLine: "POST /Users HTTP/1.1", headerLines: ["authorization: Basic abc"]))
        let redacted = redactor.redact(exchange)
        #expect(redacted.request.headers.first?.value == "Bearer ********")
        #expect(redacted.sent?.headerLines == ["authorization: Basic ********"])
        let body = redacted.request.body?.text ?? ""
        #expect(!body.contains("hunter22") && !body.contains("p2\""))
        #expect(body.contains(#""userName":"u""#))
    }
}
