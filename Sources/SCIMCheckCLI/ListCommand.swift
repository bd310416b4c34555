import ArgumentParser
import OktaSimulator
import SCIMCheckKit

/// `scimcheck list`: every scenario, one per line, id first; no network.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List scenarios (id, suite, level, title, spec references, tags) without touching the network.")

    @Option(name: .customLong("suite"), help: "List only this suite (repeatable).")
    var suites: [String] = []

    @Flag(name: .customLong("okta-options"), help: "List the Okta engine's --okta-option switches instead.")
    var oktaOptions = false

    func run() throws {
        if oktaOptions {
            for option in OktaOption.all {
                let values = option.values.enumerated().map { $0 == 0 ? "\($1) (default)" : $1 }
                print(
                    "\(option.name)\t\(values.joined(separator: " | "))\t\(option.inferred ? "inferred" : "verified")\t\(option.summary)"
                )
            }
            return
        }
        let selection = Selection(suites: suites)
        for (suite, scenario) in SCIMCheckCommand.catalog.scenarios where selection.includes(suite: suite.name) {
            let traits = scenario.traits
            let columns = [
                scenario.id, suite.name, traits.level.rawValue, scenario.title,
                traits.specs.map(\.description).joined(separator: "; "), traits.tags.joined(separator: ","),
            ]
            print(columns.joined(separator: "\t"))
        }
    }
}
