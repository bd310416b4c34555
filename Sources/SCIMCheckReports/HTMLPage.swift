import Foundation
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCore

/// Builds one HTML document; `HTMLPage+Exchange.swift` renders exchanges, ``HTMLAssets`` holds the inline
/// CSS and JavaScript.
struct HTMLPage {
    let report: RunReport
    let readiness: OktaReadiness
    var output = ""

    init(report: RunReport) {
        self.report = report
        self.readiness = OktaReadiness(report)
    }

    mutating func render() -> String {
        let summary = report.summary
        let counts = Outcome.allCases.filter { summary[$0] > 0 }.map { "\(summary[$0]) \($0.rawValue)" }
        output += "<!DOCTYPE html>\n<html lang=\"en\" data-ready=\"false\">\n<head>\n<meta charset=\"utf-8\">\n"
        output += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        output += "<meta name=\"generator\" content=\"\(h(report.tool.name)) \(h(report.tool.version))\">\n"
        output += "<title>scimcheck: \(h(counts.isEmpty ? "no scenario ran" : counts.joined(separator: ", "))) — "
        output += "\(h(report.target.baseURL))</title>\n<style>\n\(HTMLAssets.css)</style>\n</head>\n<body>\n"
        header()
        output += "<main>\n"
        summarySection()
        filters()
        scenarios()
        output += "</main>\n"
        output += "<footer>Rendered by \(h(report.tool.name)) \(h(report.tool.version)) from the JSON report "
        output += "(schemaVersion \(report.schemaVersion)). Authorization values and passwords are masked; curl "
        output += "commands read the credentials from <code>$SCIM_TOKEN</code>, <code>$SCIM_HEADER_TOKEN</code> or "
        output += "<code>$SCIM_BASIC</code>.</footer>\n"
        output += "<script>\n\(HTMLAssets.script)</script>\n</body>\n</html>\n"
        return output
    }

    // MARK: - Header and summary

    private mutating func header() {
        let duration = report.finishedAt.timeIntervalSince(report.startedAt)
        output += "<header>\n<h1>scimcheck conformance report</h1>\n<p class=\"meta\">"
        output += "Target <code>\(h(report.target.baseURL))</code>"
        output += report.target.embedded ? " (embedded reference NinjaOne server)" : ""
        output += " · authentication <code>\(h(report.target.authentication))</code>"
        output += " · run <code>\(h(report.runID))</code>"
        output += " · started <time datetime=\"\(h(iso(report.startedAt)))\">\(h(iso(report.startedAt)))</time>"
        output += " · \(h(String(format: "%.1f s", max(0, duration))))"
        output += " · exit code <strong id=\"exit-code\">\(report.exitCode)</strong></p>\n</header>\n"
    }

    private mutating func summarySection() {
        output += "<section id=\"summary\" aria-labelledby=\"summary-title\">\n"
        output += "<h2 id=\"summary-title\">Summary</h2>\n"
        let total = report.summary.total
        let counts = Outcome.allCases.filter { report.summary[$0] > 0 }
            .map { "<span class=\"badge outcome-\($0.rawValue)\">\(report.summary[$0]) \($0.rawValue)</span>" }
        output += "<p id=\"totals\" data-total=\"\(total)\">\(total) scenario\(total == 1 ? "" : "s"): "
        output += counts.isEmpty ? "none ran" : counts.joined(separator: " ")
        output += "</p>\n"
        if let abort = report.abort {
            output += "<div class=\"banner outcome-error\" id=\"abort\"><strong>The run stopped before its "
            output += "scenarios</strong> (\(h(abort.code.rawValue))): \(h(abort.message))</div>\n"
        }
        verdict()
        if let preflight = report.preflight {
            output +=
                "<p id=\"preflight\" class=\"\(preflight.passed ? "ok" : "bad")\">\(preflight.passed ? "✓" : "✗") "
            output += "<strong>\(h(preflight.name))</strong>: \(h(preflight.message))</p>\n"
        }
        baseline()
        suiteTable()
        configuration()
        output += "</section>\n"
    }

    private mutating func verdict() {
        let verdict = readiness.verdict
        output +=
            "<div id=\"verdict\" class=\"verdict verdict-\(verdict.rawValue)\" data-verdict=\"\(verdict.rawValue)\">\n"
        output += "<p><strong>Okta readiness: \(h(verdict.label))</strong> — \(h(readiness.headline))</p>\n<ul>\n"
        for area in readiness.areas {
            output += "<li class=\"verdict-\(area.verdict.rawValue)\" data-verdict=\"\(area.verdict.rawValue)\">"
            output += "\(h(area.sentence))</li>\n"
        }
        output += "</ul>\n</div>\n"
    }

    private mutating func baseline() {
        guard let baseline = report.baseline else { return }
        output += "<div id=\"baseline\" class=\"baseline\">\n<p><strong>Baseline</strong> "
        output += "<code>\(h(baseline.file))</code> (\(baseline.entries) entr\(baseline.entries == 1 ? "y" : "ies")): "
        output += "\(baseline.knownIssues.count) known issue(s), \(baseline.newFailures.count) new failure(s), "
        output += "\(baseline.fixed.count) fixed.</p>\n<ul>\n"
        if !baseline.newFailures.isEmpty {
            output += "<li class=\"bad\" id=\"baseline-new\">New failures: \(links(baseline.newFailures))</li>\n"
        }
        if !baseline.fixed.isEmpty {
            output += "<li class=\"ok\" id=\"baseline-fixed\">Fixed (remove them from the baseline): "
            output += "\(links(baseline.fixed))</li>\n"
        }
        if !baseline.knownIssues.isEmpty {
            output += "<li>Known issues: \(links(baseline.knownIssues.map(\.id)))</li>\n"
        }
        if !baseline.unverified.isEmpty {
            output += "<li>Listed but not verified this run: \(links(baseline.unverified))</li>\n"
        }
        output += "</ul>\n</div>\n"
    }

    private func links(_ ids: [String]) -> String {
        ids.map { "<a href=\"#\(h(anchor($0)))\" data-jump><code>\(h($0))</code></a>" }.joined(separator: ", ")
    }

    private mutating func suiteTable() {
        let columns = Outcome.allCases
        output += "<table id=\"suite-summary\">\n<thead><tr><th scope=\"col\">Suite</th><th scope=\"col\">total</th>"
        for outcome in columns {
            output += "<th scope=\"col\" class=\"outcome-\(outcome.rawValue)\">\(outcome.rawValue)</th>"
        }
        output += "</tr></thead>\n<tbody>\n"
        for suite in report.suites {
            let summary = RunReport.Summary(suite.scenarios)
            output +=
                "<tr data-suite=\"\(h(suite.name))\"><th scope=\"row\"><a href=\"#suite=\(h(fragment(suite.name)))\">"
            output += "\(h(suite.name))</a><br><small>\(h(suite.title))</small></th><td>\(summary.total)</td>"
            for outcome in columns { output += cell(summary[outcome], outcome: outcome, suite: suite.name) }
            output += "</tr>\n"
        }
        output += "</tbody>\n<tfoot><tr data-suite=\"\"><th scope=\"row\">All suites</th>"
        output += "<td>\(report.summary.total)</td>"
        for outcome in columns { output += cell(report.summary[outcome], outcome: outcome, suite: nil) }
        output += "</tr></tfoot>\n</table>\n"
    }

    private func cell(_ count: Int, outcome: Outcome, suite: String?) -> String {
        guard count > 0 else { return "<td data-outcome=\"\(outcome.rawValue)\" class=\"zero\">0</td>" }
        var target = "outcome=\(outcome.rawValue)"
        if let suite { target = "suite=\(fragment(suite))&" + target }
        return "<td data-outcome=\"\(outcome.rawValue)\" class=\"outcome-\(outcome.rawValue)\">"
            + "<a href=\"#\(h(target))\">\(count)</a></td>"
    }

    private mutating func configuration() {
        let configuration = report.configuration
        let capabilities =
            report.capabilities.discovered
            ? Capability.allCases.map { "\($0.rawValue) \(report.capabilities.supports($0) ? "✓" : "✗")" }
                .joined(separator: " · ")
            : "not discovered (/ServiceProviderConfig unreadable)"
        output += "<details id=\"configuration\"><summary>Run configuration</summary>\n<dl class=\"facts\">\n"
        output += "<dt>Capabilities</dt><dd>\(h(capabilities))</dd>\n"
        let selection = configuration.selection
        let selected = [
            selection.suites.isEmpty ? nil : "suites " + selection.suites.joined(separator: ", "),
            selection.only.isEmpty ? nil : "--only " + selection.only.joined(separator: ", "),
            selection.skip.isEmpty ? nil : "--skip " + selection.skip.joined(separator: ", "),
        ].compactMap { $0 }
        output +=
            "<dt>Selection</dt><dd>\(h(selected.isEmpty ? "everything" : selected.joined(separator: "; ")))</dd>\n"
        output += "<dt>Strict</dt><dd>\(configuration.strict ? "yes (warnings fail the run)" : "no")</dd>\n"
        output += "<dt>Writes</dt><dd>\(configuration.writesAllowed ? "allowed" : "not allowed")</dd>\n"
        let settings = configuration.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        output += "<dt>Okta options</dt><dd><code>\(h(settings.joined(separator: " ")))</code></dd>\n"
        output += "<dt>Tool</dt><dd>\(h(report.tool.name)) \(h(report.tool.version))</dd>\n</dl>\n</details>\n"
    }

    // MARK: - Filters

    private mutating func filters() {
        let scenarios = report.scenarios
        let tags = Set(scenarios.flatMap(\.traits.tags)).sorted()
        output += "<section id=\"filters\" aria-label=\"Filters\">\n<fieldset id=\"filter-outcome\">"
        output += "<legend>Outcome</legend>\n"
        for outcome in Outcome.allCases {
            let count = report.summary[outcome]
            output += "<label class=\"chip outcome-\(outcome.rawValue)\(count == 0 ? " zero" : "")\">"
            output += "<input type=\"checkbox\" name=\"outcome\" value=\"\(outcome.rawValue)\"> \(outcome.rawValue) "
            output += "(\(count))</label>\n"
        }
        output += "</fieldset>\n<label>Suite <select id=\"filter-suite\"><option value=\"\">all suites</option>"
        for suite in report.suites { output += "<option value=\"\(h(suite.name))\">\(h(suite.name))</option>" }
        output += "</select></label>\n<label>Tag <select id=\"filter-tag\"><option value=\"\">all tags</option>"
        for tag in tags { output += "<option value=\"\(h(tag))\">\(h(tag))</option>" }
        output += "</select></label>\n<button type=\"button\" id=\"filter-clear\">Show all</button>\n"
        output += "<span id=\"shown\" aria-live=\"polite\">Showing \(scenarios.count) of \(scenarios.count) "
        output += "scenarios</span>\n</section>\n"
    }

    // MARK: - Scenarios

    private mutating func scenarios() {
        output += "<section id=\"scenarios\" aria-label=\"Scenarios\">\n"
        if let preflight = report.preflight, !preflight.exchanges.isEmpty {
            output += "<details class=\"setup\" id=\"preflight-exchanges\"><summary>First call: \(h(preflight.name)) "
            output += "(\(preflight.exchanges.count) exchange\(preflight.exchanges.count == 1 ? "" : "s"))</summary>\n"
            for (index, exchange) in preflight.exchanges.enumerated() {
                exchangeBlock(exchange, id: "preflight-\(index)", label: "Exchange \(index + 1)", open: false)
            }
            output += "</details>\n"
        }
        for suite in report.suites {
            output +=
                "<section class=\"suite\" data-suite=\"\(h(suite.name))\" id=\"\(h(anchor("suite-" + suite.name)))\">\n"
            output += "<h2>\(h(suite.title)) <code>\(h(suite.name))</code></h2>\n"
            for note in suite.notes { output += "<p class=\"note\">\(h(note))</p>\n" }
            if !suite.setupExchanges.isEmpty {
                output += "<details class=\"setup\"><summary>Suite setup and cleanup "
                output +=
                    "(\(suite.setupExchanges.count) exchange\(suite.setupExchanges.count == 1 ? "" : "s"))</summary>\n"
                for (index, exchange) in suite.setupExchanges.enumerated() {
                    exchangeBlock(
                        exchange, id: anchor("setup-\(suite.name)-\(index)"), label: "Exchange \(index + 1)",
                        open: false)
                }
                output += "</details>\n"
            }
            for scenario in suite.scenarios { self.scenario(scenario) }
            output += "</section>\n"
        }
        output += "</section>\n"
    }

    private mutating func scenario(_ scenario: ScenarioResult) {
        let outcome = scenario.outcome.rawValue
        let open = ![.passed, .skipped, .unsupported].contains(scenario.outcome)
        output += "<article class=\"scenario outcome-\(outcome)\" id=\"\(h(anchor(scenario.id)))\" "
        output += "data-outcome=\"\(outcome)\" data-suite=\"\(h(scenario.suite))\" "
        output += "data-tags=\"\(h(scenario.traits.tags.joined(separator: " ")))\">\n"
        output += "<details\(open ? " open" : "")><summary><span class=\"badge outcome-\(outcome)\">\(outcome)</span> "
        output += "<code class=\"id\">\(h(scenario.id))</code> <span class=\"title\">\(h(scenario.title))</span> "
        output += "<span class=\"duration\">\(h(milliseconds(scenario.durationMicroseconds)))</span></summary>\n"
        output += "<div class=\"body\">\n"
        if scenario.outcome == .knownIssue,
            let known = report.baseline?.knownIssues.first(where: { $0.id == scenario.id })
        {
            output += "<p class=\"note\">Known issue: listed in the baseline; this run it was "
            output += "<strong>\(known.outcome.rawValue)</strong>.</p>\n"
        }
        if let reason = scenario.reason { output += "<p class=\"reason\">\(h(reason))</p>\n" }
        traits(scenario)
        let findings = scenario.checks.enumerated().filter { !$0.element.passed }
        for (index, finding) in findings { self.finding(finding, index: index, in: scenario) }
        let passed = scenario.checks.filter(\.passed)
        if !passed.isEmpty {
            output += "<details class=\"checks\"><summary>\(passed.count) check\(passed.count == 1 ? "" : "s") held"
            output += "</summary>\n<ul>\n"
            for check in passed {
                output += "<li><span class=\"level\">\(check.level.rawValue)</span> \(h(check.summary))"
                output += "\(check.specs.isEmpty ? "" : " — " + specLinks(check.specs))</li>\n"
            }
            output += "</ul>\n</details>\n"
        }
        let judged = Set(findings.compactMap(\.element.exchangeIndex))
        if !scenario.exchanges.isEmpty {
            output += "<h4>Exchanges</h4>\n"
            for (index, exchange) in scenario.exchanges.enumerated() {
                exchangeBlock(
                    exchange, id: anchor("\(scenario.id)-exchange-\(index)"), label: "Exchange \(index + 1)",
                    open: judged.contains(index))
            }
        }
        if !scenario.cleanupExchanges.isEmpty {
            output += "<h4>Cleanup</h4>\n"
            for (index, exchange) in scenario.cleanupExchanges.enumerated() {
                exchangeBlock(
                    exchange, id: anchor("\(scenario.id)-cleanup-\(index)"), label: "Cleanup \(index + 1)", open: false)
            }
        }
        output += "</div>\n</details>\n</article>\n"
    }

    private mutating func traits(_ scenario: ScenarioResult) {
        let traits = scenario.traits
        output += "<dl class=\"facts traits\">\n<dt>Level</dt><dd>\(traits.level.rawValue)</dd>\n"
        if !traits.specs.isEmpty { output += "<dt>Specs</dt><dd>\(specLinks(traits.specs))</dd>\n" }
        if !traits.tags.isEmpty {
            let tags = traits.tags.map { "<a class=\"tag\" href=\"#tag=\(h(fragment($0)))\">\(h($0))</a>" }
            output += "<dt>Tags</dt><dd>\(tags.joined(separator: " "))</dd>\n"
        }
        if !traits.requires.isEmpty {
            output += "<dt>Requires</dt><dd>\(h(traits.requires.map(\.rawValue).joined(separator: ", ")))</dd>\n"
        }
        if traits.writes { output += "<dt>Writes</dt><dd>creates or changes resources</dd>\n" }
        for inferred in traits.oktaInferred { output += "<dt>Okta shape inferred</dt><dd>\(h(inferred))</dd>\n" }
        for note in traits.notes { output += "<dt>Note</dt><dd>\(h(note))</dd>\n" }
        output += "<dt>Source</dt><dd><code>\(h(scenario.source.description))</code></dd>\n</dl>\n"
    }

    private mutating func finding(_ finding: CheckRecord, index: Int, in scenario: ScenarioResult) {
        output +=
            "<div class=\"finding level-\(finding.level.rawValue)\" "
            + "id=\"\(h(anchor("\(scenario.id)-finding-\(index)")))\">\n"
        output += "<h4><span class=\"level\">\(finding.level.rawValue)</span> \(h(finding.summary))</h4>\n"
        output +=
            "<dl class=\"facts\">\n<dt>Expected</dt><dd><pre class=\"expected\">\(h(finding.expected))</pre></dd>\n"
        output += "<dt>Actual</dt><dd><pre class=\"actual\">\(h(finding.actual))</pre></dd>\n"
        if !finding.specs.isEmpty { output += "<dt>Spec</dt><dd>\(specLinks(finding.specs))</dd>\n" }
        if let consequence = finding.oktaConsequence {
            output += "<dt>In Okta</dt><dd class=\"consequence\">\(h(consequence))</dd>\n"
        }
        if let hint = finding.fixHint { output += "<dt>Fix</dt><dd class=\"hint\">\(h(hint))</dd>\n" }
        if let exchange = finding.exchangeIndex, scenario.exchanges.indices.contains(exchange) {
            let target = anchor("\(scenario.id)-exchange-\(exchange)")
            output += "<dt>Evidence</dt><dd><a href=\"#\(h(target))\" data-jump>Exchange \(exchange + 1): "
            output += "\(h(JUnitReport.evidence(scenario.exchanges[exchange])))</a></dd>\n"
        }
        output += "<dt>Checked at</dt><dd><code>\(h(finding.source.description))</code></dd>\n</dl>\n</div>\n"
    }

    func specLinks(_ specs: [SpecReference]) -> String {
        specs.map { spec in
            if let url = spec.url, url.hasPrefix("https://") || url.hasPrefix("http://") {
                return "<a href=\"\(h(url))\" rel=\"noreferrer\">\(h(spec.description))</a>"
            }
            return h(spec.description)
        }.joined(separator: ", ")
    }

    // MARK: - Text helpers

    /// `text` escaped for HTML content and attribute values.
    func h(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    /// An element id for `text`: characters outside `[A-Za-z0-9._-]` become `_`.
    func anchor(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            })
    }

    /// `text` percent-encoded for a fragment value.
    func fragment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: Self.fragmentValue) ?? text
    }

    private static let fragmentValue: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    func milliseconds(_ microseconds: Int64) -> String {
        microseconds >= 1_000_000
            ? String(format: "%.2f s", Double(microseconds) / 1e6)
            : String(format: "%.1f ms", Double(microseconds) / 1e3)
    }

    func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
