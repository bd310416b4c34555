import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import Testing

@testable import SCIMCheckReports

/// The single-file HTML report as text: self-contained, complete, escaped, secrets masked.
@Suite struct HTMLReportTests {
    @Test func thePageLoadsNothingFromElsewhere() async throws {
        let html = HTMLReport.render(await RichReport.run())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<link", " src=", "@import", "url(", "<iframe", "<img"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // Links are in-page anchors or specification references, never assets.
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!hrefs.isEmpty)
        for href in hrefs {
            #expect(
                href.hasPrefix("#") || href.hasPrefix("https://www.rfc-editor.org/")
                    || href.hasPrefix("https://developer.okta.com/"), "\(href)")
        }
        #expect(html.contains("<style>") && html.contains("<script>"))
    }

    @Test func summaryVerdictFiltersAndEveryScenarioArePresent() async throws {
        let report = await RichReport.run()
        let html = HTMLReport.render(report)
        for part in [
            "id=\"summary\"", "id=\"verdict\"", "data-verdict=\"notReady\"", "id=\"suite-summary\"",
            "<tr data-suite=\"okta-oin-spec\">", "id=\"filter-outcome\"", "id=\"filter-suite\"", "id=\"filter-tag\"",
            "<option value=\"errors\">errors</option>",
            "Showing \(report.summary.total) of \(report.summary.total) scenarios",
            "href=\"#suite=okta-oin-spec&amp;outcome=failed\"",
        ] {
            #expect(html.contains(part), "\(part)")
        }
        for scenario in report.scenarios {
            #expect(html.contains("data-outcome=\"\(scenario.outcome.rawValue)\" data-suite=\"\(scenario.suite)\""))
        }
        #expect(html.components(separatedBy: "<article class=\"scenario").count - 1 == report.summary.total)
    }

    @Test func findingsShowExpectedActualSpecConsequenceHintAndEvidence() async throws {
        let html = HTMLReport.render(await RichReport.run())
        for part in [
            "<dt>Expected</dt><dd><pre class=\"expected\">404</pre>", "<pre class=\"actual\">HTTP/1.1 200 X</pre>",
            "<a href=\"https://www.rfc-editor.org/rfc/rfc7644#section-3.12\" rel=\"noreferrer\">RFC 7644 §3.12</a>",
            "<dd class=\"consequence\">Okta reads a 200 as an existing user and links to it</dd>",
            "<dd class=\"hint\">answer 404 with a SCIM error body for an unknown id</dd>",
            "href=\"#okta.oin-spec.04-unknown-id-exchange-0\" data-jump",
            "id=\"okta.oin-spec.04-unknown-id-exchange-0\"",
        ] {
            #expect(html.contains(part), "\(part)")
        }
    }

    @Test func exchangesArePrettyPrintedWithTimingsAndCopyAsCurl() async throws {
        let html = HTMLReport.render(await RichReport.run())
        // The POST body, pretty-printed in member order, its password masked.
        #expect(html.contains("{\n  &quot;schemas&quot;: [\n"))
        #expect(html.contains("&quot;password&quot;: &quot;********&quot;"))
        #expect(html.contains("total 0.0 ms · first byte 0.0 ms"))
        #expect(html.contains("class=\"copy\" data-copy=\"curl-"))
        #expect(html.contains("curl -X POST &#39;http://127.0.0.1:9/scim/v2/Users&#39; \\\n  -H &#39;"))
        #expect(html.contains("-H &quot;Authorization: Bearer $SCIM_TOKEN&quot;"))
        #expect(html.contains("--data-raw &#39;{&quot;schemas&quot;"))
    }

    @Test func secretsNeverReachThePage() async throws {
        let html = HTMLReport.render(await RichReport.run())
        #expect(!html.contains(RichReport.token))
        #expect(!html.contains(RichReport.password))
        #expect(html.contains("X-Echo: Bearer ********"))
        #expect(html.contains("your token is ********"))
    }

    @Test func textIsEscaped() async throws {
        let html = HTMLReport.render(await RichReport.run())
        #expect(html.contains("Required Test: &lt;invalid&gt; User by ID &amp; friends"))
        #expect(!html.contains("<invalid>"))
    }

    @Test func curlCommandsMaskEveryKindOfCredential() {
        let request = HTTPRequestFixture.request(authorization: "Bearer ********")
        #expect(
            CurlCommand.render(request, authentication: "bearer").contains("-H \"Authorization: Bearer $SCIM_TOKEN\""))
        #expect(
            CurlCommand.render(request, authentication: "header").contains("-H \"Authorization: $SCIM_HEADER_TOKEN\""))
        let basic = HTTPRequestFixture.request(authorization: "Basic ********")
        #expect(CurlCommand.render(basic, authentication: "basic").contains("-u \"$SCIM_BASIC\""))
        let command = CurlCommand.render(
            HTTPRequestFixture.request(authorization: nil, url: "http://h/Users?filter=emails[type eq \"work\"]"),
            authentication: "none")
        #expect(command.contains("--globoff"))
        #expect(CurlCommand.quote("it's") == "'it'\\''s'")
    }
}

enum HTTPRequestFixture {
    static func request(authorization: String?, url: String = "http://h/scim/v2/Users") -> HTTPRequest {
        var headers = [HTTPHeader("Accept", "application/scim+json")]
        if let authorization { headers.append(HTTPHeader("Authorization", authorization)) }
        return HTTPRequest(method: "GET", url: url, headers: headers)
    }
}
