import ArgumentParser
import SCIMCheckKit
import Synchronization

/// The `scimcheck` command line: `run`, `list`, `explain`, `cleanup`, `serve`, `preview`, `report`, `baseline`
/// and `admin`.
///
/// The executable is one line: `SCIMCheckCommand.main(catalog: .builtIn)`. A package with its own
/// scenarios calls the same with its catalog (or `Catalog.builtIn.merged(with: mine)`) and gets the same
/// flags, reports and exit codes.
public struct SCIMCheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "scimcheck",
        abstract: "Okta-side SCIM simulator and conformance kit.",
        discussion: """
            Runs Okta's provisioning behaviour and SCIM conformance scenarios against a SCIM 2.0 service \
            provider: the bundled reference NinjaOne server by default, or any URL with --target.
            """,
        version: ToolInfo.version,
        subcommands: [
            RunCommand.self, ListCommand.self, ServeCommand.self, PreviewCommand.self, ReportCommand.self,
            BaselineCommand.self, AdminCommand.self, CleanupCommand.self, ExplainCommand.self,
        ],
        defaultSubcommand: nil
    )

    public init() {}

    private static let registered = Mutex<Catalog?>(nil)

    /// The catalog the commands work on.
    static var catalog: Catalog { registered.withLock { $0 } ?? Catalog([]) }

    /// Parses the process arguments and runs the command against `catalog`, then exits.
    public static func main(catalog: Catalog) async {
        registered.withLock { $0 = catalog }
        await main()
    }
}
