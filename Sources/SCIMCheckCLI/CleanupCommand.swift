import ArgumentParser
import CurlTransport
import Foundation
import SCIMCheckKit

/// `scimcheck cleanup`: removes what an interrupted run left on its target, from the run's ledger.
struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Finish the cleanup of an interrupted run from its ledger.",
        discussion: """
            Deletes every resource the ledger lists as created and not yet removed, newest first, with the \
            kit's own User-Agent (scimcheck/VERSION). A create whose answer was never recorded is found by its \
            run-unique marker (userName or displayName). Where DELETE is refused, a user is deactivated and \
            stays listed in the ledger. Every removal is appended to the ledger, so running it again is safe.
            The target must be the one the ledger names (--retarget to use another address of the same server).
            Exit codes: 0 nothing is left; 1 something is still on the target; 2 harness error; 64 usage error.
            """
    )

    @Option(name: .customLong("ledger"), help: ArgumentHelp("The run's ledger file.", valueName: "FILE"))
    var ledger: String

    @OptionGroup var target: TargetOptions

    @Flag(name: .customLong("retarget"), help: "Allow a --target other than the one the ledger names.")
    var retarget = false

    func validate() throws {
        guard let url = target.url else { throw ValidationError("cleanup needs the run's --target URL") }
        let entries: [Ledger.Entry]
        do {
            entries = try Ledger.read(URL(fileURLWithPath: ledger))
        } catch {
            throw ValidationError(error.message)
        }
        if let recorded = LedgerBalance(entries).target, !retarget,
            recorded.trimmingSuffix("/") != url.trimmingSuffix("/")
        {
            throw ValidationError(
                "the ledger's run was against \(recorded), not \(url); ids only mean something on the server "
                    + "that assigned them (--retarget to go ahead)")
        }
        try target.validate()
    }

    func run() async throws {
        let console = Console(verbosity: .normal)
        do {
            let ledger = try Ledger(url: URL(fileURLWithPath: ledger))
            let context = RunContext(
                baseURL: target.url ?? "",
                credentials: try target.credentials(environment: ProcessInfo.processInfo.environment),
                transport: CurlTransport(options: target.transportOptions), runTag: "", writesAllowed: true)
            let actions = try await LedgerCleanup(ledger: ledger, context: context).run()
            for action in actions { console.line(action.description) }
            let left = actions.filter { !$0.settled }.count
            console.line(
                actions.isEmpty
                    ? "Nothing to clean up: the ledger lists nothing left on the target."
                    : "Cleanup: \(actions.count - left) settled, \(left) left on the target.")
            throw ExitCode(left == 0 ? 0 : 1)
        } catch let error as HarnessError {
            console.error(error.message)
            throw ExitCode(2)
        }
    }
}

extension String {
    /// The string without trailing `suffix` characters.
    fileprivate func trimmingSuffix(_ suffix: Character) -> Substring {
        var text = self[...]
        while text.last == suffix { text = text.dropLast() }
        return text
    }
}
