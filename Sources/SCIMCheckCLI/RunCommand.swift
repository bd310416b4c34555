import ArgumentParser
import Foundation
import SCIMCheckKit
import SCIMCheckReports

/// `scimcheck run`: runs the selected scenarios and writes reports.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenarios against the embedded reference server or a target URL.",
        discussion: """
            Without --target, starts the reference NinjaOne SCIM server in-process on an ephemeral loopback \
            port with a fresh database and a generated token, runs over real HTTP, and stops it.
            With --baseline, failures the baseline lists become knownIssue and only new failures fail the run; \
            fixed ones are reported. The Markdown summary is also appended to $GITHUB_STEP_SUMMARY when set.
            Exit codes: 0 every required check held (or only baselined failures); 1 conformance failures (and \
            warnings with --strict); 2 harness error (unreachable, TLS, credentials rejected on the first call, \
            reports not writable); 64 usage error; 130 (143) interrupted by SIGINT (SIGTERM) after the cleanups ran.
            Against a --target, every resource the run creates is recorded in a ledger as it happens; \
            `scimcheck cleanup --ledger FILE` finishes the cleanup of a run that was killed.
            """
    )

    @OptionGroup var target: TargetOptions

    @OptionGroup var okta: OktaEngineOptions

    @Option(name: .customLong("suite"), help: "Run only this suite (repeatable).")
    var suites: [String] = []

    @Option(
        name: .customLong("only"), help: "Run only scenarios whose id matches the glob; * crosses dots (repeatable).")
    var only: [String] = []

    @Option(name: .customLong("skip"), help: "Skip scenarios whose id matches the glob (repeatable).")
    var skip: [String] = []

    @Option(name: .customLong("report-dir"), help: "Directory for reports; each run writes <dir>/<run-id>/.")
    var reportDirectory = "Reports/runs"

    @Option(
        name: .customLong("ledger"),
        help: ArgumentHelp(
            "Record every resource the run creates here (JSON lines; default for a --target: <report dir>/<run id>/ledger.jsonl).",
            valueName: "FILE"))
    var ledger: String?

    @Option(name: .customLong("format"), help: "Report formats, comma-separated: json, junit, html, md.")
    var format = "json,junit,html,md"

    @Option(
        name: .customLong("baseline"),
        help: ArgumentHelp(
            "Known failures (from `scimcheck baseline write`): listed ones become knownIssue; only new ones fail.",
            valueName: "FILE"))
    var baselineFile: String?

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Print only failing scenarios and the summary line.")
    var quiet = false

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Also print every check and exchange.")
    var verbose = false

    @Flag(name: .customLong("strict"), help: "SHOULD-level findings fail the run.")
    var strict = false

    @Flag(name: .customLong("allow-writes"), help: "Allow scenarios that create resources on a non-loopback target.")
    var allowWrites = false

    func validate() throws {
        _ = try formats()
        _ = try baseline()
        if quiet, verbose { throw ValidationError("-q/--quiet and -v/--verbose exclude each other") }
        guard Set(suites).isSubset(of: Set(SCIMCheckCommand.catalog.suites.map(\.name))) else {
            let known = SCIMCheckCommand.catalog.suites.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown suite in \(suites.joined(separator: ", ")); known suites: \(known)")
        }
        let problems = SCIMCheckCommand.catalog.validate()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
        try target.validate()
    }

    func formats() throws -> [ReportFormat] {
        do {
            return try ReportFormat.list(format)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The baseline from `--baseline`, read and parsed.
    func baseline() throws -> (baseline: Baseline, file: String)? {
        guard let baselineFile else { return nil }
        return (try BaselineCommand.read(baselineFile), baselineFile)
    }

    func run() async throws {
        let request = RunRequest(
            target: target, selection: Selection(suites: suites, only: only, skip: skip), strict: strict,
            allowWrites: allowWrites, settings: try okta.settings(),
            reportDirectory: URL(fileURLWithPath: reportDirectory, isDirectory: true), formats: try formats(),
            baseline: try baseline(), verbosity: quiet ? .quiet : verbose ? .verbose : .normal,
            stepSummary: ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"].flatMap {
                $0.isEmpty ? nil : URL(fileURLWithPath: $0)
            }, ledger: ledger.map { URL(fileURLWithPath: $0) })
        let exitCode = await RunPipeline(catalog: SCIMCheckCommand.catalog, request: request).execute()
        throw ExitCode(exitCode)
    }
}
