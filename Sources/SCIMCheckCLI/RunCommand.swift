import ArgumentParser
import Foundation
import OktaSimulator
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
            Exit codes: 0 every required check held; 1 conformance failures (and warnings with --strict); \
            2 harness error (unreachable, TLS, credentials rejected on the first call, reports not writable); \
            64 usage error.
            """
    )

    @OptionGroup var target: TargetOptions

    @Option(name: .customLong("okta-app"), help: "Okta app kind: oin (PATCH for status and groups) or aiw (PUT).")
    var oktaApp: OktaAppKind = .oin

    @Option(
        name: .customLong("okta-option"),
        help: ArgumentHelp(
            "Okta engine switch NAME=VALUE (repeatable); see `scimcheck list --okta-options`.",
            valueName: "NAME=VALUE"))
    var oktaOptions: [String] = []

    @Option(name: .customLong("suite"), help: "Run only this suite (repeatable).")
    var suites: [String] = []

    @Option(
        name: .customLong("only"), help: "Run only scenarios whose id matches the glob; * crosses dots (repeatable).")
    var only: [String] = []

    @Option(name: .customLong("skip"), help: "Skip scenarios whose id matches the glob (repeatable).")
    var skip: [String] = []

    @Option(name: .customLong("report-dir"), help: "Directory for reports; each run writes <dir>/<run-id>/.")
    var reportDirectory = "Reports/runs"

    @Option(name: .customLong("format"), help: "Report formats, comma-separated: json, junit.")
    var format = "json,junit"

    @Flag(name: .customLong("strict"), help: "SHOULD-level findings fail the run.")
    var strict = false

    @Flag(name: .customLong("allow-writes"), help: "Allow scenarios that create resources on a non-loopback target.")
    var allowWrites = false

    func validate() throws {
        _ = try formats()
        _ = try settings()
        guard Set(suites).isSubset(of: Set(SCIMCheckCommand.catalog.suites.map(\.name))) else {
            let known = SCIMCheckCommand.catalog.suites.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown suite in \(suites.joined(separator: ", ")); known suites: \(known)")
        }
        let problems = SCIMCheckCommand.catalog.validate()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
        try target.validate()
    }

    func formats() throws -> [ReportFormat] {
        try format.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let format = ReportFormat(rawValue: trimmed) else {
                let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown report format '\(trimmed)'; available: \(known)")
            }
            return format
        }
    }

    /// The engine settings from `--okta-app` and `--okta-option`, validated.
    func settings() throws -> [String: String] {
        var values = ["app": oktaApp.rawValue]
        for option in oktaOptions {
            guard let equals = option.firstIndex(of: "=") else {
                throw ValidationError("--okta-option takes NAME=VALUE, not '\(option)'")
            }
            values[String(option[..<equals])] = String(option[option.index(after: equals)...])
        }
        do {
            _ = try OktaSettings(values)
        } catch {
            throw ValidationError(error.message)
        }
        return OktaSettings.effective(values)
    }

    func run() async throws {
        let request = RunRequest(
            target: target, selection: Selection(suites: suites, only: only, skip: skip), strict: strict,
            allowWrites: allowWrites, settings: try settings(),
            reportDirectory: URL(fileURLWithPath: reportDirectory, isDirectory: true), formats: try formats())
        let exitCode = await RunPipeline(catalog: SCIMCheckCommand.catalog, request: request).execute()
        throw ExitCode(exitCode)
    }
}

extension OktaAppKind: ExpressibleByArgument {}
