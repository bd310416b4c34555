import CurlTransport
import Foundation
import OktaSimulator
import SCIMCheckHTTP
import SCIMCheckKit
import SCIMCheckReports

/// Everything `scimcheck run` was asked to do, parsed and validated.
struct RunRequest: Sendable {
    var target: TargetOptions
    var selection: Selection
    var strict: Bool
    var allowWrites: Bool
    var settings: [String: String]
    var reportDirectory: URL
    var formats: [ReportFormat]
    /// The baseline to apply and the path it was read from, when `--baseline` was given.
    var baseline: (baseline: Baseline, file: String)?
    var verbosity: Verbosity = .normal
    /// Where to append the Markdown summary (`$GITHUB_STEP_SUMMARY`), when set.
    var stepSummary: URL?
}

/// `scimcheck run` from parsed options to exit code: target (embedded or given), transport, runner,
/// console output, baseline, reports.
struct RunPipeline: Sendable {
    let catalog: Catalog
    let request: RunRequest
    let console: Console

    init(catalog: Catalog, request: RunRequest) {
        self.catalog = catalog
        self.request = request
        self.console = Console(verbosity: request.verbosity)
    }

    /// Runs and returns the exit code (DESIGN §2).
    func execute() async -> Int32 {
        do {
            if let url = request.target.url {
                let credentials = try request.target.credentials(environment: ProcessInfo.processInfo.environment)
                let host = URLComponents(string: url)?.host ?? ""
                return try await run(
                    baseURL: url, credentials: credentials, embedded: false,
                    writesAllowed: request.allowWrites || TargetPolicy.isLoopback(host: host))
            }
            return try await runEmbedded()
        } catch let error as HarnessError {
            console.error(error.message)
            return 2
        } catch {
            console.error("\(error)")
            return 2
        }
    }

    /// Starts the reference server on an ephemeral loopback port with a fresh database file and generated
    /// SCIM and admin tokens (DESIGN §8.13), runs against it, and stops it.
    private func runEmbedded() async throws -> Int32 {
        if request.verbosity != .quiet { console.line("Starting the embedded reference NinjaOne SCIM server…") }
        return try await EmbeddedTarget.withRunning { baseURL, credentials, admin in
            try await run(
                baseURL: baseURL, credentials: credentials, embedded: true, writesAllowed: true, admin: admin)
        }
    }

    private func run(
        baseURL: String, credentials: Credentials, embedded: Bool, writesAllowed: Bool, admin: AdminAPI? = nil
    ) async throws
        -> Int32
    {
        let transport = CurlTransport(options: request.target.transportOptions)
        let runID = Runner.makeRunID()
        let context = RunContext(
            baseURL: baseURL, credentials: credentials, transport: transport, runTag: String(runID.suffix(4)),
            settings: request.settings, writesAllowed: writesAllowed, admin: admin)
        let options = Runner.Options(
            selection: request.selection, strict: request.strict, embedded: embedded,
            preflight: OktaCredentialsPreflight(), runID: runID)
        let console = self.console
        let baseline = request.baseline
        let selection = request.selection
        var report = await Runner(catalog: catalog, context: context, options: options) { event in
            console.show(
                event, displayed: { baseline?.baseline.covers($0) == true ? .knownIssue : $0.outcome },
                excluded: { selection.exclusionReason(for: $0) != nil })
        }.run()
        if let baseline { report = baseline.baseline.apply(to: report, file: baseline.file) }
        let files = try ReportWriter(directory: request.reportDirectory, formats: request.formats).write(report)
        if let stepSummary = request.stepSummary {
            do {
                try ReportWriter.appendStepSummary(report, to: stepSummary)
            } catch {
                console.error(error.message)
            }
        }
        console.summary(report, files: files)
        return report.exitCode
    }
}

/// Generates secrets for the embedded server.
enum SecretToken {
    /// 32 random bytes as 64 hex digits (256 bits, RFC 7644 §7.4).
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }
            .joined()
    }
}
