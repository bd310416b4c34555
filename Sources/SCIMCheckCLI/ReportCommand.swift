import ArgumentParser
import Foundation
import SCIMCheckKit
import SCIMCheckReports

/// `scimcheck report`: re-renders a JSON report offline, in any format, optionally with a baseline applied
/// or with volatile values normalised.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render a JSON report offline: html, md, junit or json.",
        discussion: """
            Reads the report.json a run wrote and writes the chosen formats (report.html, summary.md, junit.xml, \
            report.json) into --output, by default the directory of --from. No network.
            --baseline applies a baseline as `run --baseline` would; --normalize replaces times, durations, run \
            ids, the embedded server's port and server-assigned ids with fixed placeholders, so two runs render \
            to the same bytes (how Reports/examples is made).
            """
    )

    @Option(name: .customLong("from"), help: ArgumentHelp("The JSON report to read.", valueName: "report.json"))
    var from: String

    @Option(name: .customLong("format"), help: "Formats to write, comma-separated: json, junit, html, md.")
    var format = "html"

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Directory to write into (default: the directory of --from).", valueName: "DIR"))
    var output: String?

    @Option(
        name: .customLong("baseline"),
        help: ArgumentHelp("Apply this baseline (known failures) before rendering.", valueName: "FILE"))
    var baselineFile: String?

    @Flag(
        name: .customLong("normalize"),
        help: "Replace times, durations, run ids, ports and generated ids with fixed placeholders.")
    var normalize = false

    func validate() throws {
        do {
            _ = try ReportFormat.list(format)
        } catch {
            throw ValidationError(error.description)
        }
        _ = try Self.read(from)
        if let baselineFile { _ = try BaselineCommand.read(baselineFile) }
    }

    func run() throws {
        var report = try Self.read(from)
        if let baselineFile { report = try BaselineCommand.read(baselineFile).apply(to: report, file: baselineFile) }
        if normalize {
            do {
                report = try ReportNormalizer.normalize(report)
            } catch {
                throw ValidationError("cannot normalise \(from): \(error)")
            }
        }
        let directory =
            output.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? URL(fileURLWithPath: from).deletingLastPathComponent()
        do {
            for file in try ReportWriter.write(report, formats: try ReportFormat.list(format), into: directory) {
                print("Report: \(file.path)")
            }
        } catch let error as HarnessError {
            Console().error(error.message)
            throw ExitCode(2)
        }
    }

    /// Reads and decodes a JSON report; a usage error when the file is missing or is not one.
    static func read(_ path: String) throws -> RunReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try JSONReport.parse(data)
        } catch {
            throw ValidationError("\(path) is not a scimcheck JSON report: \(error)")
        }
    }
}
