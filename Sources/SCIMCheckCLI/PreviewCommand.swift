import ArgumentParser
import Foundation
import OktaSimulator
import SCIMCore

/// `scimcheck preview`: Okta's mapping preview, offline.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Preview an Okta attribute mapping for test users: the value and the exact SCIM create body.",
        discussion: """
            Example: scimcheck preview --attribute userType --namespace \
            urn:ietf:params:scim:schemas:extension:ninjaone:2.0:User \
            --expression "isMemberOfGroupName('Technicians') ? 'technician' : 'endUser'" \
            --user '{"login":"ann@example.com","firstName":"Ann","lastName":"Lee","groups":["Technicians"]}'
            """)

    @Option(name: .customLong("attribute"), help: "External name of the app attribute (e.g. userType, name.givenName).")
    var attribute: String

    @Option(name: .customLong("namespace"), help: "External namespace (schema URN) of the attribute.")
    var namespace = SCIMURN.coreUser

    @Option(
        name: .customLong("expression"),
        help: "Okta Expression Language mapping, e.g. user.firstName + \" \" + user.lastName.")
    var expression: String

    @Option(
        name: .customLong("user"),
        help: "A test user: an Okta profile as JSON, with an optional \"groups\" array of group names (repeatable).")
    var users: [String] = []

    func validate() throws {
        guard !users.isEmpty else { throw ValidationError("give at least one --user") }
        guard OktaAttributePath(attribute) != nil else {
            throw ValidationError("--attribute '\(attribute)' is not a name Okta writes (a.b or a.^[k==v].b)")
        }
        do {
            _ = try OktaExpression(expression)
        } catch {
            throw ValidationError("--expression: \(error)")
        }
        _ = try profiles()
    }

    func profiles() throws -> [JSONObject] {
        try users.map { text in
            guard let object = (try? JSONValue.parse(text))?.objectValue, object["login"]?.stringValue != nil else {
                throw ValidationError("--user must be a JSON object with a \"login\": \(text)")
            }
            return object
        }
    }

    func run() throws {
        let rows = OktaPreview.run(
            attribute: OktaAppAttribute("preview", externalName: attribute, namespace: namespace),
            mapping: OktaMapping(.expression(expression)), users: try profiles())
        let console = Console()
        for row in rows {
            console.line("\(row.login):")
            if let error = row.error {
                console.line("  error: \(error)")
                continue
            }
            console.line("  value: \(row.value?.serialized() ?? "(none: null or empty, not sent)")")
            console.line("  POST /Users body (password masked; Okta sends 8 random characters):")
            for line in (row.body?.serialized(.pretty) ?? "").split(separator: "\n") { console.line("    \(line)") }
        }
    }
}
