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
    /// The ledger file (`--ledger`); by default external targets get `<report dir>/<run id>/ledger.jsonl`.
    var ledger: URL?
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

    /// Runs and returns the exit code (DESIGN §2); 128 + the signal's number when SIGINT or SIGTERM
    /// interrupted the run (its cleanups ran first).
    func execute() async -> Int32 {
        let console = self.console
        let (status, signal) = await Interruption().run(
            { await self.executeUninterrupted() },
            onFirst: { _ in
                console.error("Interrupted: finishing the current step and running the cleanups (again to quit now).")
            },
            onSecond: { console.error("Quit before the cleanups finished; the ledger lists what is left.") })
        return signal.map { 128 + $0 } ?? status
    }

    private func executeUninterrupted() async -> Int32 {
        do {
            if let url = request.target.url {
                let credentials = try await request.target.resolvedCredentials(
                    environment: ProcessInfo.processInfo.environment)
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
        let runTag = String(runID.suffix(4))
        // The embedded server's database goes away with it: it needs no ledger unless one is asked for.
        let ledgerURL =
            request.ledger
            ?? (embedded
                ? nil
                : request.reportDirectory.appendingPathComponent(runID, isDirectory: true)
                    .appendingPathComponent("ledger.jsonl"))
        let ledger = try ledgerURL.map { url throws(HarnessError) in
            try Ledger.start(url: url, runID: runID, runTag: runTag, target: baseURL)
        }
        let context = RunContext(
            baseURL: baseURL, credentials: credentials, transport: transport, runTag: runTag,
            settings: request.settings, writesAllowed: writesAllowed, ledger: ledger, admin: admin)
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
        if let ledger, Task.isCancelled { await sweep(ledger, context: context) }
        if let ledger, !embedded { reportLeftovers(ledger, target: baseURL) }
        return report.exitCode
    }
}

extension RunPipeline {
    /// After an interruption, removes what the ledger lists and no cleanup of the run covered, such as a
    /// create whose answer arrived after its scenario stopped; resources already deactivated are left.
    private func sweep(_ ledger: Ledger, context: RunContext) async {
        let cleanup = LedgerCleanup(ledger: ledger, context: context)
        // The run's task is cancelled; an unstructured task is not, so the requests go out.
        let result = await Task { () async -> Result<[LedgerCleanup.Action], HarnessError> in
            do throws(HarnessError) {
                return .success(try await cleanup.run(skippingDeactivated: true))
            } catch {
                return .failure(error)
            }
        }.value
        switch result {
        case .success(let actions):
            for action in actions { console.line("Ledger cleanup: \(action)") }
        case .failure(let error):
            console.error("Ledger cleanup: \(error.message)")
        }
    }

    /// Says what the ledger still lists after the run, and how to finish it.
    private func reportLeftovers(_ ledger: Ledger, target: String) {
        guard let entries = try? Ledger.read(ledger.url) else { return }
        let left = LedgerBalance(entries).items
        guard !left.isEmpty else {
            if request.verbosity == .verbose { console.line("Ledger: \(ledger.url.path) (nothing left on the target)") }
            return
        }
        console.error(
            "\(left.count) resource(s) the run created are still on the target; see \(ledger.url.path) and run "
                + "`scimcheck cleanup --ledger \(ledger.url.path) --target \(target)` with the run's credentials.")
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
