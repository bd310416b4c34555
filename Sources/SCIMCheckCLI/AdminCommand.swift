import ArgumentParser
import Foundation
import SCIMCore

/// `scimcheck admin`: drives a running reference server through its admin API (DESIGN §8.2): organizations,
/// roles, group → role mappings, accounts, SCIM provisioning and the SCIM token.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage a running reference server through its admin API (/admin/v1).",
        discussion: """
            Every subcommand takes --server URL (default http://127.0.0.1:8080) and --admin-token T (or env \
            SCIMCHECK_ADMIN_TOKEN, printed by `scimcheck serve`), --cacert FILE or --insecure for an HTTPS server \
            whose certificate the system does not trust, and --json to print the server's answer.
            """,
        subcommands: [
            Organizations.self, Roles.self, MapGroup.self, Mappings.self, Accounts.self, SCIM.self, Token.self,
        ])

    /// `admin orgs list|create|delete`.
    struct Organizations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "orgs", abstract: "List, create or delete organizations.",
            subcommands: [List.self, Create.self, Delete.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the organizations.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("GET", "/organizations") }) { answer in
                    let organizations = answer["organizations"]?.arrayValue ?? []
                    return organizations.isEmpty
                        ? ["No organizations."]
                        : organizations.map { "\(field($0, "id"))\t\(field($0, "name"))" }
                }
            }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create an organization.")
            @OptionGroup var connection: AdminConnectionOptions
            @Argument(help: "The organization's name.") var name: String
            @Option(name: .customLong("id"), help: "The organization id (the next number when absent).")
            var id: String?

            func run() async throws {
                var body = JSONObject([("name", .string(name))])
                if let id { body["id"] = .string(id) }
                try await connection.run({ try await $0.send("POST", "/organizations", body: .object(body)) }) {
                    ["Created organization \(field($0, "id")) (\(field($0, "name")))."]
                }
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Delete an organization without end users.")
            @OptionGroup var connection: AdminConnectionOptions
            @Argument(help: "The organization id.") var id: String

            func run() async throws {
                try await connection.run({ try await $0.send("DELETE", "/organizations/\(pathSegment(id))") }) { _ in
                    ["Deleted organization \(id)."]
                }
            }
        }
    }

    /// `admin roles list|create`.
    struct Roles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roles", abstract: "List or create roles.", subcommands: [List.self, Create.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the roles.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("GET", "/roles") }) { answer in
                    let roles = answer["roles"]?.arrayValue ?? []
                    return roles.isEmpty
                        ? ["No roles."]
                        : roles.map { "\(field($0, "id"))\t\(field($0, "kind"))\t\(field($0, "name"))" }
                }
            }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a technician or end-user role.")
            @OptionGroup var connection: AdminConnectionOptions
            @Argument(help: "The role's name.") var name: String
            @Option(name: .customLong("kind"), help: "technician or endUser.") var kind: String

            func run() async throws {
                let body: JSONValue = ["name": .string(name), "kind": .string(kind)]
                try await connection.run({ try await $0.send("POST", "/roles", body: body) }) {
                    ["Created \(field($0, "kind")) role \(field($0, "id")) (\(field($0, "name")))."]
                }
            }
        }
    }

    /// `admin map-group GROUP_ID --technician-role R --end-user-role R`.
    struct MapGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map-group",
            abstract: "Map a SCIM group to a technician role and/or an end-user role (role id or name).")
        @OptionGroup var connection: AdminConnectionOptions
        @Argument(help: "The SCIM group id.") var groupID: String
        @Option(name: .customLong("technician-role"), help: "The role technicians in the group get.")
        var technicianRole: String?
        @Option(name: .customLong("end-user-role"), help: "The role end users in the group get.")
        var endUserRole: String?

        func validate() throws {
            guard technicianRole != nil || endUserRole != nil else {
                throw ValidationError("give --technician-role, --end-user-role or both")
            }
        }

        func run() async throws {
            var body = JSONObject()
            if let technicianRole { body["technicianRole"] = .string(technicianRole) }
            if let endUserRole { body["endUserRole"] = .string(endUserRole) }
            try await connection.run({
                try await $0.send("PUT", "/group-role-mappings/\(pathSegment(groupID))", body: .object(body))
            }) { answer in [mappingLine(answer)] }
        }
    }

    /// `admin mappings list|delete`.
    struct Mappings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mappings", abstract: "List or delete group → role mappings.",
            subcommands: [List.self, Delete.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the group → role mappings.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("GET", "/group-role-mappings") }) { answer in
                    let mappings = answer["mappings"]?.arrayValue ?? []
                    return mappings.isEmpty ? ["No group → role mappings."] : mappings.map(mappingLine)
                }
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Delete the mapping of a SCIM group.")
            @OptionGroup var connection: AdminConnectionOptions
            @Argument(help: "The SCIM group id.") var groupID: String

            func run() async throws {
                try await connection.run({
                    try await $0.send("DELETE", "/group-role-mappings/\(pathSegment(groupID))")
                }) { _ in ["Deleted the mapping of group \(groupID)."] }
            }
        }
    }

    /// `admin accounts list|show|create-console`.
    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accounts", abstract: "List, show or create NinjaOne accounts.",
            subcommands: [List.self, Show.self, CreateConsole.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List accounts with their effective type, organizations, roles and status.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("GET", "/accounts") }) { answer in
                    let accounts = answer["accounts"]?.arrayValue ?? []
                    return accounts.isEmpty ? ["No accounts."] : accounts.map(accountLine)
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show one account in full.")
            @OptionGroup var connection: AdminConnectionOptions
            @Argument(help: "The account id (the SCIM user id for SCIM-managed accounts).") var id: String

            func run() async throws {
                try await connection.run({ try await $0.send("GET", "/accounts/\(pathSegment(id))") }) {
                    [$0.serialized(.pretty)]
                }
            }
        }

        struct CreateConsole: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create-console",
                abstract: "Create a console account: invisible to SCIM until a SCIM POST with its userName or email "
                    + "adopts it.")
            @OptionGroup var connection: AdminConnectionOptions
            @Option(name: .customLong("user-name"), help: "The sign-in name.") var userName: String
            @Option(name: .customLong("email"), help: "The email address.") var email: String?
            @Option(name: .customLong("display-name"), help: "The display name.") var displayName: String?
            @Option(name: .customLong("account-type"), help: "technician (default) or endUser.")
            var accountType: String?
            @Flag(
                name: .customLong("system-administrator"),
                help: "A system administrator: SCIM requests matching it are refused.")
            var systemAdministrator = false

            func run() async throws {
                var body = JSONObject([("userName", .string(userName))])
                if let email { body["email"] = .string(email) }
                if let displayName { body["displayName"] = .string(displayName) }
                if let accountType { body["accountType"] = .string(accountType) }
                if systemAdministrator { body["systemAdministrator"] = true }
                try await connection.run({ try await $0.send("POST", "/accounts", body: .object(body)) }) {
                    ["Created console account \(field($0, "id")).", accountLine($0)]
                }
            }
        }
    }

    /// `admin scim enable|disable|status`.
    struct SCIM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scim", abstract: "Enable or disable SCIM provisioning for the identity provider.",
            subcommands: [Enable.self, Disable.self, Status.self])

        struct Enable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Enable SCIM provisioning.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("POST", "/scim/enable") }) { _ in
                    ["SCIM provisioning is enabled."]
                }
            }
        }

        struct Disable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Disable SCIM provisioning: every SCIM request then gets 403.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("POST", "/scim/disable") }) { _ in
                    ["SCIM provisioning is disabled; SCIM requests get 403."]
                }
            }
        }

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show whether SCIM is enabled, and the token.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("GET", "/scim") }) { answer in
                    ["SCIM provisioning: \(answer["enabled"] == true ? "enabled" : "disabled")"]
                        + tokenLines(answer["token"] ?? .null)
                }
            }
        }
    }

    /// `admin token generate|rotate|revoke|status`.
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token", abstract: "Generate, rotate, revoke or inspect the SCIM secret token.",
            subcommands: [Status.self, Generate.self, Rotate.self, Revoke.self])

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show the token's status (never the token).")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("GET", "/scim/token") }, summary: tokenLines)
            }
        }

        struct Generate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Generate a token (shown once; expires in six months).")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("POST", "/scim/token") }, summary: newTokenLines)
            }
        }

        struct Rotate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Replace the token (shown once); the old one is rejected at once.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("POST", "/scim/token/rotate") }, summary: newTokenLines)
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Revoke the token: SCIM requests get 401 until a new one is generated.")
            @OptionGroup var connection: AdminConnectionOptions

            func run() async throws {
                try await connection.run({ try await $0.send("DELETE", "/scim/token") }) { _ in
                    ["The SCIM token is revoked."]
                }
            }
        }
    }
}

/// A member of an admin answer as text; `-` when absent or null.
private func field(_ value: JSONValue, _ key: String) -> String {
    switch value[key] {
    case .string(let text)?: text
    case .int(let number)?: String(number)
    case .bool(let flag)?: String(flag)
    case nil, .null?: "-"
    case let other?: other.serialized()
    }
}

/// One account as a summary line: id, userName, type, organizations, roles, status, management.
private func accountLine(_ account: JSONValue) -> String {
    let organizations = account["organizations"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let roles = account["roles"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    let scope =
        field(account, "accountType") == "technician"
        ? "technician"
        : organizations.isEmpty ? "global end user" : "end user of \(organizations.joined(separator: ","))"
    var flags = [field(account, "status"), account["scimManaged"] == true ? "SCIM-managed" : "console"]
    if account["systemAdministrator"] == true { flags.append("system administrator") }
    let reasons = account["fallbackReasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
    return "\(field(account, "id"))\t\(field(account, "userName"))\t\(scope)\troles: "
        + "\(roles.isEmpty ? "-" : roles.joined(separator: ", "))\t\(flags.joined(separator: ", "))"
        + (reasons.isEmpty ? "" : "\tfallback: \(reasons.joined(separator: "; "))")
}

/// One mapping as a summary line.
private func mappingLine(_ mapping: JSONValue) -> String {
    let technician = mapping["technicianRole"].map { field($0, "name") } ?? "-"
    let endUser = mapping["endUserRole"].map { field($0, "name") } ?? "-"
    return "group \(field(mapping, "groupId")) (\(field(mapping, "groupDisplayName")))\ttechnicians: \(technician)"
        + "\tend users: \(endUser)"
}

/// The token status as lines.
private func tokenLines(_ token: JSONValue) -> [String] {
    var lines = ["Token: \(field(token, "source"))\(token["valid"] == true ? ", valid" : ", not valid")"]
    if token["expired"] == true { lines.append("Expired at \(field(token, "expiresAt"))") }
    if token["generatedAt"]?.stringValue != nil { lines.append("Generated at \(field(token, "generatedAt"))") }
    if token["expiresAt"]?.stringValue != nil, token["expired"] != true {
        lines.append("Expires at \(field(token, "expiresAt"))")
    }
    if token["revokedAt"]?.stringValue != nil { lines.append("Revoked at \(field(token, "revokedAt"))") }
    return lines
}

/// A new token and when it expires.
private func newTokenLines(_ answer: JSONValue) -> [String] {
    [
        "SCIM bearer token (shown once; stored only as a digest): \(field(answer, "token"))",
        "Expires at \(field(answer, "expiresAt")); the previous token no longer works.",
    ]
}

/// `text` percent-encoded for one path segment.
private func pathSegment(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
