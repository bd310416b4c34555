import Foundation
import Hummingbird
import SCIMCore

/// The admin API's handlers (see ``AdminRoutes``): organizations, roles, group → role mappings, accounts, SCIM
/// provisioning and the SCIM token lifecycle (DESIGN §5, §8.2 to §8.4).
struct AdminEndpoint: Sendable {
    let server: ServerContext
    let identityProvider: IdentityProviderAdmin

    init(server: ServerContext) {
        self.server = server
        self.identityProvider = IdentityProviderAdmin(credentials: server.credentials, store: server.accounts)
    }

    /// The NinjaOne store, or 501 when the server's store keeps no accounts.
    private func store() throws -> any NinjaOneStore {
        guard let accounts = server.accounts else {
            throw AdminError(.notImplemented, "this server's store keeps no NinjaOne accounts")
        }
        return accounts
    }

    // MARK: - Organizations

    /// `GET /admin/v1/organizations`: `{"organizations": [{"id", "name", "created"}]}`.
    func listOrganizations(_ request: Request, context: some RequestContext) async throws -> Response {
        let organizations = try await store().organizations()
        return AdminResponse.json(["organizations": .array(organizations.map(Self.render))])
    }

    /// `POST /admin/v1/organizations` `{"name": "Acme", "id"?: "12"}`: 201 with the organization.
    func createOrganization(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await server.bodyReader.readObject(from: request)
        let name = try Self.requiredString(body, "name")
        var id: String?
        switch body.member(caseInsensitive: "id")?.value {
        case nil, .null?: id = nil
        case .string(let text)?: id = text
        case .int(let number)?: id = String(number)
        case let other?: throw AdminError.badRequest("\"id\" must be a string, not a JSON \(other.typeName)")
        }
        if let id {
            guard !id.isEmpty, id.count <= 64, id.lowercased() != "all",
                id.unicodeScalars.allSatisfy({
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                            || $0 == "-" || $0 == "_")
                })
            else {
                throw AdminError.badRequest(
                    "\"id\" must be 1 to 64 letters, digits, - or _ (and not All), such as \"12\"")
            }
        }
        do {
            let organization = try await store().insertOrganization(id: id, name: name, created: .now())
            return AdminResponse.json(Self.render(organization), status: .created)
        } catch SCIMStoreError.uniqueness(let attribute) {
            throw AdminError.conflict("an organization with this \(attribute) already exists")
        }
    }

    /// `GET /admin/v1/organizations/{id}`.
    func readOrganization(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let organization = try await store().organizations().first(where: { $0.id == id }) else {
            throw AdminError.notFound("organization \(SCIMError.excerpt(id)) not found")
        }
        return AdminResponse.json(Self.render(organization))
    }

    /// `DELETE /admin/v1/organizations/{id}`: 204; 409 while accounts belong to it.
    func deleteOrganization(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let store = try store()
        let members = try await store.accounts().filter {
            $0.status != .deprovisioned && $0.organizationIDs.contains(id)
        }
        guard members.isEmpty else {
            throw AdminError.conflict(
                "organization \(SCIMError.excerpt(id)) still has \(members.count) end user(s); move them first")
        }
        guard try await store.deleteOrganization(id: id) else {
            throw AdminError.notFound("organization \(SCIMError.excerpt(id)) not found")
        }
        return Response(status: .noContent)
    }

    // MARK: - Roles

    /// `GET /admin/v1/roles`: `{"roles": [{"id", "name", "kind", "created"}]}`.
    func listRoles(_ request: Request, context: some RequestContext) async throws -> Response {
        let roles = try await store().roles()
        return AdminResponse.json(["roles": .array(roles.map(Self.render))])
    }

    /// `POST /admin/v1/roles` `{"name", "kind": "technician" | "endUser"}`: 201 with the role.
    func createRole(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await server.bodyReader.readObject(from: request)
        let name = try Self.requiredString(body, "name")
        let kindText = try Self.requiredString(body, "kind")
        guard let kind = Self.accountType(kindText) else {
            throw AdminError.badRequest("\"kind\" must be \"technician\" or \"endUser\", not \"\(kindText)\"")
        }
        do {
            let role = try await store().insertRole(name: name, kind: kind, created: .now())
            return AdminResponse.json(Self.render(role), status: .created)
        } catch SCIMStoreError.uniqueness {
            throw AdminError.conflict("a \(kind.rawValue) role named \"\(SCIMError.excerpt(name))\" already exists")
        }
    }

    // MARK: - Group → role mappings

    /// `GET /admin/v1/group-role-mappings`: `{"mappings": [...]}`.
    func listMappings(_ request: Request, context: some RequestContext) async throws -> Response {
        let store = try store()
        let roles = try await store.roles()
        var rendered: [JSONValue] = []
        for mapping in try await store.groupRoleMappings() {
            rendered.append(try await render(mapping, roles: roles))
        }
        return AdminResponse.json(["mappings": .array(rendered)])
    }

    /// `GET /admin/v1/group-role-mappings/{groupId}`.
    func readMapping(_ request: Request, context: some RequestContext) async throws -> Response {
        let groupID = try context.parameters.require("id")
        let store = try store()
        guard let mapping = try await store.groupRoleMappings().first(where: { $0.groupID == groupID }) else {
            throw AdminError.notFound("group \(SCIMError.excerpt(groupID)) has no role mapping")
        }
        return AdminResponse.json(try await render(mapping, roles: try await store.roles()))
    }

    /// `PUT /admin/v1/group-role-mappings/{groupId}` `{"technicianRole"?, "endUserRole"?}` (role ids or names):
    /// members of the SCIM group get the technician role or the end-user role by their type.
    func setMapping(_ request: Request, context: some RequestContext) async throws -> Response {
        let groupID = try context.parameters.require("id")
        let body = try await server.bodyReader.readObject(from: request)
        let store = try store()
        guard try await server.store.group(id: groupID, includeMembers: false) != nil else {
            throw AdminError.notFound("SCIM group \(SCIMError.excerpt(groupID)) not found; push the group first")
        }
        let roles = try await store.roles()
        let technician = try Self.role(body, ["technicianRole", "technicianRoleId"], kind: .technician, roles: roles)
        let endUser = try Self.role(body, ["endUserRole", "endUserRoleId"], kind: .endUser, roles: roles)
        guard technician != nil || endUser != nil else {
            throw AdminError.badRequest("give \"technicianRole\", \"endUserRole\" or both (a role id or name)")
        }
        let mapping = GroupRoleMapping(
            groupID: groupID, technicianRoleID: technician?.id, endUserRoleID: endUser?.id, updated: .now())
        try await store.saveGroupRoleMapping(mapping)
        return AdminResponse.json(try await render(mapping, roles: roles))
    }

    /// `DELETE /admin/v1/group-role-mappings/{groupId}`: 204.
    func deleteMapping(_ request: Request, context: some RequestContext) async throws -> Response {
        let groupID = try context.parameters.require("id")
        guard try await store().deleteGroupRoleMapping(groupID: groupID) else {
            throw AdminError.notFound("group \(SCIMError.excerpt(groupID)) has no role mapping")
        }
        return Response(status: .noContent)
    }

    // MARK: - Accounts

    /// `GET /admin/v1/accounts`: `{"accounts": [...]}` with effective type, organizations, roles and status.
    func listAccounts(_ request: Request, context: some RequestContext) async throws -> Response {
        let store = try store()
        let accounts = try await store.accounts()
        let users = try await server.store.users(matching: UserQuery(limit: Int.max)).users
        let groups = Dictionary(
            users.map { ($0.id, $0.groups.map(\.groupID)) }, uniquingKeysWith: { first, _ in first })
        let mappings = try await store.groupRoleMappings()
        let roles = try await store.roles()
        let rendered = accounts.map { account in
            Self.render(account, groupIDs: groups[account.id] ?? [], mappings: mappings, roles: roles)
        }
        return AdminResponse.json(["accounts": .array(rendered)])
    }

    /// `GET /admin/v1/accounts/{id}`.
    func readAccount(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let store = try store()
        guard let account = try await store.account(id: id) else {
            throw AdminError.notFound("account \(SCIMError.excerpt(id)) not found")
        }
        let groupIDs = try await server.store.user(id: id)?.groups.map(\.groupID) ?? []
        return AdminResponse.json(
            Self.render(
                account, groupIDs: groupIDs, mappings: try await store.groupRoleMappings(),
                roles: try await store.roles()
            ))
    }

    /// `POST /admin/v1/accounts` `{"userName", "email"?, "displayName"?, "systemAdministrator"?, "accountType"?}`:
    /// a console account, invisible to SCIM until a SCIM POST adopts it (DESIGN §8.4).
    func createConsoleAccount(_ request: Request, context: some RequestContext) async throws -> Response {
        let body = try await server.bodyReader.readObject(from: request)
        let userName = try Self.requiredString(body, "userName")
        let email = try Self.optionalString(body, "email")
        let displayName = try Self.optionalString(body, "displayName")
        let systemAdministrator = try Self.optionalBool(body, "systemAdministrator") ?? false
        var accountType = NinjaOneAccount.AccountType.technician
        if let text = try Self.optionalString(body, "accountType") {
            guard let type = Self.accountType(text) else {
                throw AdminError.badRequest("\"accountType\" must be \"technician\" or \"endUser\", not \"\(text)\"")
            }
            accountType = type
        }
        if systemAdministrator, accountType != .technician {
            throw AdminError.badRequest("a system administrator is a technician; drop \"accountType\": \"endUser\"")
        }
        let store = try store()
        let clashes = try await store.accounts(userNameKey: userName.lowercased(), emailKey: email?.lowercased())
            .filter { $0.status != .deprovisioned }
        if let clash = clashes.first {
            throw AdminError.conflict("account \(clash.id) already has this userName or email")
        }
        let now = SCIMTimestamp.now()
        let account = NinjaOneAccount(
            id: ResourceIdentifier.make(), origin: .console, userName: userName, email: email,
            displayName: displayName, status: .active, scimManaged: false, systemAdministrator: systemAdministrator,
            provisionedUserType: nil, provisionedOrganizationID: nil, accountType: accountType, organizationIDs: [],
            fallbackReasons: [], created: now, lastModified: now)
        do {
            try await store.insertAccount(account)
        } catch SCIMStoreError.uniqueness {
            throw AdminError.conflict("the account id is taken; send the request again")
        }
        return AdminResponse.json(Self.render(account, groupIDs: [], mappings: [], roles: []), status: .created)
    }

    // MARK: - SCIM provisioning and the token lifecycle

    /// `GET /admin/v1/scim`: `{"enabled", "token": {...}}`.
    func readSCIM(_ request: Request, context: some RequestContext) async throws -> Response {
        AdminResponse.json(renderSCIM(server.credentials.current))
    }

    /// `POST /admin/v1/scim/enable`.
    func enableSCIM(_ request: Request, context: some RequestContext) async throws -> Response {
        let state = try await identityProvider.change { $0.scimEnabled = true }
        context.logger.notice("SCIM provisioning enabled through the admin API")
        return AdminResponse.json(renderSCIM(state))
    }

    /// `POST /admin/v1/scim/disable`: every SCIM request then answers 403.
    func disableSCIM(_ request: Request, context: some RequestContext) async throws -> Response {
        let state = try await identityProvider.change { $0.scimEnabled = false }
        context.logger.notice("SCIM provisioning disabled through the admin API")
        return AdminResponse.json(renderSCIM(state))
    }

    /// `GET /admin/v1/scim/token`: the token's status, never the token.
    func readToken(_ request: Request, context: some RequestContext) async throws -> Response {
        AdminResponse.json(renderToken(server.credentials.current))
    }

    /// `POST /admin/v1/scim/token`: generates a token, shown once in this response (201).
    func generateToken(_ request: Request, context: some RequestContext) async throws -> Response {
        try await issueToken(status: .created, context: context)
    }

    /// `POST /admin/v1/scim/token/rotate`: a new token; the old one is rejected at once.
    func rotateToken(_ request: Request, context: some RequestContext) async throws -> Response {
        try await issueToken(status: .ok, context: context)
    }

    /// `DELETE /admin/v1/scim/token`: revokes the token; SCIM requests then answer 401 until a new one is generated.
    func revokeToken(_ request: Request, context: some RequestContext) async throws -> Response {
        let now = server.credentials.clock()
        let state = try await identityProvider.change { state in
            state.tokenSource = .revoked
            state.tokenDigest = nil
            state.tokenExpires = nil
            state.tokenRevoked = now
        }
        context.logger.notice("SCIM token revoked through the admin API")
        return AdminResponse.json(renderToken(state))
    }

    private func issueToken(status: HTTPResponse.Status, context: some RequestContext) async throws -> Response {
        var token = SecretTokenGenerator.generate()
        while server.credentials.verifyAdmin(token) || token == server.configuration.scimToken {
            token = SecretTokenGenerator.generate()
        }
        let digest = SHA256.hash(Array(token.utf8))
        let now = server.credentials.clock()
        let state = try await identityProvider.change { state in
            state.tokenSource = .generated
            state.tokenDigest = digest
            state.tokenGenerated = now
            state.tokenExpires = SecretTokenGenerator.expiry(after: now)
            state.tokenRevoked = nil
        }
        context.logger.notice("SCIM token generated through the admin API")
        guard case .object(var body) = renderToken(state) else { return AdminResponse.json(renderToken(state)) }
        body["token"] = .string(token)
        body["notice"] = "the token is shown once: it is stored only as a SHA-256 digest"
        return AdminResponse.json(.object(body), status: status, headers: [.cacheControl: "no-store"])
    }

    private func renderSCIM(_ state: IdentityProviderState) -> JSONValue {
        ["enabled": .bool(state.scimEnabled), "token": renderToken(state)]
    }

    private func renderToken(_ state: IdentityProviderState) -> JSONValue {
        let now = server.credentials.clock()
        let expired = state.tokenSource == .generated && (state.tokenExpires.map { now >= $0 } ?? false)
        let valid =
            switch state.tokenSource {
            case .configured: !server.configuration.scimToken.isEmpty
            case .generated: !expired
            case .revoked: false
            }
        return [
            "source": .string(state.tokenSource.rawValue), "valid": .bool(valid), "expired": .bool(expired),
            "generatedAt": Self.time(state.tokenGenerated), "expiresAt": Self.time(state.tokenExpires),
            "revokedAt": Self.time(state.tokenRevoked), "scimEnabled": .bool(state.scimEnabled),
        ]
    }

    // MARK: - Rendering

    static func render(_ organization: NinjaOneOrganization) -> JSONValue {
        ["id": .string(organization.id), "name": .string(organization.name), "created": time(organization.created)]
    }

    static func render(_ role: NinjaOneRole) -> JSONValue {
        [
            "id": .string(role.id), "name": .string(role.name), "kind": .string(role.kind.rawValue),
            "created": time(role.created),
        ]
    }

    private func render(_ mapping: GroupRoleMapping, roles: [NinjaOneRole]) async throws -> JSONValue {
        let group = try await server.store.group(id: mapping.groupID, includeMembers: false)
        func role(_ id: String?) -> JSONValue {
            guard let id else { return .null }
            return roles.first { $0.id == id }.map(Self.render) ?? ["id": .string(id)]
        }
        return [
            "groupId": .string(mapping.groupID), "groupDisplayName": group.map { .string($0.displayName) } ?? .null,
            "technicianRole": role(mapping.technicianRoleID), "endUserRole": role(mapping.endUserRoleID),
            "updated": Self.time(mapping.updated),
        ]
    }

    static func render(
        _ account: NinjaOneAccount, groupIDs: [String], mappings: [GroupRoleMapping], roles: [NinjaOneRole]
    ) -> JSONValue {
        let granted = NinjaOneAccountPolicy.roles(
            accountType: account.accountType, groupIDs: account.status == .deprovisioned ? [] : groupIDs,
            mappings: mappings, roles: roles)
        let object = JSONObject([
            ("id", .string(account.id)),
            ("userName", .string(account.userName)),
            ("email", account.email.map(JSONValue.string) ?? .null),
            ("displayName", account.displayName.map(JSONValue.string) ?? .null),
            ("origin", .string(account.origin.rawValue)),
            ("scimManaged", .bool(account.scimManaged)),
            ("systemAdministrator", .bool(account.systemAdministrator)),
            ("status", .string(account.status.rawValue)),
            ("active", .bool(account.status == .active)),
            ("deprovisioned", .bool(account.status == .deprovisioned)),
            ("accountType", .string(account.accountType.rawValue)),
            ("globalEndUser", .bool(account.isGlobalEndUser)),
            ("organizations", .array(account.organizationIDs.map(JSONValue.string))),
            ("roles", .array(granted.map(render))),
            (
                "provisioned",
                [
                    "userType": account.provisionedUserType ?? .null,
                    "organizationId": account.provisionedOrganizationID ?? .null,
                ]
            ),
            ("fallbackReasons", .array(account.fallbackReasons.map(JSONValue.string))),
            ("created", time(account.created)),
            ("lastModified", time(account.lastModified)),
        ])
        return .object(object)
    }

    private static func time(_ timestamp: SCIMTimestamp?) -> JSONValue {
        timestamp.map { .string($0.rfc3339) } ?? .null
    }

    // MARK: - Reading bodies

    private static func requiredString(_ body: JSONObject, _ name: String) throws -> String {
        guard let text = try optionalString(body, name) else {
            throw AdminError.badRequest("\"\(name)\" is required")
        }
        return text
    }

    private static func optionalString(_ body: JSONObject, _ name: String) throws -> String? {
        switch body.member(caseInsensitive: name)?.value {
        case nil, .null?:
            return nil
        case .string(let text)?:
            let trimmed = text.trimmingWhitespace
            guard !trimmed.isEmpty, trimmed.count <= 256 else {
                throw AdminError.badRequest("\"\(name)\" must be 1 to 256 characters")
            }
            return trimmed
        case let other?:
            throw AdminError.badRequest("\"\(name)\" must be a string, not a JSON \(other.typeName)")
        }
    }

    private static func optionalBool(_ body: JSONObject, _ name: String) throws -> Bool? {
        switch body.member(caseInsensitive: name)?.value {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case let other?: throw AdminError.badRequest("\"\(name)\" must be true or false, not a JSON \(other.typeName)")
        }
    }

    /// `technician` or `endUser`, ignoring case (`end-user` and `end_user` too).
    static func accountType(_ text: String) -> NinjaOneAccount.AccountType? {
        switch text.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "technician": .technician
        case "enduser": .endUser
        default: nil
        }
    }

    /// The role named by the first of `names` in `body` (an id, or a name of a role of `kind`), or `nil`.
    private static func role(
        _ body: JSONObject, _ names: [String], kind: NinjaOneAccount.AccountType, roles: [NinjaOneRole]
    ) throws -> NinjaOneRole? {
        guard let name = names.first(where: { body.member(caseInsensitive: $0) != nil }),
            let reference = try optionalString(body, name)
        else { return nil }
        let found =
            roles.first { $0.id == reference }
            ?? roles.first { $0.kind == kind && $0.name.lowercased() == reference.lowercased() }
        guard let found else {
            throw AdminError.badRequest("\"\(name)\": no role has the id or name \"\(SCIMError.excerpt(reference))\"")
        }
        guard found.kind == kind else {
            throw AdminError.badRequest(
                "\"\(name)\": role \(found.id) (\(found.name)) is a \(found.kind.rawValue) role, not a \(kind.rawValue) "
                    + "role")
        }
        return found
    }
}

/// Changes the identity provider's SCIM settings one at a time: saved in the store, then in memory.
actor IdentityProviderAdmin {
    private let credentials: SCIMCredentials
    private let store: (any NinjaOneStore)?
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(credentials: SCIMCredentials, store: (any NinjaOneStore)?) {
        self.credentials = credentials
        self.store = store
    }

    /// Applies `transform` to the current state, saves it and returns it; concurrent changes never interleave.
    func change(_ transform: @Sendable (inout IdentityProviderState) -> Void) async throws -> IdentityProviderState {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty {
                busy = false
            } else {
                waiting.removeFirst().resume()
            }
        }
        var state = credentials.current
        transform(&state)
        try await store?.saveIdentityProvider(state)
        credentials.update(state)
        return state
    }
}
