import ArgumentParser
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckReports

/// `scimcheck explain ID`: a scenario's traits, steps and requests as curl commands, without network.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show a scenario's steps and its requests as curl commands, without touching the network.",
        discussion: """
            Runs the scenario's own code against an offline stand-in server, so the requests shown are the ones \
            a run sends. Values the server assigns appear as placeholders ({user.id}, {group.id}), the run tag as \
            {run}; the token comes from $SCIM_TOKEN and passwords are masked.
            """
    )

    @Argument(help: "The scenario id, as `scimcheck list` shows it.")
    var id: String

    @Option(name: .customLong("base-url"), help: "The SCIM base URL the commands use.")
    var baseURL = "http://127.0.0.1:8080/scim/v2"

    @OptionGroup var okta: OktaEngineOptions

    func validate() throws {
        guard SCIMCheckCommand.catalog.scenarios.contains(where: { $0.scenario.id == id }) else {
            throw ValidationError("no scenario '\(id)'; `scimcheck list` shows the ids")
        }
    }

    func run() async throws {
        guard
            let explanation = await Explanation.make(
                id, in: SCIMCheckCommand.catalog, baseURL: baseURL, settings: try okta.settings())
        else { throw ExitCode(64) }
        print(Self.render(explanation, baseURL: baseURL), terminator: "")
    }

    /// The explanation as text: traits, then numbered steps with their curl commands and expectations.
    static func render(_ explanation: Explanation, baseURL: String) -> String {
        let scenario = explanation.scenario
        let traits = scenario.traits
        var lines = ["\(scenario.id) — \(scenario.title)"]
        var facts = ["suite \(explanation.suite.name)", "level \(traits.level.rawValue)"]
        facts.append(traits.writes ? "creates resources" : "read-only")
        if !traits.requires.isEmpty {
            facts.append("requires \(traits.requires.map(\.rawValue).joined(separator: ", "))")
        }
        if !traits.tags.isEmpty { facts.append("tags \(traits.tags.joined(separator: ", "))") }
        lines.append("  " + facts.joined(separator: " · "))
        if !traits.specs.isEmpty { lines.append("  spec: " + traits.specs.map(\.description).joined(separator: "; ")) }
        for inferred in traits.oktaInferred { lines.append("  inferred Okta behaviour: \(inferred)") }
        for note in traits.notes { lines.append("  note: \(note)") }
        lines.append("  source: \(scenario.source)")
        lines.append("")
        lines.append("Requests go to \(baseURL); export SCIM_TOKEN first. {user.id}, {group.id} and the like")
        lines.append("stand for ids the server assigns, \(Explanation.runTagPlaceholder) for the run's tag.")
        var number = 0
        func section(_ title: String, _ steps: [Explanation.Step]) {
            guard !steps.isEmpty else { return }
            lines.append("")
            lines.append(title)
            for step in steps {
                number += 1
                let target =
                    step.request.url.hasPrefix(baseURL)
                    ? String(step.request.url.dropFirst(baseURL.count)) : step.request.url
                lines.append("")
                lines.append("\(number). \(step.request.method) \(target)")
                lines.append(CurlCommand.render(step.request, authentication: "bearer"))
                for check in step.checks { lines.append(expectation(check)) }
            }
        }
        if !explanation.setup.isEmpty {
            section("Suite setup (runs once before the suite):", explanation.setup)
        }
        if explanation.earlierScenarios > 0 {
            lines.append("")
            lines.append(
                "The suite is serialized: \(explanation.earlierScenarios) earlier scenario(s) run first (see their own explain)."
            )
        }
        section("Steps:", explanation.steps)
        if !explanation.otherChecks.isEmpty {
            lines.append("")
            lines.append("Then it checks:")
            for check in explanation.otherChecks { lines.append(expectation(check)) }
        }
        if let stopped = explanation.stoppedEarly {
            lines.append("")
            lines.append("(\(stopped))")
        }
        section("Cleanup (newest first, with scimcheck's own User-Agent):", explanation.cleanup)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One check as a line: its summary, and what it expects when the summary does not say.
    private static func expectation(_ check: CheckRecord) -> String {
        let detail = check.summary.contains(check.expected) ? "" : " (expected: \(check.expected))"
        return "   expect [\(check.level.rawValue)]: \(check.summary)\(detail)"
    }
}
