import ArgumentParser
import Foundation
import SCIMCheckKit
import SCIMCheckReports

/// `scimcheck baseline`: known failures, so CI fails only on new ones.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record known failures so `run --baseline FILE` fails only on new ones.",
        discussion: """
            scimcheck baseline write --from Reports/runs/latest/report.json > scimcheck-baseline.json
            scimcheck run --baseline scimcheck-baseline.json
            A listed scenario that fails again is reported as knownIssue (exit 0); a failure the baseline does \
            not list fails the run (exit 1); a listed scenario that passes is reported as fixed.
            """,
        subcommands: [Write.self]
    )

    /// `scimcheck baseline write`: the failures of a run as a baseline file.
    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write",
            abstract: "Write the failed and warning scenarios of a JSON report as a baseline (stdout by default).")

        @Option(name: .customLong("from"), help: ArgumentHelp("The JSON report to read.", valueName: "report.json"))
        var from: String

        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the baseline to this file instead of stdout.", valueName: "FILE"))
        var output: String?

        func validate() throws { _ = try ReportCommand.read(from) }

        func run() throws {
            let baseline = Baseline(from: try ReportCommand.read(from))
            let data = try baseline.render()
            if let output {
                do {
                    try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    Console().error("cannot write \(output): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            } else {
                FileHandle.standardOutput.write(data)
            }
            let count = baseline.knownIssues.count
            FileHandle.standardError.write(
                Data("scimcheck: baseline lists \(count) known failure\(count == 1 ? "" : "s")\n".utf8))
        }
    }

    /// Reads and decodes a baseline file; a usage error when the file is missing or is not one.
    static func read(_ path: String) throws -> Baseline {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read baseline \(path): \(error.localizedDescription)")
        }
        do {
            return try Baseline.parse(data)
        } catch {
            throw ValidationError("\(path) is not a scimcheck baseline: \(error)")
        }
    }
}
