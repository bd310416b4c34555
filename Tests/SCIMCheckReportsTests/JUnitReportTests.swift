import Foundation
import SCIMCheckKit
import SCIMCheckTestSupport
import Testing

@testable import SCIMCheckReports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// JUnit XML against `Reports/schema/junit.xsd` with `xmllint`, and its counts against the JSON summary.
@Suite struct JUnitReportTests {
    struct Counts: Equatable, CustomStringConvertible {
        var tests = 0
        var failures = 0
        var errors = 0
        var skipped = 0

        init(tests: Int, failures: Int, errors: Int, skipped: Int) {
            self.tests = tests
            self.failures = failures
            self.errors = errors
            self.skipped = skipped
        }

        init(_ element: XMLElement) {
            func count(_ name: String) -> Int { Int(element.attribute(forName: name)?.stringValue ?? "") ?? -1 }
            self.init(
                tests: count("tests"), failures: count("failures"), errors: count("errors"), skipped: count("skipped"))
        }

        /// What the README's contract derives from a JSON summary.
        init(_ summary: RunReport.Summary, strict: Bool, aborted: Bool) {
            self.init(
                tests: summary.total + (aborted ? 1 : 0),
                failures: summary[.failed] + (strict ? summary[.warning] : 0),
                errors: summary[.error] + (aborted ? 1 : 0), skipped: summary[.skipped] + summary[.unsupported])
        }

        var description: String { "tests=\(tests) failures=\(failures) errors=\(errors) skipped=\(skipped)" }
    }

    func variants() async -> [(String, RunReport)] {
        let plain = await RichReport.run()
        return [
            ("plain", plain), ("strict", await RichReport.run(strict: true)),
            ("aborted", await RichReport.run(preflightStatus: 401)),
            ("baselined", Baseline(from: plain).apply(to: plain, file: "b.json")),
            ("empty", await RichReport.run(selection: Selection(suites: ["none"]))),
        ]
    }

    @Test func junitValidatesWithXmllintAndItsCountsEqualTheJSON() async throws {
        let xmllint = try #require(Tools.which("xmllint"), "xmllint (libxml2-utils) is needed")
        let directory = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, report) in await variants() {
            let xml = JUnitReport.render(report)
            let file = try Tools.write(Data(xml.utf8), "\(name).xml", in: directory)
            let lint = try await ProcessRunner.run(
                xmllint, ["--noout", "--schema", Tools.schema("junit.xsd").path, file.path])
            #expect(lint.status == 0, "\(name): \(lint.stderr)")

            // The JSON a reader gets back, not the value in memory, is what the counts must equal.
            let json = try JSONReport.parse(try JSONReport.render(report))
            let document = try XMLDocument(data: Data(xml.utf8))
            let root = try #require(document.rootElement())
            let expected = Counts(json.summary, strict: json.configuration.strict, aborted: json.abort != nil)
            #expect(Counts(root) == expected, "\(name)")
            let suites = root.elements(forName: "testsuite")
            let sum = suites.map(Counts.init).reduce(Counts(tests: 0, failures: 0, errors: 0, skipped: 0)) {
                Counts(
                    tests: $0.tests + $1.tests, failures: $0.failures + $1.failures, errors: $0.errors + $1.errors,
                    skipped: $0.skipped + $1.skipped)
            }
            #expect(sum == expected, "\(name): the suites add up to the total")
            let cases = suites.flatMap { $0.elements(forName: "testcase") }
            #expect(cases.count == expected.tests, "\(name)")
            #expect(cases.filter { !$0.elements(forName: "failure").isEmpty }.count == expected.failures, "\(name)")
            #expect(cases.filter { !$0.elements(forName: "error").isEmpty }.count == expected.errors, "\(name)")
            #expect(cases.filter { !$0.elements(forName: "skipped").isEmpty }.count == expected.skipped, "\(name)")
        }
    }

    @Test func outcomesMapToJUnitElementsWithTheFindings() async throws {
        let report = await RichReport.run()
        let root = try #require(try XMLDocument(data: Data(JUnitReport.render(report).utf8)).rootElement())
        let cases = Dictionary(
            uniqueKeysWithValues: root.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }.map {
                ($0.attribute(forName: "name")?.stringValue ?? "", $0)
            })
        let failed = try #require(cases["okta.oin-spec.04-unknown-id"]?.elements(forName: "failure").first)
        #expect(failed.attribute(forName: "message")?.stringValue == "MUST: status is 404")
        let text = failed.stringValue ?? ""
        for part in [
            "expected: 404", "actual: HTTP/1.1 200 X",
            "spec: RFC 7644 §3.12 <https://www.rfc-editor.org/rfc/rfc7644#section-3.12>",
            "in Okta: Okta reads a 200", "fix: answer 404",
            "evidence: GET http://127.0.0.1:9/scim/v2/Users/does-not-exist",
        ] {
            #expect(text.contains(part), "\(part) in \(text)")
        }
        #expect(cases["rfc.errors.nothing"]?.elements(forName: "error").isEmpty == false)
        #expect(cases["okta.users.patch"]?.elements(forName: "skipped").isEmpty == false)
        #expect(cases["okta.users.skip"]?.elements(forName: "skipped").isEmpty == false)
        let warning = try #require(cases["okta.users.should"])
        #expect(warning.elements(forName: "failure").isEmpty)
        #expect(warning.elements(forName: "system-out").first?.stringValue?.hasPrefix("warning\n[SHOULD]") == true)
        #expect(cases["okta.users.create"]?.childCount == 0)
        #expect(cases["okta.oin-spec.04-unknown-id"]?.attribute(forName: "classname")?.stringValue == "okta-oin-spec")

        let strict = try #require(
            try XMLDocument(data: Data(JUnitReport.render(await RichReport.run(strict: true)).utf8)).rootElement())
        let strictWarning = strict.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
            .first { $0.attribute(forName: "name")?.stringValue == "okta.users.should" }
        #expect(strictWarning?.elements(forName: "failure").first?.attribute(forName: "type")?.stringValue == "warning")

        let baselined = Baseline(from: report).apply(to: report, file: "b.json")
        let known = try #require(try XMLDocument(data: Data(JUnitReport.render(baselined).utf8)).rootElement())
        let knownCase = known.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
            .first { $0.attribute(forName: "name")?.stringValue == "okta.oin-spec.04-unknown-id" }
        #expect(knownCase?.elements(forName: "failure").isEmpty == true)
        #expect(
            knownCase?.elements(forName: "system-out").first?.stringValue?.hasPrefix("knownIssue (baselined failed)")
                == true)
    }

    @Test func escapingCoversMarkupControlCharactersAndLineBreaksInAttributes() {
        #expect(JUnitReport.escape("a<b>&\"'\u{1}") == "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}")
        #expect(JUnitReport.attribute("a\nb\tc") == "a&#10;b&#9;c")
        #expect(JUnitReport.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00")
    }
}
