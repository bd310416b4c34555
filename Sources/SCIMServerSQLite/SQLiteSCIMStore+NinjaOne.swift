import GRDB
import SCIMCore
import SCIMServer

extension SQLiteSCIMStore: NinjaOneStore {
    /// Registers the NinjaOne migrations (v3: accounts, organizations, roles, group → role mappings and the
    /// identity provider's SCIM settings), after the SCIM ones.
    static func registerNinjaOneMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3") { db in
            // `accounts` holds one row per NinjaOne account: every SCIM user (same id) and console accounts.
            // `user_type` and `organization_id` are the extension values exactly as provisioned (JSON text);
            // `organizations` and `fallback_reasons` are JSON arrays of strings.
            try db.execute(
                sql: """
                    CREATE TABLE accounts (
                        id TEXT PRIMARY KEY NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        origin TEXT NOT NULL CHECK (origin IN ('scim', 'console')),
                        user_name TEXT NOT NULL,
                        user_name_key TEXT NOT NULL,
                        email TEXT,
                        email_key TEXT,
                        display_name TEXT,
                        status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'deprovisioned')),
                        scim_managed INTEGER NOT NULL,
                        system_administrator INTEGER NOT NULL,
                        user_type TEXT,
                        organization_id TEXT,
                        account_type TEXT NOT NULL CHECK (account_type IN ('technician', 'endUser')),
                        organizations TEXT NOT NULL,
                        fallback_reasons TEXT NOT NULL,
                        created TEXT NOT NULL,
                        last_modified TEXT NOT NULL
                    );
                    CREATE INDEX accounts_user_name_key ON accounts(user_name_key);
                    CREATE INDEX accounts_email_key ON accounts(email_key);
                    CREATE TABLE organizations (
                        id TEXT PRIMARY KEY NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        name_key TEXT NOT NULL UNIQUE,
                        created TEXT NOT NULL
                    );
                    CREATE TABLE roles (
                        id TEXT PRIMARY KEY NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        name_key TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('technician', 'endUser')),
                        created TEXT NOT NULL,
                        UNIQUE (name_key, kind)
                    );
                    CREATE TABLE group_role_mappings (
                        group_id TEXT PRIMARY KEY NOT NULL,
                        seq INTEGER NOT NULL UNIQUE,
                        technician_role_id TEXT REFERENCES roles(id),
                        end_user_role_id TEXT REFERENCES roles(id),
                        updated TEXT NOT NULL
                    );
                    CREATE TABLE identity_provider (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        scim_enabled INTEGER NOT NULL,
                        token_source TEXT NOT NULL CHECK (token_source IN ('configured', 'generated', 'revoked')),
                        token_digest TEXT,
                        token_generated TEXT,
                        token_expires TEXT,
                        token_revoked TEXT
                    );
                    INSERT INTO identity_provider (id, scim_enabled, token_source) VALUES (1, 1, 'configured');
                    """)
            // Users of an older database get their accounts now; no organization is known yet.
            for row in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY seq") {
                let user = try userRecord(row)
                var account = NinjaOneAccountPolicy.account(
                    for: user, previous: nil, knownOrganizations: [], now: user.created)
                account.lastModified = user.lastModified
                try upsertAccount(db, account)
            }
        }
    }

    // MARK: - Users with their accounts

    public func insertUser(
        _ user: UserRecord, keys: AccountKeys,
        deriving derive: @Sendable (UserRecord, AccountContext) throws -> (UserRecord, NinjaOneAccount)
    ) async throws -> UserRecord {
        try await Self.mappingUserErrors {
            try await database.write { db in
                let (stored, account) = try derive(user, try Self.accountContext(db, id: nil, keys: keys))
                try Self.insertUserRow(db, stored)
                try Self.upsertAccount(db, account)
                return stored
            }
        }
    }

    /// Stores many new SCIM users with their accounts in one transaction: all or none.
    ///
    /// For seeding large databases (the server benchmark seeds 100,000 users this way), where a transaction per
    /// user would dominate. No console account is adopted: every entry must be a new user.
    /// - Throws: ``SCIMStoreError/uniqueness(attribute:)`` as ``insertUser(_:account:)`` does.
    public func insertUsers(_ entries: [(user: UserRecord, account: NinjaOneAccount)]) async throws {
        try await Self.mappingUserErrors {
            try await database.write { db in
                for (user, account) in entries {
                    try Self.insertUserRow(db, user)
                    try Self.upsertAccount(db, account)
                }
            }
        }
    }

    public func replaceUser(
        _ user: UserRecord, expectedVersion: Int, keys: AccountKeys,
        deriving derive: @Sendable (AccountContext) throws -> NinjaOneAccount
    ) async throws {
        try await Self.mappingUserErrors {
            try await database.write { db in
                let account = try derive(try Self.accountContext(db, id: user.id, keys: keys))
                try Self.updateUserRow(db, user, expectedVersion: expectedVersion)
                try Self.upsertAccount(db, account)
            }
        }
    }

    /// What a write of the user `id` (nil for a new one) with `keys` needs to know of the NinjaOne model.
    private static func accountContext(_ db: Database, id: String?, keys: AccountKeys) throws -> AccountContext {
        let current = try id.flatMap { try fetchAccount(db, id: $0) }
        let organizationIDs = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM organizations"))
        return AccountContext(
            matches: try matchingAccounts(db, userNameKey: keys.userName, emailKey: keys.email), current: current,
            organizationIDs: Set(organizationIDs))
    }

    public func deleteUser(id: String, expectedVersion: Int?, deprovisionedAt time: SCIMTimestamp) async throws -> Bool
    {
        try await database.write { db in
            guard try Self.deleteUserRow(db, id: id, expectedVersion: expectedVersion, now: time.rfc3339) else {
                return false
            }
            try db.execute(
                sql: "UPDATE accounts SET status = 'deprovisioned', last_modified = ? WHERE id = ?",
                arguments: [time.rfc3339, id])
            return true
        }
    }

    // MARK: - Accounts

    public func account(id: String) async throws -> NinjaOneAccount? {
        try await database.read { db in try Self.fetchAccount(db, id: id) }
    }

    private static func fetchAccount(_ db: Database, id: String) throws -> NinjaOneAccount? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [id]).map(account)
    }

    public func accounts() async throws -> [NinjaOneAccount] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY seq").map(Self.account)
        }
    }

    public func accounts(userNameKey: String, emailKey: String?) async throws -> [NinjaOneAccount] {
        try await database.read { db in try Self.matchingAccounts(db, userNameKey: userNameKey, emailKey: emailKey) }
    }

    private static func matchingAccounts(
        _ db: Database, userNameKey: String, emailKey: String?
    ) throws -> [NinjaOneAccount] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM accounts WHERE user_name_key = ? OR email_key = ? ORDER BY seq"),
            arguments: [userNameKey, emailKey]
        ).map(account)
    }

    public func insertAccount(_ account: NinjaOneAccount) async throws {
        try await database.write { db in
            if try Self.exists(db, table: "accounts", id: account.id) || Self.exists(db, table: "users", id: account.id)
                || Self.exists(db, table: "groups", id: account.id)
            {
                throw SCIMStoreError.uniqueness(attribute: "id")
            }
            try Self.upsertAccount(db, account)
        }
    }

    /// Inserts the account, or replaces the one with its id (keeping its creation order).
    static func upsertAccount(_ db: Database, _ account: NinjaOneAccount) throws {
        let seq = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM accounts")) ?? 1
        try db.cachedStatement(
            sql: """
                INSERT INTO accounts (id, seq, origin, user_name, user_name_key, email, email_key, display_name,
                                      status, scim_managed, system_administrator, user_type, organization_id,
                                      account_type, organizations, fallback_reasons, created, last_modified)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    origin = excluded.origin, user_name = excluded.user_name,
                    user_name_key = excluded.user_name_key, email = excluded.email, email_key = excluded.email_key,
                    display_name = excluded.display_name, status = excluded.status,
                    scim_managed = excluded.scim_managed, system_administrator = excluded.system_administrator,
                    user_type = excluded.user_type, organization_id = excluded.organization_id,
                    account_type = excluded.account_type, organizations = excluded.organizations,
                    fallback_reasons = excluded.fallback_reasons, created = excluded.created,
                    last_modified = excluded.last_modified
                """
        ).execute(
            arguments: [
                account.id, seq, account.origin.rawValue, account.userName, account.userNameKey, account.email,
                account.emailKey, account.displayName, account.status.rawValue, account.scimManaged,
                account.systemAdministrator, account.provisionedUserType.map { $0.serialized() },
                account.provisionedOrganizationID.map { $0.serialized() }, account.accountType.rawValue,
                stringArray(account.organizationIDs), stringArray(account.fallbackReasons),
                account.created.rfc3339, account.lastModified.rfc3339,
            ])
    }

    /// Decodes one `accounts` row.
    static func account(_ row: Row) throws -> NinjaOneAccount {
        func timestamp(_ column: String) throws -> SCIMTimestamp {
            let text: String = try row.decode(forColumn: column)
            guard let value = SCIMTimestamp(rfc3339: text) else {
                throw SQLiteSCIMStoreError.corruptRow(table: "accounts", column: column)
            }
            return value
        }
        func json(_ column: String) throws -> JSONValue? {
            let text: String? = try row.decode(forColumn: column)
            guard let text else { return nil }
            guard let value = try? JSONValue.parse(text) else {
                throw SQLiteSCIMStoreError.corruptRow(table: "accounts", column: column)
            }
            return value
        }
        func strings(_ column: String) throws -> [String] {
            guard case .array(let values)? = try json(column) else {
                throw SQLiteSCIMStoreError.corruptRow(table: "accounts", column: column)
            }
            return values.compactMap(\.stringValue)
        }
        let originText: String = try row.decode(forColumn: "origin")
        let statusText: String = try row.decode(forColumn: "status")
        let typeText: String = try row.decode(forColumn: "account_type")
        guard let origin = NinjaOneAccount.Origin(rawValue: originText),
            let status = NinjaOneAccount.Status(rawValue: statusText),
            let type = NinjaOneAccount.AccountType(rawValue: typeText)
        else { throw SQLiteSCIMStoreError.corruptRow(table: "accounts", column: "status") }
        return NinjaOneAccount(
            id: try row.decode(forColumn: "id"), origin: origin, userName: try row.decode(forColumn: "user_name"),
            email: try row.decode(forColumn: "email"), displayName: try row.decode(forColumn: "display_name"),
            status: status, scimManaged: try row.decode(forColumn: "scim_managed"),
            systemAdministrator: try row.decode(forColumn: "system_administrator"),
            provisionedUserType: try json("user_type"), provisionedOrganizationID: try json("organization_id"),
            accountType: type, organizationIDs: try strings("organizations"),
            fallbackReasons: try strings("fallback_reasons"), created: try timestamp("created"),
            lastModified: try timestamp("last_modified"))
    }

    private static func stringArray(_ values: [String]) -> String {
        JSONValue.array(values.map(JSONValue.string)).serialized()
    }

    // MARK: - Organizations and roles

    public func insertOrganization(
        id: String?, name: String, created: SCIMTimestamp
    ) async throws
        -> NinjaOneOrganization
    {
        try await database.write { db in
            let nameKey = name.lowercased()
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organizations WHERE name_key = ?", arguments: [nameKey])
                ?? 0 > 0
            {
                throw SCIMStoreError.uniqueness(attribute: "name")
            }
            let organizationID = try id ?? Self.nextNumericID(db, table: "organizations")
            if try Self.exists(db, table: "organizations", id: organizationID) {
                throw SCIMStoreError.uniqueness(attribute: "id")
            }
            let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM organizations") ?? 1
            try db.execute(
                sql: "INSERT INTO organizations (id, seq, name, name_key, created) VALUES (?, ?, ?, ?, ?)",
                arguments: [organizationID, seq, name, nameKey, created.rfc3339])
            return NinjaOneOrganization(id: organizationID, name: name, created: created)
        }
    }

    public func organizations() async throws -> [NinjaOneOrganization] {
        try await database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name, created FROM organizations ORDER BY seq")).map {
                row in
                NinjaOneOrganization(
                    id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                    created: try Self.timestamp(row, "created", table: "organizations"))
            }
        }
    }

    public func deleteOrganization(id: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM organizations WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func insertRole(
        name: String, kind: NinjaOneAccount.AccountType, created: SCIMTimestamp
    ) async throws
        -> NinjaOneRole
    {
        try await database.write { db in
            let nameKey = name.lowercased()
            let taken =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM roles WHERE name_key = ? AND kind = ?",
                    arguments: [nameKey, kind.rawValue]) ?? 0
            guard taken == 0 else { throw SCIMStoreError.uniqueness(attribute: "name") }
            let roleID = try Self.nextNumericID(db, table: "roles")
            let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM roles") ?? 1
            try db.execute(
                sql: "INSERT INTO roles (id, seq, name, name_key, kind, created) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [roleID, seq, name, nameKey, kind.rawValue, created.rfc3339])
            return NinjaOneRole(id: roleID, name: name, kind: kind, created: created)
        }
    }

    public func roles() async throws -> [NinjaOneRole] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, kind, created FROM roles ORDER BY seq").map { row in
                let kindText: String = try row.decode(forColumn: "kind")
                guard let kind = NinjaOneAccount.AccountType(rawValue: kindText) else {
                    throw SQLiteSCIMStoreError.corruptRow(table: "roles", column: "kind")
                }
                return NinjaOneRole(
                    id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"), kind: kind,
                    created: try Self.timestamp(row, "created", table: "roles"))
            }
        }
    }

    // MARK: - Group → role mappings

    public func saveGroupRoleMapping(_ mapping: GroupRoleMapping) async throws {
        try await database.write { db in
            let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM group_role_mappings") ?? 1
            try db.execute(
                sql: """
                    INSERT INTO group_role_mappings (group_id, seq, technician_role_id, end_user_role_id, updated)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(group_id) DO UPDATE SET technician_role_id = excluded.technician_role_id,
                        end_user_role_id = excluded.end_user_role_id, updated = excluded.updated
                    """,
                arguments: [
                    mapping.groupID, seq, mapping.technicianRoleID, mapping.endUserRoleID, mapping.updated.rfc3339,
                ])
        }
    }

    public func groupRoleMappings() async throws -> [GroupRoleMapping] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM group_role_mappings ORDER BY seq").map { row in
                GroupRoleMapping(
                    groupID: try row.decode(forColumn: "group_id"),
                    technicianRoleID: try row.decode(forColumn: "technician_role_id"),
                    endUserRoleID: try row.decode(forColumn: "end_user_role_id"),
                    updated: try Self.timestamp(row, "updated", table: "group_role_mappings"))
            }
        }
    }

    public func deleteGroupRoleMapping(groupID: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM group_role_mappings WHERE group_id = ?", arguments: [groupID])
            return db.changesCount > 0
        }
    }

    // MARK: - Identity provider

    public func identityProvider() async throws -> IdentityProviderState {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM identity_provider WHERE id = 1") else {
                return .initial
            }
            let sourceText: String = try row.decode(forColumn: "token_source")
            guard let source = IdentityProviderState.TokenSource(rawValue: sourceText) else {
                throw SQLiteSCIMStoreError.corruptRow(table: "identity_provider", column: "token_source")
            }
            let digestText: String? = try row.decode(forColumn: "token_digest")
            func time(_ column: String) throws -> SCIMTimestamp? {
                let text: String? = try row.decode(forColumn: column)
                return text.flatMap(SCIMTimestamp.init(rfc3339:))
            }
            return IdentityProviderState(
                scimEnabled: try row.decode(forColumn: "scim_enabled"), tokenSource: source,
                tokenDigest: digestText.flatMap(Self.bytes(hex:)), tokenGenerated: try time("token_generated"),
                tokenExpires: try time("token_expires"), tokenRevoked: try time("token_revoked"))
        }
    }

    public func saveIdentityProvider(_ state: IdentityProviderState) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO identity_provider
                        (id, scim_enabled, token_source, token_digest, token_generated, token_expires, token_revoked)
                    VALUES (1, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    state.scimEnabled, state.tokenSource.rawValue, state.tokenDigest.map(Self.hex),
                    state.tokenGenerated?.rfc3339, state.tokenExpires?.rfc3339, state.tokenRevoked?.rfc3339,
                ])
        }
    }

    // MARK: - Helpers

    /// One more than the largest numeric id of `table` (organizations and roles are numbered like NinjaOne's).
    private static func nextNumericID(_ db: Database, table: String) throws -> String {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM \(table)")
        return String((ids.compactMap { Int($0) }.max() ?? 0) + 1)
    }

    private static func timestamp(_ row: Row, _ column: String, table: String) throws -> SCIMTimestamp {
        let text: String = try row.decode(forColumn: column)
        guard let value = SCIMTimestamp(rfc3339: text) else {
            throw SQLiteSCIMStoreError.corruptRow(table: table, column: column)
        }
        return value
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }

    private static func bytes(hex text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
