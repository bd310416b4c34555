import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// The single-file HTML report: no external assets (inline CSS and JavaScript), a summary at the top (counts
/// per suite, the Okta readiness verdict, the baseline's news), filters by outcome, suite and tag whose
/// state lives in the URL fragment (`report.html#outcome=failed&suite=okta-oin-spec&tag=users`), and per
/// scenario its findings (expected, actual, spec links, Okta consequence, fix hint) and full exchanges
/// (request as sent, response, timings) with pretty-printed JSON and copy-as-curl.
///
/// Everything is rendered here, so the page reads without JavaScript; the script only filters, keeps the
/// fragment in step, and copies. Secrets are already masked in the report (DESIGN §8.15), and curl
/// commands reference `$SCIM_TOKEN` instead of a token.
public enum HTMLReport {
    /// The report as one HTML document.
    public static func render(_ report: RunReport) -> String {
        var page = HTMLPage(report: report)
        return page.render()
    }
}
